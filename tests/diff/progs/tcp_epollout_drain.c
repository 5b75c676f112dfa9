// A non-blocking sender fills its buffers until EAGAIN; EPOLLOUT is absent
// while full and comes back once the peer drains everything.
#include "net.h"

#include <sys/epoll.h>

int main(void) {
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    int v = 65536;
    MUST(setsockopt(c, SOL_SOCKET, SO_SNDBUF, &v, sizeof v));
    MUST(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof v));
    MUST(fcntl(c, F_SETFL, O_NONBLOCK));
    static char buf[65536];
    memset(buf, 'x', sizeof buf);
    long total = 0;
    ssize_t r;
    while ((r = send(c, buf, sizeof buf, 0)) > 0) total += r;
    printf("filled: total>0=%d then %s\n", total > 0, en(errno));
    int ep = MUST(epoll_create1(0));
    struct epoll_event ev = {.events = EPOLLOUT | EPOLLET, .data.fd = c};
    MUST(epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev));
    struct epoll_event out[2];
    printf("full: %d events\n", epoll_wait(ep, out, 2, 0));
    long got = 0;
    while (got < total) {
        ssize_t n = read(s, buf, sizeof buf);
        if (n <= 0) break;
        got += n;
    }
    printf("drained all: %d\n", got == total);
    int n = epoll_wait(ep, out, 2, 2000);
    printf("after drain: %d events, OUT=%d\n", n, n > 0 && (out[0].events & EPOLLOUT) != 0);
    r = send(c, buf, 100, 0);
    printf("send again: %zd\n", r);
    close(c);
    close(s);
    close(l);
    return 0;
}
