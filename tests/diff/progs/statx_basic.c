// statx: mask, type, mode, nlink, size, flags.
#include "common.h"

static void sx(const char* label, int dirfd, const char* path, int flags, unsigned mask) {
    struct statx x;
    memset(&x, 0, sizeof x);
    if (statx(dirfd, path, flags, mask, &x) < 0) { printf("%s: %s\n", label, en(errno)); return; }
    unsigned basic = STATX_TYPE | STATX_MODE | STATX_NLINK | STATX_UID | STATX_GID | STATX_SIZE |
                     STATX_BLOCKS | STATX_INO;
    printf("%s: basic=%d type=%s mode=%04o nlink=%u size=%lld uid_ok=%d\n", label,
           (x.stx_mask & basic) == basic, ftype(x.stx_mode), x.stx_mode & 07777, x.stx_nlink,
           S_ISDIR(x.stx_mode) ? -1LL : (long long)x.stx_size, x.stx_uid == geteuid());
}

static int (*statx_p)(int, const char*, int, unsigned, struct statx*) = statx;   // no nonnull check

int main(void) {
    umask(022);
    write_file("f", "12345");
    mkdir("d", 0700);
    symlink("f", "ln");
    sx("f", AT_FDCWD, "f", 0, STATX_BASIC_STATS);
    sx("d", AT_FDCWD, "d", 0, STATX_BASIC_STATS);
    sx("ln", AT_FDCWD, "ln", 0, STATX_BASIC_STATS);
    sx("ln nofollow", AT_FDCWD, "ln", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS);
    sx("mask 0", AT_FDCWD, "f", 0, 0);
    sx("missing", AT_FDCWD, "missing", 0, STATX_BASIC_STATS);
    int fd = MUST(open("f", O_RDONLY));
    sx("empty path", fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS);
    sx("empty no flag", fd, "", 0, STATX_BASIC_STATS);
    sx("reserved mask", AT_FDCWD, "f", 0, 0x80000000u);     // EINVAL
    sx("bad flags", AT_FDCWD, "f", 0x40000000, STATX_BASIC_STATS);  // EINVAL
    sx("sync type", AT_FDCWD, "f", AT_STATX_SYNC_TYPE, STATX_BASIC_STATS); // EINVAL (both bits)
    struct statx x;
    T(statx_p(AT_FDCWD, "f", 0, STATX_BASIC_STATS, NULLP));    // EFAULT
    T(statx(AT_FDCWD, "f", 0, STATX_BASIC_STATS, &x));
    struct stat st;
    stat("f", &st);
    printf("ino matches stat=%d blocks match=%d\n", x.stx_ino == st.st_ino,
           x.stx_blocks == (unsigned long long)st.st_blocks);
    printf("mtime matches stat=%d\n", x.stx_mtime.tv_sec == st.st_mtim.tv_sec &&
                                         x.stx_mtime.tv_nsec == (unsigned)st.st_mtim.tv_nsec);
    return 0;
}
