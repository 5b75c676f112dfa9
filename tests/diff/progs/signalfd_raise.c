// signalfd: signals raised inside the process while blocked are read as
// signalfd_siginfo records (raise, kill, sigqueue with a value, a POSIX
// timer, alarm); poll readiness; nonblocking EAGAIN; mask updates; a
// blocking read woken by another thread; bad arguments.
#include "common.h"
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <time.h>

static int sfd;

static void show_fd(const char* what, int fd) {
    struct signalfd_siginfo si[4];
    errno = 0;
    ssize_t n = read(fd, si, sizeof si);
    if (n < 0) {
        printf("%s: read -> %s\n", what, en(errno));
        return;
    }
    for (ssize_t i = 0; i < n / (ssize_t)sizeof si[0]; i++)
        printf("%s: signo %u code %d pid is me %s uid is me %s int %d\n", what, si[i].ssi_signo, si[i].ssi_code,
               si[i].ssi_pid == (uint32_t)getpid() ? "yes" : "no", si[i].ssi_uid == getuid() ? "yes" : "no",
               si[i].ssi_int);
}

static void* late_raiser(void* arg) {
    (void)arg;
    struct timespec ts = {0, 50000000};
    nanosleep(&ts, NULL);
    kill(getpid(), SIGUSR2);
    return NULL;
}

int main(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGALRM);
    sigaddset(&set, SIGRTMIN);
    MUST(sigprocmask(SIG_BLOCK, &set, NULL));
    sfd = MUST(signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
    T(fcntl(sfd, F_GETFD));
    T(fcntl(sfd, F_GETFL) & O_NONBLOCK);

    show_fd("empty", sfd);
    struct pollfd p = {sfd, POLLIN, 0};
    T(poll(&p, 1, 0));

    T(raise(SIGUSR1));
    T(poll(&p, 1, 0));
    sigset_t pend;
    sigpending(&pend);
    printf("sigpending sees SIGUSR1: %s\n", sigismember(&pend, SIGUSR1) ? "yes" : "no");
    show_fd("raise", sfd);
    T(poll(&p, 1, 0));
    sigpending(&pend);
    printf("taken by the read: %s\n", sigismember(&pend, SIGUSR1) ? "no" : "yes");

    T(kill(getpid(), SIGUSR2));
    show_fd("kill", sfd);

    union sigval v = {.sival_int = 1234};
    T(sigqueue(getpid(), SIGRTMIN, v));
    v.sival_int = 5678;
    T(sigqueue(getpid(), SIGRTMIN, v));
    show_fd("sigqueue x2", sfd);

    // A POSIX timer's signal.
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    sev.sigev_value.sival_int = 99;
    timer_t t;
    T(timer_create(CLOCK_MONOTONIC, &sev, &t));
    struct itimerspec once = {{0, 0}, {0, 20000000}};
    T(timer_settime(t, 0, &once, NULL));
    T(poll(&p, 1, 1000));
    struct signalfd_siginfo si;
    T(read(sfd, &si, sizeof si));
    printf("timer: signo %u SI_TIMER %s int %d\n", si.ssi_signo, si.ssi_code == SI_TIMER ? "yes" : "no", si.ssi_int);
    T(timer_delete(t));

    // alarm's SIGALRM.
    struct itimerval it = {{0, 0}, {0, 20000}};
    T(setitimer(ITIMER_REAL, &it, NULL));
    T(poll(&p, 1, 1000));
    T(read(sfd, &si, sizeof si));
    printf("itimer: signo %u\n", si.ssi_signo);

    // Mask update: SIGUSR1 no longer watched.
    sigset_t only2;
    sigemptyset(&only2);
    sigaddset(&only2, SIGUSR2);
    T(signalfd(sfd, &only2, 0) == sfd);
    T(raise(SIGUSR1));
    show_fd("usr1 not in mask", sfd);
    sigset_t one1;
    sigemptyset(&one1);
    sigaddset(&one1, SIGUSR1);
    int sig = 0;
    T(sigwait(&one1, &sig));
    printf("sigwait took signo %d\n", sig);

    // A blocking signalfd woken by another thread's kill.
    int bfd = MUST(signalfd(-1, &set, 0));
    pthread_t th;
    pthread_create(&th, NULL, late_raiser, NULL);
    show_fd("blocking", bfd);
    pthread_join(th, NULL);

    // Bad arguments.
    char small[64];
    T(read(sfd, small, sizeof small));
    T(write(sfd, small, 8));
    T(signalfd(0, &set, 0));
    T(signalfd(999, &set, 0));
    T(signalfd(-1, &set, 0x1));
    T(lseek(sfd, 0, SEEK_SET));
    T(close(bfd));
    T(close(sfd));
    return 0;
}
