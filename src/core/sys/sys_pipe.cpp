// pipe(2) and pipe2(2). The pipe itself is core/ipc/pipe; FIFOs open
// through their node (core/ipc/fifo).
#include "core/ipc/pipe.hpp"
#include "core/sys/common.hpp"
#include "core/sys/sys.hpp"

namespace ukp::sys {

Result<void> pipe2(int* app_fds, int flags) {
    if (flags & ~(LX_O_CLOEXEC | LX_O_NONBLOCK | LX_O_DIRECT | LX_O_EXCL)) return LX_EINVAL;
    // O_NOTIFICATION_PIPE (O_EXCL): Linux built without watch queues.
    if (flags & LX_O_EXCL) return LX_ENOPKG;
    Ref<vfs::File> rd, wr;
    ipc::make_pipe(current().cred(), flags, rd, wr);
    vfs::FdTable& fds = current().fds();
    const bool cloexec = flags & LX_O_CLOEXEC;
    int fd[2];
    fd[0] = TRY(fds.install(std::move(rd), cloexec));
    Result<int> w = fds.install(std::move(wr), cloexec);
    if (!w.ok()) {
        (void)fds.remove(fd[0]);
        return w.error();
    }
    fd[1] = *w;
    Result<void> r = copy_to_app(app_fds, fd, sizeof fd);
    if (!r.ok()) {
        (void)fds.remove(fd[0]);
        (void)fds.remove(fd[1]);
        return r.error();
    }
    return success();
}

}  // namespace ukp::sys
