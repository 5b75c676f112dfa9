// The resolver's libc names: getaddrinfo, freeaddrinfo, gai_strerror,
// getnameinfo, gethostbyname(2)(_r), gethostbyaddr(_r), getservbyname(_r),
// getservbyport(_r). glibc's own versions read the host's /etc/hosts and talk to the host's DNS through
// internal calls; these ask the kernel (core/net/resolver) instead, and
// follow glibc's rules for hints, errors and the order of results.
//
// What is returned to the application is allocated with its own malloc
// (freeaddrinfo frees it); hostent answers live in per-thread buffers, as
// glibc's static ones.
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/utsname.h>

#include <cerrno>
#include <string_view>

#include "core/abi/socket.hpp"
#include "core/net/resolver/numeric.hpp"
#include "core/net/resolver/resolver.hpp"
#include "posix/passthrough.hpp"
#include "posix/ret.hpp"

namespace rs = ukp::net::resolver;

static_assert(AF_INET == ukp::LX_AF_INET && AF_INET6 == ukp::LX_AF_INET6);

namespace {

// ---- service names and socket types (glibc's gaih_inet_typeproto) ----

struct TypeProto {
    int socktype;
    int protocol;
    bool protoany;    // any ai_protocol is accepted (SOCK_RAW)
    bool noservice;   // a service cannot be named (SOCK_RAW)
    bool by_default;  // returned when neither socktype nor protocol is given
    const char* name;
};

constexpr TypeProto kTypes[] = {
    {SOCK_STREAM, IPPROTO_TCP, false, false, true, "tcp"},
    {SOCK_DGRAM, IPPROTO_UDP, false, false, true, "udp"},
    {SOCK_DCCP, IPPROTO_DCCP, false, false, false, "dccp"},
    {SOCK_DGRAM, IPPROTO_UDPLITE, false, false, false, "udplite"},
    {SOCK_STREAM, IPPROTO_SCTP, false, false, false, "sctp"},
    {SOCK_SEQPACKET, IPPROTO_SCTP, false, false, false, "sctp"},
    {SOCK_RAW, 0, true, true, true, "raw"},
};

bool matches(const TypeProto& t, const addrinfo& h) {
    if (h.ai_socktype != 0 && h.ai_socktype != t.socktype) return false;
    if (h.ai_protocol != 0 && !t.protoany && h.ai_protocol != t.protocol) return false;
    return true;
}

struct Tuple {
    int socktype, protocol, port;  // port in network order
};

// ---- results ----

struct Block {
    addrinfo ai;
    sockaddr_in6 sa;  // large enough for either family
};

int lookup_error(ukp::Errno e) {
    switch (e) {
    case ukp::LX_ENOENT: return EAI_NONAME;
    case ukp::LX_ENODATA: return EAI_NODATA;
    case ukp::LX_EAGAIN:
    case ukp::LX_EIO: return EAI_AGAIN;
    case ukp::LX_ENAMETOOLONG: return EAI_NONAME;
    default: errno = ukp::posix::host_errno(e); return EAI_SYSTEM;
    }
}

// "%lo" or "%N" after a numeric IPv6 address: the kernel's loopback is
// interface 1, "lo", as on Linux.
bool parse_scope(std::string_view s, uint32_t* id) {
    if (s == "lo") {
        *id = 1;
        return true;
    }
    if (s.empty()) return false;
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<unsigned>(c - '0');
        if (v > UINT32_MAX) return false;
    }
    *id = static_cast<uint32_t>(v);
    return true;
}

void map_v4(rs::Address& a) {
    uint8_t v4[4];
    memcpy(v4, a.bytes, 4);
    memset(a.bytes, 0, 10);
    a.bytes[10] = a.bytes[11] = 0xff;
    memcpy(a.bytes + 12, v4, 4);
    a.family = AF_INET6;
}

char* dup_string(const char* s) {
    size_t n = strlen(s) + 1;
    char* p = static_cast<char*>(malloc(n));
    if (p) memcpy(p, s, n);
    return p;
}

