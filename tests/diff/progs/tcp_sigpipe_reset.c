// Writes on a connection the peer reset: the pending ECONNRESET first, then
// EPIPE with SIGPIPE, or without it under MSG_NOSIGNAL.
#include "net.h"

#include <signal.h>

static volatile int pipes;
static void on_pipe(int sig) { (void)sig; ++pipes; }

int main(void) {
    signal(SIGPIPE, on_pipe);
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    struct linger lg = {1, 0};
    MUST(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    close(s);
    struct pollfd p = {.fd = c, .events = POLLIN};
    poll(&p, 1, 1000);
    T(send(c, "a", 1, MSG_NOSIGNAL));
    printf("sigpipes: %d\n", pipes);
    T(send(c, "b", 1, MSG_NOSIGNAL));
    printf("sigpipes: %d\n", pipes);
    T(send(c, "c", 1, 0));
    printf("sigpipes: %d\n", pipes);
    T(write(c, "d", 1));
    printf("sigpipes: %d\n", pipes);
    close(c);
    close(l);
    return 0;
}
