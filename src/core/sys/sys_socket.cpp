// Socket calls: copy the application's addresses, iovec arrays, msghdrs
// and control buffers in, find the net::Socket behind the fd, let its
// family do the work, copy results out (Linux's net/socket.c).
#include <cstddef>
#include <cstring>

#include "core/net/socket.hpp"
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "host/host.hpp"

namespace ukp::sys {
namespace {

constexpr int kUioMaxIov = 1024;
constexpr std::size_t kMaxRw = 0x7ffff000;
constexpr std::size_t kOptMemMax = 131072;  // net.core.optmem_max
constexpr std::uint32_t kOptBuf = 256;

Result<Ref<net::Socket>> socket_of(int fd) {
    Ref<vfs::File> f = TRY(file_of(fd));
    if (f->flags() & LX_O_PATH) return LX_EBADF;
    net::Socket* s = net::as_socket(*f);
    if (!s) return LX_ENOTSOCK;
    return Ref<net::Socket>(s);
}

// move_addr_to_kernel
Result<void> addr_in(const void* app, std::uint32_t len, net::SockAddr& out) {
    if (len > LX_SOCKADDR_STORAGE) return LX_EINVAL;
    out.len = len;
    if (len) TRY(copy_from_app(out.bytes, app, len));
    return success();
}

// move_addr_to_user: copies what fits, reports the full length.
Result<void> addr_out(const net::SockAddr& a, void* app, std::uint32_t* app_len) {
    std::int32_t len;
    TRY(copy_in(len, app_len));
    if (len < 0) return LX_EINVAL;
    std::uint32_t n = static_cast<std::uint32_t>(len) < a.len ? static_cast<std::uint32_t>(len) : a.len;
    if (n) TRY(copy_to_app(app, a.bytes, n));
    return copy_out(app_len, a.len);
}

Result<int> install(Ref<net::Socket> s, int type_flags) {
    return current().fds().install(std::move(s), type_flags & LX_SOCK_CLOEXEC);
}

// Splits socket(2)'s type argument; EINVAL for unknown flags or types.
Result<int> split_type(int type, int* flags) {
    if (type & ~(LX_SOCK_TYPE_MASK | LX_SOCK_NONBLOCK | LX_SOCK_CLOEXEC)) return LX_EINVAL;
    *flags = type & (LX_SOCK_NONBLOCK | LX_SOCK_CLOEXEC);
    int t = type & LX_SOCK_TYPE_MASK;
    if (t >= LX_SOCK_MAX) return LX_EINVAL;
    return t;
}

Result<const net::Family*> family_of(int domain) {
    if (domain < 0 || domain >= LX_AF_MAX) return LX_EAFNOSUPPORT;
    const net::Family* f = net::find_family(domain);
    if (!f) return LX_EAFNOSUPPORT;
    return f;
}

struct IovArray {
    lx_iovec v[kUioMaxIov];
    std::size_t total = 0;
};

Result<void> iov_in(const lx_iovec* app, std::uint64_t count, IovArray& out) {
    if (count > kUioMaxIov) return LX_EMSGSIZE;
    if (count) TRY(copy_from_app(out.v, app, sizeof(lx_iovec) * count));
    std::uint64_t total = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (out.v[i].iov_len > static_cast<std::uint64_t>(INT64_MAX)) return LX_EINVAL;
        // Linux's import_iovec shortens the array at MAX_RW_COUNT.
        if (total + out.v[i].iov_len > kMaxRw) out.v[i].iov_len = kMaxRw - total;
        total += out.v[i].iov_len;
    }
    out.total = total;
    return success();
}

// One sendmsg, with the msghdr already copied in.
Result<std::size_t> do_sendmsg(net::Socket& s, const lx_msghdr& h, int flags, IovArray& iov) {
    net::SockAddr to;
    if (h.msg_name && h.msg_namelen) TRY(addr_in(h.msg_name, h.msg_namelen, to));
    else if (h.msg_namelen > LX_SOCKADDR_STORAGE) return LX_EINVAL;
    TRY(iov_in(h.msg_iov, h.msg_iovlen, iov));
    if (h.msg_controllen > 0x7fffffff) return LX_ENOBUFS;
    std::uint8_t small[256];
    std::uint8_t* ctl = small;
    std::size_t ctl_len = h.msg_controllen;
    if (ctl_len > sizeof small) {
        if (ctl_len > kOptMemMax) return LX_ENOBUFS;
        ctl = static_cast<std::uint8_t*>(mem::allocate(ctl_len));
    }
    struct Free {
        std::uint8_t* p;
        std::uint8_t* small;
        std::size_t n;
        ~Free() {
            if (p != small) mem::deallocate(p, n);
        }
    } guard{ctl, small, ctl_len};
    if (ctl_len) TRY(copy_from_app(ctl, h.msg_control, ctl_len));
    net::SendMsg m;
    m.iov = iov.v;
    m.iovcnt = static_cast<int>(h.msg_iovlen);
    m.total = iov.total;
    m.to = to.len ? &to : nullptr;
    m.control = ctl;
    m.controllen = ctl_len;
    m.flags = flags;
    return s.sendmsg(m);
}

// One recvmsg; updates the application's msghdr (namelen, controllen, flags).
Result<std::size_t> do_recvmsg(net::Socket& s, lx_msghdr* app_h, int flags, IovArray& iov) {
    lx_msghdr h;
    TRY(copy_in(h, app_h));
    TRY(iov_in(h.msg_iov, h.msg_iovlen, iov));
    if (h.msg_name && static_cast<std::int32_t>(h.msg_namelen) < 0) return LX_EINVAL;
    std::size_t ctl_cap = h.msg_control ? h.msg_controllen : 0;
    if (ctl_cap > kOptMemMax) ctl_cap = kOptMemMax;
    std::uint8_t small[256];
    std::uint8_t* ctl = small;
    if (ctl_cap > sizeof small) ctl = static_cast<std::uint8_t*>(mem::allocate(ctl_cap));
    struct Free {
        std::uint8_t* p;
        std::uint8_t* small;
        std::size_t n;
        ~Free() {
            if (p != small) mem::deallocate(p, n);
        }
    } guard{ctl, small, ctl_cap};
    net::CmsgWriter cw(ctl, ctl_cap);
    net::SockAddr from;
    net::RecvMsg m;
    m.iov = iov.v;
    m.iovcnt = static_cast<int>(h.msg_iovlen);
    m.total = iov.total;
    m.from = h.msg_name ? &from : nullptr;
    m.cmsg = h.msg_control ? &cw : nullptr;
    m.flags = flags;
    std::size_t n = TRY(s.recvmsg(m));
    if (cw.truncated()) m.out_flags |= LX_MSG_CTRUNC;
    if (h.msg_name) TRY(addr_out(from, h.msg_name, &app_h->msg_namelen));
    if (cw.used()) TRY(copy_to_app(h.msg_control, ctl, cw.used()));
    std::int32_t out_flags = m.out_flags | (flags & LX_MSG_CMSG_CLOEXEC);
    TRY(copy_out(&app_h->msg_flags, out_flags));
    std::uint64_t used = cw.used();
    TRY(copy_out(&app_h->msg_controllen, used));
    return n;
}

}  // namespace

