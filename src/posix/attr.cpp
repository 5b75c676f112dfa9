// Attributes: access, chmod, chown, the utime family, truncate, fallocate,
// posix_fadvise.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include <utime.h>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

namespace {

const ukp::lx_timespec* lx(const struct timespec* t) { return reinterpret_cast<const ukp::lx_timespec*>(t); }

// timeval pairs become timespec pairs; out-of-range microseconds stay out
// of range, so the kernel answers EINVAL as it does for glibc.
int utimes_at(int dirfd, const char* path, const struct timeval* tv, int flags) {
    if (!tv) return ret(sys::utimensat(dirfd, path, nullptr, flags));
    ukp::lx_timespec ts[2];
    for (int i = 0; i < 2; ++i) ts[i] = {tv[i].tv_sec, tv[i].tv_usec * 1000};
    return ret(sys::utimensat(dirfd, path, ts, flags));
}

// posix_fallocate and posix_fadvise report errors as their return value.
int error_value(const ukp::Result<void>& r) { return r.ok() ? 0 : ukp::posix::host_errno(r.error()); }

int fadvise(int fd, off64_t len, int advice) {
    auto r = sys::lseek(fd, 0, SEEK_CUR);
    if (!r.ok() && r.error() != ukp::LX_ESPIPE) return ukp::posix::host_errno(r.error());
    if (!r.ok()) return ESPIPE;
    if (advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE || len < 0) return EINVAL;
    return 0;  // ramfs has no cache to advise
}

}  // namespace

UKP_EXPORT int access(const char* path, int mode) {
    UKP_ENTRY_ARGS(access, path, mode);
    return ret(sys::faccessat2(AT_FDCWD, path, mode, 0));
}
UKP_EXPORT int faccessat(int dirfd, const char* path, int mode, int flags) {
    UKP_ENTRY_ARGS(faccessat, dirfd, path, mode, flags);
    return ret(sys::faccessat2(dirfd, path, mode, flags));
}
UKP_EXPORT int euidaccess(const char* path, int mode) {
    UKP_ENTRY_ARGS(libc, path, mode);
    return ret(sys::faccessat2(AT_FDCWD, path, mode, AT_EACCESS));
}
UKP_EXPORT int eaccess(const char* path, int mode) {
    UKP_ENTRY_ARGS(libc, path, mode);
    return ret(sys::faccessat2(AT_FDCWD, path, mode, AT_EACCESS));
}

UKP_EXPORT int chmod(const char* path, mode_t mode) {
    UKP_ENTRY_ARGS(chmod, path, mode);
    return ret(sys::fchmodat(AT_FDCWD, path, mode, 0));
}
UKP_EXPORT int fchmod(int fd, mode_t mode) { UKP_ENTRY_ARGS(fchmod, fd, mode); return ret(sys::fchmod(fd, mode)); }
UKP_EXPORT int fchmodat(int dirfd, const char* path, mode_t mode, int flags) {
    UKP_ENTRY_ARGS(fchmodat, dirfd, path, mode, flags);
    return ret(sys::fchmodat(dirfd, path, mode, flags));
}
UKP_EXPORT int lchmod(const char* path, mode_t mode) {
    UKP_ENTRY_ARGS(libc, path, mode);
    return ret(sys::fchmodat(AT_FDCWD, path, mode, AT_SYMLINK_NOFOLLOW));
}

UKP_EXPORT int chown(const char* path, uid_t uid, gid_t gid) {
    UKP_ENTRY_ARGS(chown, path, uid, gid);
    return ret(sys::fchownat(AT_FDCWD, path, uid, gid, 0));
}
UKP_EXPORT int lchown(const char* path, uid_t uid, gid_t gid) {
    UKP_ENTRY_ARGS(lchown, path, uid, gid);
    return ret(sys::fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW));
}
UKP_EXPORT int fchown(int fd, uid_t uid, gid_t gid) {
    UKP_ENTRY_ARGS(fchown, fd, uid, gid);
    return ret(sys::fchown(fd, uid, gid));
}
UKP_EXPORT int fchownat(int dirfd, const char* path, uid_t uid, gid_t gid, int flags) {
    UKP_ENTRY_ARGS(fchownat, dirfd, path, uid, gid, flags);
    return ret(sys::fchownat(dirfd, path, uid, gid, flags));
}

