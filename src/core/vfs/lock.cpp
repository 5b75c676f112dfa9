#include "core/vfs/lock.hpp"

#include "core/base/lock.hpp"
#include "core/base/wait_queue.hpp"

namespace ukp::vfs {

namespace {

bool overlaps(const RecordLock& l, std::int64_t start, std::int64_t end) {
    return l.start <= end && start <= l.end;
}

struct FlockEntry {
    const File* owner;
    bool exclusive;
};

}  // namespace

class LockState : public ArenaObject {
public:
    Mutex mu;
    WaitQueue wq;  // F_SETLKW, F_OFD_SETLKW and blocking flock wait here
    RecordSet records;
    std::pmr::vector<FlockEntry> flocks{mem::resource()};
};

void free_lock_state(LockState* s) { delete s; }

// ---- RecordSet ----

const RecordLock* RecordSet::test(const void* owner, LockKind kind, std::int64_t start,
                                  std::int64_t end) const {
    for (const RecordLock& l : locks_) {
        if (!overlaps(l, start, end)) continue;
        if (kind == LockKind::unlock) {
            if (l.owner == owner) return &l;
        } else if (l.owner != owner && (l.write || kind == LockKind::write)) {
            return &l;
        }
    }
    return nullptr;
}

void RecordSet::apply(const RecordLock& req, LockKind kind) {
    // The owner's locks are contiguous: [first, last).
    std::size_t first = 0;
    while (first < locks_.size() && locks_[first].owner != req.owner) ++first;
    std::size_t last = first;
    while (last < locks_.size() && locks_[last].owner == req.owner) ++last;

    // Rebuild the owner's run: everything outside the range stays (split
    // around it), then the new lock absorbs same-kind pieces that touch it.
    std::pmr::vector<RecordLock> run(mem::resource());
    run.reserve(last - first + 2);
    RecordLock fresh = req;
    fresh.write = kind == LockKind::write;
    bool add = kind != LockKind::unlock;
    bool placed = false;
    for (std::size_t i = first; i < last; ++i) {
        const RecordLock& l = locks_[i];
        if (l.start < req.start) {
            RecordLock left = l;
            if (left.end >= req.start) left.end = req.start - 1;
            if (add && left.write == fresh.write && left.end == req.start - 1) {
                fresh.start = left.start;  // merges with the new lock
            } else {
                run.push_back(left);
            }
        }
        if (l.end > req.end) {
            RecordLock right = l;
            if (right.start <= req.end) right.start = req.end + 1;  // req.end < kLockEnd here
            if (add && !placed) {
                if (right.write == fresh.write && right.start == req.end + 1) {
                    fresh.end = right.end;  // merges with the new lock
                    run.push_back(fresh);
                    placed = true;
                    continue;
                }
                run.push_back(fresh);
                placed = true;
            }
            run.push_back(right);
        }
    }
    if (add && !placed) run.push_back(fresh);

    std::size_t at = first;  // a new owner goes at the end (first == size)
    locks_.erase(locks_.begin() + static_cast<std::ptrdiff_t>(first),
                 locks_.begin() + static_cast<std::ptrdiff_t>(last));
    locks_.insert(locks_.begin() + static_cast<std::ptrdiff_t>(at), run.begin(), run.end());
}

bool RecordSet::remove_owner(const void* owner) {
    std::size_t before = locks_.size();
    std::erase_if(locks_, [owner](const RecordLock& l) { return l.owner == owner; });
    return locks_.size() != before;
}

// ---- deadlock detection ----
//
// Linux's posix_locks_deadlock: every POSIX owner blocked in F_SETLKW is
// noted with the owner of the lock it waits for; a new waiter whose chain
// of "waits for" leads back to itself would deadlock and gets EDEADLK.
// OFD owners are not processes and take no part (as on Linux). With one
// process today a POSIX owner never conflicts with itself, so no chain can
// close yet; the walk is here for when several processes share the kernel.
// Waiters live on their waiting thread's stack.
// TODO(#3): the list moves into the shared kernel state with processes.
namespace {

struct Waiter {
    const void* owner;
    const void* blocked_by;
    Waiter* next;
};

constexpr int kMaxDeadlockSteps = 10;  // Linux's MAX_DEADLK_ITERATIONS

Mutex g_waiters_lock;  // after every LockState::mu
Waiter* g_waiters = nullptr;

bool would_deadlock(const void* me, const void* blocker) {
    for (int step = 0; step < kMaxDeadlockSteps && blocker; ++step) {
        if (blocker == me) return true;
        const Waiter* w = g_waiters;
        while (w && (w->owner != blocker || !w->blocked_by)) w = w->next;
        if (!w) return false;
        blocker = w->blocked_by;
    }
    return false;
}

void unlink_waiter(Waiter* me) {
    for (Waiter** p = &g_waiters; *p; p = &(*p)->next) {
        if (*p == me) {
            *p = me->next;
            return;
        }
    }
}

LockState& state_of(Vnode& v) {
    LockState* s = v.lock_state.load(std::memory_order_acquire);
    if (s) return *s;
    auto* fresh = new LockState;
    if (v.lock_state.compare_exchange_strong(s, fresh, std::memory_order_acq_rel, std::memory_order_acquire))
        return *fresh;
    delete fresh;
    return *s;
}

}  // namespace

// ---- requests ----

bool test_record_lock(Vnode& v, const void* owner, LockKind kind, std::int64_t start, std::int64_t end,
                      RecordLock* out) {
    LockState* s = v.lock_state.load(std::memory_order_acquire);
    if (!s) return false;
    LockGuard g(s->mu);
    const RecordLock* c = s->records.test(owner, kind, start, end);
    if (!c) return false;
    *out = *c;
    return true;
}

Result<void> set_record_lock(Vnode& v, const RecordLock& req, LockKind kind, bool posix, bool wait) {
    if (kind == LockKind::unlock && !v.lock_state.load(std::memory_order_acquire)) return success();
    LockState& s = state_of(v);
    LockGuard g(s.mu);
    if (kind != LockKind::unlock && s.records.test(req.owner, kind, req.start, req.end)) {
        if (!wait) return LX_EAGAIN;
        Result<void> waited = success();
        if (posix) {
            Waiter me{req.owner, nullptr, nullptr};
            bool deadlock = false;
            {
                LockGuard wg(g_waiters_lock);
                me.next = g_waiters;
                g_waiters = &me;
            }
            waited = s.wq.wait(s.mu, [&] {
                const RecordLock* c = s.records.test(req.owner, kind, req.start, req.end);
                if (!c) return true;
                LockGuard wg(g_waiters_lock);
                if (would_deadlock(req.owner, c->owner)) {
                    deadlock = true;
                    return true;
                }
                me.blocked_by = c->owner;
                return false;
            });
            {
                LockGuard wg(g_waiters_lock);
                unlink_waiter(&me);
            }
            if (waited.ok() && deadlock) return LX_EDEADLK;
        } else {
            waited = s.wq.wait(s.mu, [&] { return !s.records.test(req.owner, kind, req.start, req.end); });
        }
        TRY(waited);
    }
    s.records.apply(req, kind);
    // Unlocks and downgrades may let waiters in; they re-check for themselves.
    s.wq.wake_all();
    return success();
}

Result<void> set_flock(Vnode& v, const File* owner, LockKind kind, bool wait) {
    if (kind == LockKind::unlock && !v.lock_state.load(std::memory_order_acquire)) return success();
    LockState& s = state_of(v);
    LockGuard g(s.mu);
    bool exclusive = kind == LockKind::write;
    for (std::size_t i = 0; i < s.flocks.size(); ++i) {
        if (s.flocks[i].owner != owner) continue;
        if (kind != LockKind::unlock && s.flocks[i].exclusive == exclusive) return success();
        // Linux drops the old lock before looking for conflicts: an upgrade
        // that has to wait (or fails) has lost the shared lock.
        s.flocks.erase(s.flocks.begin() + static_cast<std::ptrdiff_t>(i));
        s.wq.wake_all();
        break;
    }
    if (kind == LockKind::unlock) return success();
    auto conflicts = [&] {
        for (const FlockEntry& e : s.flocks)
            if (e.owner != owner && (e.exclusive || exclusive)) return true;
        return false;
    };
    if (conflicts()) {
        if (!wait) return LX_EAGAIN;
        TRY(s.wq.wait(s.mu, [&] { return !conflicts(); }));
    }
    s.flocks.push_back(FlockEntry{owner, exclusive});
    return success();
}

// ---- release hooks ----

void release_posix_locks_slow(Vnode& v, const void* process) {
    LockState* s = v.lock_state.load(std::memory_order_acquire);
    LockGuard g(s->mu);
    if (s->records.remove_owner(process)) s->wq.wake_all();
}

void release_file_locks_slow(Vnode& v, const File* f) {
    LockState* s = v.lock_state.load(std::memory_order_acquire);
    LockGuard g(s->mu);
    bool changed = s->records.remove_owner(f);
    std::size_t before = s->flocks.size();
    std::erase_if(s->flocks, [f](const FlockEntry& e) { return e.owner == f; });
    if (changed || s->flocks.size() != before) s->wq.wake_all();
}

}  // namespace ukp::vfs
