// Raw system call capture on Linux: Syscall User Dispatch (prctl
// PR_SET_SYSCALL_USER_DISPATCH, Linux 5.11), unprivileged.
//
// On a captured thread every `syscall` instruction consults the thread's
// selector byte: ALLOW runs it, BLOCK turns it into SIGSYS, whose handler
// (below) serves it from the kernel's raw-syscall table and writes the
// result into rax. Code in the "gate" (a few instructions in their own
// section, the one range dispatch always allows) makes the host calls that
// must bypass the selector: host-served calls made from the handler, the
// handler's own rt_sigreturn, and rt_sigreturn for the application's
// handlers (glibc's restorer runs as application code: its rt_sigreturn is
// trapped, and is re-issued from the gate with the application's stack).
// Calls made by the dynamic loader's own code are the host's (the program
// and its libraries are loaded by the host's ld.so).
//
// strict adds a seccomp filter (no_new_privs, all threads): host calls
// outside the list below stop the program, naming the call. With dispatch
// on, application calls never reach it (they trap first); it fences ukp's
// own calls, threads without dispatch, and any way around the selector.
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "../host.hpp"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#define PR_SYS_DISPATCH_OFF 0
#define PR_SYS_DISPATCH_ON 1
#endif
#ifndef SYS_USER_DISPATCH
#define SYS_USER_DISPATCH 2
#endif
#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1
#endif

// The gate. ukp_capture_syscall6(nr, a0..a5) -> raw result.
extern "C" {
extern char ukp_capture_gate_start[] __attribute__((visibility("hidden")));
extern char ukp_capture_gate_end[] __attribute__((visibility("hidden")));
long ukp_capture_syscall6(long nr, unsigned long a0, unsigned long a1, unsigned long a2, unsigned long a3,
                          unsigned long a4, unsigned long a5) __attribute__((visibility("hidden")));
void ukp_capture_sigreturn() __attribute__((visibility("hidden")));
long ukp_capture_clone(unsigned long flags, unsigned long newsp, unsigned long ptid, unsigned long ctid,
                       unsigned long tls) __attribute__((visibility("hidden")));
}
asm(R"(
    .pushsection .text.ukp_capture_gate,"ax",@progbits
    .balign 64
    .globl ukp_capture_gate_start, ukp_capture_gate_end, ukp_capture_syscall6, ukp_capture_sigreturn
    .globl ukp_capture_clone
    .hidden ukp_capture_gate_start, ukp_capture_gate_end, ukp_capture_syscall6, ukp_capture_sigreturn
    .hidden ukp_capture_clone
ukp_capture_gate_start:
ukp_capture_syscall6:
    mov %rdi, %rax
    mov %rsi, %rdi
    mov %rdx, %rsi
    mov %rcx, %rdx
    mov %r8, %r10
    mov %r9, %r8
    mov 8(%rsp), %r9
    syscall
    ret
ukp_capture_sigreturn:
    mov $15, %eax
    syscall
    ud2
# ukp_capture_clone(flags, newsp, ptid, ctid, tls): clone(2) for a thread.
# The parent returns here; the child starts on newsp with the application's
# registers from the block below newsp (CloneBlock), captures itself when
# it has its own TLS, and continues where the application's `syscall` was.
ukp_capture_clone:
    mov %rcx, %r10
    mov $56, %eax
    syscall
    test %rax, %rax
    jz 1f
    ret
1:  mov %rsp, %r11
    sub $256, %r11
    and $-16, %r11
    cmpq $0, 104(%r11)
    je 2f
    mov $157, %eax                     # prctl(PR_SET_SYSCALL_USER_DISPATCH, ON, start, len, &selector)
    mov $59, %edi
    mov $1, %esi
    mov 112(%r11), %rdx
    mov 120(%r11), %r10
    mov _ZN3ukp4host6detail16capture_selectorE@gottpoff(%rip), %r8
    add %fs:0, %r8
    movb $1, (%r8)
    syscall
    mov %rsp, %r11                     # (the syscall took r11)
    sub $256, %r11
    and $-16, %r11
2:  mov 8(%r11), %rbx
    mov 16(%r11), %rbp
    mov 24(%r11), %r12
    mov 32(%r11), %r13
    mov 40(%r11), %r14
    mov 48(%r11), %r15
    mov 56(%r11), %rdi
    mov 64(%r11), %rsi
    mov 72(%r11), %rdx
    mov 80(%r11), %r8
    mov 88(%r11), %r9
    mov 96(%r11), %r10
    mov 0(%r11), %rcx
    xor %eax, %eax
    jmp *%rcx
ukp_capture_gate_end:
    .popsection
)");

