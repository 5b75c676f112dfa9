// WaitQueue: where a kernel call sleeps until some object changes (data in a
// pipe, a lock released). An event count: waiters note the sequence number,
// re-check their condition, then park on the number; wakers bump it. Spins a
// few microseconds before parking, because waking a parked thread costs
// ~20 us here and a spinning one ~100 ns.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/base/lock.hpp"
#include "core/base/result.hpp"

namespace ukp {

class WaitQueue {
public:
    // Waits with `lock` held on entry and exit until ready() is true.
    // Returns LX_ETIMEDOUT if deadline_ns (monotonic, <0 = none) passes first.
    template <typename Lock, typename Ready>
    Result<void> wait(Lock& lock, Ready&& ready, std::int64_t deadline_ns = -1) {
        while (!ready()) {
            std::uint32_t seen = prepare();
            lock.unlock();
            bool timed_out = !park(seen, deadline_ns);
            lock.lock();
            if (timed_out && !ready()) return LX_ETIMEDOUT;
        }
        return success();
    }

    void wake_all();
    void wake_one();

private:
    std::uint32_t prepare();
    // Returns false when the deadline passed.
    bool park(std::uint32_t seen, std::int64_t deadline_ns);

    std::atomic<std::uint32_t> seq_{0};
    std::atomic<std::uint32_t> waiters_{0};
};

}  // namespace ukp
