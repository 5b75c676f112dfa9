// AF_UNIX connections: connect, listen, accept, and the byte stream of
// SOCK_STREAM (seqpacket records go through unix_dgram.cpp).
#include <cstring>

#include "core/ipc/unix_socket.hpp"

namespace ukp::ipc {
namespace {

using State = UnixEndpoint::State;
constexpr std::uint32_t kPollIn = LX_POLLIN | LX_POLLRDNORM;
constexpr std::uint32_t kPollOut = LX_POLLOUT | LX_POLLWRNORM | LX_POLLWRBAND;
constexpr int kSomaxconn = 4096;

void name_or_unnamed(UnixEndpoint& e, net::SockAddr& out, bool unnamed_is_empty) {
    LockGuard g(e.lock);
    if (e.name) {
        out = e.name->addr;
    } else if (unnamed_is_empty) {
        out.len = 0;
    } else {
        out.len = 2;
        out.bytes[0] = LX_AF_UNIX;
        out.bytes[1] = 0;
    }
}

// A datagram socket changes its peer. Leaving a peer drops what is queued
// (Linux's unix_dgram_disconnected).
void disconnect_dgram(UnixEndpoint& e, Ref<UnixEndpoint> fresh) {
    Ref<UnixEndpoint> old;  // dropped after the lock: it may be the last reference
    Seg* purged = nullptr;
    {
        LockGuard g(e.lock);
        old = std::move(e.peer);
        if (old && old != fresh) {
            purged = e.rx_head;
            e.rx_head = e.rx_tail = nullptr;
            e.rx_count = 0;
            e.rx_bytes.store(0, std::memory_order_relaxed);
            e.rx_charge.store(0, std::memory_order_relaxed);
            e.writers.wake_all();
        }
        e.peer = std::move(fresh);
    }
    seg_free_chain(purged);
}

}  // namespace

Result<void> UnixSocket::connect(const net::SockAddr& a) {
    UnixEndpoint& e = *ep_;
    if (e.type == LX_SOCK_DGRAM) {
        if (a.len >= 2 && a.family() == LX_AF_UNSPEC) {
            disconnect_dgram(e, nullptr);
            return success();
        }
        TRY(validate_addr(a));
        if (passcred()) {
            bool bound;
            {
                LockGuard g(e.lock);
                bound = static_cast<bool>(e.name);
            }
            if (!bound) TRY(autobind());
        }
        Ref<UnixEndpoint> d = TRY(resolve(a, e.type));
        disconnect_dgram(e, std::move(d));
        return success();
    }

    TRY(validate_addr(a));
    // Linux finds the listener before it looks at this socket's state.
    Ref<UnixEndpoint> l = TRY(resolve(a, e.type));
    {
        LockGuard g(e.lock);
        if (e.state == State::Connected) return LX_EISCONN;
        if (e.state == State::Listening) return LX_EINVAL;
        if (e.state == State::Connecting) return LX_EALREADY;
        e.state = State::Connecting;
    }
    auto undo = [&](Errno err) -> Result<void> {
        LockGuard g(e.lock);
        e.state = State::Unconnected;
        return err;
    };
    if (passcred()) {
        bool bound;
        {
            LockGuard g(e.lock);
            bound = static_cast<bool>(e.name);
        }
        if (!bound) {
            Result<void> r = autobind();
            if (!r.ok()) return undo(r.error());
        }
    }

    // The server's end exists from now on; accept() hands it out.
    Ref<UnixEndpoint> n = make_ref<UnixEndpoint>(e.type);
    n->state = State::Connected;
    n->peer = ep_;
    n->conn_peer.store(ep_.get(), std::memory_order_release);
    {
        // `peer` is set before n can be accepted, so that n's release finds
        // us; but this socket stays Connecting, with no conn_peer, until n
        // is queued: a send meanwhile is ENOTCONN, as on Linux, and a failed
        // wait has published no pointer to n.
        LockGuard g(e.lock);
        e.cred = current_cred();
        e.peer = n;
    }
    Errno err{};
    {
        LockGuard g(l->lock);
        auto ready = [&] {
            return l->closed || l->state != State::Listening ||
                   l->accept_q.size() <= static_cast<std::size_t>(l->backlog);
        };
        Result<void> w = block(l->writers, l->lock, ready, nonblocking(0), send_deadline());
        if (!w.ok()) err = w.error();
        else if (l->closed || l->state != State::Listening) err = LX_ECONNREFUSED;
        if (!err) {
            n->name = l->name;
            n->cred = l->cred;
            l->accept_q.push_back(n);
            l->readers.wake_all();
        }
    }
    if (err) {
        Ref<UnixEndpoint> back;
        {
            LockGuard g(e.lock);
            back = std::move(e.peer);
            e.state = State::Unconnected;
        }
        n->peer = nullptr;
        return err;
    }
    {
        LockGuard g(e.lock);
        e.conn_peer.store(n.get(), std::memory_order_release);
        e.state = State::Connected;
    }
    l->notifier.notify(kPollIn);
    return success();
}

Result<void> UnixSocket::listen(int backlog) {
    UnixEndpoint& e = *ep_;
    if (e.type == LX_SOCK_DGRAM) return LX_EOPNOTSUPP;
    {
        LockGuard g(e.lock);
        if (!e.name) return LX_EINVAL;
        if (e.state != State::Unconnected && e.state != State::Listening) return LX_EINVAL;
        if (static_cast<unsigned>(backlog) > kSomaxconn) backlog = kSomaxconn;
        e.backlog = backlog;
        e.state = State::Listening;
        e.cred = current_cred();
        e.writers.wake_all();  // a larger backlog may admit waiting connects
    }
    return success();
}

Result<Ref<net::Socket>> UnixSocket::accept(net::SockAddr* peer, int flags) {
    UnixEndpoint& e = *ep_;
    if (e.type == LX_SOCK_DGRAM) return LX_EOPNOTSUPP;
    Ref<UnixEndpoint> n;
    {
        LockGuard g(e.lock);
        if (e.state != State::Listening) return LX_EINVAL;
        // shutdown() of a listener ends accept with EINVAL once the queue is empty.
        auto ready = [&] {
            return !e.accept_q.empty() || e.closed || e.state != State::Listening ||
                   (e.shutdown.load(std::memory_order_relaxed) & UnixEndpoint::kRcvShutdown);
        };
        TRY(block(e.readers, e.lock, ready, nonblocking(0), recv_deadline()));
        if (e.accept_q.empty()) return LX_EINVAL;
        n = std::move(e.accept_q.front());
        e.accept_q.pop_front();
        e.writers.wake_all();
    }
    if (peer) {
        Ref<UnixEndpoint> c;
        {
            LockGuard g(n->lock);
            c = n->peer;
        }
        if (c) name_or_unnamed(*c, *peer, false);
        else peer->len = 2, peer->bytes[0] = LX_AF_UNIX, peer->bytes[1] = 0;
    }
    Ref<net::Socket> s = make_ref<UnixSocket>(std::move(n), flags & LX_SOCK_NONBLOCK);
    return s;
}

Result<std::size_t> UnixSocket::stream_send(net::SendMsg& m, UnixAnc* anc) {
    UnixEndpoint& e = *ep_;
    auto fail = [&](Errno err) -> Result<std::size_t> {
        anc_free(anc);
        return err;
    };
    if (m.to) {
        LockGuard g(e.lock);
        return fail(e.state == State::Connected ? LX_EISCONN : LX_EOPNOTSUPP);
    }
    UnixEndpoint* p = e.conn_peer.load(std::memory_order_acquire);
    if (!p) return fail(LX_ENOTCONN);
    if (e.shutdown.load(std::memory_order_relaxed) & UnixEndpoint::kSendShutdown) return fail(LX_EPIPE);

    const std::uint64_t limit = static_cast<std::uint64_t>(sndbuf());
    const std::size_t max_chunk = limit / 2 > 64 + kSegCap ? limit / 2 - 64 : kSegCap;
    net::IovCursor cur(m.iov, m.iovcnt);
    std::size_t sent = 0;
    const bool nonblock = nonblocking(m.flags);
    std::int64_t deadline = -2;
    while (sent < m.total) {
        std::size_t want = m.total - sent;
        if (want > max_chunk) want = max_chunk;
        Seg* fresh = nullptr;  // a segment that did not make it into the queue
        Errno err{};
        std::size_t put = 0;
        p->lock.lock();
        auto ready = [&] {
            return p->closed || (p->shutdown.load(std::memory_order_relaxed) & UnixEndpoint::kRcvShutdown) ||
                   (e.shutdown.load(std::memory_order_relaxed) & UnixEndpoint::kSendShutdown) ||
                   p->rx_charge.load(std::memory_order_relaxed) < limit;
        };
        if (!ready()) {
            if (deadline == -2) deadline = nonblock ? -1 : send_deadline();
            Result<void> w = block(p->writers, p->lock, ready, nonblock, deadline);
            if (!w.ok()) err = w.error();
        }
        if (!err && (p->closed || (p->shutdown.load(std::memory_order_relaxed) & UnixEndpoint::kRcvShutdown) ||
                     (e.shutdown.load(std::memory_order_relaxed) & UnixEndpoint::kSendShutdown)))
            err = LX_EPIPE;
        if (!err) {
            // Top up the last segment when nothing rides on either.
            Seg* t = p->rx_tail;
            if (!anc && t && !t->anc && t->cap > t->tail) {
                std::size_t n = t->cap - t->tail;
                if (n > want) n = want;
                Result<std::size_t> c = cur.read(t->data() + t->tail, n);
                if (!c.ok()) err = c.error();
                else t->tail += static_cast<std::uint32_t>(n), put = n;
            }
            if (!err && put < want) {
                std::size_t n = want - put;
                if (p->spare && n <= p->spare->cap) {
                    fresh = p->spare;
                    p->spare = nullptr;
                } else {
                    fresh = seg_alloc(static_cast<std::uint32_t>(n > kSegCap ? n : kSegCap));
                }
                Result<std::size_t> c = cur.read(fresh->data(), n);
                if (!c.ok()) {
                    err = c.error();
                } else {
                    fresh->tail = static_cast<std::uint32_t>(n);
                    fresh->charge = fresh->cap + kSegOverhead;
                    fresh->anc = anc;
                    anc = nullptr;
                    p->push(fresh);
                    p->rx_charge.fetch_add(fresh->charge, std::memory_order_relaxed);
                    fresh = nullptr;
                    put += n;
                }
            }
            if (put) p->rx_bytes.fetch_add(put, std::memory_order_relaxed);
        }
        p->lock.unlock();
        // Woken after the unlock, so the reader does not run into our lock
        // (its park watches the queue's event count, which this bumps).
        if (put) {
            p->readers.wake_all();
            p->notifier.notify(kPollIn);
        }
        seg_free_chain(fresh);
        sent += put;
        if (err) {
            anc_free(anc);
            if (sent) return sent;
            return err;
        }
    }
    anc_free(anc);
    return sent;
}

Result<std::size_t> UnixSocket::stream_recv(net::RecvMsg& m) {
    UnixEndpoint& e = *ep_;
    const bool peek = m.flags & LX_MSG_PEEK;
    const bool nonblock = nonblocking(m.flags);
    const std::size_t target = (m.flags & LX_MSG_WAITALL) ? m.total : (m.total ? 1 : 0);
    net::IovCursor cur(m.iov, m.iovcnt);
    std::size_t copied = 0;
    Errno err{};
    Seg* freed = nullptr;
    UnixAnc* anc = nullptr;
    std::int64_t deadline = -2;

    e.lock.lock();
    if (e.state != State::Connected) {
        e.lock.unlock();
        return LX_EINVAL;
    }
    Seg* ps = nullptr;  // MSG_PEEK: where we are in the queue
    std::uint32_t poff = 0;
    bool peeking = false;
    for (;;) {
        Seg* s = peeking ? ps : e.rx_head;
        if (!s) {
            if (copied >= target) break;
            if (e.err) {
                if (!copied) err = static_cast<Errno>(e.err), e.err = 0;
                break;
            }
            if (e.shutdown.load(std::memory_order_relaxed) & UnixEndpoint::kRcvShutdown) break;
            if (peeking) break;
            if (deadline == -2) deadline = nonblock ? -1 : recv_deadline();
            auto ready = [&] {
                return e.rx_head || e.err ||
                       (e.shutdown.load(std::memory_order_relaxed) & UnixEndpoint::kRcvShutdown);
            };
            Result<void> w = block(e.readers, e.lock, ready, nonblock, deadline);
            if (!w.ok()) {
                if (!copied) err = w.error();
                break;
            }
            continue;
        }
        std::uint32_t off = peeking ? poff : s->head;
        std::size_t n = s->tail - off;
        if (n > m.total - copied) n = m.total - copied;
        Result<std::size_t> w = cur.write(s->data() + off, n);
        if (!w.ok()) {
            if (!copied) err = w.error();
            break;
        }
        copied += n;
        bool stop = false;
        if (peek) {
            if (s->anc) {
                anc = new UnixAnc;
                anc->files = s->anc->files;
                anc->has_cred = s->anc->has_cred;
                anc->cred = s->anc->cred;
                stop = true;
            }
            peeking = true;
            if (off + n == s->tail) ps = s->next, poff = ps ? ps->head : 0;
            else ps = s, poff = static_cast<std::uint32_t>(off + n);
        } else {
            s->head += static_cast<std::uint32_t>(n);
            e.rx_bytes.fetch_sub(n, std::memory_order_relaxed);
            if (s->anc) {
                // Files ride with their bytes: detached with the first of
                // them read, and the read ends there (Linux glues data
                // before them, never after).
                anc = s->anc;
                s->anc = nullptr;
                stop = true;
            }
            if (s->head == s->tail) {
                e.pop();
                e.rx_charge.fetch_sub(s->charge, std::memory_order_relaxed);
                if (!e.spare && s->cap == kSegCap) {
                    s->head = s->tail = 0;
                    e.spare = s;
                } else {
                    s->next = freed;
                    freed = s;
                }
            }
        }
        if (stop || copied >= m.total) break;
    }
    UnixEndpoint* p = e.conn_peer.load(std::memory_order_relaxed);
    const bool consumed = !peek && copied > 0;
    e.lock.unlock();
    if (consumed) {
        e.writers.wake_all();
        if (p) p->notifier.notify(kPollOut);
    }

    if (m.from) {
        if (p) name_or_unnamed(*p, *m.from, true);
        else m.from->len = 0;
    }
    if (copied && (anc || passcred())) {
        Result<void> d = deliver_control(m, anc, passcred(), peek);
        if (!d.ok() && !err) err = d.error();
    }
    anc_free(anc);
    seg_free_chain(freed);
    if (copied) return copied;
    if (err) return err;
    return std::size_t{0};
}

}  // namespace ukp::ipc