namespace ukp::host {

namespace detail {
constinit thread_local unsigned char capture_selector __attribute__((tls_model("initial-exec"))) =
    kCaptureAllow;
}

namespace {

CaptureMode g_mode = CaptureMode::off;
SyscallHandler g_handler = nullptr;
// The dynamic loader's code: its calls are the host's.
std::uintptr_t g_loader_lo = 0, g_loader_hi = 0;

long gate(long nr, unsigned long a0 = 0, unsigned long a1 = 0, unsigned long a2 = 0, unsigned long a3 = 0,
          unsigned long a4 = 0, unsigned long a5 = 0) {
    return ukp_capture_syscall6(nr, a0, a1, a2, a3, a4, a5);
}

void say(const char* s) { gate(SYS_write, 2, reinterpret_cast<unsigned long>(s), strlen(s)); }

// The executable segment of the object loaded at AT_BASE (ld.so).
void find_loader() {
    std::uintptr_t base = getauxval(AT_BASE);
    if (!base) return;
    dl_iterate_phdr(
        [](struct dl_phdr_info* info, size_t, void* data) -> int {
            if (info->dlpi_addr != *static_cast<std::uintptr_t*>(data)) return 0;
            for (int i = 0; i < info->dlpi_phnum; ++i) {
                const ElfW(Phdr)& ph = info->dlpi_phdr[i];
                if (ph.p_type != PT_LOAD || !(ph.p_flags & PF_X)) continue;
                g_loader_lo = info->dlpi_addr + ph.p_vaddr;
                g_loader_hi = g_loader_lo + ph.p_memsz;
            }
            return 1;
        },
        &base);
}

// ---- strict: the host layer's system calls ----
// What the host layer, the libc functions it calls, its threads (io_uring,
// libslirp, watchers) and the host-served calls of the table need. Not
// here: execve/execveat, fork/vfork, ptrace, process_vm_*, mount and
// namespaces, module and kexec calls, bpf, perf_event_open, setuid & co.
constexpr int kStrictAllowed[] = {
    SYS_read, SYS_write, SYS_open, SYS_openat, SYS_openat2, SYS_close, SYS_close_range, SYS_stat, SYS_fstat,
    SYS_lstat, SYS_newfstatat, SYS_statx, SYS_statfs, SYS_fstatfs, SYS_lseek, SYS_pread64, SYS_pwrite64,
    SYS_readv, SYS_writev, SYS_preadv, SYS_pwritev, SYS_preadv2, SYS_pwritev2, SYS_fsync, SYS_fdatasync,
    SYS_getdents64, SYS_readlink, SYS_readlinkat, SYS_mkdirat, SYS_mknodat, SYS_unlinkat, SYS_renameat2,
    SYS_linkat, SYS_symlinkat, SYS_fchmod, SYS_fchmodat, SYS_fchown, SYS_fchownat, SYS_utimensat,
    SYS_access, SYS_faccessat, SYS_faccessat2, SYS_ftruncate, SYS_fallocate, SYS_getcwd, SYS_dup, SYS_dup2,
    SYS_dup3, SYS_fcntl, SYS_ioctl, SYS_pipe2, SYS_memfd_create, SYS_mmap, SYS_munmap, SYS_mprotect,
    SYS_mremap, SYS_madvise, SYS_msync, SYS_mincore, SYS_brk, SYS_membarrier, SYS_futex, SYS_clone,
    SYS_clone3, SYS_exit, SYS_exit_group, SYS_set_tid_address, SYS_set_robust_list, SYS_get_robust_list,
    SYS_rseq, SYS_arch_prctl, SYS_prctl, SYS_gettid, SYS_getpid, SYS_getppid, SYS_getuid, SYS_geteuid,
    SYS_getgid, SYS_getegid, SYS_getresuid, SYS_getresgid, SYS_getgroups, SYS_prlimit64, SYS_getrlimit,
    SYS_getrusage, SYS_times, SYS_sysinfo, SYS_uname, SYS_getrandom, SYS_sched_yield,
    SYS_sched_getaffinity, SYS_sched_setaffinity, SYS_sched_getparam, SYS_sched_getscheduler, SYS_getcpu,
    SYS_rt_sigaction, SYS_rt_sigprocmask, SYS_rt_sigreturn, SYS_rt_sigpending, SYS_rt_sigtimedwait,
    SYS_rt_sigsuspend, SYS_rt_sigqueueinfo, SYS_rt_tgsigqueueinfo, SYS_sigaltstack, SYS_kill, SYS_tgkill,
    SYS_tkill, SYS_pause, SYS_restart_syscall, SYS_clock_gettime, SYS_clock_getres, SYS_clock_nanosleep,
    SYS_nanosleep, SYS_gettimeofday, SYS_time, SYS_timerfd_create, SYS_timerfd_settime, SYS_eventfd2,
    SYS_poll, SYS_ppoll, SYS_select, SYS_pselect6, SYS_epoll_create1, SYS_epoll_ctl, SYS_epoll_wait,
    SYS_epoll_pwait, SYS_io_uring_setup, SYS_io_uring_enter, SYS_io_uring_register, SYS_socket,
    SYS_socketpair, SYS_connect, SYS_bind, SYS_listen, SYS_accept, SYS_accept4, SYS_sendto, SYS_recvfrom,
    SYS_sendmsg, SYS_recvmsg, SYS_sendmmsg, SYS_recvmmsg, SYS_shutdown, SYS_getsockname, SYS_getpeername,
    SYS_setsockopt, SYS_getsockopt,
    // the raw-syscall table's host-served calls (core/abi/syscall_table.cpp)
    SYS_mlock, SYS_munlock, SYS_mlockall, SYS_munlockall, SYS_personality, SYS_getpgrp, SYS_getpgid,
    SYS_getsid, SYS_setsid, SYS_setpgid, SYS_sched_setparam, SYS_sched_setscheduler, SYS_sched_get_priority_max,
    SYS_sched_get_priority_min, SYS_sched_rr_get_interval, SYS_getpriority, SYS_setpriority,
};

int install_strict_filter() {
    constexpr std::size_t n = sizeof kStrictAllowed / sizeof kStrictAllowed[0];
    static_assert(n < 250, "jumps are 8 bits");
    struct sock_filter prog[n + 6];
    std::size_t i = 0;
    prog[i++] = BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    prog[i++] = BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
    prog[i++] = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    prog[i++] = BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
    for (std::size_t k = 0; k < n; ++k)
        prog[i++] = BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<unsigned>(kStrictAllowed[k]),
                             static_cast<unsigned char>(n - k), 0);
    prog[i++] = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP);
    prog[i++] = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    struct sock_fprog fprog = {static_cast<unsigned short>(i), prog};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -errno;
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &fprog) != 0) return -errno;
    return 0;
}

