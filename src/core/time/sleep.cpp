#include "core/time/sleep.hpp"

#include "core/base/wait_queue.hpp"

namespace ukp::time {
namespace {
struct NoLock {
    void lock() {}
    void unlock() {}
};
}  // namespace

Result<void> sleep_until(std::int64_t deadline_ns) {
    WaitQueue wq;
    NoLock lock;
    Result<void> r = wq.wait(lock, [] { return false; }, deadline_ns, OnSignal::interrupt);
    if (!r.ok() && r.error() == LX_ETIMEDOUT) return success();
    return r;
}

}  // namespace ukp::time
