// poll(2) and select(2) over the Notifier mechanism: one Watch per file
// that can change, one waiter for the whole call.
//
// The call holds a reference on every file it watches, so its watches are
// always removed by the call itself, never released under it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/base/result.hpp"

namespace ukp::event {

struct PollRequest {
    int fd;                  // < 0: ignored (revents 0)
    std::uint32_t events;    // LX_POLL* wanted (see PollMode)
    std::uint32_t revents;   // out
};

inline constexpr std::int64_t kPollNoWait = -2, kPollForever = -1;

// poll: POLLERR and POLLHUP always count, a closed fd gives POLLNVAL.
// select: exactly `events` count, a closed fd fails the call with EBADF.
enum class PollMode { poll, select };

// Waits until some request is ready, `deadline_ns` (a monotonic time, or
// kPollNoWait / kPollForever) passes, or a signal handler runs (LX_EINTR).
// Returns how many requests have revents != 0.
Result<int> poll_files(PollRequest* reqs, std::size_t n, std::int64_t deadline_ns, PollMode mode);

}  // namespace ukp::event
