// Sleeps interrupted by a signal handler: EINTR with the time left for
// relative sleeps, even under SA_RESTART (nanosleep is never restarted);
// sleep() returns the seconds left; alarm() and setitimer drive the signal.
#include "common.h"
#include <signal.h>
#include <sys/time.h>
#include <time.h>

static volatile sig_atomic_t hits;
static void on_alrm(int sig) { (void)sig; hits++; }

static void handler(int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alrm;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    MUST(sigaction(SIGALRM, &sa, NULL));
}

static void fire_in_ms(int ms) {
    struct itimerval it = {{0, 0}, {ms / 1000, (ms % 1000) * 1000}};
    MUST(setitimer(ITIMER_REAL, &it, NULL));
}

static long long ms_of(struct timespec t) { return t.tv_sec * 1000LL + t.tv_nsec / 1000000; }

static void interrupted_nanosleep(const char* what) {
    struct timespec req = {2, 0}, rem = {0, 0};
    hits = 0;
    fire_in_ms(100);
    errno = 0;
    int r = nanosleep(&req, &rem);
    printf("%s: nanosleep = %d %s, handler ran %d, rem between 1.5s and 2s: %s\n", what, r,
           r ? en(errno) : "", (int)hits, ms_of(rem) > 1500 && ms_of(rem) <= 2000 ? "yes" : "no");
}

int main(void) {
    handler(0);
    interrupted_nanosleep("no SA_RESTART");
    handler(SA_RESTART);
    interrupted_nanosleep("SA_RESTART");

    struct timespec req = {2, 0}, rem = {9, 9};
    hits = 0;
    fire_in_ms(100);
    int r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem);
    printf("clock_nanosleep rel: %s, handler ran %d, rem set: %s\n", en(r), (int)hits,
           ms_of(rem) > 1500 && ms_of(rem) <= 2000 ? "yes" : "no");

    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_sec += 2;
    rem.tv_sec = 9, rem.tv_nsec = 9;
    fire_in_ms(100);
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, &rem);
    printf("clock_nanosleep abs: %s, rem untouched: %s\n", en(r), rem.tv_sec == 9 && rem.tv_nsec == 9 ? "yes" : "no");

    hits = 0;
    fire_in_ms(200);
    unsigned left = sleep(3);
    printf("sleep(3) interrupted: returned %u, handler ran %d\n", left, (int)hits);

    hits = 0;
    fire_in_ms(100);
    errno = 0;
    r = usleep(2000000);
    printf("usleep interrupted: %d %s\n", r, en(errno));

    // alarm: whole seconds.
    printf("alarm(1) = %u\n", alarm(1));
    hits = 0;
    left = sleep(3);
    // 3 s minus about 1 s: 1 or 2 depending on which side of 2 s it lands.
    printf("sleep(3) cut by alarm(1): returned 1 or 2: %s, handler ran %d\n",
           left == 1 || left == 2 ? "yes" : "no", (int)hits);
    printf("alarm(0) after it fired = %u\n", alarm(0));
    return 0;
}
