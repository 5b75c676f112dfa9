// pipe2(O_DIRECT): packet mode. Each write is a packet (split at 4096
// bytes), a read returns at most one packet, and the rest of a packet that
// does not fit the read is discarded.

#include "common.h"

#include <sys/uio.h>

int main(void) {
    int p[2];
    T(pipe2(p, O_DIRECT | O_NONBLOCK));
    T(fcntl(p[0], F_GETFL) & O_DIRECT);
    T(fcntl(p[1], F_GETFL) & O_DIRECT);
    T(write(p[1], "one", 3));
    T(write(p[1], "two!", 4));
    T(write(p[1], "three", 5));
    char buf[10000];
    memset(buf, 0, sizeof buf);
    T(read(p[0], buf, sizeof buf));
    printf("buf=%s\n", buf);
    memset(buf, 0, sizeof buf);
    T(read(p[0], buf, 2));         // "tw", the "o!" is dropped
    printf("buf=%s\n", buf);
    memset(buf, 0, sizeof buf);
    T(read(p[0], buf, sizeof buf));
    printf("buf=%s\n", buf);
    T(read(p[0], buf, sizeof buf));  // EAGAIN

    // Large writes become page-sized packets.
    static char big[10000];
    for (int i = 0; i < (int)sizeof big; ++i) big[i] = (char)('a' + i % 26);
    T(write(p[1], big, sizeof big));
    for (int i = 0; i < 4; ++i) {
        ssize_t n = read(p[0], buf, sizeof buf);
        printf("packet %d: %zd%s first=%c\n", i, n, n < 0 ? en(errno) : "", n > 0 ? buf[0] : '-');
    }

    // A packet pipe holds at most one packet per slot.
    int count = 0;
    for (int i = 0; i < 100; ++i) {
        if (write(p[1], "x", 1) != 1) break;
        ++count;
    }
    printf("1-byte packets that fit: %d (%s)\n", count, en(errno));
    int drained = 0;
    while (read(p[0], buf, sizeof buf) == 1) ++drained;
    printf("drained %d\n", drained);

    // readv gets one packet too, spread over the vectors.
    T(write(p[1], "abcdef", 6));
    T(write(p[1], "XYZ", 3));
    char a[4] = {0}, b[8] = {0};
    struct iovec v[2] = {{a, 3}, {b, 7}};
    T(readv(p[0], v, 2));
    printf("a=%s b=%s\n", a, b);

    // Packet mode is the writer's: F_SETFL can drop it.
    T(fcntl(p[1], F_SETFL, O_NONBLOCK));
    T(fcntl(p[1], F_GETFL) & O_DIRECT);
    memset(buf, 0, sizeof buf);
    T(read(p[0], buf, sizeof buf));  // the pending "XYZ" packet
    T(write(p[1], "12", 2));
    T(write(p[1], "34", 2));
    memset(buf, 0, sizeof buf);
    T(read(p[0], buf, sizeof buf));  // a byte stream again
    printf("buf=%s\n", buf);
    close(p[0]);
    close(p[1]);
    return 0;
}
