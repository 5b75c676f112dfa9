#include "core/time/posix_timer.hpp"

#include <climits>
#include <new>
#include <vector>

#include "core/base/lock.hpp"
#include "core/mem/arena.hpp"
#include "core/sys/sys.hpp"
#include "core/time/clock.hpp"
#include "core/time/signals.hpp"
#include "core/time/timer_queue.hpp"
#include "host/host.hpp"

namespace ukp::time {
namespace {

constexpr std::size_t kMaxTimers = 1 << 16;

struct ThreadNotify {
    void (*fn)(std::uint64_t);
    std::uint64_t value;
};

void run_thread_notify(void* p) {
    ThreadNotify n = *static_cast<ThreadNotify*>(p);
    mem::deallocate(p, sizeof(ThreadNotify), alignof(ThreadNotify));
    n.fn(n.value);
}

class PosixTimer final : public Timer {
public:
    PosixTimer(int id, int clock, const lx_sigevent& sev) : id_(id), clock_(clock), sev_(sev) {}

    void expired(std::int64_t now) override {
        lx_siginfo info{};
        ThreadNotify thread_notify{};
        bool by_thread = false;
        {
            LockGuard g(lock_);
            if (deadline_ == 0 || deadline_ > now) return;
            std::int64_t missed = 0;
            if (interval_ > 0) {
                missed = (now - deadline_) / interval_;
                deadline_ += (missed + 1) * interval_;
                (void)TimerQueue::global().arm(this, deadline_);
            } else {
                deadline_ = 0;
            }
            int notify = sev_.sigev_notify;
            if (notify == LX_SIGEV_NONE) return;
            if (notify == LX_SIGEV_THREAD) {
                thread_notify = {sev_.un.thread.function, sev_.sigev_value};
                by_thread = true;
            } else {
                if (in_flight_ && (host::signal_pending() & sig_bit(sev_.sigev_signo))) {
                    add_overrun(pending_overrun_, 1 + missed);
                    return;
                }
                if (in_flight_) last_overrun_ = pending_overrun_;
                pending_overrun_ = 0;
                in_flight_ = true;
                info.si_signo = sev_.sigev_signo;
                info.si_code = LX_SI_TIMER;
                info.un.timer.tid = id_;
                info.un.timer.overrun = static_cast<std::int32_t>(missed > INT_MAX ? INT_MAX : missed);
                info.un.timer.value = sev_.sigev_value;
            }
        }
        if (by_thread) {
            // The thread starts with no lock held: a host thread start may block.
            auto* n = static_cast<ThreadNotify*>(mem::allocate(sizeof(ThreadNotify), alignof(ThreadNotify)));
            *n = thread_notify;
            if (host::thread_start(run_thread_notify, n) != 0)
                mem::deallocate(n, sizeof(ThreadNotify), alignof(ThreadNotify));
            return;
        }
        int tid = sev_.sigev_notify == LX_SIGEV_THREAD_ID ? sev_.un.tid : 0;
        (void)send_signal(sys::getpid(), tid, info.si_signo, &info);
    }

    Result<TimerSpec> set(bool abs, const TimerSpec& spec) {
        if (spec.value_ns) TRY(TimerQueue::global().start());
        LockGuard g(lock_);
        std::int64_t now = mono_now();
        TimerSpec old = get_locked(now);
        interval_ = spec.value_ns ? spec.interval_ns : 0;
        if (spec.value_ns == 0) {
            deadline_ = 0;
            TimerQueue::global().cancel(this);
            return old;
        }
        deadline_ = abs ? mono_deadline(clock_, spec.value_ns) : now + spec.value_ns;
        if (deadline_ <= 0) deadline_ = 1;
        TRY(TimerQueue::global().arm(this, deadline_));
        return old;
    }

    TimerSpec get() {
        LockGuard g(lock_);
        return get_locked(mono_now());
    }

    int overrun() {
        LockGuard g(lock_);
        if (in_flight_ && !(host::signal_pending() & sig_bit(sev_.sigev_signo))) {
            last_overrun_ = pending_overrun_;
            pending_overrun_ = 0;
            in_flight_ = false;
        }
        return static_cast<int>(last_overrun_);
    }

