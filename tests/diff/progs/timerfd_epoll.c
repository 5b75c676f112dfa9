// timerfd and signalfd readiness through epoll and poll: a blocking
// epoll_wait woken by a timer expiry, by a signal sent from another thread,
// edge-triggered timerfd wakeups counted.
#include "common.h"
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>

static void* sender(void* arg) {
    (void)arg;
    struct timespec ts = {0, 40000000};
    nanosleep(&ts, NULL);
    kill(getpid(), SIGUSR1);
    return NULL;
}

int main(void) {
    int ep = MUST(epoll_create1(0));
    int tfd = MUST(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK));
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = 1}, out[4];
    T(epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev));
    T(epoll_wait(ep, out, 4, 0));
    struct itimerspec one = {{0, 0}, {0, 30000000}};
    T(timerfd_settime(tfd, 0, &one, NULL));
    int n = epoll_wait(ep, out, 4, 2000);
    printf("epoll_wait on timerfd: %d event(s), tag %u, EPOLLIN %s\n", n, n > 0 ? out[0].data.u32 : 0,
           n > 0 && (out[0].events & EPOLLIN) ? "yes" : "no");
    uint64_t v;
    T(read(tfd, &v, 8));
    T(epoll_wait(ep, out, 4, 0));

    // Edge-triggered: Linux re-arms a periodic timerfd only when it is read
    // (or its time asked), so unread expiries wake it once.
    ev.events = EPOLLIN | EPOLLET;
    T(epoll_ctl(ep, EPOLL_CTL_MOD, tfd, &ev));
    struct itimerspec per = {{0, 20000000}, {0, 20000000}};
    T(timerfd_settime(tfd, 0, &per, NULL));
    int wakeups = 0;
    for (int i = 0; i < 3; i++) wakeups += epoll_wait(ep, out, 4, 150) == 1;
    printf("ET wakeups in 3 waits: %d\n", wakeups);
    T(read(tfd, &v, 8) == 8);
    printf("every period counted at read: %s\n", v >= 15 && v <= 30 ? "yes" : "no");
    struct itimerspec off = {{0, 0}, {0, 0}};
    T(timerfd_settime(tfd, 0, &off, NULL));
    T(epoll_ctl(ep, EPOLL_CTL_DEL, tfd, NULL));

    // signalfd: woken by a kill from another thread.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    MUST(pthread_sigmask(SIG_BLOCK, &set, NULL));
    int sfd = MUST(signalfd(-1, &set, SFD_NONBLOCK));
    ev.events = EPOLLIN;
    ev.data.u32 = 2;
    T(epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev));
    pthread_t th;
    pthread_create(&th, NULL, sender, NULL);
    n = epoll_wait(ep, out, 4, 2000);
    printf("epoll_wait on signalfd: %d event(s), tag %u\n", n, n > 0 ? out[0].data.u32 : 0);
    pthread_join(th, NULL);
    struct signalfd_siginfo si;
    T(read(sfd, &si, sizeof si));
    printf("signo %u\n", si.ssi_signo);
    T(epoll_wait(ep, out, 4, 0));

    // poll blocking on a signalfd, raise from this thread is seen at once.
    T(raise(SIGUSR1));
    struct pollfd p = {sfd, POLLIN, 0};
    T(poll(&p, 1, 2000));
    T(read(sfd, &si, sizeof si));
    T(close(sfd));
    T(close(tfd));
    T(close(ep));
    return 0;
}
