// setitimer/getitimer ITIMER_REAL: a periodic SIGALRM counted over a
// while, what getitimer and the old value report, bad arguments; alarm's
// return values.
#include "common.h"
#include <signal.h>
#include <sys/time.h>
#include <time.h>

static volatile sig_atomic_t hits;
static void on_alrm(int sig) { (void)sig; hits++; }

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static long long tv_ms(struct timeval t) { return t.tv_sec * 1000LL + t.tv_usec / 1000; }

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alrm;
    sa.sa_flags = SA_RESTART;
    MUST(sigaction(SIGALRM, &sa, NULL));

    struct itimerval cur;
    T(getitimer(ITIMER_REAL, &cur));
    printf("disarmed: value %lld interval %lld\n", tv_ms(cur.it_value), tv_ms(cur.it_interval));

    struct itimerval it = {{0, 20000}, {0, 20000}}, old;
    T(setitimer(ITIMER_REAL, &it, &old));
    printf("old was zero: %s\n", tv_ms(old.it_value) == 0 && tv_ms(old.it_interval) == 0 ? "yes" : "no");
    T(getitimer(ITIMER_REAL, &cur));
    printf("armed: value in (0,20ms]: %s, interval 20ms: %s\n",
           cur.it_value.tv_usec > 0 && tv_ms(cur.it_value) <= 20 ? "yes" : "no",
           cur.it_interval.tv_usec == 20000 ? "yes" : "no");

    long long end = now_ms() + 210;
    while (now_ms() < end) {
        struct timespec ts = {0, 5000000};
        nanosleep(&ts, NULL);
    }
    struct itimerval off = {{0, 0}, {0, 0}};
    T(setitimer(ITIMER_REAL, &off, &old));
    int n = hits;
    printf("periodic count in [7,11]: %s\n", n >= 7 && n <= 11 ? "yes" : "no");
    printf("old interval 20ms: %s\n", old.it_interval.tv_usec == 20000 ? "yes" : "no");
    struct timespec ts = {0, 60000000};
    nanosleep(&ts, NULL);
    printf("no more after disarm: %s\n", hits == n ? "yes" : "no");

    // one shot
    hits = 0;
    struct itimerval once = {{0, 0}, {0, 30000}};
    T(setitimer(ITIMER_REAL, &once, NULL));
    ts.tv_nsec = 100000000;
    while (nanosleep(&ts, &ts) != 0) {}
    printf("one shot fired once: %s\n", hits == 1 ? "yes" : "no");
    T(getitimer(ITIMER_REAL, &cur));
    printf("after one shot: value %lld\n", tv_ms(cur.it_value));

    struct itimerval bad = {{0, 0}, {0, 1000000}};
    T(setitimer(ITIMER_REAL, &bad, NULL));
    struct itimerval bad2 = {{0, -1}, {1, 0}};
    T(setitimer(ITIMER_REAL, &bad2, NULL));
    T(setitimer(7, &once, NULL));
    T(getitimer(7, &cur));
    T(getitimer(ITIMER_REAL, NULL));

    // alarm's values: whole seconds, rounded.
    T(alarm(10));
    T(alarm(3));
    T(alarm(0));
    T(alarm(0));
    struct itimerval half = {{0, 0}, {0, 400000}};
    T(setitimer(ITIMER_REAL, &half, NULL));
    T(alarm(0));  // 0.4 s left: reported as 1, never 0
    struct itimerval more = {{0, 0}, {2, 700000}};
    T(setitimer(ITIMER_REAL, &more, NULL));
    T(alarm(0));  // 2.7 s left: 3
    return 0;
}