const char* (*g_namer)(long) = nullptr;

[[noreturn]] void strict_violation(long nr) {
    const char* name = g_namer ? g_namer(nr) : nullptr;
    char msg[160];
    snprintf(msg, sizeof msg,
             "ukp: strict capture: host system call %s (%ld) is not in the host layer's list; stopping\n",
             name ? name : "?", nr);
    say(msg);
    gate(SYS_exit_group, 128 + SIGSYS);
    __builtin_unreachable();
}

// What the child of ukp_capture_clone restores (offsets used there): it
// sits at (newsp - 256) & ~15, below the red zone of the new stack.
struct CloneBlock {
    std::uint64_t rip, rbx, rbp, r12, r13, r14, r15, rdi, rsi, rdx, r8, r9, r10;
    std::uint64_t capture;  // 1: the child captures itself (CLONE_SETTLS)
    std::uint64_t gate_start, gate_len;
};
static_assert(sizeof(CloneBlock) == 128);

// clone(2) of a thread, from application code (glibc's own threads, or the
// app's raw clone): the child must resume at the app's instruction with
// the app's registers, not in the gate. 0 when this is not such a clone.
// The kernel writes the signal frame below the interrupted stack pointer,
// where ASan's shadow may still describe frames that are gone (at -O0 it
// reported reads of the saved registers as a stack overflow): the handler
// marks the frame addressable before it reads it.
#if defined(__SANITIZE_ADDRESS__)
void signal_frame_is_addressable(const siginfo_t* info, const void* context) {
    __asan_unpoison_memory_region(info, sizeof *info);
    __asan_unpoison_memory_region(context, sizeof(ucontext_t));
}
#else
void signal_frame_is_addressable(const siginfo_t*, const void*) {}
#endif

