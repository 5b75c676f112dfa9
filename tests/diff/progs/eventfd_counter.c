// eventfd: counter and semaphore modes, EAGAIN, sizes, overflow, flags,
// poll readiness, and what /proc/self/fd shows.
#include "common.h"
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>

static void rd(int fd) {
    uint64_t v = 0;
    errno = 0;
    ssize_t n = read(fd, &v, sizeof v);
    if (n < 0) printf("read -> %s\n", en(errno));
    else printf("read -> %zd value=%llu\n", n, (unsigned long long)v);
}

static void wr(int fd, uint64_t v) {
    errno = 0;
    ssize_t n = write(fd, &v, sizeof v);
    if (n < 0) printf("write %llu -> %s\n", (unsigned long long)v, en(errno));
    else printf("write %llu -> %zd\n", (unsigned long long)v, n);
}

static void pmask(int fd) {
    struct pollfd p = {fd, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM, 0};
    int r = poll(&p, 1, 0);
    printf("poll -> %d revents=%#x\n", r, (unsigned)p.revents);
}

int main(void) {
    int fd = MUST(eventfd(3, EFD_NONBLOCK));
    T(fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK));
    T(fcntl(fd, F_GETFD));
    char link[64] = {0};
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    T(readlink(path, link, sizeof link - 1));
    printf("link=%s\n", link);
    struct stat st;
    T(fstat(fd, &st));
    printf("mode=%o\n", (unsigned)st.st_mode);
    pmask(fd);
    rd(fd);
    rd(fd);
    pmask(fd);
    wr(fd, 5);
    wr(fd, 7);
    rd(fd);
    // Sizes: short reads and writes are EINVAL, longer ones move 8 bytes.
    uint64_t big[2] = {1, 2};
    T(read(fd, big, 4));
    T(write(fd, big, 7));
    T(write(fd, big, 16));
    T(read(fd, big, 16));
    printf("big[0]=%llu\n", (unsigned long long)big[0]);
    // Overflow: the count stops at 0xfffffffffffffffe.
    wr(fd, 0xffffffffffffffffull);
    wr(fd, 0xfffffffffffffffeull);
    pmask(fd);
    wr(fd, 1);
    wr(fd, 0);
    rd(fd);
    wr(fd, 0xfffffffffffffffdull);
    wr(fd, 1);
    wr(fd, 1);
    rd(fd);
    close(fd);

    // Semaphore mode: each read takes 1.
    int s = MUST(eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC));
    T(fcntl(s, F_GETFD));
    rd(s);
    rd(s);
    rd(s);
    wr(s, 3);
    rd(s);
    pmask(s);
    close(s);

    // Flags.
    T(eventfd(0, 0x40));
    T(eventfd(0, O_RDWR));
    int b = MUST(eventfd(0, 0));
    T(fcntl(b, F_GETFL) & (O_ACCMODE | O_NONBLOCK));
    eventfd_t v = 0;
    T(eventfd_write(b, 42));
    T(eventfd_read(b, &v));
    printf("eventfd_read value=%llu\n", (unsigned long long)v);
    T(fcntl(b, F_SETFL, O_NONBLOCK));
    T(eventfd_read(b, &v));
    T(lseek(b, 0, SEEK_SET));
    T(read(b, NULLP, 8));
    T(write(b, NULLP, 8));
    close(b);
    return 0;
}
