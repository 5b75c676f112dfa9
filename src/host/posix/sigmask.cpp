// The calling thread's signal mask, for ppoll/pselect6/epoll_pwait.
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>

#include <cerrno>

#include "../host.hpp"

namespace ukp::host {
namespace {

using SigmaskFn = int (*)(int, const sigset_t*, sigset_t*);

// The host libc's own: the application's pthread_sigmask may be ukp's.
SigmaskFn real_sigmask() {
    static const auto fn = [] {
        auto f = reinterpret_cast<SigmaskFn>(dlsym(RTLD_NEXT, "pthread_sigmask"));
        return f ? f : &pthread_sigmask;
    }();
    return fn;
}

}  // namespace

int thread_sigmask(const std::uint64_t* set, std::uint64_t* old) {
    sigset_t host_set, host_old;
    sigemptyset(&host_set);
    if (set) {
        // Linux numbering (bit n-1 is signal n) is the host's on Linux;
        // elsewhere the classic signals 1..31 agree by name through signal.cpp.
        for (int sig = 1; sig <= 64 && sig < NSIG; ++sig)
            if (*set & (std::uint64_t{1} << (sig - 1))) sigaddset(&host_set, sig);
    }
    int rc = real_sigmask()(SIG_SETMASK, set ? &host_set : nullptr, &host_old);
    if (rc != 0) return -rc;
    if (old) {
        *old = 0;
        for (int sig = 1; sig <= 64 && sig < NSIG; ++sig)
            if (sigismember(&host_old, sig) == 1) *old |= std::uint64_t{1} << (sig - 1);
    }
    return 0;
}

}  // namespace ukp::host