// The clone block goes on the new thread's stack, whose shadow is not ours.
#define UKP_WRITES_FOREIGN_STACK __attribute__((no_sanitize("address")))

UKP_WRITES_FOREIGN_STACK bool clone_thread(greg_t* g) {
    constexpr unsigned long kThread = 0x10000, kVm = 0x100, kSetTls = 0x80000;
    auto flags = static_cast<unsigned long>(g[REG_RDI]);
    auto newsp = static_cast<std::uintptr_t>(g[REG_RSI]);
    if (!(flags & kThread) || !(flags & kVm)) return false;
    if (newsp == 0) {
        g[REG_RAX] = -EINVAL;  // the child would share the handler's stack
        return true;
    }
    auto* b = reinterpret_cast<CloneBlock*>((newsp - 256) & ~std::uintptr_t{15});
    auto u = [&](int r) { return static_cast<std::uint64_t>(g[r]); };
    *b = CloneBlock{u(REG_RIP), u(REG_RBX), u(REG_RBP), u(REG_R12), u(REG_R13), u(REG_R14), u(REG_R15),
                    u(REG_RDI), u(REG_RSI), u(REG_RDX), u(REG_R8),  u(REG_R9),  u(REG_R10),
                    (flags & kSetTls) ? 1u : 0u,
                    reinterpret_cast<std::uintptr_t>(ukp_capture_gate_start),
                    static_cast<std::uint64_t>(ukp_capture_gate_end - ukp_capture_gate_start)};
    g[REG_RAX] = ukp_capture_clone(flags, newsp, u(REG_RDX), u(REG_R10), u(REG_R8));
    return true;
}

// rt_sigprocmask from application code: the mask that matters is the one
// rt_sigreturn will restore when this handler returns (uc_sigmask), not
// the handler's own. SIGSYS (and SIGKILL, SIGSTOP) cannot be blocked.
std::int64_t sigprocmask_in(ucontext_t* uc, const greg_t* g) {
    auto how = static_cast<int>(g[REG_RDI]);
    auto* set = reinterpret_cast<const void*>(g[REG_RSI]);
    auto* oset = reinterpret_cast<void*>(g[REG_RDX]);
    if (g[REG_R10] != 8) return -EINVAL;
    std::uint64_t cur, want = 0;
    memcpy(&cur, &uc->uc_sigmask, sizeof cur);
    if (set && !mem_copy_from_app(&want, set, sizeof want)) return -EFAULT;
    std::uint64_t next = cur;
    if (set) {
        if (how == SIG_BLOCK) next = cur | want;
        else if (how == SIG_UNBLOCK) next = cur & ~want;
        else if (how == SIG_SETMASK) next = want;
        else return -EINVAL;
    }
    constexpr auto bit = [](int sig) { return std::uint64_t{1} << (sig - 1); };
    next &= ~(bit(SIGSYS) | bit(SIGKILL) | bit(SIGSTOP));
    if (oset && !mem_copy_to_app(oset, &cur, sizeof cur)) return -EFAULT;
    memcpy(&uc->uc_sigmask, &next, sizeof next);
    return 0;
}

