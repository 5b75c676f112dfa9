// FIONREAD on both ends of a pipe and on a FIFO: the bytes waiting.

#include "common.h"

#include <sys/ioctl.h>

static char big[70000];

static void avail(const char* what, int fd) {
    int n = -2;
    if (ioctl(fd, FIONREAD, &n) < 0) printf("%s: %s\n", what, en(errno));
    else printf("%s: %d\n", what, n);
}

int main(void) {
    int p[2];
    MUST(pipe2(p, O_NONBLOCK));
    avail("empty read end", p[0]);
    avail("empty write end", p[1]);
    T(write(p[1], "12345", 5));
    avail("after 5", p[0]);
    avail("write end", p[1]);
    T(write(p[1], big, sizeof big));
    avail("after big", p[0]);
    char buf[5000];
    T(read(p[0], buf, 3));
    avail("after read 3", p[0]);
    T(read(p[0], buf, sizeof buf));
    avail("after read more", p[0]);
    T(ioctl(p[0], FIONREAD, NULLP));  // EFAULT
    close(p[0]);
    close(p[1]);

    // Packets count what they hold.
    MUST(pipe2(p, O_NONBLOCK | O_DIRECT));
    T(write(p[1], "abc", 3));
    T(write(p[1], "defgh", 5));
    avail("packets", p[0]);
    T(read(p[0], buf, 1));   // the rest of "abc" is dropped
    avail("after a packet", p[0]);
    close(p[0]);
    close(p[1]);

    MUST(mkfifo("f", 0644));
    int r = MUST(open("f", O_RDONLY | O_NONBLOCK));
    int w = MUST(open("f", O_WRONLY));
    T(write(w, "xyz", 3));
    avail("fifo", r);
    close(r);
    close(w);
    return 0;
}
