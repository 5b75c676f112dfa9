// Clocks as the time system calls name them, and conversions between the
// application's timespec/timeval and kernel nanoseconds.
#pragma once

#include <cstdint>

#include "core/base/result.hpp"
#include "core/time/abi.hpp"

namespace ukp::time {

inline constexpr std::int64_t kNsPerSec = 1'000'000'000;

// Which clocks a sleep or a timer may use: Linux accepts REALTIME,
// MONOTONIC, BOOTTIME (and TAI, *_ALARM for some calls); ukp runs
// BOOTTIME and the ALARM clocks as MONOTONIC/REALTIME (no suspend here).
bool is_wall_clock(int clock);
bool timer_clock_ok(int clock);
// The clock's "now", in ns.
std::int64_t now(int clock);
std::int64_t mono_now();

// A valid timespec (Linux's timespec64_valid): tv_sec >= 0, 0 <= nsec < 1e9.
Result<std::int64_t> ns_of(const lx_timespec& ts);
Result<std::int64_t> ns_of(const lx_timeval& tv);
lx_timespec timespec_of(std::int64_t ns);
lx_timeval timeval_of(std::int64_t ns);

// A CLOCK_MONOTONIC deadline for an absolute time on `clock`.
std::int64_t mono_deadline(int clock, std::int64_t abs_ns);

}  // namespace ukp::time
