// procfs: /proc, the kernel's state as text. Read-only and root-owned like
// Linux's proc; the entries of the process (/proc/self) belong to the
// process's user. Every file's text is generated when it is opened and kept
// in the open File, so one reader sees one consistent snapshot however it
// reads and seeks.
#pragma once

#include "core/base/ref.hpp"
#include "core/base/result.hpp"
#include "core/vfs/file.hpp"
#include "core/vfs/superblock.hpp"
#include "core/vfs/types.hpp"

namespace ukp::procfs {

// A new proc superblock with the whole tree.
Ref<vfs::Superblock> make();

// What /proc/self/fd/N reads as: the file's absolute path from the process
// root (" (deleted)" appended once it has no name left), or "pipe:[ino]",
// "socket:[ino]", "anon_inode:[type]" for files that never had a path.
Result<vfs::String> fd_link_text(const vfs::File& f);

}  // namespace ukp::procfs
