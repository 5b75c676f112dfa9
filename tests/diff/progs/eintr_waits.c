// Which blocking calls a signal handler interrupts and which SA_RESTART
// restarts (Linux's signal(7) lists): poll, select and epoll_wait always
// fail with EINTR; eventfd, timerfd and signalfd reads restart; a pipe
// write that moved some bytes returns the short count.
#include "common.h"
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>

static volatile sig_atomic_t hits;
static pthread_t target;
static int efd;

static void on_usr1(int sig) { (void)sig; hits++; }

static void pause_ms(int ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

// Signals the target after 50 ms; then, with a fd, makes it readable.
static void* poker(void* arg) {
    pause_ms(50);
    pthread_kill(target, SIGUSR1);
    if (arg) {
        pause_ms(80);
        uint64_t one = 1;
        if (write(efd, &one, 8) != 8) printf("eventfd write failed\n");
    }
    return NULL;
}

static pthread_t poke(int feed) {
    pthread_t t;
    hits = 0;
    pthread_create(&t, NULL, poker, feed ? (void*)1 : NULL);
    return t;
}

static void report(const char* what, long r, pthread_t t) {
    int e = errno;
    pthread_join(t, NULL);
    printf("%s: %s, handler ran %d\n", what, r < 0 ? en(e) : "completed", (int)hits);
}

int main(void) {
    target = pthread_self();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    MUST(sigaction(SIGUSR1, &sa, NULL));
    efd = MUST(eventfd(0, 0));
    int p[2];
    MUST(pipe(p));

    pthread_t t = poke(0);
    struct pollfd pf = {p[0], POLLIN, 0};
    long r = poll(&pf, 1, -1);
    report("poll, SA_RESTART", r, t);

    t = poke(0);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    r = select(p[0] + 1, &rs, NULL, NULL, NULL);
    report("select, SA_RESTART", r, t);

    int ep = MUST(epoll_create1(0));
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = p[0]}, out;
    MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    t = poke(0);
    r = epoll_wait(ep, &out, 1, -1);
    report("epoll_wait, SA_RESTART", r, t);

    t = poke(1);
    uint64_t v = 0;
    r = read(efd, &v, 8);
    report("eventfd read, SA_RESTART", r, t);

    int tfd = MUST(timerfd_create(CLOCK_MONOTONIC, 0));
    struct itimerspec its = {{0, 0}, {0, 150000000}};
    MUST(timerfd_settime(tfd, 0, &its, NULL));
    t = poke(0);
    r = read(tfd, &v, 8);
    report("timerfd read, SA_RESTART", r, t);

    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    MUST(sigprocmask(SIG_BLOCK, &usr2, NULL));
    int sfd = MUST(signalfd(-1, &usr2, 0));
    t = poke(0);
    struct itimerspec later = {{0, 0}, {0, 150000000}};
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR2;
    timer_t tm;
    MUST(timer_create(CLOCK_MONOTONIC, &sev, &tm));
    MUST(timer_settime(tm, 0, &later, NULL));
    struct signalfd_siginfo si;
    r = read(sfd, &si, sizeof si);
    report("signalfd read, SA_RESTART", r, t);

    // A big pipe write cut short by the handler.
    static char big[200000];
    t = poke(0);
    r = write(p[1], big, sizeof big);
    pthread_join(t, NULL);
    printf("pipe write, SA_RESTART: short count %s, handler ran %d\n",
           r > 0 && r < (long)sizeof big ? "yes" : "no", (int)hits);

    // Without SA_RESTART the restartable ones fail too.
    sa.sa_flags = 0;
    MUST(sigaction(SIGUSR1, &sa, NULL));
    t = poke(0);
    r = read(efd, &v, 8);
    report("eventfd read, no SA_RESTART", r, t);
    t = poke(0);
    r = read(sfd, &si, sizeof si);
    report("signalfd read, no SA_RESTART", r, t);
    char c;
    MUST(close(p[1]));
    MUST(pipe(p));
    t = poke(0);
    r = read(p[0], &c, 1);
    report("pipe read, no SA_RESTART", r, t);
    return 0;
}