Result<int> socket(int domain, int type, int protocol) {
    int flags;
    int t = TRY(split_type(type, &flags));
    const net::Family* fam = TRY(family_of(domain));
    Ref<net::Socket> s = TRY(fam->create(t, protocol, flags & LX_SOCK_NONBLOCK));
    return install(std::move(s), flags);
}

Result<void> socketpair(int domain, int type, int protocol, int* app_sv) {
    int flags;
    int t = TRY(split_type(type, &flags));
    const net::Family* fam = TRY(family_of(domain));
    if (!fam->socketpair) return LX_EOPNOTSUPP;
    Ref<net::Socket> pair[2];
    TRY(fam->socketpair(t, protocol, flags & LX_SOCK_NONBLOCK, pair));
    // Another thread may close and reuse an fd as soon as it is installed:
    // undoing removes only what still is ours (`pair` keeps the files, so
    // no other file can have their addresses).
    int fds[2];
    fds[0] = TRY(install(pair[0], flags));
    Result<int> second = install(pair[1], flags);
    if (!second.ok()) {
        (void)current().fds().remove_if_same(fds[0], pair[0].get());
        return second.error();
    }
    fds[1] = *second;
    Result<void> r = copy_to_app(app_sv, fds, sizeof fds);
    if (!r.ok()) {
        (void)current().fds().remove_if_same(fds[0], pair[0].get());
        (void)current().fds().remove_if_same(fds[1], pair[1].get());
    }
    return r;
}

