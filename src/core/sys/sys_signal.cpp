// signalfd4 and sending signals.
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "core/time/signalfd.hpp"
#include "core/time/signals.hpp"
#include "core/vfs/anon_inode.hpp"
#include "host/host.hpp"

namespace ukp::sys {

Result<int> signalfd4(int fd, const std::uint64_t* app_mask, std::size_t sizemask, int flags) {
    if (flags & ~(LX_SFD_CLOEXEC | LX_SFD_NONBLOCK)) return LX_EINVAL;
    if (sizemask != sizeof(std::uint64_t)) return LX_EINVAL;
    std::uint64_t mask;
    TRY(copy_in(mask, app_mask));
    Process& p = current();
    if (fd != -1) {
        Ref<vfs::File> f = TRY(file_of(fd));
        auto* s = dynamic_cast<time::SignalFd*>(f.get());
        if (!s) return LX_EINVAL;
        s->set_mask(mask);
        time::signal_notifier().notify(LX_POLLIN);
        return fd;
    }
    Ref<vfs::AnonInode> node = vfs::make_anon_inode(vfs::AnonKind::Other, p.cred(), "[signalfd]");
    Ref<vfs::File> f = make_ref<time::SignalFd>(std::move(node), LX_O_RDWR | (flags & LX_SFD_NONBLOCK), mask);
    return p.fds().install(std::move(f), (flags & LX_SFD_CLOEXEC) != 0);
}

Result<void> kill(std::int32_t pid, int sig) { return time::send_signal(pid, 0, sig, nullptr); }

Result<void> tgkill(std::int32_t tgid, std::int32_t tid, int sig) {
    if (tgid <= 0 || tid <= 0) return LX_EINVAL;
    return time::send_signal(tgid, tid, sig, nullptr);
}

Result<void> rt_sigqueueinfo(std::int32_t pid, int sig, const lx_siginfo* app_info) {
    lx_siginfo info;
    TRY(copy_in(info, app_info));
    // Which codes may be forged is the host's check (Linux's: only
    // negative ones, unless the caller is the target itself).
    info.si_signo = sig;
    return time::send_signal(pid, 0, sig, &info);
}

Result<void> raise(int sig) {
    if (sig < 0 || sig > LX_NSIG) return LX_EINVAL;
    host::signal_thread(sig);
    time::signal_notifier().notify(LX_POLLIN);
    return success();
}

void signal_sent() { time::signal_notifier().notify(LX_POLLIN); }

}  // namespace ukp::sys