// Builds the list: every address with every tuple, the canonical name on
// the first entry.
int build(const rs::Address* addrs, int count, const Tuple* tuples, int ntuples, int flags, const char* canon,
          addrinfo** res) {
    addrinfo* head = nullptr;
    addrinfo** tail = &head;
    for (int i = 0; i < count; ++i) {
        for (int t = 0; t < ntuples; ++t) {
            auto* b = static_cast<Block*>(calloc(1, sizeof(Block)));
            if (!b) {
                freeaddrinfo(head);
                return EAI_MEMORY;
            }
            b->ai.ai_flags = flags;
            b->ai.ai_family = addrs[i].family;
            b->ai.ai_socktype = tuples[t].socktype;
            b->ai.ai_protocol = tuples[t].protocol;
            b->ai.ai_addr = reinterpret_cast<sockaddr*>(&b->sa);
            if (addrs[i].family == AF_INET) {
                auto* in = reinterpret_cast<sockaddr_in*>(&b->sa);
                in->sin_family = AF_INET;
                in->sin_port = static_cast<in_port_t>(tuples[t].port);
                memcpy(&in->sin_addr, addrs[i].bytes, 4);
                b->ai.ai_addrlen = sizeof(sockaddr_in);
            } else {
                b->sa.sin6_family = AF_INET6;
                b->sa.sin6_port = static_cast<in_port_t>(tuples[t].port);
                memcpy(&b->sa.sin6_addr, addrs[i].bytes, 16);
                b->sa.sin6_scope_id = addrs[i].scope_id;
                b->ai.ai_addrlen = sizeof(sockaddr_in6);
            }
            if (!head && canon) {
                b->ai.ai_canonname = dup_string(canon);
                if (!b->ai.ai_canonname) {
                    free(b);
                    return EAI_MEMORY;
                }
            }
            *tail = &b->ai;
            tail = &b->ai.ai_next;
        }
    }
    if (!head) return EAI_NONAME;
    *res = head;
    return 0;
}

// The tuples (socket type, protocol, port) for the hints and service.
int service_tuples(const char* service, const addrinfo& h, Tuple* out, int* n) {
    const TypeProto* tp = nullptr;
    if (h.ai_socktype || h.ai_protocol) {
        for (const TypeProto& t : kTypes) {
            if (matches(t, h)) {
                tp = &t;
                break;
            }
        }
        if (!tp) return h.ai_socktype ? EAI_SOCKTYPE : EAI_SERVICE;
    }
    auto protocol_of = [&](const TypeProto& t) { return t.protoany ? h.ai_protocol : t.protocol; };
    *n = 0;
    int port = 0;
    if (service) {
        if (tp && tp->noservice) return EAI_SERVICE;
        // glibc: strtoul, the whole string; what does not fit an int
        // (a "negative" port) is looked up as a name.
        char* end;
        long num = static_cast<int>(strtoul(service, &end, 10));
        if (*end != '\0' && (h.ai_flags & AI_NUMERICSERV)) return EAI_NONAME;
        if (*end != '\0') num = -1;
        if (num < 0) {
            if (tp) {
                ukp::Result<int> p = rs::lookup_service(service, tp->name);
                if (!p.ok()) return EAI_SERVICE;
                out[(*n)++] = {tp->socktype, protocol_of(*tp), htons(static_cast<uint16_t>(*p))};
                return 0;
            }
            for (const TypeProto& t : kTypes) {
                if (t.noservice || !matches(t, h)) continue;
                ukp::Result<int> p = rs::lookup_service(service, t.name);
                if (!p.ok()) continue;
                out[(*n)++] = {t.socktype, protocol_of(t), htons(static_cast<uint16_t>(*p))};
            }
            return *n ? 0 : EAI_SERVICE;
        }
        port = htons(static_cast<uint16_t>(num));
    }
    if (tp) {
        out[(*n)++] = {tp->socktype, protocol_of(*tp), port};
        return 0;
    }
    for (const TypeProto& t : kTypes)
        if (t.by_default) out[(*n)++] = {t.socktype, t.protocol, port};
    return 0;
}

