// Binding rules: EADDRINUSE for a port in use, SO_REUSEADDR for a listener's
// port after it closed, EINVAL for a second bind, ephemeral ports on listen
// and connect, EADDRNOTAVAIL for an address that is not the machine's.
#include "net.h"

int main(void) {
    int port;
    int l = listener4(4, &port);
    int b = MUST(socket(AF_INET, SOCK_STREAM, 0));
    struct sockaddr_in a = lo4(port);
    T(bind(b, (struct sockaddr*)&a, sizeof a));  // EADDRINUSE
    int one = 1;
    T(setsockopt(b, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    T(bind(b, (struct sockaddr*)&a, sizeof a));  // still in use: the listener is alive
    T(close(b));

    T(close(l));

    // A connection makes the port busy for a while after close (TIME_WAIT on
    // the side that closed first); SO_REUSEADDR on both lets a new listener
    // take it.
    l = MUST(socket(AF_INET, SOCK_STREAM, 0));
    T(setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    struct sockaddr_in any = lo4(0);
    MUST(bind(l, (struct sockaddr*)&any, sizeof any));
    MUST(listen(l, 4));
    port = port_of(l);
    a = lo4(port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    T(close(s));
    T(close(c));
    T(close(l));
    int n = MUST(socket(AF_INET, SOCK_STREAM, 0));
    T(setsockopt(n, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    T(bind(n, (struct sockaddr*)&a, sizeof a));
    T(bind(n, (struct sockaddr*)&a, sizeof a));  // EINVAL: already bound
    T(listen(n, 1));
    T(close(n));

    // listen without bind: an ephemeral port
    int e = MUST(socket(AF_INET, SOCK_STREAM, 0));
    T(listen(e, 1));
    printf("listen picked a port: %s\n", port_of(e) > 0 ? "yes" : "no");
    T(close(e));
    // An address of no interface here
    int x = MUST(socket(AF_INET, SOCK_STREAM, 0));
    struct sockaddr_in far = {.sin_family = AF_INET, .sin_port = 0};
    far.sin_addr.s_addr = inet_addr("192.0.2.77");
    T(bind(x, (struct sockaddr*)&far, sizeof far));
    T(close(x));
    return 0;
}
