// Helpers for the file-lock programs: one open file description (an OFD)
// can see the process's POSIX locks, because they conflict with it.
#pragma once
#include "common.h"
#include <sys/file.h>

static inline struct flock mk(short type, short whence, long long start, long long len) {
    struct flock l;
    memset(&l, 0, sizeof l);
    l.l_type = type;
    l.l_whence = whence;
    l.l_start = start;
    l.l_len = len;
    return l;
}

static inline const char* ltype(short t) {
    return t == F_RDLCK ? "RD" : t == F_WRLCK ? "WR" : t == F_UNLCK ? "UN" : "?";
}

// Prints what F_OFD_GETLK on `probe` reports for a `type` request over
// [start, start+len) (the pid as "self", "ofd" or "other").
static inline void getlk(int probe, int cmd, short type, long long start, long long len) {
    struct flock l = mk(type, SEEK_SET, start, len);
    errno = 0;
    if (fcntl(probe, cmd, &l) < 0) {
        printf("  getlk %s [%lld,+%lld): %s\n", ltype(type), start, len, en(errno));
        return;
    }
    if (l.l_type == F_UNLCK) {
        printf("  getlk %s [%lld,+%lld): free\n", ltype(type), start, len);
        return;
    }
    printf("  getlk %s [%lld,+%lld): %s start=%lld len=%lld whence=%d pid=%s\n", ltype(type), start, len,
           ltype(l.l_type), (long long)l.l_start, (long long)l.l_len, l.l_whence,
           l.l_pid == getpid() ? "self" : l.l_pid == -1 ? "ofd" : "other");
}

// Lists the locks another owner holds on the file, lowest first, by
// asking `probe` (an OFD) for the first write-conflict past each one.
static inline void dump(const char* label, int probe) {
    printf("%s:", label);
    long long pos = 0;
    for (int i = 0; i < 32; ++i) {
        struct flock l = mk(F_WRLCK, SEEK_SET, pos, 0);
        if (fcntl(probe, F_OFD_GETLK, &l) < 0) { printf(" getlk %s", en(errno)); break; }
        if (l.l_type == F_UNLCK) break;
        printf(" %s[%lld,", ltype(l.l_type), (long long)l.l_start);
        if (l.l_len == 0) { printf("EOF)"); break; }
        printf("%lld]", (long long)(l.l_start + l.l_len - 1));
        pos = l.l_start + l.l_len;
    }
    printf("\n");
}

// fcntl with a fresh struct flock; prints the result.
#define LK(fd, cmd, type, whence, start, len)                                  \
    do {                                                                       \
        struct flock l_ = mk(type, whence, start, len);                        \
        errno = 0;                                                             \
        int r_ = fcntl(fd, cmd, &l_);                                          \
        printf("%s %s %s w=%d [%lld,%lld) -> %s\n", #fd, #cmd, ltype(type),    \
               (int)(whence), (long long)(start), (long long)(len),           \
               r_ < 0 ? en(errno) : "ok");                                     \
    } while (0)
