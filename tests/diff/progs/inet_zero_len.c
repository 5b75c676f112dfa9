// Zero-length sends and receives on TCP and UDP, and the largest UDP
// datagrams over IPv4 and IPv6 (EMSGSIZE one byte beyond).
#include "net.h"

int main(void) {
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    T(send(c, "", 0, 0));
    T(send(c, NULL, 0, 0));
    T(recv(s, NULL, 0, MSG_DONTWAIT));
    T(send(c, "ab", 2, 0));
    struct pollfd p = {.fd = s, .events = POLLIN};
    poll(&p, 1, 1000);
    char b[8];
    T(recv(s, b, 0, 0));
    T(recv(s, b, sizeof b, 0));
    close(c); close(s); close(l);

    int r = MUST(socket(AF_INET, SOCK_DGRAM, 0));
    struct sockaddr_in a = lo4(0);
    MUST(bind(r, (struct sockaddr*)&a, sizeof a));
    a = lo4(port_of(r));
    int u = MUST(socket(AF_INET, SOCK_DGRAM, 0));
    T(sendto(u, "", 0, 0, (struct sockaddr*)&a, sizeof a));
    T(sendto(u, "z", 1, 0, (struct sockaddr*)&a, sizeof a));
    int n = -1;
    T(ioctl(r, FIONREAD, &n));
    printf("FIONREAD with empty datagram first: %d\n", n);
    T(recv(r, b, sizeof b, MSG_DONTWAIT));
    T(recv(r, b, 0, MSG_DONTWAIT | MSG_TRUNC));
    T(recv(r, b, sizeof b, MSG_DONTWAIT));
    int sz = 1 << 20;
    setsockopt(r, SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
    static char big[70000];
    T(sendto(u, big, 65507, 0, (struct sockaddr*)&a, sizeof a));
    T(sendto(u, big, 65508, 0, (struct sockaddr*)&a, sizeof a));
    T(recv(r, big, sizeof big, MSG_DONTWAIT));
    int r6 = MUST(socket(AF_INET6, SOCK_DGRAM, 0));
    struct sockaddr_in6 a6 = lo6(0);
    MUST(bind(r6, (struct sockaddr*)&a6, sizeof a6));
    setsockopt(r6, SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
    a6 = lo6(port_of(r6));
    int u6 = MUST(socket(AF_INET6, SOCK_DGRAM, 0));
    // Linux takes up to 65527 bytes over IPv6; lwIP's 16-bit packet
    // length stops at 65487: the range between is not compared.
    T(sendto(u6, big, 65487, 0, (struct sockaddr*)&a6, sizeof a6));
    T(sendto(u6, big, 65528, 0, (struct sockaddr*)&a6, sizeof a6));
    T(recv(r6, big, sizeof big, MSG_DONTWAIT));
    close(r); close(u); close(r6); close(u6);
    return 0;
}
