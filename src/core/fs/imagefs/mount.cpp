// Boot: the configuration's image mounted read-only at its guest path.
#include "core/base/log.hpp"
#include "core/fs/imagefs/imagefs.hpp"
#include "core/fs/ramfs/ramfs.hpp"
#include "core/kernel/config.hpp"
#include "core/vfs/mount.hpp"
#include "core/vfs/path.hpp"

namespace ukp::imagefs {

namespace {

bool at_root(const Config& cfg) {
    return std::string_view(cfg.image_guest).find_first_not_of('/') == std::string_view::npos;
}

Result<Ref<Sb>> open_configured(const Config& cfg) {
    const char* why = nullptr;
    Result<Ref<Sb>> sb = open(cfg.image_path, cfg.image_offset, cfg.image_size, &why);
    if (!sb.ok())
        UKP_LOG(error, "image {}:{}:{}: {} ({}); not mounted", cfg.image_path, cfg.image_offset, cfg.image_size,
                why ? why : "cannot open", errno_name(sb.error()));
    return sb;
}

}  // namespace

Result<void> lay_image_under_root(const Config& cfg, ramfs::Sb& root) {
    if (!cfg.image_path[0] || !at_root(cfg)) return success();
    Ref<Sb> sb = TRY(open_configured(cfg));
    root.set_lower(sb);
    UKP_LOG(info, "image {} (bytes {}+{}) under the root", cfg.image_path, cfg.image_offset, cfg.image_size);
    return success();
}

void mount_image(const Config& cfg, vfs::MountTable& mounts, const vfs::PathRef& root, const vfs::Cred& owner) {
    if (!cfg.image_path[0] || at_root(cfg)) return;
    Result<Ref<Sb>> sb = open_configured(cfg);
    if (!sb.ok()) return;
    vfs::Cred boot{};  // root's search rights while making the mount point
    vfs::Walk walk{&mounts, root, root, &boot};
    Result<vfs::PathRef> where = vfs::make_dirs(walk, cfg.image_guest, owner);
    if (!where.ok()) {
        UKP_LOG(error, "image {}: cannot make the mount point {} ({}); not mounted", cfg.image_path,
                cfg.image_guest, errno_name(where.error()));
        return;
    }
    if (Result<Ref<vfs::Mount>> m = mounts.mount(*sb, *where, "image", LX_ST_RDONLY | LX_ST_NODEV); !m.ok())
        UKP_LOG(error, "image {}: mount at {} failed ({})", cfg.image_path, cfg.image_guest, errno_name(m.error()));
    else
        UKP_LOG(info, "image {} (bytes {}+{}) mounted at {}", cfg.image_path, cfg.image_offset, cfg.image_size,
                cfg.image_guest);
}

}  // namespace ukp::imagefs
