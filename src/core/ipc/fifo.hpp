// Opening a FIFO (or reopening a pipe through /proc/self/fd/N), for any
// file system: the node's endpoint slot holds the Pipe, made on first use.
// Linux's rules: O_RDONLY waits for a writer to open, O_WRONLY for a
// reader; O_NONBLOCK reads succeed at once, O_NONBLOCK writes fail with
// ENXIO when nobody reads; O_RDWR never waits. A pipe's own inode never
// waits. Called with no lock held (it may block).
#pragma once

#include "core/base/ref.hpp"
#include "core/base/result.hpp"
#include "core/vfs/file.hpp"

namespace ukp::ipc {

Result<Ref<vfs::File>> fifo_open(vfs::Vnode& node, int flags);

}  // namespace ukp::ipc
