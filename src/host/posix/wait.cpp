// Parking on an address without futexes: a fixed table of buckets, each a
// mutex and condition variable, picked by hashing the address. Process-private
// (the portable base cannot share waits between processes).
#include <pthread.h>
#include <time.h>

#include <atomic>
#include <cerrno>

#include "../host.hpp"
#include "signal_wake.hpp"

namespace ukp::host {
namespace {

struct Bucket {
    pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t cond;
    Bucket() {
        pthread_condattr_t attr;
        pthread_condattr_init(&attr);
#if !defined(__APPLE__)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
#endif
        pthread_cond_init(&cond, &attr);
        pthread_condattr_destroy(&attr);
    }
};

constexpr std::size_t kBuckets = 256;

Bucket& bucket_for(const void* addr) {
    static Bucket buckets[kBuckets];
    auto h = reinterpret_cast<std::uintptr_t>(addr);
    h = (h >> 2) * 0x9E3779B97F4A7C15ull;
    return buckets[h >> (64 - 8)];
}

}  // namespace

int wait_on(const std::uint32_t* addr, std::uint32_t expected, std::int64_t timeout_ns) {
    Bucket& b = bucket_for(addr);
    const auto* word = reinterpret_cast<const std::atomic<std::uint32_t>*>(addr);
    int rc = 0;
    pthread_mutex_lock(&b.mutex);
    if (word->load(std::memory_order_acquire) == expected) {
        if (timeout_ns < 0) {
            pthread_cond_wait(&b.cond, &b.mutex);
        } else {
            timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            std::int64_t ns = ts.tv_nsec + timeout_ns;
            ts.tv_sec += ns / 1'000'000'000;
            ts.tv_nsec = ns % 1'000'000'000;
            if (pthread_cond_timedwait(&b.cond, &b.mutex, &ts) == ETIMEDOUT) rc = -ETIMEDOUT;
        }
    }
    pthread_mutex_unlock(&b.mutex);
    return rc;
}

int wake(const std::uint32_t* addr, int count) {
    // Waiters of other addresses share the bucket, so wake them all; each
    // rechecks its own word.
    (void)count;
    Bucket& b = bucket_for(addr);
    pthread_mutex_lock(&b.mutex);
    pthread_cond_broadcast(&b.cond);
    pthread_mutex_unlock(&b.mutex);
    return 0;
}

}  // namespace ukp::host

namespace ukp::host {

// Condition variables may not be signalled from a handler: waits re-check
// the thread's signal count every few milliseconds instead.
void signal_wake(const std::uint32_t*) {}
std::int64_t signal_wait_slice() { return 5'000'000; }

}  // namespace ukp::host
