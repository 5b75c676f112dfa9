// UDP sockets (AF_INET, AF_INET6) over lwIP's raw API. State is guarded by
// the net lock; lwIP's receive callback queues whole datagrams up to the
// receive buffer size (beyond it they are dropped, as Linux drops them).
#pragma once

#include <deque>

#include "core/base/wait_queue.hpp"
#include "core/net/inet/addr.hpp"
#include "core/net/socket.hpp"

extern "C" {
struct udp_pcb;
struct pbuf;
}

namespace ukp::net::inet {

class UdpSocket final : public Socket {
public:
    UdpSocket(int domain, int flags);
    ~UdpSocket() override;

    Result<void> bind(const SockAddr&) override;
    Result<void> connect(const SockAddr&) override;
    Result<std::size_t> sendmsg(SendMsg&) override;
    Result<std::size_t> recvmsg(RecvMsg&) override;
    Result<void> shutdown(int how) override;
    Result<void> getsockname(SockAddr&) override;
    Result<void> getpeername(SockAddr&) override;
    Result<void> setsockopt(int level, int name, const void* val, std::uint32_t len) override;
    Result<std::uint32_t> getsockopt(int level, int name, void* val, std::uint32_t len) override;
    std::uint32_t poll_mask() override;
    event::Notifier* notifier() override { return &notifier_; }
    Result<std::int64_t> readable_bytes() override;
    Result<long> ioctl(unsigned long request, void* arg) override;

private:
    struct Datagram {
        pbuf* data;
        Endpoint from;
    };
    static void on_recv(void* arg, udp_pcb*, pbuf* p, const ip_addr_t* addr, std::uint16_t port);
    Result<void> ensure_pcb();
    void apply_options();

    udp_pcb* pcb_ = nullptr;
    bool connected_ = false, bound_ = false;
    bool port_locked_ = false;  // bound to a port the application chose
    bool shut_rd_ = false, shut_wr_ = false;
    bool v6only_ = false, reuseaddr_ = false, broadcast_ = false;
    int tos_ = 0;
    std::pmr::deque<Datagram> rx_{mem::resource()};
    std::size_t rx_bytes_ = 0;
    WaitQueue wq_;
    event::Notifier notifier_;
};

}  // namespace ukp::net::inet
