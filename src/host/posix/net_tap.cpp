// TAP devices on the posix host: a reader thread with blocking reads, and
// writes straight from net_send (a TAP write hands the frame to the host's
// stack and does not wait on the network). The Linux host has its own, on
// io_uring (src/host/linux/net_tap.cpp).
#include "../host.hpp"

#if __has_include(<linux/if_tun.h>)

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cerrno>

#include "libc.hpp"
#include "net_device.hpp"
#include "tap_open.hpp"

namespace ukp::host {

namespace {

// Larger than any frame at the device's MTU; a bigger one arrives cut and
// the kernel's sink drops it.
constexpr std::size_t kReadBuffer = 65536;

struct TapDevice final : NetDevice {
    void send(const void* frame, std::size_t len) override {
        // EAGAIN (the device's queue is full) or no reader: dropped, as a NIC does.
        (void)libc::get().write(fd, frame, len);
    }

    void close() override {
        stop.store(true, std::memory_order_release);
        // Wakes the blocked read: a signal would reach the app's handlers,
        // so the reader polls with a timeout instead (see reader_main).
        pthread_join(thread, nullptr);
        libc::get().close(fd);
        delete this;
    }

    int fd = -1;
    NetSink sink = nullptr;
    void* ctx = nullptr;
    std::atomic<bool> stop{false};
    pthread_t thread{};
};

void* reader_main(void* arg) {
    auto* d = static_cast<TapDevice*>(arg);
    auto* buf = new unsigned char[kReadBuffer];
    while (!d->stop.load(std::memory_order_acquire)) {
        pollfd p{d->fd, POLLIN, 0};
        int n = libc::get().poll(&p, 1, 200);  // bounded, so that close is seen
        if (n <= 0) continue;
        for (;;) {  // drain what is there
            ssize_t r = libc::get().read(d->fd, buf, kReadBuffer);
            if (r <= 0) break;
            d->sink(d->ctx, buf, static_cast<std::size_t>(r));
        }
    }
    delete[] buf;
    return nullptr;
}

}  // namespace

int net_tap_open(const char* name, NetSink sink, void* ctx, NetDevice** out) {
    int fd = tap_open(name, /*nonblocking=*/true);
    if (fd < 0) return fd;
    auto* d = new TapDevice;
    d->fd = fd;
    d->sink = sink;
    d->ctx = ctx;
    if (int rc = start_device_thread(&d->thread, reader_main, d); rc < 0) {
        libc::get().close(fd);
        delete d;
        return rc;
    }
    *out = d;
    return 0;
}

}  // namespace ukp::host

#else  // no TAP devices on this host

#include <cerrno>

namespace ukp::host {

int net_tap_open(const char*, NetSink, void*, NetDevice**) { return -ENOSYS; }

}  // namespace ukp::host

#endif
