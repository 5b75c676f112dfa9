// The user-mode network on libslirp: a NAT router inside the process.
//
// libslirp is single-threaded and not thread-safe. Each device owns one host
// thread that runs slirp's poll loop (its host sockets, its timers, a wake
// pipe); kernel threads call in through net_send. Every slirp call, from
// either side, holds the device's mutex. slirp hands frames back through
// send_packet, on either side, with that mutex held: the kernel's sink only
// queues them.
//
// libslirp and glib call socket, read, close, ... by name, and libukp
// exports those names: every thread is in host code (HostCodeScope) while it
// runs slirp, so those calls pass through to the host libc (src/posix/
// passthrough.hpp). Host sockets are therefore real host fds, never kernel fds.
#include "../host.hpp"

// Built without libslirp (its header absent), the device reports ENOSYS.
#if __has_include(<slirp/libslirp.h>)

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <slirp/libslirp.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <vector>

#include "libc.hpp"
#include "net_device.hpp"

namespace ukp::host {

namespace {

// A timer slirp asked for; fires on the device thread.
struct SlirpTimer {
    SlirpTimerCb cb;
    void* opaque;
    std::int64_t expire_ms = -1;  // -1: not armed
};

}  // namespace

struct SlirpDevice final : NetDevice {
    void send(const void* frame, std::size_t len) override;
    void close() override;

