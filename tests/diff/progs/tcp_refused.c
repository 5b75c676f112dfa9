// Connecting to a port where nobody listens: ECONNREFUSED for a blocking
// connect; EINPROGRESS then SO_ERROR for a non-blocking one.
#include "net.h"

int main(void) {
    int port = free_port4();
    int c = MUST(socket(AF_INET, SOCK_STREAM, 0));
    struct sockaddr_in a = lo4(port);
    T(connect(c, (struct sockaddr*)&a, sizeof a));
    int err = -1;
    socklen_t len = sizeof err;
    T(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len));
    printf("SO_ERROR after the failed connect: %s\n", err ? en(err) : "0");
    T(close(c));

    c = MUST(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    T(connect(c, (struct sockaddr*)&a, sizeof a));  // EINPROGRESS, even on loopback
    struct pollfd p = {.fd = c, .events = POLLOUT};
    T(poll(&p, 1, 5000));
    printf("revents: POLLOUT=%d POLLERR=%d POLLHUP=%d\n", !!(p.revents & POLLOUT), !!(p.revents & POLLERR),
           !!(p.revents & POLLHUP));
    len = sizeof err;
    T(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len));
    printf("SO_ERROR: %s\n", err ? en(err) : "0");
    T(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len));  // read and cleared
    printf("SO_ERROR again: %s\n", err ? en(err) : "0");
    T(connect(c, (struct sockaddr*)&a, sizeof a));  // a new attempt: EINPROGRESS again? Linux says so
    T(close(c));
    return 0;
}
