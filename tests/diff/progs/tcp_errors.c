// Error paths of the TCP socket calls: bad lengths and families, calls in
// the wrong state, unknown options and levels, send on an unconnected socket.
#include "net.h"

#include <signal.h>

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    T(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));   // EPROTONOSUPPORT
    T(socket(AF_INET, SOCK_SEQPACKET, 0));          // ESOCKTNOSUPPORT
    T(socket(AF_INET6, SOCK_DGRAM, IPPROTO_TCP));   // EPROTONOSUPPORT
    T(socket(12345, SOCK_STREAM, 0));               // EAFNOSUPPORT
    int s = MUST(socket(AF_INET, SOCK_STREAM, 0));
    struct sockaddr_in a = lo4(0);
    T(bind(s, (struct sockaddr*)&a, 8));            // EINVAL: short
    T(connect(s, (struct sockaddr*)&a, 3));         // EINVAL
    T(bind(s, NULL, sizeof a));                     // EFAULT
    T(bind(s, (struct sockaddr*)&a, sizeof a));
    T(send(s, "x", 1, 0));                          // EPIPE: never connected
    T(recv(s, &a, 1, 0));                           // ENOTCONN
    struct sockaddr_in p;
    socklen_t len = sizeof p;
    T(getpeername(s, (struct sockaddr*)&p, &len));  // ENOTCONN
    len = 0;
    T(getsockname(s, (struct sockaddr*)&p, &len));  // ok, truncated
    printf("getsockname with len 0 reports len=%u\n", len);
    int v = 1;
    T(setsockopt(s, SOL_SOCKET, 9999, &v, sizeof v));   // ENOPROTOOPT
    T(setsockopt(s, IPPROTO_TCP, 9999, &v, sizeof v));  // ENOPROTOOPT
    T(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, 2));  // EINVAL: short
    T(setsockopt(s, 9999, 1, &v, sizeof v));            // ENOPROTOOPT? (Linux: EOPNOTSUPP or ENOPROTOOPT)
    int port;
    int l = listener4(1, &port);
    int c = connect4(port);
    T(connect(c, (struct sockaddr*)&a, sizeof a));   // EISCONN
    T(listen(c, 1));                                 // EINVAL: connected
    int x = MUST(accept(l, NULL, NULL));
    T(close(x));
    T(close(c));
    T(close(l));
    T(close(s));
    int f = MUST(open(".", O_RDONLY | O_DIRECTORY));
    T(send(f, "x", 1, 0));                           // ENOTSOCK
    T(close(f));
    return 0;
}
