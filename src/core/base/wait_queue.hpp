// WaitQueue: where a kernel call sleeps until some object changes (data in a
// pipe, a lock released). An event count: waiters note the sequence number,
// re-check their condition, then park on the number; wakers bump it. Spins a
// few microseconds before parking, because waking a parked thread costs
// ~20 us here and a spinning one ~100 ns.
//
// Signals: application threads are host threads, so a signal handler can run
// on a thread parked here. The wait then ends as Linux ends an interrupted
// sleep: LX_EINTR, or, when every handler that ran was installed with
// SA_RESTART, a restart (see OnSignal). Nothing extra happens when the
// condition is already true.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/base/lock.hpp"
#include "core/base/result.hpp"

namespace ukp {

// What a wait does when an application signal handler runs during it.
enum class OnSignal {
    // Linux's "restartable" calls (pipe/socket read and write without a
    // timeout, FIFO open, F_SETLKW, flock): only SA_RESTART handlers ran ->
    // keep waiting, which is the call restarting since it has done nothing
    // yet; otherwise LX_EINTR. With a deadline, always LX_EINTR (sockets with
    // SO_RCVTIMEO/SO_SNDTIMEO are not restarted either).
    restart,
    // Never restarted, whatever SA_RESTART says: poll, select, epoll_wait,
    // nanosleep, pause, sigsuspend, sigtimedwait, timerfd/signalfd reads...
    interrupt,
    // Callers with partial progress to report (a pipe write that moved some
    // bytes): LX_EINTR, or LX_ERESTARTSYS when only SA_RESTART handlers ran;
    // the caller returns what it moved, or waits again on LX_ERESTARTSYS.
    report,
};

class WaitQueue {
public:
    // Which handlers had run on this thread when a wait began.
    struct SignalMark {
        std::uint32_t all;
        std::uint32_t no_restart;
    };

    // Waits with `lock` held on entry and exit until ready() is true.
    // Returns LX_ETIMEDOUT if deadline_ns (monotonic, <0 = none) passes first,
    // LX_EINTR / LX_ERESTARTSYS when a signal handler interrupts (OnSignal).
    template <typename Lock, typename Ready>
    Result<void> wait(Lock& lock, Ready&& ready, std::int64_t deadline_ns = -1,
                      OnSignal on_signal = OnSignal::restart) {
        if (ready()) return success();
        SignalMark mark = signal_mark();
        do {
            std::uint32_t seen = prepare();
            lock.unlock();
            Park how = park(seen, deadline_ns, mark.all);
            lock.lock();
            if (how == Park::interrupted && !ready()) {
                Errno e = interruption(mark, deadline_ns, on_signal);
                if (e != 0) return e;
                mark = signal_mark();
            }
            if (how == Park::timed_out && !ready()) return LX_ETIMEDOUT;
        } while (!ready());
        return success();
    }

    void wake_all();
    void wake_one();

    // The handlers run on the calling thread so far (for waits that do not
    // park here, like a sleep on its own queue).
    static SignalMark signal_mark();

private:
    enum class Park { woken, timed_out, interrupted };

    std::uint32_t prepare();
    Park park(std::uint32_t seen, std::int64_t deadline_ns, std::uint32_t signals_seen);
    // The error for a wait interrupted since `mark`, or 0 to keep waiting.
    static Errno interruption(const SignalMark& mark, std::int64_t deadline_ns, OnSignal on_signal);

    std::atomic<std::uint32_t> seq_{0};
    std::atomic<std::uint32_t> waiters_{0};
};

}  // namespace ukp
