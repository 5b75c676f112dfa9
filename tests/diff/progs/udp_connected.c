// A connected UDP socket only receives from its peer; sendto with another
// address still works; connect(AF_UNSPEC) dissolves the association.
#include "net.h"

static int udp4(void) {
    int fd = MUST(socket(AF_INET, SOCK_DGRAM, 0));
    struct sockaddr_in a = lo4(0);
    MUST(bind(fd, (struct sockaddr*)&a, sizeof a));
    return fd;
}

int main(void) {
    int a = udp4(), b = udp4(), c = udp4();
    struct sockaddr_in pa = lo4(port_of(a)), pb = lo4(port_of(b));
    MUST(connect(a, (struct sockaddr*)&pb, sizeof pb));
    T(sendto(c, "from-c", 6, 0, (struct sockaddr*)&pa, sizeof pa));
    T(sendto(b, "from-b", 6, 0, (struct sockaddr*)&pa, sizeof pa));
    char buf[16] = {0};
    T(recv(a, buf, sizeof buf, MSG_DONTWAIT));
    printf("a got '%s'\n", buf);
    T(recv(a, buf, sizeof buf, MSG_DONTWAIT));
    T(send(a, "to-b", 4, 0));
    struct sockaddr_in pc = lo4(port_of(c));
    T(sendto(a, "to-c", 4, 0, (struct sockaddr*)&pc, sizeof pc));
    memset(buf, 0, sizeof buf);
    T(recv(b, buf, sizeof buf, MSG_DONTWAIT));
    printf("b got '%s'\n", buf);
    memset(buf, 0, sizeof buf);
    T(recv(c, buf, sizeof buf, MSG_DONTWAIT));
    printf("c got '%s'\n", buf);
    struct sockaddr_in peer;
    socklen_t len = sizeof peer;
    T(getpeername(a, (struct sockaddr*)&peer, &len));
    printf("peer is b: %d\n", peer.sin_port == pb.sin_port);
    struct sockaddr un = {.sa_family = AF_UNSPEC};
    T(connect(a, &un, sizeof un));
    len = sizeof peer;
    T(getpeername(a, (struct sockaddr*)&peer, &len));
    T(send(a, "x", 1, 0));
    T(sendto(c, "again-c", 7, 0, (struct sockaddr*)&pa, sizeof pa));
    memset(buf, 0, sizeof buf);
    T(recv(a, buf, sizeof buf, MSG_DONTWAIT));
    printf("a got '%s'\n", buf);
    close(a); close(b); close(c);
    return 0;
}
