// pipe(2), pipe2(2). FIFOs (mkfifo) are made by the name calls and opened
// by open(2).
#include <fcntl.h>
#include <unistd.h>

#include "core/sys/sys.hpp"
#include "posix/passthrough.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

static_assert(O_CLOEXEC == ukp::LX_O_CLOEXEC && O_NONBLOCK == ukp::LX_O_NONBLOCK && O_DIRECT == ukp::LX_O_DIRECT);

UKP_EXPORT int pipe(int fds[2]) {
    UKP_ENTRY_ARGS(libc, fds);
    UKP_HOST_PASSTHROUGH(pipe, fds);
    return ret(sys::pipe2(fds, 0));
}
UKP_EXPORT int pipe2(int fds[2], int flags) {
    UKP_ENTRY_ARGS(pipe2, fds, flags);
    UKP_HOST_PASSTHROUGH(pipe2, fds, flags);
    return ret(sys::pipe2(fds, flags));
}
