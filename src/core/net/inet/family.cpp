// The AF_INET and AF_INET6 socket families: TCP and UDP over lwIP.
#include "core/net/inet/family.hpp"

#include "core/net/inet/abi.hpp"
#include "core/net/inet/tcp_socket.hpp"
#include "core/net/inet/udp_socket.hpp"

namespace ukp::net::inet {
namespace {

template <int Domain>
Result<Ref<Socket>> create(int type, int protocol, int flags) {
    switch (type) {
        case LX_SOCK_STREAM:
            if (protocol != 0 && protocol != LX_IPPROTO_TCP) return LX_EPROTONOSUPPORT;
            return Ref<Socket>(new TcpSocket(Domain, flags));
        case LX_SOCK_DGRAM:
            if (protocol != 0 && protocol != LX_IPPROTO_UDP) return LX_EPROTONOSUPPORT;
            return Ref<Socket>(new UdpSocket(Domain, flags));
        case LX_SOCK_RAW: return LX_EPROTONOSUPPORT;  // ICMP echo (ping) is not there yet
        default: return LX_ESOCKTNOSUPPORT;
    }
}

}  // namespace

const Family inet_family{LX_AF_INET, create<LX_AF_INET>, nullptr};
const Family inet6_family{LX_AF_INET6, create<LX_AF_INET6>, nullptr};

}  // namespace ukp::net::inet
