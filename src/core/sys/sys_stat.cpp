// stat(2), statx(2), statfs(2).
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "core/vfs/mount.hpp"

namespace ukp::sys {
namespace {

lx_stat to_stat(const vfs::Attr& a) {
    lx_stat s{};
    s.st_dev = a.dev;
    s.st_ino = a.ino;
    s.st_nlink = a.nlink;
    s.st_mode = a.mode;
    s.st_uid = a.uid;
    s.st_gid = a.gid;
    s.st_rdev = a.rdev;
    s.st_size = a.size;
    s.st_blksize = a.blksize;
    s.st_blocks = a.blocks;
    s.st_atim = a.atime;
    s.st_mtim = a.mtime;
    s.st_ctim = a.ctime;
    return s;
}

lx_statx_timestamp stx_time(const lx_timespec& t) {
    return {t.tv_sec, static_cast<std::uint32_t>(t.tv_nsec), 0};
}

std::uint32_t dev_major(std::uint64_t d) { return static_cast<std::uint32_t>(((d >> 32) & 0xfffff000) | ((d >> 8) & 0xfff)); }
std::uint32_t dev_minor(std::uint64_t d) { return static_cast<std::uint32_t>(((d >> 12) & 0xffffff00) | (d & 0xff)); }

}  // namespace

Result<void> fstat(int fd, lx_stat* out) {
    Ref<vfs::File> f = TRY(file_of(fd));
    return copy_out(out, to_stat(f->vnode()->getattr()));
}

Result<void> newfstatat(int dirfd, const char* path, lx_stat* out, int flags) {
    if (flags & ~(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH | LX_AT_NO_AUTOMOUNT)) return LX_EINVAL;
    PathArg arg;
    unsigned walk = (flags & LX_AT_SYMLINK_NOFOLLOW) ? 0u : unsigned{vfs::kFollow};
    vfs::PathRef p = TRY(lookup(dirfd, path, walk, flags & LX_AT_EMPTY_PATH, arg));
    return copy_out(out, to_stat(p.vnode->getattr()));
}

Result<void> statx(int dirfd, const char* path, int flags, unsigned mask, lx_statx* out) {
    if (flags & ~(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH | LX_AT_NO_AUTOMOUNT | LX_AT_STATX_SYNC_TYPE))
        return LX_EINVAL;
    if ((flags & LX_AT_STATX_SYNC_TYPE) == LX_AT_STATX_SYNC_TYPE) return LX_EINVAL;
    if (mask & LX_STATX__RESERVED) return LX_EINVAL;
    PathArg arg;
    unsigned walk = (flags & LX_AT_SYMLINK_NOFOLLOW) ? 0u : unsigned{vfs::kFollow};
    vfs::PathRef p = TRY(lookup(dirfd, path, walk, flags & LX_AT_EMPTY_PATH, arg));
    vfs::Attr a = p.vnode->getattr();
    lx_statx s{};
    // ramfs knows everything, so it reports every basic field and btime.
    s.stx_mask = LX_STATX_BASIC_STATS | LX_STATX_BTIME;
    s.stx_blksize = a.blksize;
    s.stx_nlink = a.nlink;
    s.stx_uid = a.uid;
    s.stx_gid = a.gid;
    s.stx_mode = static_cast<std::uint16_t>(a.mode);
    s.stx_ino = a.ino;
    s.stx_size = static_cast<std::uint64_t>(a.size);
    s.stx_blocks = static_cast<std::uint64_t>(a.blocks);
    s.stx_atime = stx_time(a.atime);
    s.stx_btime = stx_time(a.btime);
    s.stx_ctime = stx_time(a.ctime);
    s.stx_mtime = stx_time(a.mtime);
    s.stx_rdev_major = dev_major(a.rdev);
    s.stx_rdev_minor = dev_minor(a.rdev);
    s.stx_dev_major = dev_major(a.dev);
    s.stx_dev_minor = dev_minor(a.dev);
    return copy_out(out, s);
}

Result<void> statfs(const char* path, lx_statfs* out) {
    PathArg arg;
    vfs::PathRef p = TRY(lookup(LX_AT_FDCWD, path, vfs::kFollow, false, arg));
    lx_statfs s = p.vnode->sb().statfs();
    if (p.mount && (p.mount->flags() & LX_ST_RDONLY)) s.f_flags |= LX_ST_RDONLY;
    return copy_out(out, s);
}

Result<void> fstatfs(int fd, lx_statfs* out) {
    Ref<vfs::File> f = TRY(file_of(fd));
    lx_statfs s = f->vnode()->sb().statfs();
    if (f->path().mount && (f->path().mount->flags() & LX_ST_RDONLY)) s.f_flags |= LX_ST_RDONLY;
    return copy_out(out, s);
}

}  // namespace ukp::sys
