// Arguments every waiting event syscall shares: timeouts turned into
// deadlines, and the signal mask put on the thread for one wait.
#pragma once

#include <cstdint>

#include "core/base/result.hpp"
#include "core/base/uaccess.hpp"
#include "core/base/wait_queue.hpp"
#include "core/event/abi.hpp"
#include "core/event/poll.hpp"
#include "host/host.hpp"

namespace ukp::event {

// Milliseconds as poll/epoll_wait take them: < 0 forever, 0 no wait.
inline std::int64_t deadline_from_ms(int ms) {
    if (ms < 0) return kPollForever;
    if (ms == 0) return kPollNoWait;
    return host::clock_monotonic() + std::int64_t{ms} * 1'000'000;
}

inline std::int64_t deadline_from_ns(std::int64_t sec, std::int64_t nsec) {
    if (sec == 0 && nsec == 0) return kPollNoWait;
    constexpr std::int64_t kMaxSec = (INT64_MAX / 1'000'000'000) - 1;
    if (sec >= kMaxSec) return kPollForever;  // beyond the clock's range
    std::int64_t now = host::clock_monotonic();
    std::int64_t rel = sec * 1'000'000'000 + nsec;
    return rel > INT64_MAX - now ? kPollForever : now + rel;
}

// A timespec from the application: null forever, EINVAL unless valid.
inline Result<std::int64_t> deadline_from_timespec(const lx_timespec* app_ts) {
    if (!app_ts) return kPollForever;
    lx_timespec ts;
    TRY(copy_in(ts, app_ts));
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1'000'000'000) return LX_EINVAL;
    return deadline_from_ns(ts.tv_sec, ts.tv_nsec);
}

// The *pwait signal mask: set for the scope, the old one back after. A
// handler that runs while the mask is in place (one that was pending and
// the mask unblocks runs at once, before any wait starts) makes the call
// fail with EINTR when nothing was ready, as the wait itself would.
class SigmaskScope {
public:
    SigmaskScope() : mark_(WaitQueue::signal_mark()) {}
    ~SigmaskScope() {
        if (active_) host::thread_sigmask(&old_, nullptr);
    }
    SigmaskScope(const SigmaskScope&) = delete;
    SigmaskScope& operator=(const SigmaskScope&) = delete;

    Result<void> apply(const void* app_mask, std::size_t size) {
        if (!app_mask) return success();
        if (size != LX_SIGSET_SIZE) return LX_EINVAL;
        std::uint64_t mask;
        TRY(copy_in(mask, app_mask));
        mark_ = WaitQueue::signal_mark();
        if (host::thread_sigmask(&mask, &old_) != 0) return LX_EINVAL;
        active_ = true;
        return success();
    }
    // A handler already ran (a pending signal the mask unblocked): the call
    // polls once and does not wait, as Linux checks signal_pending first.
    bool interrupted() const { return active_ && WaitQueue::signal_mark().all != mark_.all; }
    // The deadline to wait with: `deadline`, or no wait once interrupted.
    std::int64_t deadline(std::int64_t deadline) const { return interrupted() ? kPollNoWait : deadline; }
    // What the call returns: its result, or EINTR when it found nothing and
    // a handler ran under the mask.
    Result<int> finish(Result<int> r) const {
        if (active_ && r.ok() && *r == 0 && WaitQueue::signal_mark().all != mark_.all) return LX_EINTR;
        return r;
    }

private:
    WaitQueue::SignalMark mark_;
    std::uint64_t old_ = 0;
    bool active_ = false;
};

}  // namespace ukp::event
