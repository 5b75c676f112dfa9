// Connecting again after ECONNREFUSED works once someone listens; after a
// reset an established socket stays "connected" (EISCONN), as on Linux.
#include "net.h"
int main(void) {
    int port = free_port4();
    struct sockaddr_in a = lo4(port);
    int c = MUST(socket(AF_INET, SOCK_STREAM, 0));
    T(connect(c, (struct sockaddr*)&a, sizeof a));
    T(connect(c, (struct sockaddr*)&a, sizeof a));
    int l = MUST(socket(AF_INET, SOCK_STREAM, 0));
    int one = 1;
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    MUST(bind(l, (struct sockaddr*)&a, sizeof a));
    MUST(listen(l, 1));
    T(connect(c, (struct sockaddr*)&a, sizeof a));
    T(connect(c, (struct sockaddr*)&a, sizeof a));
    int s = MUST(accept(l, NULL, NULL));
    struct linger lg = {1, 0};
    setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    close(s);
    char b;
    T(recv(c, &b, 1, 0));
    T(connect(c, (struct sockaddr*)&a, sizeof a));
    return 0;
}
