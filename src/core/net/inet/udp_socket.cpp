#include "core/net/inet/udp_socket.hpp"

#include <cstring>

#include "core/base/uaccess.hpp"
#include "core/net/inet/abi.hpp"
#include "core/net/inet/ifaces.hpp"
#include "core/net/inet/util.hpp"
#include "core/net/lwip/stack.hpp"

extern "C" {
#include "lwip/ip.h"
#include "lwip/pbuf.h"
#include "lwip/udp.h"
}

namespace ukp::net::inet {
namespace {

using lwip::Stack;

// The largest UDP payload: 65535 minus the IPv4 and UDP headers. Linux
// sends 65527 over IPv6 (the payload length leaves out the IPv6 header),
// but lwIP's pbufs count a whole packet in 16 bits: 65535 - 40 - 8.
constexpr std::size_t kMaxPayload = 65507, kMaxPayload6 = 65487;
// What one queued datagram costs against SO_RCVBUF besides its bytes.
constexpr std::size_t kOverhead = 256;

}  // namespace

UdpSocket::UdpSocket(int domain, int flags)
    : Socket(socket_vnode(), flags, domain, LX_SOCK_DGRAM, LX_IPPROTO_UDP) {}

UdpSocket::~UdpSocket() {
    lwip::NetGuard g;
    if (pcb_) udp_remove(pcb_);
    for (Datagram& d : rx_) pbuf_free(d.data);
}

Result<void> UdpSocket::ensure_pcb() {
    if (pcb_) return success();
    u8_t type = family() == LX_AF_INET ? IPADDR_TYPE_V4 : v6only_ ? IPADDR_TYPE_V6 : IPADDR_TYPE_ANY;
    pcb_ = udp_new_ip_type(type);
    if (!pcb_) return LX_ENOBUFS;
    udp_recv(pcb_, &UdpSocket::on_recv, this);
    apply_options();
    return success();
}

void UdpSocket::apply_options() {
    if (!pcb_) return;
    if (reuseaddr_) ip_set_option(pcb_, SOF_REUSEADDR);
    else ip_reset_option(pcb_, SOF_REUSEADDR);
    if (broadcast_) ip_set_option(pcb_, SOF_BROADCAST);
    else ip_reset_option(pcb_, SOF_BROADCAST);
    pcb_->tos = static_cast<u8_t>(tos_);
}

void UdpSocket::on_recv(void* arg, udp_pcb*, pbuf* p, const ip_addr_t* addr, u16_t port) {
    auto* s = static_cast<UdpSocket*>(arg);
    std::size_t cost = p->tot_len + kOverhead;
    if (s->shut_rd_ || s->rx_bytes_ + cost > static_cast<std::size_t>(s->rcvbuf())) {
        pbuf_free(p);  // a full receive buffer drops, like Linux
        return;
    }
    Endpoint from;
    ip_addr_copy(from.ip, *addr);
    from.port = port;
    s->rx_.push_back({p, from});
    s->rx_bytes_ += cost;
    s->wq_.wake_all();
    s->notifier_.notify(LX_POLLIN | LX_POLLRDNORM);
}

Result<void> UdpSocket::bind(const SockAddr& a) {
    lwip::NetGuard g;
    Endpoint e = TRY(parse(family(), a, v6only_));
    if (bound_) return LX_EINVAL;
    if (!is_local(&e.ip)) return LX_EADDRNOTAVAIL;
    TRY(ensure_pcb());
    const ip_addr_t* ip = &e.ip;
    if (family() == LX_AF_INET6 && !v6only_ && ip_addr_isany(&e.ip)) ip = IP_ANY_TYPE;
    if (Errno err = from_lwip(udp_bind(pcb_, ip, e.port))) return err;
    bound_ = true;
    port_locked_ = e.port != 0;
    return success();
}

Result<void> UdpSocket::connect(const SockAddr& a) {
    lwip::NetGuard g;
    if (a.len >= 2 && a.family() == LX_AF_UNSPEC) {  // dissolve the association
        if (pcb_) udp_disconnect(pcb_);
        connected_ = false;
        // Linux's udp_disconnect also gives back a port the kernel chose
        // (bind to port 0, or connect): the next send picks a new one.
        if (pcb_ && !port_locked_) {
            udp_remove(pcb_);
            pcb_ = nullptr;
            bound_ = false;
        }
        return success();
    }
    Endpoint e = TRY(parse(family(), a, v6only_));
    TRY(ensure_pcb());
    any_to_loopback(e);  // Linux: "any" is this machine
    if (Errno err = from_lwip(udp_connect(pcb_, &e.ip, e.port))) return err;
    connected_ = bound_ = true;
    return success();
}

Result<std::size_t> UdpSocket::sendmsg(SendMsg& m) {
    lwip::NetGuard g;
    // Linux binds an ephemeral port before it looks at the message
    // (inet_send_prepare), even when the send then fails.
    if (!bound_) {
        TRY(ensure_pcb());
        const ip_addr_t* any = family() == LX_AF_INET ? IP4_ADDR_ANY : v6only_ ? IP6_ADDR_ANY : IP_ANY_TYPE;
        if (Errno err = from_lwip(udp_bind(pcb_, any, 0))) return err;
        bound_ = true;
    }
    if (shut_wr_) {
        if (!(m.flags & LX_MSG_NOSIGNAL)) host::signal_thread(LX_SIGPIPE);
        return LX_EPIPE;
    }
    Endpoint to;
    if (m.to && m.to->len > 0) {
        to = TRY(parse(family(), *m.to, v6only_));
        any_to_loopback(to);  // Linux: "any" is this machine
    } else if (!connected_) {
        return LX_EDESTADDRREQ;
    }
    const ip_addr_t& dst = m.to && m.to->len > 0 ? to.ip : pcb_->remote_ip;
    if (m.total > (IP_IS_V6(&dst) ? kMaxPayload6 : kMaxPayload)) return LX_EMSGSIZE;
    TRY(ensure_pcb());
    pbuf* p = pbuf_alloc(PBUF_TRANSPORT, static_cast<u16_t>(m.total), PBUF_RAM);
    if (!p) return LX_ENOBUFS;
    IovCursor in(m.iov, m.iovcnt);
    Result<std::size_t> got = in.read(p->payload, m.total);
    if (!got.ok()) {
        pbuf_free(p);
        return got.error();
    }
    err_t err = m.to && m.to->len > 0 ? udp_sendto(pcb_, p, &to.ip, to.port) : udp_send(pcb_, p);
    pbuf_free(p);
    bound_ = true;  // sending binds an ephemeral port
    if (err != ERR_OK) return from_lwip(err);
    Stack::get().deliver_loopback();
    return m.total;
}

Result<std::size_t> UdpSocket::recvmsg(RecvMsg& m) {
    if (m.flags & LX_MSG_OOB) return LX_EOPNOTSUPP;
    lwip::NetGuard g;
    auto ready = [&] { return !rx_.empty() || shut_rd_; };
    if (!ready()) {
        if (nonblocking(m.flags)) return LX_EAGAIN;
        Result<void> r = wq_.wait(Stack::get().lock(), ready, recv_deadline());
        if (!r.ok()) return r.error() == LX_ETIMEDOUT ? LX_EAGAIN : r.error();
    }
    if (rx_.empty()) return std::size_t{0};  // shut down for reading
    Datagram& d = rx_.front();
    std::size_t len = d.data->tot_len;
    std::size_t n = len < m.total ? len : m.total;
    IovCursor out(m.iov, m.iovcnt);
    std::size_t done = 0;
    for (pbuf* q = d.data; q && done < n; q = q->next) {
        std::size_t take = q->len < n - done ? q->len : n - done;
        TRY(out.write(q->payload, take));
        done += take;
    }
    if (n < len) m.out_flags |= LX_MSG_TRUNC;
    if (m.from) format(family(), d.from, *m.from);
    if (!(m.flags & LX_MSG_PEEK)) {
        rx_bytes_ -= len + kOverhead;
        pbuf_free(d.data);
        rx_.pop_front();
    }
    return (m.flags & LX_MSG_TRUNC) ? len : n;
}

Result<void> UdpSocket::shutdown(int how) {
    if (how < LX_SHUT_RD || how > LX_SHUT_RDWR) return LX_EINVAL;
    lwip::NetGuard g;
    if (!connected_) return LX_ENOTCONN;
    if (how != LX_SHUT_WR) shut_rd_ = true;
    if (how != LX_SHUT_RD) shut_wr_ = true;
    wq_.wake_all();
    notifier_.notify(LX_POLLIN | LX_POLLOUT | LX_POLLHUP);
    return success();
}

Result<void> UdpSocket::getsockname(SockAddr& out) {
    lwip::NetGuard g;
    Endpoint e;
    if (pcb_) {
        ip_addr_copy(e.ip, pcb_->local_ip);
        e.port = pcb_->local_port;
    }
    format_local(family(), e, out);
    return success();
}

Result<void> UdpSocket::getpeername(SockAddr& out) {
    lwip::NetGuard g;
    if (!connected_ || !pcb_) return LX_ENOTCONN;
    Endpoint e;
    ip_addr_copy(e.ip, pcb_->remote_ip);
    e.port = pcb_->remote_port;
    format(family(), e, out);
    return success();
}

Result<void> UdpSocket::setsockopt(int level, int name, const void* val, std::uint32_t len) {
    {
        lwip::NetGuard g;
        if (level == LX_IPPROTO_IP && name == LX_IP_TOS) {
            tos_ = TRY(int_arg(val, len)) & 0xfc;
            apply_options();
            return success();
        }
        if (level == LX_IPPROTO_IPV6 && name == LX_IPV6_V6ONLY) {
            if (family() != LX_AF_INET6) return LX_ENOPROTOOPT;
            if (bound_) return LX_EINVAL;
            v6only_ = TRY(int_arg(val, len)) != 0;
            return success();
        }
        if (level != LX_SOL_SOCKET) return LX_ENOPROTOOPT;
        if (name == LX_SO_REUSEADDR || name == LX_SO_BROADCAST) {
            int v = TRY(int_arg(val, len));
            (name == LX_SO_REUSEADDR ? reuseaddr_ : broadcast_) = v != 0;
            apply_options();
        }
    }
    return Socket::setsockopt(level, name, val, len);
}

Result<std::uint32_t> UdpSocket::getsockopt(int level, int name, void* val, std::uint32_t len) {
    {
        lwip::NetGuard g;
        if (level == LX_IPPROTO_IP && name == LX_IP_TOS) return put_int(val, len, tos_);
        if (level == LX_IPPROTO_IPV6 && name == LX_IPV6_V6ONLY && family() == LX_AF_INET6)
            return put_int(val, len, v6only_);
        if (level != LX_SOL_SOCKET) return LX_ENOPROTOOPT;
    }
    return Socket::getsockopt(level, name, val, len);
}

std::uint32_t UdpSocket::poll_mask() {
    lwip::NetGuard g;
    std::uint32_t m = LX_POLLOUT | LX_POLLWRNORM;
    if (!rx_.empty() || shut_rd_) m |= LX_POLLIN | LX_POLLRDNORM;
    if (shut_rd_ && shut_wr_) m |= LX_POLLHUP;
    return m;
}

Result<long> UdpSocket::ioctl(unsigned long request, void* arg) {
    if (request == LX_SIOCOUTQ) {  // loopback datagrams leave at once
        int queued = 0;
        TRY(copy_to_app(arg, &queued, sizeof queued));
        return 0;
    }
    return interface_ioctl(request, arg);
}

// FIONREAD on a UDP socket: the size of the next datagram.
Result<std::int64_t> UdpSocket::readable_bytes() {
    lwip::NetGuard g;
    return rx_.empty() ? 0 : static_cast<std::int64_t>(rx_.front().data->tot_len);
}

}  // namespace ukp::net::inet
