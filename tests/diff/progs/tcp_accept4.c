// accept4 flags: SOCK_NONBLOCK and SOCK_CLOEXEC on the new fd, EINVAL for
// others; the listener's O_NONBLOCK is not inherited; address truncation.
#include "net.h"

int main(void) {
    int port;
    int l = listener4(8, &port);
    int c1 = connect4(port), c2 = connect4(port), c3 = connect4(port);
    T(accept4(l, NULL, NULL, 0x40000000));
    T(accept4(l, NULL, NULL, O_APPEND));
    int a = MUST(accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC));
    printf("nonblock=%d cloexec=%d\n", !!(fcntl(a, F_GETFL) & O_NONBLOCK), !!(fcntl(a, F_GETFD) & FD_CLOEXEC));
    MUST(fcntl(l, F_SETFL, O_NONBLOCK));
    int b = MUST(accept4(l, NULL, NULL, 0));
    printf("inherits listener O_NONBLOCK: %d cloexec=%d\n", !!(fcntl(b, F_GETFL) & O_NONBLOCK),
           !!(fcntl(b, F_GETFD) & FD_CLOEXEC));
    struct sockaddr_in peer;
    socklen_t len = 4;
    memset(&peer, 0x55, sizeof peer);
    int d = MUST(accept(l, (struct sockaddr*)&peer, &len));
    printf("short addrlen: len=%u family_ok=%d tail_untouched=%d\n", len, peer.sin_family == AF_INET,
           ((unsigned char*)&peer)[4] == 0x55);
    T(accept(l, NULL, NULL));
    len = sizeof peer;
    T(accept(l, (struct sockaddr*)&peer, NULL));
    int x = MUST(socket(AF_INET, SOCK_STREAM, 0));
    T(accept(x, NULL, NULL));
    int u = MUST(socket(AF_INET, SOCK_DGRAM, 0));
    T(accept(u, NULL, NULL));
    close(a); close(b); close(d); close(c1); close(c2); close(c3); close(x); close(u); close(l);
    return 0;
}
