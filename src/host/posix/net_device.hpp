// What every kind of host network device is behind host.hpp's opaque
// NetDevice (the user network, a TAP device): net_send and net_close
// dispatch here, so the kernel sees one contract.
#pragma once

#include <cstddef>

#include "../host.hpp"

namespace ukp::host {

struct NetDevice {
    // Hands one frame to the device without blocking on the network.
    virtual void send(const void* frame, std::size_t len) = 0;
    // Stops the device's thread and frees the device.
    virtual void close() = 0;

protected:
    ~NetDevice() = default;
};

}  // namespace ukp::host
