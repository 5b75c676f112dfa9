// UDP over ::1: recvfrom reports ::1 and the sender's port; dual-stack
// sockets receive from IPv4 senders as v4-mapped addresses; IPV6_V6ONLY
// refuses v4-mapped destinations.
#include "net.h"

static void addr6(const char* what, const struct sockaddr_in6* a, socklen_t len, int port) {
    char b[64];
    inet_ntop(AF_INET6, &a->sin6_addr, b, sizeof b);
    printf("%s: family=%s len=%u addr=%s port_ok=%d flow=%u scope=%u\n", what,
           a->sin6_family == AF_INET6 ? "inet6" : "?", len, b, ntohs(a->sin6_port) == port, a->sin6_flowinfo,
           a->sin6_scope_id);
}

int main(void) {
    int r = MUST(socket(AF_INET6, SOCK_DGRAM, 0));
    struct sockaddr_in6 any = {.sin6_family = AF_INET6};
    MUST(bind(r, (struct sockaddr*)&any, sizeof any));
    int port = port_of(r);
    int s6 = MUST(socket(AF_INET6, SOCK_DGRAM, 0));
    struct sockaddr_in6 dst = lo6(port);
    T(sendto(s6, "six", 3, 0, (struct sockaddr*)&dst, sizeof dst));
    char b[16] = {0};
    struct sockaddr_in6 from;
    socklen_t len = sizeof from;
    T(recvfrom(r, b, sizeof b, 0, (struct sockaddr*)&from, &len));
    addr6("from v6", &from, len, port_of(s6));
    int s4 = MUST(socket(AF_INET, SOCK_DGRAM, 0));
    struct sockaddr_in d4 = lo4(port);
    T(sendto(s4, "four", 4, 0, (struct sockaddr*)&d4, sizeof d4));
    len = sizeof from;
    memset(b, 0, sizeof b);
    T(recvfrom(r, b, sizeof b, 0, (struct sockaddr*)&from, &len));
    printf("got '%s'\n", b);
    addr6("from v4", &from, len, port_of(s4));
    // Reply to the mapped address: the IPv4 socket gets it.
    T(sendto(r, "back", 4, 0, (struct sockaddr*)&from, len));
    struct sockaddr_in f4;
    len = sizeof f4;
    memset(b, 0, sizeof b);
    T(recvfrom(s4, b, sizeof b, 0, (struct sockaddr*)&f4, &len));
    printf("v4 got '%s' from 127.0.0.1: %d port_ok=%d\n", b, f4.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
           ntohs(f4.sin_port) == port);
    int only = MUST(socket(AF_INET6, SOCK_DGRAM, 0));
    int one = 1;
    T(setsockopt(only, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one));
    T(sendto(only, "x", 1, 0, (struct sockaddr*)&from, sizeof from));
    T(sendto(only, "y", 1, 0, (struct sockaddr*)&dst, sizeof dst));
    len = sizeof from;
    T(recvfrom(r, b, sizeof b, 0, (struct sockaddr*)&from, &len));
    close(r); close(s6); close(s4); close(only);
    return 0;
}
