// read/write and their positioned and vectored forms.
#include <sys/uio.h>
#include <unistd.h>

#include "core/sys/sys.hpp"
#include "posix/passthrough.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;
namespace sys = ukp::sys;

namespace {
const ukp::lx_iovec* lx(const struct iovec* iov) { return reinterpret_cast<const ukp::lx_iovec*>(iov); }
}  // namespace

UKP_EXPORT ssize_t read(int fd, void* buf, size_t n) {
    UKP_ENTRY_ARGS(read, fd, buf, n);
    UKP_HOST_PASSTHROUGH(read, fd, buf, n);
    return ret<ssize_t>(sys::read(fd, buf, n));
}
UKP_EXPORT ssize_t __read_chk(int fd, void* buf, size_t n, size_t) {
    UKP_ENTRY_ARGS(read, fd, buf, n);
    return ret<ssize_t>(sys::read(fd, buf, n));
}
UKP_EXPORT ssize_t write(int fd, const void* buf, size_t n) {
    UKP_ENTRY_ARGS(write, fd, buf, n);
    UKP_HOST_PASSTHROUGH(write, fd, buf, n);
    return ret<ssize_t>(sys::write(fd, buf, n));
}
UKP_EXPORT ssize_t pread(int fd, void* buf, size_t n, off_t off) {
    UKP_ENTRY_ARGS(pread64, fd, buf, n, off);
    return ret<ssize_t>(sys::pread64(fd, buf, n, off));
}
UKP_EXPORT ssize_t pread64(int fd, void* buf, size_t n, off64_t off) {
    UKP_ENTRY_ARGS(pread64, fd, buf, n, off);
    return ret<ssize_t>(sys::pread64(fd, buf, n, off));
}
UKP_EXPORT ssize_t __pread_chk(int fd, void* buf, size_t n, off_t off, size_t) {
    UKP_ENTRY_ARGS(pread64, fd, buf, n, off);
    return ret<ssize_t>(sys::pread64(fd, buf, n, off));
}
UKP_EXPORT ssize_t __pread64_chk(int fd, void* buf, size_t n, off64_t off, size_t) {
    UKP_ENTRY_ARGS(pread64, fd, buf, n, off);
    return ret<ssize_t>(sys::pread64(fd, buf, n, off));
}
UKP_EXPORT ssize_t pwrite(int fd, const void* buf, size_t n, off_t off) {
    UKP_ENTRY_ARGS(pwrite64, fd, buf, n, off);
    return ret<ssize_t>(sys::pwrite64(fd, buf, n, off));
}
UKP_EXPORT ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t off) {
    UKP_ENTRY_ARGS(pwrite64, fd, buf, n, off);
    return ret<ssize_t>(sys::pwrite64(fd, buf, n, off));
}
UKP_EXPORT ssize_t readv(int fd, const struct iovec* iov, int cnt) {
    UKP_ENTRY_ARGS(readv, fd, iov, cnt);
    return ret<ssize_t>(sys::readv(fd, lx(iov), cnt));
}
UKP_EXPORT ssize_t writev(int fd, const struct iovec* iov, int cnt) {
    UKP_ENTRY_ARGS(writev, fd, iov, cnt);
    return ret<ssize_t>(sys::writev(fd, lx(iov), cnt));
}
UKP_EXPORT ssize_t preadv(int fd, const struct iovec* iov, int cnt, off_t off) {
    UKP_ENTRY_ARGS(preadv, fd, iov, cnt, off);
    return ret<ssize_t>(sys::preadv2(fd, lx(iov), cnt, off < 0 ? -2 : off, 0));
}
UKP_EXPORT ssize_t preadv64(int fd, const struct iovec* iov, int cnt, off64_t off) {
    UKP_ENTRY_ARGS(preadv, fd, iov, cnt, off);
    return ret<ssize_t>(sys::preadv2(fd, lx(iov), cnt, off < 0 ? -2 : off, 0));
}
UKP_EXPORT ssize_t pwritev(int fd, const struct iovec* iov, int cnt, off_t off) {
    UKP_ENTRY_ARGS(pwritev, fd, iov, cnt, off);
    return ret<ssize_t>(sys::pwritev2(fd, lx(iov), cnt, off < 0 ? -2 : off, 0));
}
UKP_EXPORT ssize_t pwritev64(int fd, const struct iovec* iov, int cnt, off64_t off) {
    UKP_ENTRY_ARGS(pwritev, fd, iov, cnt, off);
    return ret<ssize_t>(sys::pwritev2(fd, lx(iov), cnt, off < 0 ? -2 : off, 0));
}
UKP_EXPORT ssize_t preadv2(int fd, const struct iovec* iov, int cnt, off_t off, int flags) {
    UKP_ENTRY_ARGS(preadv2, fd, iov, cnt, off, flags);
    return ret<ssize_t>(sys::preadv2(fd, lx(iov), cnt, off, flags));
}
UKP_EXPORT ssize_t preadv64v2(int fd, const struct iovec* iov, int cnt, off64_t off, int flags) {
    UKP_ENTRY_ARGS(preadv2, fd, iov, cnt, off, flags);
    return ret<ssize_t>(sys::preadv2(fd, lx(iov), cnt, off, flags));
}
UKP_EXPORT ssize_t pwritev2(int fd, const struct iovec* iov, int cnt, off_t off, int flags) {
    UKP_ENTRY_ARGS(pwritev2, fd, iov, cnt, off, flags);
    return ret<ssize_t>(sys::pwritev2(fd, lx(iov), cnt, off, flags));
}
UKP_EXPORT ssize_t pwritev64v2(int fd, const struct iovec* iov, int cnt, off64_t off, int flags) {
    UKP_ENTRY_ARGS(pwritev2, fd, iov, cnt, off, flags);
    return ret<ssize_t>(sys::pwritev2(fd, lx(iov), cnt, off, flags));
}
UKP_EXPORT off_t lseek(int fd, off_t off, int whence) {
    UKP_ENTRY_ARGS(lseek, fd, off, whence);
    UKP_HOST_PASSTHROUGH(lseek, fd, off, whence);
    return ret<off_t>(sys::lseek(fd, off, whence));
}
UKP_EXPORT off64_t lseek64(int fd, off64_t off, int whence) {
    UKP_ENTRY_ARGS(lseek, fd, off, whence);
    UKP_HOST_PASSTHROUGH(lseek64, fd, off, whence);
    return ret<off64_t>(sys::lseek(fd, off, whence));
}
UKP_EXPORT int fsync(int fd) { UKP_ENTRY_ARGS(fsync, fd); return ret(sys::fsync(fd)); }
UKP_EXPORT int fdatasync(int fd) { UKP_ENTRY_ARGS(fdatasync, fd); return ret(sys::fdatasync(fd)); }
UKP_EXPORT void sync() { UKP_ENTRY_ARGS(libc); (void)sys::sync(); }
UKP_EXPORT int syncfs(int fd) {
    UKP_ENTRY_ARGS(libc, fd);
    auto f = sys::fsync(fd);
    return ret(f);
}
