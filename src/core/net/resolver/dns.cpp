#include "core/net/resolver/dns.hpp"

#include <cstring>

#include "core/abi/socket.hpp"
#include "core/net/inet/abi.hpp"
#include "core/net/resolver/files.hpp"
#include "core/kernel/kernel.hpp"
#include "core/net/resolver/numeric.hpp"
#include "core/sys/sys.hpp"
#include "host/host.hpp"

namespace ukp::net::resolver {
namespace {

constexpr std::size_t kUdpMax = 512;   // without EDNS0
constexpr int kMaxChain = 16;          // CNAME links followed

int parse_int(std::string_view s) {
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') break;
        v = v * 10 + (c - '0');
        if (v > 1000) break;
    }
    return v;
}

// Encodes a dotted name as labels; returns the bytes written, 0 if invalid.
std::size_t put_name(std::string_view name, std::uint8_t* out, std::size_t cap) {
    if (!name.empty() && name.back() == '.') name.remove_suffix(1);
    std::size_t n = 0;
    while (!name.empty()) {
        std::size_t dot = name.find('.');
        std::string_view label = name.substr(0, dot);
        if (label.empty() || label.size() > 63 || n + 1 + label.size() + 1 > cap) return 0;
        out[n++] = static_cast<std::uint8_t>(label.size());
        std::memcpy(out + n, label.data(), label.size());
        n += label.size();
        name = dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
    }
    out[n++] = 0;
    return n > 255 ? 0 : n;
}

// Reads a possibly compressed name at `off`; returns the offset after it
// (in the original position) or 0 when malformed.
std::size_t get_name(const std::uint8_t* msg, std::size_t len, std::size_t off, char* out, std::size_t cap) {
    std::size_t end = 0, n = 0;
    for (int jumps = 0; jumps < 64;) {
        if (off >= len) return 0;
        std::uint8_t c = msg[off];
        if ((c & 0xc0) == 0xc0) {
            if (off + 1 >= len) return 0;
            if (!end) end = off + 2;
            off = static_cast<std::size_t>((c & 0x3f) << 8 | msg[off + 1]);
            ++jumps;
            continue;
        }
        if (c & 0xc0) return 0;
        if (c == 0) {
            if (!end) end = off + 1;
            if (n == 0) {
                if (cap < 2) return 0;
                out[n++] = '.';
            }
            out[n] = '\0';
            return end;
        }
        if (off + 1 + c > len || n + c + 2 > cap) return 0;
        if (n) out[n++] = '.';
        std::memcpy(out + n, msg + off + 1, c);
        n += c;
        off += 1 + c;
    }
    return 0;
}

std::uint16_t get16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] << 8 | p[1]); }

bool same_name(std::string_view a, std::string_view b) {
    if (!a.empty() && a.back() == '.' && a.size() > 1) a.remove_suffix(1);
    if (!b.empty() && b.back() == '.' && b.size() > 1) b.remove_suffix(1);
    return equal_nocase(a, b);
}

enum class Verdict { answer, nxdomain, nodata, server_failed, ignore };

