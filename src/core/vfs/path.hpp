// Path resolution: from a starting point and a path string to a vnode,
// crossing mounts, following symlinks (at most LX_SYMLOOP_MAX), checking
// search permission on every directory passed.
#pragma once

#include <string_view>

#include "core/base/ref.hpp"
#include "core/base/result.hpp"
#include "core/vfs/place.hpp"
#include "core/vfs/types.hpp"
#include "core/vfs/vnode.hpp"

namespace ukp::vfs {

// Lookup flags.
enum : unsigned {
    kFollow = 1,     // follow a symlink in the last component
    kDirectory = 2,  // the result must be a directory
};

class MountTable;

struct Walk {
    const MountTable* mounts;
    PathRef root;          // the process's root: ".." stops here, "/" starts here
    PathRef start;         // where relative paths start (cwd or a dirfd)
    const Cred* cred;
};

struct Parent;

// Resolves the whole path. With `located`, also tells which directory the
// final name was found in and under what name (for /proc/self/fd); "/" and
// paths ending in "." or ".." leave it empty.
Result<PathRef> resolve(const Walk& w, std::string_view path, unsigned flags, Parent* located = nullptr);

// Resolves all but the last component, for calls that create or remove it.
// `last` is that component ("." or ".." are possible; callers reject them
// as Linux does; empty when the path was only slashes, i.e. the root),
// `trailing_slash` whether the path ended in '/'.
struct Parent {
    PathRef dir;
    String last;
    bool trailing_slash = false;
};
Result<Parent> resolve_parent(const Walk& w, std::string_view path);

// mkdir -p: creates each missing directory of `path` (mode 0755, owned by
// `owner`, crossing mounts) and returns the last. For boot-time set-up
// (volume mount points, the working directory), not for the application.
Result<PathRef> make_dirs(const Walk& w, std::string_view path, const Cred& owner);

// The absolute path of a place, as getcwd(2) and /proc/self/fd show it.
Result<String> absolute_path(const PathRef& root, const PathRef& p);

}  // namespace ukp::vfs
