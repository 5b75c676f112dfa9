// Helpers shared by the syscall files: finding the file behind an fd,
// resolving a path given with a dirfd.
#pragma once

#include "core/base/uaccess.hpp"
#include "core/kernel/kernel.hpp"
#include "core/vfs/file.hpp"
#include "core/vfs/path.hpp"

namespace ukp::sys {

inline Result<Ref<vfs::File>> file_of(int fd) { return current().fds().get(fd); }

// A path argument: copied in and ready to walk from its dirfd.
struct PathArg {
    PathBuf buf;
    Process::WalkCtx ctx;
};

// Copies `app_path` in and prepares the walk. With `empty_ok`
// (AT_EMPTY_PATH), an empty path is allowed and means dirfd itself.
Result<void> prepare_path(int dirfd, const char* app_path, PathArg& arg, bool empty_ok = false);

// Resolves a path argument fully; with AT_EMPTY_PATH and "", gives dirfd's file.
Result<vfs::PathRef> lookup(int dirfd, const char* app_path, unsigned walk_flags, bool empty_ok,
                            PathArg& arg);

// EROFS when the place is on a read-only mount.
Result<void> check_writable_mount(const vfs::PathRef& p);

}  // namespace ukp::sys
