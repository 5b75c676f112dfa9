// TCP sockets (AF_INET, AF_INET6) over lwIP's raw API.
//
// All state is guarded by the net lock (lwip::Stack::lock()), like lwIP
// itself: application threads call lwIP directly under it, and lwIP's
// callbacks (which run under it too) queue data, complete connects and
// accepts, and wake waiters. A send on the loopback interface delivers to the
// peer before it returns, so a round trip inside the kernel never involves
// the service thread.
#pragma once

#include <deque>

#include "core/base/wait_queue.hpp"
#include "core/net/inet/addr.hpp"
#include "core/net/socket.hpp"

extern "C" {
struct tcp_pcb;
struct pbuf;
}

namespace ukp::net::inet {

class TcpSocket final : public Socket {
public:
    // `pcb`: an established connection handed over by a listener.
    TcpSocket(int domain, int flags, tcp_pcb* pcb = nullptr);
    ~TcpSocket() override;

    Result<void> bind(const SockAddr&) override;
    Result<void> connect(const SockAddr&) override;
    Result<void> listen(int backlog) override;
    Result<Ref<Socket>> accept(SockAddr* peer, int flags) override;
    Result<std::size_t> sendmsg(SendMsg&) override;
    Result<std::size_t> recvmsg(RecvMsg&) override;
    Result<void> shutdown(int how) override;
    Result<void> getsockname(SockAddr&) override;
    Result<void> getpeername(SockAddr&) override;
    bool listening() const override { return state_ == State::listening; }
    Result<void> setsockopt(int level, int name, const void* val, std::uint32_t len) override;
    Result<std::uint32_t> getsockopt(int level, int name, void* val, std::uint32_t len) override;
    std::uint32_t poll_mask() override;
    event::Notifier* notifier() override { return &notifier_; }
    Result<std::int64_t> readable_bytes() override;
    Result<long> ioctl(unsigned long request, void* arg) override;

private:
    enum class State { fresh, bound, listening, connecting, connected, closed };

    // lwIP's callbacks; `arg` is the socket.
    static signed char on_recv(void* arg, tcp_pcb*, pbuf*, signed char err);
    static signed char on_sent(void* arg, tcp_pcb*, std::uint16_t len);
    static void on_err(void* arg, signed char err);
    static signed char on_connected(void* arg, tcp_pcb*, signed char err);
    static signed char on_accept(void* arg, tcp_pcb*, signed char err);

    Result<void> ensure_pcb();
    void attach(tcp_pcb* pcb);
    void apply_options();
    // Frees received data and lets lwIP forget the socket; the pcb is closed
    // (or reset, when `reset`).
    void release_pcb(bool reset);
    void changed(std::uint32_t events);
    std::size_t rx_bytes() const;
    Result<std::size_t> copy_out(RecvMsg& m, std::size_t already, bool peek);
    Errno send_blocked(int msg_flags);
    void start_over();
    void let_go_if_done();
    bool has_send_room(std::size_t bytes) const;
    Result<void> peer_locked(SockAddr& out);
    // Waits on wq_ under the net lock: EAGAIN when non-blocking or when the
    // deadline (SO_RCVTIMEO/SO_SNDTIMEO) passes.
    template <typename Ready>
    Result<void> wait_until(Ready&& ready, bool nonblock, std::int64_t deadline);

    State state_ = State::fresh;
    tcp_pcb* pcb_ = nullptr;  // null before bind/connect and once lwIP freed it
    Endpoint kept_local_{};    // the local name once the pcb is let go
    pbuf* rx_ = nullptr;      // received, not yet read; rx_off_ bytes of it consumed
    pbuf* rx_tail_ = nullptr;
    std::size_t rx_off_ = 0;
    std::size_t rx_len_ = 0;  // unread bytes in rx_
    bool rx_eof_ = false;     // the peer sent FIN
    bool shut_rd_ = false, shut_wr_ = false;
    bool reset_ = false;      // connection reset or refused (error_ says which)
    bool v6only_ = false, nodelay_ = false, keepalive_ = false, reuseaddr_ = false;
    bool reset_on_close_ = false;  // SO_LINGER on with a zero timeout
    bool connect_unreported_ = false;  // a connect's outcome no connect call reported yet
    bool was_connected_ = false;
    bool backlog_counted_ = false;  // counts in the listener's lwIP backlog until accepted
    int keep_idle_s_ = 7200, keep_intvl_s_ = 75, keep_cnt_ = 9;
    int tos_ = 0;
    int backlog_ = 0;
    std::pmr::deque<Ref<TcpSocket>> accept_q_{mem::resource()};
    WaitQueue wq_;
    event::Notifier notifier_;
};

}  // namespace ukp::net::inet
