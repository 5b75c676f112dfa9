// The listen backlog: with listen(fd, 1) two connections complete before
// accept (Linux allows backlog + 1), further ones wait; accepting makes
// room. Also SO_ACCEPTCONN and accept on a non-listening socket.
#include "net.h"

#include <fcntl.h>

int main(void) {
    int port;
    int l = listener4(1, &port);
    int acc = -1;
    socklen_t len = sizeof acc;
    T(getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &acc, &len));
    printf("SO_ACCEPTCONN = %d\n", acc);
    int c[4];
    int done = 0;
    for (int i = 0; i < 4; ++i) {
        c[i] = MUST(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
        struct sockaddr_in a = lo4(port);
        int r = connect(c[i], (struct sockaddr*)&a, sizeof a);
        if (r < 0 && errno != EINPROGRESS) printf("connect %d: %s\n", i, en(errno));
    }
    for (int i = 0; i < 4; ++i) {
        struct pollfd p = {.fd = c[i], .events = POLLOUT};
        if (poll(&p, 1, 300) == 1 && (p.revents & POLLOUT)) {
            int err = 0;
            len = sizeof err;
            getsockopt(c[i], SOL_SOCKET, SO_ERROR, &err, &len);
            if (!err) ++done;
        }
    }
    printf("connected before any accept: %d of 4\n", done);
    int s = MUST(accept(l, NULL, NULL));
    printf("accepted one\n");
    T(close(s));
    int t = MUST(socket(AF_INET, SOCK_STREAM, 0));
    T(accept(t, NULL, NULL));  // EINVAL: not listening
    len = sizeof acc;
    T(getsockopt(t, SOL_SOCKET, SO_ACCEPTCONN, &acc, &len));
    printf("SO_ACCEPTCONN = %d\n", acc);
    T(close(t));
    for (int i = 0; i < 4; ++i) close(c[i]);
    T(close(l));
    return 0;
}
