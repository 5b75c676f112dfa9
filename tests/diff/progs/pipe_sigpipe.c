// Writing with no reader left: SIGPIPE to the writing thread and EPIPE,
// with a handler installed and with SIGPIPE ignored; zero-byte writes
// raise nothing.

#include "common.h"

#include <signal.h>
#include <sys/uio.h>

static volatile int hits;
static volatile int last_sig;

static void on_sigpipe(int sig) {
    ++hits;
    last_sig = sig;
}

int main(void) {
    int p[2];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigpipe;
    MUST(sigaction(SIGPIPE, &sa, NULL));

    MUST(pipe(p));
    T(close(p[0]));
    T(write(p[1], "x", 1));
    printf("hits=%d sig=%d\n", hits, last_sig);
    T(write(p[1], "", 0));     // nothing to write: no signal
    printf("hits=%d\n", hits);
    struct iovec v[2] = {{"ab", 2}, {"cd", 2}};
    T(writev(p[1], v, 2));
    printf("hits=%d\n", hits);
    T(fcntl(p[1], F_SETFL, O_NONBLOCK));
    T(write(p[1], "x", 1));    // EPIPE beats EAGAIN
    printf("hits=%d\n", hits);
    close(p[1]);

    // A reader that exists but then closes: data written before stays lost.
    MUST(pipe(p));
    T(write(p[1], "data", 4));
    T(close(p[0]));
    T(write(p[1], "more", 4));
    printf("hits=%d\n", hits);
    close(p[1]);

    // Ignored: EPIPE only.
    signal(SIGPIPE, SIG_IGN);
    MUST(pipe(p));
    close(p[0]);
    T(write(p[1], "x", 1));
    printf("hits=%d\n", hits);
    close(p[1]);

    // Blocked, not delivered: pending after the write, handler on unblock.
    signal(SIGPIPE, on_sigpipe);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    sigprocmask(SIG_BLOCK, &set, &old);
    MUST(pipe(p));
    close(p[0]);
    T(write(p[1], "x", 1));
    sigset_t pend;
    sigpending(&pend);
    printf("pending=%d hits=%d\n", sigismember(&pend, SIGPIPE), hits);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("after unblock hits=%d\n", hits);
    close(p[1]);
    return 0;
}
