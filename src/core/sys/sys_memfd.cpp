// memfd_create(2): an anonymous file in memory, optionally sealable.
#include "core/fs/ramfs/ramfs.hpp"
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"

namespace ukp::sys {

Result<int> memfd_create(const char* app_name, unsigned flags) {
    constexpr unsigned kKnown = LX_MFD_CLOEXEC | LX_MFD_ALLOW_SEALING | LX_MFD_HUGETLB | LX_MFD_NOEXEC_SEAL | LX_MFD_EXEC;
    if (flags & ~kKnown) return LX_EINVAL;
    if ((flags & LX_MFD_NOEXEC_SEAL) && (flags & LX_MFD_EXEC)) return LX_EINVAL;
    // No huge pages here: Linux says EINVAL when hugetlbfs cannot serve.
    if (flags & LX_MFD_HUGETLB) return LX_EINVAL;
    PathBuf name;
    TRY(copy_path(app_name, name));
    // The name shows as "/memfd:NAME" (NAME_MAX in all, Linux's limit).
    constexpr std::size_t kPrefix = sizeof("memfd:") - 1;
    if (name.len > LX_NAME_MAX - kPrefix) return LX_EINVAL;

    // NOEXEC_SEAL: no execute bits, and sealed so none can be added.
    const std::uint32_t mode = (flags & LX_MFD_NOEXEC_SEAL) ? 0666 : 0777;
    Ref<vfs::Vnode> dir = kernel().memfd_fs().root();
    Ref<vfs::Vnode> node = TRY(dir->create_unnamed(mode, current().cred(), false));
    auto& file_node = static_cast<ramfs::Regular&>(*node);
    if (flags & (LX_MFD_ALLOW_SEALING | LX_MFD_NOEXEC_SEAL)) file_node.allow_sealing();
    if (flags & LX_MFD_NOEXEC_SEAL) TRY(file_node.add_seals(LX_F_SEAL_EXEC));
    Ref<vfs::File> file = TRY(node->open(LX_O_RDWR | LX_O_LARGEFILE));
    vfs::String shown("/memfd:", mem::resource());
    shown += name.view();
    file->set_path({}, {}, shown);
    return current().fds().install(std::move(file), flags & LX_MFD_CLOEXEC);
}

}  // namespace ukp::sys
