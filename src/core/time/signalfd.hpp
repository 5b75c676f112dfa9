// signalfd: the calling thread's pending signals of a set, read as 128-byte
// signalfd_siginfo records. The signals stay in the host (time/signals.hpp):
// a read takes them with host::signal_take, poll sees host::signal_pending.
// Every signalfd shares the kernel's signal Notifier, which fires when the
// kernel sends a signal (kill, raise, timers).
#pragma once

#include <atomic>
#include <cstdint>

#include "core/base/lock.hpp"
#include "core/time/abi.hpp"
#include "core/vfs/file.hpp"

namespace ukp::time {

class SignalFd final : public vfs::File {
public:
    SignalFd(Ref<vfs::Vnode> node, int flags, std::uint64_t mask);

    Result<std::size_t> read(void* buf, std::size_t n) override;
    Result<std::size_t> write(const void*, std::size_t) override { return LX_EINVAL; }
    // Linux's noop_llseek: the position stays 0.
    Result<std::int64_t> seek(std::int64_t, int) override { return 0; }
    std::uint32_t poll_mask() override;
    event::Notifier* notifier() override;

    void set_mask(std::uint64_t mask) { mask_.store(clean(mask), std::memory_order_relaxed); }

private:
    // SIGKILL and SIGSTOP cannot be taken, as on Linux.
    static std::uint64_t clean(std::uint64_t m) { return m & ~(sig_bit(LX_SIGKILL) | sig_bit(LX_SIGSTOP)); }
    std::atomic<std::uint64_t> mask_;
};

}  // namespace ukp::time
