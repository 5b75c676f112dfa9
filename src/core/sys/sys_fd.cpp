// Descriptor calls: dup/dup2/dup3, fcntl, ioctl.
#include "core/ipc/pipe.hpp"
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "core/vfs/lock.hpp"
#include "core/vfs/perm.hpp"

namespace ukp::sys {
namespace {

// struct flock, x86-64 layout.
struct LxFlock {
    std::int16_t l_type;
    std::int16_t l_whence;
    std::int64_t l_start;
    std::int64_t l_len;
    std::int32_t l_pid;
    std::int32_t pad;
};
static_assert(sizeof(LxFlock) == 32);
constexpr std::int16_t kRdlck = 0, kWrlck = 1, kUnlck = 2;
constexpr int kFGetlease = 1025, kFSetlease = 1024;
constexpr unsigned long kFioasync = 0x5452, kFioqsize = 0x5460, kFigetbsz = 2;

// fcntl commands that O_PATH descriptors accept (Linux's check_fcntl_cmd).
bool path_fd_ok(int cmd) {
    return cmd == LX_F_DUPFD || cmd == LX_F_DUPFD_CLOEXEC || cmd == LX_F_GETFD || cmd == LX_F_SETFD ||
           cmd == LX_F_GETFL;
}

// The byte range [start, end] a struct flock names (Linux's
// flock64_to_posix_lock): whence, overflow and negative lengths.
Result<void> lock_range(vfs::File& f, const LxFlock& l, std::int64_t& start, std::int64_t& end) {
    std::int64_t base;
    switch (l.l_whence) {
        case LX_SEEK_SET: base = 0; break;
        case LX_SEEK_CUR: {
            // Files that cannot seek sit at offset 0, as f_pos does on Linux.
            Result<std::int64_t> pos = f.seek(0, LX_SEEK_CUR);
            base = pos.ok() ? *pos : 0;
            break;
        }
        case LX_SEEK_END: base = f.vnode() ? f.vnode()->getattr().size : 0; break;
        default: return LX_EINVAL;
    }
    if (l.l_start > vfs::kLockEnd - base) return LX_EOVERFLOW;
    start = base + l.l_start;
    if (start < 0) return LX_EINVAL;
    if (l.l_len > 0) {
        if (l.l_len - 1 > vfs::kLockEnd - start) return LX_EOVERFLOW;
        end = start + (l.l_len - 1);
    } else if (l.l_len < 0) {
        if (start + l.l_len < 0) return LX_EINVAL;  // start >= 0: cannot overflow
        end = start - 1;
        start += l.l_len;
    } else {
        end = vfs::kLockEnd;
    }
    return success();
}

// fcntl's record-lock commands: POSIX locks owned by the process, OFD locks
// owned by the open file description (core/vfs/lock.hpp). The order of the
// checks is Linux's (fcntl_getlk / fcntl_setlk).
Result<long> record_lock(int fd, vfs::File& f, int cmd, void* app_arg) {
    LxFlock l;
    TRY(copy_in(l, app_arg));
    bool ofd = cmd == LX_F_OFD_GETLK || cmd == LX_F_OFD_SETLK || cmd == LX_F_OFD_SETLKW;
    bool get = cmd == LX_F_GETLK || cmd == LX_F_OFD_GETLK;
    // F_OFD_GETLK also takes F_UNLCK: "which of my own locks overlap" (Linux 6.10+).
    if (cmd == LX_F_GETLK && l.l_type != kRdlck && l.l_type != kWrlck) return LX_EINVAL;
    std::int64_t start = 0, end = 0;
    TRY(lock_range(f, l, start, end));
    if (l.l_type != kRdlck && l.l_type != kWrlck && l.l_type != kUnlck) return LX_EINVAL;
    if (!get && l.l_type == kRdlck && !f.readable()) return LX_EBADF;
    if (!get && l.l_type == kWrlck && !f.writable()) return LX_EBADF;
    if (ofd && l.l_pid != 0) return LX_EINVAL;
    vfs::LockKind kind = l.l_type == kRdlck   ? vfs::LockKind::read
                         : l.l_type == kWrlck ? vfs::LockKind::write
                                              : vfs::LockKind::unlock;
    const void* owner = ofd ? static_cast<const void*>(&f) : static_cast<const void*>(&current());
    vfs::Vnode* v = f.vnode().get();
    if (get) {
        vfs::RecordLock c;
        if (v && vfs::test_record_lock(*v, owner, kind, start, end, &c)) {
            l.l_type = c.write ? kWrlck : kRdlck;
            l.l_whence = LX_SEEK_SET;
            l.l_start = c.start;
            l.l_len = c.end == vfs::kLockEnd ? 0 : c.end - c.start + 1;
            l.l_pid = c.pid;
        } else {
            l.l_type = kUnlck;
        }
        TRY(copy_out(app_arg, l));
        return 0;
    }
    if (!v) return 0;  // TODO(#3): objects without a vnode have no lock table
    vfs::RecordLock req;
    req.owner = owner;
    req.start = start;
    req.end = end;
    req.pid = ofd ? -1 : getpid();
    bool wait = cmd == LX_F_SETLKW || cmd == LX_F_OFD_SETLKW;
    TRY(vfs::set_record_lock(*v, req, kind, !ofd, wait));
    // A close of fd racing with the request (while it waited, say) already
    // ran the close rule: undo the lock, as Linux does, and say EBADF.
    if (!ofd && kind != vfs::LockKind::unlock) {
        Result<Ref<vfs::File>> now = current().fds().get(fd);
        if (!now.ok() || now->get() != &f) {
            (void)vfs::set_record_lock(*v, req, vfs::LockKind::unlock, true, false);
            return LX_EBADF;
        }
    }
    return 0;
}

Result<long> set_status_flags(vfs::File& f, int arg) {
    // O_NOATIME is the owner's to set.
    if ((arg & LX_O_NOATIME) && !(f.flags() & LX_O_NOATIME) && f.vnode())
        TRY(vfs::owner_or_root(f.vnode()->getattr(), current().cred()));
    f.set_status_flags(arg);
    return 0;
}

Result<void> toggle_flag(vfs::File& f, int flag, void* app_arg) {
    int on;
    TRY(copy_in(on, app_arg));
    int flags = f.flags();
    f.set_status_flags(on ? flags | flag : flags & ~flag);
    return success();
}

}  // namespace

Result<int> dup(int fd) {
    Ref<vfs::File> f = TRY(file_of(fd));
    return current().fds().install(std::move(f), false);
}

Result<int> dup3(int oldfd, int newfd, int flags) {
    if (flags & ~LX_O_CLOEXEC) return LX_EINVAL;
    if (oldfd == newfd) return LX_EINVAL;
    vfs::FdTable& fds = current().fds();
    if (newfd < 0 || static_cast<std::uint64_t>(newfd) >= fds.limit()) return LX_EBADF;
    Ref<vfs::File> f = TRY(fds.get(oldfd));
    Ref<vfs::File> replaced;
    int fd = TRY(fds.install_at(newfd, std::move(f), flags & LX_O_CLOEXEC, &replaced));
    // Closing the fd that was there drops the process's POSIX locks on its file.
    if (replaced) vfs::release_posix_locks(*replaced, &current());
    return fd;
}

Result<int> dup2(int oldfd, int newfd) {
    if (oldfd == newfd) {
        TRY(file_of(oldfd));
        return newfd;
    }
    return dup3(oldfd, newfd, 0);
}

Result<long> fcntl(int fd, int cmd, unsigned long arg) {
    Ref<vfs::File> f = TRY(file_of(fd));
    if ((f->flags() & LX_O_PATH) && !path_fd_ok(cmd)) return LX_EBADF;
    vfs::FdTable& fds = current().fds();
    void* app_arg = reinterpret_cast<void*>(arg);
    switch (cmd) {
        case LX_F_DUPFD:
        case LX_F_DUPFD_CLOEXEC: {
            // The argument is an unsigned int: a negative one is past any limit.
            auto from = static_cast<std::uint32_t>(arg);
            if (from >= fds.limit()) return LX_EINVAL;
            return TRY(fds.install(std::move(f), cmd == LX_F_DUPFD_CLOEXEC, static_cast<int>(from)));
        }
        case LX_F_GETFD: return TRY(fds.cloexec(fd)) ? LX_FD_CLOEXEC : 0;
        case LX_F_SETFD:
            TRY(fds.set_cloexec(fd, arg & LX_FD_CLOEXEC));
            return 0;
        case LX_F_GETFL: return f->flags() & ~LX_O_CLOEXEC;
        case LX_F_SETFL: return set_status_flags(*f, static_cast<int>(arg));
        case LX_F_GETLK:
        case LX_F_SETLK:
        case LX_F_SETLKW:
        case LX_F_OFD_GETLK:
        case LX_F_OFD_SETLK:
        case LX_F_OFD_SETLKW: return record_lock(fd, *f, cmd, app_arg);
        case LX_F_GETOWN: return 0;  // no signal-driven I/O yet
        case LX_F_SETOWN: return 0;
        case kFGetlease: return kUnlck;
        case kFSetlease: return LX_EINVAL;
        case LX_F_GETPIPE_SZ:
        case LX_F_SETPIPE_SZ: return ipc::pipe_fcntl(*f, cmd, arg, current().cred().uid == 0);
        case LX_F_GET_SEALS:
            if (!f->vnode()) return LX_EINVAL;
            return static_cast<long>(TRY(f->vnode()->seals()));
        case LX_F_ADD_SEALS:
            if (!f->vnode()) return LX_EINVAL;
            if (!f->writable()) return LX_EPERM;
            TRY(f->vnode()->add_seals(static_cast<unsigned>(arg)));
            return 0;
        default: return LX_EINVAL;
    }
}

Result<long> ioctl(int fd, unsigned long request, void* arg) {
    Ref<vfs::File> f = TRY(file_of(fd));
    if (f->flags() & LX_O_PATH) return LX_EBADF;
    switch (request) {
        case LX_FIOCLEX:
        case LX_FIONCLEX:
            TRY(current().fds().set_cloexec(fd, request == LX_FIOCLEX));
            return 0;
        case LX_FIONBIO:
            TRY(toggle_flag(*f, LX_O_NONBLOCK, arg));
            return 0;
        case kFioasync:
            TRY(toggle_flag(*f, LX_O_ASYNC, arg));
            return 0;
        case LX_FIONREAD: {
            Result<std::int64_t> n = f->readable_bytes();
            if (n.ok()) {
                TRY(copy_out(arg, static_cast<int>(*n)));
                return 0;
            }
            if (n.error() != LX_ENOTTY) return n.error();
            break;  // the object may still know the request
        }
        case kFioqsize:
            if (f->vnode() && (f->vnode()->is_regular() || f->vnode()->is_dir() || f->vnode()->is_symlink())) {
                std::int64_t size = f->vnode()->getattr().size;
                TRY(copy_out(arg, size));
                return 0;
            }
            break;
        case kFigetbsz:
            if (f->vnode()) {
                int bsize = static_cast<int>(f->vnode()->getattr().blksize);
                TRY(copy_out(arg, bsize));
                return 0;
            }
            break;
        default: break;
    }
    return f->ioctl(request, arg);
}

}  // namespace ukp::sys
