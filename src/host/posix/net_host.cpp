// Host sockets for the `host` network kind (host.hpp, "host sockets").
//
// Linux hosts: the kernel's Linux vocabulary is the host's own (sockaddr
// layout, SOCK_/MSG_/SOL_/SO_ numbers, errno, POLL* bits), so every call
// passes its arguments through. A macOS host would translate at the marked
// places (sockaddr: sa_len byte and AF_INET6 = 30; MSG_/SO_ numbers; errno)
// and watch with kqueue (EVFILT_READ/EVFILT_WRITE, EV_CLEAR) instead of epoll;
// until someone writes that, other hosts answer -ENOSYS.
//
// Readiness: one watcher thread waits on a host epoll set in edge-triggered
// mode, so each change (an arrival, room in the send buffer, a hang-up) is
// reported once, and calls the handle's watch function. The watch table is
// indexed by host descriptor and guarded by one mutex that is held while a
// batch of events is dispatched; sock_close clears the entry under it before
// the descriptor is closed, so a watch never runs after sock_close returned.
// An event fetched for a descriptor that was closed and reused meanwhile
// reaches the new owner: a spurious wake-up, which the kernel tolerates.
#include "../host.hpp"
#include "libc.hpp"

#include <cerrno>
#include <cstring>
#include <mutex>
#include <vector>

#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#if defined(__linux__)
#include <sys/epoll.h>
#endif

namespace ukp::host {

#if defined(__linux__)
namespace {

// libukp exports epoll_*, accept4 and pthread_create (which would capture
// the new thread's system calls as application code's) itself: reach the
// host's past them.
struct Api {
    int (*pthread_create)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);
    int (*epoll_create1)(int);
    int (*epoll_ctl)(int, int, int, epoll_event*);
    int (*epoll_wait)(int, epoll_event*, int, int);
    int (*accept4)(int, sockaddr*, socklen_t*, int);
};

template <typename F>
void resolve(F& slot, const char* name) {
    void* p = dlsym(RTLD_NEXT, name);
    if (!p) p = dlsym(RTLD_DEFAULT, name);
    if (!p) panic("ukp host: cannot find a libc function for host sockets");
    slot = reinterpret_cast<F>(p);
}

const Api& api() {
    static const Api a = [] {
        Api t{};
        resolve(t.epoll_create1, "epoll_create1");
        resolve(t.epoll_ctl, "epoll_ctl");
        resolve(t.epoll_wait, "epoll_wait");
        resolve(t.accept4, "accept4");
        resolve(t.pthread_create, "pthread_create");
        return t;
    }();
    return a;
}

struct Entry {
    SockWatchFn fn = nullptr;
    void* ctx = nullptr;
};

struct Watcher {
    int ep = -1;
    std::mutex mu;               // the table, and every run of a watch function
    std::vector<Entry> table;    // by host descriptor
    pthread_t thread{};
};

// Linux's EPOLL* bits are its POLL* bits; RDNORM/WRNORM are what Linux's
// socket poll adds to IN/OUT.
std::uint32_t lx_events(std::uint32_t ev) {
    std::uint32_t m = ev & (EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLRDHUP | EPOLLPRI);
    if (ev & EPOLLIN) m |= EPOLLRDNORM;
    if (ev & EPOLLOUT) m |= EPOLLWRNORM;
    return m;
}

void* watcher_main(void* arg) {
    auto* w = static_cast<Watcher*>(arg);
    epoll_event evs[256];
    for (;;) {
        int n = api().epoll_wait(w->ep, evs, 256, -1);
        if (n <= 0) continue;  // EINTR
        std::lock_guard<std::mutex> g(w->mu);
        for (int i = 0; i < n; ++i) {
            int fd = evs[i].data.fd;
            if (fd < 0 || static_cast<std::size_t>(fd) >= w->table.size()) continue;
            const Entry& e = w->table[static_cast<std::size_t>(fd)];
            if (e.fn) e.fn(e.ctx, lx_events(evs[i].events));
        }
    }
    return nullptr;
}

// Started at the first watch; lives as long as the process.
Watcher* watcher() {
    static Watcher* w = [] {
        auto* v = new Watcher;
        v->ep = api().epoll_create1(EPOLL_CLOEXEC);
        if (v->ep < 0) panic("ukp host: epoll_create1 failed for host sockets");
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);  // no application handler runs there
        int rc = api().pthread_create(&v->thread, nullptr, watcher_main, v);
        pthread_sigmask(SIG_SETMASK, &old, nullptr);
        if (rc != 0) panic("ukp host: cannot start the host socket watcher");
        pthread_detach(v->thread);
        return v;
    }();
    return w;
}