// A numeric host: 1 if parsed (addr filled), 0 if not numeric, or an EAI_* code.
int numeric_host(const char* name, const addrinfo& h, rs::Address& a) {
    memset(&a, 0, sizeof a);
    std::string_view s(name);
    if (rs::parse_ipv4_aton(s, a.bytes)) {
        a.family = AF_INET;
        if (h.ai_family == AF_UNSPEC || h.ai_family == AF_INET) return 1;
        if (h.ai_family == AF_INET6 && (h.ai_flags & AI_V4MAPPED)) {
            map_v4(a);
            return 1;
        }
        return EAI_ADDRFAMILY;
    }
    size_t pct = s.find('%');
    if (rs::parse_ipv6(s.substr(0, pct), a.bytes)) {
        if (h.ai_family != AF_UNSPEC && h.ai_family != AF_INET6) return EAI_ADDRFAMILY;
        a.family = AF_INET6;
        if (pct != std::string_view::npos && !parse_scope(s.substr(pct + 1), &a.scope_id)) return EAI_NONAME;
        return 1;
    }
    return 0;
}

// A name: /etc/hosts and DNS through the kernel, glibc's family rules.
int named_host(const char* name, const addrinfo& h, rs::Address* addrs, int* count, char* canon) {
    rs::HostAnswer ans;
    int fam = h.ai_family;
    int want = fam == AF_INET ? rs::kWantV4 : fam == AF_INET6 ? rs::kWantV6 : rs::kWantV4 | rs::kWantV6;
    bool mapped = fam == AF_INET6 && (h.ai_flags & AI_V4MAPPED);
    if (mapped && (h.ai_flags & AI_ALL)) want |= rs::kWantV4;
    ukp::Result<void> r = rs::lookup_host(name, want, &ans);
    if (!r.ok() && mapped && !(h.ai_flags & AI_ALL) && r.error() != ukp::LX_EAGAIN) {
        // No IPv6 address: IPv4 ones, mapped.
        r = rs::lookup_host(name, rs::kWantV4, &ans);
    }
    if (!r.ok()) return lookup_error(r.error());
    *count = 0;
    for (int i = 0; i < ans.count; ++i) {
        rs::Address a = ans.addrs[i];
        if (a.family == AF_INET && fam == AF_INET6) {
            if (!mapped) continue;
            map_v4(a);
        }
        addrs[(*count)++] = a;
    }
    strcpy(canon, ans.canon[0] ? ans.canon : name);
    return *count ? 0 : EAI_NONAME;
}

}  // namespace

UKP_EXPORT int getaddrinfo(const char* name, const char* service, const struct addrinfo* hints,
                           struct addrinfo** res) {
    UKP_ENTRY_ARGS(libc, name, service, hints, res);
    if (!name && !service) return EAI_NONAME;
    addrinfo h{};
    if (hints) h = *hints;
    else h.ai_flags = AI_V4MAPPED | AI_ADDRCONFIG;
    constexpr int kKnown = AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_ADDRCONFIG | AI_V4MAPPED |
                           AI_NUMERICSERV | AI_ALL | AI_IDN | AI_CANONIDN | 0x100 | 0x200;
    if (h.ai_flags & ~kKnown) return EAI_BADFLAGS;
    if ((h.ai_flags & AI_CANONNAME) && !name) return EAI_BADFLAGS;
    if (h.ai_family != AF_UNSPEC && h.ai_family != AF_INET && h.ai_family != AF_INET6) return EAI_FAMILY;
    if (h.ai_flags & AI_ADDRCONFIG) {
        bool v4, v6;
        rs::configured_families(&v4, &v6);
        if (h.ai_family == AF_UNSPEC && (v4 || v6)) {
            if (v4 != v6) h.ai_family = v4 ? AF_INET : AF_INET6;
        } else if ((h.ai_family == AF_INET && !v4) || (h.ai_family == AF_INET6 && !v6)) {
            return EAI_NONAME;
        }
    }
    if (service && service[0] == '*' && service[1] == '\0') service = nullptr;

    Tuple tuples[8];
    int ntuples = 0;
    if (int e = service_tuples(service, h, tuples, &ntuples)) return e;

    rs::Address addrs[rs::kMaxAddrs];
    int count = 0;
    char canon_buf[rs::kMaxName];
    const char* canon = nullptr;
    if (!name) {
        // No name: the wildcard (AI_PASSIVE) or the loopback address, in the
        // order glibc's sort gives them.
        bool passive = h.ai_flags & AI_PASSIVE;
        rs::Address v4{}, v6{};
        v4.family = AF_INET;
        v6.family = AF_INET6;
        if (!passive) {
            v4.bytes[0] = 127, v4.bytes[3] = 1;
            v6.bytes[15] = 1;
        }
        bool want4 = h.ai_family != AF_INET6, want6 = h.ai_family != AF_INET;
        if (passive) {
            if (want4) addrs[count++] = v4;
            if (want6) addrs[count++] = v6;
        } else {
            if (want6) addrs[count++] = v6;
            if (want4) addrs[count++] = v4;
        }
    } else {
        int n = numeric_host(name, h, addrs[0]);
        if (n < 0) return n;
        if (n == 1) {
            count = 1;
            canon = name;
        } else if (h.ai_flags & AI_NUMERICHOST) {
            return EAI_NONAME;
        } else {
            if (int e = named_host(name, h, addrs, &count, canon_buf)) return e;
            canon = canon_buf;
        }
    }
    if (!(h.ai_flags & AI_CANONNAME)) canon = nullptr;
    return build(addrs, count, tuples, ntuples, h.ai_flags, canon, res);
}

