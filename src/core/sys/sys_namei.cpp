// Calls that add, remove and rename names: mkdir, mknod, unlink/rmdir,
// rename, link, symlink, readlink.
//
// Checks run in Linux's order (namei.c), because programs and tests look at
// which errno comes first: the parent walk (ENOENT/ENOTDIR/EACCES on the way),
// the kind of last component (".", "..", "/"), EROFS, the lookup of the last
// name, permission on the directory, then the file system's own rules. The
// file system re-checks what it must under its namespace lock, so a race
// between these checks and the change gives an errno, never a broken tree.
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "core/vfs/perm.hpp"

namespace ukp::sys {
namespace {

bool is_dot_or_dotdot(std::string_view n) { return n == "." || n == ".."; }

Result<vfs::Parent> parent_of(int dirfd, const char* path, PathArg& arg) {
    TRY(prepare_path(dirfd, path, arg));
    return vfs::resolve_parent(arg.ctx.walk, arg.buf.view());
}

// A directory removed while someone still stands in it takes no new names.
bool dead_dir(const vfs::Attr& dir) { return dir.nlink == 0; }

// Linux's filename_create() and may_create(): the last name must be new.
Result<void> may_create(const vfs::Parent& p, const vfs::Cred& cred, bool want_dir) {
    if (p.last.empty() || is_dot_or_dotdot(p.last)) return LX_EEXIST;
    Result<Ref<vfs::Vnode>> existing = p.dir.vnode->lookup(p.last);
    if (existing.ok()) return LX_EEXIST;
    if (existing.error() != LX_ENOENT) return existing.error();
    // "name/" asks for a directory; only mkdir makes one.
    if (p.trailing_slash && !want_dir) return LX_ENOENT;
    TRY(check_writable_mount(p.dir));
    vfs::Attr dir = p.dir.vnode->getattr();
    if (dead_dir(dir)) return LX_ENOENT;
    return vfs::permission(dir, cred, vfs::kMayWrite | vfs::kMayExec);
}

// Linux's may_delete(): write+search on the directory, the sticky bit, and
// the kind of the victim against what the call removes.
Result<void> may_delete(const vfs::PathRef& dir, vfs::Vnode& victim, bool want_dir, const vfs::Cred& cred) {
    TRY(vfs::may_delete(dir.vnode->getattr(), victim.getattr(), cred));
    if (want_dir && !victim.is_dir()) return LX_ENOTDIR;
    if (!want_dir && victim.is_dir()) return LX_EISDIR;
    return success();
}

bool is_mountpoint(vfs::Vnode& v) { return v.mount_count.load(std::memory_order_acquire) != 0; }

// Is `a` the directory `d` or one of its ancestors (same file system)?
bool is_ancestor(const vfs::Vnode& a, Ref<vfs::Vnode> d) {
    for (;;) {
        if (d.get() == &a) return true;
        Ref<vfs::Vnode> up = d->parent();
        if (up == d) return false;
        d = std::move(up);
    }
}

Result<void> rmdir(int dirfd, const char* path) {
    PathArg arg;
    vfs::Parent p = TRY(parent_of(dirfd, path, arg));
    if (p.last.empty()) return LX_EBUSY;
    if (p.last == ".") return LX_EINVAL;
    if (p.last == "..") return LX_ENOTEMPTY;
    TRY(check_writable_mount(p.dir));
    Ref<vfs::Vnode> victim = TRY(p.dir.vnode->lookup(p.last));
    TRY(may_delete(p.dir, *victim, true, arg.ctx.cred));
    if (is_mountpoint(*victim)) return LX_EBUSY;
    return p.dir.vnode->unlink(p.last, true);
}

Result<void> unlink(int dirfd, const char* path) {
    PathArg arg;
    vfs::Parent p = TRY(parent_of(dirfd, path, arg));
    if (p.last.empty() || is_dot_or_dotdot(p.last)) return LX_EISDIR;
    TRY(check_writable_mount(p.dir));
    Ref<vfs::Vnode> victim = TRY(p.dir.vnode->lookup(p.last));
    if (p.trailing_slash) return victim->is_dir() ? LX_EISDIR : LX_ENOTDIR;
    TRY(may_delete(p.dir, *victim, false, arg.ctx.cred));
    if (is_mountpoint(*victim)) return LX_EBUSY;
    return p.dir.vnode->unlink(p.last, false);
}

// Linux's protected_hardlinks (on by default in every distribution): only
// the owner may link a file it could not read and write itself.
Result<void> may_link(const vfs::Attr& a, const vfs::Cred& cred) {
    if (cred.uid == 0 || cred.uid == a.uid) return success();
    if (!lx_s_isreg(a.mode)) return LX_EPERM;
    if (a.mode & LX_S_ISUID) return LX_EPERM;
    if ((a.mode & (LX_S_ISGID | 010)) == (LX_S_ISGID | 010)) return LX_EPERM;
    if (!vfs::permission(a, cred, vfs::kMayRead | vfs::kMayWrite).ok()) return LX_EPERM;
    return success();
}

}  // namespace

Result<void> mkdirat(int dirfd, const char* path, mode_t mode) {
    PathArg arg;
    vfs::Parent p = TRY(parent_of(dirfd, path, arg));
    TRY(may_create(p, arg.ctx.cred, true));
    std::uint32_t perm = mode & ~current().umask() & (0777 | LX_S_ISVTX);
    TRY(p.dir.vnode->create(p.last, LX_S_IFDIR | perm, arg.ctx.cred, 0));
    return success();
}

Result<void> mknodat(int dirfd, const char* path, mode_t mode, std::uint64_t dev) {
    std::uint32_t type = mode & LX_S_IFMT;
    switch (type) {
        case 0: type = LX_S_IFREG; break;
        case LX_S_IFREG:
        case LX_S_IFCHR:
        case LX_S_IFBLK:
        case LX_S_IFIFO:
        case LX_S_IFSOCK: break;
        case LX_S_IFDIR: return LX_EPERM;
        default: return LX_EINVAL;
    }
    PathArg arg;
    vfs::Parent p = TRY(parent_of(dirfd, path, arg));
    TRY(may_create(p, arg.ctx.cred, false));
    const bool device = type == LX_S_IFCHR || type == LX_S_IFBLK;
    if (device && arg.ctx.cred.uid != 0) return LX_EPERM;  // CAP_MKNOD
    std::uint32_t perm = mode & ~current().umask() & LX_S_IALLUGO;
    // The syscall takes a 32-bit dev_t; only devices keep it.
    std::uint64_t rdev = device ? static_cast<std::uint32_t>(dev) : 0;
    TRY(p.dir.vnode->create(p.last, type | perm, arg.ctx.cred, rdev));
    return success();
}

Result<void> unlinkat(int dirfd, const char* path, int flags) {
    if (flags & ~LX_AT_REMOVEDIR) return LX_EINVAL;
    return (flags & LX_AT_REMOVEDIR) ? rmdir(dirfd, path) : unlink(dirfd, path);
}

Result<void> renameat2(int olddirfd, const char* oldpath, int newdirfd, const char* newpath, unsigned flags) {
    if (flags & ~(LX_RENAME_NOREPLACE | LX_RENAME_EXCHANGE | LX_RENAME_WHITEOUT)) return LX_EINVAL;
    if ((flags & (LX_RENAME_NOREPLACE | LX_RENAME_WHITEOUT)) && (flags & LX_RENAME_EXCHANGE)) return LX_EINVAL;
    // A whiteout (for overlay file systems) is a device node: CAP_MKNOD.
    if ((flags & LX_RENAME_WHITEOUT) && current().cred().uid != 0) return LX_EPERM;
    const bool exchange = flags & LX_RENAME_EXCHANGE;
    PathArg from_arg, to_arg;
    vfs::Parent from = TRY(parent_of(olddirfd, oldpath, from_arg));
    vfs::Parent to = TRY(parent_of(newdirfd, newpath, to_arg));
    const vfs::Cred& cred = from_arg.ctx.cred;
    if (from.dir.mount != to.dir.mount) return LX_EXDEV;
    if (from.last.empty() || is_dot_or_dotdot(from.last)) return LX_EBUSY;
    if (to.last.empty() || is_dot_or_dotdot(to.last)) return (flags & LX_RENAME_NOREPLACE) ? LX_EEXIST : LX_EBUSY;
    TRY(check_writable_mount(from.dir));

    Ref<vfs::Vnode> src = TRY(from.dir.vnode->lookup(from.last));
    Result<Ref<vfs::Vnode>> found = to.dir.vnode->lookup(to.last);
    if (!found.ok() && found.error() != LX_ENOENT) return found.error();
    Ref<vfs::Vnode> dst = found.ok() ? *found : Ref<vfs::Vnode>();
    if (dst && (flags & LX_RENAME_NOREPLACE)) return LX_EEXIST;
    if (!dst && exchange) return LX_ENOENT;
    // Trailing slashes are allowed only on directories.
    if (!src->is_dir() && (from.trailing_slash || (!exchange && to.trailing_slash))) return LX_ENOTDIR;
    if (exchange && !dst->is_dir() && to.trailing_slash) return LX_ENOTDIR;

    // Neither may end up inside itself.
    if (src->is_dir() && is_ancestor(*src, to.dir.vnode)) return LX_EINVAL;
    if (dst && dst->is_dir() && is_ancestor(*dst, from.dir.vnode)) return exchange ? LX_EINVAL : LX_ENOTEMPTY;
    if (src == dst) return success();  // two names of one file: nothing to do

    TRY(may_delete(from.dir, *src, src->is_dir(), cred));
    if (!dst) {
        vfs::Attr dir = to.dir.vnode->getattr();
        if (dead_dir(dir)) return LX_ENOENT;
        TRY(vfs::permission(dir, cred, vfs::kMayWrite | vfs::kMayExec));
    } else {
        TRY(may_delete(to.dir, *dst, exchange ? dst->is_dir() : src->is_dir(), cred));
    }
    // A directory that changes parent rewrites its "..", which needs write
    // permission on the directory itself.
    if (from.dir.vnode != to.dir.vnode) {
        if (src->is_dir()) TRY(src->permission(cred, vfs::kMayWrite));
        if (exchange && dst->is_dir()) TRY(dst->permission(cred, vfs::kMayWrite));
    }
    if (is_mountpoint(*src) || (dst && is_mountpoint(*dst))) return LX_EBUSY;
    TRY(from.dir.vnode->rename(from.last, *to.dir.vnode, to.last, flags & ~LX_RENAME_WHITEOUT));
    // The whiteout takes the old name: character device 0:0, mode 0.
    if (flags & LX_RENAME_WHITEOUT) TRY(from.dir.vnode->create(from.last, LX_S_IFCHR, cred, 0));
    return success();
}

Result<void> linkat(int olddirfd, const char* oldpath, int newdirfd, const char* newpath, int flags) {
    if (flags & ~(LX_AT_SYMLINK_FOLLOW | LX_AT_EMPTY_PATH)) return LX_EINVAL;
    // AT_EMPTY_PATH: Linux (6.10+) lets the opener link its own open file;
    // every file here was opened by this process.
    PathArg old_arg, new_arg;
    unsigned walk = (flags & LX_AT_SYMLINK_FOLLOW) ? unsigned{vfs::kFollow} : 0u;
    vfs::PathRef old = TRY(lookup(olddirfd, oldpath, walk, flags & LX_AT_EMPTY_PATH, old_arg));
    vfs::Parent p = TRY(parent_of(newdirfd, newpath, new_arg));
    const vfs::Cred& cred = new_arg.ctx.cred;
    if (p.last.empty() || is_dot_or_dotdot(p.last)) return LX_EEXIST;
    Result<Ref<vfs::Vnode>> existing = p.dir.vnode->lookup(p.last);
    if (existing.ok()) return LX_EEXIST;
    if (existing.error() != LX_ENOENT) return existing.error();
    if (p.trailing_slash) return LX_ENOENT;
    TRY(check_writable_mount(p.dir));
    if (old.mount != p.dir.mount) return LX_EXDEV;
    TRY(may_link(old.vnode->getattr(), cred));
    vfs::Attr dir = p.dir.vnode->getattr();
    if (dead_dir(dir)) return LX_ENOENT;
    TRY(vfs::permission(dir, cred, vfs::kMayWrite | vfs::kMayExec));
    if (old.vnode->is_dir()) return LX_EPERM;
    return p.dir.vnode->link(p.last, *old.vnode);
}

Result<void> symlinkat(const char* target, int newdirfd, const char* linkpath) {
    PathBuf text;
    TRY(copy_path(target, text));
    if (text.len == 0) return LX_ENOENT;
    PathArg arg;
    vfs::Parent p = TRY(parent_of(newdirfd, linkpath, arg));
    TRY(may_create(p, arg.ctx.cred, false));
    TRY(p.dir.vnode->symlink(p.last, text.view(), arg.ctx.cred));
    return success();
}

Result<std::size_t> readlinkat(int dirfd, const char* path, char* buf, std::size_t size) {
    // The syscall's size is an int: what does not fit is what it sees.
    int bufsiz = static_cast<int>(size);
    if (bufsiz <= 0) return LX_EINVAL;
    PathArg arg;
    vfs::PathRef p = TRY(lookup(dirfd, path, 0, true, arg));
    if (!p.vnode->is_symlink()) return arg.buf.len == 0 ? LX_ENOENT : LX_EINVAL;
    vfs::String target = TRY(p.vnode->readlink());
    std::size_t n = target.size() < static_cast<std::size_t>(bufsiz) ? target.size() : static_cast<std::size_t>(bufsiz);
    TRY(copy_to_app(buf, target.data(), n));
    return n;
}

}  // namespace ukp::sys
