// Handlers set by a library constructor before libukp boots
// (sig_early_lib.c) act on kernel waits as any other: SIGALRM's, without
// SA_RESTART, ends a blocked pipe read with EINTR; SIGUSR1's, with
// SA_RESTART, lets the read go on. sigaction reports them unchanged.
#include "common.h"
#include <pthread.h>
#include <signal.h>
#include <time.h>

extern volatile int early_alarms, early_usr1s;
extern void (*const early_alarm_handler)(int);

static int p[2];
static pthread_t main_thread;

static void pause_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&t, NULL);
}

static void* usr1_then_data(void* arg) {
    (void)arg;
    pause_ms(200);
    pthread_kill(main_thread, SIGUSR1);
    pause_ms(200);
    write(p[1], "a", 1);
    return NULL;
}

static void* watchdog(void* arg) {
    (void)arg;
    pause_ms(3000);  // a read nobody interrupts ends here instead
    write(p[1], "w", 1);
    return NULL;
}

int main(void) {
    struct sigaction old;
    MUST(sigaction(SIGALRM, NULL, &old));
    printf("SIGALRM: the library's handler %s, SA_RESTART %d, SIGUSR2 in mask %d\n",
           old.sa_handler == early_alarm_handler ? "yes" : "no", !!(old.sa_flags & SA_RESTART),
           sigismember(&old.sa_mask, SIGUSR2));
    MUST(sigaction(SIGUSR1, NULL, &old));
    printf("SIGUSR1: SA_SIGINFO %d, SA_RESTART %d\n", !!(old.sa_flags & SA_SIGINFO), !!(old.sa_flags & SA_RESTART));

    MUST(pipe(p));
    main_thread = pthread_self();
    char c = 0;
    pthread_t t;
    pthread_create(&t, NULL, usr1_then_data, NULL);
    T(read(p[0], &c, 1));  // restarted after SIGUSR1
    printf("read %c, usr1 handler runs %d\n", c, early_usr1s);
    pthread_join(t, NULL);

    pthread_create(&t, NULL, watchdog, NULL);
    pthread_detach(t);
    alarm(1);
    T(read(p[0], &c, 1));  // interrupted by SIGALRM
    printf("alarm handler runs %d\n", early_alarms);
    return 0;
}
