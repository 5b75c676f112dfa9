// The kernel's resolver: host names from /etc/hosts and DNS (servers from
// /etc/resolv.conf, queried over the kernel's own UDP sockets), service
// names from /etc/services or a built-in table. The posix layer's
// getaddrinfo/getnameinfo/gethostbyname are built on these calls; the files
// are the kernel's, so nothing of the host's resolver configuration leaks in.
//
// Every call takes application pointers (names in, answers out) and copies
// them like a system call. The kernel never allocates on the application's
// heap: answers are fixed-size records the caller turns into addrinfo/hostent.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/base/result.hpp"

namespace ukp::net::resolver {

inline constexpr int kMaxAddrs = 32;
inline constexpr int kMaxName = 256;      // a DNS name with its NUL
inline constexpr int kAliasBytes = 512;   // aliases, NUL-separated

struct Address {
    std::int32_t family;    // LX_AF_INET or LX_AF_INET6
    std::uint32_t scope_id; // IPv6 only
    std::uint8_t bytes[16]; // network order; IPv4 uses the first 4
};

// One name's answer: its addresses in the order to return them, its
// canonical name and (from /etc/hosts) its aliases.
struct HostAnswer {
    std::int32_t count;
    std::int32_t alias_count;
    Address addrs[kMaxAddrs];
    char canon[kMaxName];
    char aliases[kAliasBytes];
};

// lookup_host flags.
inline constexpr int kWantV4 = 1;      // AF_INET addresses
inline constexpr int kWantV6 = 2;      // AF_INET6 addresses
inline constexpr int kNoSort = 4;      // keep file/answer order (gethostbyname)

// Looks a name up in /etc/hosts, then DNS (numeric names are the caller's).
// Errors: ENOENT (no such name), ENODATA (the name exists, no address of the
// kinds asked), EAGAIN (no server answered), EIO (servers failed),
// EFAULT/ENAMETOOLONG for bad pointers and names.
Result<void> lookup_host(const char* app_name, int flags, HostAnswer* app_out);

// The name of an address: /etc/hosts, then a DNS PTR query. ENOENT if none.
Result<void> lookup_addr(const Address* app_addr, char* app_name, std::size_t cap);

// A service's port (host order) for protocol "tcp", "udp", ... from
// /etc/services when the kernel has one, else a built-in table. ENOENT if none.
Result<int> lookup_service(const char* app_name, const char* app_proto);
// A port's service name, ENOENT if none.
Result<void> service_name(int port, const char* app_proto, char* app_name, std::size_t cap);

// Whether a non-loopback address of each family is configured (glibc's
// AI_ADDRCONFIG test: 127.0.0.1, ::1 and link-local addresses do not count).
void configured_families(bool* v4, bool* v6);

}  // namespace ukp::net::resolver
