// On Linux the kernel's ABI is the host libc's ABI; these checks are what
// let the posix layer pass flags and structs through unchanged.
#include <dirent.h>
#include <stddef.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/abi/linux.hpp"

namespace ukp {
static_assert(LX_O_CREAT == O_CREAT && LX_O_EXCL == O_EXCL && LX_O_TRUNC == O_TRUNC);
static_assert(LX_O_APPEND == O_APPEND && LX_O_NONBLOCK == O_NONBLOCK && LX_O_CLOEXEC == O_CLOEXEC);
static_assert(LX_O_DIRECTORY == O_DIRECTORY && LX_O_NOFOLLOW == O_NOFOLLOW && LX_O_PATH == O_PATH);
static_assert(LX_O_TMPFILE == O_TMPFILE && LX_O_SYNC == O_SYNC && LX_O_DSYNC == O_DSYNC);
static_assert(LX_AT_FDCWD == AT_FDCWD && LX_AT_SYMLINK_NOFOLLOW == AT_SYMLINK_NOFOLLOW);
static_assert(LX_AT_REMOVEDIR == AT_REMOVEDIR && LX_AT_EMPTY_PATH == AT_EMPTY_PATH);
static_assert(LX_AT_SYMLINK_FOLLOW == AT_SYMLINK_FOLLOW && LX_AT_EACCESS == AT_EACCESS);
static_assert(LX_S_IFMT == S_IFMT && LX_S_IFDIR == S_IFDIR && LX_S_IFLNK == S_IFLNK);
static_assert(LX_SEEK_DATA == SEEK_DATA && LX_SEEK_HOLE == SEEK_HOLE);
static_assert(LX_F_DUPFD_CLOEXEC == F_DUPFD_CLOEXEC && LX_F_SETFL == F_SETFL);
static_assert(LX_F_OFD_SETLK == F_OFD_SETLK);
static_assert(sizeof(struct stat) == sizeof(lx_stat) && offsetof(struct stat, st_mtim) == offsetof(lx_stat, st_mtim));
static_assert(sizeof(struct statx) == sizeof(lx_statx));
static_assert(sizeof(struct statfs) == sizeof(lx_statfs));
static_assert(sizeof(struct iovec) == sizeof(lx_iovec));
static_assert(sizeof(struct timespec) == sizeof(lx_timespec));
}  // namespace ukp
