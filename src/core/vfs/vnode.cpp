#include "core/vfs/vnode.hpp"

#include "core/vfs/file.hpp"
#include "core/vfs/lock.hpp"
#include "core/vfs/perm.hpp"

namespace ukp::vfs {

Vnode::~Vnode() {
    if (LockState* s = lock_state.load(std::memory_order_acquire)) free_lock_state(s);
}

Result<void> Vnode::permission(const Cred& cred, int mask) { return vfs::permission(getattr(), cred, mask); }

Result<std::int64_t> Vnode::seek_data(std::int64_t off, bool hole) {
    std::int64_t size = getattr().size;
    if (off < 0 || off >= size) return LX_ENXIO;
    return hole ? size : off;
}

Result<Ref<File>> Vnode::open(int flags) { return Ref<File>(make_ref<VnodeFile>(Ref<Vnode>(this), flags)); }

}  // namespace ukp::vfs
