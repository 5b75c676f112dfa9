// select: fd_set in/out semantics, counts across the three sets, EBADF,
// EINVAL, the timeval updated with the time left, pselect.
#include "common.h"
#include <signal.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/select.h>

int main(void) {
    int a = MUST(eventfd(1, 0));
    int b = MUST(eventfd(0, 0));
    int reg = MUST(open("f", O_RDWR | O_CREAT, 0644));
    int hi = MUST(dup2(b, 200));
    fd_set r, w, e;
    FD_ZERO(&r); FD_ZERO(&w); FD_ZERO(&e);
    FD_SET(a, &r); FD_SET(b, &r); FD_SET(reg, &r); FD_SET(hi, &r);
    FD_SET(a, &w); FD_SET(b, &e); FD_SET(reg, &e);
    struct timeval tv = {0, 0};
    T(select(hi + 1, &r, &w, &e, &tv));
    printf("r: a=%d b=%d reg=%d hi=%d  w: a=%d  e: b=%d reg=%d\n", FD_ISSET(a, &r), FD_ISSET(b, &r),
           FD_ISSET(reg, &r), FD_ISSET(hi, &r), FD_ISSET(a, &w), FD_ISSET(b, &e), FD_ISSET(reg, &e));

    // nfds below a set bit: that fd is not looked at.
    FD_ZERO(&r);
    FD_SET(a, &r); FD_SET(hi, &r);
    T(select(hi, &r, NULL, NULL, &tv));
    printf("a=%d hi=%d\n", FD_ISSET(a, &r), FD_ISSET(hi, &r));

    // Timeout: nothing ready, the timeval counts down to 0.
    FD_ZERO(&r);
    FD_SET(b, &r);
    tv = (struct timeval){0, 50000};
    T(select(b + 1, &r, NULL, NULL, &tv));
    printf("tv after = %ld.%06ld, b=%d\n", (long)tv.tv_sec, (long)tv.tv_usec, FD_ISSET(b, &r));
    // Ready at once: the time left is most of it.
    FD_ZERO(&r);
    FD_SET(a, &r);
    tv = (struct timeval){5, 0};
    T(select(a + 1, &r, NULL, NULL, &tv));
    printf("time left > 4s: %d\n", tv.tv_sec >= 4);
    // usec beyond a second carries over.
    FD_ZERO(&r);
    FD_SET(b, &r);
    tv = (struct timeval){0, 1000000 + 20000};
    T(select(b + 1, &r, NULL, NULL, &tv));

    // A closed fd in any set: EBADF, sets untouched.
    int closed = MUST(dup(a));
    close(closed);
    FD_ZERO(&r); FD_ZERO(&w);
    FD_SET(a, &r); FD_SET(closed, &w);
    tv = (struct timeval){0, 0};
    T(select(closed + 1, &r, &w, NULL, &tv));
    printf("after EBADF: a=%d closed=%d\n", FD_ISSET(a, &r), FD_ISSET(closed, &w));
    T(select(-1, NULL, NULL, NULL, &tv));
    tv = (struct timeval){-1, 0};
    T(select(1, NULL, NULL, NULL, &tv));
    tv = (struct timeval){0, -1};
    T(select(1, NULL, NULL, NULL, &tv));
    fd_set* nullset = NULLP;
    tv = (struct timeval){0, 0};
    T(select(a + 1, nullset, NULL, NULL, &tv));
    T(select(a + 1, (fd_set*)BADP, NULL, NULL, &tv));
    // No sets: a sleep.
    tv = (struct timeval){0, 10000};
    T(select(0, NULL, NULL, NULL, &tv));

    // pselect: the timespec is not changed, bad ones are EINVAL.
    struct timespec ts = {0, 20000000};
    FD_ZERO(&r); FD_SET(b, &r);
    sigset_t m;
    sigemptyset(&m);
    T(pselect(b + 1, &r, NULL, NULL, &ts, &m));
    printf("ts after = %ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
    ts.tv_nsec = 1000000000;
    T(pselect(b + 1, &r, NULL, NULL, &ts, NULL));
    FD_ZERO(&r); FD_SET(a, &r);
    T(pselect(a + 1, &r, NULL, NULL, NULL, &m));
    return 0;
}
