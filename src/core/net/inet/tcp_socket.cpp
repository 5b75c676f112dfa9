#include "core/net/inet/tcp_socket.hpp"

#include <cstring>

#include "core/base/uaccess.hpp"
#include "core/net/inet/abi.hpp"
#include "core/net/inet/ifaces.hpp"
#include "core/net/inet/util.hpp"
#include "core/net/lwip/stack.hpp"
#include "host/host.hpp"

extern "C" {
#include "lwip/ip.h"
#include "lwip/netif.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
}

namespace ukp::net::inet {
namespace {

using lwip::Stack;

// Bytes copied through the stack per tcp_write: application memory is read
// with fault-safe copies, lwIP copies from kernel memory.
constexpr std::size_t kBounce = 16 * 1024;
// Writable (POLLOUT) once this much send buffer is free, as Linux wakes a
// writer at a fraction of its buffer rather than at every free byte.
constexpr std::uint32_t kWritableLowat = 32 * 1024;
constexpr int kMaxBacklog = LX_SOMAXCONN;
constexpr int kLwipMaxBacklog = 255;  // lwIP counts pending connections in a u8

}  // namespace

TcpSocket::TcpSocket(int domain, int flags, tcp_pcb* pcb)
    : Socket(socket_vnode(), flags, domain, LX_SOCK_STREAM, LX_IPPROTO_TCP) {
    if (pcb) {
        attach(pcb);
        state_ = State::connected;
        was_connected_ = true;
    }
}

TcpSocket::~TcpSocket() {
    std::pmr::deque<Ref<TcpSocket>> pending{mem::resource()};
    {
        lwip::NetGuard g;
        pending.swap(accept_q_);
        // Linux resets instead of closing when unread data would be lost,
        // and when SO_LINGER asks for it with a zero timeout.
        release_pcb(rx_bytes() > 0 || reset_on_close_);
    }
    // The never-accepted connections close here, outside the net lock their
    // own destructors take.
}

void TcpSocket::attach(tcp_pcb* pcb) {
    pcb_ = pcb;
    tcp_arg(pcb, this);
    tcp_recv(pcb, &TcpSocket::on_recv);
    tcp_sent(pcb, &TcpSocket::on_sent);
    tcp_err(pcb, &TcpSocket::on_err);
}

void TcpSocket::release_pcb(bool reset) {
    if (rx_) {
        pbuf_free(rx_);
        rx_ = rx_tail_ = nullptr;
        rx_off_ = rx_len_ = 0;
    }
    if (!pcb_) return;
    tcp_pcb* pcb = pcb_;
    pcb_ = nullptr;
    tcp_arg(pcb, nullptr);
    if (pcb->state == LISTEN) {
        tcp_close(pcb);
    } else {
        tcp_recv(pcb, nullptr);  // lwIP drops what still arrives
        tcp_sent(pcb, nullptr);
        tcp_err(pcb, nullptr);
        if (reset || tcp_close(pcb) != ERR_OK) tcp_abort(pcb);
    }
    Stack::get().deliver_loopback();
}

Result<void> TcpSocket::ensure_pcb() {
    if (pcb_) return success();
    if (state_ == State::closed) return LX_EINVAL;
    u8_t type = family() == LX_AF_INET ? IPADDR_TYPE_V4 : v6only_ ? IPADDR_TYPE_V6 : IPADDR_TYPE_ANY;
    tcp_pcb* pcb = tcp_new_ip_type(type);
    if (!pcb) return LX_ENOBUFS;
    attach(pcb);
    apply_options();
    return success();
}

void TcpSocket::apply_options() {
    if (!pcb_) return;
    if (reuseaddr_) ip_set_option(pcb_, SOF_REUSEADDR);
    else ip_reset_option(pcb_, SOF_REUSEADDR);
    if (keepalive_) ip_set_option(pcb_, SOF_KEEPALIVE);
    else ip_reset_option(pcb_, SOF_KEEPALIVE);
    pcb_->tos = static_cast<u8_t>(tos_);
    // A listening pcb is the smaller struct tcp_pcb_listen: it has no flags
    // and no keepalive fields (writing them corrupted the arena). Accepted
    // connections take these options from the listening socket instead.
    if (pcb_->state == LISTEN) return;
    if (nodelay_) tcp_nagle_disable(pcb_);
    else tcp_nagle_enable(pcb_);
    pcb_->keep_idle = static_cast<u32_t>(keep_idle_s_) * 1000;
    pcb_->keep_intvl = static_cast<u32_t>(keep_intvl_s_) * 1000;
    pcb_->keep_cnt = static_cast<u32_t>(keep_cnt_);
}

template <typename Ready>
Result<void> TcpSocket::wait_until(Ready&& ready, bool nonblock, std::int64_t deadline) {
    if (ready()) return success();
    if (nonblock) return LX_EAGAIN;
    Result<void> r = wq_.wait(Stack::get().lock(), ready, deadline);
    if (!r.ok() && r.error() == LX_ETIMEDOUT) return LX_EAGAIN;  // SO_RCVTIMEO/SO_SNDTIMEO
    return r;
}

// Room for at least `bytes` in the send buffer and for more segments in
// lwIP's queue: what send needs, and what POLLOUT promises (pcb_ set).
bool TcpSocket::has_send_room(std::size_t bytes) const {
    return tcp_sndbuf(pcb_) >= bytes && tcp_sndqueuelen(pcb_) < TCP_SND_QUEUELEN - 8;
}

void TcpSocket::changed(std::uint32_t events) {
    wq_.wake_all();
    notifier_.notify(events);
}

std::size_t TcpSocket::rx_bytes() const { return rx_len_; }

// ---- lwIP callbacks (net lock held) ----

err_t TcpSocket::on_recv(void* arg, tcp_pcb* pcb, pbuf* p, err_t err) {
    auto* s = static_cast<TcpSocket*>(arg);
    if (!s) {
        if (p) {
            tcp_recved(pcb, p->tot_len);
            pbuf_free(p);
        }
        return ERR_OK;
    }
    if (!p) {
        s->rx_eof_ = true;
        s->let_go_if_done();
        s->changed(LX_POLLIN | LX_POLLRDNORM | LX_POLLRDHUP | LX_POLLHUP);
        return ERR_OK;
    }
    if (err != ERR_OK || s->shut_rd_) {
        // Linux discards what arrives after SHUT_RD but keeps the window open.
        tcp_recved(pcb, p->tot_len);
        pbuf_free(p);
        return ERR_OK;
    }
    // Appended by hand: a pbuf chain's tot_len is 16 bits, and the queue
    // holds up to a whole window (1 MiB); rx_len_ counts it instead.
    pbuf* last = p;
    while (last->next) last = last->next;
    if (s->rx_) s->rx_tail_->next = p;
    else s->rx_ = p;
    s->rx_tail_ = last;
    s->rx_len_ += p->tot_len;
    // Inside the kernel an acknowledgement costs a function call, and a
    // delayed one stalls the sender until lwIP's 250 ms timer: acknowledge
    // loopback traffic at once (like Linux's quick-ack mode).
    if (ip_addr_isloopback(&pcb->remote_ip)) tcp_ack_now(pcb);
    s->changed(LX_POLLIN | LX_POLLRDNORM);
    return ERR_OK;
}

err_t TcpSocket::on_sent(void* arg, tcp_pcb*, u16_t) {
    if (auto* s = static_cast<TcpSocket*>(arg)) s->changed(LX_POLLOUT | LX_POLLWRNORM);
    return ERR_OK;
}

void TcpSocket::on_err(void* arg, err_t err) {
    auto* s = static_cast<TcpSocket*>(arg);
    if (!s) return;
    s->pcb_ = nullptr;  // lwIP has freed it
    Errno e = err == ERR_RST && s->state_ == State::connecting ? LX_ECONNREFUSED : from_lwip(err);
    if (err == ERR_CLSD) e = Errno{};
    s->reset_ = e != 0;
    s->set_error(e);
    s->state_ = State::closed;
    s->changed(LX_POLLIN | LX_POLLOUT | LX_POLLERR | LX_POLLHUP | LX_POLLRDHUP);
}

err_t TcpSocket::on_connected(void* arg, tcp_pcb*, err_t err) {
    auto* s = static_cast<TcpSocket*>(arg);
    if (!s) return ERR_ABRT;
    if (err == ERR_OK) {
        s->state_ = State::connected;
        s->connect_unreported_ = false;  // poll reports it; a connect says EISCONN
        s->was_connected_ = true;
    }
    s->changed(LX_POLLOUT | LX_POLLWRNORM);
    return ERR_OK;
}

err_t TcpSocket::on_accept(void* arg, tcp_pcb* newpcb, err_t err) {
    auto* s = static_cast<TcpSocket*>(arg);
    if (!s || err != ERR_OK || !newpcb) return ERR_VAL;
    // Up to lwIP's largest backlog (255), a queued connection counts against
    // it until accept() takes it, so lwIP ignores further SYNs meanwhile, as
    // Linux drops them. Longer queues are bounded here instead: the one
    // connection past them is reset.
    bool counted = s->backlog_ + 1 <= kLwipMaxBacklog;
    if (counted) {
        tcp_backlog_delayed(newpcb);
    } else if (s->accept_q_.size() > static_cast<std::size_t>(s->backlog_)) {
        return ERR_MEM;  // lwIP aborts the new connection
    }
    auto* child = new TcpSocket(s->family(), 0, newpcb);
    child->backlog_counted_ = counted;
    child->v6only_ = s->v6only_;
    child->nodelay_ = s->nodelay_;
    child->keepalive_ = s->keepalive_;
    child->keep_idle_s_ = s->keep_idle_s_;
    child->keep_intvl_s_ = s->keep_intvl_s_;
    child->keep_cnt_ = s->keep_cnt_;
    child->tos_ = s->tos_;
    child->apply_options();
    s->accept_q_.push_back(Ref<TcpSocket>(child));
    s->changed(LX_POLLIN | LX_POLLRDNORM);
    return ERR_OK;
}

// ---- calls ----

Result<void> TcpSocket::bind(const SockAddr& a) {
    lwip::NetGuard g;
    Endpoint e = TRY(parse(family(), a, v6only_));
    if (state_ != State::fresh) return LX_EINVAL;
    if (!is_local(&e.ip)) return LX_EADDRNOTAVAIL;
    TRY(ensure_pcb());
    const ip_addr_t* ip = &e.ip;
    // "::" on a dual-stack socket: every address of both families.
    if (family() == LX_AF_INET6 && !v6only_ && ip_addr_isany(&e.ip)) ip = IP_ANY_TYPE;
    if (Errno err = from_lwip(tcp_bind(pcb_, ip, e.port))) return err;
    state_ = State::bound;
    return success();
}

Result<void> TcpSocket::listen(int backlog) {
    lwip::NetGuard g;
    if (state_ == State::listening) {
        backlog_ = backlog < 0 ? 0 : backlog > kMaxBacklog ? kMaxBacklog : backlog;
        return success();
    }
    if (state_ != State::fresh && state_ != State::bound) return LX_EINVAL;
    TRY(ensure_pcb());
    if (state_ == State::fresh) {  // Linux binds an ephemeral port
        if (Errno err = from_lwip(tcp_bind(pcb_, family() == LX_AF_INET ? IP4_ADDR_ANY : IP_ANY_TYPE, 0)))
            return err;
    }
    backlog_ = backlog < 0 ? 0 : backlog > kMaxBacklog ? kMaxBacklog : backlog;
    // Linux accepts backlog + 1 connections before it drops SYNs.
    int lwip_backlog = backlog_ + 1 > kLwipMaxBacklog ? kLwipMaxBacklog : backlog_ + 1;
    err_t err;
    tcp_pcb* lpcb = tcp_listen_with_backlog_and_err(pcb_, static_cast<u8_t>(lwip_backlog), &err);
    if (!lpcb) return from_lwip(err);
    pcb_ = lpcb;  // lwIP freed the old pcb
    tcp_arg(lpcb, this);
    tcp_accept(lpcb, &TcpSocket::on_accept);
    state_ = State::listening;
    return success();
}

Result<Ref<Socket>> TcpSocket::accept(SockAddr* peer, int flags) {
    lwip::NetGuard g;
    if (state_ != State::listening) return LX_EINVAL;
    TRY(wait_until([&] { return !accept_q_.empty() || state_ != State::listening; }, nonblocking(0),
                   recv_deadline()));
    if (accept_q_.empty()) return LX_EINVAL;
    Ref<TcpSocket> child = std::move(accept_q_.front());
    accept_q_.pop_front();
    if (child->pcb_ && child->backlog_counted_) tcp_backlog_accepted(child->pcb_);
    if (flags & LX_SOCK_NONBLOCK) child->set_status_flags(child->flags() | LX_O_NONBLOCK);
    if (peer) TRY(child->peer_locked(*peer));
    return Ref<Socket>(std::move(child));
}

Result<void> TcpSocket::connect(const SockAddr& a) {
    lwip::NetGuard g;
    if (a.len >= 2 && a.family() == LX_AF_UNSPEC) return LX_EAFNOSUPPORT;  // no disconnect for TCP
    Endpoint e = TRY(parse(family(), a, v6only_));
    switch (state_) {
        case State::connecting: return LX_EALREADY;
        case State::connected: return LX_EISCONN;
        case State::listening: return LX_EISCONN;
        case State::closed:
            if (was_connected_) return LX_EISCONN;  // Linux: still "connected" after a reset
            // A non-blocking connect that failed is answered by the next
            // connect (its error, or ECONNABORTED once SO_ERROR took it), as
            // Linux's inet_stream_connect does; after that, or after a
            // blocking connect reported its failure, the socket starts over.
            if (connect_unreported_) {
                connect_unreported_ = false;
                start_over();
                int err = take_error();
                return err ? Errno(err) : Errno(LX_ECONNABORTED);
            }
            start_over();
            break;
        default: break;
    }
    TRY(ensure_pcb());
    any_to_loopback(e);  // Linux: "any" is this machine
    state_ = State::connecting;
    if (Errno err = from_lwip(tcp_connect(pcb_, &e.ip, e.port, &TcpSocket::on_connected))) {
        state_ = State::bound;
        return err;
    }
    Stack::get().deliver_loopback();
    // Like Linux, a non-blocking connect reports EINPROGRESS even when the
    // loopback peer already answered; poll and SO_ERROR tell the outcome.
    if (nonblocking(0)) {
        connect_unreported_ = true;
        return LX_EINPROGRESS;
    }
    Result<void> r = wait_until([&] { return state_ != State::connecting; }, false, send_deadline());
    if (!r.ok()) {
        connect_unreported_ = true;  // still in progress: a later call reports it
        return r.error() == LX_EAGAIN ? LX_EINPROGRESS : r.error();
    }
    if (state_ == State::connected) return success();
    int err = take_error();
    return err ? Errno(err) : Errno(LX_ECONNREFUSED);
}

// After a failed connect: a fresh socket again (lwIP freed the pcb and,
// with it, the local port), keeping the options.
void TcpSocket::start_over() {
    state_ = State::fresh;
    reset_ = rx_eof_ = shut_rd_ = shut_wr_ = false;
}

// Why a send cannot go on: a pending error, else EPIPE (after SIGPIPE, unless
// MSG_NOSIGNAL), as Linux answers for sockets that never connected too.
Errno TcpSocket::send_blocked(int msg_flags) {
    if (int err = take_error()) return Errno(err);
    if (!(msg_flags & LX_MSG_NOSIGNAL)) host::signal_thread(LX_SIGPIPE);
    return LX_EPIPE;
}

Result<std::size_t> TcpSocket::sendmsg(SendMsg& m) {
    if (m.flags & LX_MSG_OOB) return LX_EOPNOTSUPP;
    lwip::NetGuard g;
    IovCursor in(m.iov, m.iovcnt);
    const bool nonblock = nonblocking(m.flags);
    auto can_send = [&] { return pcb_ && state_ == State::connected && !shut_wr_; };
    if (state_ == State::connecting) {  // a send waits for the handshake
        TRY(wait_until([&] { return state_ != State::connecting; }, nonblock, send_deadline()));
    }
    auto writable = [&] { return !can_send() || has_send_room(1); };
    std::size_t sent = 0;
    std::uint8_t bounce[kBounce];
    while (sent < m.total || sent == 0) {
        if (!can_send()) return sent > 0 ? Result<std::size_t>(sent) : Result<std::size_t>(send_blocked(m.flags));
        if (m.total == 0) return std::size_t{0};
        Result<void> r = wait_until(writable, nonblock, send_deadline());
        if (!r.ok()) return sent > 0 ? Result<std::size_t>(sent) : Result<std::size_t>(r.error());
        if (!can_send()) continue;
        std::size_t n = m.total - sent;
        if (n > tcp_sndbuf(pcb_)) n = tcp_sndbuf(pcb_);
        if (n > kBounce) n = kBounce;
        std::size_t got = TRY(in.read(bounce, n));
        if (got == 0) break;
        bool more = (m.flags & LX_MSG_MORE) || sent + got < m.total;
        err_t err = tcp_write(pcb_, bounce, static_cast<u16_t>(got),
                              TCP_WRITE_FLAG_COPY | (more ? TCP_WRITE_FLAG_MORE : 0));
        if (err != ERR_OK) {
            if (sent > 0) break;
            return from_lwip(err);
        }
        sent += got;
        if (!more || tcp_sndbuf(pcb_) == 0) {
            tcp_output(pcb_);
            Stack::get().deliver_loopback();
        }
    }
    if (pcb_) {
        tcp_output(pcb_);
        Stack::get().deliver_loopback();
    }
    return sent;
}

// Copies received bytes to m's buffers after the first `already` bytes of
// them; consumes them unless peeking.
Result<std::size_t> TcpSocket::copy_out(RecvMsg& m, std::size_t already, bool peek) {
    IovCursor out(m.iov, m.iovcnt);
    out.skip(already);
    std::size_t want = m.total - already, done = 0, off = rx_off_;
    for (pbuf* p = rx_; p && done < want; p = p->next, off = 0) {
        if (off >= p->len) {
            off -= p->len;
            continue;
        }
        std::size_t n = p->len - off;
        if (n > want - done) n = want - done;
        TRY(out.write(static_cast<const std::uint8_t*>(p->payload) + off, n));
        done += n;
    }
    if (peek || done == 0) return done;
    // Drop the pbufs read whole; keep the offset into the next one.
    std::size_t left = rx_off_ + done;
    while (rx_ && left >= rx_->len) {
        left -= rx_->len;
        // Unlinked, the head is freed alone; the chain's reference to the
        // rest passes to rx_ (as pbuf_dechain does: no extra pbuf_ref, which
        // would leak every pbuf after the first).
        pbuf* next = rx_->next;
        rx_->next = nullptr;
        rx_->tot_len = rx_->len;
        pbuf_free(rx_);
        rx_ = next;
    }
    if (!rx_) rx_tail_ = nullptr;
    rx_off_ = left;
    rx_len_ -= done;
    if (pcb_) {  // reopen the window
        for (std::size_t rest = done; rest > 0;) {
            std::size_t step = rest > 0xffff ? 0xffff : rest;
            tcp_recved(pcb_, static_cast<u16_t>(step));
            rest -= step;
        }
        Stack::get().deliver_loopback();
    }
    return done;
}

Result<std::size_t> TcpSocket::recvmsg(RecvMsg& m) {
    if (m.flags & LX_MSG_OOB) return LX_EINVAL;
    lwip::NetGuard g;
    if (state_ == State::listening || state_ == State::fresh || state_ == State::bound) return LX_ENOTCONN;
    const bool peek = m.flags & LX_MSG_PEEK;
    const bool waitall = (m.flags & LX_MSG_WAITALL) && !peek;
    const bool nonblock = nonblocking(m.flags);
    if (m.from) m.from->len = 0;  // TCP reports no source address
    auto readable = [&] { return rx_bytes() > 0 || rx_eof_ || shut_rd_ || state_ == State::closed; };
    std::size_t got = 0;
    while (true) {
        Result<void> r = wait_until(readable, nonblock, recv_deadline());
        if (!r.ok()) return got > 0 ? Result<std::size_t>(got) : Result<std::size_t>(r.error());
        if (rx_bytes() == 0) {
            if (got > 0) return got;
            if (int err = take_error()) return Errno(err);
            return std::size_t{0};  // end of file
        }
        got += TRY(copy_out(m, got, peek));
        if (!waitall || got == m.total) return got;
    }
}

Result<void> TcpSocket::shutdown(int how) {
    if (how < LX_SHUT_RD || how > LX_SHUT_RDWR) return LX_EINVAL;
    lwip::NetGuard g;
    if (state_ != State::connected && state_ != State::closed) {
        if (state_ != State::listening) return LX_ENOTCONN;
        // Shutting a listener down stops it, as on Linux.
        release_pcb(false);
        state_ = State::closed;
        changed(LX_POLLIN | LX_POLLHUP);
        return success();
    }
    bool rd = how != LX_SHUT_WR, wr = how != LX_SHUT_RD;
    if (rd) shut_rd_ = true;
    if (wr && !shut_wr_) {
        shut_wr_ = true;
        if (pcb_) {
            tcp_shutdown(pcb_, 0, 1);  // FIN after what is queued
            Stack::get().deliver_loopback();
        }
        let_go_if_done();
    }
    changed(LX_POLLIN | LX_POLLOUT | LX_POLLHUP | LX_POLLRDHUP);
    return success();
}

// Both directions are finished: the connection's last steps (LAST_ACK,
// CLOSING, TIME_WAIT) are lwIP's alone, and lwIP frees a TIME_WAIT pcb
// without a callback, so the socket lets go of it now and keeps only its
// name. Unread data stays readable.
void TcpSocket::let_go_if_done() {
    if (!pcb_ || !shut_wr_ || !rx_eof_) return;
    ip_addr_copy(kept_local_.ip, pcb_->local_ip);
    kept_local_.port = pcb_->local_port;
    tcp_arg(pcb_, nullptr);
    tcp_recv(pcb_, nullptr);
    tcp_sent(pcb_, nullptr);
    tcp_err(pcb_, nullptr);
    pcb_ = nullptr;
    state_ = State::closed;
}

Result<void> TcpSocket::getsockname(SockAddr& out) {
    lwip::NetGuard g;
    Endpoint e = kept_local_;
    if (pcb_) {
        ip_addr_copy(e.ip, pcb_->local_ip);
        e.port = pcb_->local_port;
    }
    format_local(family(), e, out);
    return success();
}

Result<void> TcpSocket::peer_locked(SockAddr& out) {
    if (state_ != State::connected || !pcb_) return LX_ENOTCONN;
    Endpoint e;
    ip_addr_copy(e.ip, pcb_->remote_ip);
    e.port = pcb_->remote_port;
    format(family(), e, out);
    return success();
}

Result<void> TcpSocket::getpeername(SockAddr& out) {
    lwip::NetGuard g;
    return peer_locked(out);
}

Result<void> TcpSocket::setsockopt(int level, int name, const void* val, std::uint32_t len) {
    {
        lwip::NetGuard g;
        if (level == LX_IPPROTO_TCP) {
            int v = TRY(int_arg(val, len));
            switch (name) {
                case LX_TCP_NODELAY: nodelay_ = v != 0; break;
                case LX_TCP_KEEPIDLE:
                    if (v < 1 || v > 32767) return LX_EINVAL;
                    keep_idle_s_ = v;
                    break;
                case LX_TCP_KEEPINTVL:
                    if (v < 1 || v > 32767) return LX_EINVAL;
                    keep_intvl_s_ = v;
                    break;
                case LX_TCP_KEEPCNT:
                    if (v < 1 || v > 127) return LX_EINVAL;
                    keep_cnt_ = v;
                    break;
                case LX_TCP_MAXSEG: break;  // accepted; lwIP derives the MSS from the interface
                default: return LX_ENOPROTOOPT;
            }
            apply_options();
            return success();
        }
        if (level == LX_IPPROTO_IP && name == LX_IP_TOS) {
            tos_ = TRY(int_arg(val, len)) & 0xfc;
            apply_options();
            return success();
        }
        if (level == LX_IPPROTO_IPV6 && name == LX_IPV6_V6ONLY) {
            if (family() != LX_AF_INET6) return LX_ENOPROTOOPT;
            if (state_ != State::fresh) return LX_EINVAL;  // Linux: only before bind
            v6only_ = TRY(int_arg(val, len)) != 0;
            return success();
        }
        if (level != LX_SOL_SOCKET) return LX_ENOPROTOOPT;
        if (name == LX_SO_KEEPALIVE || name == LX_SO_REUSEADDR) {
            int v = TRY(int_arg(val, len));
            (name == LX_SO_KEEPALIVE ? keepalive_ : reuseaddr_) = v != 0;
            apply_options();
        }
        if (name == LX_SO_LINGER && len >= sizeof(lx_linger)) {
            lx_linger l;
            std::memcpy(&l, val, sizeof l);
            reset_on_close_ = l.l_onoff && l.l_linger <= 0;
        }
    }
    return Socket::setsockopt(level, name, val, len);
}

Result<std::uint32_t> TcpSocket::getsockopt(int level, int name, void* val, std::uint32_t len) {
    {
        lwip::NetGuard g;
        if (level == LX_IPPROTO_TCP) {
            switch (name) {
                case LX_TCP_NODELAY: return put_int(val, len, nodelay_);
                case LX_TCP_KEEPIDLE: return put_int(val, len, keep_idle_s_);
                case LX_TCP_KEEPINTVL: return put_int(val, len, keep_intvl_s_);
                case LX_TCP_KEEPCNT: return put_int(val, len, keep_cnt_);
                case LX_TCP_MAXSEG: return put_int(val, len, pcb_ && state_ == State::connected ? pcb_->mss : 536);
                default: return LX_ENOPROTOOPT;
            }
        }
        if (level == LX_IPPROTO_IP && name == LX_IP_TOS) return put_int(val, len, tos_);
        if (level == LX_IPPROTO_IPV6 && name == LX_IPV6_V6ONLY && family() == LX_AF_INET6)
            return put_int(val, len, v6only_);
        if (level != LX_SOL_SOCKET) return LX_ENOPROTOOPT;
    }
    return Socket::getsockopt(level, name, val, len);
}

std::uint32_t TcpSocket::poll_mask() {
    lwip::NetGuard g;
    std::uint32_t m = 0;
    if (state_ == State::listening) return accept_q_.empty() ? 0 : LX_POLLIN | LX_POLLRDNORM;
    bool closed = state_ == State::closed || state_ == State::fresh || state_ == State::bound;
    if (closed || (shut_wr_ && (rx_eof_ || shut_rd_))) m |= LX_POLLHUP;
    // A reset shuts both directions (Linux's tcp_done): readable at EOF.
    if (rx_eof_ || shut_rd_ || reset_) m |= LX_POLLIN | LX_POLLRDNORM | LX_POLLRDHUP;
    if (rx_bytes() > 0) m |= LX_POLLIN | LX_POLLRDNORM;
    if (state_ != State::connecting) {
        bool room = !pcb_ || shut_wr_ || state_ != State::connected || has_send_room(kWritableLowat);
        if (room) m |= LX_POLLOUT | LX_POLLWRNORM;
    }
    if (error_pending()) m |= LX_POLLERR;  // until SO_ERROR or a call reports it
    return m;
}

Result<long> TcpSocket::ioctl(unsigned long request, void* arg) {
    if (request == LX_SIOCOUTQ) {  // bytes not yet acknowledged by the peer
        int queued;
        {
            lwip::NetGuard g;
            if (state_ == State::listening) return LX_EINVAL;
            // Linux's write_seq - snd_una: queued and unacknowledged bytes.
            queued = pcb_ && state_ == State::connected ? static_cast<int>(pcb_->snd_lbb - pcb_->lastack) : 0;
        }
        TRY(copy_to_app(arg, &queued, sizeof queued));
        return 0;
    }
    return interface_ioctl(request, arg);
}

Result<std::int64_t> TcpSocket::readable_bytes() {
    lwip::NetGuard g;
    if (state_ == State::listening) return LX_EINVAL;
    return static_cast<std::int64_t>(rx_bytes());
}

}  // namespace ukp::net::inet
