// Numeric host addresses, with glibc's rules: inet_pton (strict dotted quad,
// RFC 4291 IPv6 text), inet_aton (the historic shorthand getaddrinfo
// accepts: "127.1", hex and octal parts), and inet_ntop's output.
// Pure functions on kernel strings: no application memory here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ukp::net::resolver {

// inet_pton(AF_INET): four decimal parts, no leading zeros beyond "0".
bool parse_ipv4_strict(std::string_view s, std::uint8_t out[4]);
// inet_aton: 1 to 4 parts, each decimal, 0x-hex or 0-octal; the last part
// fills the remaining bytes. The whole string must be consumed.
bool parse_ipv4_aton(std::string_view s, std::uint8_t out[4]);
// inet_pton(AF_INET6), including an embedded dotted quad at the end.
bool parse_ipv6(std::string_view s, std::uint8_t out[16]);

// inet_ntop; `cap` must allow 16 (IPv4) or 46 (IPv6) bytes. Returns the length.
std::size_t format_ipv4(const std::uint8_t a[4], char* out);
std::size_t format_ipv6(const std::uint8_t a[16], char* out);

}  // namespace ukp::net::resolver
