// flock(2). The fcntl lock commands live with fcntl (sys_fd.cpp); both ask
// core/vfs/lock.hpp.
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "core/vfs/lock.hpp"

namespace ukp::sys {
namespace {
constexpr int kLockSh = 1, kLockEx = 2, kLockNb = 4, kLockUn = 8, kLockMand = 32;
}  // namespace

Result<int> flock(int fd, int op) {
    // LOCK_MAND never worked; Linux accepts and ignores it, before anything else.
    if (op & kLockMand) return 0;
    vfs::LockKind kind;
    switch (op & ~kLockNb) {
        case kLockSh: kind = vfs::LockKind::read; break;
        case kLockEx: kind = vfs::LockKind::write; break;
        case kLockUn: kind = vfs::LockKind::unlock; break;
        default: return LX_EINVAL;
    }
    Ref<vfs::File> f = TRY(file_of(fd));
    if (f->flags() & LX_O_PATH) return LX_EBADF;
    vfs::Vnode* v = f->vnode().get();
    if (!v) return 0;  // TODO(#3): objects without a vnode have no lock table
    TRY(vfs::set_flock(*v, f.get(), kind, !(op & kLockNb)));
    return 0;
}

}  // namespace ukp::sys
