// open(2) and close(2).
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "core/vfs/lock.hpp"
#include "core/vfs/perm.hpp"

namespace ukp::sys {
namespace {

bool is_dot_or_dotdot(std::string_view n) { return n == "." || n == ".."; }

// The O_CREAT path: find or create the last component, following a final
// symlink to its target even when the target does not exist yet (as Linux).
Result<vfs::PathRef> open_or_create(PathArg& arg, int flags, mode_t mode, bool& created,
                                    vfs::Parent& where) {
    const bool follow = !(flags & LX_O_NOFOLLOW);
    vfs::Walk walk = arg.ctx.walk;
    vfs::String path(arg.buf.view(), mem::resource());
    for (int links = 0;;) {
        vfs::Parent p = TRY(vfs::resolve_parent(walk, path));
        if (p.last.empty() || is_dot_or_dotdot(p.last)) return LX_EISDIR;
        Result<Ref<vfs::Vnode>> child = p.dir.vnode->lookup(p.last);
        if (child.ok()) {
            if (flags & LX_O_EXCL) return LX_EEXIST;
            if ((*child)->is_symlink() && follow) {
                if (++links > LX_SYMLOOP_MAX) return LX_ELOOP;
                Ref<vfs::File> jump;
                if ((*child)->magic_target(jump)) {
                    if (!jump->path()) return LX_ENXIO;  // nothing to reopen by place
                    where = vfs::Parent{jump->parent_dir(), vfs::String(jump->name(), mem::resource()), false};
                    return jump->path();
                }
                path = TRY((*child)->readlink());
                if (p.trailing_slash) path += '/';
                walk.start = p.dir;
                continue;
            }
            // Exists: the ordinary walk handles mounts on top of it.
            vfs::Walk from_dir = walk;
            from_dir.start = p.dir;
            where = vfs::Parent{p.dir, vfs::String(p.last, mem::resource()), p.trailing_slash};
            return vfs::resolve(from_dir, p.last, p.trailing_slash ? unsigned{vfs::kDirectory} : 0u);
        }
        if (child.error() != LX_ENOENT) return child.error();
        if (p.trailing_slash) return LX_EISDIR;
        TRY(p.dir.vnode->permission(*walk.cred, vfs::kMayWrite | vfs::kMayExec));
        TRY(check_writable_mount(p.dir));
        std::uint32_t perm = mode & ~current().umask() & LX_S_IALLUGO;
        Result<Ref<vfs::Vnode>> made = p.dir.vnode->create(p.last, LX_S_IFREG | perm, *walk.cred, 0);
        if (!made.ok() && made.error() == LX_EEXIST) continue;  // lost a race: open what is there
        created = true;
        where = vfs::Parent{p.dir, vfs::String(p.last, mem::resource()), false};
        return vfs::PathRef{p.dir.mount, TRY(std::move(made))};
    }
}

// O_TMPFILE: an unnamed regular file in the directory `path` names.
Result<int> open_tmpfile(PathArg& arg, int flags, mode_t mode) {
    if ((flags & LX_O_ACCMODE) == LX_O_RDONLY) return LX_EINVAL;  // it must be written to
    vfs::PathRef dir = TRY(vfs::resolve(arg.ctx.walk, arg.buf.view(), vfs::kFollow | vfs::kDirectory));
    TRY(check_writable_mount(dir));
    TRY(dir.vnode->permission(arg.ctx.cred, vfs::kMayWrite | vfs::kMayExec));
    std::uint32_t perm = mode & ~current().umask() & LX_S_IALLUGO;
    Ref<vfs::Vnode> node = TRY(dir.vnode->create_unnamed(perm, arg.ctx.cred, !(flags & LX_O_EXCL)));
    Ref<vfs::File> file = TRY(node->open(flags & ~(LX_O_CREAT | LX_O_EXCL | LX_O_NOCTTY | LX_O_TRUNC | LX_O_CLOEXEC)));
    // Linux names it "#<inode>" in its directory (shown as deleted).
    char name[24];
    int len = 0;
    char digits[21];
    for (std::uint64_t ino = node->ino(); ino || len == 0; ino /= 10) digits[len++] = static_cast<char>('0' + ino % 10);
    name[0] = '#';
    for (int i = 0; i < len; ++i) name[1 + i] = digits[len - 1 - i];
    file->set_path(vfs::PathRef{dir.mount, node}, dir, std::string_view(name, static_cast<std::size_t>(len) + 1));
    return current().fds().install(std::move(file), flags & LX_O_CLOEXEC);
}

}  // namespace

Result<int> openat(int dirfd, const char* path, int flags, mode_t mode) {
    // Like Linux open(2), unknown flag bits are ignored (only openat2 rejects them).
    if ((flags & LX_O_CREAT) && (flags & LX_O_DIRECTORY) && !(flags & LX_O_PATH)) return LX_EINVAL;
    // O_TMPFILE is __O_TMPFILE | O_DIRECTORY and excludes O_CREAT.
    const bool tmpfile = (flags & (LX_O_TMPFILE & ~LX_O_DIRECTORY)) && !(flags & LX_O_PATH);
    if (tmpfile && (flags & (LX_O_TMPFILE | LX_O_CREAT)) != LX_O_TMPFILE) return LX_EINVAL;
    if (flags & LX_O_PATH)
        flags &= LX_O_PATH | LX_O_DIRECTORY | LX_O_NOFOLLOW | LX_O_CLOEXEC;
    else
        flags |= LX_O_LARGEFILE;  // 64-bit Linux forces it; F_GETFL shows it
    PathArg arg;
    TRY(prepare_path(dirfd, path, arg));
    if (tmpfile) return open_tmpfile(arg, flags, mode);

    bool created = false;
    vfs::Parent where{vfs::PathRef{}, vfs::String(mem::resource()), false};
    vfs::PathRef target;
    if ((flags & LX_O_CREAT) && !(flags & LX_O_PATH)) {
        target = TRY(open_or_create(arg, flags, mode, created, where));
    } else {
        unsigned walk_flags = (flags & LX_O_NOFOLLOW) ? 0u : unsigned{vfs::kFollow};
        if (flags & LX_O_DIRECTORY) walk_flags |= vfs::kDirectory;
        target = TRY(vfs::resolve(arg.ctx.walk, arg.buf.view(), walk_flags, &where));
    }
    Ref<vfs::Vnode>& node = target.vnode;

    if (flags & LX_O_PATH) {
        auto f = make_ref<vfs::VnodeFile>(node, flags);
        f->set_path(target, where.dir, where.last);
        return current().fds().install(f, flags & LX_O_CLOEXEC);
    }
    if (node->is_symlink()) return LX_ELOOP;  // O_NOFOLLOW on a symlink
    if ((flags & LX_O_CREAT) && node->is_dir()) return LX_EISDIR;
    if ((flags & LX_O_DIRECTORY) && !node->is_dir()) return LX_ENOTDIR;
    const int acc = flags & LX_O_ACCMODE;
    const bool wants_write = acc == LX_O_WRONLY || acc == LX_O_RDWR || (flags & LX_O_TRUNC);
    if (node->is_dir() && wants_write) return LX_EISDIR;
    if (!created) {
        int mask = 0;
        if (acc == LX_O_RDONLY || acc == LX_O_RDWR || acc == 3) mask |= vfs::kMayRead;
        if (wants_write || acc == 3) mask |= vfs::kMayWrite;
        TRY(node->permission(arg.ctx.cred, mask));
        if (wants_write && node->is_regular()) TRY(check_writable_mount(target));
    }
    Ref<vfs::File> file = TRY(node->open(flags & ~(LX_O_CREAT | LX_O_EXCL | LX_O_NOCTTY | LX_O_TRUNC | LX_O_CLOEXEC)));
    if ((flags & LX_O_TRUNC) && node->is_regular() && !created) {
        vfs::SetAttr s;
        s.mask = vfs::SetAttr::kSize;
        s.size = 0;
        TRY(node->setattr(s));
    }
    file->set_path(target, where.dir, where.last);
    return current().fds().install(std::move(file), flags & LX_O_CLOEXEC);
}

Result<int> close(int fd) {
    Ref<vfs::File> f = TRY(current().fds().remove(fd));
    // POSIX's rule: closing any fd of a file drops the process's locks on it.
    vfs::release_posix_locks(*f, &current());
    return 0;
}

Result<int> close_range(unsigned first, unsigned last, unsigned flags) {
    if (first > last || (flags & ~(LX_CLOSE_RANGE_UNSHARE | LX_CLOSE_RANGE_CLOEXEC))) return LX_EINVAL;
    // UNSHARE has nothing to do: no other process shares this fd table.
    std::pmr::vector<int> open_fds(mem::resource());
    current().fds().for_each([&](int fd, const auto&) {
        if (static_cast<unsigned>(fd) >= first && static_cast<unsigned>(fd) <= last) open_fds.push_back(fd);
    });
    for (int fd : open_fds) {
        if (flags & LX_CLOSE_RANGE_CLOEXEC) (void)current().fds().set_cloexec(fd, true);
        else (void)close(fd);  // closed meanwhile by another thread: nothing to do
    }
    return 0;
}

}  // namespace ukp::sys
