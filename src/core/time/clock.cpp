#include "core/time/clock.hpp"

#include "host/host.hpp"

namespace ukp::time {

bool is_wall_clock(int clock) {
    return clock == LX_CLOCK_REALTIME || clock == LX_CLOCK_REALTIME_ALARM ||
           clock == LX_CLOCK_REALTIME_COARSE || clock == LX_CLOCK_TAI;
}

bool timer_clock_ok(int clock) {
    return clock == LX_CLOCK_REALTIME || clock == LX_CLOCK_MONOTONIC || clock == LX_CLOCK_BOOTTIME ||
           clock == LX_CLOCK_REALTIME_ALARM || clock == LX_CLOCK_BOOTTIME_ALARM;
}

std::int64_t mono_now() { return host::clock_monotonic(); }

std::int64_t now(int clock) { return is_wall_clock(clock) ? host::clock_realtime() : host::clock_monotonic(); }

Result<std::int64_t> ns_of(const lx_timespec& ts) {
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= kNsPerSec) return LX_EINVAL;
    if (ts.tv_sec >= INT64_MAX / kNsPerSec - 1) return INT64_MAX / 2;  // "forever"
    return ts.tv_sec * kNsPerSec + ts.tv_nsec;
}

Result<std::int64_t> ns_of(const lx_timeval& tv) {
    if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1'000'000) return LX_EINVAL;
    if (tv.tv_sec >= INT64_MAX / kNsPerSec - 1) return INT64_MAX / 2;
    return tv.tv_sec * kNsPerSec + tv.tv_usec * 1000;
}

lx_timespec timespec_of(std::int64_t ns) { return {ns / kNsPerSec, ns % kNsPerSec}; }

lx_timeval timeval_of(std::int64_t ns) { return {ns / kNsPerSec, (ns % kNsPerSec) / 1000}; }

std::int64_t mono_deadline(int clock, std::int64_t abs_ns) {
    if (!is_wall_clock(clock)) return abs_ns;
    std::int64_t mono = host::clock_monotonic();
    return mono + (abs_ns - host::clock_realtime());
}

}  // namespace ukp::time
