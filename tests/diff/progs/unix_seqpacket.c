// SOCK_SEQPACKET: a connection with record boundaries; pair and path.
#include "common.h"
#include <sys/socket.h>
#include <sys/un.h>

int main(void) {
    int sv[2];
    T(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
    T(send(sv[0], "alpha", 5, 0));
    T(send(sv[0], "be", 2, 0));
    char buf[64] = {0};
    T(recv(sv[1], buf, 3, 0));
    printf("got '%.3s'\n", buf);
    T(recv(sv[1], buf, sizeof buf, 0));
    struct msghdr mh = {0};
    struct iovec iov = {buf, 2};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    T(send(sv[1], "xyz", 3, 0));
    T(recvmsg(sv[0], &mh, 0));
    printf("trunc=%d\n", !!(mh.msg_flags & MSG_TRUNC));
    T(shutdown(sv[0], SHUT_WR));
    T(recv(sv[1], buf, sizeof buf, 0));
    T(send(sv[0], "no", 2, MSG_NOSIGNAL));
    T(close(sv[0]));
    T(recv(sv[1], buf, sizeof buf, 0));
    T(close(sv[1]));

    // Over a path.
    int l = MUST(socket(AF_UNIX, SOCK_SEQPACKET, 0));
    struct sockaddr_un a = {AF_UNIX, "sp.sock"};
    T(bind(l, (struct sockaddr*)&a, sizeof a));
    T(listen(l, 4));
    int c = MUST(socket(AF_UNIX, SOCK_SEQPACKET, 0));
    T(recv(c, buf, sizeof buf, MSG_DONTWAIT));
    T(send(c, "x", 1, 0));
    T(connect(c, (struct sockaddr*)&a, sizeof a));
    int s = accept(l, NULL, NULL);
    printf("accepted %d\n", s >= 0);
    T(send(c, "record one", 10, 0));
    T(send(c, "two", 3, 0));
    memset(buf, 0, sizeof buf);
    T(recv(s, buf, sizeof buf, 0));
    printf("got '%s'\n", buf);
    T(recv(s, buf, sizeof buf, 0));
    // A stream socket cannot connect to a seqpacket listener.
    int st = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(connect(st, (struct sockaddr*)&a, sizeof a));
    int d = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    T(connect(d, (struct sockaddr*)&a, sizeof a));
    T(close(c));
    T(recv(s, buf, sizeof buf, 0));
    close(s); close(l); close(st); close(d);
    unlink("sp.sock");
    return 0;
}
