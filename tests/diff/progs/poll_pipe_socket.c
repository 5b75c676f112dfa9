// Readiness of pipes and AF_UNIX sockets through poll and epoll: HUP when
// the writer goes, ERR on a write end without readers, RDHUP after the
// peer's shutdown, ET edges on every write.
#include "common.h"
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/socket.h>

static void pl(const char* what, int fd, short events) {
    struct pollfd p = {fd, events, 0};
    int n = poll(&p, 1, 0);
    printf("%s: poll=%d revents=%#x\n", what, n, (unsigned)p.revents);
}

static void ew(const char* what, int ep) {
    struct epoll_event out[4];
    int n = epoll_wait(ep, out, 4, 0);
    printf("%s: n=%d", what, n);
    for (int i = 0; i < n; ++i) printf(" {%#x %llu}", out[i].events, (unsigned long long)out[i].data.u64);
    printf("\n");
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    int p[2];
    MUST(pipe(p));
    int ep = MUST(epoll_create1(0));
    struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.u64 = 1};
    T(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    ev.events = EPOLLOUT;
    ev.data.u64 = 2;
    T(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev));
    pl("empty pipe r", p[0], POLLIN | POLLOUT);
    pl("empty pipe w", p[1], POLLIN | POLLOUT);
    ew("empty", ep);
    T(write(p[1], "ab", 2));
    ew("after write", ep);
    ew("again (ET read end)", ep);
    T(write(p[1], "c", 1));
    ew("second write", ep);
    char buf[8];
    T(read(p[0], buf, 8));
    T(close(p[1]));
    pl("writer gone", p[0], POLLIN);
    ew("writer gone", ep);
    int q[2];
    MUST(pipe(q));
    T(close(q[0]));
    pl("reader gone", q[1], POLLOUT);
    close(q[1]);
    close(p[0]);

    int s[2];
    MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, s));
    int ep2 = MUST(epoll_create1(0));
    ev.events = EPOLLIN | EPOLLRDHUP;
    ev.data.u64 = 3;
    T(epoll_ctl(ep2, EPOLL_CTL_ADD, s[0], &ev));
    pl("socket idle", s[0], POLLIN | POLLOUT | POLLRDHUP);
    ew("socket idle", ep2);
    T(write(s[1], "x", 1));
    ew("socket data", ep2);
    T(read(s[0], buf, 8));
    T(shutdown(s[1], SHUT_WR));
    pl("peer shut down", s[0], POLLIN | POLLOUT | POLLRDHUP);
    ew("peer shut down", ep2);
    T(close(s[1]));
    pl("peer closed", s[0], POLLIN | POLLOUT | POLLRDHUP);
    ew("peer closed", ep2);
    return 0;
}
