#include "core/kernel/boot_mounts.hpp"

#include <algorithm>

#include "core/fs/devfs/devfs.hpp"
#include "core/fs/procfs/procfs.hpp"
#include "core/fs/ramfs/ramfs.hpp"
#include "core/kernel/boot_etc.hpp"
#include "core/kernel/kernel.hpp"
#include "host/host.hpp"

namespace ukp {
namespace {

Result<vfs::PathRef> make_dir(const vfs::PathRef& parent, std::string_view name, std::uint32_t mode,
                              const vfs::Cred& owner) {
    Ref<vfs::Vnode> dir = TRY(parent.vnode->create(name, LX_S_IFDIR | mode, owner, 0));
    return vfs::PathRef{parent.mount, dir};
}

// Kernel fds 0, 1 and 2 are the host's standard streams, each shown as the
// console node /dev/console (see devfs.hpp).
Result<void> install_console(Process& p, const vfs::PathRef& dev) {
    Ref<vfs::Vnode> node = TRY(dev.vnode->lookup("console"));
    for (int stream = 0; stream < 3; ++stream) {
        Result<Ref<vfs::File>> f = devfs::make_console_file(node, stream);
        if (!f.ok()) continue;  // closed on the host: closed here too
        (*f)->set_path(vfs::PathRef{dev.mount, node}, dev, "console");
        TRY(p.fds().install_at(stream, std::move(*f), false));
    }
    return success();
}

}  // namespace

Result<void> mount_boot_filesystems(Kernel& k, const vfs::PathRef& root, const vfs::Cred& root_cred) {
    const Config& cfg = k.config();
    // Owned by the kernel's user, like the root itself: the app may edit them.
    // With host sockets the DNS servers are the host's own.
    char host_resolv[4096];
    std::string_view resolv;
    if (cfg.net_host) {
        std::ptrdiff_t n = host::sock_resolv_conf(host_resolv, sizeof host_resolv);
        if (n > 0) resolv = {host_resolv, std::min(static_cast<std::size_t>(n), sizeof host_resolv)};
    }
    TRY(write_etc_defaults(root, k.process().cred(), resolv));
    vfs::PathRef tmp = TRY(make_dir(root, "tmp", 01777, root_cred));
    std::uint64_t tmp_size = cfg.tmp_size ? cfg.tmp_size : k.default_fs_size();
    auto tmp_sb = ramfs::make(tmp_size, 01777, root_cred);
    TRY(k.mounts().mount(tmp_sb, tmp, "tmpfs", 0));

    devfs::register_drivers();
    vfs::PathRef dev_dir = TRY(make_dir(root, "dev", 0755, root_cred));
    Ref<vfs::Mount> dev_mount = TRY(k.mounts().mount(devfs::make(k.default_fs_size()), dev_dir, "devtmpfs", LX_ST_NOSUID));
    vfs::PathRef dev{dev_mount.get(), dev_mount->root()};
    TRY(devfs::populate(dev, root_cred, k.process().cred()));

    vfs::PathRef proc_dir = TRY(make_dir(root, "proc", 0555, root_cred));
    TRY(k.mounts().mount(procfs::make(), proc_dir, "proc", LX_ST_NOSUID | LX_ST_NODEV));

    return install_console(k.process(), dev);
}

}  // namespace ukp