// Checks a reply against the query and collects the records of `qtype`.
Verdict parse_reply(const std::uint8_t* msg, std::size_t len, std::uint16_t id, std::string_view qname,
                    int qtype, DnsAnswer& out) {
    if (len < 12 || get16(msg) != id || !(msg[2] & 0x80)) return Verdict::ignore;
    int rcode = msg[3] & 0x0f;
    if (rcode == 3) return Verdict::nxdomain;
    if (rcode != 0) return Verdict::server_failed;
    int qd = get16(msg + 4), an = get16(msg + 6);
    std::size_t off = 12;
    char name[kMaxName];
    for (int i = 0; i < qd; ++i) {
        off = get_name(msg, len, off, name, sizeof name);
        if (!off || off + 4 > len) return Verdict::server_failed;
        if (i == 0 && !same_name(name, qname)) return Verdict::ignore;
        off += 4;
    }
    // Record offsets, so that CNAME chains in any order can be followed.
    struct Rr {
        std::size_t name_off, rdata;
        std::uint16_t type, rdlen;
    } rrs[64];
    int nrr = 0;
    for (int i = 0; i < an && nrr < 64; ++i) {
        std::size_t start = off;
        off = get_name(msg, len, off, name, sizeof name);
        if (!off || off + 10 > len) return Verdict::server_failed;
        Rr r{start, off + 10, get16(msg + off), get16(msg + off + 8)};
        if (r.rdata + r.rdlen > len) return Verdict::server_failed;
        if (get16(msg + off + 2) == 1) rrs[nrr++] = r;  // class IN
        off = r.rdata + r.rdlen;
    }
    char current[kMaxName];
    std::size_t qlen = qname.size() < sizeof current - 1 ? qname.size() : sizeof current - 1;
    std::memcpy(current, qname.data(), qlen);
    current[qlen] = '\0';
    for (int link = 0; link < kMaxChain; ++link) {
        bool moved = false;
        for (int i = 0; i < nrr && !moved; ++i) {
            if (rrs[i].type != kTypeCname || qtype == kTypeCname) continue;
            if (!get_name(msg, len, rrs[i].name_off, name, sizeof name) || !same_name(name, current)) continue;
            char target[kMaxName];
            if (!get_name(msg, len, rrs[i].rdata, target, sizeof target)) return Verdict::server_failed;
            std::memcpy(current, target, sizeof current);
            moved = true;
        }
        if (!moved) break;
    }
    std::size_t clen = std::strlen(current);
    if (clen > 1 && current[clen - 1] == '.') current[clen - 1] = '\0';
    std::memcpy(out.name, current, sizeof out.name);
    out.count = 0;
    for (int i = 0; i < nrr; ++i) {
        if (rrs[i].type != qtype) continue;
        if (!get_name(msg, len, rrs[i].name_off, name, sizeof name) || !same_name(name, current)) continue;
        if (qtype == kTypePtr) {
            if (!get_name(msg, len, rrs[i].rdata, out.name, sizeof out.name)) return Verdict::server_failed;
            std::size_t l = std::strlen(out.name);
            if (l > 1 && out.name[l - 1] == '.') out.name[l - 1] = '\0';
            out.count = 1;
            return Verdict::answer;
        }
        std::size_t want = qtype == kTypeA ? 4 : 16;
        if (rrs[i].rdlen != want || out.count >= kMaxAddrs) continue;
        Address& a = out.addrs[out.count++];
        std::memset(&a, 0, sizeof a);
        a.family = qtype == kTypeA ? LX_AF_INET : LX_AF_INET6;
        std::memcpy(a.bytes, msg + rrs[i].rdata, want);
    }
    return out.count ? Verdict::answer : Verdict::nodata;
}

// Sends the query to one server and waits up to timeout_ns for its reply.
Verdict ask(const Address& server, const std::uint8_t* q, std::size_t qlen, std::uint16_t id,
            std::string_view qname, int qtype, std::int64_t timeout_ns, DnsAnswer& out, bool* timed_out) {
    *timed_out = false;
    // Stack buffers: kernel calls copy to and from them as application memory.
    alignas(8) std::uint8_t sa[sizeof(lx_sockaddr_in6)] = {};
    std::uint32_t salen;
    if (server.family == LX_AF_INET) {
        auto* in = reinterpret_cast<lx_sockaddr_in*>(sa);
        in->sin_family = LX_AF_INET;
        in->sin_port = static_cast<std::uint16_t>(__builtin_bswap16(53));
        std::memcpy(&in->sin_addr, server.bytes, 4);
        salen = sizeof(lx_sockaddr_in);
    } else {
        auto* in6 = reinterpret_cast<lx_sockaddr_in6*>(sa);
        in6->sin6_family = LX_AF_INET6;
        in6->sin6_port = static_cast<std::uint16_t>(__builtin_bswap16(53));
        std::memcpy(in6->sin6_addr, server.bytes, 16);
        in6->sin6_scope_id = server.scope_id;
        salen = sizeof(lx_sockaddr_in6);
    }
    Result<int> fd = sys::socket(server.family, LX_SOCK_DGRAM | LX_SOCK_CLOEXEC, 0);
    if (!fd.ok()) return Verdict::server_failed;
    struct Closer {
        int fd;
        ~Closer() { (void)sys::close(fd); }
    } closer{*fd};
    std::uint8_t qbuf[kUdpMax];
    std::memcpy(qbuf, q, qlen);
    if (!sys::connect(*fd, sa, salen).ok()) return Verdict::server_failed;
    if (!sys::sendto(*fd, qbuf, qlen, 0, nullptr, 0).ok()) return Verdict::server_failed;
    std::int64_t deadline = host::clock_monotonic() + timeout_ns;
    std::uint8_t reply[kUdpMax];
    for (;;) {
        std::int64_t left = deadline - host::clock_monotonic();
        if (left <= 0) break;
        lx_timeval tv;
        tv.tv_sec = left / 1000000000;
        tv.tv_usec = (left % 1000000000) / 1000;
        if (tv.tv_sec == 0 && tv.tv_usec == 0) tv.tv_usec = 1;
        (void)sys::setsockopt(*fd, LX_SOL_SOCKET, LX_SO_RCVTIMEO_OLD, &tv, sizeof tv);
        Result<std::size_t> n = sys::recvfrom(*fd, reply, sizeof reply, 0, nullptr, nullptr);
        if (!n.ok()) {
            if (n.error() == LX_EAGAIN) break;
            if (n.error() == LX_EINTR || n.error() == LX_ERESTARTSYS) continue;  // a handler ran: wait on
            return Verdict::server_failed;  // ECONNREFUSED: nobody listens there
        }
        Verdict v = parse_reply(reply, *n, id, qname, qtype, out);
        if (v != Verdict::ignore) return v;
    }
    *timed_out = true;
    return Verdict::server_failed;
}