Result<void> bind(int fd, const void* addr, std::uint32_t len) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    net::SockAddr a;
    TRY(addr_in(addr, len, a));
    return s->bind(a);
}

Result<void> connect(int fd, const void* addr, std::uint32_t len) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    net::SockAddr a;
    TRY(addr_in(addr, len, a));
    return s->connect(a);
}

Result<void> listen(int fd, int backlog) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    return s->listen(backlog);
}

Result<int> accept4(int fd, void* addr, std::uint32_t* len, int flags) {
    if (flags & ~(LX_SOCK_CLOEXEC | LX_SOCK_NONBLOCK)) return LX_EINVAL;
    Ref<net::Socket> s = TRY(socket_of(fd));
    net::SockAddr peer;
    Ref<net::Socket> n = TRY(s->accept(addr ? &peer : nullptr, flags));
    if (addr) TRY(addr_out(peer, addr, len));
    return install(std::move(n), flags);
}

Result<std::size_t> sendto(int fd, const void* buf, std::size_t n, int flags, const void* addr, std::uint32_t len) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    if (n > kMaxRw) n = kMaxRw;
    lx_iovec iov{const_cast<void*>(buf), n};
    net::SockAddr to;
    net::SendMsg m;
    if (addr) {
        TRY(addr_in(addr, len, to));
        if (to.len) m.to = &to;
    }
    m.iov = &iov;
    m.iovcnt = 1;
    m.total = n;
    m.flags = flags;
    return s->sendmsg(m);
}

Result<std::size_t> recvfrom(int fd, void* buf, std::size_t n, int flags, void* addr, std::uint32_t* len) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    if (n > kMaxRw) n = kMaxRw;
    lx_iovec iov{buf, n};
    net::SockAddr from;
    net::RecvMsg m;
    m.iov = &iov;
    m.iovcnt = 1;
    m.total = n;
    m.from = addr ? &from : nullptr;
    m.flags = flags;
    std::size_t got = TRY(s->recvmsg(m));
    if (addr) TRY(addr_out(from, addr, len));
    return got;
}

Result<std::size_t> sendmsg(int fd, const void* app_msg, int flags) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    lx_msghdr h;
    TRY(copy_in(h, app_msg));
    IovArray iov;
    return do_sendmsg(*s, h, flags, iov);
}

Result<std::size_t> recvmsg(int fd, void* app_msg, int flags) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    IovArray iov;
    return do_recvmsg(*s, static_cast<lx_msghdr*>(app_msg), flags, iov);
}

namespace {

// Fields of the i-th mmsghdr of an application array, found by address
// arithmetic only: the array may be anything, so no typed access to it.
void* mmsg_hdr(void* app_vec, unsigned i) {
    return static_cast<std::uint8_t*>(app_vec) + std::size_t{i} * sizeof(lx_mmsghdr) + offsetof(lx_mmsghdr, msg_hdr);
}
void* mmsg_len(void* app_vec, unsigned i) {
    return static_cast<std::uint8_t*>(app_vec) + std::size_t{i} * sizeof(lx_mmsghdr) + offsetof(lx_mmsghdr, msg_len);
}

}  // namespace

