// The kernel's one lwIP instance. Every lwIP call runs under the net lock
// (lwIP is single-threaded by design); a service thread, started with the
// stack, runs lwIP's timers and delivers what the loopback interface queued.
// Application threads call into lwIP directly under the lock: the fast path
// of a socket call never waits for the service thread.
#pragma once

#include "core/base/lock.hpp"
#include "host/host.hpp"

struct netif;

namespace ukp::net::lwip {

class Stack {
public:
    // A network device whose received frames wait in its own queue until
    // the service thread feeds them to lwIP: poll() runs there, under the
    // net lock. Devices are registered for the kernel's lifetime.
    class Device {
    public:
        virtual void poll() = 0;

    protected:
        ~Device() = default;

    private:
        friend class Stack;
        Device* next_device_ = nullptr;
    };

    // Starts lwIP and its service thread on first use (apps that never
    // open a socket pay nothing).
    static Stack& get();

    Mutex& lock() { return lock_; }
    // The loopback interface (127.0.0.1, ::1), checksums off: its frames
    // never leave the process.
    netif* loopback() const { return loopback_; }
    // Delivers what loopback output queued; call under the lock after output,
    // so that a send inside the kernel reaches its peer at once.
    void deliver_loopback();
    // Wakes the service thread to recompute its next deadline (a timer was
    // armed sooner than it sleeps).
    void kick();
    // Adds a device for the service thread to poll; call under the lock.
    void add_device(Device* d);

private:
    Stack() = default;
    void start();
    static void service_main(void* self);
    void service();

    Mutex lock_;
    netif* loopback_ = nullptr;
    Device* devices_ = nullptr;
    host::Port* port_ = nullptr;
};

// Holds the net lock for a scope.
class NetGuard {
public:
    NetGuard() : g_(Stack::get().lock()) {}

private:
    LockGuard<Mutex> g_;
};

}  // namespace ukp::net::lwip
