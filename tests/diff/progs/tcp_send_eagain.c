// MSG_DONTWAIT sends until EAGAIN on a blocking socket; the peer then reads
// exactly what was accepted, byte for byte.
#include "net.h"

int main(void) {
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    static unsigned char buf[32768], in[65536];
    long total = 0;
    unsigned char seq = 0;
    for (;;) {
        for (size_t i = 0; i < sizeof buf; ++i) buf[i] = (unsigned char)(seq + i);
        ssize_t r = send(c, buf, sizeof buf, MSG_DONTWAIT);
        if (r < 0) { printf("stopped: %s\n", en(errno)); break; }
        total += r;
        seq = (unsigned char)(seq + r);
        if (total > (64l << 20)) { printf("never full\n"); break; }
    }
    printf("accepted something: %d\n", total > 0);
    T(send(c, buf, 1, MSG_DONTWAIT));
    int fl = fcntl(c, F_GETFL);
    printf("still blocking: %d\n", !(fl & O_NONBLOCK));
    MUST(shutdown(c, SHUT_WR));
    long got = 0, bad = 0;
    unsigned char expect = 0;
    for (;;) {
        ssize_t n = read(s, in, sizeof in);
        if (n <= 0) break;
        for (ssize_t i = 0; i < n; ++i, ++expect) bad += in[i] != expect;
        got += n;
    }
    printf("read back equal: %d, bad bytes %ld\n", got == total, bad);
    close(c);
    close(s);
    close(l);
    return 0;
}
