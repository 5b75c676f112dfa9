// Signals: raising them, the application's actions, and interrupting kernel
// waits when one of the application's handlers runs.
//
// Every handler the application installs runs through `on_signal`, which
// counts the run per thread and, if the thread is parked in wait_event,
// bumps the word it parks on and wakes it. The kernel's wait queues compare
// the counts before and after a park to return EINTR (or restart the call
// when only SA_RESTART handlers ran), as Linux does for a signal that
// arrives while a system call sleeps.
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <atomic>
#include <cerrno>
#include <climits>

#include "../host.hpp"
#include "libc.hpp"
#include "signal_wake.hpp"

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

// initial-exec: read inside signal handlers, where __tls_get_addr may not run.
thread_local std::uint32_t t_all __attribute__((tls_model("initial-exec")));
thread_local std::uint32_t t_no_restart __attribute__((tls_model("initial-exec")));
thread_local std::uint32_t* t_parked __attribute__((tls_model("initial-exec")));

// The application's handler and flags per signal, read by on_signal without
// a lock; written under g_lock by signal_action.
constexpr int kSignals = NSIG;
std::atomic<void*> g_handler[kSignals];
std::atomic<int> g_flags[kSignals];
pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

void on_signal(int sig, siginfo_t* info, void* context) {
    // This wrapper is ukp's code wherever the signal landed; the
    // application's handler is the application's (raw system call capture).
    unsigned char selector = detail::capture_selector;
    detail::capture_selector = detail::kCaptureAllow;
    int saved_errno = errno;
    int flags = g_flags[sig].load(std::memory_order_acquire);
    void* handler = g_handler[sig].load(std::memory_order_acquire);
    std::atomic_signal_fence(std::memory_order_seq_cst);
    ++t_all;
    if (!(flags & SA_RESTART)) ++t_no_restart;
    std::atomic_signal_fence(std::memory_order_seq_cst);
    if (std::uint32_t* word = t_parked) {
        __atomic_fetch_add(word, 1, __ATOMIC_SEQ_CST);
        signal_wake(word);
    }
    errno = saved_errno;
    if (handler == nullptr) {  // raced with a change to SIG_DFL/SIG_IGN
        detail::capture_selector = selector;
        return;
    }
    // The application's handler is application code even when the signal
    // lands in host code (net_send inside libslirp): its calls go to the kernel.
    unsigned host_code = detail::host_code_depth;
    detail::host_code_depth = 0;
    // Blocked for the handler (it may leave by longjmp: the app's state).
    detail::capture_selector = detail::kCaptureBlock;
    if (flags & SA_SIGINFO)
        reinterpret_cast<void (*)(int, siginfo_t*, void*)>(handler)(sig, info, context);
    else
        reinterpret_cast<void (*)(int)>(handler)(sig);
    detail::capture_selector = selector;
    detail::host_code_depth = host_code;
}

void* handler_of(const struct sigaction& sa) {
    return (sa.sa_flags & SA_SIGINFO) ? reinterpret_cast<void*>(sa.sa_sigaction)
                                      : reinterpret_cast<void*>(sa.sa_handler);
}

// libc adds its restorer flag (Linux's SA_RESTORER), and shows it in old actions.
#if defined(__linux__)
constexpr int kRestorerFlag = 0x04000000;
#else
constexpr int kRestorerFlag = 0;
#endif

bool is_disposition(void* h) {
    return h == reinterpret_cast<void*>(SIG_DFL) || h == reinterpret_cast<void*>(SIG_IGN);
}

}  // namespace

// tgkill on Linux, as glibc's raise: the receiver sees SI_TKILL.
void signal_thread(int sig) {
#if defined(__linux__)
    syscall(SYS_tgkill, libc::get().getpid(), static_cast<pid_t>(syscall(SYS_gettid)), sig);
#else
    pthread_kill(pthread_self(), host_signal(sig));
#endif
}

// Through the host libc's own kill: the application's `kill` may be ukp's.
void signal_process(int sig) {
    const auto& c = libc::get();
    c.kill(c.getpid(), host_signal(sig));
}

int signal_send(std::int32_t pid, std::int32_t tid, int lx_sig, const void* lx_siginfo) {
    const auto& c = libc::get();
    int sig = lx_sig == 0 ? 0 : host_signal(lx_sig);
#if defined(__linux__)
    // Linux's siginfo is the host's: queue it as given.
    long r;
    if (lx_siginfo && tid > 0)
        r = syscall(SYS_rt_tgsigqueueinfo, pid, tid, sig, lx_siginfo);
    else if (lx_siginfo)
        r = syscall(SYS_rt_sigqueueinfo, pid, sig, lx_siginfo);
    else if (tid > 0)
        r = syscall(SYS_tgkill, pid, tid, sig);
    else
        r = c.kill(pid, sig);
    return r == 0 ? 0 : -errno;
#else
    (void)lx_siginfo;
    if (tid > 0) return -ENOSYS;
    return c.kill(pid, sig) == 0 ? 0 : -errno;
#endif
}

std::uint64_t signal_pending() {
    sigset_t set;
    sigemptyset(&set);
    sigpending(&set);
    std::uint64_t out = 0;
    for (int lx = 1; lx <= 64; ++lx) {
        int sig = host_signal(lx);
        if (sig > 0 && sig < kSignals && sigismember(&set, sig) == 1) out |= std::uint64_t{1} << (lx - 1);
    }
    return out;
}

