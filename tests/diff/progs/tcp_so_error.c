// SO_ERROR after a reset and after a refused non-blocking connect: read
// once, then cleared; reading it does not change later calls' results.
#include "net.h"

#include <signal.h>

static void so_error(int fd, const char* what) {
    int e = -1;
    socklen_t len = sizeof e;
    int r = getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len);
    printf("%s: r=%d SO_ERROR=%s len=%u\n", what, r, e ? en(e) : "0", len);
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    so_error(c, "healthy");
    struct linger lg = {1, 0};
    MUST(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    close(s);
    struct pollfd p = {.fd = c, .events = POLLIN};
    poll(&p, 1, 1000);
    so_error(c, "after reset");
    so_error(c, "again");
    char b[4];
    T(recv(c, b, sizeof b, 0));
    T(send(c, "x", 1, 0));
    close(c);
    int n = MUST(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    struct sockaddr_in a = lo4(free_port4());
    T(connect(n, (struct sockaddr*)&a, sizeof a));
    p.fd = n;
    p.events = POLLOUT;
    T(poll(&p, 1, 1000));
    printf("refused revents: OUT=%d ERR=%d HUP=%d\n", !!(p.revents & POLLOUT), !!(p.revents & POLLERR),
           !!(p.revents & POLLHUP));
    so_error(n, "refused");
    so_error(n, "again");
    T(connect(n, (struct sockaddr*)&a, sizeof a));
    close(n);
    close(l);
    return 0;
}
