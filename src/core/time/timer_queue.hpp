// The kernel's timer queue: "call me back at time T" for alarm, setitimer,
// POSIX timers and timerfd. One queue per kernel, served by one kernel
// service thread (started by the first start()) that parks on a WaitQueue until
// the earliest deadline. Deadlines are CLOCK_MONOTONIC nanoseconds; users of
// the wall clock convert when they arm.
//
// The queue is only an alarm clock: each Timer's owner keeps its own state
// (armed or not, period, count) under its own lock and checks it in
// expired(), so a callback that raced with a re-arm or a cancel is told
// "now" and finds nothing to do.
//
// References: the queue holds one on every armed Timer, and the service
// thread one on the Timer whose callback runs. Lock order: Timer owner's
// lock -> queue lock; expired() runs with no queue lock held.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <vector>

#include "core/base/lock.hpp"
#include "core/base/ref.hpp"
#include "core/base/wait_queue.hpp"

namespace ukp::time {

class TimerQueue;

class Timer : public RefCounted {
public:
    // Called at or after the deadline it was armed with, on the service
    // thread (or the caller of TimerQueue::run_due), no queue lock held.
    // `now` is CLOCK_MONOTONIC. May arm the timer again.
    virtual void expired(std::int64_t now) = 0;

private:
    friend class TimerQueue;
    static constexpr std::size_t kNotQueued = ~std::size_t{0};
    std::int64_t deadline_ = 0;
    std::size_t slot_ = kNotQueued;  // index in the heap
};

class TimerQueue {
public:
    // `serve`: start the service thread on the first arm (false for tests,
    // which call run_due themselves).
    explicit TimerQueue(bool serve);
    TimerQueue(const TimerQueue&) = delete;
    TimerQueue& operator=(const TimerQueue&) = delete;
    ~TimerQueue();

    // The kernel's queue.
    static TimerQueue& global();

    // Starts the service thread unless it runs already. Call it with no
    // lock held (starting a host thread may block), before taking the
    // Timer owner's lock to arm. LX_EAGAIN if the thread cannot start.
    Result<void> start();
    // Queues t for deadline_ns, or moves it there if already queued.
    // LX_EAGAIN if start() has not succeeded, LX_ENOMEM.
    Result<void> arm(Timer* t, std::int64_t deadline_ns);
    // Takes t off the queue (no-op when not queued). A callback already
    // running may still finish.
    void cancel(Timer* t);
    // Runs the callbacks of every timer due at `now`; returns how many.
    std::size_t run_due(std::int64_t now);
    // Earliest deadline, or -1 when empty.
    std::int64_t next_deadline();
    std::size_t size();

private:
    static void service_main(void* self);
    void serve();
    // Pops the top if due at `now` (caller holds lock_); null otherwise.
    Timer* pop_due(std::int64_t now);
    void remove_at(std::size_t i);
    void sift_up(std::size_t i);
    void sift_down(std::size_t i);
    void place(std::size_t i, Timer* t);

    Mutex lock_;
    std::pmr::vector<Timer*> heap_;  // min-heap by deadline_, each holds a ref
    WaitQueue changed_;
    std::uint32_t changes_ = 0;  // bumped when the earliest deadline moves
    const bool serve_;
    enum class Service : std::uint8_t { Off, Starting, On };
    Service service_ = Service::Off;  // the service thread
};

}  // namespace ukp::time