int signal_take(std::uint64_t mask, void* lx_siginfo, std::int64_t timeout_ns) {
    sigset_t set;
    sigemptyset(&set);
    for (int lx = 1; lx <= 64; ++lx) {
        int sig = host_signal(lx);
        if ((mask >> (lx - 1) & 1) && sig > 0 && sig < kSignals) sigaddset(&set, sig);
    }
    siginfo_t info;
    memset(&info, 0, sizeof info);
    timespec ts{static_cast<time_t>(timeout_ns / 1'000'000'000), static_cast<long>(timeout_ns % 1'000'000'000)};
    timespec* tsp = timeout_ns < 0 ? nullptr : &ts;
#if defined(__linux__)
    // The system call itself: glibc's sigtimedwait turns SI_TKILL into
    // SI_USER, which signalfd does not.
    int r = static_cast<int>(syscall(SYS_rt_sigtimedwait, &set, &info, tsp, 8));
#else
    int r = tsp ? sigtimedwait(&set, &info, tsp) : sigwaitinfo(&set, &info);
#endif
    if (r < 0) return errno == EINTR ? -EINTR : -EAGAIN;
#if defined(__linux__)
    static_assert(sizeof(siginfo_t) == 128);
    memcpy(lx_siginfo, &info, sizeof info);
#else
    memset(lx_siginfo, 0, 128);
    static_cast<std::int32_t*>(lx_siginfo)[0] = r;
#endif
    return r;
}

int signal_action(int lx_sig, const void* act_p, void* old_p) {
    int sig = host_signal(lx_sig);
    if (sig <= 0 || sig >= kSignals || sig == SIGSEGV || sig == SIGBUS) return -EINVAL;
    const auto* act = static_cast<const struct sigaction*>(act_p);
    struct sigaction wrapped {}, previous {};
    bool captured = capture_mode() != CaptureMode::off;
    // Under capture SIGSYS is the capture's, and must never be blocked: a
    // raw system call in a handler would then kill the process. The
    // application's action is kept and reported, as Linux accepts it (node
    // checks every signal's), but never installed: only a SIGSYS sent to
    // the process would have run it.
    if (captured && sig == SIGSYS) {
        static struct sigaction app_sigsys {};  // SIG_DFL
        pthread_mutex_lock(&g_lock);
        if (old_p) *static_cast<struct sigaction*>(old_p) = app_sigsys;
        if (act) app_sigsys = *act;
        pthread_mutex_unlock(&g_lock);
        return 0;
    }
    if (act) {
        wrapped = *act;
        if (!is_disposition(handler_of(*act))) {
            wrapped.sa_sigaction = on_signal;
            wrapped.sa_flags |= SA_SIGINFO;
        }
        if (captured) sigdelset(&wrapped.sa_mask, SIGSYS);
    }
    pthread_mutex_lock(&g_lock);
    void* old_handler = g_handler[sig].load(std::memory_order_relaxed);
    int old_flags = g_flags[sig].load(std::memory_order_relaxed);
    if (act && !is_disposition(handler_of(*act))) {
        // Publish before the host can deliver through on_signal.
        g_handler[sig].store(handler_of(*act), std::memory_order_release);
        g_flags[sig].store(act->sa_flags, std::memory_order_release);
    }
    int rc = libc::get().sigaction(sig, act ? &wrapped : nullptr, &previous);
    if (rc != 0) {
        rc = -errno;
        g_handler[sig].store(old_handler, std::memory_order_release);
        g_flags[sig].store(old_flags, std::memory_order_release);
    } else if (act && is_disposition(handler_of(*act))) {
        g_handler[sig].store(nullptr, std::memory_order_release);
        g_flags[sig].store(0, std::memory_order_release);
    }
    pthread_mutex_unlock(&g_lock);
    if (rc != 0) return rc;
    if (old_p) {
        auto* old = static_cast<struct sigaction*>(old_p);
        *old = previous;
        // Our wrapper is there (or was, before an SA_RESETHAND delivery put
        // SIG_DFL back): show the application's own handler and flags.
        bool wrapped_now = previous.sa_sigaction == on_signal;
        bool was_reset = (old_flags & SA_RESETHAND) && previous.sa_handler == SIG_DFL;
        if (old_handler && (wrapped_now || was_reset)) {
            old->sa_flags = old_flags | (previous.sa_flags & kRestorerFlag);
            if (wrapped_now && (old_flags & SA_SIGINFO))
                old->sa_sigaction = reinterpret_cast<void (*)(int, siginfo_t*, void*)>(old_handler);
            else if (wrapped_now)
                old->sa_handler = reinterpret_cast<void (*)(int)>(old_handler);
        }
    }
    return 0;
}

SignalCounts thread_signal_counts() {
    std::atomic_signal_fence(std::memory_order_seq_cst);
    SignalCounts c{t_all, t_no_restart};
    std::atomic_signal_fence(std::memory_order_seq_cst);
    return c;
}

int wait_event(std::uint32_t* event_count, std::uint32_t expected, std::int64_t timeout_ns,
               std::uint32_t signals_seen) {
    t_parked = event_count;
    std::atomic_signal_fence(std::memory_order_seq_cst);
    int r = 0;
    if (t_all != signals_seen) {
        r = -EINTR;
    } else {
        // Hosts whose wake is not signal-safe re-check in slices instead.
        std::int64_t slice = signal_wait_slice();
        std::int64_t t = timeout_ns;
        if (slice > 0 && (t < 0 || t > slice)) t = slice;
        r = wait_on(event_count, expected, t);
        if (r == -ETIMEDOUT && t != timeout_ns) r = 0;
        std::atomic_signal_fence(std::memory_order_seq_cst);
        if (t_all != signals_seen) r = -EINTR;
    }
    t_parked = nullptr;
    std::atomic_signal_fence(std::memory_order_seq_cst);
    return r;
}

}  // namespace ukp::host
