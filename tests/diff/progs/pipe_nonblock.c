// O_NONBLOCK both ways: EAGAIN on an empty pipe and a full one, partial
// writes that stop at a page boundary, small writes that merge into the
// last page, and PIPE_BUF-sized writes that need a whole free slot.
#include "common.h"

static char big[1 << 20];

int main(void) {
    int p[2];
    MUST(pipe2(p, O_NONBLOCK));
    char buf[8192];
    T(read(p[0], buf, sizeof buf));            // EAGAIN: empty, writer open
    T(write(p[1], big, 100));
    T(write(p[1], big, 65536));                // partial: stops at a page
    T(write(p[1], big, 1));                    // EAGAIN: every slot taken
    T(read(p[0], buf, 1));
    T(write(p[1], big, 1));                    // EAGAIN still: the page is not free
    T(read(p[0], buf, 99));                    // first page drained
    T(write(p[1], big, 4097));                 // needs two slots: one page fits
    T(read(p[0], buf, sizeof buf));
    T(read(p[0], buf, sizeof buf));
    close(p[0]);
    close(p[1]);

    // Small writes merge into the last page.
    MUST(pipe2(p, O_NONBLOCK));
    long total = 0;
    for (int i = 0; i < 100000; ++i) {
        ssize_t n = write(p[1], big, 10);
        if (n < 0) { printf("10-byte writes stop: %s\n", en(errno)); break; }
        total += n;
    }
    printf("10-byte writes: total %ld\n", total);
    T(write(p[1], big, 6));                    // the last page has room for 6
    T(write(p[1], big, 7));
    close(p[0]);
    close(p[1]);

    // A merge happens only for the part beyond whole pages.
    MUST(pipe2(p, O_NONBLOCK));
    T(write(p[1], big, 10));
    T(write(p[1], big, 5000));                 // 904 merge + one page
    T(write(p[1], big, 1 << 20));              // the other 14 pages
    T(read(p[0], buf, 10));
    T(read(p[0], buf, 8192));
    close(p[1]);
    long left = 0;
    for (;;) {
        ssize_t n = read(p[0], buf, sizeof buf);
        if (n <= 0) { printf("end: %zd %s\n", n, n < 0 ? en(errno) : ""); break; }
        left += n;
    }
    printf("left %ld\n", left);
    close(p[0]);

    // O_NONBLOCK set later with fcntl.
    MUST(pipe(p));
    T(fcntl(p[0], F_SETFL, O_NONBLOCK));
    T(read(p[0], buf, 1));
    T(fcntl(p[0], F_SETFL, 0));
    close(p[1]);
    T(read(p[0], buf, 1));  // EOF, no wait
    close(p[0]);
    return 0;
}
