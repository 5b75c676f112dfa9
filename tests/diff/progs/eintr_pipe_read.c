// A blocking pipe read interrupted by a signal handler: EINTR without
// SA_RESTART, restarted with it (signal(), siginterrupt), and the actions
// sigaction reports back (the application's own handler and flags).
#include "common.h"
#include <pthread.h>
#include <signal.h>
#include <time.h>

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

static volatile sig_atomic_t hits, info_signo;
static pthread_t reader;
static int fds[2];

static void on_usr1(int sig) { (void)sig; hits++; }
static void on_usr1_info(int sig, siginfo_t* si, void* uc) {
    (void)sig, (void)uc;
    hits++;
    info_signo = si->si_signo;
}

static void pause_ms(int ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

// Signals the reader after 50 ms; with `feed`, writes one byte 100 ms later.
static void* poker(void* feed) {
    pause_ms(50);
    pthread_kill(reader, SIGUSR1);
    if (feed) {
        pause_ms(100);
        if (write(fds[1], "x", 1) != 1) printf("write failed\n");
    }
    return NULL;
}

static void blocked_read(const char* what, int feed) {
    pthread_t t;
    char c;
    hits = 0;
    pthread_create(&t, NULL, poker, feed ? (void*)1 : NULL);
    errno = 0;
    ssize_t n = read(fds[0], &c, 1);
    printf("%s: read = %zd %s, handler ran %d\n", what, n, n < 0 ? en(errno) : "", (int)hits);
    pthread_join(t, NULL);
}

static void install(int flags, int siginfo) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    if (siginfo)
        sa.sa_sigaction = on_usr1_info;
    else
        sa.sa_handler = on_usr1;
    sa.sa_flags = flags | (siginfo ? SA_SIGINFO : 0);
    sigemptyset(&sa.sa_mask);
    MUST(sigaction(SIGUSR1, &sa, NULL));
}

static void show_action(const char* what) {
    struct sigaction old;
    MUST(sigaction(SIGUSR1, NULL, &old));
    const char* h = old.sa_handler == SIG_DFL ? "SIG_DFL"
                  : old.sa_handler == SIG_IGN ? "SIG_IGN"
                  : old.sa_handler == on_usr1 ? "on_usr1"
                  : (void*)old.sa_sigaction == (void*)on_usr1_info ? "on_usr1_info" : "other";
    int known = SA_RESTART | SA_SIGINFO | SA_RESETHAND | SA_NODEFER | SA_ONSTACK;
    printf("%s: handler %s flags %#x restorer %d\n", what, h, old.sa_flags & known,
           (old.sa_flags & 0x04000000) != 0);
}

int main(void) {
    reader = pthread_self();
    MUST(pipe(fds));

    install(0, 0);
    show_action("plain");
    blocked_read("no SA_RESTART", 0);

    install(SA_RESTART, 0);
    show_action("restart");
    blocked_read("SA_RESTART", 1);

    install(0, 1);
    show_action("siginfo");
    blocked_read("SA_SIGINFO", 0);
    printf("si_signo is SIGUSR1: %s\n", info_signo == SIGUSR1 ? "yes" : "no");

    install(SA_RESETHAND, 0);
    show_action("resethand before");
    raise(SIGUSR1);
    printf("resethand: handler ran %d\n", (int)hits);
    show_action("resethand after");

    printf("signal() old is SIG_DFL: %s\n", signal(SIGUSR1, on_usr1) == SIG_DFL ? "yes" : "no");
    show_action("signal()");
    blocked_read("signal() handler", 1);
    printf("signal() again returns on_usr1: %s\n", signal(SIGUSR1, on_usr1) == on_usr1 ? "yes" : "no");

    T(siginterrupt(SIGUSR1, 1));
    show_action("siginterrupt 1");
    blocked_read("siginterrupt 1", 0);
    T(siginterrupt(SIGUSR1, 0));
    blocked_read("siginterrupt 0", 1);

    printf("sigset SIG_HOLD returns on_usr1: %s\n", sigset(SIGUSR1, SIG_HOLD) == on_usr1 ? "yes" : "no");
    printf("sigset again returns SIG_HOLD: %s\n", sigset(SIGUSR1, on_usr1) == SIG_HOLD ? "yes" : "no");
    show_action("sigset");

    T(sigaction(SIGKILL, &(struct sigaction){.sa_handler = on_usr1}, NULL));
    T(sigaction(0, NULL, NULL));
    T(sigaction(65, NULL, NULL));
    printf("signal(SIGSTOP) fails: %s\n", signal(SIGSTOP, on_usr1) == SIG_ERR ? en(errno) : "no");
    return 0;
}
