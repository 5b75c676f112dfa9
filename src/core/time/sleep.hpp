// Sleeping: a wait on a private queue that only the deadline or a signal
// handler ends (nanosleep is never restarted, whatever SA_RESTART says).
#pragma once

#include <cstdint>

#include "core/base/result.hpp"

namespace ukp::time {

// Sleeps until the CLOCK_MONOTONIC deadline. LX_EINTR if a handler ran.
Result<void> sleep_until(std::int64_t deadline_ns);

}  // namespace ukp::time
