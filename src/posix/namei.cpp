// Names: mkdir, mknod, mkfifo, unlink, rmdir, rename, link, symlink,
// readlink, under every name glibc's headers emit.
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

extern "C" [[noreturn]] void __chk_fail(void);

namespace {
// glibc refuses a dev_t that does not fit the syscall's 32 bits.
int do_mknodat(int dirfd, const char* path, mode_t mode, dev_t dev) {
    if (dev != static_cast<unsigned>(dev)) return ret(ukp::Result<void>(ukp::LX_EINVAL));
    return ret(sys::mknodat(dirfd, path, mode, dev));
}
}  // namespace

UKP_EXPORT int mkdir(const char* path, mode_t mode) {
    UKP_ENTRY_ARGS(mkdir, path, mode);
    return ret(sys::mkdirat(AT_FDCWD, path, mode));
}
UKP_EXPORT int mkdirat(int dirfd, const char* path, mode_t mode) {
    UKP_ENTRY_ARGS(mkdirat, dirfd, path, mode);
    return ret(sys::mkdirat(dirfd, path, mode));
}
UKP_EXPORT int mknod(const char* path, mode_t mode, dev_t dev) {
    UKP_ENTRY_ARGS(mknod, path, mode, dev);
    return do_mknodat(AT_FDCWD, path, mode, dev);
}
UKP_EXPORT int mknodat(int dirfd, const char* path, mode_t mode, dev_t dev) {
    UKP_ENTRY_ARGS(mknodat, dirfd, path, mode, dev);
    return do_mknodat(dirfd, path, mode, dev);
}
UKP_EXPORT int mkfifo(const char* path, mode_t mode) {
    UKP_ENTRY_ARGS(libc, path, mode);
    return do_mknodat(AT_FDCWD, path, S_IFIFO | mode, 0);
}
UKP_EXPORT int mkfifoat(int dirfd, const char* path, mode_t mode) {
    UKP_ENTRY_ARGS(libc, dirfd, path, mode);
    return do_mknodat(dirfd, path, S_IFIFO | mode, 0);
}
// Pre-2.33 glibc entry points that older binaries still call.
UKP_EXPORT int __xmknod(int, const char* path, mode_t mode, dev_t* dev) {
    UKP_ENTRY_ARGS(libc, path, mode, dev);
    return do_mknodat(AT_FDCWD, path, mode, *dev);
}
UKP_EXPORT int __xmknodat(int, int dirfd, const char* path, mode_t mode, dev_t* dev) {
    UKP_ENTRY_ARGS(libc, dirfd, path, mode, dev);
    return do_mknodat(dirfd, path, mode, *dev);
}

UKP_EXPORT int unlink(const char* path) { UKP_ENTRY_ARGS(unlink, path); return ret(sys::unlinkat(AT_FDCWD, path, 0)); }
UKP_EXPORT int unlinkat(int dirfd, const char* path, int flags) {
    UKP_ENTRY_ARGS(unlinkat, dirfd, path, flags);
    return ret(sys::unlinkat(dirfd, path, flags));
}
UKP_EXPORT int rmdir(const char* path) {
    UKP_ENTRY_ARGS(rmdir, path);
    return ret(sys::unlinkat(AT_FDCWD, path, AT_REMOVEDIR));
}

UKP_EXPORT int rename(const char* from, const char* to) {
    UKP_ENTRY_ARGS(rename, from, to);
    return ret(sys::renameat2(AT_FDCWD, from, AT_FDCWD, to, 0));
}
UKP_EXPORT int renameat(int fromfd, const char* from, int tofd, const char* to) {
    UKP_ENTRY_ARGS(renameat, fromfd, from, tofd, to);
    return ret(sys::renameat2(fromfd, from, tofd, to, 0));
}
UKP_EXPORT int renameat2(int fromfd, const char* from, int tofd, const char* to, unsigned int flags) {
    UKP_ENTRY_ARGS(renameat2, fromfd, from, tofd, to, flags);
    return ret(sys::renameat2(fromfd, from, tofd, to, flags));
}

UKP_EXPORT int link(const char* from, const char* to) {
    UKP_ENTRY_ARGS(link, from, to);
    return ret(sys::linkat(AT_FDCWD, from, AT_FDCWD, to, 0));
}
UKP_EXPORT int linkat(int fromfd, const char* from, int tofd, const char* to, int flags) {
    UKP_ENTRY_ARGS(linkat, fromfd, from, tofd, to, flags);
    return ret(sys::linkat(fromfd, from, tofd, to, flags));
}
UKP_EXPORT int symlink(const char* target, const char* path) {
    UKP_ENTRY_ARGS(symlink, target, path);
    return ret(sys::symlinkat(target, AT_FDCWD, path));
}
UKP_EXPORT int symlinkat(const char* target, int dirfd, const char* path) {
    UKP_ENTRY_ARGS(symlinkat, target, dirfd, path);
    return ret(sys::symlinkat(target, dirfd, path));
}

UKP_EXPORT ssize_t readlink(const char* path, char* buf, size_t size) {
    UKP_ENTRY_ARGS(readlink, path, buf, size);
    return ret<ssize_t>(sys::readlinkat(AT_FDCWD, path, buf, size));
}
UKP_EXPORT ssize_t readlinkat(int dirfd, const char* path, char* buf, size_t size) {
    UKP_ENTRY_ARGS(readlinkat, dirfd, path, buf, size);
    return ret<ssize_t>(sys::readlinkat(dirfd, path, buf, size));
}
// _FORTIFY_SOURCE: the compiler knows the buffer is `buflen` bytes.
UKP_EXPORT ssize_t __readlink_chk(const char* path, char* buf, size_t size, size_t buflen) {
    UKP_ENTRY_ARGS(readlink, path, buf, size, buflen);
    if (size > buflen) __chk_fail();
    return readlink(path, buf, size);
}
UKP_EXPORT ssize_t __readlinkat_chk(int dirfd, const char* path, char* buf, size_t size, size_t buflen) {
    UKP_ENTRY_ARGS(readlinkat, dirfd, path, buf, size, buflen);
    if (size > buflen) __chk_fail();
    return readlinkat(dirfd, path, buf, size);
}
