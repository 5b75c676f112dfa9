// FIONBIO, FIONREAD (SIOCINQ) and SIOCOUTQ on TCP sockets.
#include "net.h"

#include <linux/sockios.h>
#include <termios.h>

int main(void) {
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    int on = 1, off = 0, n = -1;
    T(ioctl(s, FIONBIO, &on));
    printf("O_NONBLOCK: %d\n", !!(fcntl(s, F_GETFL) & O_NONBLOCK));
    char b[256];
    T(recv(s, b, sizeof b, 0));
    T(ioctl(s, FIONBIO, &off));
    printf("O_NONBLOCK: %d\n", !!(fcntl(s, F_GETFL) & O_NONBLOCK));
    T(ioctl(s, FIONREAD, &n));
    printf("FIONREAD idle: %d\n", n);
    memset(b, 'z', sizeof b);
    T(send(c, b, 100, 0));
    struct pollfd p = {.fd = s, .events = POLLIN};
    poll(&p, 1, 1000);
    T(ioctl(s, FIONREAD, &n));
    printf("FIONREAD: %d\n", n);
    T(ioctl(s, SIOCINQ, &n));
    printf("SIOCINQ: %d\n", n);
    T(recv(s, b, 30, 0));
    T(ioctl(s, FIONREAD, &n));
    printf("FIONREAD after 30: %d\n", n);
    // Everything sent was acknowledged once the peer holds it.
    int q = -1;
    for (int i = 0; i < 100; ++i) {
        if (ioctl(c, SIOCOUTQ, &q) < 0) { printf("SIOCOUTQ: %s\n", en(errno)); break; }
        if (q == 0) break;
        usleep(10000);
    }
    printf("SIOCOUTQ settles at: %d\n", q);
    T(ioctl(l, FIONREAD, &n));
    T(ioctl(c, FIONREAD, NULL));
    T(ioctl(s, TCGETS, &n));
    close(c); close(s); close(l);
    return 0;
}
