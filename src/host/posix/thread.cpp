#include <pthread.h>
#include <sched.h>
#include <signal.h>

#include <atomic>
#include <cerrno>

#include "../host.hpp"

namespace ukp::host {

void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

void thread_yield() { sched_yield(); }

std::uint32_t thread_id() {
    static std::atomic<std::uint32_t> next{1};
    thread_local std::uint32_t id = next.fetch_add(1, std::memory_order_relaxed);
    return id;
}

namespace {
struct Start {
    void (*fn)(void*);
    void* arg;
};
void* trampoline(void* p) {
    Start s = *static_cast<Start*>(p);
    delete static_cast<Start*>(p);
    s.fn(s.arg);
    return nullptr;
}
}  // namespace

int thread_start(void (*fn)(void*), void* arg) {
    pthread_t t;
    auto* start = new Start{fn, arg};
    // The new thread inherits the mask: block everything around the create.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&t, nullptr, trampoline, start);
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    if (rc != 0) {
        delete start;
        return -rc;
    }
    pthread_detach(t);
    return 0;
}

}  // namespace ukp::host
