// The file systems every kernel starts with: /tmp (ramfs, sticky, 1777),
// /dev (devfs, at 0755), /proc (procfs), and the console on fds 0, 1 and 2
// (the host's standard streams, shown as /dev/console); and the resolver's
// /etc/hosts and /etc/resolv.conf (boot_etc.hpp).
#pragma once

#include "core/base/result.hpp"
#include "core/vfs/path.hpp"
#include "core/vfs/types.hpp"

namespace ukp {

class Kernel;
Result<void> mount_boot_filesystems(Kernel& k, const vfs::PathRef& root, const vfs::Cred& root_cred);

}  // namespace ukp