    void disarm() {
        LockGuard g(lock_);
        deadline_ = 0;
        TimerQueue::global().cancel(this);
    }

private:
    static void add_overrun(std::int64_t& to, std::int64_t n) { to = to + n > INT_MAX ? INT_MAX : to + n; }

    TimerSpec get_locked(std::int64_t now) const {
        if (deadline_ == 0) return {0, interval_};
        std::int64_t left = deadline_ - now;
        return {left > 0 ? left : 1, interval_};
    }

    const int id_;
    const int clock_;
    const lx_sigevent sev_;
    Mutex lock_;
    std::int64_t deadline_ = 0;  // CLOCK_MONOTONIC; 0 = disarmed
    std::int64_t interval_ = 0;
    bool in_flight_ = false;           // a signal was sent and may be pending
    std::int64_t pending_overrun_ = 0;  // expirations merged into it
    std::int64_t last_overrun_ = 0;     // timer_getoverrun's answer
};

class TimerTable {
public:
    TimerTable() : slots_(mem::resource()) {}

    // value_is_id: timer_create without a sigevent sends the id as value.
    Result<int> add(int clock, const lx_sigevent& sev_in, bool value_is_id) {
        LockGuard g(lock_);
        std::size_t id = 0;
        while (id < slots_.size() && slots_[id]) ++id;
        if (id >= kMaxTimers) return LX_EAGAIN;
        if (id == slots_.size()) slots_.emplace_back();
        lx_sigevent sev = sev_in;
        if (value_is_id) sev.sigev_value = id;
        slots_[id] = make_ref<PosixTimer>(static_cast<int>(id), clock, sev);
        return static_cast<int>(id);
    }

    Result<Ref<PosixTimer>> get(int id) {
        LockGuard g(lock_);
        if (id < 0 || static_cast<std::size_t>(id) >= slots_.size() || !slots_[id]) return LX_EINVAL;
        return slots_[id];
    }

    Result<void> remove(int id) {
        Ref<PosixTimer> t;
        {
            LockGuard g(lock_);
            if (id < 0 || static_cast<std::size_t>(id) >= slots_.size() || !slots_[id]) return LX_EINVAL;
            t = std::move(slots_[id]);
            slots_[id] = nullptr;
        }
        t->disarm();
        return success();
    }

private:
    Mutex lock_;
    std::pmr::vector<Ref<PosixTimer>> slots_;
};

TimerTable& table() {
    static TimerTable* t = new (mem::resource()->allocate(sizeof(TimerTable), alignof(TimerTable))) TimerTable();
    return *t;
}

}  // namespace

Result<int> posix_timer_create(int clock, const lx_sigevent* sev_in) {
    if (!timer_clock_ok(clock) && clock != LX_CLOCK_TAI) return LX_EINVAL;
    lx_sigevent sev{};
    if (sev_in) {
        sev = *sev_in;
        switch (sev.sigev_notify) {
            case LX_SIGEV_NONE:
            case LX_SIGEV_THREAD:
                if (sev.sigev_notify == LX_SIGEV_THREAD && !sev.un.thread.function) return LX_EINVAL;
                break;
            case LX_SIGEV_THREAD_ID:
                if (sev.un.tid <= 0) return LX_EINVAL;
                [[fallthrough]];
            case LX_SIGEV_SIGNAL:
                if (sev.sigev_signo <= 0 || sev.sigev_signo > LX_NSIG) return LX_EINVAL;
                break;
            default:
                return LX_EINVAL;
        }
        return table().add(clock, sev, false);
    }
    // No sigevent: SIGALRM carrying the timer's id.
    sev.sigev_notify = LX_SIGEV_SIGNAL;
    sev.sigev_signo = LX_SIGALRM;
    return table().add(clock, sev, true);
}

Result<TimerSpec> posix_timer_set(int id, bool abs, const TimerSpec& spec) {
    Ref<PosixTimer> t = TRY(table().get(id));
    return t->set(abs, spec);
}

Result<TimerSpec> posix_timer_get(int id) {
    Ref<PosixTimer> t = TRY(table().get(id));
    return t->get();
}

Result<int> posix_timer_overrun(int id) {
    Ref<PosixTimer> t = TRY(table().get(id));
    return t->overrun();
}

Result<void> posix_timer_delete(int id) { return table().remove(id); }

}  // namespace ukp::time
