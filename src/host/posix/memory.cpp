// Memory from the host: the arena reservation and fault-safe copies of
// application memory.
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

#include "../host.hpp"
#include "libc.hpp"

namespace ukp::host {

std::size_t page_size() {
    static const std::size_t size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    return size;
}

void* mem_reserve(std::size_t size) {
    void* p = libc::get().mmap(nullptr, size, PROT_READ | PROT_WRITE,
                               MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? nullptr : p;
}

void mem_discard(void* addr, std::size_t size) {
    // A shared anonymous mapping keeps its pages after MADV_DONTNEED; punching
    // a hole (MADV_REMOVE) really frees them.
    if (libc::get().madvise(addr, size, MADV_REMOVE) != 0)
        libc::get().madvise(addr, size, MADV_DONTNEED);
}

// Fault-safe copies: a thread-local recovery point that the SIGSEGV/SIGBUS
// handler jumps back to when the fault happened inside one of these copies.
// Faults anywhere else go to the application's action: the one installed
// before ukp, or the one the application set since (fault_signal_action).
namespace {

// initial-exec: a plain %fs-relative load instead of a __tls_get_addr call on
// every copy (libukp is always loaded at startup, never dlopen()ed late).
thread_local sigjmp_buf* t_recover __attribute__((tls_model("initial-exec")));
struct sigaction g_previous_segv, g_previous_bus;

void on_fault(int sig, siginfo_t* info, void* context) {
    if (sigjmp_buf* env = t_recover) {
        t_recover = nullptr;
        siglongjmp(*env, 1);
    }
    struct sigaction& prev = sig == SIGSEGV ? g_previous_segv : g_previous_bus;
    struct sigaction run = prev;
    if (run.sa_flags & SA_RESETHAND) prev.sa_handler = SIG_DFL, prev.sa_flags = 0;
    if (run.sa_flags & SA_SIGINFO) {
        run.sa_sigaction(sig, info, context);
    } else if (run.sa_handler == SIG_IGN) {
        return;
    } else if (run.sa_handler != SIG_DFL) {
        run.sa_handler(sig);
    } else {
        // The default action: die of this signal, as the process would have.
        struct sigaction dfl {};
        dfl.sa_handler = SIG_DFL;
        libc::get().sigaction(sig, &dfl, nullptr);
        raise(sig);
    }
}

bool install_fault_handler() {
    struct sigaction sa {};
    sa.sa_sigaction = on_fault;
    // NODEFER: we leave the handler by siglongjmp without restoring the mask.
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    libc::get().sigaction(SIGSEGV, &sa, &g_previous_segv);
    libc::get().sigaction(SIGBUS, &sa, &g_previous_bus);
    return true;
}

void ensure_handler() {
    static const bool installed = install_fault_handler();
    (void)installed;
}

// Runs fn with a recovery point; false if it faulted. noinline keeps the
// setjmp frame alive for the duration of the copy.
template <typename Fn>
[[gnu::noinline]] bool guarded(Fn&& fn) {
    ensure_handler();
    sigjmp_buf env;
    if (sigsetjmp(env, 0) != 0) return false;
    t_recover = &env;
    // The compiler knows memcpy does not read t_recover and would otherwise
    // drop the store above as dead; the handler must see it.
    std::atomic_signal_fence(std::memory_order_seq_cst);
    fn();
    std::atomic_signal_fence(std::memory_order_seq_cst);
    t_recover = nullptr;
    return true;
}

// Under a sanitizer, libc's memcpy and strnlen are the sanitizer's
// interceptors, which check or fault inside its runtime where our handler
// cannot recover. There, copies are plain loops the sanitizer does not see.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
[[gnu::no_sanitize_address, gnu::no_sanitize_thread, gnu::noinline,
  gnu::optimize("no-tree-loop-distribute-patterns")]]
void copy_bytes(void* dst, const void* src, std::size_t n) {
    auto* d = static_cast<volatile char*>(dst);
    auto* s = static_cast<const volatile char*>(src);
    for (std::size_t i = 0; i < n; ++i) d[i] = s[i];
}
[[gnu::no_sanitize_address, gnu::no_sanitize_thread, gnu::noinline,
  gnu::optimize("no-tree-loop-distribute-patterns")]]
std::size_t string_length(const char* s, std::size_t cap) {
    auto* v = reinterpret_cast<const volatile char*>(s);
    std::size_t i = 0;
    while (i < cap && v[i] != '\0') ++i;
    return i;
}
#else
void copy_bytes(void* dst, const void* src, std::size_t n) { memcpy(dst, src, n); }
std::size_t string_length(const char* s, std::size_t cap) { return strnlen(s, cap); }
#endif

}  // namespace

int fault_signal_action(int sig, const void* act, void* old_act) {
    if (sig != SIGSEGV && sig != SIGBUS) return -EINVAL;
    ensure_handler();
    struct sigaction& prev = sig == SIGSEGV ? g_previous_segv : g_previous_bus;
    struct sigaction previous = prev;
    if (act) prev = *static_cast<const struct sigaction*>(act);
    if (old_act) *static_cast<struct sigaction*>(old_act) = previous;
    return 0;
}

bool mem_copy_from_app(void* dst, const void* app_src, std::size_t n) {
    if (n == 0) return true;
    if (!app_src) return false;
    return guarded([&] { copy_bytes(dst, app_src, n); });
}

bool mem_copy_to_app(void* app_dst, const void* src, std::size_t n) {
    if (n == 0) return true;
    if (!app_dst) return false;
    return guarded([&] { copy_bytes(app_dst, src, n); });
}

std::ptrdiff_t mem_copy_string_from_app(char* dst, const char* app_src, std::size_t cap) {
    if (!app_src) return -1;
    std::size_t len = cap;
    // libc's strnlen and memcpy are vectorised and never read across a page
    // they do not need; one recovery point covers both.
    bool ok = guarded([&] {
        len = string_length(app_src, cap);
        copy_bytes(dst, app_src, len < cap ? len + 1 : cap);
    });
    return ok ? static_cast<std::ptrdiff_t>(len) : -1;
}

}  // namespace ukp::host
