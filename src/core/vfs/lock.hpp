// File locks: POSIX record locks (fcntl F_SETLK...), OFD locks
// (F_OFD_SETLK...) and flock(2) locks, as Linux keeps them.
//
// Owners. A POSIX lock belongs to a process (the Process*), an OFD lock and
// a flock lock to an open file description (the File*). A lock never
// conflicts with one of its own owner's. POSIX and OFD locks share one byte
// range space per file (a process's POSIX lock conflicts with an OFD lock,
// even one of its own descriptions); flock locks are a separate space.
//
// Release rules (callers in sys/ and File):
//  - closing ANY fd of a file drops the process's POSIX locks on it
//    (release_posix_locks, from close and dup2/dup3);
//  - the last reference of an open file description drops its OFD and
//    flock locks (release_file_locks, from File::last_ref_dropped).
//
// State. A Vnode's lock_state is null until the first lock request, so the
// release hooks cost one load for files that were never locked. It holds
// one Mutex (after the Vnode's own locks in the lock order; nothing else is
// taken under it but the deadlock graph's lock) and one WaitQueue that
// every F_SETLKW / F_OFD_SETLKW / blocking flock waits on; any change wakes
// them all to look again.
#pragma once

#include <cstdint>
#include <memory_resource>
#include <vector>

#include "core/base/result.hpp"
#include "core/mem/arena.hpp"
#include "core/vfs/file.hpp"
#include "core/vfs/vnode.hpp"

namespace ukp::vfs {

// OFFSET_MAX: the end of a lock that runs "to EOF and beyond" (l_len 0).
inline constexpr std::int64_t kLockEnd = INT64_MAX;

enum class LockKind : std::uint8_t { read, write, unlock };

struct RecordLock {
    const void* owner = nullptr;
    std::int64_t start = 0;
    std::int64_t end = 0;   // inclusive
    std::int32_t pid = 0;   // what F_GETLK reports: the pid for POSIX, -1 for OFD
    bool write = false;
};

// One file's POSIX and OFD locks, with Linux's merge and split rules and
// its order: each owner's locks are contiguous and sorted by start, the
// owners in the order they first took a lock (so "the first conflicting
// lock" is Linux's). Same-kind locks of one owner never overlap or touch:
// they are merged. Not thread-safe (LockState guards it); unit-testable.
class RecordSet {
public:
    RecordSet() : locks_(mem::resource()) {}

    // The first lock that conflicts with `owner` wanting `kind` over
    // [start, end]: another owner's overlapping lock, one of the two a
    // write. For LockKind::unlock (F_OFD_GETLK with F_UNLCK, Linux 6.10+),
    // the first of owner's own locks that overlaps. Null when none.
    const RecordLock* test(const void* owner, LockKind kind, std::int64_t start, std::int64_t end) const;
    // Sets [req.start, req.end] of req.owner to `kind` (no conflict check):
    // trims and splits the owner's other-kind locks, merges same-kind ones
    // that overlap or touch, removes the range for unlock.
    void apply(const RecordLock& req, LockKind kind);
    // Drops every lock of `owner`; true if there was one.
    bool remove_owner(const void* owner);

    const std::pmr::vector<RecordLock>& locks() const { return locks_; }

private:
    std::pmr::vector<RecordLock> locks_;
};

// ---- requests (sys/ calls these with the vnode of the locked file) ----

// F_GETLK / F_OFD_GETLK: copies the first conflicting lock to *out and
// returns true, or returns false when the request could be granted.
bool test_record_lock(Vnode& v, const void* owner, LockKind kind, std::int64_t start, std::int64_t end,
                      RecordLock* out);
// F_SETLK(W) / F_OFD_SETLK(W): `req` names owner, range and pid. Without
// `wait`, a conflict is LX_EAGAIN; with it, waits (the WaitQueue's errors,
// e.g. LX_EINTR, come back as they are). `posix` owners take part in
// deadlock detection: LX_EDEADLK when waiting would close a cycle of
// processes each waiting for the next.
Result<void> set_record_lock(Vnode& v, const RecordLock& req, LockKind kind, bool posix, bool wait);
// flock(2) for the open file description `owner`. Changing a lock's kind
// drops the old one first (not atomic, as on Linux).
Result<void> set_flock(Vnode& v, const File* owner, LockKind kind, bool wait);

// ---- release hooks ----

void release_posix_locks_slow(Vnode& v, const void* process);
void release_file_locks_slow(Vnode& v, const File* f);

// An fd of `f` was closed (close, or dup2/dup3 replacing it): `process`
// loses its POSIX locks on the file, whichever fd took them.
inline void release_posix_locks(const File& f, const void* process) {
    Vnode* v = f.vnode().get();
    if (v && v->lock_state.load(std::memory_order_acquire)) release_posix_locks_slow(*v, process);
}
// The last reference of `f` went: its OFD and flock locks go with it.
inline void release_file_locks(const File& f) {
    Vnode* v = f.vnode().get();
    if (v && v->lock_state.load(std::memory_order_acquire)) release_file_locks_slow(*v, &f);
}

// Frees a vnode's lock state (from ~Vnode: no File refers to it any more).
void free_lock_state(LockState* s);

}  // namespace ukp::vfs