UKP_EXPORT int utimensat(int dirfd, const char* path, const struct timespec times[2], int flags) {
    UKP_ENTRY_ARGS(utimensat, dirfd, path, times, flags);
    return ret(sys::utimensat(dirfd, path, lx(times), flags));
}
UKP_EXPORT int futimens(int fd, const struct timespec times[2]) {
    UKP_ENTRY_ARGS(libc, fd, times);
    return ret(sys::utimensat(fd, nullptr, lx(times), 0));
}
UKP_EXPORT int utimes(const char* path, const struct timeval tv[2]) {
    UKP_ENTRY_ARGS(libc, path, tv);
    return utimes_at(AT_FDCWD, path, tv, 0);
}
UKP_EXPORT int lutimes(const char* path, const struct timeval tv[2]) {
    UKP_ENTRY_ARGS(libc, path, tv);
    return utimes_at(AT_FDCWD, path, tv, AT_SYMLINK_NOFOLLOW);
}
UKP_EXPORT int futimes(int fd, const struct timeval tv[2]) {
    UKP_ENTRY_ARGS(libc, fd, tv);
    return utimes_at(fd, nullptr, tv, 0);
}
UKP_EXPORT int futimesat(int dirfd, const char* path, const struct timeval tv[2]) {
    UKP_ENTRY_ARGS(libc, dirfd, path, tv);
    return utimes_at(dirfd, path, tv, 0);
}
UKP_EXPORT int utime(const char* path, const struct utimbuf* times) {
    UKP_ENTRY_ARGS(libc, path, times);
    if (!times) return ret(sys::utimensat(AT_FDCWD, path, nullptr, 0));
    ukp::lx_timespec ts[2] = {{times->actime, 0}, {times->modtime, 0}};
    return ret(sys::utimensat(AT_FDCWD, path, ts, 0));
}

UKP_EXPORT int truncate(const char* path, off_t len) {
    UKP_ENTRY_ARGS(truncate, path, len);
    return ret(sys::truncate(path, len));
}
UKP_EXPORT int truncate64(const char* path, off64_t len) {
    UKP_ENTRY_ARGS(truncate, path, len);
    return ret(sys::truncate(path, len));
}
UKP_EXPORT int ftruncate(int fd, off_t len) { UKP_ENTRY_ARGS(ftruncate, fd, len); return ret(sys::ftruncate(fd, len)); }
UKP_EXPORT int ftruncate64(int fd, off64_t len) {
    UKP_ENTRY_ARGS(ftruncate, fd, len);
    return ret(sys::ftruncate(fd, len));
}

UKP_EXPORT int fallocate(int fd, int mode, off_t off, off_t len) {
    UKP_ENTRY_ARGS(fallocate, fd, mode, off, len);
    return ret(sys::fallocate(fd, mode, off, len));
}
UKP_EXPORT int fallocate64(int fd, int mode, off64_t off, off64_t len) {
    UKP_ENTRY_ARGS(fallocate, fd, mode, off, len);
    return ret(sys::fallocate(fd, mode, off, len));
}
UKP_EXPORT int posix_fallocate(int fd, off_t off, off_t len) {
    UKP_ENTRY_ARGS(libc, fd, off, len);
    return error_value(sys::fallocate(fd, 0, off, len));
}
UKP_EXPORT int posix_fallocate64(int fd, off64_t off, off64_t len) {
    UKP_ENTRY_ARGS(libc, fd, off, len);
    return error_value(sys::fallocate(fd, 0, off, len));
}
UKP_EXPORT int posix_fadvise(int fd, off_t, off_t len, int advice) {
    UKP_ENTRY_ARGS(libc, fd, len, advice);
    return fadvise(fd, len, advice);
}
UKP_EXPORT int posix_fadvise64(int fd, off64_t, off64_t len, int advice) {
    UKP_ENTRY_ARGS(libc, fd, len, advice);
    return fadvise(fd, len, advice);
}
