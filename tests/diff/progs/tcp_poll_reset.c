// poll after the peer resets the connection (SO_LINGER 0): POLLERR until
// SO_ERROR is read, POLLHUP; then reads and writes report the reset.
#include "net.h"

#include <signal.h>

static void pr(int fd, const char* what) {
    struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT | POLLRDHUP};
    int n = poll(&p, 1, 1000);
    short e = p.revents;
    printf("%s: n=%d %s%s%s%s%s\n", what, n, e & POLLIN ? "IN " : "", e & POLLOUT ? "OUT " : "",
           e & POLLRDHUP ? "RDHUP " : "", e & POLLHUP ? "HUP " : "", e & POLLERR ? "ERR " : "");
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    pr(c, "connected");
    struct linger lg = {1, 0};
    MUST(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    close(s);
    pr(c, "after reset");
    int err = 0;
    socklen_t len = sizeof err;
    MUST(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len));
    printf("SO_ERROR: %s\n", err ? en(err) : "0");
    pr(c, "error read");
    char b[4];
    T(recv(c, b, sizeof b, 0));
    T(send(c, "x", 1, 0));
    close(c);
    close(l);
    return 0;
}
