// File locks: flock, lockf. fcntl's lock commands go through fcntl (fd.cpp).
// glibc's lockf calls its internal fcntl, which would reach the host, so
// lockf is rebuilt here with glibc's semantics on the kernel's fcntl.
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

// The kernel takes Linux's numbering; these are passed through unchanged.
static_assert(LOCK_SH == 1 && LOCK_EX == 2 && LOCK_NB == 4 && LOCK_UN == 8);
static_assert(F_GETLK == 5 && F_SETLK == 6 && F_SETLKW == 7);
static_assert(F_RDLCK == 0 && F_WRLCK == 1 && F_UNLCK == 2);
// F_GETLK64 and struct flock64 are the same as the plain ones on 64-bit
// hosts, so fcntl (fd.cpp) passes both through.
static_assert(F_GETLK64 == F_GETLK && F_SETLK64 == F_SETLK && F_SETLKW64 == F_SETLKW);
static_assert(sizeof(struct flock64) == sizeof(struct flock));

namespace {

// glibc's lockf64: a lock of `len` bytes from the current offset
// (negative: the bytes before it; 0: to the end and beyond).
int do_lockf(int fd, int cmd, off64_t len) {
    struct flock fl = {};
    fl.l_whence = SEEK_CUR;
    fl.l_start = 0;
    fl.l_len = len;
    auto arg = reinterpret_cast<unsigned long>(&fl);
    switch (cmd) {
        case F_TEST: {
            // Locked only if someone other than this process holds it.
            fl.l_type = F_RDLCK;
            auto r = sys::fcntl(fd, F_GETLK, arg);
            if (!r.ok()) return ret<int>(r);
            if (fl.l_type == F_UNLCK || fl.l_pid == sys::getpid()) return 0;
            errno = EACCES;
            return -1;
        }
        case F_ULOCK: fl.l_type = F_UNLCK; return ret<int>(sys::fcntl(fd, F_SETLK, arg));
        case F_LOCK: fl.l_type = F_WRLCK; return ret<int>(sys::fcntl(fd, F_SETLKW, arg));
        case F_TLOCK: fl.l_type = F_WRLCK; return ret<int>(sys::fcntl(fd, F_SETLK, arg));
        default: errno = EINVAL; return -1;
    }
}

}  // namespace

UKP_EXPORT int flock(int fd, int op) { UKP_ENTRY_ARGS(flock, fd, op); return ret<int>(sys::flock(fd, op)); }
UKP_EXPORT int lockf(int fd, int cmd, off_t len) { UKP_ENTRY_ARGS(libc, fd, cmd, len); return do_lockf(fd, cmd, len); }
UKP_EXPORT int lockf64(int fd, int cmd, off64_t len) {
    UKP_ENTRY_ARGS(libc, fd, cmd, len);
    return do_lockf(fd, cmd, len);
}
