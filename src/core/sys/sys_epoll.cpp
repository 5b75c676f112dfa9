// epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2.
#include "core/event/epoll.hpp"

#include "core/event/wait_args.hpp"
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "core/vfs/anon_inode.hpp"

namespace ukp::sys {
namespace {

// Linux's EP_MAX_EVENTS.
constexpr int kMaxEvents = static_cast<int>(0x7fffffff / sizeof(lx_epoll_event));
// Only these may come with EPOLLEXCLUSIVE (Linux's EPOLLEXCLUSIVE_OK_BITS).
constexpr std::uint32_t kExclusiveOk = LX_EPOLLIN | LX_EPOLLOUT | LX_EPOLLERR | LX_EPOLLHUP |
                                       LX_EPOLLWAKEUP | LX_EPOLLET | LX_EPOLLEXCLUSIVE;

Result<int> wait_common(int epfd, void* events, int maxevents, std::int64_t deadline) {
    if (maxevents <= 0 || maxevents > kMaxEvents) return LX_EINVAL;
    // Linux's access_ok on the whole array comes before the fd.
    TRY(check_app_range(events, static_cast<std::size_t>(maxevents) * sizeof(lx_epoll_event)));
    Ref<vfs::File> f = TRY(file_of(epfd));
    event::Epoll* ep = event::Epoll::from(*f);
    if (!ep) return LX_EINVAL;
    return ep->wait(events, maxevents,
                    deadline == event::kPollNoWait ? event::Epoll::kNoWait : deadline);
}

}  // namespace

Result<int> epoll_create1(int flags) {
    if (flags & ~LX_EPOLL_CLOEXEC) return LX_EINVAL;
    Process& p = current();
    Ref<vfs::AnonInode> node = vfs::make_anon_inode(vfs::AnonKind::Other, p.cred(), "eventpoll");
    Ref<vfs::File> f = make_ref<event::Epoll>(std::move(node), LX_O_RDWR);
    return p.fds().install(std::move(f), (flags & LX_EPOLL_CLOEXEC) != 0);
}

Result<int> epoll_create(int size) {
    if (size <= 0) return LX_EINVAL;
    return epoll_create1(0);
}

Result<void> epoll_ctl(int epfd, int op, int fd, const void* app_event) {
    lx_epoll_event ev{};
    if (op != LX_EPOLL_CTL_DEL) TRY(copy_in(ev, app_event));
    Ref<vfs::File> f = TRY(file_of(epfd));
    Ref<vfs::File> target = TRY(file_of(fd));
    if (!target->notifier()) return LX_EPERM;
    // No CAP_BLOCK_SUSPEND here: Linux drops the bit silently then.
    ev.events &= ~LX_EPOLLWAKEUP;
    event::Epoll* ep = event::Epoll::from(*f);
    if (f == target || !ep) return LX_EINVAL;
    if (op != LX_EPOLL_CTL_DEL && (ev.events & LX_EPOLLEXCLUSIVE)) {
        if (op == LX_EPOLL_CTL_MOD) return LX_EINVAL;
        if (op == LX_EPOLL_CTL_ADD && (event::Epoll::from(*target) || (ev.events & ~kExclusiveOk)))
            return LX_EINVAL;
    }
    return ep->ctl(op, fd, *target, ev);
}

Result<int> epoll_wait(int epfd, void* events, int maxevents, int timeout_ms) {
    return wait_common(epfd, events, maxevents, event::deadline_from_ms(timeout_ms));
}

Result<int> epoll_pwait(int epfd, void* events, int maxevents, int timeout_ms, const void* sigmask,
                        std::size_t sigsetsize) {
    event::SigmaskScope scope;
    TRY(scope.apply(sigmask, sigsetsize));
    std::int64_t deadline = scope.deadline(event::deadline_from_ms(timeout_ms));
    return scope.finish(wait_common(epfd, events, maxevents, deadline));
}

Result<int> epoll_pwait2(int epfd, void* events, int maxevents, const lx_timespec* timeout,
                         const void* sigmask, std::size_t sigsetsize) {
    std::int64_t deadline = TRY(event::deadline_from_timespec(timeout));
    event::SigmaskScope scope;
    TRY(scope.apply(sigmask, sigsetsize));
    return scope.finish(wait_common(epfd, events, maxevents, scope.deadline(deadline)));
}

}  // namespace ukp::sys
