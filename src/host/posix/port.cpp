// The event port on poll(2): a self-pipe carries notifications.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

#include "../host.hpp"
#include "libc.hpp"

namespace ukp::host {

struct Port {
    int pipe_fds[2];
    std::atomic<bool> pending{false};
};

Port* port_create() {
    auto* p = new Port;
    if (libc::get().pipe2(p->pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        delete p;
        return nullptr;
    }
    return p;
}

void port_destroy(Port* p) {
    libc::get().close(p->pipe_fds[0]);
    libc::get().close(p->pipe_fds[1]);
    delete p;
}

int port_wait(Port* p, std::int64_t timeout_ns) {
    pollfd pfd{p->pipe_fds[0], POLLIN, 0};
    int ms = timeout_ns < 0 ? -1 : static_cast<int>((timeout_ns + 999'999) / 1'000'000);
    int r = libc::get().poll(&pfd, 1, ms);
    if (r < 0) return errno == EINTR ? 0 : -errno;
    if (r == 0) return 0;
    char drain[64];
    while (libc::get().read(p->pipe_fds[0], drain, sizeof drain) > 0) {
    }
    p->pending.store(false, std::memory_order_release);
    return 1;
}

void port_notify(Port* p) {
    if (p->pending.exchange(true, std::memory_order_acq_rel)) return;
    char one = 1;
    (void)libc::get().write(p->pipe_fds[1], &one, 1);
}

}  // namespace ukp::host
