// Unique names for temporary files: the engine under mkstemp and friends,
// tmpfile and tmpnam. Names are made in the kernel's file system, with
// random characters from the host's random source.
#pragma once

namespace ukp::posix {

enum class TempKind {
    kFile,     // create a regular file (O_CREAT | O_EXCL), return its fd
    kDir,      // create a directory (mode 0700), return 0
    kNoCreate  // only find a name that does not exist (mktemp), return 0
};

// Replaces the six X before the last `suffix_len` characters of `tmpl` with
// random characters and creates the object, retrying on EEXIST like glibc's
// __gen_tempname. `flags` are extra open flags for kFile. Returns the fd (or
// 0), or -1 with errno set (EINVAL for a bad template).
int gen_tempname(char* tmpl, int suffix_len, int flags, TempKind kind);

}  // namespace ukp::posix
