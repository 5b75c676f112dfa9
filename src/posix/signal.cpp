// sigaction/signal for the fault signals. The kernel turns bad application
// pointers into EFAULT with a SIGSEGV/SIGBUS handler; an application that
// installs its own (crash reporters, language runtimes) would replace it. So
// for those two signals the application's action is kept by the host layer
// and run for every fault outside a kernel copy; other signals go to libc.
#include <dlfcn.h>
#include <signal.h>

#include <cerrno>

#include "host/host.hpp"
#include "posix/ret.hpp"

namespace {

using SigactionFn = int (*)(int, const struct sigaction*, struct sigaction*);

int host_sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    static const auto real = reinterpret_cast<SigactionFn>(dlsym(RTLD_NEXT, "sigaction"));
    return real(sig, act, old);
}

bool is_fault_signal(int sig) { return sig == SIGSEGV || sig == SIGBUS; }

int fault_action(int sig, const struct sigaction* act, struct sigaction* old) {
    return ukp::host::fault_signal_action(sig, act, old) == 0 ? 0 : (errno = EINVAL, -1);
}

// signal()'s meaning: BSD semantics (SA_RESTART), or System V's (one shot).
sighandler_t set_handler(int sig, sighandler_t handler, int flags) {
    struct sigaction act {}, old {};
    act.sa_handler = handler;
    act.sa_flags = flags;
    sigemptyset(&act.sa_mask);
    if (!is_fault_signal(sig)) {
        if (host_sigaction(sig, &act, &old) != 0) return SIG_ERR;
    } else if (fault_action(sig, &act, &old) != 0) {
        return SIG_ERR;
    }
    return old.sa_handler;
}

}  // namespace

UKP_EXPORT int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    if (is_fault_signal(sig)) return fault_action(sig, act, old);
    return host_sigaction(sig, act, old);
}
UKP_EXPORT int __sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    return sigaction(sig, act, old);
}
UKP_EXPORT sighandler_t signal(int sig, sighandler_t handler) { return set_handler(sig, handler, SA_RESTART); }
UKP_EXPORT sighandler_t bsd_signal(int sig, sighandler_t handler) { return set_handler(sig, handler, SA_RESTART); }
UKP_EXPORT sighandler_t sysv_signal(int sig, sighandler_t handler) {
    return set_handler(sig, handler, SA_RESETHAND | SA_NODEFER);
}
