#include "core/kernel/process.hpp"

#include "core/kernel/kernel.hpp"

namespace ukp {

Result<void> Process::walk_from(int dirfd, std::string_view path, WalkCtx& out) {
    out.walk.mounts = &kernel().mounts();
    out.walk.cred = &out.cred;
    // Absolute paths start at the root, which the walk takes from `root`:
    // they need neither the cwd nor dirfd (Linux ignores dirfd for them too).
    const bool absolute = !path.empty() && path[0] == '/';
    {
        LockGuard g(fs_lock_);
        out.cred = cred_;
        out.walk.root = root_;
        if (absolute) return success();
        if (dirfd == LX_AT_FDCWD) {
            out.walk.start = cwd_;
            return success();
        }
    }
    Ref<vfs::File> f = TRY(fds_.get(dirfd));
    // A relative path needs a directory to start from; AT_EMPTY_PATH callers
    // use the file itself and never walk.
    if (!path.empty() && !f->vnode()->is_dir()) return LX_ENOTDIR;
    out.walk.start = f->path();
    if (!out.walk.start) out.walk.start = vfs::PathRef{nullptr, f->vnode()};
    return success();
}

}  // namespace ukp
