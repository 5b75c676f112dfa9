// AF_INET and AF_INET6 for net::find_family.
#pragma once

#include "core/net/socket.hpp"

namespace ukp::net::inet {

extern const Family inet_family;
extern const Family inet6_family;

}  // namespace ukp::net::inet
