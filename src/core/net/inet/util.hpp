// What the inet socket kinds share: lwIP's errors as errnos, option values,
// and which addresses are the kernel's own. Net lock held where it matters.
#pragma once

#include <cstdint>

#include "core/abi/errno.hpp"
#include "core/base/result.hpp"

extern "C" {
#include "lwip/err.h"
#include "lwip/ip_addr.h"
}

namespace ukp::net::inet {

Errno from_lwip(err_t e);
// An int option value (EINVAL when shorter than an int).
Result<int> int_arg(const void* val, std::uint32_t len);
// Writes an int option value, truncated to len like Linux; returns its length.
std::uint32_t put_int(void* out, std::uint32_t len, int v);
// Whether `ip` may be bound: any, loopback, or an interface's address.
bool is_local(const ip_addr_t* ip);

}  // namespace ukp::net::inet
