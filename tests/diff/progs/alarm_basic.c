// alarm and ualarm: one SIGALRM, replaced and cancelled alarms, pause()
// ended by it, the seconds left as Linux rounds them.
#include "common.h"
#include <signal.h>
#include <sys/time.h>
#include <time.h>

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

static volatile sig_atomic_t hits;
static void on_alrm(int sig) { (void)sig; hits++; }

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(void) {
    signal(SIGALRM, on_alrm);
    T(alarm(0));
    T(alarm(100));
    T(alarm(50));   // replaces: 100 left
    T(alarm(0));    // cancels: 50 left
    struct timespec ts = {0, 20000000};
    nanosleep(&ts, NULL);
    printf("cancelled alarm never fired: %s\n", hits == 0 ? "yes" : "no");

    long long t0 = now_ms();
    T(alarm(1));
    T(pause());
    long long d = now_ms() - t0;
    printf("pause ended by alarm after ~1s: %s, handler ran %d\n", d >= 900 && d < 2000 ? "yes" : "no", (int)hits);
    T(alarm(0));

    // ualarm: microseconds, with an interval.
    hits = 0;
    T(ualarm(30000, 0));
    printf("ualarm old in (0,30000]: %s\n", (long)ualarm(30000, 0) > 0 ? "yes" : "no");
    ts.tv_nsec = 80000000;
    while (nanosleep(&ts, &ts) != 0) {}
    printf("ualarm fired once: %s\n", hits == 1 ? "yes" : "no");
    hits = 0;
    T(ualarm(10000, 10000));
    long long end = now_ms() + 100;
    while (now_ms() < end) {
        struct timespec s = {0, 2000000};
        nanosleep(&s, NULL);
    }
    T(ualarm(0, 0) <= 10000);
    printf("ualarm periodic count in [6,11]: %s\n", hits >= 6 && hits <= 11 ? "yes" : "no");

    // The alarm reaches the process: a second thread sleeping does not matter.
    struct itimerval cur;
    T(getitimer(ITIMER_REAL, &cur));
    printf("disarmed after ualarm(0,0): %s\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0 ? "yes" : "no");
    T(alarm(7));
    T(getitimer(ITIMER_REAL, &cur));
    printf("alarm shows in getitimer: %s\n", cur.it_value.tv_sec == 6 || cur.it_value.tv_sec == 7 ? "yes" : "no");
    T(alarm(0));
    return 0;
}
