// What every kind of host network device is behind host.hpp's opaque
// NetDevice (the user network, a TAP device): net_send and net_close
// dispatch here, so the kernel sees one contract.
#pragma once

#include <pthread.h>

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

// Starts a device's host thread with every signal blocked (the
// application's handlers never run there; the mask is inherited, so it is
// blocked around the create). 0 or -errno.
int start_device_thread(pthread_t* thread, void* (*fn)(void*), void* arg);

}  // namespace ukp::host
