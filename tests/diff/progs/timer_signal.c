// POSIX timers: SIGEV_SIGNAL with si_code/si_value, periodic overruns
// while the signal is blocked, timer_gettime, SIGEV_NONE, SIGEV_THREAD,
// timer_delete, bad arguments.
#include "common.h"
#include <pthread.h>
#include <signal.h>
#include <time.h>

static volatile sig_atomic_t hits, code_ok, value_ok, first_overrun = -1;
static timer_t g_timer;
static void on_usr1(int sig, siginfo_t* si, void* uc) {
    (void)sig, (void)uc;
    if (hits++ == 0) first_overrun = timer_getoverrun(g_timer);
    code_ok = si->si_code == SI_TIMER;
    value_ok = si->si_value.sival_int == 42;
}

static void ms_sleep(int ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

static long long ts_ms(struct timespec t) { return t.tv_sec * 1000LL + t.tv_nsec / 1000000; }

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int thread_calls, thread_value;
static void on_expiry(union sigval v) {
    pthread_mutex_lock(&mu);
    thread_calls++;
    thread_value = v.sival_int;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    MUST(sigaction(SIGUSR1, &sa, NULL));

    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    sev.sigev_value.sival_int = 42;
    timer_t t;
    T(timer_create(CLOCK_MONOTONIC, &sev, &t));
    g_timer = t;

    struct itimerspec cur;
    T(timer_gettime(t, &cur));
    printf("new timer disarmed: %s\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0 ? "yes" : "no");

    struct itimerspec one = {{0, 0}, {0, 30000000}};
    T(timer_settime(t, 0, &one, NULL));
    T(timer_gettime(t, &cur));
    printf("armed: left in (0,30ms]: %s\n", cur.it_value.tv_nsec > 0 && ts_ms(cur.it_value) <= 30 ? "yes" : "no");
    ms_sleep(100);
    printf("one shot: hits %d, SI_TIMER %s, value %s\n", (int)hits, code_ok ? "yes" : "no", value_ok ? "yes" : "no");
    T(timer_getoverrun(t));

    // Periodic while blocked: one signal, the rest counted as overruns.
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &usr1, NULL);
    hits = 0;
    struct itimerspec per = {{0, 5000000}, {0, 5000000}};
    T(timer_settime(t, 0, &per, NULL));
    ms_sleep(100);
    sigset_t pend;
    sigpending(&pend);
    printf("pending while blocked: %s\n", sigismember(&pend, SIGUSR1) ? "yes" : "no");
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
    printf("delivered after unblock: %s\n", hits >= 1 ? "yes" : "no");
    printf("overrun of that signal in [10,25]: %s\n", first_overrun >= 10 && first_overrun <= 25 ? "yes" : "no");
    struct itimerspec off = {{0, 0}, {0, 0}}, old;
    T(timer_settime(t, 0, &off, &old));
    printf("old interval 5ms: %s\n", old.it_interval.tv_nsec == 5000000 ? "yes" : "no");

    // Absolute time.
    hits = 0;
    struct itimerspec abs = {{0, 0}, {0, 0}};
    clock_gettime(CLOCK_MONOTONIC, &abs.it_value);
    abs.it_value.tv_nsec += 20000000;
    if (abs.it_value.tv_nsec >= 1000000000) abs.it_value.tv_sec++, abs.it_value.tv_nsec -= 1000000000;
    T(timer_settime(t, TIMER_ABSTIME, &abs, NULL));
    ms_sleep(80);
    printf("absolute fired: %s\n", hits == 1 ? "yes" : "no");
    T(timer_delete(t));
    T(timer_delete(t));
    T(timer_gettime(t, &cur));

    // SIGEV_NONE: only timer_gettime tells.
    sev.sigev_notify = SIGEV_NONE;
    timer_t quiet;
    T(timer_create(CLOCK_REALTIME, &sev, &quiet));
    struct itimerspec sec = {{0, 0}, {5, 0}};
    T(timer_settime(quiet, 0, &sec, NULL));
    T(timer_gettime(quiet, &cur));
    printf("SIGEV_NONE left in (4s,5s]: %s\n", ts_ms(cur.it_value) > 4000 && ts_ms(cur.it_value) <= 5000 ? "yes" : "no");
    T(timer_delete(quiet));

    // SIGEV_THREAD: the function runs with the value.
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = on_expiry;
    sev.sigev_value.sival_int = 7;
    timer_t th;
    T(timer_create(CLOCK_MONOTONIC, &sev, &th));
    T(timer_settime(th, 0, &one, NULL));
    pthread_mutex_lock(&mu);
    for (int i = 0; i < 50 && thread_calls == 0; i++) {
        struct timespec dl;
        clock_gettime(CLOCK_REALTIME, &dl);
        dl.tv_sec += 1;
        pthread_cond_timedwait(&cv, &mu, &dl);
    }
    printf("SIGEV_THREAD ran %d time(s) with value %d\n", thread_calls, thread_value);
    pthread_mutex_unlock(&mu);
    T(timer_delete(th));

    // Bad arguments.
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = 0;
    T(timer_create(CLOCK_MONOTONIC, &sev, &t));
    sev.sigev_signo = 65;
    T(timer_create(CLOCK_MONOTONIC, &sev, &t));
    sev.sigev_signo = SIGUSR1;
    sev.sigev_notify = 99;
    T(timer_create(CLOCK_MONOTONIC, &sev, &t));
    sev.sigev_notify = SIGEV_SIGNAL;
    T(timer_create(12345, &sev, &t));
    T(timer_create(CLOCK_MONOTONIC, &sev, &t));
    struct itimerspec bad = {{0, 0}, {0, 1000000000}};
    T(timer_settime(t, 0, &bad, NULL));
    T(timer_settime(t, 0, NULL, NULL));
    T(timer_delete(t));
    return 0;
}
