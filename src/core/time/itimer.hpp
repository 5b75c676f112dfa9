// The process's ITIMER_REAL (setitimer, alarm): SIGALRM to the process at
// the deadline, then every interval.
#pragma once

#include <cstdint>

#include "core/base/result.hpp"

namespace ukp::time {

struct ITimerValue {
    std::int64_t value_ns;     // time left, 0 = disarmed
    std::int64_t interval_ns;  // period, 0 = one shot
};

// Arms (value 0: disarms) and returns the previous setting.
Result<ITimerValue> real_itimer_set(const ITimerValue& v);
ITimerValue real_itimer_get();

}  // namespace ukp::time
