// The image writer: a host directory tree as a ukp image (the format is in
// src/core/fs/imagefs/format.hpp), for `ukp pack` to append to a binary and
// the kernel's imagefs to serve.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace ukp::tool {

struct ImageOptions {
    // Owner of every node: the host's ids (false) or root's (true, what a
    // packed root tree usually wants: the files of the system it carries).
    bool root_owned = false;
};

struct ImageResult {
    bool ok = false;
    std::uint64_t size = 0;   // bytes written (the image's size), when ok
    std::string error;        // one line, when not ok
};

// Walks `root` (a host directory; symlinks below it are stored, never
// followed) and writes its image sequentially to `fd` or `out` (a pipe or a
// file at any offset: alignment is relative to the image's first byte).
// Fails with a message naming the path for special files (devices, FIFOs,
// sockets), files too large for the format, unreadable entries, or a file
// whose size changed while it was written.
ImageResult write_image(const std::string& root, int fd, const ImageOptions& opts = {});
ImageResult write_image(const std::string& root, std::FILE* out, const ImageOptions& opts = {});

}  // namespace ukp::tool
