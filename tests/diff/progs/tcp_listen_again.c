// listen() on a listening socket changes the backlog and keeps pending
// connections; listen with odd backlogs; listen on UDP; SO_ACCEPTCONN.
#include "net.h"

static void acceptconn(int fd) {
    int v = -1;
    socklen_t len = sizeof v;
    getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &v, &len);
    printf("SO_ACCEPTCONN=%d\n", v);
}

int main(void) {
    int port;
    int l = listener4(2, &port);
    acceptconn(l);
    int c1 = connect4(port);
    T(listen(l, 16));
    T(listen(l, -5));
    T(listen(l, 1 << 30));
    T(listen(l, 16));
    int c2 = connect4(port), c3 = connect4(port);
    MUST(fcntl(l, F_SETFL, O_NONBLOCK));
    int n = 0;
    while (accept(l, NULL, NULL) >= 0) ++n;
    printf("accepted %d then %s\n", n, en(errno));
    int x = MUST(socket(AF_INET, SOCK_STREAM, 0));
    acceptconn(x);
    T(listen(x, 0));
    acceptconn(x);
    printf("bound to a port: %d\n", port_of(x) > 0);
    int u = MUST(socket(AF_INET, SOCK_DGRAM, 0));
    T(listen(u, 1));
    T(shutdown(l, SHUT_RDWR));
    acceptconn(l);
    T(accept(l, NULL, NULL));
    close(c1); close(c2); close(c3); close(x); close(u); close(l);
    return 0;
}
