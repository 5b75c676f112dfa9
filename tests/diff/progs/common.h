// Shared helpers for the differential programs: every program prints only
// what must be identical on Linux and under ukp (errno names, relations,
// sizes, modes) and never absolute paths, inode/device numbers or times.
#pragma once
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static inline const char* en(int e) {
    const char* n = strerrorname_np(e);
    return n ? n : "E?";
}

// T(expr): print the value of an int-like call, or -1 and the errno name.
#define T(expr)                                                                \
    do {                                                                       \
        errno = 0;                                                             \
        long long r_ = (long long)(expr);                                      \
        if (r_ < 0) printf("%s = -1 %s\n", #expr, en(errno));                  \
        else printf("%s = %lld\n", #expr, r_);                                 \
    } while (0)

// OK(expr): print "ok" for success (any value >= 0) or the errno name; for
// calls whose value (an fd number, a pointer) need not be compared.
#define OK(expr)                                                               \
    do {                                                                       \
        errno = 0;                                                             \
        long long r_ = (long long)(expr);                                      \
        if (r_ < 0) printf("%s -> %s\n", #expr, en(errno));                    \
        else printf("%s -> ok\n", #expr);                                      \
    } while (0)

// Opens or dies: setup steps whose failure makes the rest meaningless.
static inline int must(int r, const char* what) {
    if (r < 0) {
        printf("FATAL %s: %s\n", what, en(errno));
        exit(2);
    }
    return r;
}
#define MUST(expr) must((int)(expr), #expr)

static inline const char* ftype(mode_t m) {
    switch (m & S_IFMT) {
    case S_IFREG: return "reg";
    case S_IFDIR: return "dir";
    case S_IFLNK: return "lnk";
    case S_IFCHR: return "chr";
    case S_IFBLK: return "blk";
    case S_IFIFO: return "fifo";
    case S_IFSOCK: return "sock";
    }
    return "?";
}

// The portable part of a struct stat.
static inline void pstat(const char* label, const struct stat* st) {
    // A directory's size is file-system specific (tmpfs counts entries, ext4
    // counts blocks): not printed.
    if (S_ISDIR(st->st_mode))
        printf("%s: type=dir mode=%04o nlink=%lu\n", label, (unsigned)(st->st_mode & 07777),
               (unsigned long)st->st_nlink);
    else
        printf("%s: type=%s mode=%04o nlink=%lu size=%lld\n", label, ftype(st->st_mode),
               (unsigned)(st->st_mode & 07777), (unsigned long)st->st_nlink, (long long)st->st_size);
}

// stat (or lstat) a path and print it, or the errno.
static inline void show(const char* path) {
    struct stat st;
    if (lstat(path, &st) < 0) printf("%s: %s\n", path, en(errno));
    else pstat(path, &st);
}

static inline void write_file(const char* path, const char* data) {
    int fd = MUST(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));
    size_t n = strlen(data);
    if (write(fd, data, n) != (ssize_t)n) { printf("FATAL write %s\n", path); exit(2); }
    close(fd);
}

// Prints the content of a file (or the errno) on one line.
static inline void cat(const char* path) {
    char buf[512];
    int fd = open(path, O_RDONLY);
    if (fd < 0) { printf("cat %s: %s\n", path, en(errno)); return; }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0) { printf("cat %s: read %s\n", path, en(errno)); return; }
    buf[n] = 0;
    printf("cat %s: \"%s\"\n", path, buf);
}

static inline int cmp_str(const void* a, const void* b) {
    return strcmp(*(char* const*)a, *(char* const*)b);
}

// Lists a directory sorted, via opendir/readdir.
static inline void ls(const char* path) {
    DIR* d = opendir(path);
    if (!d) { printf("ls %s: %s\n", path, en(errno)); return; }
    char* names[256];
    int n = 0;
    struct dirent* e;
    while ((e = readdir(d)) && n < 256) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    printf("ls %s:", path);
    for (int i = 0; i < n; ++i) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

// Bad pointers and counts the compiler cannot see through (so it neither
// warns nor drops the call).
static void* volatile bad_null_;
static volatile int neg_one_ = -1;
#define NULLP ((void*)bad_null_)
#define BADP ((void*)((char*)bad_null_ + 1))
#define NEG1 (neg_one_)

// Line-buffered stdout: a crash still shows how far the program got.
__attribute__((constructor)) static void diff_line_buffered_(void) { setvbuf(stdout, NULL, _IOLBF, 0); }
