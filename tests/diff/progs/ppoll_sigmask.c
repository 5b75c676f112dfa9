// Signal masks of ppoll, pselect and epoll_pwait: a pending signal that
// the call's mask unblocks interrupts it (EINTR, handler run); a signal
// sent by another thread interrupts poll and epoll_wait even with
// SA_RESTART; the caller's mask is back afterwards.
#include "common.h"
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <time.h>

static volatile sig_atomic_t handled;
static void on_usr1(int sig) { (void)sig; handled++; }

static int blocked_now(void) {
    sigset_t cur;
    pthread_sigmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, SIGUSR1);
}

static struct timespec t0;
static void start(void) { clock_gettime(CLOCK_MONOTONIC, &t0); }
// The interrupted waits end at once, not at their 2 s timeout.
static int early(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < 1000;
}

static pthread_t main_thread;
static void* kicker(void* arg) {
    (void)arg;
    struct timespec ts = {0, 80 * 1000000L};
    nanosleep(&ts, NULL);
    pthread_kill(main_thread, SIGUSR1);
    return NULL;
}

int main(void) {
    struct sigaction sa = {0};
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    int e = MUST(eventfd(0, 0));
    int ep = MUST(epoll_create1(0));
    struct epoll_event ev = {.events = EPOLLIN};
    T(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev));
    sigset_t block, empty;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigemptyset(&empty);
    pthread_sigmask(SIG_BLOCK, &block, NULL);

    struct pollfd p = {e, POLLIN, 0};
    struct timespec two = {2, 0};
    struct epoll_event out;
    fd_set r;

    raise(SIGUSR1);
    printf("pending, handled=%d\n", handled);
    start();
    T(ppoll(&p, 1, &two, &empty));
    printf("early=%d\n", early());
    printf("handled=%d blocked again=%d\n", handled, blocked_now());

    raise(SIGUSR1);
    FD_ZERO(&r);
    FD_SET(e, &r);
    start();
    T(pselect(e + 1, &r, NULL, NULL, &two, &empty));
    printf("early=%d\n", early());
    printf("handled=%d blocked again=%d\n", handled, blocked_now());

    raise(SIGUSR1);
    start();
    T(epoll_pwait(ep, &out, 1, 2000, &empty));
    printf("early=%d\n", early());
    printf("handled=%d blocked again=%d\n", handled, blocked_now());

    raise(SIGUSR1);
    start();
    T(epoll_pwait2(ep, &out, 1, &two, &empty));
    printf("early=%d\n", early());
    printf("handled=%d blocked again=%d\n", handled, blocked_now());

    // A mask that keeps it blocked: the wait times out, the signal stays pending.
    raise(SIGUSR1);
    struct timespec short_ts = {0, 30 * 1000000L};
    T(ppoll(&p, 1, &short_ts, &block));
    printf("handled=%d\n", handled);
    // Something ready and the signal unblocked: the events come back (no EINTR).
    uint64_t one = 1;
    T(write(e, &one, 8));
    pthread_sigmask(SIG_UNBLOCK, &block, NULL);
    printf("handled=%d\n", handled);
    T(ppoll(&p, 1, &two, &empty));
    uint64_t v;
    T(read(e, &v, 8));

    // Another thread's signal interrupts plain poll / epoll_wait / select.
    main_thread = pthread_self();
    pthread_t t;
    pthread_create(&t, NULL, kicker, NULL);
    T(poll(&p, 1, 3000));
    pthread_join(t, NULL);
    pthread_create(&t, NULL, kicker, NULL);
    T(epoll_wait(ep, &out, 1, -1));
    pthread_join(t, NULL);
    pthread_create(&t, NULL, kicker, NULL);
    struct timeval tv = {3, 0};
    FD_ZERO(&r);
    FD_SET(e, &r);
    T(select(e + 1, &r, NULL, NULL, &tv));
    pthread_join(t, NULL);
    printf("handled=%d\n", handled);
    return 0;
}
