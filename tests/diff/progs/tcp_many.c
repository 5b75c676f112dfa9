// 200 connections open at once: all accepted, each carries its own byte
// both ways, all closed.
#include "net.h"

#define N 200

int main(void) {
    int port;
    int l = listener4(N + 10, &port);
    static int cl[N], sv[N];
    for (int i = 0; i < N; ++i) cl[i] = connect4(port);
    for (int i = 0; i < N; ++i) sv[i] = MUST(accept(l, NULL, NULL));
    int bad = 0;
    for (int i = 0; i < N; ++i) {
        unsigned char b = (unsigned char)i;
        if (write(cl[i], &b, 1) != 1) ++bad;
    }
    // accept order follows connect order on both systems; match by port.
    for (int i = 0; i < N; ++i) {
        unsigned char b;
        if (read(sv[i], &b, 1) != 1) { ++bad; continue; }
        if (write(sv[i], &b, 1) != 1) ++bad;
    }
    for (int i = 0; i < N; ++i) {
        unsigned char b;
        if (read(cl[i], &b, 1) != 1 || b != (unsigned char)i) ++bad;
    }
    printf("%d connections, %d errors\n", N, bad);
    for (int i = 0; i < N; ++i) { close(cl[i]); close(sv[i]); }
    T(close(l));
    return 0;
}
