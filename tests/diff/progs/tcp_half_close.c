// Half-close: the client shuts its sending side, the server sees EOF but can
// still answer; writes after SHUT_WR fail with EPIPE (SIGPIPE ignored).
#include "net.h"

#include <signal.h>

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    T(send(c, "request", 7, 0));
    T(shutdown(c, SHUT_WR));
    char buf[32] = {0};
    T(read_full(s, buf, sizeof buf - 1));  // 7, then EOF ends it
    printf("server got '%s'\n", buf);
    T(read(s, buf, sizeof buf));  // still EOF
    T(send(s, "reply", 5, 0));
    memset(buf, 0, sizeof buf);
    T(read(c, buf, sizeof buf));
    printf("client got '%s'\n", buf);
    T(send(c, "more", 4, 0));  // EPIPE: its side is shut
    T(shutdown(s, SHUT_WR));
    T(read(c, buf, sizeof buf));  // 0
    T(shutdown(c, 7));           // EINVAL
    T(close(s));
    T(close(c));
    // shutdown on a socket that never connected
    int u = MUST(socket(AF_INET, SOCK_STREAM, 0));
    T(shutdown(u, SHUT_RDWR));
    T(close(u));
    T(close(l));
    return 0;
}
