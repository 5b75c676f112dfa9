// How a signal handler ends a wait_event park on this host (internal to the
// host layer; wait.cpp of each host defines these).
#pragma once

#include <cstdint>

namespace ukp::host {

// Wakes the waiters of `word` from inside a signal handler, if the host's
// wake is async-signal-safe (the futex); otherwise does nothing.
void signal_wake(const std::uint32_t* word);
// 0 when signal_wake works; otherwise how long (ns) wait_event parks at most
// before it looks at the thread's signal count again.
std::int64_t signal_wait_slice();

}  // namespace ukp::host
