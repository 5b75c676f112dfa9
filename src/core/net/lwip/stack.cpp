#include "core/net/lwip/stack.hpp"

#include <atomic>
#include <new>

#include "core/base/log.hpp"
#include "core/mem/arena.hpp"
#include "host/host.hpp"

extern "C" {
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/timeouts.h"
}

namespace ukp::net::lwip {
namespace {

std::atomic<Stack*> g_stack{nullptr};
Mutex g_start_lock;

}  // namespace

Stack& Stack::get() {
    if (Stack* s = g_stack.load(std::memory_order_acquire)) return *s;
    LockGuard g(g_start_lock);
    if (Stack* s = g_stack.load(std::memory_order_relaxed)) return *s;
    void* mem = mem::allocate(sizeof(Stack), alignof(Stack));
    Stack* s = new (mem) Stack();
    s->start();
    g_stack.store(s, std::memory_order_release);
    return *s;
}

void Stack::start() {
    LockGuard g(lock_);
    lwip_init();
    for (netif* n = netif_list; n; n = n->next)
        if (n->name[0] == 'l' && n->name[1] == 'o') loopback_ = n;
    if (!loopback_) host::panic("lwIP started without its loopback interface");
    NETIF_SET_CHECKSUM_CTRL(loopback_, NETIF_CHECKSUM_DISABLE_ALL);
    // Large segments on the loopback, as Linux's 64 KiB MTU gives: TCP's
    // per-segment work, not the bytes, is what bulk transfer costs here.
    loopback_->mtu = 65535;
#if LWIP_IPV6
    loopback_->mtu6 = 65535;
#endif
    port_ = host::port_create();
    if (!port_ || host::thread_start(&Stack::service_main, this) != 0)
        host::panic("cannot start the network service thread");
    UKP_LOG(info, "net: lwIP {} started, loopback 127.0.0.1 and ::1", LWIP_VERSION_STRING);
}

void Stack::deliver_loopback() {
    // Delivering can queue more: an ACK that lets the sender's queued
    // segments go, a reply. Loop until the queue is empty (bounded: TCP's
    // window and acknowledgements make these chains short), so that nothing
    // waits for the service thread's next timer tick.
    for (int round = 0; round < 64 && loopback_->loop_first; ++round) netif_poll(loopback_);
}

void Stack::kick() { host::port_notify(port_); }

void Stack::add_device(Device* d) {
    d->next_device_ = devices_;
    devices_ = d;
    kick();
}

void Stack::service_main(void* self) { static_cast<Stack*>(self)->service(); }

void Stack::service() {
    for (;;) {
        std::uint32_t sleep_ms;
        {
            LockGuard g(lock_);
            sys_check_timeouts();
            for (Device* d = devices_; d; d = d->next_device_) d->poll();
            deliver_loopback();
            sleep_ms = sys_timeouts_sleeptime();
        }
        std::int64_t timeout = sleep_ms == SYS_TIMEOUTS_SLEEPTIME_INFINITE
                                   ? -1
                                   : static_cast<std::int64_t>(sleep_ms) * 1000000;
        host::port_wait(port_, timeout);
    }
}

}  // namespace ukp::net::lwip
