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
    // Another thread may close and reuse an fd as soon as it is installed:
    // undoing removes only what still is ours (our references keep the
    // files, so no other file can have their addresses).
    int fd[2];
    fd[0] = TRY(fds.install(rd, cloexec));
    Result<int> w = fds.install(wr, cloexec);
    if (!w.ok()) {
        (void)fds.remove_if_same(fd[0], rd.get());
        return w.error();
    }
    fd[1] = *w;
    Result<void> r = copy_to_app(app_fds, fd, sizeof fd);
    if (!r.ok()) {
        (void)fds.remove_if_same(fd[0], rd.get());
        (void)fds.remove_if_same(fd[1], wr.get());
        return r.error();
    }
    return success();
}

}  // namespace ukp::sys