void on_sigsys(int, siginfo_t* info, void* context) {
    signal_frame_is_addressable(info, context);
    unsigned char saved = detail::capture_selector;
    detail::capture_selector = detail::kCaptureAllow;
    int saved_errno = errno;
    if (info->si_code == SYS_SECCOMP) strict_violation(info->si_syscall);
    if (info->si_code != SYS_USER_DISPATCH) {  // a SIGSYS someone sent: not ours to serve
        detail::capture_selector = saved;
        return;
    }
    greg_t* g = static_cast<ucontext_t*>(context)->uc_mcontext.gregs;
    long nr = info->si_syscall;
    auto pc = static_cast<std::uintptr_t>(g[REG_RIP]);
    if (nr == SYS_rt_sigreturn) {
        // Back to the application's restorer's frame, from the gate.
        g[REG_RIP] = reinterpret_cast<greg_t>(&ukp_capture_sigreturn);
    } else if (nr == SYS_clone && clone_thread(g)) {
        // served
    } else if (nr == SYS_rt_sigprocmask) {
        g[REG_RAX] = static_cast<greg_t>(sigprocmask_in(static_cast<ucontext_t*>(context), g));
    } else {
        const std::uint64_t args[6] = {
            static_cast<std::uint64_t>(g[REG_RDI]), static_cast<std::uint64_t>(g[REG_RSI]),
            static_cast<std::uint64_t>(g[REG_RDX]), static_cast<std::uint64_t>(g[REG_R10]),
            static_cast<std::uint64_t>(g[REG_R8]),  static_cast<std::uint64_t>(g[REG_R9])};
        std::int64_t r = (pc >= g_loader_lo && pc < g_loader_hi) ? syscall_host(nr, args) : g_handler(nr, args);
        g[REG_RAX] = static_cast<greg_t>(r);
    }
    errno = saved_errno;
    detail::capture_selector = saved;
}

struct KernelSigaction {
    void* handler;
    unsigned long flags;
    void* restorer;
    std::uint64_t mask;
};
constexpr unsigned long kSaRestorer = 0x04000000;

int install_sigsys() {
    KernelSigaction act{};
    act.handler = reinterpret_cast<void*>(&on_sigsys);
    act.flags = SA_SIGINFO | SA_NODEFER | kSaRestorer;
    act.restorer = reinterpret_cast<void*>(&ukp_capture_sigreturn);
    long rc = gate(SYS_rt_sigaction, SIGSYS, reinterpret_cast<unsigned long>(&act), 0, sizeof act.mask);
    return static_cast<int>(rc);
}

}  // namespace

CaptureMode capture_mode() { return g_mode; }

int capture_start(CaptureMode mode, SyscallHandler handler, const char* (*namer)(long)) {
    if (mode == CaptureMode::off) return 0;
    g_handler = handler;
    g_namer = namer;
    find_loader();
    if (int rc = install_sigsys(); rc < 0) return rc;
    // Probe: an old kernel says EINVAL, and nothing is captured.
    if (prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 0, 0, 0) != 0) return -errno;
    if (mode == CaptureMode::strict)
        if (int rc = install_strict_filter(); rc < 0) return rc;
    g_mode = mode;
    capture_thread();
    return 0;
}

void capture_thread() {
    if (g_mode == CaptureMode::off) return;
    detail::capture_selector = detail::kCaptureAllow;
    auto start = reinterpret_cast<std::uintptr_t>(ukp_capture_gate_start);
    auto len = reinterpret_cast<std::uintptr_t>(ukp_capture_gate_end) - start;
    prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, start, len, &detail::capture_selector);
}

void capture_leave_kernel() {
    if (g_mode != CaptureMode::off) detail::capture_selector = detail::kCaptureBlock;
}

std::int64_t syscall_host(long nr, const std::uint64_t (&a)[6]) {
    return ukp_capture_syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

int signal_action_raw(int sig, const void* k_act_p, void* k_old_p) {
    if (sig == SIGSYS && g_mode != CaptureMode::off) return -EINVAL;  // the capture's own
    const auto* k_act = static_cast<const KernelSigaction*>(k_act_p);
    struct sigaction act {}, old {};
    if (k_act) {
        act.sa_handler = reinterpret_cast<void (*)(int)>(k_act->handler);
        act.sa_flags = static_cast<int>(k_act->flags & ~kSaRestorer);
        memcpy(&act.sa_mask, &k_act->mask, sizeof k_act->mask);
    }
    bool fault = sig == SIGSEGV || sig == SIGBUS;
    int rc = fault ? fault_signal_action(sig, k_act ? &act : nullptr, &old)
                   : signal_action(sig, k_act ? &act : nullptr, &old);
    if (rc < 0) return rc;
    if (auto* k_old = static_cast<KernelSigaction*>(k_old_p)) {
        k_old->handler = reinterpret_cast<void*>(old.sa_handler);
        k_old->flags = static_cast<unsigned long>(static_cast<unsigned>(old.sa_flags));
        k_old->restorer = reinterpret_cast<void*>(old.sa_restorer);
        memcpy(&k_old->mask, &old.sa_mask, sizeof k_old->mask);
    }
    return 0;
}

}  // namespace ukp::host
