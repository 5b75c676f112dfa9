// eventfd(2): a 64-bit counter as a file. write adds, read takes the whole
// count (or 1 in EFD_SEMAPHORE mode); readers block at 0, writers block when
// the sum would pass 0xfffffffffffffffe. Readiness goes through its Notifier
// (POLLIN when the count is > 0, POLLOUT while one more write of 1 fits).
//
// Lock order: lock_ -> notifier_'s lock (notify is called under lock_).
#pragma once

#include <cstdint>

#include "core/base/lock.hpp"
#include "core/base/wait_queue.hpp"
#include "core/event/notifier.hpp"
#include "core/vfs/file.hpp"

namespace ukp::event {

class EventFd final : public vfs::File {
public:
    // flags: the open flags (O_RDWR plus O_NONBLOCK from EFD_NONBLOCK).
    EventFd(Ref<vfs::Vnode> node, int flags, std::uint64_t initial, bool semaphore);

    Result<std::size_t> read(void* buf, std::size_t n) override;
    Result<std::size_t> write(const void* buf, std::size_t n) override;
    // Linux's noop_llseek: the position stays 0.
    Result<std::int64_t> seek(std::int64_t, int) override { return 0; }
    std::uint32_t poll_mask() override;
    Notifier* notifier() override { return &notifier_; }

    // eventfd_read/eventfd_write from inside the kernel (tests, AIO-like
    // users): same rules, no application copies.
    Result<std::uint64_t> take(bool nonblock);
    Result<void> add(std::uint64_t value, bool nonblock);

private:
    static constexpr std::uint64_t kMax = 0xfffffffffffffffeull;

    Mutex lock_;
    std::uint64_t count_;
    const bool semaphore_;
    WaitQueue readers_;
    WaitQueue writers_;
    Notifier notifier_;
};

}  // namespace ukp::event
