// Memory from the host: the arena reservation and fault-safe copies of
// application memory.
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
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

// The arena is a shareable memory object mapped once; the application's
// MAP_SHARED mappings of kernel files map the same object's pages again.
namespace {

struct Reservation {
    std::atomic<char*> base{nullptr};
    std::size_t size = 0;
    int fd = -1;
};
constexpr int kMaxReservations = 8;
Reservation g_reservations[kMaxReservations];
std::atomic<int> g_reservation_count{0};

// A new, empty, unnamed shareable memory object, or -1.
int shareable_object() {
    const auto& c = libc::get();
#ifdef MFD_CLOEXEC
    if (c.memfd_create) {
        int fd = c.memfd_create("ukp", MFD_CLOEXEC);
        if (fd >= 0) return fd;
    }
#endif
    if (c.shm_open && c.shm_unlink) {
        char name[64];
        static std::atomic<unsigned> seq{0};
        snprintf(name, sizeof name, "/ukp-%d-%u", static_cast<int>(c.getpid()), seq.fetch_add(1));
        int fd = c.shm_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            c.shm_unlink(name);
            return fd;
        }
    }
    return -1;
}

// Storage past the end of a file: an empty object, so that every access to
// a page mapped from it raises SIGBUS, exactly as past a file's EOF.
int sigbus_object() {
    static const int fd = shareable_object();
    return fd;
}

const Reservation* reservation_of(const void* p, std::size_t len) {
    auto* c = static_cast<const char*>(p);
    int n = g_reservation_count.load(std::memory_order_acquire);
    for (int i = 0; i < n; ++i) {
        const Reservation& r = g_reservations[i];
        char* base = r.base.load(std::memory_order_acquire);
        if (base && c >= base && len <= r.size && c - base <= static_cast<std::ptrdiff_t>(r.size - len))
            return &r;
    }
    return nullptr;
}

// Linux's PROT_*, MAP_*, MADV_* and MS_* values and the host's.
struct Bit {
    int lx, host;
};
constexpr Bit kProt[] = {{0x1, PROT_READ}, {0x2, PROT_WRITE}, {0x4, PROT_EXEC}};
constexpr Bit kMapFlags[] = {
    {0x01, MAP_SHARED},     {0x02, MAP_PRIVATE},  {0x10, MAP_FIXED},     {0x20, MAP_ANONYMOUS},
    {0x4000, MAP_NORESERVE},
#ifdef __linux__
    {0x40, MAP_32BIT},      {0x100, MAP_GROWSDOWN}, {0x2000, MAP_LOCKED}, {0x8000, MAP_POPULATE},
    {0x20000, MAP_STACK},   {0x40000, MAP_HUGETLB}, {0x100000, MAP_FIXED_NOREPLACE},
#endif
};

constexpr Bit kSyncFlags[] = {{1, MS_ASYNC}, {2, MS_INVALIDATE}, {4, MS_SYNC}};

int to_host(const Bit* table, std::size_t n, int lx, bool* unknown = nullptr) {
    int host = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (lx & table[i].lx) host |= table[i].host, lx &= ~table[i].lx;
    if (unknown) *unknown = lx != 0;
    return host;
}
template <std::size_t N>
int to_host(const Bit (&table)[N], int lx, bool* unknown = nullptr) {
    return to_host(table, N, lx, unknown);
}

int neg_errno() {
    // Linux numbering: identity on Linux; other hosts translate with their port.
    return -errno;
}

}  // namespace

