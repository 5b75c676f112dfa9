#include "core/kernel/boot_mounts.hpp"

#include "core/fs/ramfs/ramfs.hpp"
#include "core/kernel/kernel.hpp"
#include "host/host.hpp"

namespace ukp {
namespace {

Result<vfs::PathRef> make_dir(const vfs::PathRef& parent, std::string_view name, std::uint32_t mode,
                              const vfs::Cred& owner) {
    Ref<vfs::Vnode> dir = TRY(parent.vnode->create(name, LX_S_IFDIR | mode, owner, 0));
    return vfs::PathRef{parent.mount, dir};
}

}  // namespace

Result<void> mount_boot_filesystems(Kernel& k, const vfs::PathRef& root, const vfs::Cred& root_cred) {
    const Config& cfg = k.config();
    vfs::PathRef tmp = TRY(make_dir(root, "tmp", 01777, root_cred));
    std::uint64_t tmp_size = cfg.tmp_size ? cfg.tmp_size : host::memory_total() / 2;
    auto tmp_sb = ramfs::make(tmp_size, 01777, root_cred);
    TRY(k.mounts().mount(tmp_sb, tmp, "tmpfs", 0));
    return success();
}

}  // namespace ukp
