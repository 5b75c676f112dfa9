// UDP on the loopback interface: datagram boundaries, truncation with and
// without MSG_TRUNC, MSG_PEEK, the sender's address, connected sockets,
// EDESTADDRREQ, EMSGSIZE and FIONREAD.
#include "net.h"

int main(void) {
    int rx = MUST(socket(AF_INET, SOCK_DGRAM, 0));
    struct sockaddr_in a = lo4(0);
    MUST(bind(rx, (struct sockaddr*)&a, sizeof a));
    int port = port_of(rx);
    a = lo4(port);
    int tx = MUST(socket(AF_INET, SOCK_DGRAM, 0));
    T(send(tx, "x", 1, 0));  // EDESTADDRREQ: not connected, no address
    T(sendto(tx, "first", 5, 0, (struct sockaddr*)&a, sizeof a));
    T(sendto(tx, "second!", 7, 0, (struct sockaddr*)&a, sizeof a));
    T(sendto(tx, "", 0, 0, (struct sockaddr*)&a, sizeof a));
    int avail = -1;
    T(ioctl(rx, FIONREAD, &avail));
    printf("FIONREAD (next datagram) = %d\n", avail);

    char buf[64];
    struct sockaddr_in from;
    socklen_t flen = sizeof from;
    memset(buf, 0, sizeof buf);
    T(recvfrom(rx, buf, sizeof buf, MSG_PEEK, (struct sockaddr*)&from, &flen));
    printf("peeked '%s' from %s, sender port is tx's: %s\n", buf, inet_ntoa(from.sin_addr),
           ntohs(from.sin_port) == port_of(tx) ? "yes" : "no");
    memset(buf, 0, sizeof buf);
    T(recv(rx, buf, 3, 0));  // truncated: the rest of the datagram is gone
    printf("got '%s'\n", buf);
    memset(buf, 0, sizeof buf);
    T(recv(rx, buf, 2, MSG_TRUNC));  // returns the real length
    printf("got '%s'\n", buf);
    T(recv(rx, buf, sizeof buf, 0));  // the empty datagram
    T(recv(rx, buf, sizeof buf, MSG_DONTWAIT));  // EAGAIN

    struct msghdr mh = {0};
    struct iovec iov = {buf, 4};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    T(sendto(tx, "truncate me", 11, 0, (struct sockaddr*)&a, sizeof a));
    T(recvmsg(rx, &mh, 0));
    printf("msg_flags has MSG_TRUNC: %s\n", (mh.msg_flags & MSG_TRUNC) ? "yes" : "no");

    // Connected: send() works, the peer name is known.
    T(connect(tx, (struct sockaddr*)&a, sizeof a));
    T(send(tx, "conn", 4, 0));
    memset(buf, 0, sizeof buf);
    T(recv(rx, buf, sizeof buf, 0));
    printf("got '%s'\n", buf);
    struct sockaddr_in pn;
    socklen_t pl = sizeof pn;
    T(getpeername(tx, (struct sockaddr*)&pn, &pl));
    printf("peer port matches: %s\n", ntohs(pn.sin_port) == port ? "yes" : "no");
    struct sockaddr unspec = {.sa_family = AF_UNSPEC};
    T(connect(tx, &unspec, sizeof unspec));  // dissolves the association
    T(getpeername(tx, (struct sockaddr*)&pn, &pl));  // ENOTCONN

    static char big[70000];
    T(sendto(tx, big, 65508, 0, (struct sockaddr*)&a, sizeof a));  // EMSGSIZE
    T(sendto(tx, big, 65507, 0, (struct sockaddr*)&a, sizeof a));
    T(recv(rx, big, sizeof big, 0));
    T(close(tx));
    T(close(rx));
    return 0;
}
