// Kernel locks. They spin briefly, then park on the host's wait-on-address
// primitive. The words live in the arena, so they work between processes
// that map it (the host's futex is shared, not private).
//
// Lock order (outer first): FdTable -> Mount table -> Superblock namespace
// lock -> Vnode lock -> arena allocator locks. Never call the host's blocking
// functions (other than through these types) with any of them held.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/base/sanitizer.hpp"

namespace ukp {

class Mutex {
public:
    Mutex() = default;
    Mutex(const Mutex&) = delete;
    Mutex& operator=(const Mutex&) = delete;

    void lock() {
        std::uint32_t expected = 0;
        if (!state_.compare_exchange_strong(expected, 1, std::memory_order_acquire,
                                            std::memory_order_relaxed))
            lock_slow();
        tsan_acquire(this);
    }
    bool try_lock() {
        std::uint32_t expected = 0;
        bool got = state_.compare_exchange_strong(expected, 1, std::memory_order_acquire,
                                                  std::memory_order_relaxed);
        if (got) tsan_acquire(this);
        return got;
    }
    void unlock() {
        tsan_release(this);
        if (state_.exchange(0, std::memory_order_release) == 2) unlock_slow();
    }

private:
    void lock_slow();
    void unlock_slow();
    // 0 free, 1 held, 2 held with (possible) parked waiters.
    std::atomic<std::uint32_t> state_{0};
};

// Many readers or one writer. Used for a file system's namespace, where
// lookups vastly outnumber changes.
class RwLock {
public:
    RwLock() = default;
    RwLock(const RwLock&) = delete;
    RwLock& operator=(const RwLock&) = delete;

    void lock_shared();
    void unlock_shared();
    void lock();
    void unlock();

private:
    // Parks until a release; `blocking` are the state bits that keep us out.
    void wait_for_release(std::uint32_t blocking);
    void wake_waiters();
    static constexpr std::uint32_t kWriter = 1;
    static constexpr std::uint32_t kReader = 2;
    std::atomic<std::uint32_t> state_{0};  // kWriter bit + readers * kReader
    std::atomic<std::uint32_t> seq_{0};    // bumped on a release that someone waits for
    std::atomic<std::uint32_t> waiters_{0};
};

template <typename L>
class LockGuard {
public:
    explicit LockGuard(L& l) : l_(l) { l_.lock(); }
    ~LockGuard() { l_.unlock(); }
    LockGuard(const LockGuard&) = delete;
    LockGuard& operator=(const LockGuard&) = delete;

private:
    L& l_;
};

class SharedGuard {
public:
    explicit SharedGuard(RwLock& l) : l_(l) { l_.lock_shared(); }
    ~SharedGuard() { l_.unlock_shared(); }
    SharedGuard(const SharedGuard&) = delete;
    SharedGuard& operator=(const SharedGuard&) = delete;

private:
    RwLock& l_;
};

}  // namespace ukp