UKP_EXPORT void freeaddrinfo(struct addrinfo* ai) {
    UKP_ENTRY_ARGS(libc, ai);
    while (ai) {
        addrinfo* next = ai->ai_next;
        free(ai->ai_canonname);
        free(ai);
        ai = next;
    }
}

UKP_EXPORT const char* gai_strerror(int code) {
    UKP_ENTRY_ARGS(libc, code);
    switch (code) {
    case EAI_ADDRFAMILY: return "Address family for hostname not supported";
    case EAI_AGAIN: return "Temporary failure in name resolution";
    case EAI_BADFLAGS: return "Bad value for ai_flags";
    case EAI_FAIL: return "Non-recoverable failure in name resolution";
    case EAI_FAMILY: return "ai_family not supported";
    case EAI_MEMORY: return "Memory allocation failure";
    case EAI_NODATA: return "No address associated with hostname";
    case EAI_NONAME: return "Name or service not known";
    case EAI_SERVICE: return "Servname not supported for ai_socktype";
    case EAI_SOCKTYPE: return "ai_socktype not supported";
    case EAI_SYSTEM: return "System error";
    case EAI_INPROGRESS: return "Processing request in progress";
    case EAI_CANCELED: return "Request canceled";
    case EAI_NOTCANCELED: return "Request not canceled";
    case EAI_ALLDONE: return "All requests done";
    case EAI_INTR: return "Interrupted by a signal";
    case EAI_IDN_ENCODE: return "Parameter string not correctly encoded";
    default: return "Unknown error";
    }
}

// ---- getnameinfo ----

namespace {

int put(char* out, socklen_t cap, const char* s) {
    size_t n = strlen(s);
    if (n + 1 > cap) return EAI_OVERFLOW;
    memcpy(out, s, n + 1);
    return 0;
}

int numeric_name(const rs::Address& a, char* host, socklen_t hostlen) {
    char buf[INET6_ADDRSTRLEN + 16];
    if (a.family == AF_INET) {
        rs::format_ipv4(a.bytes, buf);
    } else {
        size_t n = rs::format_ipv6(a.bytes, buf);
        if (a.scope_id) {
            // Link-local and multicast link-local scopes are interface names.
            bool ll = (a.bytes[0] == 0xfe && (a.bytes[1] & 0xc0) == 0x80) ||
                      (a.bytes[0] == 0xff && (a.bytes[1] & 0x0f) == 0x02);
            if (ll && a.scope_id == 1) snprintf(buf + n, sizeof buf - n, "%%lo");
            else snprintf(buf + n, sizeof buf - n, "%%%u", a.scope_id);
        }
    }
    return put(host, hostlen, buf);
}

}  // namespace

