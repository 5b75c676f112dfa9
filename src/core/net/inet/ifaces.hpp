// The network interfaces as applications see them: names ("lo" for the
// loopback interface, lwIP's name and number for the others), indexes,
// flags and addresses, for the SIOCGIF* ioctls of AF_INET/AF_INET6 sockets
// and for the posix layer's getifaddrs and if_nametoindex.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/base/result.hpp"

namespace ukp::net::inet {

inline constexpr std::size_t kIfNameSize = 16;  // IFNAMSIZ

// One address of one interface (an interface without addresses has one
// entry with family 0).
struct IfAddr {
    char name[kIfNameSize];
    unsigned index;
    unsigned flags;   // IFF_*
    unsigned mtu;
    int family;       // LX_AF_INET, LX_AF_INET6 or 0
    std::uint8_t addr[16];  // network order; 4 bytes for AF_INET
    std::uint8_t mask[16];
};

// Fills up to `max` entries, interfaces in index order; returns how many
// there are in all.
std::size_t interface_addresses(IfAddr* out, std::size_t max);

// SIOCGIFCONF, SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFFLAGS, SIOCGIFMTU,
// SIOCGIFINDEX, SIOCGIFNAME with `arg` in application memory; ENOTTY for
// other requests.
Result<long> interface_ioctl(unsigned long request, void* arg);

}  // namespace ukp::net::inet
