// epoll on a TCP listener: level-triggered accept readiness stays while
// connections wait; edge-triggered reports each new arrival once.
#include "net.h"

#include <sys/epoll.h>

static int wait1(int ep, int ms) {
    struct epoll_event ev[4];
    return epoll_wait(ep, ev, 4, ms);
}

int main(void) {
    int port;
    int l = listener4(8, &port);
    int ep = MUST(epoll_create1(0));
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = l};
    MUST(epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev));
    printf("empty listener: %d\n", wait1(ep, 0));
    int c1 = connect4(port), c2 = connect4(port);
    printf("LT two pending: %d\n", wait1(ep, 1000));
    printf("LT again: %d\n", wait1(ep, 0));
    int a1 = MUST(accept(l, NULL, NULL));
    printf("LT one left: %d\n", wait1(ep, 0));
    int a2 = MUST(accept(l, NULL, NULL));
    printf("LT none left: %d\n", wait1(ep, 0));
    ev.events = EPOLLIN | EPOLLET;
    MUST(epoll_ctl(ep, EPOLL_CTL_MOD, l, &ev));
    printf("ET nothing: %d\n", wait1(ep, 0));
    int c3 = connect4(port);
    printf("ET new: %d\n", wait1(ep, 1000));
    printf("ET again without accept: %d\n", wait1(ep, 0));
    int c4 = connect4(port);
    printf("ET another arrival: %d\n", wait1(ep, 1000));
    int ok = 0;
    MUST(fcntl(l, F_SETFL, O_NONBLOCK));
    while (accept4(l, NULL, NULL, SOCK_NONBLOCK) >= 0) ++ok;
    printf("accepted %d then %s\n", ok, en(errno));
    (void)a1; (void)a2; (void)c1; (void)c2; (void)c3; (void)c4;
    return 0;
}
