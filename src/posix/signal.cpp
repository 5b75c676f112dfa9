// sigaction and the older ways to set a signal's action.
//
// Every action goes through the host layer: SIGSEGV/SIGBUS because the
// kernel's fault recovery must stay first (fault_signal_action chains to the
// application's action), every other signal so that a handler that runs
// while the thread sleeps in the kernel interrupts that sleep with EINTR, or
// restarts it under SA_RESTART (host::signal_action, core/base/wait_queue).
// glibc's signal, sigset, siginterrupt... call its internal sigaction, which
// would bypass this: they are defined here on top of ours.
#include <dlfcn.h>
#include <signal.h>

#include <cerrno>

#include "core/kernel/kernel.hpp"
#include "host/host.hpp"
#include "posix/early.hpp"
#include "posix/passthrough.hpp"
#include "posix/ret.hpp"

// Runs before the sanitizer runtimes can handle instrumented code.
#define UKP_EARLY __attribute__((no_sanitize("address", "undefined", "thread")))

namespace {

// Before the kernel boots only the sanitizer runtimes set actions (their
// fatal-signal handlers, while they start): those go straight to the host's
// sigaction. The kernel's fault handler, installed at boot, chains to them.
UKP_EARLY int host_sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    // Only builtins here: at -O0 even std::atomic's members are out-of-line,
    // instrumented calls.
    using Fn = int (*)(int, const struct sigaction*, struct sigaction*);
    static Fn real = nullptr;
    Fn fn = __atomic_load_n(&real, __ATOMIC_RELAXED);
    if (!fn) {
        fn = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "sigaction"));
        __atomic_store_n(&real, fn, __ATOMIC_RELAXED);
    }
    return fn(sig, act, old);
}

bool is_fault_signal(int sig) { return sig == SIGSEGV || sig == SIGBUS; }

int set_action(int sig, const struct sigaction* act, struct sigaction* old) {
    int rc = is_fault_signal(sig) ? ukp::host::fault_signal_action(sig, act, old)
                                  : ukp::host::signal_action(sig, act, old);
    if (rc == 0) return 0;
    errno = ukp::posix::host_errno(-rc);
    return -1;
}

// signal()'s meaning: BSD semantics (SA_RESTART), or System V's (one shot).
sighandler_t set_handler(int sig, sighandler_t handler, int flags) {
    struct sigaction act {}, old {};
    act.sa_handler = handler;
    act.sa_flags = flags;
    sigemptyset(&act.sa_mask);
    if (handler == SIG_ERR || set_action(sig, &act, &old) != 0) {
        errno = EINVAL;
        return SIG_ERR;
    }
    return old.sa_handler;
}

bool blocked(int sig) {
    sigset_t now;
    pthread_sigmask(SIG_BLOCK, nullptr, &now);
    return sigismember(&now, sig) == 1;
}

void mask_one(int how, int sig) {
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(how, &one, nullptr);
}

}  // namespace

// Handlers set before the boot (the sanitizer runtimes', or a library
// constructor's that ran before ours) are the host's own and would not end
// a kernel wait with EINTR: give each to the wrapped path, with its flags
// and mask. Fault signals keep the kernel's fault handler, which chains.
void ukp::posix::adopt_early_signal_actions() {
    for (int sig = 1; sig < NSIG; ++sig) {
        if (is_fault_signal(sig) || sig == SIGKILL || sig == SIGSTOP) continue;
        struct sigaction cur {};
        if (host_sigaction(sig, nullptr, &cur) != 0) continue;  // libc's own signals
        // SIG_DFL and SIG_IGN are sa_handler values, whatever the flags say.
        if (cur.sa_handler == SIG_DFL || cur.sa_handler == SIG_IGN) continue;
        (void)set_action(sig, &cur, nullptr);
    }
}

UKP_EXPORT UKP_EARLY int sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    if (!ukp::g_kernel) return host_sigaction(sig, act, old);  // not booted(): no calls here
    UKP_ENTRY_ARGS(libc, sig, act, old);
    return set_action(sig, act, old);
}
UKP_EXPORT UKP_EARLY int __sigaction(int sig, const struct sigaction* act, struct sigaction* old) {
    if (!ukp::g_kernel) return host_sigaction(sig, act, old);
    UKP_ENTRY_ARGS(libc, sig, act, old);
    return set_action(sig, act, old);
}
UKP_EXPORT sighandler_t signal(int sig, sighandler_t handler) {
    UKP_ENTRY_ARGS(libc, sig, handler);
    UKP_HOST_PASSTHROUGH(signal, sig, handler);
    return set_handler(sig, handler, SA_RESTART);
}
UKP_EXPORT sighandler_t bsd_signal(int sig, sighandler_t handler) {
    UKP_ENTRY_ARGS(libc, sig, handler);
    return set_handler(sig, handler, SA_RESTART);
}
UKP_EXPORT sighandler_t ssignal(int sig, sighandler_t handler) {
    UKP_ENTRY_ARGS(libc, sig, handler);
    return set_handler(sig, handler, SA_RESTART);
}
UKP_EXPORT sighandler_t sysv_signal(int sig, sighandler_t handler) {
    UKP_ENTRY_ARGS(libc, sig, handler);
    return set_handler(sig, handler, SA_RESETHAND | SA_NODEFER);
}

// System V: SIG_HOLD blocks; anything else installs (no flags) and unblocks.
// Returns SIG_HOLD when the signal was blocked before.
UKP_EXPORT sighandler_t sigset(int sig, sighandler_t disp) {
    UKP_ENTRY_ARGS(libc, sig, disp);
    struct sigaction act {}, old {};
    if (sig <= 0 || sig >= NSIG || disp == SIG_ERR) {
        errno = EINVAL;
        return SIG_ERR;
    }
    bool was_blocked = blocked(sig);
    if (disp == SIG_HOLD) {
        if (set_action(sig, nullptr, &old) != 0) return SIG_ERR;
        mask_one(SIG_BLOCK, sig);
    } else {
        act.sa_handler = disp;
        sigemptyset(&act.sa_mask);
        if (set_action(sig, &act, &old) != 0) return SIG_ERR;
        mask_one(SIG_UNBLOCK, sig);
    }
    return was_blocked ? SIG_HOLD : old.sa_handler;
}

UKP_EXPORT int sigignore(int sig) {
    UKP_ENTRY_ARGS(libc, sig);
    struct sigaction act {};
    act.sa_handler = SIG_IGN;
    sigemptyset(&act.sa_mask);
    return set_action(sig, &act, nullptr);
}

// flag != 0: system calls interrupted by sig fail with EINTR (no SA_RESTART).
UKP_EXPORT int siginterrupt(int sig, int flag) {
    UKP_ENTRY_ARGS(libc, sig, flag);
    struct sigaction act {};
    if (set_action(sig, nullptr, &act) != 0) return -1;
    if (flag)
        act.sa_flags &= ~SA_RESTART;
    else
        act.sa_flags |= SA_RESTART;
    return set_action(sig, &act, nullptr);
}
