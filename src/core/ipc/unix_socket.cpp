// AF_UNIX: creation, socketpair, release, shutdown, names, options, readiness.
#include "core/ipc/unix_socket.hpp"

#include <cstring>

#include "core/base/uaccess.hpp"
#include "core/kernel/kernel.hpp"
#include "core/time/abi.hpp"
#include "host/host.hpp"

namespace ukp::ipc {

// ---- UnixEndpoint ----

UnixEndpoint::~UnixEndpoint() {
    seg_free_chain(rx_head);
    seg_free_chain(spare);
}

void UnixEndpoint::push(Seg* s) {
    if (rx_tail) rx_tail->next = s;
    else rx_head = s;
    rx_tail = s;
    ++rx_count;
}

Seg* UnixEndpoint::pop() {
    Seg* s = rx_head;
    rx_head = s->next;
    if (!rx_head) rx_tail = nullptr;
    s->next = nullptr;
    --rx_count;
    return s;
}

void UnixEndpoint::add_peer_wait(UnixEndpoint& sender) {
    for (const Ref<UnixEndpoint>& w : peer_wait)
        if (w.get() == &sender) return;
    peer_wait.push_back(Ref<UnixEndpoint>(&sender));
}

std::pmr::vector<Ref<UnixEndpoint>> UnixEndpoint::take_peer_wait() {
    std::pmr::vector<Ref<UnixEndpoint>> out(mem::resource());
    out.swap(peer_wait);
    return out;
}

void UnixEndpoint::notify_writable(std::pmr::vector<Ref<UnixEndpoint>>& senders) {
    for (Ref<UnixEndpoint>& s : senders) s->notifier.notify(LX_POLLOUT | LX_POLLWRNORM | LX_POLLWRBAND);
    senders.clear();  // may drop the last reference to a closed sender
}

void UnixEndpoint::release(bool embryo) {
    Seg* dropped;
    Ref<UnixEndpoint> other;
    Ref<UnixName> old_name;
    std::deque<Ref<UnixEndpoint>, mem::Allocator<Ref<UnixEndpoint>>> embryos(mem::resource());
    std::pmr::vector<Ref<UnixEndpoint>> senders(mem::resource());
    bool unread;
    {
        LockGuard g(lock);
        if (closed) return;
        closed = true;
        unread = rx_head != nullptr || !accept_q.empty();
        dropped = rx_head;
        rx_head = rx_tail = nullptr;
        rx_count = 0;
        rx_bytes.store(0, std::memory_order_relaxed);
        rx_charge.store(0, std::memory_order_relaxed);
        shutdown.store(kRcvShutdown | kSendShutdown);
        other = std::move(peer);
        old_name = name;  // the name stays for getsockname; only the binding goes
        embryos.swap(accept_q);
        senders = take_peer_wait();
        readers.wake_all();
        writers.wake_all();
    }
    notifier.notify(LX_POLLIN | LX_POLLOUT | LX_POLLHUP | LX_POLLRDHUP | LX_POLLERR);
    notify_writable(senders);  // their sends fail now rather than wait
    if (old_name) unbind_name(*this, *old_name);
    if (other && type != LX_SOCK_DGRAM) {
        // The peer sees EOF on reads, EPIPE on writes, ECONNRESET when data
        // it sent was never read (unix_release_sock).
        {
            LockGuard g(other->lock);
            if (other->peer.get() == this) {
                other->shutdown.store(kRcvShutdown | kSendShutdown);
                if (unread || embryo) other->err = LX_ECONNRESET;
            }
            other->readers.wake_all();
            other->writers.wake_all();
        }
        other->notifier.notify(LX_POLLIN | LX_POLLOUT | LX_POLLHUP | LX_POLLRDHUP | LX_POLLERR);
    }
    seg_free_chain(dropped);
    for (auto& e : embryos) e->release(true);
}

// ---- UnixSocket ----

UnixSocket::UnixSocket(Ref<UnixEndpoint> ep, int flags)
    : net::Socket(net::socket_vnode(), flags, LX_AF_UNIX, ep->type, 0), ep_(std::move(ep)) {}

UnixSocket::~UnixSocket() {
    gc_forget(this);
    ep_->release();
    gc_run();
}

bool UnixSocket::listening() const {
    LockGuard g(ep_->lock);
    return ep_->state == UnixEndpoint::State::Listening;
}

Result<void> UnixSocket::bind(const net::SockAddr& a) {
    TRY(validate_addr(a));
    return bind_name(*ep_, a);
}

Result<void> UnixSocket::autobind() {
    net::SockAddr a;
    a.len = 2;
    a.bytes[0] = LX_AF_UNIX;
    a.bytes[1] = 0;
    return bind_name(*ep_, a);
}

Result<void> UnixSocket::getsockname(net::SockAddr& out) {
    LockGuard g(ep_->lock);
    if (ep_->name) {
        out = ep_->name->addr;
    } else {
        out.len = 2;
        out.bytes[0] = LX_AF_UNIX;
        out.bytes[1] = 0;
    }
    return success();
}

Result<void> UnixSocket::getpeername(net::SockAddr& out) {
    Ref<UnixEndpoint> p;
    {
        LockGuard g(ep_->lock);
        if (ep_->type != LX_SOCK_DGRAM && ep_->state != UnixEndpoint::State::Connected) return LX_ENOTCONN;
        p = ep_->peer;
    }
    if (!p) return LX_ENOTCONN;
    LockGuard g(p->lock);
    if (p->name) {
        out = p->name->addr;
    } else {
        out.len = 2;
        out.bytes[0] = LX_AF_UNIX;
        out.bytes[1] = 0;
    }
    return success();
}

Result<void> UnixSocket::shutdown(int how) {
    if (how < LX_SHUT_RD || how > LX_SHUT_RDWR) return LX_EINVAL;
    // SHUT_RD -> RCV_SHUTDOWN, SHUT_WR -> SEND_SHUTDOWN (Linux: how + 1).
    std::uint8_t mode = static_cast<std::uint8_t>(how + 1);
    Ref<UnixEndpoint> other;
    {
        LockGuard g(ep_->lock);
        // Linux's unix_shutdown accepts any state.
        ep_->shutdown.fetch_or(mode);
        ep_->readers.wake_all();
        ep_->writers.wake_all();
        if (ep_->type != LX_SOCK_DGRAM && ep_->state == UnixEndpoint::State::Connected) other = ep_->peer;
    }
    ep_->notifier.notify(LX_POLLIN | LX_POLLOUT | LX_POLLHUP | LX_POLLRDHUP);
    if (other) {
        std::uint8_t peer_mode = 0;
        if (mode & UnixEndpoint::kRcvShutdown) peer_mode |= UnixEndpoint::kSendShutdown;
        if (mode & UnixEndpoint::kSendShutdown) peer_mode |= UnixEndpoint::kRcvShutdown;
        {
            LockGuard g(other->lock);
            other->shutdown.fetch_or(peer_mode);
            other->readers.wake_all();
            other->writers.wake_all();
        }
        other->notifier.notify(LX_POLLIN | LX_POLLOUT | LX_POLLHUP | LX_POLLRDHUP);
    }
    return success();
}

Result<std::size_t> UnixSocket::sendmsg(net::SendMsg& m) {
    // TODO(#3): MSG_OOB on stream sockets (CONFIG_AF_UNIX_OOB).
    if ((m.flags & LX_MSG_OOB) && ep_->type != LX_SOCK_STREAM) return LX_EOPNOTSUPP;
    UnixAnc* anc = TRY(parse_control(m));
    Result<std::size_t> r = ep_->type == LX_SOCK_STREAM ? stream_send(m, anc) : dgram_send(m, anc);
    // Only stream sockets raise SIGPIPE (datagram and seqpacket just fail).
    if (!r.ok() && r.error() == LX_EPIPE && ep_->type == LX_SOCK_STREAM && !(m.flags & LX_MSG_NOSIGNAL))
        host::signal_thread(LX_SIGPIPE);
    return r;
}

Result<std::size_t> UnixSocket::recvmsg(net::RecvMsg& m) {
    if (m.flags & LX_MSG_OOB) return ep_->type == LX_SOCK_STREAM ? LX_EINVAL : LX_EOPNOTSUPP;
    if (m.flags & LX_MSG_ERRQUEUE) return LX_EAGAIN;
    return ep_->type == LX_SOCK_STREAM ? stream_recv(m) : dgram_recv(m);
}

Result<void> UnixSocket::setsockopt(int level, int name, const void* val, std::uint32_t len) {
    if (level == LX_SOL_SOCKET && name == LX_SO_PEERCRED) return LX_ENOPROTOOPT;
    return net::Socket::setsockopt(level, name, val, len);
}

Result<std::uint32_t> UnixSocket::getsockopt(int level, int name, void* val, std::uint32_t len) {
    if (level == LX_SOL_SOCKET && name == LX_SO_PEERCRED) {
        lx_ucred c{0, ~0u, ~0u};
        Ref<UnixEndpoint> p;
        {
            LockGuard g(ep_->lock);
            // connect() gives a datagram socket a destination, not a peer.
            if (ep_->type != LX_SOCK_DGRAM || ep_->paired) p = ep_->peer;
        }
        if (p) {
            LockGuard g(p->lock);
            c = p->cred;
        }
        std::uint32_t n = len < sizeof c ? len : sizeof c;
        std::memcpy(val, &c, n);
        return n;
    }
    if (level == LX_SOL_SOCKET && name == LX_SO_ERROR) {
        int e;
        {
            LockGuard g(ep_->lock);
            e = ep_->err;
            ep_->err = 0;
        }
        if (!e) e = take_error();
        std::uint32_t n = len < sizeof e ? len : sizeof e;
        std::memcpy(val, &e, n);
        return n;
    }
    return net::Socket::getsockopt(level, name, val, len);
}

Result<std::int64_t> UnixSocket::readable_bytes() {
    LockGuard g(ep_->lock);
    if (ep_->state == UnixEndpoint::State::Listening) return LX_EINVAL;
    if (ep_->type == LX_SOCK_STREAM) return static_cast<std::int64_t>(ep_->rx_bytes.load());
    return ep_->rx_head ? std::int64_t{ep_->rx_head->len()} : 0;
}

Result<long> UnixSocket::ioctl(unsigned long request, void* arg) {
    if (request == LX_SIOCOUTQ) {
        Ref<UnixEndpoint> p;
        {
            LockGuard g(ep_->lock);
            if (ep_->state == UnixEndpoint::State::Listening) return LX_EINVAL;
            p = ep_->peer;
        }
        int n = p ? static_cast<int>(p->rx_bytes.load()) : 0;
        TRY(copy_out(arg, n));
        return 0;
    }
    return LX_ENOTTY;
}

std::uint32_t UnixSocket::poll_mask() {
    UnixEndpoint& e = *ep_;
    std::uint32_t mask = 0;
    Ref<UnixEndpoint> p;
    bool full = false;
    {
        LockGuard g(e.lock);
        std::uint8_t sd = e.shutdown.load();
        if (e.err) mask |= LX_POLLERR;
        if (sd == (UnixEndpoint::kRcvShutdown | UnixEndpoint::kSendShutdown)) mask |= LX_POLLHUP;
        if (sd & UnixEndpoint::kRcvShutdown) mask |= LX_POLLRDHUP | LX_POLLIN | LX_POLLRDNORM;
        if (e.rx_head || !e.accept_q.empty()) mask |= LX_POLLIN | LX_POLLRDNORM;
        // Linux: a connection-based socket is "closed" until connect() has
        // queued its connection, including while it waits for backlog room.
        if (e.type != LX_SOCK_DGRAM &&
            (e.state == UnixEndpoint::State::Unconnected || e.state == UnixEndpoint::State::Connecting))
            mask |= LX_POLLHUP;
        if (e.state == UnixEndpoint::State::Listening) return mask;
        p = e.peer;
    }
    if (p) {
        // Linux: writable while what we queued at the peer is under a
        // quarter of our send buffer; a connected datagram socket also
        // waits for room in its peer's queue, and asks the peer to say
        // when a dequeue makes some (unix_dgram_peer_wake_me).
        full = p->rx_charge.load(std::memory_order_relaxed) * 4 > static_cast<std::uint64_t>(sndbuf());
        if (e.type == LX_SOCK_DGRAM) {
            LockGuard g(p->lock);
            if (!p->closed) {
                full = full || p->dgram_qlen_full(e);
                if (full) p->add_peer_wait(e);
            }
        }
    }
    if (!full) mask |= LX_POLLOUT | LX_POLLWRNORM | LX_POLLWRBAND;
    return mask;
}

// ---- creation ----

namespace {

Ref<UnixEndpoint> new_endpoint(int type) {
    Ref<UnixEndpoint> e = make_ref<UnixEndpoint>(type);
    e->cred = current_cred();
    return e;
}

Result<int> check_type(int type, int protocol) {
    if (protocol != 0 && protocol != LX_AF_UNIX) return LX_EPROTONOSUPPORT;
    switch (type) {
        case LX_SOCK_STREAM:
        case LX_SOCK_DGRAM:
        case LX_SOCK_SEQPACKET: return type;
        case LX_SOCK_RAW: return LX_SOCK_DGRAM;  // Linux quietly makes it a datagram socket
        default: return LX_ESOCKTNOSUPPORT;
    }
}

Result<Ref<net::Socket>> unix_create(int type, int protocol, int flags) {
    int t = TRY(check_type(type, protocol));
    Ref<net::Socket> s = make_ref<UnixSocket>(new_endpoint(t), flags);
    return s;
}

Result<void> unix_socketpair(int type, int protocol, int flags, Ref<net::Socket> out[2]) {
    int t = TRY(check_type(type, protocol));
    Ref<UnixEndpoint> a = new_endpoint(t), b = new_endpoint(t);
    a->peer = b;
    b->peer = a;
    a->state = b->state = UnixEndpoint::State::Connected;
    a->paired = b->paired = true;
    if (t != LX_SOCK_DGRAM) {
        a->conn_peer.store(b.get(), std::memory_order_release);
        b->conn_peer.store(a.get(), std::memory_order_release);
    }
    out[0] = make_ref<UnixSocket>(a, flags);
    out[1] = make_ref<UnixSocket>(b, flags);
    return success();
}

}  // namespace

const net::Family unix_family{LX_AF_UNIX, unix_create, unix_socketpair};

}  // namespace ukp::ipc
