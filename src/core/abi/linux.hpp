// The kernel's ABI: Linux x86-64 flag values and struct layouts. The posix
// layer translates the host libc's values to these (a pass-through on Linux).
// Prefixed with LX_ because host headers define the bare names as macros.
#pragma once

#include <cstdint>

namespace ukp {

// open(2) flags
inline constexpr int LX_O_ACCMODE = 03, LX_O_RDONLY = 0, LX_O_WRONLY = 01, LX_O_RDWR = 02;
inline constexpr int LX_O_CREAT = 0100, LX_O_EXCL = 0200, LX_O_NOCTTY = 0400, LX_O_TRUNC = 01000;
inline constexpr int LX_O_APPEND = 02000, LX_O_NONBLOCK = 04000, LX_O_DSYNC = 010000;
inline constexpr int LX_O_ASYNC = 020000, LX_O_DIRECT = 040000, LX_O_LARGEFILE = 0100000;
inline constexpr int LX_O_DIRECTORY = 0200000, LX_O_NOFOLLOW = 0400000, LX_O_NOATIME = 01000000;
inline constexpr int LX_O_CLOEXEC = 02000000, LX_O_SYNC = 04010000, LX_O_PATH = 010000000;
inline constexpr unsigned LX_CLOSE_RANGE_UNSHARE = 1u << 1, LX_CLOSE_RANGE_CLOEXEC = 1u << 2;

// net.core.somaxconn's default (Linux 5.4+): the cap on listen(2) backlogs.
inline constexpr int LX_SOMAXCONN = 4096;

// memfd_create(2) and file seals (fcntl F_ADD_SEALS / F_GET_SEALS)
inline constexpr unsigned LX_MFD_CLOEXEC = 1, LX_MFD_ALLOW_SEALING = 2, LX_MFD_HUGETLB = 4;
inline constexpr unsigned LX_MFD_NOEXEC_SEAL = 8, LX_MFD_EXEC = 0x10;
inline constexpr int LX_F_ADD_SEALS = 1033, LX_F_GET_SEALS = 1034;
inline constexpr unsigned LX_F_SEAL_SEAL = 1, LX_F_SEAL_SHRINK = 2, LX_F_SEAL_GROW = 4, LX_F_SEAL_WRITE = 8;
inline constexpr unsigned LX_F_SEAL_FUTURE_WRITE = 0x10, LX_F_SEAL_EXEC = 0x20;
inline constexpr int LX_O_TMPFILE = 020200000;
inline constexpr int LX_O_ALL_FLAGS = LX_O_ACCMODE | LX_O_CREAT | LX_O_EXCL | LX_O_NOCTTY |
    LX_O_TRUNC | LX_O_APPEND | LX_O_NONBLOCK | LX_O_DSYNC | LX_O_ASYNC | LX_O_DIRECT |
    LX_O_LARGEFILE | LX_O_DIRECTORY | LX_O_NOFOLLOW | LX_O_NOATIME | LX_O_CLOEXEC | LX_O_SYNC |
    LX_O_PATH | LX_O_TMPFILE;

// *at(2)
inline constexpr int LX_AT_FDCWD = -100;
inline constexpr int LX_AT_SYMLINK_NOFOLLOW = 0x100, LX_AT_REMOVEDIR = 0x200;
inline constexpr int LX_AT_EACCESS = 0x200, LX_AT_SYMLINK_FOLLOW = 0x400;
inline constexpr int LX_AT_NO_AUTOMOUNT = 0x800, LX_AT_EMPTY_PATH = 0x1000;
inline constexpr int LX_AT_STATX_SYNC_TYPE = 0x6000;

// file types and permission bits
inline constexpr std::uint32_t LX_S_IFMT = 0170000, LX_S_IFSOCK = 0140000, LX_S_IFLNK = 0120000;
inline constexpr std::uint32_t LX_S_IFREG = 0100000, LX_S_IFBLK = 0060000, LX_S_IFDIR = 0040000;
inline constexpr std::uint32_t LX_S_IFCHR = 0020000, LX_S_IFIFO = 0010000;
inline constexpr std::uint32_t LX_S_ISUID = 04000, LX_S_ISGID = 02000, LX_S_ISVTX = 01000;
inline constexpr std::uint32_t LX_S_IALLUGO = 07777;
inline constexpr bool lx_s_isdir(std::uint32_t m) { return (m & LX_S_IFMT) == LX_S_IFDIR; }
inline constexpr bool lx_s_isreg(std::uint32_t m) { return (m & LX_S_IFMT) == LX_S_IFREG; }
inline constexpr bool lx_s_islnk(std::uint32_t m) { return (m & LX_S_IFMT) == LX_S_IFLNK; }

// access(2)
inline constexpr int LX_F_OK = 0, LX_X_OK = 1, LX_W_OK = 2, LX_R_OK = 4;

// lseek(2)
inline constexpr int LX_SEEK_SET = 0, LX_SEEK_CUR = 1, LX_SEEK_END = 2;
inline constexpr int LX_SEEK_DATA = 3, LX_SEEK_HOLE = 4;

// fcntl(2)
inline constexpr int LX_F_DUPFD = 0, LX_F_GETFD = 1, LX_F_SETFD = 2, LX_F_GETFL = 3;
inline constexpr int LX_F_SETFL = 4, LX_F_GETLK = 5, LX_F_SETLK = 6, LX_F_SETLKW = 7;
inline constexpr int LX_F_SETOWN = 8, LX_F_GETOWN = 9, LX_F_DUPFD_CLOEXEC = 1030;
inline constexpr int LX_F_SETPIPE_SZ = 1031, LX_F_GETPIPE_SZ = 1032;
inline constexpr int LX_F_OFD_GETLK = 36, LX_F_OFD_SETLK = 37, LX_F_OFD_SETLKW = 38;
inline constexpr int LX_FD_CLOEXEC = 1;

// poll(2) and epoll(7) readiness bits
inline constexpr std::uint32_t LX_POLLIN = 0x001, LX_POLLPRI = 0x002, LX_POLLOUT = 0x004;
inline constexpr std::uint32_t LX_POLLERR = 0x008, LX_POLLHUP = 0x010, LX_POLLNVAL = 0x020;
inline constexpr std::uint32_t LX_POLLRDNORM = 0x040, LX_POLLRDBAND = 0x080;
inline constexpr std::uint32_t LX_POLLWRNORM = 0x100, LX_POLLWRBAND = 0x200;
inline constexpr std::uint32_t LX_POLLMSG = 0x400, LX_POLLRDHUP = 0x2000;

// renameat2(2)
inline constexpr unsigned LX_RENAME_NOREPLACE = 1, LX_RENAME_EXCHANGE = 2, LX_RENAME_WHITEOUT = 4;

// utimensat(2)
inline constexpr long LX_UTIME_NOW = (1l << 30) - 1, LX_UTIME_OMIT = (1l << 30) - 2;

// ioctl(2)
inline constexpr unsigned long LX_TCGETS = 0x5401, LX_TIOCGWINSZ = 0x5413;
inline constexpr unsigned long LX_FIONREAD = 0x541B, LX_FIONBIO = 0x5421;
inline constexpr unsigned long LX_FIOCLEX = 0x5451, LX_FIONCLEX = 0x5450;

// limits
inline constexpr int LX_PATH_MAX = 4096, LX_NAME_MAX = 255, LX_SYMLOOP_MAX = 40;
inline constexpr std::int64_t LX_MAX_LFS_FILESIZE = 0x7fffffffffffffffll;

// getdents64 d_type
inline constexpr std::uint8_t LX_DT_UNKNOWN = 0, LX_DT_FIFO = 1, LX_DT_CHR = 2, LX_DT_DIR = 4;
inline constexpr std::uint8_t LX_DT_BLK = 6, LX_DT_REG = 8, LX_DT_LNK = 10, LX_DT_SOCK = 12;
inline constexpr std::uint8_t lx_dtype(std::uint32_t mode) { return (mode & LX_S_IFMT) >> 12; }

struct lx_timespec {
    std::int64_t tv_sec;
    std::int64_t tv_nsec;
};

// struct stat, x86-64 layout.
struct lx_stat {
    std::uint64_t st_dev;
    std::uint64_t st_ino;
    std::uint64_t st_nlink;
    std::uint32_t st_mode;
    std::uint32_t st_uid;
    std::uint32_t st_gid;
    std::uint32_t pad0;
    std::uint64_t st_rdev;
    std::int64_t st_size;
    std::int64_t st_blksize;
    std::int64_t st_blocks;
    lx_timespec st_atim;
    lx_timespec st_mtim;
    lx_timespec st_ctim;
    std::int64_t reserved[3];
};
static_assert(sizeof(lx_stat) == 144);

// statx(2)
inline constexpr std::uint32_t LX_STATX_TYPE = 0x1, LX_STATX_MODE = 0x2, LX_STATX_NLINK = 0x4;
inline constexpr std::uint32_t LX_STATX_UID = 0x8, LX_STATX_GID = 0x10, LX_STATX_ATIME = 0x20;
inline constexpr std::uint32_t LX_STATX_MTIME = 0x40, LX_STATX_CTIME = 0x80, LX_STATX_INO = 0x100;
inline constexpr std::uint32_t LX_STATX_SIZE = 0x200, LX_STATX_BLOCKS = 0x400;
inline constexpr std::uint32_t LX_STATX_BASIC_STATS = 0x7ff, LX_STATX_BTIME = 0x800;
inline constexpr std::uint32_t LX_STATX_MNT_ID = 0x1000, LX_STATX__RESERVED = 0x80000000u;

struct lx_statx_timestamp {
    std::int64_t tv_sec;
    std::uint32_t tv_nsec;
    std::int32_t reserved;
};
struct lx_statx {
    std::uint32_t stx_mask;
    std::uint32_t stx_blksize;
    std::uint64_t stx_attributes;
    std::uint32_t stx_nlink;
    std::uint32_t stx_uid;
    std::uint32_t stx_gid;
    std::uint16_t stx_mode;
    std::uint16_t spare0;
    std::uint64_t stx_ino;
    std::uint64_t stx_size;
    std::uint64_t stx_blocks;
    std::uint64_t stx_attributes_mask;
    lx_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
    std::uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
    std::uint64_t stx_mnt_id;
    std::uint64_t spare2[13];
};
static_assert(sizeof(lx_statx) == 256);

// struct statfs, x86-64 layout.
struct lx_statfs {
    std::int64_t f_type;
    std::int64_t f_bsize;
    std::uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    std::int32_t f_fsid[2];
    std::int64_t f_namelen;
    std::int64_t f_frsize;
    std::int64_t f_flags;
    std::int64_t f_spare[4];
};
static_assert(sizeof(lx_statfs) == 120);
inline constexpr std::int64_t LX_TMPFS_MAGIC = 0x01021994, LX_PROC_SUPER_MAGIC = 0x9fa0;
inline constexpr std::int64_t LX_ST_RDONLY = 1, LX_ST_NOSUID = 2, LX_ST_NODEV = 4;

// getdents64 record header; the name follows, NUL-terminated, 8-aligned.
struct lx_dirent64 {
    std::uint64_t d_ino;
    std::int64_t d_off;
    std::uint16_t d_reclen;
    std::uint8_t d_type;
    char d_name[];
};

// getrlimit/setrlimit/prlimit64
inline constexpr int LX_RLIMIT_NOFILE = 7;
inline constexpr std::uint64_t LX_RLIM_INFINITY = ~std::uint64_t{0};
inline constexpr std::uint64_t LX_NR_OPEN = 1048576;  // /proc/sys/fs/nr_open's default
struct lx_rlimit {
    std::uint64_t rlim_cur;
    std::uint64_t rlim_max;
};

struct lx_iovec {
    void* iov_base;
    std::uint64_t iov_len;
};

inline constexpr std::uint64_t lx_makedev(std::uint32_t major, std::uint32_t minor) {
    return (std::uint64_t{major & 0xfffff000u} << 32) | (std::uint64_t{major & 0xfffu} << 8) |
           (std::uint64_t{minor & 0xffffff00u} << 12) | (minor & 0xffu);
}

}  // namespace ukp