    std::mutex lock;  // guards slirp, timers and pollfds
    Slirp* slirp = nullptr;
    NetSink sink = nullptr;
    void* ctx = nullptr;
    int wake[2] = {-1, -1};
    std::atomic<bool> wake_pending{false};
    std::atomic<bool> stop{false};
    std::vector<SlirpTimer*> timers;
    std::vector<pollfd> pollfds;  // [0] is the wake pipe
    pthread_t thread{};
};

namespace {

constexpr std::uint8_t kNet[4] = {10, 0, 2, 0};
constexpr std::uint8_t kMask[4] = {255, 255, 255, 0};
constexpr std::uint8_t kRouter[4] = {10, 0, 2, 2};
constexpr std::uint8_t kDns[4] = {10, 0, 2, 3};
constexpr std::uint8_t kGuest[4] = {10, 0, 2, 15};

constexpr std::uint8_t kPrefix6[16] = {0xfd};
constexpr std::uint8_t kRouter6[16] = {0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
constexpr std::uint8_t kDns6[16] = {0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3};

in6_addr addr6(const std::uint8_t (&b)[16]) {
    in6_addr a;
    std::memcpy(a.s6_addr, b, 16);
    return a;
}

in_addr addr(const std::uint8_t (&b)[4]) {
    in_addr a;
    std::memcpy(&a.s_addr, b, 4);
    return a;
}

std::int64_t now_ms() { return clock_monotonic() / 1'000'000; }

// Wakes the device thread so that it polls slirp's current sockets and
// timers again; coalesces.
void wake_thread(SlirpDevice* d) {
    if (d->wake_pending.exchange(true, std::memory_order_acq_rel)) return;
    char one = 1;
    (void)libc::get().write(d->wake[1], &one, 1);
}

// ---- slirp's callbacks (all run with d->lock held) ----

ssize_t cb_send_packet(const void* buf, size_t len, void* opaque) {
    auto* d = static_cast<SlirpDevice*>(opaque);
    d->sink(d->ctx, buf, len);
    return static_cast<ssize_t>(len);
}

void cb_guest_error(const char* msg, void*) {
    static const char prefix[] = "ukp: user network: ";
    log_write(prefix, sizeof prefix - 1);
    log_write(msg, std::strlen(msg));
    log_write("\n", 1);
}

std::int64_t cb_clock_get_ns(void*) { return clock_monotonic(); }

void* cb_timer_new(SlirpTimerCb cb, void* cb_opaque, void* opaque) {
    auto* d = static_cast<SlirpDevice*>(opaque);
    auto* t = new SlirpTimer{cb, cb_opaque};
    d->timers.push_back(t);
    return t;
}

void cb_timer_free(void* timer, void* opaque) {
    auto* d = static_cast<SlirpDevice*>(opaque);
    auto* t = static_cast<SlirpTimer*>(timer);
    std::erase(d->timers, t);
    delete t;
}

void cb_timer_mod(void* timer, std::int64_t expire_ms, void* opaque) {
    static_cast<SlirpTimer*>(timer)->expire_ms = expire_ms;
    wake_thread(static_cast<SlirpDevice*>(opaque));
}

void cb_poll_fd(int, void*) {}  // the loop asks slirp for its fds each round

// libslirp listens on a forward's host port with a backlog of 1: a burst of
// clients (wrk -c 32) saw dropped SYNs and one-second retransmissions. A
// second listen() on a listening socket only changes its backlog. The
// forwards' sockets all exist before the thread's first round.
void raise_forward_backlogs(const std::vector<pollfd>& fds) {
    const libc::Table& c = libc::get();
    for (const pollfd& p : fds) {
        int listening = 0;
        socklen_t len = sizeof listening;
        if (c.getsockopt(p.fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening)
            c.listen(p.fd, SOMAXCONN);
    }
}

void cb_notify(void* opaque) { wake_thread(static_cast<SlirpDevice*>(opaque)); }

const SlirpCb kCallbacks = {
    .send_packet = cb_send_packet,
    .guest_error = cb_guest_error,
    .clock_get_ns = cb_clock_get_ns,
    .timer_new = cb_timer_new,
    .timer_free = cb_timer_free,
    .timer_mod = cb_timer_mod,
    .register_poll_fd = cb_poll_fd,
    .unregister_poll_fd = cb_poll_fd,
    .notify = cb_notify,
    .init_completed = nullptr,
    .timer_new_opaque = nullptr,
};

int cb_add_poll(int fd, int events, void* opaque) {
    auto* d = static_cast<SlirpDevice*>(opaque);
    short ev = 0;
    if (events & SLIRP_POLL_IN) ev |= POLLIN;
    if (events & SLIRP_POLL_OUT) ev |= POLLOUT;
    if (events & SLIRP_POLL_PRI) ev |= POLLPRI;
    d->pollfds.push_back(pollfd{fd, ev, 0});
    return static_cast<int>(d->pollfds.size() - 1);
}

int cb_get_revents(int idx, void* opaque) {
    auto* d = static_cast<SlirpDevice*>(opaque);
    if (idx <= 0 || static_cast<std::size_t>(idx) >= d->pollfds.size()) return 0;
    short re = d->pollfds[static_cast<std::size_t>(idx)].revents;
    int out = 0;
    if (re & POLLIN) out |= SLIRP_POLL_IN;
    if (re & POLLOUT) out |= SLIRP_POLL_OUT;
    if (re & POLLPRI) out |= SLIRP_POLL_PRI;
    if (re & (POLLERR | POLLNVAL)) out |= SLIRP_POLL_ERR;
    if (re & POLLHUP) out |= SLIRP_POLL_HUP;
    return out;
}

// ---- the device thread ----

void run_timers(SlirpDevice* d, std::int64_t now) {
    // A callback may free or re-arm timers: restart the scan after each.
    for (bool fired = true; fired;) {
        fired = false;
        for (SlirpTimer* t : d->timers) {
            if (t->expire_ms >= 0 && t->expire_ms <= now) {
                t->expire_ms = -1;
                t->cb(t->opaque);
                fired = true;
                break;
            }
        }
    }
}

void* device_main(void* arg) {
    HostCodeScope host_code;  // libslirp runs on this thread for its whole life
    auto* d = static_cast<SlirpDevice*>(arg);
    std::vector<pollfd> fds;
    bool first_round = true;
    while (!d->stop.load(std::memory_order_acquire)) {
        std::uint32_t timeout_ms = 1000;  // slirp lowers it when it has work
        {
            std::lock_guard g(d->lock);
            d->pollfds.clear();
            d->pollfds.push_back(pollfd{d->wake[0], POLLIN, 0});
            slirp_pollfds_fill(d->slirp, &timeout_ms, cb_add_poll, d);
            std::int64_t now = now_ms();
            for (SlirpTimer* t : d->timers) {
                if (t->expire_ms < 0) continue;
                std::int64_t left = t->expire_ms > now ? t->expire_ms - now : 0;
                if (left < timeout_ms) timeout_ms = static_cast<std::uint32_t>(left);
            }
            fds = d->pollfds;  // poll without the lock: net_send may run meanwhile
        }
        if (first_round) raise_forward_backlogs(fds);
        first_round = false;
        int n = libc::get().poll(fds.data(), fds.size(), static_cast<int>(timeout_ms));
        if (n > 0 && (fds[0].revents & POLLIN)) {
            // Drain, then clear: a wake after the clear writes again, and one
            // before it is served by this round (it runs under the lock next).
            char drain[64];
            while (libc::get().read(d->wake[0], drain, sizeof drain) > 0) {
            }
            d->wake_pending.store(false, std::memory_order_release);
        }
        std::lock_guard g(d->lock);
        // net_send may have refilled nothing: pollfds is only changed here.
        for (std::size_t i = 0; i < fds.size() && i < d->pollfds.size(); ++i)
            d->pollfds[i].revents = fds[i].revents;
        slirp_pollfds_poll(d->slirp, n < 0 && errno != EINTR, cb_get_revents, d);
        run_timers(d, now_ms());
    }
    return nullptr;
}

void destroy(SlirpDevice* d) {
    if (d->slirp) {
        HostCodeScope host_code;
        std::lock_guard g(d->lock);
        slirp_cleanup(d->slirp);
    }
    for (SlirpTimer* t : d->timers) delete t;
    for (int fd : d->wake)
        if (fd >= 0) libc::get().close(fd);
    delete d;
}

}  // namespace

int net_user_open(const NetForward* forwards, std::size_t count, NetSink sink, void* ctx,
                  NetDevice** out) {
    auto* d = new SlirpDevice;
    d->sink = sink;
    d->ctx = ctx;
    if (libc::get().pipe2(d->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        int e = errno;
        destroy(d);
        return -e;
    }

    SlirpConfig cfg{};
    cfg.version = 3;
    cfg.in_enabled = true;
    cfg.vnetwork = addr(kNet);
    cfg.vnetmask = addr(kMask);
    cfg.vhost = addr(kRouter);
    cfg.vdhcp_start = addr(kGuest);
    cfg.vnameserver = addr(kDns);
    cfg.vhostname = "ukp";
    // IPv6: fd00::/64, the router fd00::2 (TCP/UDP to it reach the host's
    // ::1), DNS fd00::3 (relayed to the host's IPv6 resolver, if it has one).
    // The kernel's en0 takes fd00::15 statically (core/net/netdev.cpp).
    cfg.in6_enabled = true;
    cfg.vprefix_addr6 = addr6(kPrefix6);
    cfg.vprefix_len = 64;
    cfg.vhost6 = addr6(kRouter6);
    cfg.vnameserver6 = addr6(kDns6);

    {
        HostCodeScope host_code;
        std::lock_guard g(d->lock);
        d->slirp = slirp_new(&cfg, &kCallbacks, d);
    }
    if (!d->slirp) {
        destroy(d);
        return -ENOMEM;
    }
    for (std::size_t i = 0; i < count; ++i) {
        const NetForward& f = forwards[i];
        in_addr host_ip;
        std::memcpy(&host_ip.s_addr, f.host_ip, 4);
        int rc;
        int e;
        {
            HostCodeScope host_code;
            std::lock_guard g(d->lock);
            errno = 0;
            rc = slirp_add_hostfwd(d->slirp, f.udp ? 1 : 0, host_ip, f.host_port, addr(kGuest),
                                   f.guest_port);
            e = errno;
        }
        if (rc < 0) {
            destroy(d);
            return e ? -e : -EADDRINUSE;
        }
    }

    if (int rc = start_device_thread(&d->thread, device_main, d); rc < 0) {
        destroy(d);
        return rc;
    }
    *out = d;
    return 0;
}

void SlirpDevice::send(const void* frame, std::size_t len) {
    SlirpDevice* d = this;
    if (len > 65536) return;  // not an Ethernet frame; slirp takes an int
    {
        HostCodeScope host_code;
        std::lock_guard g(d->lock);
        slirp_input(d->slirp, static_cast<const std::uint8_t*>(frame), static_cast<int>(len));
    }
    // A new flow may have opened a host socket, or data may wait for POLLOUT.
    wake_thread(d);
}

void SlirpDevice::close() {
    SlirpDevice* d = this;
    d->stop.store(true, std::memory_order_release);
    wake_thread(d);
    pthread_join(d->thread, nullptr);
    destroy(d);
}

}  // namespace ukp::host

#else  // no libslirp

#include <cerrno>

namespace ukp::host {

int net_user_open(const NetForward*, std::size_t, NetSink, void*, NetDevice**) { return -ENOSYS; }

}  // namespace ukp::host

#endif
