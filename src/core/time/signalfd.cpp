#include "core/time/signalfd.hpp"

#include "core/base/uaccess.hpp"
#include "core/base/wait_queue.hpp"
#include "core/time/signals.hpp"
#include "host/host.hpp"

namespace ukp::time {
namespace {

lx_signalfd_siginfo to_ssi(const lx_siginfo& in) {
    lx_signalfd_siginfo o{};
    o.ssi_signo = static_cast<std::uint32_t>(in.si_signo);
    o.ssi_errno = in.si_errno;
    o.ssi_code = in.si_code;
    if (in.si_code == LX_SI_TIMER) {
        o.ssi_tid = static_cast<std::uint32_t>(in.un.timer.tid);
        o.ssi_overrun = static_cast<std::uint32_t>(in.un.timer.overrun);
        o.ssi_ptr = in.un.timer.value;
        o.ssi_int = static_cast<std::int32_t>(in.un.timer.value);
    } else {
        o.ssi_pid = static_cast<std::uint32_t>(in.un.kill.pid);
        o.ssi_uid = in.un.kill.uid;
        o.ssi_ptr = in.un.kill.value;
        o.ssi_int = static_cast<std::int32_t>(in.un.kill.value);
    }
    return o;
}

}  // namespace

SignalFd::SignalFd(Ref<vfs::Vnode> node, int flags, std::uint64_t mask)
    : File(std::move(node), flags), mask_(clean(mask)) {}

event::Notifier* SignalFd::notifier() { return &signal_notifier(); }

std::uint32_t SignalFd::poll_mask() {
    return (host::signal_pending() & mask_.load(std::memory_order_relaxed)) ? LX_POLLIN : 0;
}

Result<std::size_t> SignalFd::read(void* buf, std::size_t n) {
    std::size_t room = n / sizeof(lx_signalfd_siginfo);
    if (room == 0) return LX_EINVAL;
    std::uint64_t mask = mask_.load(std::memory_order_relaxed);
    auto* out = static_cast<char*>(buf);
    std::size_t got = 0;
    lx_siginfo info;
    while (got < room) {
        std::int64_t timeout = 0;
        if (got == 0 && !(flags() & LX_O_NONBLOCK)) timeout = -1;
        WaitQueue::SignalMark mark = WaitQueue::signal_mark();
        int sig = host::signal_take(mask, &info, timeout);
        if (sig == -LX_EINTR) {
            // Linux restarts a signalfd read when only SA_RESTART handlers ran.
            if (WaitQueue::signal_mark().no_restart == mark.no_restart) continue;
            return LX_EINTR;
        }
        if (sig < 0) break;
        lx_signalfd_siginfo ssi = to_ssi(info);
        // A signal taken but not copied is lost, as on Linux.
        Result<void> c = copy_out(out + got * sizeof ssi, ssi);
        if (!c.ok()) return got ? Result<std::size_t>(got * sizeof ssi) : Result<std::size_t>(c.error());
        ++got;
    }
    if (got == 0) return LX_EAGAIN;
    return got * sizeof(lx_signalfd_siginfo);
}

}  // namespace ukp::time
