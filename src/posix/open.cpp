// open(2) and close(2) under every name glibc's headers emit.
#include <fcntl.h>
#include <stdarg.h>

#include "core/sys/sys.hpp"
#include "posix/passthrough.hpp"
#include "posix/ret.hpp"

using ukp::posix::ret;

namespace {
// The mode argument exists only with O_CREAT or O_TMPFILE.
bool needs_mode(int flags) { return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE; }

int do_openat(int dirfd, const char* path, int flags, mode_t mode) {
    return ret<int>(ukp::sys::openat(dirfd, path, flags, mode));
}
}  // namespace

#define UKP_MODE_ARG(flags)                   \
    mode_t mode = 0;                          \
    if (needs_mode(flags)) {                  \
        va_list ap;                           \
        va_start(ap, flags);                  \
        mode = static_cast<mode_t>(va_arg(ap, int)); \
        va_end(ap);                           \
        ukp_entry_.arg(mode);                 \
    }

UKP_EXPORT int open(const char* path, int flags, ...) {
    UKP_ENTRY_ARGS(open, path, flags);
    UKP_MODE_ARG(flags);
    UKP_HOST_PASSTHROUGH(open, path, flags, mode);
    return do_openat(AT_FDCWD, path, flags, mode);
}
UKP_EXPORT int open64(const char* path, int flags, ...) {
    UKP_ENTRY_ARGS(open, path, flags);
    UKP_MODE_ARG(flags);
    UKP_HOST_PASSTHROUGH(open64, path, flags, mode);
    return do_openat(AT_FDCWD, path, flags, mode);
}
UKP_EXPORT int openat(int dirfd, const char* path, int flags, ...) {
    UKP_ENTRY_ARGS(openat, dirfd, path, flags);
    UKP_MODE_ARG(flags);
    return do_openat(dirfd, path, flags, mode);
}
UKP_EXPORT int openat64(int dirfd, const char* path, int flags, ...) {
    UKP_ENTRY_ARGS(openat, dirfd, path, flags);
    UKP_MODE_ARG(flags);
    return do_openat(dirfd, path, flags, mode);
}
// _FORTIFY_SOURCE variants: called when the compiler cannot see the mode.
UKP_EXPORT int __open_2(const char* path, int flags) {
    UKP_ENTRY_ARGS(open, path, flags);
    return do_openat(AT_FDCWD, path, flags, 0);
}
UKP_EXPORT int __open64_2(const char* path, int flags) {
    UKP_ENTRY_ARGS(open, path, flags);
    return do_openat(AT_FDCWD, path, flags, 0);
}
UKP_EXPORT int __openat_2(int dirfd, const char* path, int flags) {
    UKP_ENTRY_ARGS(openat, dirfd, path, flags);
    return do_openat(dirfd, path, flags, 0);
}
UKP_EXPORT int __openat64_2(int dirfd, const char* path, int flags) {
    UKP_ENTRY_ARGS(openat, dirfd, path, flags);
    return do_openat(dirfd, path, flags, 0);
}
UKP_EXPORT int creat(const char* path, mode_t mode) {
    UKP_ENTRY_ARGS(creat, path, mode);
    return do_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}
UKP_EXPORT int creat64(const char* path, mode_t mode) {
    UKP_ENTRY_ARGS(creat, path, mode);
    return do_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

UKP_EXPORT int close(int fd) {
    UKP_ENTRY_ARGS(close, fd);
    UKP_HOST_PASSTHROUGH(close, fd);
    return ret<int>(ukp::sys::close(fd));
}

UKP_EXPORT int close_range(unsigned first, unsigned last, int flags) {
    UKP_ENTRY_ARGS(close_range, first, last, flags);
    return ret<int>(ukp::sys::close_range(first, last, static_cast<unsigned>(flags)));
}

UKP_EXPORT int memfd_create(const char* name, unsigned flags) {
    UKP_ENTRY_ARGS(memfd_create, name, flags);
    return ret<int>(ukp::sys::memfd_create(name, flags));
}

// glibc's closefrom: close_range to the end, where errors are ignored.
UKP_EXPORT void closefrom(int lowfd) {
    UKP_ENTRY_ARGS(close_range, lowfd);
    if (lowfd >= 0) (void)ukp::sys::close_range(static_cast<unsigned>(lowfd), ~0u, 0);
}
