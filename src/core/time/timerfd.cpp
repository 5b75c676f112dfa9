#include "core/time/timerfd.hpp"

#include "core/base/uaccess.hpp"
#include "core/time/clock.hpp"

namespace ukp::time {

void TimerFdClock::expired(std::int64_t now) {
    LockGuard g(lock_);
    if (deadline_ == 0 || expired_ || deadline_ > now) return;
    ++ticks_;
    if (interval_ > 0)
        expired_ = true;
    else
        deadline_ = 0;
    notifier_.notify(LX_POLLIN);
    readers_.wake_all();
}

void TimerFdClock::forward(std::int64_t now) {
    if (!expired_) return;
    expired_ = false;
    std::int64_t periods = now >= deadline_ ? (now - deadline_) / interval_ + 1 : 1;
    ticks_ += static_cast<std::uint64_t>(periods - 1);
    deadline_ += periods * interval_;
    (void)TimerQueue::global().arm(this, deadline_);
}

TimerFd::TimerFd(Ref<vfs::Vnode> node, int flags, int clock)
    : File(std::move(node), flags), clock_(make_ref<TimerFdClock>(clock)) {}

TimerFd::~TimerFd() { TimerQueue::global().cancel(clock_.get()); }

Result<std::size_t> TimerFd::read(void* buf, std::size_t n) {
    if (n < sizeof(std::uint64_t)) return LX_EINVAL;
    TimerFdClock& c = *clock_;
    std::uint64_t ticks;
    {
        LockGuard g(c.lock_);
        if (c.ticks_ == 0) {
            if (flags() & LX_O_NONBLOCK) return LX_EAGAIN;
            // Linux restarts a timerfd read under SA_RESTART.
            TRY(c.readers_.wait(c.lock_, [&] { return c.ticks_ != 0; }));
        }
        c.forward(mono_now());
        ticks = c.ticks_;
        c.ticks_ = 0;
    }
    TRY(copy_out(buf, ticks));
    return sizeof ticks;
}

std::uint32_t TimerFd::poll_mask() {
    LockGuard g(clock_->lock_);
    return clock_->ticks_ ? LX_POLLIN : 0;
}

void TimerFd::get_locked(std::int64_t now, std::int64_t* value, std::int64_t* interval) {
    TimerFdClock& c = *clock_;
    c.forward(now);
    *interval = c.interval_;
    *value = c.deadline_ == 0 ? 0 : (c.deadline_ > now ? c.deadline_ - now : 0);
}

Result<void> TimerFd::settime(bool abs, std::int64_t value_ns, std::int64_t interval_ns,
                              std::int64_t* old_value, std::int64_t* old_interval) {
    TimerFdClock& c = *clock_;
    if (value_ns) TRY(TimerQueue::global().start());
    LockGuard g(c.lock_);
    std::int64_t now = mono_now();
    get_locked(now, old_value, old_interval);
    c.ticks_ = 0;
    c.expired_ = false;
    c.interval_ = interval_ns;
    if (value_ns == 0) {
        c.deadline_ = 0;
        TimerQueue::global().cancel(&c);
        return success();
    }
    c.deadline_ = abs ? mono_deadline(c.clock_, value_ns) : now + value_ns;
    if (c.deadline_ <= 0) c.deadline_ = 1;
    return TimerQueue::global().arm(&c, c.deadline_);
}

void TimerFd::gettime(std::int64_t* value, std::int64_t* interval) {
    LockGuard g(clock_->lock_);
    get_locked(mono_now(), value, interval);
}

}  // namespace ukp::time
