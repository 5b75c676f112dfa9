// AF_UNIX records: SOCK_DGRAM (any sender, by name or connect()) and
// SOCK_SEQPACKET (a connection that keeps message boundaries).
#include "core/ipc/unix_socket.hpp"

namespace ukp::ipc {
namespace {

using State = UnixEndpoint::State;
constexpr std::uint32_t kPollIn = LX_POLLIN | LX_POLLRDNORM;
constexpr std::uint32_t kPollOut = LX_POLLOUT | LX_POLLWRNORM | LX_POLLWRBAND;

}  // namespace

Result<std::size_t> UnixSocket::dgram_send(net::SendMsg& m, UnixAnc* anc) {
    UnixEndpoint& e = *ep_;
    const bool seq = e.type == LX_SOCK_SEQPACKET;
    auto fail = [&](Errno err) -> Result<std::size_t> {
        anc_free(anc);
        return err;
    };
    Ref<UnixEndpoint> d;
    if (seq) {
        UnixEndpoint* p = e.conn_peer.load(std::memory_order_acquire);
        if (!p) return fail(LX_ENOTCONN);
        d = p;
    } else {
        if (passcred()) {
            bool bound;
            {
                LockGuard g(e.lock);
                bound = static_cast<bool>(e.name);
            }
            if (!bound) {
                Result<void> r = autobind();
                if (!r.ok()) return fail(r.error());
            }
        }
        if (m.to) {
            Result<Ref<UnixEndpoint>> r = resolve(*m.to, e.type);
            if (!r.ok()) return fail(r.error());
            d = std::move(*r);
        } else {
            LockGuard g(e.lock);
            d = e.peer;
        }
        if (!d) return fail(LX_ENOTCONN);
    }
    if (e.shutdown.load(std::memory_order_relaxed) & UnixEndpoint::kSendShutdown) return fail(LX_EPIPE);
    const std::uint64_t limit = static_cast<std::uint64_t>(sndbuf());
    if (m.total + 32 > limit) return fail(LX_EMSGSIZE);

    Ref<UnixName> from;
    {
        LockGuard g(e.lock);
        from = e.name;
    }
    // Copied before any lock: a datagram goes whole or not at all.
    Seg* s = seg_alloc(static_cast<std::uint32_t>(m.total));
    net::IovCursor cur(m.iov, m.iovcnt);
    Result<std::size_t> c = cur.read(s->data(), m.total);
    if (!c.ok()) {
        seg_free_chain(s);
        return fail(c.error());
    }
    s->tail = static_cast<std::uint32_t>(m.total);
    s->charge = s->tail + kSegOverhead;
    s->from = std::move(from);
    s->anc = anc;
    anc = nullptr;

    Errno err{};
    {
        LockGuard g(d->lock);
        auto refused = [&]() -> Errno {
            if (d->closed) return seq ? LX_EPIPE : LX_ECONNREFUSED;
            if (!seq && d->peer && d->peer.get() != &e) return LX_EPERM;
            if (d->shutdown.load(std::memory_order_relaxed) & UnixEndpoint::kRcvShutdown) return LX_EPIPE;
            if (e.shutdown.load(std::memory_order_relaxed) & UnixEndpoint::kSendShutdown) return LX_EPIPE;
            return Errno{};
        };
        auto room = [&] {
            if (d->rx_charge.load(std::memory_order_relaxed) >= limit) return false;
            return seq || !d->dgram_qlen_full(e);
        };
        auto ready = [&] { return refused() != 0 || room(); };
        Result<void> w = block(d->writers, d->lock, ready, nonblocking(m.flags), send_deadline());
        if (!w.ok()) err = w.error();
        else err = refused();
        // Our connected peer is full: an edge-triggered epoll waiting for
        // POLLOUT after this EAGAIN is told when it has room (Linux does so too).
        if (err == LX_EAGAIN && !seq && !m.to) d->add_peer_wait(e);
        if (!err) {
            d->push(s);
            d->rx_bytes.fetch_add(s->len(), std::memory_order_relaxed);
            d->rx_charge.fetch_add(s->charge, std::memory_order_relaxed);
            d->readers.wake_all();
            s = nullptr;
        }
    }
    if (s) {
        seg_free_chain(s);
        return err;
    }
    d->notifier.notify(kPollIn);
    return m.total;
}

Result<std::size_t> UnixSocket::dgram_recv(net::RecvMsg& m) {
    UnixEndpoint& e = *ep_;
    const bool seq = e.type == LX_SOCK_SEQPACKET;
    const bool peek = m.flags & LX_MSG_PEEK;
    Seg* taken = nullptr;
    UnixAnc* anc = nullptr;
    Ref<UnixName> from;
    std::size_t len = 0, n = 0;
    Errno err{};
    UnixEndpoint* p = nullptr;
    std::pmr::vector<Ref<UnixEndpoint>> senders(mem::resource());
    {
        LockGuard g(e.lock);
        if (seq && e.state != State::Connected) return LX_ENOTCONN;
        auto ready = [&] {
            return e.rx_head || e.err || (e.shutdown.load(std::memory_order_relaxed) & UnixEndpoint::kRcvShutdown);
        };
        TRY(block(e.readers, e.lock, ready, nonblocking(m.flags), recv_deadline()));
        Seg* s = e.rx_head;
        if (!s) {
            if (e.err) {
                Errno x = static_cast<Errno>(e.err);
                e.err = 0;
                return x;
            }
            return std::size_t{0};  // shut down for reading
        }
        len = s->len();
        n = len < m.total ? len : m.total;
        net::IovCursor cur(m.iov, m.iovcnt);
        Result<std::size_t> w = cur.write(s->data() + s->head, n);
        if (!w.ok()) err = w.error();
        from = s->from;
        if (peek) {
            if (s->anc) {
                anc = new UnixAnc;
                anc->files = s->anc->files;
                anc->has_cred = s->anc->has_cred;
                anc->cred = s->anc->cred;
            }
        } else {
            taken = e.pop();
            e.rx_bytes.fetch_sub(len, std::memory_order_relaxed);
            e.rx_charge.fetch_sub(taken->charge, std::memory_order_relaxed);
            anc = taken->anc;
            taken->anc = nullptr;
            e.writers.wake_all();
            if (seq) p = e.conn_peer.load(std::memory_order_relaxed);
            else if (!e.peer_wait.empty()) senders = e.take_peer_wait();
        }
    }
    if (p) p->notifier.notify(kPollOut);
    UnixEndpoint::notify_writable(senders);
    if (!err) {
        if (n < len) m.out_flags |= LX_MSG_TRUNC;
        if (m.from) {
            if (from) *m.from = from->addr;
            else m.from->len = 0;
        }
        Result<void> d = deliver_control(m, anc, passcred(), peek);
        if (!d.ok()) err = d.error();
    }
    anc_free(anc);
    seg_free_chain(taken);
    if (err) return err;
    return (m.flags & LX_MSG_TRUNC) ? len : n;
}

}  // namespace ukp::ipc
