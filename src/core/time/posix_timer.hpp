// POSIX per-process timers (timer_create ...): a table of timers by id,
// each notifying by a signal to the process or one thread (SIGEV_SIGNAL,
// SIGEV_THREAD_ID), by nothing (SIGEV_NONE), or by running a function on a
// new thread per expiry (SIGEV_THREAD; glibc runs it on a helper thread of
// its own, ukp on a fresh kernel-started host thread with signals blocked).
//
// Overruns: the signal of a timer is not sent again while the previous one
// is still pending in the host; those expirations are counted instead and
// timer_getoverrun reports them once the signal has been taken (Linux counts
// up to delivery; here up to the first timer_getoverrun or expiry that finds
// the signal gone). The si_overrun of the signal itself counts only missed
// periods at sending time.
#pragma once

#include <cstdint>

#include "core/base/result.hpp"
#include "core/time/abi.hpp"

namespace ukp::time {

struct TimerSpec {
    std::int64_t value_ns;     // time left (0: disarmed)
    std::int64_t interval_ns;
};

// `sev` is the application's sigevent already copied in, or null.
Result<int> posix_timer_create(int clock, const lx_sigevent* sev);
// `abs`: value is an absolute time on the timer's clock.
Result<TimerSpec> posix_timer_set(int id, bool abs, const TimerSpec& spec);
Result<TimerSpec> posix_timer_get(int id);
Result<int> posix_timer_overrun(int id);
Result<void> posix_timer_delete(int id);

}  // namespace ukp::time
