#include "core/net/inet/ifaces.hpp"

#include <cstring>

#include <fmt/format.h>

#include "core/abi/socket.hpp"
#include "core/base/uaccess.hpp"
#include "core/net/inet/abi.hpp"
#include "core/net/lwip/stack.hpp"
#include "core/net/netdev.hpp"

extern "C" {
#include "lwip/netif.h"
}

namespace ukp::net::inet {
namespace {

// Linux's ioctl numbers and struct ifreq/ifconf (64-bit layout).
constexpr unsigned long kSiocGifName = 0x8910, kSiocGifConf = 0x8912, kSiocGifFlags = 0x8913;
constexpr unsigned long kSiocGifAddr = 0x8915, kSiocGifNetmask = 0x891b, kSiocGifMtu = 0x8921;
constexpr unsigned long kSiocGifIndex = 0x8933;
constexpr unsigned kIffUp = 0x1, kIffBroadcast = 0x2, kIffLoopback = 0x8, kIffRunning = 0x40;
constexpr unsigned kIffMulticast = 0x1000;
constexpr unsigned kLoopbackMtu = 65536;  // Linux's lo

struct LxIfreq {
    char name[kIfNameSize];
    union {
        lx_sockaddr_in addr;
        std::int16_t flags;
        int ivalue;
        std::uint8_t pad[24];
    };
};
static_assert(sizeof(LxIfreq) == 40);

struct LxIfconf {
    int len;
    int pad;
    LxIfreq* req;  // application memory
};
static_assert(sizeof(LxIfconf) == 16);

bool is_loopback(const netif* n) { return n == lwip::Stack::get().loopback(); }

void name_of(const netif* n, char out[kIfNameSize]) {
    std::memset(out, 0, kIfNameSize);
    if (is_loopback(n)) std::memcpy(out, "lo", 2);
    else if (interface_name(n, out)) return;  // "en0", "tap0", ... (core/net/netdev.hpp)
    else fmt::format_to_n(out, kIfNameSize - 1, "{}{}{}", n->name[0], n->name[1], unsigned{n->num});
}

unsigned flags_of(const netif* n) {
    unsigned f = 0;
    if (netif_is_up(n)) f |= kIffUp;
    if (netif_is_up(n) && netif_is_link_up(n)) f |= kIffRunning;
    if (is_loopback(n)) f |= kIffLoopback;
    else f |= kIffBroadcast | kIffMulticast;
    return f;
}

unsigned mtu_of(const netif* n) { return is_loopback(n) ? kLoopbackMtu : n->mtu; }

// The netif named `name` (NUL-terminated within IFNAMSIZ); net lock held.
netif* find(const char name[kIfNameSize]) {
    netif* n;
    NETIF_FOREACH(n) {
        char nm[kIfNameSize];
        name_of(n, nm);
        if (std::strncmp(nm, name, kIfNameSize) == 0) return n;
    }
    return nullptr;
}

// Interfaces in index order (lo first), as Linux lists them; lwIP's own
// list has the newest first.
#define FOR_EACH_BY_INDEX(n) \
    for (unsigned idx_ = 1; idx_ < 255; ++idx_) \
        if (netif* n = netif_get_by_index(static_cast<u8_t>(idx_)); n)

lx_sockaddr_in sin_of(std::uint32_t addr_be) {
    lx_sockaddr_in s{};
    s.sin_family = LX_AF_INET;
    s.sin_addr = addr_be;
    return s;
}

bool has_v4(const netif* n) { return !ip4_addr_isany_val(*netif_ip4_addr(n)); }

Result<long> ifconf(void* arg) {
    LxIfconf c;
    TRY(copy_from_app(&c, arg, sizeof c));
    // One entry per interface with an IPv4 address, as Linux's inet_gifconf.
    std::size_t used = 0;
    lwip::NetGuard g;
    FOR_EACH_BY_INDEX(n) {
        if (!has_v4(n)) continue;
        if (c.req) {
            if (c.len < 0 || used + sizeof(LxIfreq) > static_cast<std::size_t>(c.len)) break;
            LxIfreq r{};
            name_of(n, r.name);
            r.addr = sin_of(ip4_addr_get_u32(netif_ip4_addr(n)));
            TRY(copy_to_app(reinterpret_cast<std::uint8_t*>(c.req) + used, &r, sizeof r));
        }
        used += sizeof(LxIfreq);
    }
    c.len = static_cast<int>(used);
    TRY(copy_to_app(arg, &c.len, sizeof c.len));
    return 0;
}

}  // namespace

std::size_t interface_addresses(IfAddr* out, std::size_t max) {
    std::size_t count = 0;
    auto add = [&](const netif* n, int family, const void* addr, const void* mask, std::size_t len) {
        if (count < max) {
            IfAddr& a = out[count];
            std::memset(&a, 0, sizeof a);
            name_of(n, a.name);
            a.index = netif_get_index(n);
            a.flags = flags_of(n);
            a.mtu = mtu_of(n);
            a.family = family;
            if (len) {
                std::memcpy(a.addr, addr, len);
                std::memcpy(a.mask, mask, len);
            }
        }
        ++count;
    };
    lwip::NetGuard g;
    FOR_EACH_BY_INDEX(n) {
        std::size_t before = count;
        if (has_v4(n)) {
            std::uint32_t a = ip4_addr_get_u32(netif_ip4_addr(n)), m = ip4_addr_get_u32(netif_ip4_netmask(n));
            add(n, LX_AF_INET, &a, &m, 4);
        }
        for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES; ++i) {
            if (!ip6_addr_isvalid(netif_ip6_addr_state(n, i))) continue;
            // lwIP keeps no prefix length: ::1 is a /128 as on Linux, the
            // rest are the usual /64.
            const ip6_addr_t* a6 = netif_ip6_addr(n, i);
            std::uint8_t mask[16] = {};
            std::size_t bits = ip6_addr_isloopback(a6) ? 128 : 64;
            std::memset(mask, 0xff, bits / 8);
            add(n, LX_AF_INET6, a6->addr, mask, 16);
        }
        if (count == before) add(n, 0, nullptr, nullptr, 0);
    }
    return count;
}

