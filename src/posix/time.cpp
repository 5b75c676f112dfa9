// Sleeps, alarms, interval and POSIX timers, timerfd, signalfd, and sending
// signals. glibc implements sleep/usleep/alarm... on its internal calls, so
// every public name is defined here.
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

#include "core/sys/sys.hpp"
#include "posix/ret.hpp"

namespace sys = ukp::sys;
using ukp::posix::ret;

static_assert(sizeof(struct timespec) == sizeof(ukp::lx_timespec));
static_assert(sizeof(struct itimerspec) == sizeof(ukp::lx_itimerspec));
static_assert(sizeof(struct itimerval) == sizeof(ukp::lx_itimerval));
static_assert(sizeof(struct sigevent) == sizeof(ukp::lx_sigevent));
static_assert(sizeof(siginfo_t) == sizeof(ukp::lx_siginfo));

namespace {

auto* lx(const struct timespec* t) { return reinterpret_cast<const ukp::lx_timespec*>(t); }
auto* lx(struct timespec* t) { return reinterpret_cast<ukp::lx_timespec*>(t); }
auto* lx(const struct itimerspec* t) { return reinterpret_cast<const ukp::lx_itimerspec*>(t); }
auto* lx(struct itimerspec* t) { return reinterpret_cast<ukp::lx_itimerspec*>(t); }

// timer_t is a pointer in glibc; ukp's are the kernel's small ids.
bool timer_id(timer_t t, int* id) {
    auto v = reinterpret_cast<intptr_t>(t);
    if (v < 0 || v > INT_MAX) return false;
    *id = static_cast<int>(v);
    return true;
}

template <typename F>
F host_fn(const char* name) {
    return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

}  // namespace

// ---- sleeping ----
UKP_EXPORT int nanosleep(const struct timespec* req, struct timespec* rem) {
    UKP_ENTRY_ARGS(nanosleep, req, rem);
    return ret(sys::nanosleep(lx(req), lx(rem)));
}
UKP_EXPORT int __nanosleep(const struct timespec* req, struct timespec* rem) {
    UKP_ENTRY_ARGS(nanosleep, req, rem);
    return nanosleep(req, rem);
}

// Returns the error number itself, never -1/errno.
UKP_EXPORT int clock_nanosleep(clockid_t clock, int flags, const struct timespec* req, struct timespec* rem) {
    UKP_ENTRY_ARGS(clock_nanosleep, clock, flags, req, rem);
    ukp::Result<void> r = sys::clock_nanosleep(clock, flags, lx(req), lx(rem));
    return r.ok() ? 0 : ukp::posix::host_errno(r.error());
}
UKP_EXPORT int __clock_nanosleep(clockid_t clock, int flags, const struct timespec* req, struct timespec* rem) {
    UKP_ENTRY_ARGS(clock_nanosleep, clock, flags, req, rem);
    return clock_nanosleep(clock, flags, req, rem);
}

UKP_EXPORT unsigned int sleep(unsigned int seconds) {
    UKP_ENTRY_ARGS(libc, seconds);
    int saved = errno;
    struct timespec ts = {static_cast<time_t>(seconds), 0};
    if (nanosleep(&ts, &ts) == 0) {
        errno = saved;
        return 0;
    }
    return static_cast<unsigned>(ts.tv_sec);  // glibc truncates what is left
}

UKP_EXPORT int usleep(useconds_t usec) {
    UKP_ENTRY_ARGS(libc, usec);
    struct timespec ts = {static_cast<time_t>(usec / 1000000), static_cast<long>(usec % 1000000) * 1000};
    return nanosleep(&ts, nullptr);
}

// ---- alarm and interval timers ----
UKP_EXPORT unsigned int alarm(unsigned int seconds) {
    UKP_ENTRY_ARGS(alarm, seconds);
    ukp::Result<unsigned> r = sys::alarm(seconds);
    return r.ok() ? r.value() : 0;
}

UKP_EXPORT useconds_t ualarm(useconds_t value, useconds_t interval) {
    UKP_ENTRY_ARGS(libc, value, interval);
    struct itimerval nv = {{static_cast<time_t>(interval / 1000000), static_cast<suseconds_t>(interval % 1000000)},
                           {static_cast<time_t>(value / 1000000), static_cast<suseconds_t>(value % 1000000)}};
    struct itimerval old {};
    if (ret(sys::setitimer(ITIMER_REAL, reinterpret_cast<const ukp::lx_itimerval*>(&nv),
                           reinterpret_cast<ukp::lx_itimerval*>(&old))) != 0)
        return static_cast<useconds_t>(-1);
    return static_cast<useconds_t>(old.it_value.tv_sec * 1000000 + old.it_value.tv_usec);
}

// ITIMER_VIRTUAL and ITIMER_PROF count the host's CPU time: the host's.
UKP_EXPORT int setitimer(__itimer_which_t which, const struct itimerval* nv, struct itimerval* old) {
    UKP_ENTRY_ARGS(setitimer, which, nv, old);
    if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) {
        using Fn = int (*)(__itimer_which_t, const struct itimerval*, struct itimerval*);
        static const Fn real = host_fn<Fn>("setitimer");
        return real(which, nv, old);
    }
    return ret(sys::setitimer(which, reinterpret_cast<const ukp::lx_itimerval*>(nv),
                              reinterpret_cast<ukp::lx_itimerval*>(old)));
}
UKP_EXPORT int getitimer(__itimer_which_t which, struct itimerval* cur) {
    UKP_ENTRY_ARGS(getitimer, which, cur);
    if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) {
        using Fn = int (*)(__itimer_which_t, struct itimerval*);
        static const Fn real = host_fn<Fn>("getitimer");
        return real(which, cur);
    }
    return ret(sys::getitimer(which, reinterpret_cast<ukp::lx_itimerval*>(cur)));
}

