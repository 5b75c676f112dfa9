#include <time.h>

#include "../host.hpp"

namespace ukp::host {
namespace {
std::int64_t read_clock(clockid_t id) {
    timespec ts;
    clock_gettime(id, &ts);
    return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}
}  // namespace

std::int64_t clock_monotonic() { return read_clock(CLOCK_MONOTONIC); }
std::int64_t clock_realtime() { return read_clock(CLOCK_REALTIME); }
std::int64_t clock_realtime_coarse() {
#ifdef CLOCK_REALTIME_COARSE
    return read_clock(CLOCK_REALTIME_COARSE);
#else
    return read_clock(CLOCK_REALTIME);
#endif
}

}  // namespace ukp::host
