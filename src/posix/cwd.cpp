// The working directory and root: getcwd and its glibc variants, chdir,
// chroot, umask; and getdents64.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

extern "C" [[noreturn]] void __chk_fail(void);

// glibc's contract: with buf == NULL the result is malloc'd (the app's
// memory, which it frees), exactly `size` bytes or, for size 0, as needed.
UKP_EXPORT char* getcwd(char* buf, size_t size) {
    UKP_ENTRY_ARGS(getcwd, buf, size);
    if (buf) {
        if (size == 0) return ukp::posix::ret_ptr(ukp::posix::fail_null<char>(ukp::LX_EINVAL));
        auto r = sys::getcwd(buf, size);
        return ukp::posix::ret_ptr(r.ok() ? buf : ukp::posix::fail_null<char>(r.error()));
    }
    char tmp[PATH_MAX];
    auto r = sys::getcwd(tmp, size == 0 || size > sizeof tmp ? sizeof tmp : size);
    if (!r.ok()) return ukp::posix::ret_ptr(ukp::posix::fail_null<char>(r.error()));
    char* out = static_cast<char*>(malloc(size == 0 ? *r : size));
    if (!out) return ukp::posix::ret_ptr(ukp::posix::fail_null<char>(ukp::LX_ENOMEM));
    memcpy(out, tmp, *r);
    return ukp::posix::ret_ptr(out);
}

UKP_EXPORT char* __getcwd_chk(char* buf, size_t size, size_t buflen) {
    UKP_ENTRY_ARGS(getcwd, buf, size, buflen);
    if (size > buflen) __chk_fail();
    return ukp::posix::ret_ptr(getcwd(buf, size));
}

// $PWD when it names the working directory (it keeps the user's symlinks),
// else the kernel's answer; as glibc.
UKP_EXPORT char* get_current_dir_name(void) {
    UKP_ENTRY_ARGS(libc);
    const char* pwd = getenv("PWD");
    ukp::lx_stat here, there;
    if (pwd && sys::newfstatat(AT_FDCWD, pwd, &there, 0).ok() && sys::newfstatat(AT_FDCWD, ".", &here, 0).ok() &&
        here.st_dev == there.st_dev && here.st_ino == there.st_ino)
        return ukp::posix::ret_ptr(strdup(pwd));
    return ukp::posix::ret_ptr(getcwd(nullptr, 0));
}

namespace {
char* do_getwd(char* buf) {
    char tmp[PATH_MAX];
    auto r = sys::getcwd(tmp, sizeof tmp);
    if (!r.ok()) {
        // getwd reports the error as text in the caller's buffer.
        errno = ukp::posix::host_errno(r.error());
        const char* msg = strerror_r(errno, buf, PATH_MAX);  // GNU: may not use buf
        if (msg != buf) {
            strncpy(buf, msg, PATH_MAX - 1);
            buf[PATH_MAX - 1] = '\0';
        }
        return nullptr;
    }
    return static_cast<char*>(memcpy(buf, tmp, *r));
}
}  // namespace

UKP_EXPORT char* getwd(char* buf) { UKP_ENTRY_ARGS(libc, buf); return ukp::posix::ret_ptr(do_getwd(buf)); }

UKP_EXPORT char* __getwd_chk(char* buf, size_t buflen) {
    UKP_ENTRY_ARGS(libc, buf, buflen);
    if (buflen < PATH_MAX) __chk_fail();
    return ukp::posix::ret_ptr(do_getwd(buf));
}

UKP_EXPORT int chdir(const char* path) { UKP_ENTRY_ARGS(chdir, path); return ret(sys::chdir(path)); }
UKP_EXPORT int fchdir(int fd) { UKP_ENTRY_ARGS(fchdir, fd); return ret(sys::fchdir(fd)); }
UKP_EXPORT int chroot(const char* path) { UKP_ENTRY_ARGS(chroot, path); return ret(sys::chroot(path)); }
UKP_EXPORT mode_t umask(mode_t mask) { UKP_ENTRY_ARGS(libc, mask); return sys::umask(mask); }

UKP_EXPORT ssize_t getdents64(int fd, void* buf, size_t n) {
    UKP_ENTRY_ARGS(getdents64, fd, buf, n);
    return ret<ssize_t>(sys::getdents64(fd, buf, n));
}
