// Closing a socket with unread data resets the connection: the peer's
// recv and send report ECONNRESET (then EOF / EPIPE).
#include "net.h"

#include <signal.h>

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    T(send(c, "unread", 6, 0));
    struct pollfd p = {.fd = s, .events = POLLIN};
    T(poll(&p, 1, 1000));
    close(s);
    p.fd = c;
    T(poll(&p, 1, 1000));
    printf("revents has ERR: %d HUP: %d\n", !!(p.revents & POLLERR), !!(p.revents & POLLHUP));
    char b[8];
    T(recv(c, b, sizeof b, 0));
    T(recv(c, b, sizeof b, 0));
    T(send(c, "x", 1, 0));
    // A clean close after reading everything: EOF, no reset.
    int c2 = connect4(port);
    int s2 = MUST(accept(l, NULL, NULL));
    T(send(c2, "read", 4, 0));
    T(read_full(s2, b, 4));
    close(s2);
    T(recv(c2, b, sizeof b, 0));
    close(c); close(c2); close(l);
    return 0;
}