int neg_errno() { return -errno; }  // macOS: translate errno to Linux's here

}  // namespace

int sock_open(int domain, int type, int protocol) {
    int fd = libc::get().socket(domain, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
    return fd < 0 ? neg_errno() : fd;
}

void sock_close(int handle) {
    if (handle < 0) return;
    Watcher* w = watcher();
    {
        std::lock_guard<std::mutex> g(w->mu);
        if (static_cast<std::size_t>(handle) < w->table.size()) w->table[static_cast<std::size_t>(handle)] = {};
    }
    api().epoll_ctl(w->ep, EPOLL_CTL_DEL, handle, nullptr);
    libc::get().close(handle);
}

int sock_watch(int handle, SockWatchFn fn, void* ctx) {
    if (handle < 0) return -EBADF;
    Watcher* w = watcher();
    {
        std::lock_guard<std::mutex> g(w->mu);
        auto i = static_cast<std::size_t>(handle);
        if (i >= w->table.size()) w->table.resize(i + 64);
        w->table[i] = Entry{fn, ctx};
    }
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLPRI | EPOLLET;
    ev.data.fd = handle;
    if (api().epoll_ctl(w->ep, EPOLL_CTL_ADD, handle, &ev) < 0) {
        int e = neg_errno();
        std::lock_guard<std::mutex> g(w->mu);
        w->table[static_cast<std::size_t>(handle)] = {};
        return e;
    }
    return 0;
}

int sock_bind(int handle, const void* addr, std::uint32_t len) {
    return libc::get().bind(handle, static_cast<const sockaddr*>(addr), len) < 0 ? neg_errno() : 0;
}

int sock_connect(int handle, const void* addr, std::uint32_t len) {
    return libc::get().connect(handle, static_cast<const sockaddr*>(addr), len) < 0 ? neg_errno() : 0;
}

int sock_listen(int handle, int backlog) {
    return libc::get().listen(handle, backlog) < 0 ? neg_errno() : 0;
}

int sock_accept(int handle, void* addr, std::uint32_t* len) {
    socklen_t l = len ? *len : 0;
    int fd = api().accept4(handle, static_cast<sockaddr*>(addr), addr ? &l : nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return neg_errno();
    if (len) *len = l;
    return fd;
}

// One buffer, the address and the control bytes of a SockIo as a msghdr.
static msghdr to_msghdr(SockIo& io, iovec& iov) {
    iov = {io.data, io.len};
    msghdr m{};
    m.msg_name = io.addr;
    m.msg_namelen = io.addr ? io.addr_len : 0;
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = io.control;
    m.msg_controllen = io.control ? io.control_len : 0;
    return m;
}

std::ptrdiff_t sock_sendmsg(int handle, SockIo& io, int flags) {
    iovec iov;
    msghdr m = to_msghdr(io, iov);
    ssize_t r = libc::get().sendmsg(handle, &m, flags | MSG_DONTWAIT | MSG_NOSIGNAL);
    return r < 0 ? neg_errno() : r;
}

std::ptrdiff_t sock_recvmsg(int handle, SockIo& io, int flags) {
    iovec iov;
    msghdr m = to_msghdr(io, iov);
    ssize_t r = libc::get().recvmsg(handle, &m, flags | MSG_DONTWAIT);
    if (r < 0) return neg_errno();
    io.addr_len = io.addr ? m.msg_namelen : 0;
    io.control_len = io.control ? m.msg_controllen : 0;
    io.out_flags = m.msg_flags;
    return r;
}

int sock_shutdown(int handle, int how) {
    return libc::get().shutdown(handle, how) < 0 ? neg_errno() : 0;
}

int sock_getsockname(int handle, void* addr, std::uint32_t* len) {
    socklen_t l = *len;
    if (libc::get().getsockname(handle, static_cast<sockaddr*>(addr), &l) < 0) return neg_errno();
    *len = l;
    return 0;
}

int sock_getpeername(int handle, void* addr, std::uint32_t* len) {
    socklen_t l = *len;
    if (libc::get().getpeername(handle, static_cast<sockaddr*>(addr), &l) < 0) return neg_errno();
    *len = l;
    return 0;
}

int sock_setsockopt(int handle, int level, int name, const void* val, std::uint32_t len) {
    return libc::get().setsockopt(handle, level, name, val, len) < 0 ? neg_errno() : 0;
}

int sock_getsockopt(int handle, int level, int name, void* val, std::uint32_t* len) {
    socklen_t l = *len;
    if (libc::get().getsockopt(handle, level, name, val, &l) < 0) return neg_errno();
    *len = l;
    return 0;
}

int sock_ioctl(int handle, unsigned long request, int* out) {
    return libc::get().ioctl(handle, request, out) < 0 ? neg_errno() : 0;
}

std::uint32_t sock_poll(int handle) {
    pollfd p{handle, POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLRDHUP | POLLPRI, 0};
    if (libc::get().poll(&p, 1, 0) <= 0) return 0;
    return static_cast<std::uint16_t>(p.revents);  // macOS: translate POLL* bits here
}

std::ptrdiff_t sock_resolv_conf(char* buf, std::size_t cap) {
    int fd = libc::get().open("/etc/resolv.conf", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return neg_errno();
    std::size_t got = 0;
    char spill[512];
    std::ptrdiff_t total = 0;
    for (;;) {  // the full length even when it does not fit
        char* dst = got < cap ? buf + got : spill;
        std::size_t room = got < cap ? cap - got : sizeof spill;
        ssize_t n = libc::get().read(fd, dst, room);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (got < cap) got += static_cast<std::size_t>(n);
        total += n;
    }
    libc::get().close(fd);
    return total;
}

#else  // hosts without a translation yet

namespace {
constexpr int kLinuxENOSYS = 38;
}

int sock_open(int, int, int) { return -kLinuxENOSYS; }
void sock_close(int) {}
int sock_watch(int, SockWatchFn, void*) { return -kLinuxENOSYS; }
int sock_bind(int, const void*, std::uint32_t) { return -kLinuxENOSYS; }
int sock_connect(int, const void*, std::uint32_t) { return -kLinuxENOSYS; }
int sock_listen(int, int) { return -kLinuxENOSYS; }
int sock_accept(int, void*, std::uint32_t*) { return -kLinuxENOSYS; }
std::ptrdiff_t sock_sendmsg(int, SockIo&, int) { return -kLinuxENOSYS; }
std::ptrdiff_t sock_recvmsg(int, SockIo&, int) { return -kLinuxENOSYS; }
int sock_shutdown(int, int) { return -kLinuxENOSYS; }
int sock_getsockname(int, void*, std::uint32_t*) { return -kLinuxENOSYS; }
int sock_getpeername(int, void*, std::uint32_t*) { return -kLinuxENOSYS; }
int sock_setsockopt(int, int, int, const void*, std::uint32_t) { return -kLinuxENOSYS; }
int sock_getsockopt(int, int, int, void*, std::uint32_t*) { return -kLinuxENOSYS; }
int sock_ioctl(int, unsigned long, int*) { return -kLinuxENOSYS; }
std::uint32_t sock_poll(int) { return 0; }
std::ptrdiff_t sock_resolv_conf(char*, std::size_t) { return -kLinuxENOSYS; }

#endif

}  // namespace ukp::host