Result<long> interface_ioctl(unsigned long request, void* arg) {
    switch (request) {
        case kSiocGifConf: return ifconf(arg);
        case kSiocGifName:
        case kSiocGifFlags:
        case kSiocGifAddr:
        case kSiocGifNetmask:
        case kSiocGifMtu:
        case kSiocGifIndex: break;
        default: return LX_ENOTTY;
    }
    LxIfreq r;
    TRY(copy_from_app(&r, arg, sizeof r));
    lwip::NetGuard g;
    netif* n = nullptr;
    if (request == kSiocGifName) {
        netif* it;
        NETIF_FOREACH(it) {
            if (static_cast<int>(netif_get_index(it)) == r.ivalue) n = it;
        }
        if (!n) return LX_ENODEV;
        name_of(n, r.name);
        TRY(copy_to_app(arg, &r, sizeof r));
        return 0;
    }
    r.name[kIfNameSize - 1] = 0;
    n = find(r.name);
    if (!n) return LX_ENODEV;
    switch (request) {
        case kSiocGifFlags: r.flags = static_cast<std::int16_t>(flags_of(n)); break;
        case kSiocGifMtu: r.ivalue = static_cast<int>(mtu_of(n)); break;
        case kSiocGifIndex: r.ivalue = netif_get_index(n); break;
        case kSiocGifAddr:
            if (!has_v4(n)) return LX_EADDRNOTAVAIL;
            r.addr = sin_of(ip4_addr_get_u32(netif_ip4_addr(n)));
            break;
        case kSiocGifNetmask:
            if (!has_v4(n)) return LX_EADDRNOTAVAIL;
            r.addr = sin_of(ip4_addr_get_u32(netif_ip4_netmask(n)));
            break;
        default: break;
    }
    TRY(copy_to_app(arg, &r, sizeof r));
    return 0;
}

}  // namespace ukp::net::inet
