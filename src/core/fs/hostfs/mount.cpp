// Boot: the configuration's volumes mounted at their guest paths.
#include "core/base/log.hpp"
#include "core/fs/hostfs/hostfs.hpp"
#include "core/kernel/config.hpp"
#include "core/vfs/mount.hpp"
#include "core/vfs/path.hpp"

namespace ukp::hostfs {
namespace {

// mkdir -p in the kernel's namespace (crossing mounts such as /tmp).
Result<vfs::PathRef> make_dirs(const vfs::Walk& walk, std::string_view path, const vfs::Cred& owner) {
    for (std::size_t pos = 0;;) {
        pos = path.find_first_not_of('/', pos);
        if (pos == std::string_view::npos) return vfs::resolve(walk, path, vfs::kFollow | vfs::kDirectory);
        std::size_t end = path.find('/', pos);
        std::string_view prefix = path.substr(0, end);
        Result<vfs::PathRef> found = vfs::resolve(walk, prefix, vfs::kFollow | vfs::kDirectory);
        if (!found.ok() && found.error() == LX_ENOENT) {
            vfs::Parent p = TRY(vfs::resolve_parent(walk, prefix));
            if (p.last.empty() || p.last == "." || p.last == "..") return LX_ENOENT;
            TRY(p.dir.vnode->create(p.last, LX_S_IFDIR | 0755, owner, 0));
            found = vfs::resolve(walk, prefix, vfs::kFollow | vfs::kDirectory);
        }
        if (end == std::string_view::npos) return found;
        TRY(found);
        pos = end;
    }
}

}  // namespace

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
        Result<vfs::PathRef> where = make_dirs(walk, guest, owner);
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
