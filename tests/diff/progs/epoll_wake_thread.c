// A thread blocked in epoll_wait (no timeout) is woken by another thread's
// eventfd write; several rounds, then a wait that times out.
#include "common.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>

#define ROUNDS 200

static int ep, efd, back;

static void* waiter(void* arg) {
    (void)arg;
    int got = 0;
    for (int i = 0; i < ROUNDS; ++i) {
        struct epoll_event out[2];
        int n = epoll_wait(ep, out, 2, -1);
        uint64_t v;
        if (n == 1 && out[0].data.u64 == 42 && read(efd, &v, 8) == 8) got += (int)v;
        uint64_t one = 1;
        if (write(back, &one, 8) != 8) break;
    }
    return (void*)(intptr_t)got;
}

int main(void) {
    ep = MUST(epoll_create1(0));
    efd = MUST(eventfd(0, EFD_NONBLOCK));
    back = MUST(eventfd(0, 0));
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = 42};
    T(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    for (int i = 0; i < ROUNDS; ++i) {
        if (i % 50 == 0) {
            struct timespec ts = {0, 5 * 1000000L};
            nanosleep(&ts, NULL);  // let the waiter park for real sometimes
        }
        uint64_t one = 1, v;
        if (write(efd, &one, 8) != 8) printf("write failed\n");
        if (read(back, &v, 8) != 8) printf("back failed\n");
    }
    void* got;
    pthread_join(t, &got);
    printf("rounds=%d received=%ld\n", ROUNDS, (long)(intptr_t)got);
    struct epoll_event out[2];
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    T(epoll_wait(ep, out, 2, 50));
    clock_gettime(CLOCK_MONOTONIC, &b);
    long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
    printf("timed out after >= 45ms: %d\n", ms >= 45);
    return 0;
}
