// Shared helpers for the libc tests. Each program prints only what must be
// the same natively and under ukp (no inode numbers, no random names).
#ifndef UKP_LIBC_TEST_COMMON_H
#define UKP_LIBC_TEST_COMMON_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int g_failures;

// Line-buffered output, so a crash still shows how far the test got.
__attribute__((constructor)) static void line_buffered(void) { setvbuf(stdout, NULL, _IOLBF, 0); }

static inline const char* en(int e) {
    const char* n = strerrorname_np(e);
    return n ? n : "?";
}

// Prints "what: ok" or "what: FAIL (errno)"; the line is compared natively.
#define CHECK(what, cond)                                                              \
    do {                                                                               \
        int ok_ = (cond);                                                              \
        if (ok_) printf("%s: ok\n", what);                                              \
        else {                                                                         \
            printf("%s: FAIL (line %d, errno %s)\n", what, __LINE__, en(errno));         \
            ++g_failures;                                                              \
        }                                                                              \
    } while (0)

// Expect a call to fail with a given errno.
#define EXPECT_ERR(what, call, err)                                              \
    do {                                                                         \
        errno = 0;                                                               \
        int bad_ = !(call);                                                      \
        printf("%s: %s\n", what, bad_ ? en(errno) : "succeeded");                \
        if (!bad_ || errno != (err)) ++g_failures;                               \
    } while (0)

static inline void put_file(const char* path, const char* text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
        printf("setup %s: %s\n", path, en(errno));
        exit(2);
    }
    close(fd);
}

// The whole file through the fd calls (not stdio).
static inline const char* slurp(const char* path) {
    static char buf[4096];
    int fd = open(path, O_RDONLY);
    if (fd < 0) return en(errno);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n < 0 ? 0 : n] = '\0';
    return buf;
}

static inline int finish(void) {
    printf("failures: %d\n", g_failures);
    return g_failures ? 1 : 0;
}
#endif