// ---- POSIX timers ----
UKP_EXPORT int timer_create(clockid_t clock, struct sigevent* sev, timer_t* out) {
    UKP_ENTRY_ARGS(timer_create, clock, sev, out);
    int id = 0;
    ukp::Result<void> r = sys::timer_create(clock, reinterpret_cast<const ukp::lx_sigevent*>(sev), &id);
    if (r.ok()) *out = reinterpret_cast<timer_t>(static_cast<intptr_t>(id));
    return ret(r);
}
UKP_EXPORT int timer_settime(timer_t t, int flags, const struct itimerspec* nv, struct itimerspec* old) {
    UKP_ENTRY_ARGS(timer_settime, t, flags, nv, old);
    int id;
    if (!timer_id(t, &id)) return errno = EINVAL, -1;
    return ret(sys::timer_settime(id, flags, lx(nv), lx(old)));
}
UKP_EXPORT int timer_gettime(timer_t t, struct itimerspec* cur) {
    UKP_ENTRY_ARGS(timer_gettime, t, cur);
    int id;
    if (!timer_id(t, &id)) return errno = EINVAL, -1;
    return ret(sys::timer_gettime(id, lx(cur)));
}
UKP_EXPORT int timer_getoverrun(timer_t t) {
    UKP_ENTRY_ARGS(timer_getoverrun, t);
    int id;
    if (!timer_id(t, &id)) return errno = EINVAL, -1;
    return ret<int>(sys::timer_getoverrun(id));
}
UKP_EXPORT int timer_delete(timer_t t) {
    UKP_ENTRY_ARGS(timer_delete, t);
    int id;
    if (!timer_id(t, &id)) return errno = EINVAL, -1;
    return ret(sys::timer_delete(id));
}

// ---- timerfd, signalfd ----
UKP_EXPORT int timerfd_create(int clock, int flags) {
    UKP_ENTRY_ARGS(timerfd_create, clock, flags);
    return ret<int>(sys::timerfd_create(clock, flags));
}
UKP_EXPORT int timerfd_settime(int fd, int flags, const struct itimerspec* nv, struct itimerspec* old) {
    UKP_ENTRY_ARGS(timerfd_settime, fd, flags, nv, old);
    return ret(sys::timerfd_settime(fd, flags, lx(nv), lx(old)));
}
UKP_EXPORT int timerfd_gettime(int fd, struct itimerspec* cur) {
    UKP_ENTRY_ARGS(timerfd_gettime, fd, cur);
    return ret(sys::timerfd_gettime(fd, lx(cur)));
}

UKP_EXPORT int signalfd(int fd, const sigset_t* mask, int flags) {
    UKP_ENTRY_ARGS(signalfd, fd, mask, flags);
    // The kernel's set is Linux's 64 bits: the first word of glibc's sigset_t.
    return ret<int>(sys::signalfd4(fd, reinterpret_cast<const std::uint64_t*>(mask), 8, flags));
}

// ---- sending signals ----
UKP_EXPORT int kill(pid_t pid, int sig) { UKP_ENTRY_ARGS(kill, pid, sig); return ret(sys::kill(pid, sig)); }
UKP_EXPORT int raise(int sig) { UKP_ENTRY_ARGS(libc, sig); return ret(sys::raise(sig)); }
UKP_EXPORT int gsignal(int sig) { UKP_ENTRY_ARGS(libc, sig); return raise(sig); }
UKP_EXPORT int tgkill(pid_t tgid, pid_t tid, int sig) {
    UKP_ENTRY_ARGS(tgkill, tgid, tid, sig);
    return ret(sys::tgkill(tgid, tid, sig));
}
UKP_EXPORT int sigqueue(pid_t pid, int sig, const union sigval value) {
    UKP_ENTRY_ARGS(libc, pid, sig, value);
    siginfo_t info{};
    info.si_signo = sig;
    info.si_code = SI_QUEUE;
    info.si_pid = sys::getpid();
    info.si_uid = sys::getuid();
    info.si_value = value;
    return ret(sys::rt_sigqueueinfo(pid, sig, reinterpret_cast<const ukp::lx_siginfo*>(&info)));
}
UKP_EXPORT int pthread_kill(pthread_t thread, int sig) {
    UKP_ENTRY_ARGS(libc, thread, sig);
    using Fn = int (*)(pthread_t, int);
    static const Fn real = host_fn<Fn>("pthread_kill");
    int rc = real(thread, sig);
    if (rc == 0 && sig != 0) sys::signal_sent();
    return rc;
}
