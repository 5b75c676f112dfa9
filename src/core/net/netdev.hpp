// Ethernet interfaces on host network devices. The kernel's side of a
// device is an lwIP netif: what lwIP sends goes straight to the host device
// (host::net_send, under the net lock); what the device receives is copied
// into a bounded queue by the device's sink, on whichever thread the host
// delivers it, and fed to lwIP by the net service thread.
//
// Interface names (what getifaddrs, SIOCGIFCONF and if_nametoindex show):
// "lo" for loopback, "en0" for the user network, "tap0".."tap3" for the
// configured TAP devices in the order of the "net" list (the host device's
// own name is the host's business: a VM's eth0 is not called after its
// host's tap either). MACs: en0 52:54:00:12:34:56 (QEMU's usual guest
// address), tapN 52:54:00:12:35:N, so that several interfaces, or several
// ukp processes on one TAP each, never share one.
//
// Lock order: net lock -> the host device's own lock -> the queue lock. The
// sink takes only the queue lock: the host may call it from inside net_send,
// with the net lock held by the sender.
#pragma once

#include <cstddef>

#include "core/base/result.hpp"

struct netif;

namespace ukp {
struct Config;
struct TapInterface;
}  // namespace ukp

namespace ukp::net {

// The user network, when the configuration asks for it: libslirp's router
// at 10.0.2.2 (DNS 10.0.2.3), the interface "en0" at 10.0.2.15/24 and the
// default route, and the configured port forwards listening on the host.
// IPv6 too: en0 is fd00::15/64 (and link-local), the router fd00::2 (the
// host's ::1), DNS fd00::3. Called once at boot; an error leaves loopback as
// the only interface.
Result<void> start_user_network(const Config& config);

// One configured TAP device (Config::taps[index]): the interface "tap<index>"
// with the configured address; with a gateway it takes the default route
// unless another interface (the user network) has it already. Call after
// start_user_network. An error leaves the other interfaces as they are.
Result<void> start_tap_network(const TapInterface& tap, std::size_t index);

// The name of an interface started here ("en0", "tap1"); false for others
// (loopback). Net lock held. `out` has IFNAMSIZ bytes.
bool interface_name(const netif* n, char out[16]);

}  // namespace ukp::net
