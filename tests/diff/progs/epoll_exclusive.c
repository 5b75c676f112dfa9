// EPOLLEXCLUSIVE: several epoll instances watch one eventfd, each with a
// thread blocked in epoll_wait. One write wakes one of them when the item
// is exclusive, all of them otherwise.
#include "common.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>

#define W 4

static int efd;
static int eps[W];
static int woke[W];

static void* waiter(void* arg) {
    int i = (int)(intptr_t)arg;
    struct epoll_event out;
    woke[i] = epoll_wait(eps[i], &out, 1, 400);
    return NULL;
}

static void run(uint32_t extra) {
    efd = MUST(eventfd(0, EFD_NONBLOCK));
    for (int i = 0; i < W; ++i) {
        eps[i] = MUST(epoll_create1(0));
        struct epoll_event ev = {.events = EPOLLIN | extra};
        if (epoll_ctl(eps[i], EPOLL_CTL_ADD, efd, &ev) != 0) printf("ctl: %s\n", en(errno));
    }
    pthread_t t[W];
    for (int i = 0; i < W; ++i) pthread_create(&t[i], NULL, waiter, (void*)(intptr_t)i);
    struct timespec ts = {0, 100 * 1000000L};
    nanosleep(&ts, NULL);
    uint64_t one = 1;
    if (write(efd, &one, 8) != 8) printf("write failed\n");
    int n = 0;
    for (int i = 0; i < W; ++i) {
        pthread_join(t[i], NULL);
        n += woke[i] == 1;
    }
    printf("%s: woken=%d\n", extra ? "exclusive" : "shared", n);
    for (int i = 0; i < W; ++i) close(eps[i]);
    close(efd);
}

int main(void) {
    run(0);
    run(EPOLLEXCLUSIVE);
    // The rules around it.
    int ep = MUST(epoll_create1(0));
    int e = MUST(eventfd(0, 0));
    struct epoll_event ev = {.events = EPOLLIN | EPOLLEXCLUSIVE};
    T(epoll_ctl(ep, EPOLL_CTL_MOD, e, &ev));
    T(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev));
    T(epoll_ctl(ep, EPOLL_CTL_MOD, e, &ev));
    ev.events = EPOLLIN;
    T(epoll_ctl(ep, EPOLL_CTL_MOD, e, &ev));
    T(epoll_ctl(ep, EPOLL_CTL_DEL, e, NULL));
    ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
    T(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev));
    ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLRDHUP;
    T(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev));
    ev.events = EPOLLOUT | EPOLLEXCLUSIVE | EPOLLET | EPOLLWAKEUP;
    T(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev));
    int inner = MUST(epoll_create1(0));
    ev.events = EPOLLIN | EPOLLEXCLUSIVE;
    T(epoll_ctl(ep, EPOLL_CTL_ADD, inner, &ev));
    return 0;
}
