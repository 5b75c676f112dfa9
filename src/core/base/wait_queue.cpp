#include "core/base/wait_queue.hpp"

#include "host/host.hpp"

namespace ukp {
namespace {

// How long a waiter spins before it parks. Waking a parked thread costs
// ~20 us here, a spinning one ~100 ns; but a spin that outlasts the peer's
// time slice only steals the CPU the peer needs (2 cores, many threads), so
// it is bounded in time, not in pause instructions (whose cost varies 10x
// between CPUs). It never yields: under load a sched_yield can cost a whole
// time slice, while a park is woken with the scheduler's wake-up preference.
constexpr std::int64_t kSpinNs = 3000;

// Spins until *seq differs from seen or the spin budget is used up.
bool spin_until_changed(const std::atomic<std::uint32_t>& seq, std::uint32_t seen) {
    std::int64_t until = -1;
    for (int i = 0;; ++i) {
        if (seq.load(std::memory_order_acquire) != seen) return true;
        if ((i & 15) == 15) {  // the clock costs ~20 ns: look at it now and then
            std::int64_t now = host::clock_monotonic();
            if (until < 0) until = now + kSpinNs;
            else if (now >= until) return false;
        }
        host::cpu_relax();
    }
}

}  // namespace

WaitQueue::SignalMark WaitQueue::signal_mark() {
    host::SignalCounts c = host::thread_signal_counts();
    return {c.all, c.no_restart};
}

std::uint32_t WaitQueue::prepare() { return seq_.load(std::memory_order_acquire); }

WaitQueue::Park WaitQueue::park(std::uint32_t seen, std::int64_t deadline_ns,
                                std::uint32_t signals_seen) {
    // A handler bumps seq_ to end the park, so this word is written by
    // signal handlers too: it is only ever an event count.
    auto* word = reinterpret_cast<std::uint32_t*>(&seq_);
    Park how = Park::woken;
    // Only a thread about to park counts as a waiter, so a wake while the
    // waiter still spins costs the waker no host call. The count goes up
    // before the last look at seq_ (both seq_cst, like the waker's bump and
    // load), and the host's park compares the word again itself.
    if (!spin_until_changed(seq_, seen)) {
        waiters_.fetch_add(1, std::memory_order_seq_cst);
        while (seq_.load(std::memory_order_seq_cst) == seen) {
            std::int64_t timeout = -1;
            if (deadline_ns >= 0) {
                timeout = deadline_ns - host::clock_monotonic();
                if (timeout <= 0) {
                    how = Park::timed_out;
                    break;
                }
            }
            if (host::wait_event(word, seen, timeout, signals_seen) == -LX_EINTR) {
                how = Park::interrupted;
                break;
            }
        }
        waiters_.fetch_sub(1, std::memory_order_relaxed);
    }
    // The spin, or a park that ended by the seq_ bump, may hide a handler.
    if (how == Park::woken && host::thread_signal_counts().all != signals_seen)
        how = Park::interrupted;
    tsan_acquire(this);
    return how;
}

Errno WaitQueue::interruption(const SignalMark& mark, std::int64_t deadline_ns, OnSignal on_signal) {
    host::SignalCounts now = host::thread_signal_counts();
    bool restartable = now.no_restart == mark.no_restart;
    if (on_signal == OnSignal::interrupt || deadline_ns >= 0 || !restartable) return LX_EINTR;
    if (on_signal == OnSignal::report) return LX_ERESTARTSYS;
    return static_cast<Errno>(0);
}

void WaitQueue::wake_all() {
    tsan_release(this);
    seq_.fetch_add(1, std::memory_order_seq_cst);
    if (waiters_.load(std::memory_order_seq_cst) != 0)
        host::wake(reinterpret_cast<const std::uint32_t*>(&seq_), 1 << 30);
}

void WaitQueue::wake_one() {
    tsan_release(this);
    seq_.fetch_add(1, std::memory_order_seq_cst);
    if (waiters_.load(std::memory_order_seq_cst) != 0)
        host::wake(reinterpret_cast<const std::uint32_t*>(&seq_), 1);
}

}  // namespace ukp