Result<int> sendmmsg(int fd, void* app_vec, unsigned vlen, int flags) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    if (vlen > kUioMaxIov) vlen = kUioMaxIov;
    IovArray iov;
    unsigned done = 0;
    for (; done < vlen; ++done) {
        lx_msghdr h;
        Result<void> c = copy_in(h, static_cast<const lx_msghdr*>(mmsg_hdr(app_vec, done)));
        Result<std::size_t> r = c.ok() ? do_sendmsg(*s, h, flags, iov) : Result<std::size_t>(c.error());
        if (r.ok()) {
            std::uint32_t n = static_cast<std::uint32_t>(*r);
            r = copy_out(static_cast<std::uint32_t*>(mmsg_len(app_vec, done)), n).ok() ? r
                                                                                        : Result<std::size_t>(LX_EFAULT);
        }
        if (!r.ok()) {
            if (done) break;
            return r.error();
        }
    }
    return static_cast<int>(done);
}

Result<int> recvmmsg(int fd, void* app_vec, unsigned vlen, int flags, const void* app_timeout) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    std::int64_t deadline = -1;
    if (app_timeout) {
        lx_timespec ts;
        TRY(copy_in(ts, app_timeout));
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000) return LX_EINVAL;
        // A timeout beyond ~290 years is no timeout (and must not overflow).
        if (ts.tv_sec < 9'000'000'000) deadline = host::clock_monotonic() + ts.tv_sec * 1000000000ll + ts.tv_nsec;
    }
    if (vlen > kUioMaxIov) vlen = kUioMaxIov;
    IovArray iov;
    unsigned done = 0;
    int f = flags & ~LX_MSG_WAITFORONE;
    for (; done < vlen; ++done) {
        Result<std::size_t> r = do_recvmsg(*s, static_cast<lx_msghdr*>(mmsg_hdr(app_vec, done)), f, iov);
        if (r.ok()) {
            std::uint32_t n = static_cast<std::uint32_t>(*r);
            if (!copy_out(static_cast<std::uint32_t*>(mmsg_len(app_vec, done)), n).ok()) r = LX_EFAULT;
        }
        if (!r.ok()) {
            if (done) break;
            return r.error();
        }
        if (flags & LX_MSG_WAITFORONE) f |= LX_MSG_DONTWAIT;
        if (deadline >= 0 && host::clock_monotonic() >= deadline) {
            ++done;
            break;
        }
    }
    return static_cast<int>(done);
}

Result<void> shutdown(int fd, int how) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    return s->shutdown(how);
}

Result<void> getsockname(int fd, void* addr, std::uint32_t* len) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    net::SockAddr a;
    TRY(s->getsockname(a));
    return addr_out(a, addr, len);
}

Result<void> getpeername(int fd, void* addr, std::uint32_t* len) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    net::SockAddr a;
    TRY(s->getpeername(a));
    return addr_out(a, addr, len);
}

Result<void> getsockopt(int fd, int level, int name, void* val, std::uint32_t* app_len) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    std::int32_t len;
    TRY(copy_in(len, app_len));
    if (len < 0) return LX_EINVAL;
    alignas(8) std::uint8_t buf[kOptBuf] = {};
    std::uint32_t cap = static_cast<std::uint32_t>(len) < kOptBuf ? static_cast<std::uint32_t>(len) : kOptBuf;
    std::uint32_t n = TRY(s->getsockopt(level, name, buf, cap));
    if (n) TRY(copy_to_app(val, buf, n));
    return copy_out(app_len, n);
}

Result<void> setsockopt(int fd, int level, int name, const void* val, std::uint32_t len) {
    Ref<net::Socket> s = TRY(socket_of(fd));
    if (static_cast<std::int32_t>(len) < 0) return LX_EINVAL;
    alignas(8) std::uint8_t buf[kOptBuf] = {};
    std::uint32_t n = len < kOptBuf ? len : kOptBuf;
    if (n) TRY(copy_from_app(buf, val, n));
    return s->setsockopt(level, name, buf, len < kOptBuf ? len : kOptBuf);
}

}  // namespace ukp::sys
