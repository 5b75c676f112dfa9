// The process's place in the tree: getcwd, chdir, fchdir, chroot, umask;
// and reading directories (getdents64).
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "core/vfs/perm.hpp"

namespace ukp::sys {

Result<std::size_t> getcwd(char* buf, std::size_t size) {
    Process& p = current();
    // A removed working directory has no name: ENOENT, as on Linux.
    vfs::String path = TRY(vfs::absolute_path(p.root(), p.cwd()));
    std::size_t len = path.size() + 1;
    if (len > size) return LX_ERANGE;
    TRY(copy_to_app(buf, path.c_str(), len));
    return len;
}

Result<void> chdir(const char* path) {
    PathArg arg;
    vfs::PathRef p = TRY(lookup(LX_AT_FDCWD, path, vfs::kFollow | vfs::kDirectory, false, arg));
    TRY(p.vnode->permission(arg.ctx.cred, vfs::kMayExec));
    current().set_cwd(std::move(p));
    return success();
}

Result<void> fchdir(int fd) {
    // O_PATH descriptors of directories are fine here.
    Ref<vfs::File> f = TRY(file_of(fd));
    if (!f->vnode() || !f->vnode()->is_dir() || !f->path()) return LX_ENOTDIR;
    TRY(f->vnode()->permission(current().cred(), vfs::kMayExec));
    current().set_cwd(f->path());
    return success();
}

Result<void> chroot(const char* path) {
    PathArg arg;
    vfs::PathRef p = TRY(lookup(LX_AT_FDCWD, path, vfs::kFollow | vfs::kDirectory, false, arg));
    TRY(p.vnode->permission(arg.ctx.cred, vfs::kMayExec));
    if (arg.ctx.cred.uid != 0) return LX_EPERM;  // CAP_SYS_CHROOT
    // Like Linux, the working directory stays where it is.
    current().set_root(std::move(p));
    return success();
}

mode_t umask(mode_t mask) { return current().exchange_umask(mask & 0777); }

Result<std::size_t> getdents64(int fd, void* buf, std::size_t n) {
    Ref<vfs::File> f = TRY(file_of(fd));
    if (f->flags() & LX_O_PATH) return LX_EBADF;
    return f->getdents(buf, n);
}

}  // namespace ukp::sys
