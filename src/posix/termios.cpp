// tcgetattr/tcsetattr: glibc issues the ioctls itself, on the host fd with
// the same number, so libukp answers through the kernel's ioctl instead.
#include <sys/ioctl.h>
#include <termios.h>

#include <cstring>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;

namespace {
// The kernel's struct termios is the first 36 bytes of glibc's.
constexpr std::size_t kKernelTermios = 36;
}  // namespace

UKP_EXPORT int tcgetattr(int fd, struct termios* t) {
    UKP_ENTRY_ARGS(libc, fd, t);
    unsigned char k[kKernelTermios];
    if (int r = ret<int>(ukp::sys::ioctl(fd, TCGETS, k)); r < 0) return r;
    std::memset(t, 0, sizeof *t);
    std::memcpy(t, k, kKernelTermios);
    t->c_ispeed = t->c_ospeed = t->c_cflag & (CBAUD | CBAUDEX);
    return 0;
}

UKP_EXPORT int tcsetattr(int fd, int action, const struct termios* t) {
    UKP_ENTRY_ARGS(libc, fd, action, t);
    unsigned long req;
    switch (action) {
        case TCSANOW: req = TCSETS; break;
        case TCSADRAIN: req = TCSETSW; break;
        case TCSAFLUSH: req = TCSETSF; break;
        default: errno = EINVAL; return -1;
    }
    unsigned char k[kKernelTermios];
    std::memcpy(k, t, kKernelTermios);
    return ret<int>(ukp::sys::ioctl(fd, req, k)) < 0 ? -1 : 0;
}
