// Sleeps, interval timers and POSIX timers.
#include "core/base/uaccess.hpp"
#include "core/sys/sys.hpp"
#include "core/time/clock.hpp"
#include "core/time/itimer.hpp"
#include "core/time/posix_timer.hpp"
#include "core/time/sleep.hpp"

namespace ukp::sys {
namespace {

Result<time::TimerSpec> spec_in(const lx_itimerspec* app) {
    lx_itimerspec v;
    TRY(copy_in(v, app));
    std::int64_t value = TRY(time::ns_of(v.it_value));
    std::int64_t interval = TRY(time::ns_of(v.it_interval));
    return time::TimerSpec{value, interval};
}

Result<void> spec_out(lx_itimerspec* app, const time::TimerSpec& s) {
    lx_itimerspec v{time::timespec_of(s.interval_ns), time::timespec_of(s.value_ns)};
    return copy_out(app, v);
}

}  // namespace

Result<void> clock_nanosleep(int clock, int flags, const lx_timespec* req, lx_timespec* rem) {
    switch (clock) {
        case LX_CLOCK_REALTIME:
        case LX_CLOCK_MONOTONIC:
        case LX_CLOCK_BOOTTIME:
        case LX_CLOCK_TAI:
            break;
        case LX_CLOCK_PROCESS_CPUTIME_ID:
            return LX_EOPNOTSUPP;  // CPU-time sleeps need the host's accounting
        default:
            return LX_EINVAL;
    }
    lx_timespec ts;
    TRY(copy_in(ts, req));
    std::int64_t ns = TRY(time::ns_of(ts));
    bool abs = flags & LX_TIMER_ABSTIME;
    std::int64_t deadline = abs ? time::mono_deadline(clock, ns) : time::mono_now() + ns;
    // A wall-clock time long past maps below zero, which a wait takes as "no deadline".
    if (deadline < 0) deadline = 0;
    Result<void> r = time::sleep_until(deadline);
    if (!r.ok() && r.error() == LX_EINTR && !abs && rem) {
        std::int64_t left = deadline - time::mono_now();
        TRY(copy_out(rem, time::timespec_of(left > 0 ? left : 0)));
    }
    return r;
}

Result<void> nanosleep(const lx_timespec* req, lx_timespec* rem) {
    return clock_nanosleep(LX_CLOCK_MONOTONIC, 0, req, rem);
}

Result<void> setitimer(int which, const lx_itimerval* value, lx_itimerval* old) {
    if (which == LX_ITIMER_VIRTUAL || which == LX_ITIMER_PROF) return LX_ENOSYS;
    if (which != LX_ITIMER_REAL) return LX_EINVAL;
    time::ITimerValue nv{0, 0};
    if (value) {  // Linux takes a null value as "disarm"
        lx_itimerval v;
        TRY(copy_in(v, value));
        nv.value_ns = TRY(time::ns_of(v.it_value));
        nv.interval_ns = TRY(time::ns_of(v.it_interval));
    }
    time::ITimerValue prev = TRY(time::real_itimer_set(nv));
    if (old) TRY(copy_out(old, lx_itimerval{time::timeval_of(prev.interval_ns), time::timeval_of(prev.value_ns)}));
    return success();
}

Result<void> getitimer(int which, lx_itimerval* value) {
    if (which == LX_ITIMER_VIRTUAL || which == LX_ITIMER_PROF) return LX_ENOSYS;
    if (which != LX_ITIMER_REAL) return LX_EINVAL;
    time::ITimerValue cur = time::real_itimer_get();
    return copy_out(value, lx_itimerval{time::timeval_of(cur.interval_ns), time::timeval_of(cur.value_ns)});
}

Result<unsigned> alarm(unsigned seconds) {
    time::ITimerValue prev = TRY(time::real_itimer_set({std::int64_t{seconds} * time::kNsPerSec, 0}));
    lx_timeval tv = time::timeval_of(prev.value_ns);
    // Linux rounds to the nearest second, and never reports 0 for a live alarm.
    if ((tv.tv_sec == 0 && tv.tv_usec != 0) || tv.tv_usec >= 500'000) ++tv.tv_sec;
    return static_cast<unsigned>(tv.tv_sec);
}

Result<void> timer_create(int clock, const lx_sigevent* sev, int* id) {
    lx_sigevent ev;
    if (sev) TRY(copy_in(ev, sev));
    int made = TRY(time::posix_timer_create(clock, sev ? &ev : nullptr));
    Result<void> r = copy_out(id, made);
    if (!r.ok()) (void)time::posix_timer_delete(made);
    return r;
}

Result<void> timer_settime(int id, int flags, const lx_itimerspec* value, lx_itimerspec* old) {
    if (!value) return LX_EINVAL;
    time::TimerSpec nv = TRY(spec_in(value));
    time::TimerSpec prev = TRY(time::posix_timer_set(id, flags & LX_TIMER_ABSTIME, nv));
    if (old) TRY(spec_out(old, prev));
    return success();
}

Result<void> timer_gettime(int id, lx_itimerspec* value) {
    time::TimerSpec cur = TRY(time::posix_timer_get(id));
    return spec_out(value, cur);
}

Result<int> timer_getoverrun(int id) { return time::posix_timer_overrun(id); }

Result<void> timer_delete(int id) { return time::posix_timer_delete(id); }

}  // namespace ukp::sys
