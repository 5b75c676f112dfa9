// A connected datagram sender whose receiver has no room: poll and epoll
// report it not writable exactly when send() would be EAGAIN, and a
// receiver's recv() wakes a sender waiting for POLLOUT. Two kinds of "no
// room": the receiver's queue length (max_dgram_qlen, for a receiver not
// connected back) and the send buffer (a socketpair).
#include "common.h"
#include <poll.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

static long long mono_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

struct drain {
    int fd;
    int all;  // everything queued, or one datagram
};

static void* drainer(void* arg) {
    struct drain* d = arg;
    struct timespec t = {0, 100000000};
    nanosleep(&t, NULL);  // the main thread is waiting by now
    char b[2048];
    int n = 0;
    while (n < 10000 && recv(d->fd, b, sizeof b, MSG_DONTWAIT) >= 0) {
        ++n;
        if (!d->all) break;
    }
    return NULL;
}

static int fill(int fd, size_t size) {
    static char buf[1024];
    int n = 0;
    while (n < 10000 && send(fd, buf, size, MSG_DONTWAIT) >= 0) ++n;
    printf("filled until %s\n", en(errno));
    return n;
}

static void wait_pollout(int fd, int rfd, int all) {
    struct pollfd p = {fd, POLLOUT, 0};
    T(poll(&p, 1, 0));
    pthread_t t;
    struct drain d = {rfd, all};
    pthread_create(&t, NULL, drainer, &d);
    long long t0 = mono_ms();
    T(poll(&p, 1, 2000));
    printf("POLLOUT in time: %s\n", (p.revents & POLLOUT) && mono_ms() - t0 < 1500 ? "yes" : "no");
    pthread_join(t, NULL);
}

int main(void) {
    alarm(20);
    // Receiver bound to a path, not connected back: the queue length limit.
    int r = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    strcpy(a.sun_path, "r");
    MUST(bind(r, (struct sockaddr*)&a, sizeof a));
    int s = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    MUST(connect(s, (struct sockaddr*)&a, sizeof a));
    printf("queued %d\n", fill(s, 1));
    wait_pollout(s, r, 0);
    T(send(s, "x", 1, MSG_DONTWAIT));
    T(send(s, "x", 1, MSG_DONTWAIT));

    // The same through edge-triggered epoll.
    int ep = MUST(epoll_create1(0));
    struct epoll_event ev = {.events = EPOLLOUT | EPOLLET, .data.fd = s}, got;
    MUST(epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev));
    T(epoll_wait(ep, &got, 1, 0));
    pthread_t t;
    struct drain d = {r, 0};
    pthread_create(&t, NULL, drainer, &d);
    long long t0 = mono_ms();
    T(epoll_wait(ep, &got, 1, 2000));
    printf("EPOLLOUT in time: %s\n", (got.events & EPOLLOUT) && mono_ms() - t0 < 1500 ? "yes" : "no");
    pthread_join(t, NULL);
    close(ep);
    close(s);
    close(r);

    // A socketpair: connected both ways, only the send buffer limits.
    int sv[2];
    MUST(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    int sndbuf = 32768;
    MUST(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf));
    printf("queued more than 10: %s\n", fill(sv[0], 1000) > 10 ? "yes" : "no");
    wait_pollout(sv[0], sv[1], 1);
    T(send(sv[0], "x", 1, MSG_DONTWAIT));
    close(sv[0]);
    close(sv[1]);
    return 0;
}
