// Socket addresses of the inet families <-> lwIP's ip_addr_t and port.
// Must be included after lwIP's headers are available (net/inet files only).
#pragma once

#include <cstdint>

#include "core/base/result.hpp"
#include "core/net/socket.hpp"

extern "C" {
#include "lwip/ip_addr.h"
}

namespace ukp::net::inet {

struct Endpoint {
    ip_addr_t ip;
    std::uint16_t port = 0;  // host byte order
};

// Parses an address given to bind/connect/sendto on a socket of `domain`:
// EINVAL for a short length, EAFNOSUPPORT for another family (AF_INET6
// sockets take AF_INET6 only; v4-mapped ::ffff:a.b.c.d becomes IPv4 unless
// the socket is v6-only, where it is ENETUNREACH like Linux).
Result<Endpoint> parse(int domain, const SockAddr& a, bool v6only);
// A destination of "any" (0.0.0.0, ::) means this machine: Linux connects
// and sends it to the loopback address.
void any_to_loopback(Endpoint& e);
// getsockname's answer: an AF_INET6 socket bound to nothing or to "any"
// shows "::", not a v4-mapped 0.0.0.0.
void format_local(int domain, Endpoint e, SockAddr& out);

// Formats an endpoint for a socket of `domain` (an IPv4 peer of a dual-stack
// AF_INET6 socket appears v4-mapped).
void format(int domain, const Endpoint& e, SockAddr& out);

}  // namespace ukp::net::inet
