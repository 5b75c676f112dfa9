// File: an open file description (what open(2) creates and dup(2) shares).
//
// It carries the access mode, the status flags and the offset, shared by
// every fd that refers to it. Every open thing (regular files, directories,
// devices, and later pipes and sockets) derives from File; the defaults
// below return Linux's errno for a file that cannot do the operation.
// Buffers are application memory; implementations copy with uaccess.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "core/base/lock.hpp"
#include "core/base/ref.hpp"
#include "core/base/result.hpp"
#include "core/event/notifier.hpp"
#include "core/vfs/path.hpp"
#include "core/vfs/types.hpp"
#include "core/vfs/vnode.hpp"

namespace ukp::vfs {

class File : public RefCounted {
public:
    // `flags` are the open(2) flags after the open-time ones are consumed.
    File(Ref<Vnode> vnode, int flags) : vnode_(std::move(vnode)), flags_(flags) {}

    const Ref<Vnode>& vnode() const { return vnode_; }
    // Where it was opened (for fchdir, *at with a dirfd, /proc/self/fd).
    const PathRef& path() const { return path_; }
    // Non-directories have no ".." to walk up from, so a name for
    // /proc/self/fd is kept as the directory they were opened in plus their name.
    const PathRef& parent_dir() const { return parent_dir_; }
    std::string_view name() const { return name_; }
    void set_path(PathRef p, PathRef parent_dir = {}, std::string_view name = {}) {
        path_ = std::move(p);
        parent_dir_ = std::move(parent_dir);
        name_.assign(name);
    }

    int flags() const { return flags_.load(std::memory_order_relaxed); }
    int access_mode() const { return flags() & LX_O_ACCMODE; }
    bool readable() const { return !(flags() & LX_O_PATH) && access_mode() != LX_O_WRONLY; }
    bool writable() const {
        int m = access_mode();
        return !(flags() & LX_O_PATH) && (m == LX_O_WRONLY || m == LX_O_RDWR);
    }
    // F_SETFL: only O_APPEND, O_NONBLOCK, O_ASYNC, O_DIRECT, O_NOATIME change.
    void set_status_flags(int f);

    virtual Result<std::size_t> read(void* buf, std::size_t n);
    virtual Result<std::size_t> write(const void* buf, std::size_t n);
    // readv/writev at the file position: `iov` is a kernel copy of the
    // application's array (bases are application pointers, the total fits
    // MAX_RW_COUNT). The default does one read/write per segment until one
    // comes up short, like Linux's fallback; pipes and sockets override
    // them so that one vectored call is one transfer (PIPE_BUF atomicity).
    virtual Result<std::size_t> readv(const lx_iovec* iov, int count);
    virtual Result<std::size_t> writev(const lx_iovec* iov, int count);
    virtual Result<std::size_t> pread(void*, std::size_t, std::int64_t) { return LX_ESPIPE; }
    virtual Result<std::size_t> pwrite(const void*, std::size_t, std::int64_t) { return LX_ESPIPE; }
    virtual Result<std::int64_t> seek(std::int64_t, int) { return LX_ESPIPE; }
    // getdents64 into an application buffer; bytes filled, 0 at the end.
    virtual Result<std::size_t> getdents(void*, std::size_t) { return LX_ENOTDIR; }
    virtual Result<long> ioctl(unsigned long, void*) { return LX_ENOTTY; }
    // Linux answers EINVAL for files without fsync (pipes, sockets, ttys, /dev/null).
    virtual Result<void> fsync() { return LX_EINVAL; }
    // Bytes readable without blocking (FIONREAD).
    virtual Result<std::int64_t> readable_bytes() { return LX_ENOTTY; }

    // Readiness (core/event/notifier.hpp): the LX_POLL* bits true now, and
    // the Notifier that announces changes. No notifier means the state never
    // changes: always readable and writable, like a regular file (epoll
    // refuses such files with EPERM, poll reports them ready).
    virtual std::uint32_t poll_mask() {
        return LX_POLLIN | LX_POLLRDNORM | LX_POLLOUT | LX_POLLWRNORM;
    }
    virtual event::Notifier* notifier() { return nullptr; }

protected:
    // Detaches poll and epoll watches while the file is still whole.
    void last_ref_dropped() override;

    Ref<Vnode> vnode_;
    PathRef path_;
    PathRef parent_dir_;
    String name_{mem::resource()};
    std::atomic<int> flags_;
};

// lseek's arithmetic for SEEK_SET/CUR/END, shared by every seekable File:
// the new position, EINVAL for a negative one or another whence,
// EOVERFLOW when it does not fit.
Result<std::int64_t> seek_target(std::int64_t pos, std::int64_t size, std::int64_t off, int whence);

// The File that regular files, directories and symlinks (O_PATH) get: reads
// and writes go to the vnode at the shared offset.
class VnodeFile : public File {
public:
    using File::File;
    Result<std::size_t> read(void* buf, std::size_t n) override;
    Result<std::size_t> write(const void* buf, std::size_t n) override;
    Result<std::size_t> pread(void* buf, std::size_t n, std::int64_t off) override;
    Result<std::size_t> pwrite(const void* buf, std::size_t n, std::int64_t off) override;
    Result<std::int64_t> seek(std::int64_t off, int whence) override;
    Result<std::size_t> getdents(void* buf, std::size_t n) override;
    Result<std::int64_t> readable_bytes() override;
    Result<void> fsync() override { return vnode_->fsync(); }

private:
    Mutex pos_lock_;  // serialises offset updates (read/write/lseek/getdents)
    std::int64_t pos_ = 0;
};

}  // namespace ukp::vfs
