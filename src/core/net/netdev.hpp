// Ethernet interfaces on host network devices. The kernel's side of a
// device is an lwIP netif: what lwIP sends goes straight to the host device
// (host::net_send, under the net lock); what the device receives is copied
// into a bounded queue by the device's sink, on whichever thread the host
// delivers it, and fed to lwIP by the net service thread.
//
// Lock order: net lock -> the host device's own lock -> the queue lock. The
// sink takes only the queue lock: the host may call it from inside net_send,
// with the net lock held by the sender.
#pragma once

#include "core/base/result.hpp"

namespace ukp {
struct Config;
}

namespace ukp::net {

// The user network, when the configuration asks for it: libslirp's router
// at 10.0.2.2 (DNS 10.0.2.3), the interface "en0" at 10.0.2.15/24 and the
// default route, and the configured port forwards listening on the host.
// Called once at boot; an error leaves loopback as the only interface.
Result<void> start_user_network(const Config& config);

}  // namespace ukp::net
