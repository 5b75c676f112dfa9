// A place in the tree (PathRef) and the mounts that make places: the same
// vnode can be visible in several places, so a place is (mount, vnode).
#pragma once

#include <string_view>

#include "core/base/ref.hpp"
#include "core/vfs/superblock.hpp"
#include "core/vfs/types.hpp"
#include "core/vfs/vnode.hpp"

namespace ukp::vfs {

struct PathRef;

// One place where a superblock's root appears.
class Mount : public RefCounted {
public:
    Mount(Ref<Superblock> sb, Ref<Mount> parent, Ref<Vnode> mountpoint, std::string_view source,
          unsigned flags)
        : sb_(std::move(sb)), root_(sb_->root()), parent_(std::move(parent)),
          mountpoint_(std::move(mountpoint)), source_(source, mem::resource()), flags_(flags) {}

    const Ref<Superblock>& sb() const { return sb_; }
    const Ref<Vnode>& root() const { return root_; }
    // Where it is mounted; empty for the root mount.
    PathRef mountpoint() const;
    bool is_mounted_on(const Mount* parent, const Vnode* vnode) const {
        return parent_.get() == parent && mountpoint_.get() == vnode;
    }
    std::string_view source() const { return source_; }
    unsigned flags() const { return flags_; }  // LX_ST_RDONLY etc.

private:
    Ref<Superblock> sb_;
    Ref<Vnode> root_;
    Ref<Mount> parent_;
    Ref<Vnode> mountpoint_;
    String source_;
    unsigned flags_;
};

// A vnode and the mount it was reached through. The mount is a plain
// pointer: mounts live as long as the kernel (the table owns them), which
// saves two atomic operations on every copy of a place. umount, when it
// comes, must keep a Mount until no place can still name it.
struct PathRef {
    Mount* mount = nullptr;
    Ref<Vnode> vnode;
    explicit operator bool() const { return static_cast<bool>(vnode); }
};

inline PathRef Mount::mountpoint() const { return PathRef{parent_.get(), mountpoint_}; }

}  // namespace ukp::vfs
