/* A program that knows nothing about ukp: it writes a file at the root of
 * the file system, reads it back and checks it. Built with ukp-cc, with
 * pkg-config or through meson's dependency('ukp'), the file must land in
 * the in-process kernel's ramfs: the tests then check that the host's "/"
 * never saw it. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH "/ukp-usage-test.txt"
static const char kText[] = "written inside the process\n";

static int fail(const char* what) {
    perror(what);
    return 1;
}

int main(void) {
    int fd = open(PATH, O_CREAT | O_EXCL | O_RDWR, 0644);
    if (fd < 0) return fail("open " PATH);
    if (write(fd, kText, sizeof kText - 1) != (ssize_t)(sizeof kText - 1)) return fail("write");
    if (close(fd) != 0) return fail("close");

    struct stat st;
    if (stat(PATH, &st) != 0) return fail("stat");
    if (st.st_size != (off_t)(sizeof kText - 1)) {
        fprintf(stderr, "size %lld, expected %zu\n", (long long)st.st_size, sizeof kText - 1);
        return 1;
    }

    char buf[64] = {0};
    fd = open(PATH, O_RDONLY);
    if (fd < 0) return fail("reopen");
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n != (ssize_t)(sizeof kText - 1) || memcmp(buf, kText, (size_t)n) != 0) {
        fprintf(stderr, "read back %zd bytes: '%s'\n", n, buf);
        return 1;
    }
    printf("ok: %s holds %lld bytes\n", PATH, (long long)st.st_size);
    return 0;
}
