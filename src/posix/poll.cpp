// poll/select/epoll/eventfd: the application's calls into the kernel's event
// syscalls. struct pollfd, fd_set, struct timeval/timespec and struct
// epoll_event have the Linux layout on a Linux host, so pointers pass through.
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <unistd.h>

#include "core/sys/sys.hpp"
#include "posix/passthrough.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

extern "C" [[noreturn]] void __chk_fail(void);

namespace {
const ukp::lx_timespec* lx(const struct timespec* ts) { return reinterpret_cast<const ukp::lx_timespec*>(ts); }
// What glibc passes as sigsetsize: the kernel's sigset, not glibc's 128 bytes.
constexpr std::size_t kKernelSigset = 8;
}  // namespace

UKP_EXPORT int poll(struct pollfd* fds, nfds_t nfds, int timeout) {
    UKP_ENTRY_ARGS(poll, fds, nfds, timeout);
    UKP_HOST_PASSTHROUGH(poll, fds, nfds, timeout);
    return ret<int>(sys::poll(fds, nfds, timeout));
}
UKP_EXPORT int __poll_chk(struct pollfd* fds, nfds_t nfds, int timeout, size_t fdslen) {
    UKP_ENTRY_ARGS(poll, fds, nfds, timeout, fdslen);
    if (fdslen / sizeof(*fds) < nfds) __chk_fail();
    return poll(fds, nfds, timeout);
}
// glibc passes a copy of the timeout: the caller's is never updated.
UKP_EXPORT int ppoll(struct pollfd* fds, nfds_t nfds, const struct timespec* timeout, const sigset_t* mask) {
    UKP_ENTRY_ARGS(ppoll, fds, nfds, timeout, mask);
    return ret<int>(sys::ppoll(fds, nfds, lx(timeout), mask, kKernelSigset));
}
UKP_EXPORT int __ppoll_chk(struct pollfd* fds, nfds_t nfds, const struct timespec* timeout,
                           const sigset_t* mask, size_t fdslen) {
    UKP_ENTRY_ARGS(ppoll, fds, nfds, timeout, mask, fdslen);
    if (fdslen / sizeof(*fds) < nfds) __chk_fail();
    return ppoll(fds, nfds, timeout, mask);
}

// select updates *timeout with the time left, as Linux does.
UKP_EXPORT int select(int nfds, fd_set* r, fd_set* w, fd_set* e, struct timeval* timeout) {
    UKP_ENTRY_ARGS(select, nfds, r, w, e, timeout);
    return ret<int>(sys::select(nfds, r, w, e, timeout));
}
UKP_EXPORT int __select(int nfds, fd_set* r, fd_set* w, fd_set* e, struct timeval* timeout) {
    UKP_ENTRY_ARGS(select, nfds, r, w, e, timeout);
    return select(nfds, r, w, e, timeout);
}
UKP_EXPORT int pselect(int nfds, fd_set* r, fd_set* w, fd_set* e, const struct timespec* timeout,
                       const sigset_t* mask) {
    UKP_ENTRY_ARGS(libc, nfds, r, w, e, timeout, mask);
    struct timespec copy;
    ukp::lx_timespec* tsp = nullptr;
    if (timeout) {
        copy = *timeout;
        tsp = reinterpret_cast<ukp::lx_timespec*>(&copy);
    }
    struct {
        const sigset_t* set;
        size_t size;
    } sig{mask, kKernelSigset};
    return ret<int>(sys::pselect6(nfds, r, w, e, tsp, &sig));
}

UKP_EXPORT int epoll_create(int size) { UKP_ENTRY_ARGS(epoll_create, size); return ret<int>(sys::epoll_create(size)); }
UKP_EXPORT int epoll_create1(int flags) {
    UKP_ENTRY_ARGS(epoll_create1, flags);
    return ret<int>(sys::epoll_create1(flags));
}
UKP_EXPORT int epoll_ctl(int epfd, int op, int fd, struct epoll_event* event) {
    UKP_ENTRY_ARGS(epoll_ctl, epfd, op, fd, event);
    return ret(sys::epoll_ctl(epfd, op, fd, event));
}
UKP_EXPORT int epoll_wait(int epfd, struct epoll_event* events, int maxevents, int timeout) {
    UKP_ENTRY_ARGS(epoll_wait, epfd, events, maxevents, timeout);
    return ret<int>(sys::epoll_wait(epfd, events, maxevents, timeout));
}
UKP_EXPORT int epoll_pwait(int epfd, struct epoll_event* events, int maxevents, int timeout,
                           const sigset_t* mask) {
    UKP_ENTRY_ARGS(epoll_pwait, epfd, events, maxevents, timeout, mask);
    return ret<int>(sys::epoll_pwait(epfd, events, maxevents, timeout, mask, kKernelSigset));
}
UKP_EXPORT int epoll_pwait2(int epfd, struct epoll_event* events, int maxevents, const struct timespec* timeout,
                            const sigset_t* mask) {
    UKP_ENTRY_ARGS(epoll_pwait2, epfd, events, maxevents, timeout, mask);
    return ret<int>(sys::epoll_pwait2(epfd, events, maxevents, lx(timeout), mask, kKernelSigset));
}

UKP_EXPORT int eventfd(unsigned int initval, int flags) {
    UKP_ENTRY_ARGS(eventfd, initval, flags);
    return ret<int>(sys::eventfd2(initval, flags));
}
UKP_EXPORT int eventfd_read(int fd, eventfd_t* value) {
    UKP_ENTRY_ARGS(libc, fd, value);
    ukp::Result<std::size_t> r = sys::read(fd, value, sizeof *value);
    if (r.ok() && *r != sizeof *value) return -1;
    return ret<int>(r) < 0 ? -1 : 0;
}
UKP_EXPORT int eventfd_write(int fd, eventfd_t value) {
    UKP_ENTRY_ARGS(libc, fd, value);
    ukp::Result<std::size_t> r = sys::write(fd, &value, sizeof value);
    if (r.ok() && *r != sizeof value) return -1;
    return ret<int>(r) < 0 ? -1 : 0;
}
