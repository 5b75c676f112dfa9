// Readiness: the one mechanism behind poll, select and epoll.
//
// A File that can become ready (pipe, socket, eventfd, timerfd, epoll) owns
// or shares a Notifier and reports its current state in poll_mask() with
// Linux's POLL* bits. Whoever waits for readiness (a poll call, an epoll
// item) adds a Watch to the Notifier; the file calls notify(events) after
// every change that may make some of `events` true. Files without a
// Notifier (regular files, directories) are always ready.
//
// Ordering rule: the file publishes its new state under its own lock and
// calls notify() after that (under the lock or just after it); poll_mask()
// reads the state under the same lock. A watcher adds its Watch *before*
// calling poll_mask(), so a change is either seen by poll_mask() or notified.
//
// Lock order: attach_lock() -> epoll mutex -> object lock -> Notifier lock ->
// whatever Watch::notify takes (leaf locks, and the Notifier of an epoll
// that contains this one: it must not block or call back into the file).
//
// Lifetime: a poll call holds references on its files, so its watches never
// see a release. An epoll item holds no reference (as on Linux): the file's
// last reference calls release_file(), which unlinks the item and calls
// Watch::released() under attach_lock(), the kernel-wide lock that also
// serialises epoll's close and nesting changes, so an item is never freed
// twice and never outlives the Notifier it is linked to.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/base/lock.hpp"

namespace ukp::event {

class Notifier;

class Watch {
public:
    Watch() = default;
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;

    // `events` may have become true. Runs with the Notifier's lock held.
    virtual void notify(std::uint32_t events) = 0;
    // For exclusive watches (EPOLLEXCLUSIVE): notify, then say whether that
    // woke a waiter. The Notifier wakes every ordinary watch but stops at the
    // first exclusive one that returns true, as Linux's exclusive waits do.
    virtual bool notify_exclusive(std::uint32_t events) {
        notify(events);
        return true;
    }
    // The watched file is gone (its last reference dropped); the watch has
    // already been unlinked. Runs with attach_lock() held and the Notifier's
    // lock not held, so it may take an epoll's mutex.
    virtual void released() {}

    // Which file this watch is for (an epoll item watches one file of a pair
    // that shares a Notifier, like the two ends of a pipe). May be null.
    const void* file() const { return file_; }
    void set_file(const void* f) { file_ = f; }
    // Set before add(); exclusive watches are woken after the others.
    bool exclusive() const { return exclusive_; }
    void set_exclusive(bool on) { exclusive_ = on; }

protected:
    ~Watch() = default;

private:
    friend class Notifier;
    Watch* prev_ = nullptr;
    Watch* next_ = nullptr;
    Notifier* owner_ = nullptr;
    const void* file_ = nullptr;
    bool exclusive_ = false;
};

// The kernel-wide lock for attaching watches that outlive the call that made
// them (epoll items): release_file, epoll close and epoll nesting checks.
// TODO(#3): move into the kernel object when processes share one kernel.
Mutex& attach_lock();

class Notifier {
public:
    Notifier() = default;
    Notifier(const Notifier&) = delete;
    Notifier& operator=(const Notifier&) = delete;
    ~Notifier();

    void add(Watch* w);
    // Idempotent: removing a watch that is not (or no longer) linked is a no-op.
    void remove(Watch* w);
    // Cheap when nobody watches: one load.
    void notify(std::uint32_t events) {
        if (count_.load(std::memory_order_seq_cst) != 0) notify_slow(events);
    }
    // Unlinks every watch of `file` and tells it so (the file is being freed).
    // Takes attach_lock() when watched; one uncontended lock otherwise.
    void release_file(const void* file);
    bool watched() const { return count_.load(std::memory_order_relaxed) != 0; }

private:
    void notify_slow(std::uint32_t events);
    void unlink(Watch* w);

    Mutex lock_;
    Watch* head_ = nullptr;
    std::atomic<std::uint32_t> count_{0};
};

}  // namespace ukp::event
