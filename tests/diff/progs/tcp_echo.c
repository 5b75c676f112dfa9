// TCP over 127.0.0.1: connect, accept, data both ways, the names each side
// sees, and end-of-file when the peer closes.
#include "net.h"

int main(void) {
    int port;
    int l = listener4(8, &port);
    int c = connect4(port);
    struct sockaddr_in peer;
    socklen_t plen = sizeof peer;
    int s = MUST(accept(l, (struct sockaddr*)&peer, &plen));
    printf("accept peer len=%u family=%d addr=%s\n", plen, peer.sin_family, inet_ntoa(peer.sin_addr));
    printf("peer port is the client's port: %s\n", ntohs(peer.sin_port) == port_of(c) ? "yes" : "no");

    struct sockaddr_in name;
    socklen_t nlen = sizeof name;
    T(getpeername(c, (struct sockaddr*)&name, &nlen));
    printf("client's peer is the listener's port: %s\n", ntohs(name.sin_port) == port ? "yes" : "no");
    printf("accepted socket has the listener's port: %s\n", port_of(s) == port ? "yes" : "no");

    T(send(c, "ping", 4, 0));
    char buf[64] = {0};
    T(recv(s, buf, sizeof buf, 0));
    printf("server got '%s'\n", buf);
    T(write(s, "pong!", 5));
    memset(buf, 0, sizeof buf);
    T(read(c, buf, sizeof buf));
    printf("client got '%s'\n", buf);

    // Vectored I/O keeps the byte order across buffers.
    struct iovec iov[3] = {{"ab", 2}, {"", 0}, {"cdef", 4}};
    T(writev(c, iov, 3));
    memset(buf, 0, sizeof buf);
    T(read_full(s, buf, 6));
    printf("server got '%s'\n", buf);

    T(close(c));
    T(read(s, buf, sizeof buf));  // 0: end of file
    T(close(s));
    T(close(l));
    return 0;
}
