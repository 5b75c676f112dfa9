// getsockname/getpeername on IPv6 TCP: ::1 on both ends, matching ports,
// flowinfo and scope id zero, sizes; short buffers report the full length;
// a v4-mapped connection through a dual-stack listener.
#include "net.h"

static void show6(const char* what, int fd, int peer) {
    struct sockaddr_in6 a;
    memset(&a, 0x55, sizeof a);
    socklen_t len = sizeof a;
    int r = peer ? getpeername(fd, (struct sockaddr*)&a, &len) : getsockname(fd, (struct sockaddr*)&a, &len);
    if (r < 0) { printf("%s: %s\n", what, en(errno)); return; }
    char b[64];
    inet_ntop(AF_INET6, &a.sin6_addr, b, sizeof b);
    printf("%s: len=%u family6=%d addr=%s flow=%u scope=%u\n", what, len, a.sin6_family == AF_INET6, b,
           a.sin6_flowinfo, a.sin6_scope_id);
}

int main(void) {
    int l = MUST(socket(AF_INET6, SOCK_STREAM, 0));
    struct sockaddr_in6 any = {.sin6_family = AF_INET6};
    MUST(bind(l, (struct sockaddr*)&any, sizeof any));
    MUST(listen(l, 4));
    show6("listener name", l, 0);
    show6("listener peer", l, 1);
    int port = port_of(l);
    int c = MUST(socket(AF_INET6, SOCK_STREAM, 0));
    struct sockaddr_in6 dst = lo6(port);
    dst.sin6_flowinfo = htonl(0x12345);
    dst.sin6_scope_id = 7;
    T(connect(c, (struct sockaddr*)&dst, sizeof dst));
    int s = MUST(accept(l, NULL, NULL));
    show6("client name", c, 0);
    show6("client peer", c, 1);
    show6("server name", s, 0);
    show6("server peer", s, 1);
    printf("ports: %d %d\n", port_of(s) == port, port_of(c) != port);
    struct sockaddr_in6 a;
    socklen_t len = 8;
    T(getsockname(c, (struct sockaddr*)&a, &len));
    printf("short len -> %u\n", len);
    int c4 = connect4(port);
    int s4 = MUST(accept(l, NULL, NULL));
    show6("mapped server name", s4, 0);
    show6("mapped server peer", s4, 1);
    close(c); close(s); close(c4); close(s4); close(l);
    return 0;
}