void* mem_reserve(std::size_t size) {
    const auto& c = libc::get();
    int fd = shareable_object();
    void* p = MAP_FAILED;
    if (fd >= 0 && c.ftruncate(fd, static_cast<off_t>(size)) == 0)
        p = c.mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, fd, 0);
    if (p == MAP_FAILED) {
        if (fd >= 0) c.close(fd);
        fd = -1;
        p = c.mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) return nullptr;
    }
    if (fd >= 0) {
        int i = g_reservation_count.load(std::memory_order_relaxed);
        if (i < kMaxReservations) {
            // Reservations happen at boot, one thread at a time.
            g_reservations[i].size = size;
            g_reservations[i].fd = fd;
            g_reservations[i].base.store(static_cast<char*>(p), std::memory_order_release);
            g_reservation_count.store(i + 1, std::memory_order_release);
        }
    }
    return p;
}

void mem_discard(void* addr, std::size_t size) {
    // A shared mapping keeps its pages after MADV_DONTNEED; punching a hole
    // in the object (MADV_REMOVE) really frees them.
    if (libc::get().madvise(addr, size, MADV_REMOVE) != 0)
        libc::get().madvise(addr, size, MADV_DONTNEED);
}

std::intptr_t mem_map_anonymous(void* addr, std::size_t len, int prot, int flags) {
    bool unknown_prot;
    int hprot = to_host(kProt, prot, &unknown_prot);
    if (unknown_prot) return -EINVAL;
    int hflags = to_host(kMapFlags, flags) | MAP_ANONYMOUS;
    void* p = libc::get().mmap(addr, len, hprot, hflags, -1, 0);
    if (p == MAP_FAILED) return neg_errno();
    return reinterpret_cast<std::intptr_t>(p);
}

int mem_map_kernel(void* addr, const void* kernel_page, std::size_t len, int prot, bool shared) {
    int fd;
    off_t off = 0;
    if (kernel_page) {
        const Reservation* r = reservation_of(kernel_page, len);
        if (!r) return -ENODEV;
        fd = r->fd;
        off = static_cast<off_t>(static_cast<const char*>(kernel_page) - r->base.load(std::memory_order_relaxed));
    } else {
        fd = sigbus_object();
        if (fd < 0) return -ENODEV;
    }
    int hflags = MAP_FIXED | (shared ? MAP_SHARED : MAP_PRIVATE);
    void* p = libc::get().mmap(addr, len, to_host(kProt, prot), hflags, fd, off);
    return p == MAP_FAILED ? neg_errno() : 0;
}

int mem_unmap(void* addr, std::size_t len) { return libc::get().munmap(addr, len) == 0 ? 0 : neg_errno(); }

int mem_protect(void* addr, std::size_t len, int prot) {
    bool unknown;
    int hprot = to_host(kProt, prot & 0x7, &unknown);
#ifdef __linux__
    hprot |= prot & (PROT_GROWSDOWN | PROT_GROWSUP);
    if (prot & ~(0x7 | PROT_GROWSDOWN | PROT_GROWSUP)) return -EINVAL;
#else
    if (prot & ~0x7) return -EINVAL;
#endif
    return libc::get().mprotect(addr, len, hprot) == 0 ? 0 : neg_errno();
}

std::intptr_t mem_remap(void* old_addr, std::size_t old_len, std::size_t new_len, int flags, void* new_addr) {
    const auto& c = libc::get();
    if (!c.mremap) return -ENOSYS;
    // MREMAP_MAYMOVE, MREMAP_FIXED, MREMAP_DONTUNMAP share Linux's values.
    void* p = c.mremap(old_addr, old_len, new_len, flags, new_addr);
    if (p == MAP_FAILED) return neg_errno();
    return reinterpret_cast<std::intptr_t>(p);
}

int mem_advise(void* addr, std::size_t len, int advice) {
    // Linux's MADV_* values pass as they are: this host is Linux or speaks them.
    return libc::get().madvise(addr, len, advice) == 0 ? 0 : neg_errno();
}

int mem_sync(void* addr, std::size_t len, int flags) {
    bool unknown;
    int hflags = to_host(kSyncFlags, flags, &unknown);
    if (unknown) return -EINVAL;
    return libc::get().msync(addr, len, hflags) == 0 ? 0 : neg_errno();
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
