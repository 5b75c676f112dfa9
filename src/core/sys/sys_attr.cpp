// Calls that change or test attributes: access, chmod, chown, utimensat,
// truncate, fallocate. Permission rules follow Linux's setattr_prepare():
// the owner (or root) changes modes and explicit times, only root gives a
// file away, and a change of owner drops set-user-ID and set-group-ID.
#include "core/base/time.hpp"
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "core/vfs/perm.hpp"

namespace ukp::sys {
namespace {

constexpr std::uint32_t kNoId = 0xffffffffu;  // chown's "leave unchanged"
constexpr std::uint32_t kGroupExec = 010;

// The fd's place; files without one (devices opened at boot) have only a vnode.
vfs::PathRef place_of(const vfs::File& f) {
    if (f.path()) return f.path();
    return vfs::PathRef{nullptr, f.vnode()};
}

// fchmod, fchown, ftruncate, futimens take no O_PATH descriptor.
Result<Ref<vfs::File>> real_file(int fd) {
    Ref<vfs::File> f = TRY(file_of(fd));
    if (f->flags() & LX_O_PATH) return LX_EBADF;
    return f;
}

Result<void> chmod_common(const vfs::PathRef& p, mode_t mode, const vfs::Cred& cred) {
    TRY(check_writable_mount(p));
    if (p.vnode->is_symlink()) return LX_EOPNOTSUPP;  // a symlink's mode never changes
    vfs::Attr a = p.vnode->getattr();
    TRY(vfs::owner_or_root(a, cred));
    vfs::SetAttr s;
    s.mask = vfs::SetAttr::kMode;
    s.mode = mode & LX_S_IALLUGO;
    // Only a member of the file's group may keep it set-group-ID.
    if (cred.uid != 0 && !cred.in_group(a.gid)) s.mode &= ~LX_S_ISGID;
    return p.vnode->setattr(s);
}

Result<void> chown_common(const vfs::PathRef& p, std::uint32_t uid, std::uint32_t gid, const vfs::Cred& cred) {
    TRY(check_writable_mount(p));
    vfs::Attr a = p.vnode->getattr();
    const bool root = cred.uid == 0;
    if (uid != kNoId && !root && !(cred.uid == a.uid && uid == a.uid)) return LX_EPERM;
    if (gid != kNoId && !root && !(cred.uid == a.uid && (gid == a.gid || cred.in_group(gid)))) return LX_EPERM;
    vfs::SetAttr s;
    if (uid != kNoId) {
        s.mask |= vfs::SetAttr::kUid;
        s.uid = uid;
    }
    if (gid != kNoId) {
        s.mask |= vfs::SetAttr::kGid;
        s.gid = gid;
    }
    // Even a chown that changes nothing drops the set-ID bits of a non-directory.
    if (!lx_s_isdir(a.mode)) {
        std::uint32_t mode = a.mode & LX_S_IALLUGO;
        mode &= ~LX_S_ISUID;
        if ((a.mode & kGroupExec) || (!root && !cred.in_group(a.gid))) mode &= ~LX_S_ISGID;
        if (mode != (a.mode & LX_S_IALLUGO)) {
            s.mask |= vfs::SetAttr::kMode;
            s.mode = mode;
        }
    }
    return p.vnode->setattr(s);
}

// What truncate(2) and ftruncate(2) share once access is settled.
Result<void> truncate_common(vfs::Vnode& v, std::int64_t length, const vfs::Cred& cred) {
    vfs::SetAttr s;
    s.mask = vfs::SetAttr::kSize;
    s.size = length;
    // Changing the data drops set-user-ID (and group-executable set-group-ID)
    // unless root does it.
    std::uint32_t mode = v.getattr().mode;
    if (cred.uid != 0 && ((mode & LX_S_ISUID) || (mode & (LX_S_ISGID | kGroupExec)) == (LX_S_ISGID | kGroupExec))) {
        s.mask |= vfs::SetAttr::kMode;
        s.mode = mode & LX_S_IALLUGO & ~(LX_S_ISUID | LX_S_ISGID);
    }
    return v.setattr(s);
}

bool nsec_valid(std::int64_t ns) {
    return ns == LX_UTIME_NOW || ns == LX_UTIME_OMIT || (ns >= 0 && ns <= 999'999'999);
}

Result<void> utimes_common(const vfs::PathRef& p, const lx_timespec* times, const vfs::Cred& cred) {
    if (times && (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec))) return LX_EINVAL;
    if (times && times[0].tv_nsec == LX_UTIME_NOW && times[1].tv_nsec == LX_UTIME_NOW) times = nullptr;
    TRY(check_writable_mount(p));
    vfs::Attr a = p.vnode->getattr();
    if (!times) {
        // "Now" needs only write access; anything else needs ownership.
        if (cred.uid != 0 && cred.uid != a.uid) TRY(vfs::permission(a, cred, vfs::kMayWrite));
    } else {
        TRY(vfs::owner_or_root(a, cred));
    }
    lx_timespec now = now_timespec();
    vfs::SetAttr s;
    s.mask = vfs::SetAttr::kAtime | vfs::SetAttr::kMtime;
    s.atime = s.mtime = now;
    if (times) {
        if (times[0].tv_nsec == LX_UTIME_OMIT) s.mask &= ~vfs::SetAttr::kAtime;
        else if (times[0].tv_nsec != LX_UTIME_NOW) s.atime = times[0];
        if (times[1].tv_nsec == LX_UTIME_OMIT) s.mask &= ~vfs::SetAttr::kMtime;
        else if (times[1].tv_nsec != LX_UTIME_NOW) s.mtime = times[1];
    }
    return p.vnode->setattr(s);
}

}  // namespace

