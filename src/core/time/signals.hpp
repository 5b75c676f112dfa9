// Signals the kernel sends: from the application (kill, tgkill, sigqueue,
// raise) and from timers. They are host signals (application threads are
// host threads, their masks and handlers are the host's); what the kernel
// adds is telling signalfd watchers that something may be pending now.
//
// Pending signals stay in the host: sigpending, sigwaitinfo and
// sigtimedwait (host calls) and signalfd reads (host::signal_take) all see
// the same set. A signal sent from outside the process (kill from a shell)
// is seen by the next signalfd read or poll, but does not wake an epoll_wait
// already asleep (no one inside the kernel saw it arrive).
#pragma once

#include <cstdint>

#include "core/base/result.hpp"
#include "core/event/notifier.hpp"
#include "core/time/abi.hpp"

namespace ukp::time {

// Sends sig (0: only check) to host process pid (kill's rules), or its
// thread tid when tid > 0; `info` may be null. Then wakes signalfd watchers.
Result<void> send_signal(std::int32_t pid, std::int32_t tid, int sig, const lx_siginfo* info);

// The Notifier every signalfd shares: POLLIN may have become true.
event::Notifier& signal_notifier();

}  // namespace ukp::time
