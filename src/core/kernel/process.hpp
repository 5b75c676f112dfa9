// Process: the state a POSIX process keeps in the kernel: descriptors, root
// and working directory, umask, credentials. One per host process for now;
// the multi-process mode will have several in one arena.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/base/lock.hpp"
#include "core/vfs/fd_table.hpp"
#include "core/vfs/path.hpp"
#include "core/vfs/types.hpp"

namespace ukp {

class Process : public ArenaObject {
public:
    vfs::FdTable& fds() { return fds_; }

    vfs::PathRef root() const {
        LockGuard g(fs_lock_);
        return root_;
    }
    vfs::PathRef cwd() const {
        LockGuard g(fs_lock_);
        return cwd_;
    }
    void set_root(vfs::PathRef p) {
        LockGuard g(fs_lock_);
        root_ = std::move(p);
    }
    void set_cwd(vfs::PathRef p) {
        LockGuard g(fs_lock_);
        cwd_ = std::move(p);
    }

    // RLIMIT_NOFILE: the soft limit lives in the fd table, which enforces it.
    void set_file_limits(std::uint64_t soft, std::uint64_t hard) {
        LockGuard g(fs_lock_);
        fds_.set_limit(soft);
        nofile_max_ = hard;
    }
    void file_limits(std::uint64_t* soft, std::uint64_t* hard) const {
        LockGuard g(fs_lock_);
        *soft = fds_.limit();
        *hard = nofile_max_;
    }

    std::uint32_t umask() const { return umask_.load(std::memory_order_relaxed); }
    std::uint32_t exchange_umask(std::uint32_t m) { return umask_.exchange(m & 0777); }

    // Credentials change rarely; readers take a copy.
    vfs::Cred cred() const {
        LockGuard g(fs_lock_);
        return cred_;
    }
    void set_cred(const vfs::Cred& c) {
        LockGuard g(fs_lock_);
        cred_ = c;
    }

    // A walk starting at the cwd or, when dirfd is not AT_FDCWD, at that
    // directory (ENOTDIR if it is not one, EBADF if not open). Absolute
    // paths ignore the start.
    struct WalkCtx {
        vfs::Walk walk;
        vfs::Cred cred;
    };
    Result<void> walk_from(int dirfd, std::string_view path, WalkCtx& out);

private:
    vfs::FdTable fds_;
    mutable Mutex fs_lock_;  // root_, cwd_, cred_
    vfs::PathRef root_, cwd_;
    vfs::Cred cred_;
    std::atomic<std::uint32_t> umask_{022};
    std::uint64_t nofile_max_ = 4096;  // guarded by fs_lock_
};

}  // namespace ukp
