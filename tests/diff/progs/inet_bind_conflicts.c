// Address conflicts: 0.0.0.0 vs 127.0.0.1 on one port, SO_REUSEADDR, a
// dual-stack :: against IPv4, IPV6_V6ONLY, UDP vs TCP on the same port,
// rebinding a bound socket, unknown local addresses.
#include "net.h"

static int sock(int fam, int type, int reuse) {
    int fd = MUST(socket(fam, type, 0));
    if (reuse) MUST(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse));
    return fd;
}

static int bind4(int fd, uint32_t ip, int port) {
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(ip);
    return bind(fd, (struct sockaddr*)&a, sizeof a);
}

static int bind6(int fd, int port) {
    struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_port = htons(port)};
    return bind(fd, (struct sockaddr*)&a, sizeof a);
}

int main(void) {
    int a = sock(AF_INET, SOCK_STREAM, 0);
    MUST(bind4(a, INADDR_ANY, 0));
    int port = port_of(a);
    int b = sock(AF_INET, SOCK_STREAM, 0);
    T(bind4(b, INADDR_LOOPBACK, port));
    T(bind4(b, INADDR_ANY, port));
    close(b);
    int u = sock(AF_INET, SOCK_DGRAM, 0);
    T(bind4(u, INADDR_LOOPBACK, port));
    T(bind4(u, INADDR_LOOPBACK, 0));
    close(u);
    int s6 = sock(AF_INET6, SOCK_STREAM, 0);
    T(bind6(s6, port));
    close(s6);
    int v6 = sock(AF_INET6, SOCK_STREAM, 0);
    int one = 1;
    MUST(setsockopt(v6, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one));
    T(bind6(v6, port));
    close(v6);
    MUST(listen(a, 1));
    int r1 = sock(AF_INET, SOCK_STREAM, 1);
    T(bind4(r1, INADDR_LOOPBACK, port));
    close(r1);
    close(a);
    // Both with SO_REUSEADDR, neither listening.
    int x = sock(AF_INET, SOCK_STREAM, 1), y = sock(AF_INET, SOCK_STREAM, 1);
    MUST(bind4(x, INADDR_LOOPBACK, 0));
    int p2 = port_of(x);
    T(bind4(y, INADDR_LOOPBACK, p2));
    close(x); close(y);
    int z = sock(AF_INET, SOCK_STREAM, 0);
    T(bind4(z, 0x0a000001, 0));
    T(bind4(z, 0x7f000002, 0));
    close(z);
    return 0;
}
