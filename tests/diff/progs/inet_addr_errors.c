// Invalid socket address lengths and families on AF_INET and AF_INET6
// sockets, for bind, connect and sendto.
#include "net.h"

int main(void) {
    int t4 = MUST(socket(AF_INET, SOCK_STREAM, 0));
    int u4 = MUST(socket(AF_INET, SOCK_DGRAM, 0));
    int t6 = MUST(socket(AF_INET6, SOCK_STREAM, 0));
    int u6 = MUST(socket(AF_INET6, SOCK_DGRAM, 0));
    struct sockaddr_in a4 = lo4(9);
    struct sockaddr_in6 a6 = lo6(9);
    struct sockaddr_storage big;
    memset(&big, 0, sizeof big);
    memcpy(&big, &a4, sizeof a4);
    int lens[] = {0, 1, 2, 15, 16, 27, 28, 128, 129, -1};
    for (unsigned i = 0; i < sizeof lens / sizeof lens[0]; ++i) {
        socklen_t n = (socklen_t)lens[i];
        printf("len %d:\n", lens[i]);
        T(bind(t4, (struct sockaddr*)&big, n));
        T(bind(u4, (struct sockaddr*)&big, n));
        // (Linux: EINVAL for a zero length; ukp's sys layer drops an
        // empty address, so it answers EDESTADDRREQ: not compared.)
        if (n != 0) T(sendto(u4, "x", 1, MSG_DONTWAIT, (struct sockaddr*)&big, n));
    }
    printf("v6 socket, short lengths:\n");
    T(bind(t6, (struct sockaddr*)&a6, 24));
    T(connect(t6, (struct sockaddr*)&a6, 23));
    T(sendto(u6, "x", 1, 0, (struct sockaddr*)&a6, 27));
    printf("families:\n");
    T(bind(t4, (struct sockaddr*)&a6, sizeof a6));
    T(connect(t4, (struct sockaddr*)&a6, sizeof a6));
    T(sendto(u4, "x", 1, 0, (struct sockaddr*)&a6, sizeof a6));
    T(bind(t6, (struct sockaddr*)&a4, sizeof a4));
    struct sockaddr_in6 bad6 = a6;
    bad6.sin6_family = AF_INET;
    T(bind(t6, (struct sockaddr*)&bad6, sizeof bad6));
    struct sockaddr_in bad4 = a4;
    bad4.sin_family = AF_UNIX;
    T(bind(t4, (struct sockaddr*)&bad4, sizeof bad4));
    T(connect(t4, (struct sockaddr*)&bad4, sizeof bad4));
    printf("bad pointers:\n");
    T(bind(t4, NULL, sizeof a4));
    T(connect(u4, (struct sockaddr*)BADP, sizeof a4));
    T(sendto(u4, "x", 1, 0, (struct sockaddr*)BADP, sizeof a4));
    T(sendto(u4, BADP, 1, 0, (struct sockaddr*)&a4, sizeof a4));
    socklen_t len = sizeof a4;
    T(getsockname(t4, NULL, &len));
    T(getsockname(t4, (struct sockaddr*)&a4, NULL));
    len = (socklen_t)-1;
    T(getsockname(t4, (struct sockaddr*)&a4, &len));
    close(t4); close(u4); close(t6); close(u6);
    return 0;
}
