// A DNS stub client (RFC 1035) over the kernel's own UDP sockets: A, AAAA
// and PTR questions, CNAME chains followed inside one answer, servers,
// timeout and attempts from /etc/resolv.conf as glibc reads them.
#pragma once

#include <string_view>

#include "core/net/resolver/resolver.hpp"

namespace ukp::net::resolver {

inline constexpr int kMaxServers = 3;   // MAXNS
inline constexpr int kMaxSearch = 6;

struct ResolvConf {
    Address servers[kMaxServers];
    int nservers = 0;
    int timeout_s = 5;   // RES_TIMEOUT
    int attempts = 2;    // RES_DFLRETRY
    int ndots = 1;
    int nsearch = 0;
    char search[kMaxSearch][kMaxName];
};

// The current /etc/resolv.conf; no server line means 127.0.0.1, as glibc.
ResolvConf read_resolv_conf();

inline constexpr int kTypeA = 1, kTypeCname = 5, kTypePtr = 12, kTypeAaaa = 28;

struct DnsAnswer {
    int count = 0;
    Address addrs[kMaxAddrs];
    char name[kMaxName];  // the canonical name, or a PTR's target
};

// One question to the configured servers, in turn, `attempts` rounds.
// ENOENT: NXDOMAIN; ENODATA: no record of the type; EAGAIN: no answer in
// time; EIO: every server failed (SERVFAIL, REFUSED, a malformed answer).
Result<void> dns_query(const ResolvConf& conf, std::string_view name, int qtype, DnsAnswer& out);

}  // namespace ukp::net::resolver
