#include "core/net/inet/addr.hpp"

#include <cstring>

#include "core/net/inet/abi.hpp"

namespace ukp::net::inet {
namespace {

std::uint16_t from_be16(std::uint16_t v) { return static_cast<std::uint16_t>((v >> 8) | (v << 8)); }

bool is_v4_mapped(const std::uint8_t a[16]) {
    static constexpr std::uint8_t prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return std::memcmp(a, prefix, 12) == 0;
}

}  // namespace

Result<Endpoint> parse(int domain, const SockAddr& a, bool v6only) {
    Endpoint e;
    if (domain == LX_AF_INET) {
        if (a.len < sizeof(lx_sockaddr_in)) return LX_EINVAL;
        lx_sockaddr_in in;
        std::memcpy(&in, a.bytes, sizeof in);
        if (in.sin_family != LX_AF_INET) return LX_EAFNOSUPPORT;
        ip_addr_set_ip4_u32(&e.ip, in.sin_addr);
        e.port = from_be16(in.sin_port);
        return e;
    }
    // Linux takes RFC 2133's 24-byte sockaddr_in6 (no scope id) too.
    constexpr std::uint32_t kRfc2133Len = 24;
    if (a.len < kRfc2133Len) return LX_EINVAL;
    lx_sockaddr_in6 in6{};
    std::memcpy(&in6, a.bytes, a.len < sizeof in6 ? a.len : sizeof in6);
    if (in6.sin6_family != LX_AF_INET6) return LX_EAFNOSUPPORT;
    e.port = from_be16(in6.sin6_port);
    if (is_v4_mapped(in6.sin6_addr)) {
        if (v6only) return LX_ENETUNREACH;
        std::uint32_t v4;
        std::memcpy(&v4, in6.sin6_addr + 12, 4);
        ip_addr_set_ip4_u32(&e.ip, v4);
        return e;
    }
    std::uint32_t words[4];
    std::memcpy(words, in6.sin6_addr, 16);
    IP_ADDR6(&e.ip, words[0], words[1], words[2], words[3]);
    ip6_addr_clear_zone(ip_2_ip6(&e.ip));
    return e;
}

void any_to_loopback(Endpoint& e) {
    if (!ip_addr_isany(&e.ip)) return;
    if (IP_IS_V4(&e.ip)) IP_ADDR4(&e.ip, 127, 0, 0, 1);
    else IP_ADDR6_HOST(&e.ip, 0, 0, 0, 1);
}

void format_local(int domain, Endpoint e, SockAddr& out) {
    if (domain == LX_AF_INET6 && (IP_IS_ANY_TYPE_VAL(e.ip) || (IP_IS_V4(&e.ip) && ip_addr_isany(&e.ip))))
        ip_addr_set_any(1, &e.ip);
    format(domain, e, out);
}

void format(int domain, const Endpoint& e, SockAddr& out) {
    std::uint16_t port_be = from_be16(e.port);
    if (domain == LX_AF_INET) {
        lx_sockaddr_in in{};
        in.sin_family = LX_AF_INET;
        in.sin_port = port_be;
        in.sin_addr = IP_IS_V4(&e.ip) ? ip4_addr_get_u32(ip_2_ip4(&e.ip)) : 0;
        std::memcpy(out.bytes, &in, sizeof in);
        out.len = sizeof in;
        return;
    }
    lx_sockaddr_in6 in6{};
    in6.sin6_family = LX_AF_INET6;
    in6.sin6_port = port_be;
    if (IP_IS_V4(&e.ip)) {
        in6.sin6_addr[10] = in6.sin6_addr[11] = 0xff;
        std::uint32_t v4 = ip4_addr_get_u32(ip_2_ip4(&e.ip));
        std::memcpy(in6.sin6_addr + 12, &v4, 4);
    } else if (!ip_addr_isany(&e.ip)) {
        std::memcpy(in6.sin6_addr, ip_2_ip6(&e.ip)->addr, 16);
    }
    std::memcpy(out.bytes, &in6, sizeof in6);
    out.len = sizeof in6;
}

}  // namespace ukp::net::inet
