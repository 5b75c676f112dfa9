#pragma once

#include "core/abi/linux.hpp"
#include "host/host.hpp"

namespace ukp {

inline lx_timespec to_timespec(std::int64_t ns) {
    return {ns / 1'000'000'000, ns % 1'000'000'000};
}
// The wall clock as file timestamps record it: coarse, like Linux's.
inline lx_timespec now_timespec() { return to_timespec(host::clock_realtime_coarse()); }
inline bool operator<(const lx_timespec& a, const lx_timespec& b) {
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}
inline bool operator<=(const lx_timespec& a, const lx_timespec& b) { return !(b < a); }

}  // namespace ukp
