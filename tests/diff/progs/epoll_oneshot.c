// EPOLLONESHOT: reported once, then disarmed until EPOLL_CTL_MOD re-arms
// it; MOD changes the events and the data; a ready item is reported at
// once after MOD.
#include "common.h"
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

static void waitp(int ep, const char* what) {
    struct epoll_event out[4];
    int n = epoll_wait(ep, out, 4, 0);
    printf("%s: n=%d", what, n);
    for (int i = 0; i < n; ++i) printf(" {%#x %llu}", out[i].events, (unsigned long long)out[i].data.u64);
    printf("\n");
}

int main(void) {
    int ep = MUST(epoll_create1(EPOLL_CLOEXEC));
    T(fcntl(ep, F_GETFD));
    int e = MUST(eventfd(1, EFD_NONBLOCK));
    struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.u64 = 1};
    T(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev));
    waitp(ep, "first");
    waitp(ep, "disarmed");
    uint64_t v = 1;
    T(write(e, &v, 8));
    waitp(ep, "write while disarmed");
    ev.data.u64 = 2;
    T(epoll_ctl(ep, EPOLL_CTL_MOD, e, &ev));
    waitp(ep, "re-armed");
    waitp(ep, "disarmed again");
    // MOD to OUT|IN without ONESHOT: level-triggered from now on.
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u64 = 3;
    T(epoll_ctl(ep, EPOLL_CTL_MOD, e, &ev));
    waitp(ep, "LT in|out");
    waitp(ep, "LT again");
    T(read(e, &v, 8));
    waitp(ep, "drained");
    // ONESHOT|ET, and a MOD to an event that is not ready.
    ev.events = EPOLLIN | EPOLLONESHOT | EPOLLET;
    ev.data.u64 = 4;
    T(epoll_ctl(ep, EPOLL_CTL_MOD, e, &ev));
    waitp(ep, "not ready");
    T(write(e, &v, 8));
    waitp(ep, "edge");
    T(write(e, &v, 8));
    waitp(ep, "second edge, disarmed");
    // DEL then DEL again, MOD of a missing item.
    T(epoll_ctl(ep, EPOLL_CTL_DEL, e, NULL));
    T(epoll_ctl(ep, EPOLL_CTL_DEL, e, NULL));
    T(epoll_ctl(ep, EPOLL_CTL_MOD, e, &ev));
    waitp(ep, "after DEL");
    // Round robin: LT items with maxevents 2 are reported in turn.
    int f[5];
    for (int i = 0; i < 5; ++i) {
        f[i] = MUST(eventfd(1, 0));
        struct epoll_event e2 = {.events = EPOLLIN, .data.u64 = 10 + i};
        T(epoll_ctl(ep, EPOLL_CTL_ADD, f[i], &e2));
    }
    for (int round = 0; round < 4; ++round) {
        struct epoll_event out[2];
        int n = epoll_wait(ep, out, 2, 0);
        printf("round %d:", round);
        for (int i = 0; i < n; ++i) printf(" %llu", (unsigned long long)out[i].data.u64);
        printf("\n");
    }
    return 0;
}
