// File seals (memfd_create(2), fcntl(2) F_ADD_SEALS): what may still happen
// to a file's size and bytes. Enforced in regular.cpp (write, truncate,
// fallocate, chmod of exec bits) and by mmap (no shared writable mapping).
#include "core/fs/ramfs/ramfs.hpp"

namespace ukp::ramfs {

Result<unsigned> Regular::seals() {
    LockGuard g(lock_);
    return seals_;
}

Result<void> Regular::add_seals(unsigned seals) {
    constexpr unsigned kKnown = LX_F_SEAL_SEAL | LX_F_SEAL_SHRINK | LX_F_SEAL_GROW | LX_F_SEAL_WRITE |
                                LX_F_SEAL_FUTURE_WRITE | LX_F_SEAL_EXEC;
    if (seals & ~kKnown) return LX_EINVAL;
    LockGuard g(lock_);
    if (seals_ & LX_F_SEAL_SEAL) return LX_EPERM;
    // Stores through a shared writable mapping could not be stopped.
    if ((seals & LX_F_SEAL_WRITE) && !(seals_ & LX_F_SEAL_WRITE) && writably_mapped_locked()) return LX_EBUSY;
    seals_ |= seals;
    return success();
}

}  // namespace ukp::ramfs
