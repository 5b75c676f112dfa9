#include "core/net/inet/util.hpp"

#include <cstring>

extern "C" {
#include "lwip/netif.h"
}

namespace ukp::net::inet {

Errno from_lwip(err_t e) {
    switch (e) {
        case ERR_OK: return Errno{};
        case ERR_MEM:
        case ERR_BUF: return LX_ENOBUFS;
        case ERR_TIMEOUT: return LX_ETIMEDOUT;
        case ERR_RTE: return LX_ENETUNREACH;
        case ERR_INPROGRESS: return LX_EINPROGRESS;
        case ERR_VAL: return LX_EINVAL;
        case ERR_WOULDBLOCK: return LX_EAGAIN;
        case ERR_USE: return LX_EADDRINUSE;
        case ERR_ALREADY: return LX_EALREADY;
        case ERR_ISCONN: return LX_EISCONN;
        case ERR_CONN: return LX_ENOTCONN;
        case ERR_IF: return LX_ENETDOWN;
        case ERR_ABRT: return LX_ECONNABORTED;
        case ERR_RST: return LX_ECONNRESET;
        case ERR_CLSD: return LX_ENOTCONN;
        case ERR_ARG: return LX_EINVAL;
        default: return LX_EIO;
    }
}

Result<int> int_arg(const void* val, std::uint32_t len) {
    if (len < sizeof(int)) return LX_EINVAL;
    int v;
    std::memcpy(&v, val, sizeof v);
    return v;
}

std::uint32_t put_int(void* out, std::uint32_t len, int v) {
    std::uint32_t n = len < sizeof v ? len : sizeof v;
    std::memcpy(out, &v, n);
    return n;
}

bool is_local(const ip_addr_t* ip) {
    if (ip_addr_isany(ip) || ip_addr_isloopback(ip)) return true;
    netif* n;
    NETIF_FOREACH(n) {
        if (IP_IS_V4(ip) && ip4_addr_cmp(ip_2_ip4(ip), netif_ip4_addr(n))) return true;
        if (IP_IS_V6(ip) && netif_get_ip6_addr_match(n, ip_2_ip6(ip)) >= 0) return true;
    }
    return false;
}

}  // namespace ukp::net::inet
