// timerfd_create, timerfd_settime, timerfd_gettime.
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "core/time/clock.hpp"
#include "core/time/timerfd.hpp"
#include "core/vfs/anon_inode.hpp"

namespace ukp::sys {
namespace {

Result<time::TimerFd*> timerfd_of(int fd, Ref<vfs::File>& hold) {
    hold = TRY(file_of(fd));
    auto* t = dynamic_cast<time::TimerFd*>(hold.get());
    if (!t) return LX_EINVAL;
    return t;
}

}  // namespace

Result<int> timerfd_create(int clock, int flags) {
    if (flags & ~(LX_TFD_CLOEXEC | LX_TFD_NONBLOCK)) return LX_EINVAL;
    if (!time::timer_clock_ok(clock)) return LX_EINVAL;
    Process& p = current();
    Ref<vfs::AnonInode> node = vfs::make_anon_inode(vfs::AnonKind::Other, p.cred(), "[timerfd]");
    Ref<vfs::File> f = make_ref<time::TimerFd>(std::move(node), LX_O_RDWR | (flags & LX_TFD_NONBLOCK), clock);
    return p.fds().install(std::move(f), (flags & LX_TFD_CLOEXEC) != 0);
}

// TFD_TIMER_CANCEL_ON_SET is accepted and never fires: the kernel's wall
// clock is the host's and nothing inside ukp can set it.
Result<void> timerfd_settime(int fd, int flags, const lx_itimerspec* value, lx_itimerspec* old) {
    // Linux's order: copy in, check flags and values, then the fd.
    lx_itimerspec v;
    TRY(copy_in(v, value));
    if (flags & ~(LX_TFD_TIMER_ABSTIME | LX_TFD_TIMER_CANCEL_ON_SET)) return LX_EINVAL;
    std::int64_t value_ns = TRY(time::ns_of(v.it_value));
    std::int64_t interval_ns = TRY(time::ns_of(v.it_interval));
    Ref<vfs::File> hold;
    time::TimerFd* t = TRY(timerfd_of(fd, hold));
    std::int64_t old_value, old_interval;
    TRY(t->settime(flags & LX_TFD_TIMER_ABSTIME, value_ns, interval_ns, &old_value, &old_interval));
    if (old)
        TRY(copy_out(old, lx_itimerspec{time::timespec_of(old_interval), time::timespec_of(old_value)}));
    return success();
}

Result<void> timerfd_gettime(int fd, lx_itimerspec* value) {
    Ref<vfs::File> hold;
    time::TimerFd* t = TRY(timerfd_of(fd, hold));
    std::int64_t v, i;
    t->gettime(&v, &i);
    return copy_out(value, lx_itimerspec{time::timespec_of(i), time::timespec_of(v)});
}

}  // namespace ukp::sys
