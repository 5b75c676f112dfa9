// Descriptor calls: dup, fcntl, ioctl, isatty.
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/sys/sys.hpp"
#include "posix/passthrough.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

// The kernel's lock records use the host's struct flock unchanged.
static_assert(sizeof(struct flock) == 32 && offsetof(struct flock, l_start) == 8 &&
              offsetof(struct flock, l_pid) == 24);

namespace {
int do_fcntl(int fd, int cmd, va_list ap, ukp::posix::Entry& entry) {
    // Every command's argument fits a register; the kernel reads what it needs.
    unsigned long arg = va_arg(ap, unsigned long);
    entry.arg(arg);
    return ret<int>(sys::fcntl(fd, cmd, arg));
}
}  // namespace

UKP_EXPORT int dup(int fd) { UKP_ENTRY_ARGS(dup, fd); return ret<int>(sys::dup(fd)); }
UKP_EXPORT int dup2(int fd, int newfd) { UKP_ENTRY_ARGS(dup2, fd, newfd); return ret<int>(sys::dup2(fd, newfd)); }
UKP_EXPORT int dup3(int fd, int newfd, int flags) {
    UKP_ENTRY_ARGS(dup3, fd, newfd, flags);
    return ret<int>(sys::dup3(fd, newfd, flags));
}

UKP_EXPORT int fcntl(int fd, int cmd, ...) {
    UKP_ENTRY_ARGS(fcntl, fd, cmd);
    va_list ap;
    va_start(ap, cmd);
    if (ukp::posix::from_host_code()) {
        void* arg = va_arg(ap, void*);  // as glibc's own fcntl reads it
        va_end(ap);
        return ukp::host::libc::get().fcntl(fd, cmd, arg);
    }
    int r = do_fcntl(fd, cmd, ap, ukp_entry_);
    va_end(ap);
    return r;
}
// What glibc 2.28+ headers call with _FILE_OFFSET_BITS=64; same ABI on 64-bit.
UKP_EXPORT int fcntl64(int fd, int cmd, ...) {
    UKP_ENTRY_ARGS(fcntl, fd, cmd);
    va_list ap;
    va_start(ap, cmd);
    if (ukp::posix::from_host_code()) {
        void* arg = va_arg(ap, void*);  // as glibc's own fcntl reads it
        va_end(ap);
        return ukp::host::libc::get().fcntl64(fd, cmd, arg);
    }
    int r = do_fcntl(fd, cmd, ap, ukp_entry_);
    va_end(ap);
    return r;
}

UKP_EXPORT int ioctl(int fd, unsigned long request, ...) {
    UKP_ENTRY_ARGS(ioctl, fd, request);
    va_list ap;
    va_start(ap, request);
    void* arg = va_arg(ap, void*);
    va_end(ap);
    ukp_entry_.arg(arg);
    UKP_HOST_PASSTHROUGH(ioctl, fd, request, arg);
    return ret<int>(sys::ioctl(fd, request, arg));
}

// A terminal is what answers TCGETS, as in glibc.
UKP_EXPORT int isatty(int fd) {
    UKP_ENTRY_ARGS(libc, fd);
    unsigned char termios[60];
    auto r = sys::ioctl(fd, TCGETS, termios);
    if (r.ok()) return 1;
    errno = ukp::posix::host_errno(r.error());
    return 0;
}
