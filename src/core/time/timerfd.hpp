// timerfd: a timer read as a file. read() returns the number of expirations
// since the last read or settime (8 bytes), blocking at 0; POLLIN while it
// is not 0. As on Linux, a periodic timer that expired is re-armed only
// when read or asked its time (the periods in between are counted then),
// so an unread timerfd wakes edge-triggered epoll once. The clock half (TimerFdClock) is what the timer queue holds; the
// file holds the clock and takes it off the queue when it closes.
//
// Lock order: TimerFdClock::lock_ -> notifier lock, -> timer queue lock.
#pragma once

#include <cstdint>

#include "core/base/lock.hpp"
#include "core/base/wait_queue.hpp"
#include "core/event/notifier.hpp"
#include "core/time/abi.hpp"
#include "core/time/timer_queue.hpp"
#include "core/vfs/file.hpp"

namespace ukp::time {

struct TimerSpec;

class TimerFdClock final : public Timer {
public:
    explicit TimerFdClock(int clock) : clock_(clock) {}
    void expired(std::int64_t now) override;
    // Counts the periods since the expiry and re-arms (lock_ held).
    void forward(std::int64_t now);

    int clock_;
    Mutex lock_;
    std::int64_t deadline_ = 0;  // CLOCK_MONOTONIC; 0 = disarmed
    std::int64_t interval_ = 0;
    std::uint64_t ticks_ = 0;
    bool expired_ = false;  // periodic, expired, not re-armed yet
    WaitQueue readers_;
    event::Notifier notifier_;
};

class TimerFd final : public vfs::File {
public:
    TimerFd(Ref<vfs::Vnode> node, int flags, int clock);
    ~TimerFd() override;

    Result<std::size_t> read(void* buf, std::size_t n) override;
    Result<std::size_t> write(const void*, std::size_t) override { return LX_EINVAL; }
    // Linux's noop_llseek: the position stays 0.
    Result<std::int64_t> seek(std::int64_t, int) override { return 0; }
    std::uint32_t poll_mask() override;
    event::Notifier* notifier() override { return &clock_->notifier_; }

    // timerfd_settime / timerfd_gettime: values in ns, as TimerSpec.
    Result<void> settime(bool abs, std::int64_t value_ns, std::int64_t interval_ns,
                         std::int64_t* old_value, std::int64_t* old_interval);
    void gettime(std::int64_t* value, std::int64_t* interval);

private:
    void get_locked(std::int64_t now, std::int64_t* value, std::int64_t* interval);
    Ref<TimerFdClock> clock_;
};

}  // namespace ukp::time
