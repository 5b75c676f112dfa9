// An application with its own SIGSEGV handler: bad pointers passed to the
// kernel are still EFAULT, and the application's handler still gets its
// own faults (installed with sigaction, then with signal).
#include "common.h"
#include <setjmp.h>
#include <signal.h>

static sigjmp_buf back;
static volatile sig_atomic_t caught;

static void on_segv(int sig) {
    caught = sig;
    siglongjmp(back, 1);
}

static void crash(void) { *(volatile int*)BADP = 1; }

int main(void) {
    struct sigaction sa = {0}, old = {0};
    sa.sa_handler = on_segv;
    sigemptyset(&sa.sa_mask);
    T(sigaction(SIGSEGV, &sa, &old));
    T(sigaction(SIGSEGV, NULL, &old));
    printf("handler reported back: %d\n", old.sa_handler == on_segv);

    int fd = open("f", O_CREAT | O_RDWR, 0600);
    T(write(fd, "hello", 5));
    T(write(fd, BADP, 10));             // EFAULT, not the app's handler
    T(pread(fd, BADP, 5, 0));
    printf("caught after EFAULTs: %d\n", (int)caught);

    if (sigsetjmp(back, 1) == 0) crash();
    printf("app handler caught its own fault: %s\n", caught == SIGSEGV ? "SIGSEGV" : "no");

    caught = 0;
    printf("signal() returned the sigaction handler: %d\n", signal(SIGSEGV, on_segv) == on_segv);
    T(stat("f", BADP));            // EFAULT again
    if (sigsetjmp(back, 1) == 0) crash();
    printf("after signal(): %s\n", caught == SIGSEGV ? "SIGSEGV" : "no");

    // Back to the default: a fault would now kill the process; just check it is reported.
    printf("signal(SIG_DFL) returned ours: %d\n", signal(SIGSEGV, SIG_DFL) == on_segv);
    T(pread(fd, BADP, 5, 0));           // still EFAULT with the default action
    close(fd);
    return 0;
}
