// nanosleep, clock_nanosleep (relative, absolute, clocks, bad arguments),
// sleep and usleep: how long they sleep, as relations only.
#include "common.h"
#include <time.h>

static long long now_ns(clockid_t c) {
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void slept(const char* what, long long start, clockid_t c, long long min_ms) {
    long long d = now_ns(c) - start;
    printf("%s: slept at least %lldms: %s, less than 2s: %s\n", what, min_ms,
           d >= min_ms * 1000000LL ? "yes" : "no", d < 2000000000LL ? "yes" : "no");
}

int main(void) {
    struct timespec req = {0, 50000000}, rem = {7, 7};
    long long t0 = now_ns(CLOCK_MONOTONIC);
    T(nanosleep(&req, &rem));
    slept("nanosleep 50ms", t0, CLOCK_MONOTONIC, 50);
    printf("rem untouched on success: %s\n", rem.tv_sec == 7 && rem.tv_nsec == 7 ? "yes" : "no");

    t0 = now_ns(CLOCK_MONOTONIC);
    T(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL));
    slept("clock_nanosleep MONOTONIC rel", t0, CLOCK_MONOTONIC, 50);
    T(clock_nanosleep(CLOCK_BOOTTIME, 0, &req, NULL));

    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 60000000;
    if (abs.tv_nsec >= 1000000000) abs.tv_sec++, abs.tv_nsec -= 1000000000;
    t0 = now_ns(CLOCK_MONOTONIC);
    T(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL));
    slept("clock_nanosleep MONOTONIC abs", t0, CLOCK_MONOTONIC, 55);
    t0 = now_ns(CLOCK_MONOTONIC);
    T(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL));
    printf("abs in the past returns at once: %s\n", now_ns(CLOCK_MONOTONIC) - t0 < 20000000 ? "yes" : "no");

    clock_gettime(CLOCK_REALTIME, &abs);
    abs.tv_nsec += 60000000;
    if (abs.tv_nsec >= 1000000000) abs.tv_sec++, abs.tv_nsec -= 1000000000;
    t0 = now_ns(CLOCK_REALTIME);
    T(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &abs, NULL));
    slept("clock_nanosleep REALTIME abs", t0, CLOCK_REALTIME, 55);

    struct timespec zero = {0, 0};
    T(nanosleep(&zero, NULL));
    struct timespec bad1 = {0, 1000000000}, bad2 = {0, -1}, bad3 = {-1, 0};
    T(nanosleep(&bad1, NULL));
    T(nanosleep(&bad2, NULL));
    T(nanosleep(&bad3, NULL));
    T(nanosleep(NULL, NULL));
    printf("clock_nanosleep bad nsec = %s\n", en(clock_nanosleep(CLOCK_MONOTONIC, 0, &bad1, NULL)));
    printf("clock_nanosleep bad clock = %s\n", en(clock_nanosleep(1234, 0, &req, NULL)));
    printf("clock_nanosleep THREAD_CPUTIME = %s\n", en(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL)));
    printf("clock_nanosleep abs bad nsec = %s\n",
           en(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &bad1, NULL)));

    t0 = now_ns(CLOCK_MONOTONIC);
    T(usleep(30000));
    slept("usleep 30ms", t0, CLOCK_MONOTONIC, 30);
    T(usleep(0));
    T(sleep(0));
    t0 = now_ns(CLOCK_MONOTONIC);
    T(sleep(1));
    slept("sleep 1", t0, CLOCK_MONOTONIC, 1000);
    return 0;
}
