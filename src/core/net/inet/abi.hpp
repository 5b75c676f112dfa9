// Linux's ABI for AF_INET and AF_INET6 sockets: address layouts, protocol
// numbers and the IP/IPv6/TCP option names ukp answers.
#pragma once

#include <cstdint>

namespace ukp {

inline constexpr int LX_IPPROTO_IP = 0, LX_IPPROTO_ICMP = 1, LX_IPPROTO_TCP = 6;
inline constexpr int LX_IPPROTO_UDP = 17, LX_IPPROTO_IPV6 = 41, LX_IPPROTO_ICMPV6 = 58;

// level IPPROTO_IP
inline constexpr int LX_IP_TOS = 1, LX_IP_TTL = 2;
// level IPPROTO_IPV6
inline constexpr int LX_IPV6_UNICAST_HOPS = 16, LX_IPV6_V6ONLY = 26, LX_IPV6_TCLASS = 67;
// level IPPROTO_TCP
inline constexpr int LX_TCP_NODELAY = 1, LX_TCP_MAXSEG = 2, LX_TCP_KEEPIDLE = 4;
inline constexpr int LX_TCP_KEEPINTVL = 5, LX_TCP_KEEPCNT = 6;

struct lx_sockaddr_in {
    std::uint16_t sin_family;
    std::uint16_t sin_port;  // network byte order
    std::uint32_t sin_addr;  // network byte order
    std::uint8_t sin_zero[8];
};
static_assert(sizeof(lx_sockaddr_in) == 16);

struct lx_sockaddr_in6 {
    std::uint16_t sin6_family;
    std::uint16_t sin6_port;  // network byte order
    std::uint32_t sin6_flowinfo;
    std::uint8_t sin6_addr[16];
    std::uint32_t sin6_scope_id;
};
static_assert(sizeof(lx_sockaddr_in6) == 28);

}  // namespace ukp
