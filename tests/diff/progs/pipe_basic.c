// Pipes: data in order, EOF after the last writer, the calls a pipe
// refuses (lseek, pread, pwrite, fsync), zero-byte transfers, vectored
// I/O, pipe2 flags, and the /proc/self/fd names of both ends.

#include "common.h"

#include <sys/uio.h>
#include <sys/statfs.h>

int main(void) {
    int p[2];
    T(pipe(p));
    printf("fds distinct: %d\n", p[0] != p[1]);
    T(fcntl(p[0], F_GETFL));
    T(fcntl(p[1], F_GETFL));
    T(fcntl(p[0], F_GETFD));
    T(write(p[1], "hello", 5));
    T(write(p[1], " world", 6));
    char buf[64] = {0};
    T(read(p[0], buf, 3));
    printf("buf=%s\n", buf);
    memset(buf, 0, sizeof buf);
    T(read(p[0], buf, sizeof buf));
    printf("buf=%s\n", buf);

    // What a pipe refuses.
    T(lseek(p[0], 0, SEEK_CUR));
    T(lseek(p[1], 0, SEEK_SET));
    T(pread(p[0], buf, 1, 0));
    T(pwrite(p[1], "x", 1, 0));
    T(pread(p[0], buf, 1, -1));  // EINVAL comes first
    T(fsync(p[1]));
    T(fdatasync(p[0]));
    T(write(p[0], "x", 1));      // EBADF: the read end
    T(read(p[1], buf, 1));       // EBADF: the write end
    T(ftruncate(p[1], 0));

    // Zero bytes: no wait, no EOF check.
    T(write(p[1], "", 0));
    T(read(p[0], buf, 0));

    // Vectored.
    struct iovec w[3] = {{"ab", 2}, {"", 0}, {"cdef", 4}};
    T(writev(p[1], w, 3));
    char a[3] = {0}, b[8] = {0};
    struct iovec r[2] = {{a, 2}, {b, 7}};
    T(readv(p[0], r, 2));
    printf("a=%s b=%s\n", a, b);

    // /proc/self/fd: both ends name the same pipe.
    char path[64], l0[64] = {0}, l1[64] = {0};
    snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
    ssize_t n0 = readlink(path, l0, sizeof l0 - 1);
    snprintf(path, sizeof path, "/proc/self/fd/%d", p[1]);
    ssize_t n1 = readlink(path, l1, sizeof l1 - 1);
    printf("links: %d %d prefix=%.6s same=%d\n", n0 > 0, n1 > 0, l0, strcmp(l0, l1) == 0);
    struct statfs sf;
    T(fstatfs(p[0], &sf));
    printf("f_type=%lx\n", (unsigned long)sf.f_type);

    // Reopening the read end through /proc gives the same pipe.
    T(write(p[1], "again", 5));
    snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
    int again = open(path, O_RDONLY);
    printf("reopen: %s\n", again >= 0 ? "ok" : en(errno));
    if (again >= 0) {
        memset(buf, 0, sizeof buf);
        T(read(again, buf, sizeof buf));
        printf("buf=%s\n", buf);
        T(fcntl(again, F_GETFL) & O_ACCMODE);
        char la[64] = {0};
        snprintf(path, sizeof path, "/proc/self/fd/%d", again);
        readlink(path, la, sizeof la - 1);
        printf("reopened names the same pipe: %d\n", strcmp(la, l0) == 0);
        close(again);
    }

    // EOF once the (only) writer is gone; data first.
    T(write(p[1], "tail", 4));
    T(close(p[1]));
    memset(buf, 0, sizeof buf);
    T(read(p[0], buf, sizeof buf));
    printf("buf=%s\n", buf);
    T(read(p[0], buf, sizeof buf));
    T(read(p[0], buf, sizeof buf));
    T(close(p[0]));

    // pipe2 flags.
    T(pipe2(p, O_CLOEXEC | O_NONBLOCK));
    T(fcntl(p[0], F_GETFD));
    T(fcntl(p[1], F_GETFD));
    T(fcntl(p[0], F_GETFL));
    T(fcntl(p[1], F_GETFL));
    T(read(p[0], buf, 1));  // EAGAIN
    close(p[0]);
    close(p[1]);
    int q[2];
    T(pipe2(q, O_EXCL));   // O_NOTIFICATION_PIPE: ENOPKG without watch queues
    T(pipe2(q, O_APPEND)); // EINVAL
    T(pipe(NULLP));        // EFAULT
    return 0;
}
