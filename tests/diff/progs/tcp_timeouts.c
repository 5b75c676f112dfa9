// SO_RCVTIMEO and SO_SNDTIMEO: a blocking recv or a send into full buffers
// gives up with EAGAIN after about the timeout.
#include "net.h"

#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void) {
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    struct timeval tv = {0, 150000};
    MUST(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    struct timeval got;
    socklen_t len = sizeof got;
    MUST(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &got, &len));
    // Linux rounds to its clock tick: compare loosely.
    printf("rcvtimeo: about 150 ms: %d len=%u\n", got.tv_sec == 0 && got.tv_usec >= 150000 && got.tv_usec < 160000, len);
    char b[16];
    double t0 = now();
    T(recv(s, b, sizeof b, 0));
    double dt = now() - t0;
    printf("recv waited about the timeout: %d\n", dt > 0.1 && dt < 3);
    MUST(setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    t0 = now();
    T(accept(l, NULL, NULL));
    dt = now() - t0;
    printf("accept waited about the timeout: %d\n", dt > 0.1 && dt < 3);
    MUST(setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
    static char big[1 << 16];
    long total = 0;
    ssize_t r;
    t0 = now();
    while ((r = send(c, big, sizeof big, 0)) > 0) {
        total += r;
        if (now() - t0 > 20) break;
    }
    dt = now() - t0;
    printf("send stopped: %s after sending something: %d, in time: %d\n", r < 0 ? en(errno) : "no", total > 0, dt < 20);
    tv.tv_usec = 2000000;
    T(setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
    T(setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, 4));
    close(c); close(s); close(l);
    return 0;
}
