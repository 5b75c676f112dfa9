#include "core/net/host/host_socket.hpp"

#include <cstring>

#include "core/base/log.hpp"
#include "core/base/uaccess.hpp"
#include "core/mem/arena.hpp"
#include "core/net/inet/abi.hpp"
#include "core/net/inet/ifaces.hpp"
#include "host/host.hpp"

namespace ukp::net::host {
namespace {

// Application data passes through a kernel buffer (the host call must not
// fault on a bad application pointer): on the stack for small messages, from
// the arena for bigger ones.
constexpr std::size_t kStackBounce = 16 * 1024;
constexpr std::size_t kStreamChunk = 256 * 1024;  // per host call for big stream transfers
constexpr std::size_t kMaxDatagram = 65536;       // beyond any IP datagram's payload
constexpr std::size_t kControl = 512;              // host control messages per recvmsg
constexpr unsigned long kSiocAtMark = 0x8905, kSiocOutQNsd = 0x894B;

class Bounce {
public:
    explicit Bounce(std::size_t n) : n_(n) {
        p_ = n <= kStackBounce ? small_ : static_cast<std::uint8_t*>(mem::allocate(n));
    }
    ~Bounce() {
        if (p_ && p_ != small_) mem::deallocate(p_, n_);
    }
    Bounce(const Bounce&) = delete;
    Bounce& operator=(const Bounce&) = delete;
    std::uint8_t* data() { return p_; }
    std::size_t size() const { return n_; }

private:
    std::size_t n_;
    std::uint8_t* p_;
    std::uint8_t small_[kStackBounce];
};

Result<void> check(int r) {
    if (r < 0) return Errno(-r);
    return success();
}

bool is_timeo(int level, int name) {
    return level == LX_SOL_SOCKET && (name == LX_SO_RCVTIMEO_OLD || name == LX_SO_RCVTIMEO_NEW ||
                                      name == LX_SO_SNDTIMEO_OLD || name == LX_SO_SNDTIMEO_NEW);
}

Result<Ref<Socket>> adopt(int handle, int domain, int type, int protocol, int flags) {
    Ref<HostSocket> s(new HostSocket(handle, domain, type, protocol, flags));
    return Ref<Socket>(std::move(s));
}

}  // namespace

Result<Ref<Socket>> HostSocket::open(int domain, int type, int protocol, int flags) {
    int h = ukp::host::sock_open(domain, type, protocol);
    if (h < 0) return Errno(-h);
    if (protocol == 0) protocol = type == LX_SOCK_STREAM ? LX_IPPROTO_TCP : type == LX_SOCK_DGRAM ? LX_IPPROTO_UDP : 0;
    return adopt(h, domain, type, protocol, flags);
}

HostSocket::HostSocket(int handle, int domain, int type, int protocol, int flags)
    : Socket(socket_vnode(), flags, domain, type, protocol), handle_(handle) {
    // Failing only for lack of host memory; the socket then still works, but
    // a blocking call would wait for a report that never comes: say so.
    if (int r = ukp::host::sock_watch(handle_, &HostSocket::on_event, this); r < 0)
        UKP_LOG(error, "net: cannot watch a host socket ({})", errno_name(-r));
}

HostSocket::~HostSocket() {
    // After this, the watcher never calls on_event for this socket again.
    ukp::host::sock_close(handle_);
}

// On the host's watcher thread. Bumped under lock_, so that a waiter that
// checked events_ under it is parked (or sees the new value) before the wake.
void HostSocket::on_event(void* ctx, std::uint32_t lx_events) {
    auto* s = static_cast<HostSocket*>(ctx);
    {
        LockGuard g(s->lock_);
        s->events_.fetch_add(1, std::memory_order_acq_rel);
    }
    s->wq_.wake_all();
    s->notifier_.notify(lx_events);
}

Result<void> HostSocket::wait_event(std::uint32_t seen, std::int64_t deadline) {
    LockGuard g(lock_);
    Result<void> r = wq_.wait(
        lock_, [&] { return events_.load(std::memory_order_acquire) != seen; }, deadline, OnSignal::restart);
    if (!r.ok() && r.error() == LX_ETIMEDOUT) return LX_EAGAIN;  // SO_RCVTIMEO/SO_SNDTIMEO
    return r;
}

template <typename Op>
Result<long> HostSocket::retry(Op&& op, bool nonblock, std::int64_t deadline) {
    for (;;) {
        // Read before the call: an event after it moves events_ past `seen`.
        std::uint32_t seen = events_.load(std::memory_order_acquire);
        long r = static_cast<long>(op());
        if (r >= 0) return r;
        if (r == -LX_EINTR) continue;  // cannot happen on a non-blocking host socket
        if (r != -LX_EAGAIN || nonblock) return Errno(static_cast<int>(-r));
        TRY(wait_event(seen, deadline));
    }
}

// ---- calls ----

Result<void> HostSocket::bind(const SockAddr& a) { return check(ukp::host::sock_bind(handle_, a.bytes, a.len)); }

Result<void> HostSocket::listen(int backlog) { return check(ukp::host::sock_listen(handle_, backlog)); }

bool HostSocket::listening() const {
    int v = 0;
    std::uint32_t len = sizeof v;
    return ukp::host::sock_getsockopt(handle_, LX_SOL_SOCKET, LX_SO_ACCEPTCONN, &v, &len) == 0 && v != 0;
}

Result<void> HostSocket::connect(const SockAddr& a) {
    std::uint32_t seen = events_.load(std::memory_order_acquire);
    int r = ukp::host::sock_connect(handle_, a.bytes, a.len);
    if (r != -LX_EINPROGRESS || nonblocking(0)) return check(r);
    // The handshake runs on the host. Asking again once it moved is what
    // ends a blocking connect on Linux too: 0 (connected; the next connect
    // says EISCONN), the handshake's error (consumed, the socket may try
    // again), or EALREADY while it still runs. SO_SNDTIMEO bounds the wait
    // (then EINPROGRESS, as inet_wait_for_connect's timeout gives).
    const std::int64_t deadline = send_deadline();
    for (;;) {
        Result<void> w = wait_event(seen, deadline);
        if (!w.ok()) return w.error() == LX_EAGAIN ? LX_EINPROGRESS : w.error();
        seen = events_.load(std::memory_order_acquire);
        r = ukp::host::sock_connect(handle_, a.bytes, a.len);
        if (r != -LX_EALREADY) return check(r);
    }
}

Result<Ref<Socket>> HostSocket::accept(SockAddr* peer, int flags) {
    std::uint32_t len = 0;
    auto op = [&] {
        len = sizeof peer->bytes;
        return ukp::host::sock_accept(handle_, peer ? peer->bytes : nullptr, peer ? &len : nullptr);
    };
    long h = TRY(retry(op, nonblocking(0), recv_deadline()));
    if (peer) peer->len = len;
    return adopt(static_cast<int>(h), family(), type(), protocol(),
                 (flags & LX_SOCK_NONBLOCK) ? LX_O_NONBLOCK : 0);
}

// A failed send: EPIPE raises SIGPIPE as Linux does (the host never does:
// host calls pass MSG_NOSIGNAL).
Errno HostSocket::send_error(int err, int msg_flags) {
    if (err == LX_EPIPE && !(msg_flags & LX_MSG_NOSIGNAL)) ukp::host::signal_thread(LX_SIGPIPE);
    return Errno(err);
}

Result<std::size_t> HostSocket::sendmsg(SendMsg& m) {
    return type() == LX_SOCK_STREAM ? send_stream(m) : send_datagram(m);
}

// Whole: one host call per message, so datagram boundaries stay.
Result<std::size_t> HostSocket::send_datagram(SendMsg& m) {
    if (m.total > kMaxDatagram) return LX_EMSGSIZE;
    Bounce buf(m.total);
    if (!buf.data()) return LX_ENOMEM;
    IovCursor in(m.iov, m.iovcnt);
    std::size_t n = TRY(in.read(buf.data(), m.total));
    const int flags = m.flags & ~(LX_MSG_DONTWAIT | LX_MSG_NOSIGNAL);
    auto op = [&] {
        ukp::host::SockIo io{buf.data(), n, m.to && m.to->len ? const_cast<std::uint8_t*>(m.to->bytes) : nullptr,
                             m.to ? m.to->len : 0, const_cast<std::uint8_t*>(m.control), m.controllen, 0};
        return ukp::host::sock_sendmsg(handle_, io, flags);
    };
    Result<long> r = retry(op, nonblocking(m.flags), send_deadline());
    if (!r.ok()) return send_error(r.error(), m.flags);
    return static_cast<std::size_t>(r.value());
}

// In chunks through the bounce buffer; a blocking send moves everything (or
// reports what it moved before an error, a timeout or a signal).
Result<std::size_t> HostSocket::send_stream(SendMsg& m) {
    const bool nonblock = nonblocking(m.flags);
    const std::int64_t deadline = send_deadline();
    const int flags = m.flags & ~(LX_MSG_DONTWAIT | LX_MSG_NOSIGNAL);
    Bounce buf(m.total < kStreamChunk ? m.total : kStreamChunk);
    if (!buf.data()) return LX_ENOMEM;
    IovCursor in(m.iov, m.iovcnt);
    std::size_t sent = 0;
    bool first = true;
    do {
        std::size_t want = m.total - sent < buf.size() ? m.total - sent : buf.size();
        Result<std::size_t> got = in.read(buf.data(), want);
        if (!got.ok()) return sent > 0 ? Result<std::size_t>(sent) : Result<std::size_t>(got.error());
        std::size_t chunk = got.value(), off = 0;
        while (off < chunk || first) {
            auto op = [&] {
                ukp::host::SockIo io{buf.data() + off, chunk - off, nullptr, 0,
                                     first ? const_cast<std::uint8_t*>(m.control) : nullptr,
                                     first ? m.controllen : 0, 0};
                if (m.to && m.to->len) {
                    io.addr = const_cast<std::uint8_t*>(m.to->bytes);
                    io.addr_len = m.to->len;
                }
                return ukp::host::sock_sendmsg(handle_, io, flags);
            };
            Result<long> r = retry(op, nonblock, deadline);
            first = false;
            if (!r.ok()) {
                if (sent + off > 0) return sent + off;
                return send_error(r.error(), m.flags);
            }
            off += static_cast<std::size_t>(r.value());
        }
        sent += chunk;
    } while (sent < m.total);
    return sent;
}

// One host recvmsg of up to `want` bytes into m's buffers at `out`.
Result<std::size_t> HostSocket::recv_some(RecvMsg& m, IovCursor& out, std::size_t want, int flags, bool nonblock,
                                          std::int64_t deadline) {
    const bool stream = type() == LX_SOCK_STREAM;
    std::size_t room = want;
    if (stream && room > kStreamChunk) room = kStreamChunk;
    if (!stream && room > kMaxDatagram) room = kMaxDatagram;  // a datagram never exceeds it: MSG_TRUNC stays right
    Bounce buf(room);
    if (!buf.data()) return LX_ENOMEM;
    alignas(8) std::uint8_t control[kControl];
    ukp::host::SockIo io{};
    auto op = [&] {
        io = ukp::host::SockIo{buf.data(), room, m.from ? m.from->bytes : nullptr,
                               m.from ? static_cast<std::uint32_t>(sizeof m.from->bytes) : 0,
                               m.cmsg ? control : nullptr, m.cmsg ? sizeof control : 0, 0};
        return ukp::host::sock_recvmsg(handle_, io, flags);
    };
    long r = TRY(retry(op, nonblock, deadline));
    std::size_t copied = static_cast<std::size_t>(r) < room ? static_cast<std::size_t>(r) : room;
    TRY(out.write(buf.data(), copied));
    if (m.from) m.from->len = io.addr_len;
    m.out_flags |= io.out_flags & ~LX_MSG_CTRUNC;
    if (io.out_flags & LX_MSG_CTRUNC) {
        if (m.cmsg) m.cmsg->set_truncated();
        else m.out_flags |= LX_MSG_CTRUNC;
    }
    if (m.cmsg && io.control_len) {
        // Linux's layout on both sides: re-put each message so the
        // application's buffer truncates them as Linux's put_cmsg does.
        CmsgReader rd(control, io.control_len);
        for (;;) {
            Result<const lx_cmsghdr*> h = rd.next();
            if (!h.ok() || !h.value()) break;
            m.cmsg->put(h.value()->cmsg_level, h.value()->cmsg_type, CmsgReader::data(h.value()),
                        CmsgReader::data_len(h.value()));
        }
    }
    return static_cast<std::size_t>(r);  // a datagram's full length under MSG_TRUNC
}

Result<std::size_t> HostSocket::recvmsg(RecvMsg& m) {
    const bool nonblock = nonblocking(m.flags);
    const std::int64_t deadline = recv_deadline();
    const int flags = m.flags & ~(LX_MSG_DONTWAIT | LX_MSG_WAITALL);
    IovCursor out(m.iov, m.iovcnt);
    if (type() != LX_SOCK_STREAM || (m.flags & (LX_MSG_PEEK | LX_MSG_TRUNC | LX_MSG_OOB)))
        return recv_some(m, out, m.total, flags, nonblock, deadline);
    // MSG_WAITALL: the host call never waits, so the loop is here.
    const bool waitall = m.flags & LX_MSG_WAITALL;
    std::size_t got = 0;
    do {
        Result<std::size_t> r = recv_some(m, out, m.total - got, flags, nonblock, deadline);
        if (!r.ok()) return got > 0 ? Result<std::size_t>(got) : r;
        if (r.value() == 0) break;  // end of file (or a zero-length request)
        got += r.value();
    } while (waitall && got < m.total);
    return got;
}

Result<void> HostSocket::shutdown(int how) { return check(ukp::host::sock_shutdown(handle_, how)); }

Result<void> HostSocket::getsockname(SockAddr& out) {
    std::uint32_t len = sizeof out.bytes;
    TRY(check(ukp::host::sock_getsockname(handle_, out.bytes, &len)));
    out.len = len;
    return success();
}

Result<void> HostSocket::getpeername(SockAddr& out) {
    std::uint32_t len = sizeof out.bytes;
    TRY(check(ukp::host::sock_getpeername(handle_, out.bytes, &len)));
    out.len = len;
    return success();
}

// Everything goes to the host but the timeouts, which are the kernel's: the
// host socket itself never blocks.
Result<void> HostSocket::setsockopt(int level, int name, const void* val, std::uint32_t len) {
    if (is_timeo(level, name)) return Socket::setsockopt(level, name, val, len);
    return check(ukp::host::sock_setsockopt(handle_, level, name, val, len));
}

Result<std::uint32_t> HostSocket::getsockopt(int level, int name, void* val, std::uint32_t len) {
    if (is_timeo(level, name)) return Socket::getsockopt(level, name, val, len);
    TRY(check(ukp::host::sock_getsockopt(handle_, level, name, val, &len)));
    return len;
}

// The host's current state, exact (cached bits would go stale after a
// partial read and make poll and level-triggered epoll report readiness
// that is not there).
std::uint32_t HostSocket::poll_mask() { return ukp::host::sock_poll(handle_); }

Result<std::int64_t> HostSocket::readable_bytes() {
    int v = 0;
    TRY(check(ukp::host::sock_ioctl(handle_, LX_FIONREAD, &v)));
    return static_cast<std::int64_t>(v);
}

Result<long> HostSocket::ioctl(unsigned long request, void* arg) {
    if (request == LX_SIOCOUTQ || request == kSiocAtMark || request == kSiocOutQNsd) {
        int v = 0;
        TRY(check(ukp::host::sock_ioctl(handle_, request, &v)));
        TRY(copy_to_app(arg, &v, sizeof v));
        return 0;
    }
    // Interface requests (SIOCGIF*) answer from the kernel's interface list.
    return inet::interface_ioctl(request, arg);
}

// ---- the families ----

namespace {

template <int Domain>
Result<Ref<Socket>> create(int type, int protocol, int flags) {
    return HostSocket::open(Domain, type, protocol, flags);
}

}  // namespace

const Family host_inet_family{LX_AF_INET, create<LX_AF_INET>, nullptr};
const Family host_inet6_family{LX_AF_INET6, create<LX_AF_INET6>, nullptr};

}  // namespace ukp::net::host
