#include "core/vfs/mount.hpp"

namespace ukp::vfs {

Result<Ref<Mount>> MountTable::mount(Ref<Superblock> sb, const PathRef& where, std::string_view source,
                                     unsigned flags) {
    if (where && !where.vnode->is_dir()) return LX_ENOTDIR;
    LockGuard g(lock_);
    if (!where && !mounts_.empty()) return LX_EBUSY;
    if (mounts_.size() == kMaxMounts) return LX_ENOSPC;  // Linux's answer past mount-max
    auto m = make_ref<Mount>(std::move(sb), Ref<Mount>(where.mount), where.vnode, source, flags);
    if (flags & LX_ST_RDONLY) m->sb()->set_read_only(true);
    mounts_.push_back(m);
    std::size_t n = count_.load(std::memory_order_relaxed);
    published_[n].store(m.get(), std::memory_order_relaxed);
    count_.store(n + 1, std::memory_order_release);
    if (where) where.vnode->mount_count.fetch_add(1, std::memory_order_release);
    return m;
}

Ref<Mount> MountTable::root() const {
    SharedGuard g(lock_);
    return mounts_.empty() ? Ref<Mount>() : mounts_.front();
}

Mount* MountTable::covering(const PathRef& p) const {
    for (std::size_t i = count_.load(std::memory_order_acquire); i-- > 0;) {
        Mount* m = published_[i].load(std::memory_order_relaxed);
        if (m->is_mounted_on(p.mount, p.vnode.get())) return m;
    }
    return nullptr;
}

}  // namespace ukp::vfs
