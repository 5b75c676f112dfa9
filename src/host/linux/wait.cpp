// Parking on an address with the futex. Shared (not FUTEX_PRIVATE) on
// purpose: the arena may later be mapped by several processes of one kernel.
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

#include "../host.hpp"
#include "../posix/signal_wake.hpp"

namespace ukp::host {

int wait_on(const std::uint32_t* addr, std::uint32_t expected, std::int64_t timeout_ns) {
    timespec ts;
    timespec* tsp = nullptr;
    if (timeout_ns >= 0) {
        ts.tv_sec = timeout_ns / 1'000'000'000;
        ts.tv_nsec = timeout_ns % 1'000'000'000;
        tsp = &ts;
    }
    long r = syscall(SYS_futex, addr, FUTEX_WAIT, expected, tsp, nullptr, 0);
    if (r == 0) return 0;
    return errno == ETIMEDOUT ? -ETIMEDOUT : 0;  // EAGAIN/EINTR: a spurious return
}

int wake(const std::uint32_t* addr, int count) {
    long r = syscall(SYS_futex, addr, FUTEX_WAKE, count, nullptr, nullptr, 0);
    return r < 0 ? 0 : static_cast<int>(r);
}

}  // namespace ukp::host

namespace ukp::host {

// FUTEX_WAKE is a plain system call: safe in a signal handler.
void signal_wake(const std::uint32_t* word) { wake(word, INT_MAX); }
std::int64_t signal_wait_slice() { return 0; }

}  // namespace ukp::host
