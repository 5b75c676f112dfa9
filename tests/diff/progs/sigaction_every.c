// sigaction(2) on every signal number: which are refused (SIGKILL/SIGSTOP
// changes, glibc's reserved 32 and 33, past _NSIG), and that a handler set
// on each of the others reads back. SIGSYS too, which capture owns on the host.
#include "common.h"

#include <signal.h>

static void on_signal(int sig) { (void)sig; }

int main(void) {
    for (int nr = 1; nr <= 65; ++nr) {
        struct sigaction old, act;
        memset(&act, 0, sizeof act);
        act.sa_handler = on_signal;
        errno = 0;
        int query = sigaction(nr, NULL, &old);
        int set = sigaction(nr, &act, NULL);
        int query_errno = query ? errno : 0;
        struct sigaction back;
        memset(&back, 0, sizeof back);
        int reread = set == 0 ? sigaction(nr, NULL, &back) : -1;
        printf("%d: query %s, set %s, reads back %d\n", nr, query ? en(query_errno) : "ok",
               set ? en(errno) : "ok", reread == 0 && back.sa_handler == on_signal);
        if (set == 0) signal(nr, SIG_DFL);
    }
    return 0;
}
