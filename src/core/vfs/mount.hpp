// The mount table: maps (parent mount, vnode) to the mount that covers it.
#pragma once

#include <memory_resource>
#include <vector>

#include "core/base/lock.hpp"
#include "core/base/ref.hpp"
#include "core/base/result.hpp"
#include "core/vfs/path.hpp"
#include "core/vfs/superblock.hpp"
#include "core/vfs/types.hpp"

namespace ukp::vfs {

class MountTable {
public:
    MountTable() : mounts_(mem::resource()) {}
    // Mounts sb on `where` (a directory). The first mount, with an empty
    // `where`, becomes the root.
    Result<Ref<Mount>> mount(Ref<Superblock> sb, const PathRef& where, std::string_view source,
                             unsigned flags);
    Ref<Mount> root() const;
    // The mount whose root covers `p`, if any (the newest when stacked).
    Mount* covering(const PathRef& p) const;
    // Calls fn(mount) for each mount in mount order.
    template <typename Fn>
    void for_each(Fn&& fn) const {
        SharedGuard g(lock_);
        for (const auto& m : mounts_) fn(m);
    }

    static constexpr std::size_t kMaxMounts = 256;

private:
    mutable RwLock lock_;
    std::pmr::vector<Ref<Mount>> mounts_;  // owns the mounts; guarded by lock_
    // The same mounts for the path walk, which looks here at every mount
    // point it crosses: published with a release store of count_, read
    // without a lock. Mounts are never removed yet; umount will need to
    // defer freeing until no walk can still see the entry.
    std::atomic<Mount*> published_[kMaxMounts] = {};
    std::atomic<std::size_t> count_{0};
};

}  // namespace ukp::vfs
