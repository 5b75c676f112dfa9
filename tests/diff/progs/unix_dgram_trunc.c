// SOCK_DGRAM: message boundaries, truncation (MSG_TRUNC in and out),
// zero-length datagrams, FIONREAD, MSG_PEEK of a whole datagram.
#include "common.h"
#include <sys/ioctl.h>
#include <sys/socket.h>

int main(void) {
    int sv[2];
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    T(send(sv[0], "one", 3, 0));
    T(send(sv[0], "second", 6, 0));
    T(send(sv[0], "", 0, 0));
    T(send(sv[0], "fourth message", 14, 0));
    int n = -1;
    T(ioctl(sv[1], FIONREAD, &n));
    printf("FIONREAD %d\n", n);
    char buf[64] = {0};
    T(recv(sv[1], buf, sizeof buf, 0));
    printf("got '%s'\n", buf);
    memset(buf, 0, sizeof buf);
    T(recv(sv[1], buf, 3, 0));        // truncated: the rest is lost
    printf("got '%s'\n", buf);
    T(ioctl(sv[1], FIONREAD, &n));
    printf("FIONREAD %d\n", n);
    T(recv(sv[1], buf, sizeof buf, 0));  // the empty one
    memset(buf, 0, sizeof buf);
    T(recv(sv[1], buf, 4, MSG_PEEK | MSG_TRUNC));
    T(recv(sv[1], buf, 4, MSG_TRUNC));  // the real length
    printf("got '%s'\n", buf);
    T(recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));

    // recvmsg reports MSG_TRUNC in msg_flags.
    T(send(sv[1], "0123456789", 10, 0));
    struct iovec iov[2];
    char a[3], b[4];
    iov[0].iov_base = a; iov[0].iov_len = sizeof a;
    iov[1].iov_base = b; iov[1].iov_len = sizeof b;
    struct msghdr mh = {0};
    mh.msg_iov = iov;
    mh.msg_iovlen = 2;
    T(recvmsg(sv[0], &mh, 0));
    printf("flags trunc=%d a=%.3s b=%.4s\n", !!(mh.msg_flags & MSG_TRUNC), a, b);
    // Scatter-gather send is one datagram.
    iov[0].iov_base = "abc"; iov[0].iov_len = 3;
    iov[1].iov_base = "defg"; iov[1].iov_len = 4;
    struct msghdr sm = {0};
    sm.msg_iov = iov;
    sm.msg_iovlen = 2;
    T(sendmsg(sv[0], &sm, 0));
    memset(buf, 0, sizeof buf);
    T(recv(sv[1], buf, sizeof buf, 0));
    printf("got '%s'\n", buf);
    // Too large for the send buffer.
    int big = 300000;
    char* p = calloc(1, big);
    T(send(sv[0], p, big, 0));
    free(p);
    // Closing one end: the other gets ECONNREFUSED? no: a pair's send fails.
    T(close(sv[1]));
    T(send(sv[0], "x", 1, MSG_DONTWAIT));
    T(close(sv[0]));
    return 0;
}
