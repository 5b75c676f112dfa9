#include "core/time/itimer.hpp"

#include <new>

#include "core/base/lock.hpp"
#include "core/mem/arena.hpp"
#include "core/sys/sys.hpp"
#include "core/time/abi.hpp"
#include "core/time/clock.hpp"
#include "core/time/signals.hpp"
#include "core/time/timer_queue.hpp"

namespace ukp::time {
namespace {

class RealTimer final : public Timer {
public:
    void expired(std::int64_t now) override {
        {
            LockGuard g(lock_);
            if (deadline_ == 0 || deadline_ > now) return;
            if (interval_ > 0) {
                // Missed periods are dropped, as Linux's hrtimer_forward does.
                deadline_ += ((now - deadline_) / interval_ + 1) * interval_;
                (void)TimerQueue::global().arm(this, deadline_);
            } else {
                deadline_ = 0;
            }
        }
        // Linux says SI_KERNEL; a process may only fake negative codes, so
        // the host's kill gives SI_USER here.
        (void)send_signal(sys::getpid(), 0, LX_SIGALRM, nullptr);
    }

    ITimerValue get_locked(std::int64_t now) const {
        if (deadline_ == 0) return {0, interval_};
        std::int64_t left = deadline_ - now;
        return {left > 0 ? left : 1000, interval_};  // Linux: 1 us once due
    }

    Result<ITimerValue> set(const ITimerValue& v) {
        if (v.value_ns) TRY(TimerQueue::global().start());
        LockGuard g(lock_);
        std::int64_t now = mono_now();
        ITimerValue old = get_locked(now);
        interval_ = v.interval_ns;
        if (v.value_ns == 0) {
            deadline_ = 0;
            TimerQueue::global().cancel(this);
            return old;
        }
        deadline_ = now + v.value_ns;
        TRY(TimerQueue::global().arm(this, deadline_));
        return old;
    }

    ITimerValue get() {
        LockGuard g(lock_);
        return get_locked(mono_now());
    }

private:
    Mutex lock_;
    std::int64_t deadline_ = 0;  // CLOCK_MONOTONIC; 0 = disarmed
    std::int64_t interval_ = 0;
};

RealTimer& real_timer() {
    static RealTimer* t = [] {
        auto* p = new RealTimer();
        p->ref();  // the process's for ever
        return p;
    }();
    return *t;
}

}  // namespace

Result<ITimerValue> real_itimer_set(const ITimerValue& v) { return real_timer().set(v); }
ITimerValue real_itimer_get() { return real_timer().get(); }

}  // namespace ukp::time
