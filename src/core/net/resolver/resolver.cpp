// lookup_host/lookup_addr: /etc/hosts first, then DNS (glibc's
// "hosts: files dns"), answers ordered as glibc's RFC 3484/6724 sort would
// order them on this kernel's interfaces (rules 1 and 6 of its sort).
#include "core/net/resolver/resolver.hpp"

#include <cstring>

#include "core/abi/socket.hpp"
#include "core/base/uaccess.hpp"
#include "core/net/lwip/stack.hpp"
#include "core/net/resolver/dns.hpp"
#include "core/net/resolver/files.hpp"
#include "core/net/resolver/numeric.hpp"
#include "lwip/netif.h"

namespace ukp::net::resolver {
namespace {

bool wanted(int family, int flags) {
    return (family == LX_AF_INET && (flags & kWantV4)) || (family == LX_AF_INET6 && (flags & kWantV6));
}

void set_string(char* out, std::size_t cap, std::string_view s) {
    std::size_t n = s.size() < cap - 1 ? s.size() : cap - 1;
    std::memcpy(out, s.data(), n);
    out[n] = '\0';
}

bool parse_host_addr(std::string_view text, Address& a) {
    std::memset(&a, 0, sizeof a);
    if (parse_ipv6(text.substr(0, text.find('%')), a.bytes)) {
        a.family = LX_AF_INET6;
        return true;
    }
    if (parse_ipv4_strict(text, a.bytes)) {
        a.family = LX_AF_INET;
        return true;
    }
    return false;
}

// /etc/hosts: every line naming `name` (glibc's "multi on"); the first such
// line gives the canonical name, all of them the aliases. True if the name
// appeared at all.
bool hosts_lookup(std::string_view name, int flags, HostAnswer& out) {
    return hosts_file().with([&](std::string_view text) {
        bool seen = false;
        std::size_t alias_used = 0;
        for_each_line(text, [&](std::string_view line) {
            Fields f(line);
            Address a;
            if (!parse_host_addr(f.next(), a)) return true;
            Fields names = f;
            bool hit = false;
            for (std::string_view n = names.next(); !n.empty(); n = names.next()) hit |= equal_nocase(n, name);
            if (!hit) return true;
            seen = true;
            if (!wanted(a.family, flags)) return true;
            bool first = out.count == 0;
            if (out.count < kMaxAddrs) out.addrs[out.count++] = a;
            names = f;
            std::string_view official = names.next();
            if (first) set_string(out.canon, sizeof out.canon, official);
            for (std::string_view n = first ? names.next() : official; !n.empty(); n = names.next()) {
                if (equal_nocase(n, out.canon) || alias_used + n.size() + 1 > sizeof out.aliases) continue;
                std::memcpy(out.aliases + alias_used, n.data(), n.size());
                alias_used += n.size();
                out.aliases[alias_used++] = '\0';
                ++out.alias_count;
            }
            return true;
        });
        return seen;
    });
}

// One DNS name, the record types asked for. A before AAAA, as glibc's
// answers come before sorting.
Result<void> dns_lookup(const ResolvConf& conf, std::string_view name, int flags, HostAnswer& out) {
    Errno last = LX_ENODATA;
    bool nxdomain = false;
    int types[2], nt = 0;
    if (flags & kWantV4) types[nt++] = kTypeA;
    if (flags & kWantV6) types[nt++] = kTypeAaaa;
    for (int t = 0; t < nt; ++t) {
        DnsAnswer ans;
        Result<void> r = dns_query(conf, name, types[t], ans);
        if (!r.ok()) {
            if (r.error() == LX_ENOENT) nxdomain = true;
            else if (r.error() != LX_ENODATA) last = r.error();
            continue;
        }
        if (out.count == 0) set_string(out.canon, sizeof out.canon, ans.name);
        for (int i = 0; i < ans.count && out.count < kMaxAddrs; ++i) out.addrs[out.count++] = ans.addrs[i];
    }
    if (out.count) return success();
    if (nxdomain) return LX_ENOENT;
    return last;
}

Result<void> dns_search(std::string_view name, int flags, HostAnswer& out) {
    ResolvConf conf = read_resolv_conf();
    int dots = 0;
    for (char c : name) dots += c == '.';
    bool absolute = !name.empty() && name.back() == '.';
    Errno result = LX_ENOENT;
    auto attempt = [&](std::string_view n) -> bool {
        Result<void> r = dns_lookup(conf, n, flags, out);
        if (r.ok()) return true;
        // A name that exists without the address asked outranks a miss.
        if (r.error() != LX_ENOENT && result == LX_ENOENT) result = r.error();
        else if (r.error() == LX_EAGAIN || r.error() == LX_EIO) result = r.error();
        return false;
    };
    if (absolute || dots >= conf.ndots) {
        if (attempt(name)) return success();
        if (absolute) return result;
    }
    for (int i = 0; i < conf.nsearch; ++i) {
        char full[kMaxName];
        std::size_t dl = std::strlen(conf.search[i]);
        if (name.size() + 1 + dl >= sizeof full) continue;
        std::memcpy(full, name.data(), name.size());
        full[name.size()] = '.';
        std::memcpy(full + name.size() + 1, conf.search[i], dl + 1);
        if (attempt(full)) return success();
    }
    if (dots < conf.ndots && attempt(name)) return success();
    return result;
}

// The precedence table glibc sorts with (RFC 3484's defaults; IPv4
// destinations count as ::ffff:0:0/96).
int precedence(const Address& a) {
    if (a.family == LX_AF_INET) return 10;
    const std::uint8_t* b = a.bytes;
    static const std::uint8_t kLoop[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    if (std::memcmp(b, kLoop, 16) == 0) return 50;
    if (b[0] == 0x20 && b[1] == 0x02) return 30;
    static const std::uint8_t kZero[12] = {};
    if (std::memcmp(b, kZero, 12) == 0) return 20;
    if (std::memcmp(b, kZero, 10) == 0 && b[10] == 0xff && b[11] == 0xff) return 10;
    return 40;
}

bool loopback(const Address& a) {
    if (a.family == LX_AF_INET) return a.bytes[0] == 127;
    static const std::uint8_t kLoop[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    return std::memcmp(a.bytes, kLoop, 16) == 0;
}

// Rule 1 (a destination with no source address goes last), then rule 6
// (higher precedence first); stable otherwise.
void sort_answer(HostAnswer& out) {
    if (out.count < 2) return;
    bool v4, v6;
    configured_families(&v4, &v6);
    auto key = [&](const Address& a) {
        bool usable = loopback(a) || (a.family == LX_AF_INET ? v4 : v6);
        return (usable ? 0 : 1000) - precedence(a);
    };
    for (int i = 1; i < out.count; ++i) {
        Address cur = out.addrs[i];
        int k = key(cur), j = i;
        while (j > 0 && key(out.addrs[j - 1]) > k) {
            out.addrs[j] = out.addrs[j - 1];
            --j;
        }
        out.addrs[j] = cur;
    }
}

}  // namespace

void configured_families(bool* v4, bool* v6) {
    *v4 = *v6 = false;
    lwip::NetGuard g;
    for (netif* n = netif_list; n; n = n->next) {
        if (!netif_is_up(n)) continue;
        const ip4_addr_t* a4 = netif_ip4_addr(n);
        if (!ip4_addr_isany(a4) && ip4_addr_get_u32(a4) != PP_HTONL(0x7f000001UL)) *v4 = true;
#if LWIP_IPV6
        for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES; ++i) {
            if (!ip6_addr_isvalid(netif_ip6_addr_state(n, i))) continue;
            const ip6_addr_t* a6 = netif_ip6_addr(n, i);
            if (!ip6_addr_isloopback(a6) && !ip6_addr_islinklocal(a6)) *v6 = true;
        }
#endif
    }
}

Result<void> lookup_host(const char* app_name, int flags, HostAnswer* app_out) {
    PathBuf name;
    TRY(copy_path(app_name, name));
    if (name.len == 0 || name.len >= static_cast<std::size_t>(kMaxName)) return LX_ENOENT;
    HostAnswer out;
    out.count = 0;
    out.alias_count = 0;
    out.canon[0] = '\0';
    if (!hosts_lookup(name.view(), flags, out) || out.count == 0) {
        out.count = 0;
        out.alias_count = 0;
        TRY(dns_search(name.view(), flags, out));
    }
    if (!(flags & kNoSort)) sort_answer(out);
    return copy_out(app_out, out);
}

Result<void> lookup_addr(const Address* app_addr, char* app_name, std::size_t cap) {
    Address a;
    TRY(copy_in(a, app_addr));
    if (a.family != LX_AF_INET && a.family != LX_AF_INET6) return LX_EAFNOSUPPORT;
    std::size_t len = a.family == LX_AF_INET ? 4 : 16;
    char found[kMaxName];
    found[0] = '\0';
    hosts_file().with([&](std::string_view text) {
        for_each_line(text, [&](std::string_view line) {
            Fields f(line);
            Address h;
            if (!parse_host_addr(f.next(), h) || h.family != a.family || std::memcmp(h.bytes, a.bytes, len) != 0)
                return true;
            std::string_view n = f.next();
            if (n.empty()) return true;
            set_string(found, sizeof found, n);
            return false;
        });
        return 0;
    });
    if (!found[0]) {
        // in-addr.arpa / ip6.arpa name, then one PTR question.
        char q[kMaxName];
        std::size_t n = 0;
        static const char kHex[] = "0123456789abcdef";
        if (a.family == LX_AF_INET) {
            for (int i = 3; i >= 0; --i) {
                unsigned v = a.bytes[i];
                if (v >= 100) q[n++] = static_cast<char>('0' + v / 100);
                if (v >= 10) q[n++] = static_cast<char>('0' + v / 10 % 10);
                q[n++] = static_cast<char>('0' + v % 10);
                q[n++] = '.';
            }
            std::memcpy(q + n, "in-addr.arpa", 13);
        } else {
            for (int i = 15; i >= 0; --i) {
                q[n++] = kHex[a.bytes[i] & 0xf];
                q[n++] = '.';
                q[n++] = kHex[a.bytes[i] >> 4];
                q[n++] = '.';
            }
            std::memcpy(q + n, "ip6.arpa", 9);
        }
        ResolvConf conf = read_resolv_conf();
        DnsAnswer ans;
        TRY(dns_query(conf, q, kTypePtr, ans));
        set_string(found, sizeof found, ans.name);
    }
    std::size_t fl = std::strlen(found);
    if (fl + 1 > cap) return LX_ENOSPC;
    return copy_to_app(app_name, found, fl + 1);
}

}  // namespace ukp::net::resolver
