// F_GETPIPE_SZ / F_SETPIPE_SZ: Linux's rounding to a power of two pages,
// EBUSY when shrinking below the data held, EBADF on other files, and the
// capacity following the size.
#include "common.h"

static char big[1 << 20];

static long fill(int fd) {
    long total = 0;
    for (int i = 0; i < 10000; ++i) {
        ssize_t n = write(fd, big, 4096);
        if (n <= 0) break;
        total += n;
    }
    return total;
}

int main(void) {
    int p[2];
    MUST(pipe2(p, O_NONBLOCK));
    T(fcntl(p[0], F_GETPIPE_SZ));
    T(fcntl(p[1], F_GETPIPE_SZ));
    unsigned sizes[] = {0, 1, 4095, 4096, 4097, 8192, 12288, 65535, 65537, 100000, 1 << 20};
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; ++i) {
        printf("set %u -> ", sizes[i]);
        T(fcntl(p[1], F_SETPIPE_SZ, sizes[i]));
    }
    T(fcntl(p[0], F_GETPIPE_SZ));
    T(fcntl(p[1], F_SETPIPE_SZ, -1));               // EINVAL: beyond 2 GiB
    T(fcntl(p[1], F_SETPIPE_SZ, 0x80000001u));      // EINVAL
    T(fcntl(p[1], F_SETPIPE_SZ, 8192));
    printf("capacity %ld\n", fill(p[1]));
    T(fcntl(p[1], F_SETPIPE_SZ, 4096));             // EBUSY: two pages held
    char buf[8192];
    T(read(p[0], buf, 4096));
    T(fcntl(p[1], F_SETPIPE_SZ, 4096));             // one page: fits
    T(fcntl(p[0], F_GETPIPE_SZ));
    T(write(p[1], big, 1));                         // EAGAIN: full
    T(fcntl(p[1], F_SETPIPE_SZ, 16384));            // grows, data kept
    printf("capacity now %ld more\n", fill(p[1]));
    long got = 0;
    for (;;) {
        ssize_t n = read(p[0], buf, sizeof buf);
        if (n <= 0) break;
        got += n;
    }
    printf("drained %ld\n", got);
    close(p[0]);
    close(p[1]);

    int fd = MUST(open("f", O_CREAT | O_RDWR, 0644));
    T(fcntl(fd, F_GETPIPE_SZ));   // EBADF: not a pipe
    T(fcntl(fd, F_SETPIPE_SZ, 4096));
    close(fd);

    // A FIFO end answers too, and the size belongs to the pipe.
    MUST(mkfifo("fifo", 0600));
    int r = MUST(open("fifo", O_RDONLY | O_NONBLOCK));
    int w = MUST(open("fifo", O_WRONLY | O_NONBLOCK));
    T(fcntl(r, F_GETPIPE_SZ));
    T(fcntl(w, F_SETPIPE_SZ, 32768));
    T(fcntl(r, F_GETPIPE_SZ));
    close(r);
    close(w);
    // All ends closed: the next opening starts from a fresh pipe.
    r = MUST(open("fifo", O_RDWR));
    T(fcntl(r, F_GETPIPE_SZ));
    close(r);
    return 0;
}
