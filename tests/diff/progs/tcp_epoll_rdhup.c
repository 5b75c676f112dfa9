// EPOLLRDHUP and EPOLLHUP as the peer half-closes, then closes.
#include "net.h"

#include <sys/epoll.h>

static void show_ev(int ep, const char* what) {
    struct epoll_event ev[2];
    int n = epoll_wait(ep, ev, 2, 1000);
    if (n <= 0) { printf("%s: %d events\n", what, n); return; }
    unsigned e = ev[0].events;
    printf("%s: %s%s%s%s%s\n", what, e & EPOLLIN ? "IN " : "", e & EPOLLOUT ? "OUT " : "",
           e & EPOLLRDHUP ? "RDHUP " : "", e & EPOLLHUP ? "HUP " : "", e & EPOLLERR ? "ERR " : "");
}

int main(void) {
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    int ep = MUST(epoll_create1(0));
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP, .data.fd = s};
    MUST(epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev));
    show_ev(ep, "idle");
    MUST(write(c, "abc", 3));
    show_ev(ep, "data");
    MUST(shutdown(c, SHUT_WR));
    show_ev(ep, "peer SHUT_WR");
    char b[8];
    T(read(s, b, sizeof b));
    T(read(s, b, sizeof b));
    show_ev(ep, "after draining");
    MUST(shutdown(s, SHUT_WR));
    show_ev(ep, "both directions shut");
    int ep2 = MUST(epoll_create1(0));
    ev.data.fd = c;
    MUST(epoll_ctl(ep2, EPOLL_CTL_ADD, c, &ev));
    show_ev(ep2, "other end");
    close(s);
    close(c);
    close(l);
    return 0;
}
