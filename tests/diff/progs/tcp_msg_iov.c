// sendmsg/recvmsg with several iovecs on TCP; MSG_PEEK leaves data queued;
// MSG_WAITALL gathers across sends; empty iovecs are skipped.
#include "net.h"

int main(void) {
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    char a[] = "hello", b[] = "", d[] = " wide", e[] = " world";
    struct iovec iov[4] = {{a, 5}, {b, 0}, {d, 5}, {e, 6}};
    struct msghdr m = {.msg_iov = iov, .msg_iovlen = 4};
    T(sendmsg(c, &m, 0));
    char x[4] = {0}, y[32] = {0};
    struct iovec riov[2] = {{x, 3}, {y, 6}};
    struct msghdr rm = {.msg_iov = riov, .msg_iovlen = 2};
    struct pollfd p = {.fd = s, .events = POLLIN};
    poll(&p, 1, 1000);
    T(recvmsg(s, &rm, MSG_PEEK));
    printf("peek: '%s' '%s' flags=%d\n", x, y, rm.msg_flags);
    memset(x, 0, sizeof x);
    memset(y, 0, sizeof y);
    riov[1].iov_len = 13;
    T(recvmsg(s, &rm, MSG_WAITALL));
    printf("read: '%s' '%s'\n", x, y);
    T(recv(s, y, sizeof y, MSG_DONTWAIT));
    T(send(c, "12", 2, 0));
    T(send(c, "345", 3, MSG_MORE));
    T(send(c, "6", 1, 0));
    memset(y, 0, sizeof y);
    T(recv(s, y, 6, MSG_WAITALL));
    printf("waitall: '%s'\n", y);
    rm.msg_iovlen = 0;
    T(recvmsg(s, &rm, MSG_DONTWAIT));
    m.msg_iovlen = 0;
    T(sendmsg(c, &m, 0));
    close(c);
    close(s);
    close(l);
    return 0;
}
