// A library whose constructor sets signal handlers: linked after libukp, it
// runs before libukp's boot (ld.so starts the later DT_NEEDED first), when
// sigaction still goes to the host. Used by sig_early_handler.
#include <signal.h>
#include <string.h>

volatile int early_alarms, early_usr1s;

static void on_alarm(int sig) {
    (void)sig;
    early_alarms++;
}

static void on_usr1(int sig, siginfo_t* info, void* ctx) {
    (void)sig, (void)info, (void)ctx;
    early_usr1s++;
}

void (*const early_alarm_handler)(int) = on_alarm;

__attribute__((constructor)) static void set_early_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;  // no SA_RESTART: interrupts
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGALRM, &sa, NULL);
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
}
