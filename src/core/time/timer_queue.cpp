#include "core/time/timer_queue.hpp"

#include <new>

#include "core/mem/arena.hpp"
#include "host/host.hpp"

namespace ukp::time {

TimerQueue::TimerQueue(bool serve) : heap_(mem::resource()), serve_(serve) {}

TimerQueue::~TimerQueue() {
    for (Timer* t : heap_) {
        t->slot_ = Timer::kNotQueued;
        t->unref();
    }
}

TimerQueue& TimerQueue::global() {
    // Made once in the arena, never destroyed: the service thread outlives
    // every static destructor.
    static TimerQueue* q = new (mem::resource()->allocate(sizeof(TimerQueue), alignof(TimerQueue)))
        TimerQueue(true);
    return *q;
}

void TimerQueue::place(std::size_t i, Timer* t) {
    heap_[i] = t;
    t->slot_ = i;
}

void TimerQueue::sift_up(std::size_t i) {
    Timer* t = heap_[i];
    while (i > 0) {
        std::size_t parent = (i - 1) / 2;
        if (heap_[parent]->deadline_ <= t->deadline_) break;
        place(i, heap_[parent]);
        i = parent;
    }
    place(i, t);
}

void TimerQueue::sift_down(std::size_t i) {
    Timer* t = heap_[i];
    std::size_t n = heap_.size();
    for (;;) {
        std::size_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && heap_[c + 1]->deadline_ < heap_[c]->deadline_) ++c;
        if (t->deadline_ <= heap_[c]->deadline_) break;
        place(i, heap_[c]);
        i = c;
    }
    place(i, t);
}

void TimerQueue::remove_at(std::size_t i) {
    Timer* t = heap_[i];
    Timer* last = heap_.back();
    heap_.pop_back();
    t->slot_ = Timer::kNotQueued;
    if (last != t) {
        place(i, last);
        sift_down(i);
        sift_up(last->slot_);
    }
}

Result<void> TimerQueue::start() {
    if (!serve_) return success();
    {
        LockGuard g(lock_);
        if (service_ != Service::Off) return success();
        service_ = Service::Starting;
    }
    bool ok = host::thread_start(&TimerQueue::service_main, this) == 0;
    LockGuard g(lock_);
    service_ = ok ? Service::On : Service::Off;
    if (!ok) return LX_EAGAIN;
    return success();
}

Result<void> TimerQueue::arm(Timer* t, std::int64_t deadline_ns) {
    LockGuard g(lock_);
    // A thread still Starting finds the heap as it is when it begins.
    if (serve_ && service_ == Service::Off) return LX_EAGAIN;
    std::int64_t before = heap_.empty() ? -1 : heap_[0]->deadline_;
    t->deadline_ = deadline_ns;
    if (t->slot_ == Timer::kNotQueued) {
        heap_.push_back(t);
        t->ref();
        t->slot_ = heap_.size() - 1;
        sift_up(t->slot_);
    } else {
        std::size_t i = t->slot_;
        sift_down(i);
        sift_up(t->slot_);
    }
    if (heap_[0]->deadline_ != before) {
        ++changes_;
        changed_.wake_all();
    }
    return success();
}

void TimerQueue::cancel(Timer* t) {
    {
        LockGuard g(lock_);
        if (t->slot_ == Timer::kNotQueued) return;
        remove_at(t->slot_);
    }
    // The queue's reference goes with no lock held: it may be the last.
    t->unref();
}

Timer* TimerQueue::pop_due(std::int64_t now) {
    if (heap_.empty() || heap_[0]->deadline_ > now) return nullptr;
    Timer* t = heap_[0];
    remove_at(0);
    return t;  // the queue's reference passes to the caller
}

std::size_t TimerQueue::run_due(std::int64_t now) {
    std::size_t n = 0;
    for (;;) {
        Timer* t;
        {
            LockGuard g(lock_);
            t = pop_due(now);
        }
        if (!t) return n;
        t->expired(now);
        t->unref();
        ++n;
    }
}

std::int64_t TimerQueue::next_deadline() {
    LockGuard g(lock_);
    return heap_.empty() ? -1 : heap_[0]->deadline_;
}

std::size_t TimerQueue::size() {
    LockGuard g(lock_);
    return heap_.size();
}

void TimerQueue::service_main(void* self) { static_cast<TimerQueue*>(self)->serve(); }

void TimerQueue::serve() {
    for (;;) {
        run_due(host::clock_monotonic());
        LockGuard g(lock_);
        std::int64_t now = host::clock_monotonic();
        if (!heap_.empty() && heap_[0]->deadline_ <= now) continue;
        std::int64_t deadline = heap_.empty() ? -1 : heap_[0]->deadline_;
        std::uint32_t seen = changes_;
        // Signals are blocked on this thread: only a change or the deadline
        // ends the wait.
        (void)changed_.wait(lock_, [&] { return changes_ != seen; }, deadline, OnSignal::interrupt);
    }
}

}  // namespace ukp::time
