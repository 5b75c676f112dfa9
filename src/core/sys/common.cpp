#include "core/sys/common.hpp"

#include "core/vfs/mount.hpp"

namespace ukp::sys {

Result<void> prepare_path(int dirfd, const char* app_path, PathArg& arg, bool empty_ok) {
    TRY(copy_path(app_path, arg.buf));
    if (arg.buf.len == 0 && !empty_ok) return LX_ENOENT;
    return current().walk_from(dirfd, arg.buf.view(), arg.ctx);
}

Result<vfs::PathRef> lookup(int dirfd, const char* app_path, unsigned walk_flags, bool empty_ok,
                            PathArg& arg) {
    TRY(prepare_path(dirfd, app_path, arg, empty_ok));
    if (arg.buf.len == 0) {
        // AT_EMPTY_PATH: the object is dirfd itself (or the cwd).
        if (dirfd == LX_AT_FDCWD) return current().cwd();
        Ref<vfs::File> f = TRY(file_of(dirfd));
        if (f->path()) return f->path();
        return vfs::PathRef{nullptr, f->vnode()};
    }
    return vfs::resolve(arg.ctx.walk, arg.buf.view(), walk_flags);
}

Result<void> check_writable_mount(const vfs::PathRef& p) {
    if (p.vnode && p.vnode->sb().read_only()) return LX_EROFS;
    if (p.mount && (p.mount->flags() & LX_ST_RDONLY)) return LX_EROFS;
    return success();
}

}  // namespace ukp::sys
