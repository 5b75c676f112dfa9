#include "core/vfs/mount.hpp"

namespace ukp::vfs {

Result<Ref<Mount>> MountTable::mount(Ref<Superblock> sb, const PathRef& where, std::string_view source,
                                     unsigned flags) {
    if (where && !where.vnode->is_dir()) return LX_ENOTDIR;
    LockGuard g(lock_);
    if (!where && !mounts_.empty()) return LX_EBUSY;
    auto m = make_ref<Mount>(std::move(sb), where.mount, where.vnode, source, flags);
    if (flags & LX_ST_RDONLY) m->sb()->set_read_only(true);
    mounts_.push_back(m);
    if (where) where.vnode->mount_count.fetch_add(1, std::memory_order_release);
    return m;
}

Ref<Mount> MountTable::root() const {
    SharedGuard g(lock_);
    return mounts_.empty() ? Ref<Mount>() : mounts_.front();
}

Ref<Mount> MountTable::covering(const PathRef& p) const {
    SharedGuard g(lock_);
    for (auto it = mounts_.rbegin(); it != mounts_.rend(); ++it) {
        PathRef mp = (*it)->mountpoint();
        if (mp.vnode == p.vnode && mp.mount == p.mount) return *it;
    }
    return {};
}

}  // namespace ukp::vfs
