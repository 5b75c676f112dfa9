// timerfd: one shot and periodic expiration counts, absolute times,
// nonblocking reads, gettime, poll readiness, bad arguments.
#include "common.h"
#include <poll.h>
#include <sys/timerfd.h>
#include <time.h>

static long long ts_ms(struct timespec t) { return t.tv_sec * 1000LL + t.tv_nsec / 1000000; }
static void ms_sleep(int ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

int main(void) {
    int fd = MUST(timerfd_create(CLOCK_MONOTONIC, 0));
    int nb = MUST(timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC));
    uint64_t n = 0;
    struct itimerspec cur;
    T(timerfd_gettime(fd, &cur));
    printf("new: value %lld interval %lld\n", ts_ms(cur.it_value), ts_ms(cur.it_interval));
    T(read(nb, &n, 8));
    T(fcntl(nb, F_GETFL) & O_NONBLOCK);
    T(fcntl(nb, F_GETFD));

    // One shot, blocking read.
    struct itimerspec one = {{0, 0}, {0, 50000000}};
    T(timerfd_settime(fd, 0, &one, NULL));
    T(timerfd_gettime(fd, &cur));
    printf("armed: left in (0,50ms]: %s\n", cur.it_value.tv_nsec > 0 && ts_ms(cur.it_value) <= 50 ? "yes" : "no");
    struct pollfd p = {fd, POLLIN, 0};
    T(poll(&p, 1, 0));
    T(read(fd, &n, sizeof n));
    printf("one shot count %llu\n", (unsigned long long)n);
    T(timerfd_gettime(fd, &cur));
    printf("expired one shot: value %lld\n", ts_ms(cur.it_value));
    T(poll(&p, 1, 0));

    // Periodic: expirations pile up between reads.
    struct itimerspec per = {{0, 10000000}, {0, 10000000}};
    T(timerfd_settime(nb, 0, &per, NULL));
    ms_sleep(105);
    p.fd = nb;
    T(poll(&p, 1, 0));
    printf("revents POLLIN: %s\n", p.revents == POLLIN ? "yes" : "no");
    T(read(nb, &n, sizeof n));
    printf("periodic count in [8,11]: %s\n", n >= 8 && n <= 11 ? "yes" : "no");
    T(read(nb, &n, sizeof n));
    T(timerfd_gettime(nb, &cur));
    printf("periodic: interval 10ms %s, left <= 10ms %s\n", ts_ms(cur.it_interval) == 10 ? "yes" : "no",
           ts_ms(cur.it_value) <= 10 ? "yes" : "no");
    // Blocking read of the next period.
    p.fd = fd;
    T(timerfd_settime(fd, 0, &per, NULL));
    T(read(fd, &n, sizeof n));
    printf("next period count >= 1: %s\n", n >= 1 ? "yes" : "no");

    // settime returns the old setting and resets the count.
    struct itimerspec off = {{0, 0}, {0, 0}}, old;
    ms_sleep(25);
    T(timerfd_settime(nb, 0, &off, &old));
    printf("old interval 10ms: %s\n", ts_ms(old.it_interval) == 10 ? "yes" : "no");
    T(read(nb, &n, sizeof n));
    T(timerfd_settime(fd, 0, &off, NULL));

    // Absolute on the wall clock.
    struct itimerspec abs = {{0, 0}, {0, 0}};
    clock_gettime(CLOCK_REALTIME, &abs.it_value);
    abs.it_value.tv_nsec += 30000000;
    if (abs.it_value.tv_nsec >= 1000000000) abs.it_value.tv_sec++, abs.it_value.tv_nsec -= 1000000000;
    T(timerfd_settime(nb, TFD_TIMER_ABSTIME, &abs, NULL));
    T(read(nb, &n, sizeof n));
    ms_sleep(60);
    T(read(nb, &n, sizeof n));
    printf("abs count %llu\n", (unsigned long long)n);
    // In the past: at once.
    T(timerfd_settime(nb, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &abs, NULL));
    ms_sleep(5);
    T(read(nb, &n, sizeof n));

    // Bad arguments.
    char small[4];
    T(read(fd, small, 4));
    T(write(fd, &n, 8));
    T(timerfd_create(CLOCK_MONOTONIC, 1));
    T(timerfd_create(CLOCK_THREAD_CPUTIME_ID, 0));
    T(timerfd_create(99, 0));
    T(timerfd_settime(fd, 4, &one, NULL));
    struct itimerspec bad = {{0, 0}, {0, -5}};
    T(timerfd_settime(fd, 0, &bad, NULL));
    T(timerfd_settime(fd, 0, NULL, NULL));
    T(timerfd_settime(0, 0, &one, NULL));
    T(timerfd_settime(999, 0, &one, NULL));
    T(timerfd_gettime(0, &cur));
    T(lseek(fd, 0, SEEK_SET));
    T(close(fd));
    T(close(nb));
    return 0;
}
