#include "core/base/wait_queue.hpp"

#include "host/host.hpp"

namespace ukp {
namespace {
constexpr int kSpins = 2000;  // ~ a few microseconds of pause instructions
}

std::uint32_t WaitQueue::prepare() {
    waiters_.fetch_add(1, std::memory_order_seq_cst);
    return seq_.load(std::memory_order_seq_cst);
}

bool WaitQueue::park(std::uint32_t seen, std::int64_t deadline_ns) {
    const auto* word = reinterpret_cast<const std::uint32_t*>(&seq_);
    bool in_time = true;
    for (int i = 0; i < kSpins && seq_.load(std::memory_order_acquire) == seen; ++i)
        host::cpu_relax();
    while (seq_.load(std::memory_order_acquire) == seen) {
        std::int64_t timeout = -1;
        if (deadline_ns >= 0) {
            timeout = deadline_ns - host::clock_monotonic();
            if (timeout <= 0) {
                in_time = false;
                break;
            }
        }
        host::wait_on(word, seen, timeout);
    }
    waiters_.fetch_sub(1, std::memory_order_relaxed);
    tsan_acquire(this);
    return in_time;
}

void WaitQueue::wake_all() {
    tsan_release(this);
    seq_.fetch_add(1, std::memory_order_seq_cst);
    if (waiters_.load(std::memory_order_seq_cst) != 0)
        host::wake(reinterpret_cast<const std::uint32_t*>(&seq_), 1 << 30);
}

void WaitQueue::wake_one() {
    tsan_release(this);
    seq_.fetch_add(1, std::memory_order_seq_cst);
    if (waiters_.load(std::memory_order_seq_cst) != 0)
        host::wake(reinterpret_cast<const std::uint32_t*>(&seq_), 1);
}

}  // namespace ukp