Result<void> faccessat2(int dirfd, const char* path, int mode, int flags) {
    if (mode & ~(LX_R_OK | LX_W_OK | LX_X_OK)) return LX_EINVAL;
    if (flags & ~(LX_AT_EACCESS | LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH)) return LX_EINVAL;
    PathArg arg;
    unsigned walk = (flags & LX_AT_SYMLINK_NOFOLLOW) ? 0u : unsigned{vfs::kFollow};
    vfs::PathRef p = TRY(lookup(dirfd, path, walk, flags & LX_AT_EMPTY_PATH, arg));
    if (mode == LX_F_OK) return success();
    // The kernel has one set of ids, so real and effective checks agree.
    int mask = 0;
    if (mode & LX_R_OK) mask |= vfs::kMayRead;
    if (mode & LX_W_OK) mask |= vfs::kMayWrite;
    if (mode & LX_X_OK) mask |= vfs::kMayExec;
    TRY(p.vnode->permission(arg.ctx.cred, mask));
    // SUSv2: report a read-only file system too, but not for devices and FIFOs.
    std::uint32_t type = p.vnode->type();
    if ((mode & LX_W_OK) && (type == LX_S_IFREG || type == LX_S_IFDIR || type == LX_S_IFLNK))
        TRY(check_writable_mount(p));
    return success();
}

Result<void> fchmodat(int dirfd, const char* path, mode_t mode, int flags) {
    if (flags & ~(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH)) return LX_EINVAL;
    PathArg arg;
    unsigned walk = (flags & LX_AT_SYMLINK_NOFOLLOW) ? 0u : unsigned{vfs::kFollow};
    vfs::PathRef p = TRY(lookup(dirfd, path, walk, flags & LX_AT_EMPTY_PATH, arg));
    return chmod_common(p, mode, arg.ctx.cred);
}

Result<void> fchmod(int fd, mode_t mode) {
    Ref<vfs::File> f = TRY(real_file(fd));
    return chmod_common(place_of(*f), mode, current().cred());
}

Result<void> fchownat(int dirfd, const char* path, std::uint32_t uid, std::uint32_t gid, int flags) {
    if (flags & ~(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH)) return LX_EINVAL;
    PathArg arg;
    unsigned walk = (flags & LX_AT_SYMLINK_NOFOLLOW) ? 0u : unsigned{vfs::kFollow};
    vfs::PathRef p = TRY(lookup(dirfd, path, walk, flags & LX_AT_EMPTY_PATH, arg));
    return chown_common(p, uid, gid, arg.ctx.cred);
}

Result<void> fchown(int fd, std::uint32_t uid, std::uint32_t gid) {
    Ref<vfs::File> f = TRY(real_file(fd));
    return chown_common(place_of(*f), uid, gid, current().cred());
}

Result<void> utimensat(int dirfd, const char* path, const lx_timespec* app_times, int flags) {
    lx_timespec times[2];
    if (app_times) {
        TRY(copy_from_app(times, app_times, sizeof times));
        // Nothing to do: Linux does not even look at the path.
        if (times[0].tv_nsec == LX_UTIME_OMIT && times[1].tv_nsec == LX_UTIME_OMIT) return success();
    }
    const lx_timespec* t = app_times ? times : nullptr;
    if (!path && dirfd != LX_AT_FDCWD) {
        // futimens(): the fd itself.
        if (flags) return LX_EINVAL;
        Ref<vfs::File> f = TRY(real_file(dirfd));
        return utimes_common(place_of(*f), t, current().cred());
    }
    if (flags & ~(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH)) return LX_EINVAL;
    PathArg arg;
    unsigned walk = (flags & LX_AT_SYMLINK_NOFOLLOW) ? 0u : unsigned{vfs::kFollow};
    vfs::PathRef p = TRY(lookup(dirfd, path, walk, flags & LX_AT_EMPTY_PATH, arg));
    return utimes_common(p, t, arg.ctx.cred);
}

Result<void> truncate(const char* path, std::int64_t length) {
    if (length < 0) return LX_EINVAL;
    PathArg arg;
    vfs::PathRef p = TRY(lookup(LX_AT_FDCWD, path, vfs::kFollow, false, arg));
    if (p.vnode->is_dir()) return LX_EISDIR;
    if (!p.vnode->is_regular()) return LX_EINVAL;
    TRY(check_writable_mount(p));
    TRY(p.vnode->permission(arg.ctx.cred, vfs::kMayWrite));
    return truncate_common(*p.vnode, length, arg.ctx.cred);
}

Result<void> ftruncate(int fd, std::int64_t length) {
    if (length < 0) return LX_EINVAL;
    Ref<vfs::File> f = TRY(real_file(fd));
    if (!f->vnode() || !f->vnode()->is_regular() || !f->writable()) return LX_EINVAL;
    return truncate_common(*f->vnode(), length, current().cred());
}

Result<void> fallocate(int fd, int mode, std::int64_t off, std::int64_t len) {
    Ref<vfs::File> f = TRY(real_file(fd));
    if (off < 0 || len <= 0) return LX_EINVAL;
    if (mode & ~LX_FALLOC_FL_KEEP_SIZE) return LX_EOPNOTSUPP;  // TODO(#3): punch and zero ranges (with mmap)
    if (!f->writable()) return LX_EBADF;
    const Ref<vfs::Vnode>& v = f->vnode();
    if (!v) return LX_ENODEV;
    if (v->type() == LX_S_IFIFO) return LX_ESPIPE;
    if (v->is_dir()) return LX_EISDIR;
    if (!v->is_regular()) return LX_ENODEV;
    std::int64_t end;
    if (__builtin_add_overflow(off, len, &end)) return LX_EFBIG;
    return v->allocate(off, len, mode & LX_FALLOC_FL_KEEP_SIZE);
}

}  // namespace ukp::sys
