// eventfd2(2).
#include "core/event/eventfd.hpp"

#include "core/event/abi.hpp"
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"
#include "core/vfs/anon_inode.hpp"

namespace ukp::sys {

Result<int> eventfd2(unsigned initval, int flags) {
    if (flags & ~(LX_EFD_SEMAPHORE | LX_EFD_CLOEXEC | LX_EFD_NONBLOCK)) return LX_EINVAL;
    Process& p = current();
    Ref<vfs::AnonInode> node = vfs::make_anon_inode(vfs::AnonKind::Other, p.cred(), "eventfd");
    Ref<vfs::File> f = make_ref<event::EventFd>(std::move(node), LX_O_RDWR | (flags & LX_EFD_NONBLOCK),
                                                initval, (flags & LX_EFD_SEMAPHORE) != 0);
    return p.fds().install(std::move(f), (flags & LX_EFD_CLOEXEC) != 0);
}

}  // namespace ukp::sys