UKP_EXPORT int getnameinfo(const struct sockaddr* sa, socklen_t salen, char* host, socklen_t hostlen, char* serv,
                           socklen_t servlen, int flags) {
    UKP_ENTRY_ARGS(libc, sa, salen, host, hostlen, serv, servlen);
    UKP_HOST_PASSTHROUGH(getnameinfo, sa, salen, host, hostlen, serv, servlen, flags);
    if (flags & ~(NI_NUMERICHOST | NI_NUMERICSERV | NI_NOFQDN | NI_NAMEREQD | NI_DGRAM | NI_IDN)) return EAI_BADFLAGS;
    if (!sa || salen < sizeof(sa_family_t)) return EAI_FAMILY;
    if ((flags & NI_NAMEREQD) && !host && !serv) return EAI_NONAME;
    rs::Address a{};
    int port = 0;
    switch (sa->sa_family) {
    case AF_INET: {
        if (salen < sizeof(sockaddr_in)) return EAI_FAMILY;
        auto* in = reinterpret_cast<const sockaddr_in*>(sa);
        a.family = AF_INET;
        memcpy(a.bytes, &in->sin_addr, 4);
        port = ntohs(in->sin_port);
        break;
    }
    case AF_INET6: {
        if (salen < sizeof(sockaddr_in6)) return EAI_FAMILY;
        auto* in6 = reinterpret_cast<const sockaddr_in6*>(sa);
        a.family = AF_INET6;
        memcpy(a.bytes, &in6->sin6_addr, 16);
        a.scope_id = in6->sin6_scope_id;
        port = ntohs(in6->sin6_port);
        break;
    }
    case AF_UNIX: {
        // glibc: the host name is the node name, the service the path.
        if (host && hostlen) {
            struct utsname u;
            const char* node = (!(flags & NI_NUMERICHOST) && uname(&u) == 0) ? u.nodename : "localhost";
            if (int e = put(host, hostlen, node)) return e;
        }
        if (serv && servlen) {
            auto* un = reinterpret_cast<const sockaddr_un*>(sa);
            strncpy(serv, un->sun_path, servlen);
        }
        return 0;
    }
    default: return EAI_FAMILY;
    }
    if (host && hostlen) {
        bool done = false;
        if (!(flags & NI_NUMERICHOST)) {
            char name[rs::kMaxName];
            ukp::Result<void> r = rs::lookup_addr(&a, name, sizeof name);
            if (r.ok()) {
                if (int e = put(host, hostlen, name)) return e;
                done = true;
            } else if (flags & NI_NAMEREQD) {
                return r.error() == ukp::LX_EAGAIN ? EAI_AGAIN : EAI_NONAME;
            }
        }
        if (!done && (flags & NI_NAMEREQD)) return EAI_NONAME;
        if (!done) {
            if (int e = numeric_name(a, host, hostlen)) return e;
        }
    }
    if (serv && servlen) {
        char name[64];
        if (!(flags & NI_NUMERICSERV) &&
            rs::service_name(port, (flags & NI_DGRAM) ? "udp" : "tcp", name, sizeof name).ok()) {
            return put(serv, servlen, name);
        }
        // glibc writes what fits, then reports the overflow.
        if (snprintf(serv, servlen, "%d", port) + 1 > static_cast<int>(servlen)) return EAI_OVERFLOW;
    }
    return 0;
}

// ---- gethostbyname and friends ----

