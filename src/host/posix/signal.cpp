#include <pthread.h>
#include <signal.h>

#include "../host.hpp"
#include "libc.hpp"

namespace ukp::host {
namespace {

// Linux's numbering is the host's on Linux; elsewhere the names agree.
int host_signal(int sig) {
#if defined(__linux__)
    return sig;
#else
    switch (sig) {
        case 1: return SIGHUP;   case 2: return SIGINT;   case 3: return SIGQUIT;
        case 6: return SIGABRT;  case 7: return SIGBUS;   case 9: return SIGKILL;
        case 10: return SIGUSR1; case 11: return SIGSEGV; case 12: return SIGUSR2;
        case 13: return SIGPIPE; case 14: return SIGALRM; case 15: return SIGTERM;
        case 17: return SIGCHLD; case 23: return SIGURG;  case 26: return SIGVTALRM;
        case 27: return SIGPROF; case 29: return SIGIO;
        default: return sig;
    }
#endif
}

}  // namespace

void signal_thread(int sig) { pthread_kill(pthread_self(), host_signal(sig)); }

// Through the host libc's own kill: the application's `kill` may be ukp's.
void signal_process(int sig) {
    const auto& c = libc::get();
    c.kill(c.getpid(), host_signal(sig));
}

}  // namespace ukp::host
