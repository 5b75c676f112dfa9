// The event port on io_uring. A notification is an eventfd; the service
// thread keeps one read of it in flight and waits for completions, with a
// timeout, in a single io_uring_enter.
#include <liburing.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>

#include "../host.hpp"
#include "../posix/libc.hpp"

namespace ukp::host {

struct Port {
    io_uring ring;
    int event_fd;
    std::uint64_t event_value;
    bool read_armed = false;
    std::atomic<bool> pending{false};
};

namespace {
constexpr std::uint64_t kEventTag = 1;

void arm_read(Port* p) {
    if (p->read_armed) return;
    io_uring_sqe* sqe = io_uring_get_sqe(&p->ring);
    if (!sqe) return;
    io_uring_prep_read(sqe, p->event_fd, &p->event_value, sizeof p->event_value, 0);
    io_uring_sqe_set_data64(sqe, kEventTag);
    p->read_armed = true;
}
}  // namespace

Port* port_create() {
    auto* p = new Port;
    if (io_uring_queue_init(64, &p->ring, 0) != 0) {
        delete p;
        return nullptr;
    }
    // The host's eventfd: libukp's own `eventfd` would make a kernel one.
    p->event_fd = libc::get().eventfd(0, EFD_CLOEXEC);
    if (p->event_fd < 0) {
        io_uring_queue_exit(&p->ring);
        delete p;
        return nullptr;
    }
    return p;
}

void port_destroy(Port* p) {
    io_uring_queue_exit(&p->ring);
    libc::get().close(p->event_fd);
    delete p;
}

int port_wait(Port* p, std::int64_t timeout_ns) {
    arm_read(p);
    io_uring_cqe* cqe = nullptr;
    int r;
    if (timeout_ns < 0) {
        r = io_uring_submit_and_wait(&p->ring, 1);
        if (r >= 0) r = io_uring_peek_cqe(&p->ring, &cqe);
    } else {
        __kernel_timespec ts{timeout_ns / 1'000'000'000, timeout_ns % 1'000'000'000};
        r = io_uring_submit_and_wait_timeout(&p->ring, &cqe, 1, &ts, nullptr);
    }
    if (r == -ETIME || r == -EINTR || r == -EAGAIN) return 0;
    if (r < 0) return r;
    int notified = 0;
    unsigned head;
    unsigned seen = 0;
    io_uring_for_each_cqe(&p->ring, head, cqe) {
        if (io_uring_cqe_get_data64(cqe) == kEventTag) {
            p->read_armed = false;
            notified = 1;
        }
        ++seen;
    }
    io_uring_cq_advance(&p->ring, seen);
    if (notified) p->pending.store(false, std::memory_order_release);
    return notified;
}

void port_notify(Port* p) {
    if (p->pending.exchange(true, std::memory_order_acq_rel)) return;
    std::uint64_t one = 1;
    (void)libc::get().write(p->event_fd, &one, sizeof one);
}

}  // namespace ukp::host
