// clock_nanosleep with TIMER_ABSTIME and a time already past returns 0 at
// once, however far past (the epoch itself on CLOCK_REALTIME).
#include "common.h"
#include <time.h>

static long long mono_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void at_once(clockid_t c, const char* cname, struct timespec t) {
    long long t0 = mono_ns();
    int r = clock_nanosleep(c, TIMER_ABSTIME, &t, NULL);
    long long d = mono_ns() - t0;
    printf("%s abs {%lld,%ld}: %d, at once: %s\n", cname, (long long)t.tv_sec, t.tv_nsec, r,
           d < 200000000LL ? "yes" : "no");
}

int main(void) {
    alarm(5);  // a sleep that never ends kills the program instead of the test run
    struct timespec zero = {0, 0}, one = {1, 0};
    at_once(CLOCK_REALTIME, "REALTIME", zero);
    at_once(CLOCK_REALTIME, "REALTIME", one);
    at_once(CLOCK_TAI, "TAI", zero);
    at_once(CLOCK_MONOTONIC, "MONOTONIC", zero);
    at_once(CLOCK_BOOTTIME, "BOOTTIME", zero);
    struct timespec hour_ago;
    clock_gettime(CLOCK_REALTIME, &hour_ago);
    hour_ago.tv_sec -= 3600;
    long long t0 = mono_ns();
    int r = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &hour_ago, NULL);
    printf("REALTIME an hour ago: %d, at once: %s\n", r, mono_ns() - t0 < 200000000LL ? "yes" : "no");
    return 0;
}
