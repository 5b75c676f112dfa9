// devfs: /dev, with the look of Linux's devtmpfs. The tree itself is a ramfs
// instance of type "devtmpfs" (root may add nodes, as on Linux); what makes
// it /dev is the set of character-device drivers registered here, which any
// device node opens through (vfs/device.hpp), wherever it was made.
#pragma once

#include <cstdint>

#include "core/base/ref.hpp"
#include "core/base/result.hpp"
#include "core/vfs/file.hpp"
#include "core/vfs/place.hpp"
#include "core/vfs/superblock.hpp"
#include "core/vfs/types.hpp"

namespace ukp::devfs {

// Device numbers, as on Linux.
inline constexpr std::uint64_t kNull = lx_makedev(1, 3), kZero = lx_makedev(1, 5);
inline constexpr std::uint64_t kFull = lx_makedev(1, 7), kRandom = lx_makedev(1, 8);
inline constexpr std::uint64_t kUrandom = lx_makedev(1, 9), kTty = lx_makedev(5, 0);
inline constexpr std::uint64_t kConsole = lx_makedev(5, 1);

// Registers the drivers for every device above; called once at boot.
void register_drivers();

// A new, empty devtmpfs superblock.
Ref<vfs::Superblock> make(std::uint64_t max_bytes);

// Fills a mounted devfs: the device nodes (root-owned, 0666), the console
// node (owned by `user`, who is the one at the terminal), and the std*/fd
// symlinks into /proc/self/fd.
Result<void> populate(const vfs::PathRef& dev_root, const vfs::Cred& root, const vfs::Cred& user);

// The kernel's fds 0, 1 and 2: a File for host stream `stream` (0, 1, 2)
// whose vnode is the console node `node`, with the access mode the host
// stream has; EBADF when the host has that stream closed.
Result<Ref<vfs::File>> make_console_file(Ref<vfs::Vnode> node, int stream);

}  // namespace ukp::devfs