namespace {

// Lays a hostent out in buf: name, aliases, addresses, the pointer arrays.
// ERANGE when it does not fit.
int fill_hostent(hostent* he, char* buf, size_t buflen, const char* name, const char* aliases, int nalias, int af,
                 const rs::Address* addrs, int count) {
    size_t len = af == AF_INET ? 4 : 16;
    size_t need = sizeof(char*) * static_cast<size_t>(nalias + 1 + count + 1) + len * static_cast<size_t>(count) +
                  strlen(name) + 1 + alignof(char*);
    const char* a = aliases;
    for (int i = 0; i < nalias; ++i) {
        need += strlen(a) + 1;
        a += strlen(a) + 1;
    }
    if (need > buflen) return ERANGE;
    uintptr_t p = reinterpret_cast<uintptr_t>(buf);
    p = (p + alignof(char*) - 1) & ~(uintptr_t)(alignof(char*) - 1);
    char** alias_v = reinterpret_cast<char**>(p);
    char** addr_v = alias_v + nalias + 1;
    char* data = reinterpret_cast<char*>(addr_v + count + 1);
    for (int i = 0; i < count; ++i) {
        memcpy(data, addrs[i].bytes, len);
        addr_v[i] = data;
        data += len;
    }
    addr_v[count] = nullptr;
    a = aliases;
    for (int i = 0; i < nalias; ++i) {
        size_t n = strlen(a) + 1;
        memcpy(data, a, n);
        alias_v[i] = data;
        data += n;
        a += n;
    }
    alias_v[nalias] = nullptr;
    strcpy(data, name);
    he->h_name = data;
    he->h_aliases = alias_v;
    he->h_addrtype = af;
    he->h_length = static_cast<int>(len);
    he->h_addr_list = addr_v;
    return 0;
}

int hbn_r(const char* name, int af, hostent* ret, char* buf, size_t buflen, hostent** result, int* herr) {
    *result = nullptr;
    if (af != AF_INET && af != AF_INET6) {
        *herr = NO_DATA;
        errno = EAFNOSUPPORT;
        return EAFNOSUPPORT;
    }
    if (!name || !*name) {
        *herr = NO_RECOVERY;
        return 0;
    }
    rs::Address a{};
    // Numeric names answer themselves (glibc's digits-dots rule).
    std::string_view s(name);
    bool v4 = rs::parse_ipv4_aton(s, a.bytes), v6 = !v4 && rs::parse_ipv6(s, a.bytes);
    if (v4 || v6) {
        if ((v4 && af != AF_INET) || (v6 && af != AF_INET6)) {
            *herr = HOST_NOT_FOUND;
            return 0;
        }
        a.family = af;
        int e = fill_hostent(ret, buf, buflen, name, "", 0, af, &a, 1);
        if (e) {
            *herr = NETDB_INTERNAL;
            return e;
        }
        *result = ret;
        *herr = NETDB_SUCCESS;
        return 0;
    }
    rs::HostAnswer ans;
    ukp::Result<void> r = rs::lookup_host(name, (af == AF_INET ? rs::kWantV4 : rs::kWantV6) | rs::kNoSort, &ans);
    if (!r.ok()) {
        switch (r.error()) {
        case ukp::LX_ENODATA: *herr = NO_DATA; break;
        case ukp::LX_EAGAIN:
        case ukp::LX_EIO: *herr = TRY_AGAIN; break;
        default: *herr = HOST_NOT_FOUND; break;
        }
        // glibc: a miss is 0 with a null result; only "try again" is an error.
        return *herr == TRY_AGAIN ? EAGAIN : 0;
    }
    int e = fill_hostent(ret, buf, buflen, ans.canon[0] ? ans.canon : name, ans.aliases, ans.alias_count, af,
                         ans.addrs, ans.count);
    if (e) {
        *herr = NETDB_INTERNAL;
        return e;
    }
    *result = ret;
    *herr = NETDB_SUCCESS;
    return 0;
}

int hba_r(const void* addr, socklen_t len, int af, hostent* ret, char* buf, size_t buflen, hostent** result,
          int* herr) {
    *result = nullptr;
    if ((af == AF_INET && len != 4) || (af == AF_INET6 && len != 16) || (af != AF_INET && af != AF_INET6)) {
        *herr = NETDB_INTERNAL;
        errno = EAFNOSUPPORT;
        return EINVAL;
    }
    rs::Address a{};
    a.family = af;
    memcpy(a.bytes, addr, len);
    char name[rs::kMaxName];
    ukp::Result<void> r = rs::lookup_addr(&a, name, sizeof name);
    if (!r.ok()) {
        *herr = r.error() == ukp::LX_EAGAIN ? TRY_AGAIN : HOST_NOT_FOUND;
        return *herr == TRY_AGAIN ? EAGAIN : 0;
    }
    int e = fill_hostent(ret, buf, buflen, name, "", 0, af, &a, 1);
    if (e) {
        *herr = NETDB_INTERNAL;
        return e;
    }
    *result = ret;
    *herr = NETDB_SUCCESS;
    return 0;
}

struct StaticHost {
    hostent he;
    char buf[4096];
};
thread_local StaticHost t_host;

}  // namespace

