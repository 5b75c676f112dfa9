// Boot: the configuration's volumes mounted at their guest paths.
#include "core/base/log.hpp"
#include "core/fs/hostfs/hostfs.hpp"
#include "core/kernel/config.hpp"
#include "core/vfs/mount.hpp"
#include "core/vfs/path.hpp"

namespace ukp::hostfs {

void mount_volumes(const Config& cfg, vfs::MountTable& mounts, const vfs::PathRef& root,
                   const vfs::Cred& owner) {
    vfs::Cred boot{};  // root's search rights while making the mount points
    vfs::Walk walk{&mounts, root, root, &boot};
    for (std::size_t i = 0; i < cfg.volume_count; ++i) {
        const char* host_path = cfg.volume_host(i);
        const char* guest = cfg.volume_guest(i);
        const bool ro = cfg.volumes[i].read_only;
        Result<Ref<Sb>> sb = make(host_path, ro, cfg.uid, cfg.gid);
        if (!sb.ok()) {
            UKP_LOG(error, "volume {}:{}: cannot open the host directory ({}); not mounted", host_path, guest,
                    errno_name(sb.error()));
            continue;
        }
        Result<vfs::PathRef> where = vfs::make_dirs(walk, guest, owner);
        if (!where.ok()) {
            UKP_LOG(error, "volume {}:{}: cannot make the mount point ({}); not mounted", host_path, guest,
                    errno_name(where.error()));
            continue;
        }
        unsigned flags = LX_ST_NODEV | (ro ? LX_ST_RDONLY : 0);
        if (Result<Ref<vfs::Mount>> m = mounts.mount(*sb, *where, host_path, flags); !m.ok())
            UKP_LOG(error, "volume {}:{}: mount failed ({})", host_path, guest, errno_name(m.error()));
        else
            UKP_LOG(info, "volume {} mounted at {}{}", host_path, guest, ro ? " (read-only)" : "");
    }
}

}  // namespace ukp::hostfs
