// stat(2) and friends, including the pre-2.33 glibc __xstat entry points
// that older binaries still call.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>

#include "core/sys/sys.hpp"
#include "posix/passthrough.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

namespace {
ukp::lx_stat* lx(struct stat* s) { return reinterpret_cast<ukp::lx_stat*>(s); }
ukp::lx_stat* lx(struct stat64* s) { return reinterpret_cast<ukp::lx_stat*>(s); }
template <typename Stat>
int at(int dirfd, const char* path, Stat* st, int flags) {
    return ret(sys::newfstatat(dirfd, path, lx(st), flags));
}
}  // namespace

UKP_EXPORT int stat(const char* path, struct stat* st) {
    UKP_ENTRY_ARGS(stat, path, st);
    UKP_HOST_PASSTHROUGH(stat, path, st);
    return at(AT_FDCWD, path, st, 0);
}
UKP_EXPORT int stat64(const char* path, struct stat64* st) {
    UKP_ENTRY_ARGS(stat, path, st);
    UKP_HOST_PASSTHROUGH(stat64, path, st);
    return at(AT_FDCWD, path, st, 0);
}
UKP_EXPORT int lstat(const char* path, struct stat* st) {
    UKP_ENTRY_ARGS(lstat, path, st);
    return at(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}
UKP_EXPORT int lstat64(const char* path, struct stat64* st) {
    UKP_ENTRY_ARGS(lstat, path, st);
    return at(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}
UKP_EXPORT int fstat(int fd, struct stat* st) { UKP_ENTRY_ARGS(fstat, fd, st); return ret(sys::fstat(fd, lx(st))); }
UKP_EXPORT int fstat64(int fd, struct stat64* st) { UKP_ENTRY_ARGS(fstat, fd, st); return ret(sys::fstat(fd, lx(st))); }
UKP_EXPORT int fstatat(int dirfd, const char* path, struct stat* st, int flags) {
    UKP_ENTRY_ARGS(newfstatat, dirfd, path, st, flags);
    return at(dirfd, path, st, flags);
}
UKP_EXPORT int fstatat64(int dirfd, const char* path, struct stat64* st, int flags) {
    UKP_ENTRY_ARGS(newfstatat, dirfd, path, st, flags);
    return at(dirfd, path, st, flags);
}
UKP_EXPORT int __xstat(int, const char* path, struct stat* st) {
    UKP_ENTRY_ARGS(stat, path, st);
    return at(AT_FDCWD, path, st, 0);
}
UKP_EXPORT int __xstat64(int, const char* path, struct stat64* st) {
    UKP_ENTRY_ARGS(stat, path, st);
    return at(AT_FDCWD, path, st, 0);
}
UKP_EXPORT int __lxstat(int, const char* path, struct stat* st) {
    UKP_ENTRY_ARGS(lstat, path, st);
    return at(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}
UKP_EXPORT int __lxstat64(int, const char* path, struct stat64* st) {
    UKP_ENTRY_ARGS(lstat, path, st);
    return at(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}
UKP_EXPORT int __fxstat(int, int fd, struct stat* st) {
    UKP_ENTRY_ARGS(fstat, fd, st);
    return ret(sys::fstat(fd, lx(st)));
}
UKP_EXPORT int __fxstat64(int, int fd, struct stat64* st) {
    UKP_ENTRY_ARGS(fstat, fd, st);
    return ret(sys::fstat(fd, lx(st)));
}
UKP_EXPORT int __fxstatat(int, int dirfd, const char* path, struct stat* st, int flags) {
    UKP_ENTRY_ARGS(newfstatat, dirfd, path, st, flags);
    return at(dirfd, path, st, flags);
}
UKP_EXPORT int __fxstatat64(int, int dirfd, const char* path, struct stat64* st, int flags) {
    UKP_ENTRY_ARGS(newfstatat, dirfd, path, st, flags);
    return at(dirfd, path, st, flags);
}
UKP_EXPORT int statx(int dirfd, const char* path, int flags, unsigned mask, struct statx* out) {
    UKP_ENTRY_ARGS(statx, dirfd, path, flags, mask, out);
    return ret(sys::statx(dirfd, path, flags, mask, reinterpret_cast<ukp::lx_statx*>(out)));
}
UKP_EXPORT int statfs(const char* path, struct statfs* out) {
    UKP_ENTRY_ARGS(statfs, path, out);
    return ret(sys::statfs(path, reinterpret_cast<ukp::lx_statfs*>(out)));
}
UKP_EXPORT int statfs64(const char* path, struct statfs64* out) {
    UKP_ENTRY_ARGS(statfs, path, out);
    return ret(sys::statfs(path, reinterpret_cast<ukp::lx_statfs*>(out)));
}
UKP_EXPORT int fstatfs(int fd, struct statfs* out) {
    UKP_ENTRY_ARGS(fstatfs, fd, out);
    return ret(sys::fstatfs(fd, reinterpret_cast<ukp::lx_statfs*>(out)));
}
UKP_EXPORT int fstatfs64(int fd, struct statfs64* out) {
    UKP_ENTRY_ARGS(fstatfs, fd, out);
    return ret(sys::fstatfs(fd, reinterpret_cast<ukp::lx_statfs*>(out)));
}
