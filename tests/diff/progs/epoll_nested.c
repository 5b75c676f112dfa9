// epoll inside epoll: the outer one reports the inner one while the inner
// has a really ready item; poll() on an epoll fd; cycles and depth (ELOOP).
#include "common.h"
#include <poll.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

static int count(int ep) {
    struct epoll_event out[8];
    return epoll_wait(ep, out, 8, 0);
}

int main(void) {
    int outer = MUST(epoll_create1(0));
    int inner = MUST(epoll_create1(0));
    int e = MUST(eventfd(0, EFD_NONBLOCK));
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 5};
    T(epoll_ctl(inner, EPOLL_CTL_ADD, e, &ev));
    ev.data.u64 = 6;
    T(epoll_ctl(outer, EPOLL_CTL_ADD, inner, &ev));
    T(count(outer));
    struct pollfd p = {inner, POLLIN | POLLOUT, 0};
    T(poll(&p, 1, 0));
    printf("revents=%#x\n", (unsigned)p.revents);

    uint64_t v = 1;
    T(write(e, &v, 8));
    struct epoll_event out[4];
    int n = epoll_wait(outer, out, 4, 1000);
    printf("outer n=%d events=%#x data=%llu\n", n, n > 0 ? out[0].events : 0,
           n > 0 ? (unsigned long long)out[0].data.u64 : 0);
    T(poll(&p, 1, 0));
    printf("revents=%#x\n", (unsigned)p.revents);
    // Level-triggered all the way: still there.
    T(count(outer));
    T(count(inner));
    // Drained: the inner one is no longer ready, so neither is the outer.
    T(read(e, &v, 8));
    T(count(outer));
    T(poll(&p, 1, 0));
    printf("revents=%#x\n", (unsigned)p.revents);

    // A thread-free wakeup through two levels with a timeout.
    T(write(e, &v, 8));
    T(epoll_wait(outer, out, 4, 1000));
    T(read(e, &v, 8));

    // Cycles and self.
    T(epoll_ctl(inner, EPOLL_CTL_ADD, outer, &ev));
    T(epoll_ctl(inner, EPOLL_CTL_ADD, inner, &ev));
    // A chain: e0 in e1 in ... ; the 6th level is refused.
    int c[8];
    for (int i = 0; i < 8; ++i) c[i] = MUST(epoll_create1(0));
    for (int i = 1; i < 8; ++i) {
        errno = 0;
        int r = epoll_ctl(c[i], EPOLL_CTL_ADD, c[i - 1], &ev);
        printf("c%d into c%d: %d %s\n", i - 1, i, r, r ? en(errno) : "");
    }
    // Upward depth counts too.
    int a[4];
    for (int i = 0; i < 4; ++i) a[i] = MUST(epoll_create1(0));
    for (int i = 1; i < 4; ++i) T(epoll_ctl(a[i], EPOLL_CTL_ADD, a[i - 1], &ev));
    int x = MUST(epoll_create1(0)), y = MUST(epoll_create1(0));
    T(epoll_ctl(y, EPOLL_CTL_ADD, x, &ev));
    T(epoll_ctl(a[0], EPOLL_CTL_ADD, y, &ev));
    T(epoll_ctl(a[0], EPOLL_CTL_ADD, x, &ev));
    // Closing a middle epoll drops it from its parent.
    T(close(a[1]));
    T(epoll_ctl(a[2], EPOLL_CTL_ADD, e, &ev));
    T(write(e, &v, 8));
    T(count(a[3]));
    T(count(a[2]));
    return 0;
}