UKP_EXPORT int gethostbyname2_r(const char* name, int af, struct hostent* ret, char* buf, size_t buflen,
                                struct hostent** result, int* h_errnop) {
    UKP_ENTRY_ARGS(libc, name, af, ret, buf, buflen, result);
    return hbn_r(name, af, ret, buf, buflen, result, h_errnop);
}
UKP_EXPORT int gethostbyname_r(const char* name, struct hostent* ret, char* buf, size_t buflen,
                               struct hostent** result, int* h_errnop) {
    UKP_ENTRY_ARGS(libc, name, ret, buf, buflen, result, h_errnop);
    return hbn_r(name, AF_INET, ret, buf, buflen, result, h_errnop);
}
UKP_EXPORT struct hostent* gethostbyname2(const char* name, int af) {
    UKP_ENTRY_ARGS(libc, name, af);
    hostent* result;
    int herr;
    hbn_r(name, af, &t_host.he, t_host.buf, sizeof t_host.buf, &result, &herr);
    h_errno = herr;
    return result;
}
UKP_EXPORT struct hostent* gethostbyname(const char* name) {
    UKP_ENTRY_ARGS(libc, name);
    return gethostbyname2(name, AF_INET);
}
UKP_EXPORT int gethostbyaddr_r(const void* addr, socklen_t len, int af, struct hostent* ret, char* buf,
                               size_t buflen, struct hostent** result, int* h_errnop) {
    UKP_ENTRY_ARGS(libc, addr, len, af, ret, buf, buflen);
    return hba_r(addr, len, af, ret, buf, buflen, result, h_errnop);
}
UKP_EXPORT struct hostent* gethostbyaddr(const void* addr, socklen_t len, int af) {
    UKP_ENTRY_ARGS(libc, addr, len, af);
    hostent* result;
    int herr;
    hba_r(addr, len, af, &t_host.he, t_host.buf, sizeof t_host.buf, &result, &herr);
    h_errno = herr;
    return result;
}

// ---- getservbyname, getservbyport ----
// The kernel's /etc/services or built-in table (never the host's). Aliases
// are not reported (s_aliases is empty).

namespace {

int serv_r(const char* name, int port_net, const char* proto, servent* ret, char* buf, size_t buflen,
           servent** result) {
    *result = nullptr;
    const char* protos[2] = {proto, nullptr};
    if (!proto) protos[0] = "tcp", protos[1] = "udp";  // glibc: the first entry of any protocol
    for (const char* p : protos) {
        if (!p) continue;
        char found[rs::kMaxName];
        int port;
        if (name) {
            ukp::Result<int> r = rs::lookup_service(name, p);
            if (!r.ok()) continue;
            port = *r;
            if (!rs::service_name(port, p, found, sizeof found).ok()) snprintf(found, sizeof found, "%s", name);
        } else {
            port = ntohs(static_cast<uint16_t>(port_net));
            if (!rs::service_name(port, p, found, sizeof found).ok()) continue;
        }
        size_t nl = strlen(found) + 1, pl = strlen(p) + 1;
        uintptr_t at = (reinterpret_cast<uintptr_t>(buf) + alignof(char*) - 1) & ~(uintptr_t)(alignof(char*) - 1);
        size_t need = (at - reinterpret_cast<uintptr_t>(buf)) + sizeof(char*) + nl + pl;
        if (need > buflen) return ERANGE;
        char** aliases = reinterpret_cast<char**>(at);
        aliases[0] = nullptr;
        char* data = reinterpret_cast<char*>(aliases + 1);
        memcpy(data, found, nl);
        memcpy(data + nl, p, pl);
        ret->s_name = data;
        ret->s_aliases = aliases;
        ret->s_port = htons(static_cast<uint16_t>(port));
        ret->s_proto = data + nl;
        *result = ret;
        return 0;
    }
    return 0;
}

struct StaticServ {
    servent se;
    char buf[1024];
};
thread_local StaticServ t_serv;

}  // namespace

UKP_EXPORT int getservbyname_r(const char* name, const char* proto, struct servent* ret, char* buf, size_t buflen,
                               struct servent** result) {
    UKP_ENTRY_ARGS(libc, name, proto, ret, buf, buflen, result);
    return serv_r(name, 0, proto, ret, buf, buflen, result);
}
UKP_EXPORT int getservbyport_r(int port, const char* proto, struct servent* ret, char* buf, size_t buflen,
                               struct servent** result) {
    UKP_ENTRY_ARGS(libc, port, proto, ret, buf, buflen, result);
    return serv_r(nullptr, port, proto, ret, buf, buflen, result);
}
UKP_EXPORT struct servent* getservbyname(const char* name, const char* proto) {
    UKP_ENTRY_ARGS(libc, name, proto);
    servent* result;
    serv_r(name, 0, proto, &t_serv.se, t_serv.buf, sizeof t_serv.buf, &result);
    return result;
}
UKP_EXPORT struct servent* getservbyport(int port, const char* proto) {
    UKP_ENTRY_ARGS(libc, port, proto);
    servent* result;
    serv_r(nullptr, port, proto, &t_serv.se, t_serv.buf, sizeof t_serv.buf, &result);
    return result;
}