// A resolver on the host's loopback (127.0.0.53, a local dnsmasq), named
// by a host /etc/resolv.conf shown read-only inside, is not on the kernel's
// loopback: through the user network it is reached as the router's DNS
// proxy, which asks the host's resolver.
void use_router_dns_for_host_resolver(Address& a) {
    if (a.bytes[0] != 127 || !kernel().config().net_user) return;
    const std::uint8_t router_dns[4] = {10, 0, 2, 3};
    std::memcpy(a.bytes, router_dns, sizeof router_dns);
}

}  // namespace

ResolvConf read_resolv_conf() {
    ResolvConf c;
    resolv_conf_file().with([&](std::string_view text) {
        for_each_line(text, [&](std::string_view line) {
            if (!line.empty() && line[0] == ';') return true;
            Fields f(line);
            std::string_view key = f.next();
            if (key == "nameserver") {
                std::string_view v = f.next();
                if (c.nservers >= kMaxServers) return true;
                Address& a = c.servers[c.nservers];
                std::memset(&a, 0, sizeof a);
                if (parse_ipv4_aton(v, a.bytes)) {
                    a.family = LX_AF_INET;
                    use_router_dns_for_host_resolver(a);
                    ++c.nservers;
                } else if (parse_ipv6(v.substr(0, v.find('%')), a.bytes)) {
                    a.family = LX_AF_INET6;
                    ++c.nservers;
                }
            } else if (key == "search" || key == "domain") {
                c.nsearch = 0;
                for (std::string_view d = f.next(); !d.empty() && c.nsearch < kMaxSearch; d = f.next()) {
                    if (d.size() >= kMaxName) continue;
                    std::memcpy(c.search[c.nsearch], d.data(), d.size());
                    c.search[c.nsearch++][d.size()] = '\0';
                    if (key == "domain") break;
                }
            } else if (key == "options") {
                for (std::string_view o = f.next(); !o.empty(); o = f.next()) {
                    // glibc's limits: timeout <= 30 s, attempts <= 5, ndots <= 15.
                    if (o.substr(0, 8) == "timeout:") c.timeout_s = std::min(parse_int(o.substr(8)), 30);
                    else if (o.substr(0, 9) == "attempts:") c.attempts = std::min(parse_int(o.substr(9)), 5);
                    else if (o.substr(0, 6) == "ndots:") c.ndots = std::min(parse_int(o.substr(6)), 15);
                }
            }
            return true;
        });
        return 0;
    });
    if (c.nservers == 0) {
        Address& a = c.servers[c.nservers++];
        std::memset(&a, 0, sizeof a);
        a.family = LX_AF_INET;
        a.bytes[0] = 127;
        a.bytes[3] = 1;
    }
    if (c.attempts < 1) c.attempts = 1;
    if (c.timeout_s < 1) c.timeout_s = 1;
    return c;
}

Result<void> dns_query(const ResolvConf& conf, std::string_view name, int qtype, DnsAnswer& out) {
    std::uint8_t q[kUdpMax];
    std::uint16_t id;
    host::random_fill(&id, sizeof id);
    q[0] = static_cast<std::uint8_t>(id >> 8);
    q[1] = static_cast<std::uint8_t>(id);
    q[2] = 0x01;  // RD
    q[3] = 0;
    q[4] = 0, q[5] = 1;  // QDCOUNT
    std::memset(q + 6, 0, 6);
    std::size_t n = put_name(name, q + 12, sizeof q - 12 - 4);
    if (!n) return LX_ENOENT;  // not a valid DNS name
    std::size_t len = 12 + n;
    q[len++] = 0, q[len++] = static_cast<std::uint8_t>(qtype);
    q[len++] = 0, q[len++] = 1;  // class IN
    bool any_timeout = false;
    for (int round = 0; round < conf.attempts; ++round) {
        for (int s = 0; s < conf.nservers; ++s) {
            bool timed_out;
            Verdict v = ask(conf.servers[s], q, len, id, name, qtype,
                            static_cast<std::int64_t>(conf.timeout_s) * 1000000000, out, &timed_out);
            any_timeout |= timed_out;
            switch (v) {
            case Verdict::answer: return success();
            case Verdict::nxdomain: return LX_ENOENT;
            case Verdict::nodata: return LX_ENODATA;
            default: break;
            }
        }
    }
    return any_timeout ? LX_EAGAIN : LX_EIO;
}

}  // namespace ukp::net::resolver
