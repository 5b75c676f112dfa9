// The host contract: everything the kernel needs from the outside world.
//
// The kernel (src/core) calls only what is declared here. One implementation
// per host lives in src/host/<os>/ with the same file names; the build picks
// one. Rules for every call:
//  - Values use ukp's (Linux-numbered) vocabulary; errors are returned as
//    negative Linux errno values, translated once, inside the host layer.
//  - No call blocks while the caller holds a kernel lock, except `wait_on`,
//    which is the one place a thread parks and is called only by the
//    scheduler primitives in core/base with no lock held.
//  - Every call is safe to use from any thread, before and after boot.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ukp::host {

// Bumped whenever a call's meaning changes; checked by the kernel at boot.
inline constexpr std::uint32_t kVersion = 1;
std::uint32_t version();

// Which host this is ("linux", "posix"); shown in /proc and the boot log.
const char* name();

// ---- memory ----------------------------------------------------------------
std::size_t page_size();
// Reserves `size` bytes of address space, readable and writable, zero-filled,
// committed lazily by the host. Backed by a shareable memory object where the
// host has one (memfd, shm_open), so that the same pages can be shown to the
// application (mem_map_kernel) and a later multi-process kernel can map the
// same arena. Returns nullptr on failure.
void* mem_reserve(std::size_t size);
// Gives the range back; contents become zero on next touch. Cannot fail.
void mem_discard(void* addr, std::size_t size);
// Copies n bytes from a pointer the application gave the kernel. Returns false
// (and copies an unspecified prefix) when any byte is unmapped or unreadable,
// instead of crashing: this is how bad pointers become EFAULT.
bool mem_copy_from_app(void* dst, const void* app_src, std::size_t n);
// Same, towards the application (fails on unmapped or read-only memory).
bool mem_copy_to_app(void* app_dst, const void* src, std::size_t n);
// Copies a NUL-terminated string from the application into dst (cap bytes).
// Returns its length, `cap` when no NUL came within cap bytes (dst is then
// not terminated), or -1 when a byte before the NUL is unreadable.
std::ptrdiff_t mem_copy_string_from_app(char* dst, const char* app_src, std::size_t cap);

// ---- the application's mappings (mmap) ------------------------------------------
// prot, flags and advice use Linux's PROT_*, MAP_*, MREMAP_*, MADV_* and MS_*
// values; results are 0 or an address, else a negative Linux errno, as the
// raw syscalls give. The kernel tracks which ranges show its files; these
// calls change only the host's page tables.
//
// Anonymous memory (MAP_ANONYMOUS, /dev/zero), or with PROT_NONE a
// placeholder that reserves a range for mem_map_kernel to fill.
std::intptr_t mem_map_anonymous(void* addr, std::size_t len, int prot, int flags);
// Shows the arena pages [kernel_page, kernel_page+len) (memory from
// mem_reserve) at addr, replacing what was there. shared: stores from either
// side are seen by the other (MAP_SHARED); otherwise private copy-on-write
// pages that show the arena's until first written (MAP_PRIVATE). A null
// kernel_page maps storage whose every access raises SIGBUS, as a file
// mapping past the end of the file does.
int mem_map_kernel(void* addr, const void* kernel_page, std::size_t len, int prot, bool shared);
int mem_unmap(void* addr, std::size_t len);
int mem_protect(void* addr, std::size_t len, int prot);
// mremap(2); new_addr is used with MREMAP_FIXED.
std::intptr_t mem_remap(void* old_addr, std::size_t old_len, std::size_t new_len, int flags,
                        void* new_addr);
int mem_advise(void* addr, std::size_t len, int advice);
int mem_sync(void* addr, std::size_t len, int flags);

// The application's own action for a fault signal (sig is the host's
// SIGSEGV or SIGBUS; act and old_act point to the host's struct sigaction,
// either may be null). The fault recovery above stays installed and runs
// the application's action for faults outside kernel copies, so an app
// with its own SIGSEGV handler keeps both. 0, or -EINVAL for other signals.
int fault_signal_action(int sig, const void* act, void* old_act);

// ---- signals -------------------------------------------------------------------
// Signal numbers here are Linux's; the host maps them to its own.
// Raises `sig` on the calling thread: the application's handler (or the
// default action) has run when this returns, as for a signal Linux sends on
// the way out of a system call (SIGPIPE from a write to a closed pipe).
void signal_thread(int sig);
// Sends `sig` to the whole process (timer expiry: SIGALRM, SIGEV_SIGNAL).
void signal_process(int sig);
// The application's action for every signal but SIGSEGV/SIGBUS (those are
// fault_signal_action's). act and old_act point to the host's struct
// sigaction, either may be null. A handler is installed wrapped: the wrapper
// counts the run (thread_signal_counts), ends the thread's wait_event, then
// calls the application's handler; old_act always shows the application's
// own action. 0, or -errno (-EINVAL for a bad or unchangeable signal).
int signal_action(int sig, const void* act, void* old_act);
// How many of the application's signal handlers have run on the calling
// thread: all of them, and those installed without SA_RESTART. A kernel
// wait compares them before and after to tell EINTR from a restart.
struct SignalCounts {
    std::uint32_t all;
    std::uint32_t no_restart;
};
SignalCounts thread_signal_counts();
// Sends `sig` to host process `pid` (kill's meaning for pid <= 0), or to its thread
// `tid` when tid > 0. `lx_siginfo` (Linux's 128-byte siginfo, may be null)
// sets what the receiver sees; only si_code < 0 (SI_QUEUE, SI_TIMER) may be
// set for this process. 0 or -errno (-ESRCH, -EPERM, -EINVAL).
int signal_send(std::int32_t pid, std::int32_t tid, int sig, const void* lx_siginfo);
// The signals pending for the calling thread (its own and the process's),
// as a Linux set: bit sig-1.
std::uint64_t signal_pending();
// Takes one pending signal of `mask` (Linux set) for the calling thread,
// writing its Linux siginfo (128 bytes). Waits up to timeout_ns (0: not at
// all, <0: forever); ends early with -EINTR when a handler runs. Returns the
// signal number, -EAGAIN when none came, or -EINTR. (signalfd reads)
int signal_take(std::uint64_t mask, void* lx_siginfo, std::int64_t timeout_ns);
// Replaces the calling thread's signal mask with *set (Linux numbering: bit
// n-1 is signal n; SIGKILL and SIGSTOP stay unblocked; null leaves it) and
// stores the previous one in *old if non-null. Signals pending and now
// unblocked are delivered before it returns. 0 or -errno. Used around one
// kernel wait (ppoll, pselect6, epoll_pwait).
int thread_sigmask(const std::uint64_t* set, std::uint64_t* old);

// ---- time ------------------------------------------------------------------
// Nanoseconds. monotonic never goes back; realtime is the wall clock.
std::int64_t clock_monotonic();
std::int64_t clock_realtime();
// The wall clock at the host's tick granularity (a few ms), much cheaper to
// read; what Linux stamps files with, so ukp does the same.
std::int64_t clock_realtime_coarse();

// ---- parking threads ---------------------------------------------------------
// If *addr == expected, parks the calling thread until `wake(addr)` or until
// `timeout_ns` (relative, <0 = forever) passes; may also return spuriously.
// Returns 0, or -ETIMEDOUT. `addr` may be shared between processes.
int wait_on(const std::uint32_t* addr, std::uint32_t expected, std::int64_t timeout_ns);
// wait_on for kernel wait queues, interruptible by the application's signal
// handlers. `event_count` is a word whose waiters re-check their condition
// whenever it moves; a handler that runs on this thread while it is in here
// adds one to it and wakes its waiters, so no signal is missed between the
// check and the park. Returns 0 (woken or spurious), -ETIMEDOUT, or -EINTR
// once thread_signal_counts().all differs from `signals_seen`.
int wait_event(std::uint32_t* event_count, std::uint32_t expected, std::int64_t timeout_ns,
               std::uint32_t signals_seen);
// Wakes up to `count` threads parked on addr. Returns how many woke (if known).
int wake(const std::uint32_t* addr, int count);
// A short pause inside a spin loop (the CPU's pause instruction).
void cpu_relax();
void thread_yield();
// A small, stable number for the calling thread, for logs and lock owners.
std::uint32_t thread_id();
// Starts a kernel service thread running fn(arg), with every signal blocked
// (the application's handlers never run on it). Returns 0 or -errno.
int thread_start(void (*fn)(void*), void* arg);

// ---- the console: the host's standard streams 0, 1 and 2 -----------------------
// Host I/O on the process's own standard streams. Block like the host stream
// does. Return bytes transferred or -errno.
std::ptrdiff_t console_read(int stream, void* buf, std::size_t n);
std::ptrdiff_t console_write(int stream, const void* buf, std::size_t n);
// Whether the stream is a terminal; if so and `termios_out` is non-null,
// copies the host's termios in the Linux kernel layout (36 bytes) there.
// 0 or -ENOTTY.
int console_terminal(int stream, void* termios_out);

// ---- facts about the machine -----------------------------------------------
void random_fill(void* buf, std::size_t n);
int cpu_count();
std::uint64_t memory_total();
// The host's view of this process's memory map (text as /proc/self/maps).
// Writes up to cap bytes; returns the full length or -errno.
std::ptrdiff_t self_maps(char* buf, std::size_t cap);
// The real uid and gid this process runs as on the host.
std::uint32_t user_id();
std::uint32_t group_id();
// The host's id for this process and for its parent; cannot fail.
std::int32_t process_id();
std::int32_t parent_process_id();
// The host's RLIMIT_NOFILE for this process: the kernel starts with the same
// limits, so programs see what they would natively.
void file_limits(std::uint64_t* soft, std::uint64_t* hard);

// ---- logging and failure -----------------------------------------------------
// Writes one already-formatted log line to the host's stderr, bypassing the
// kernel's fd table. Never fails visibly.
void log_write(const char* text, std::size_t n);
// Ends the process now, after printing msg; for broken kernel invariants.
[[noreturn]] void panic(const char* msg);

// ---- the event port: readiness of host handles, host timers ---------------------
// One port per kernel service thread (io_uring on Linux, poll elsewhere).
// `port_wait` blocks only the service thread, which holds no kernel lock.
struct Port;
Port* port_create();
void port_destroy(Port*);
// Waits until port_notify is called or `timeout_ns` passes (<0 = forever).
// Returns 1 if notified, 0 on timeout, -errno on failure.
int port_wait(Port*, std::int64_t timeout_ns);
// Wakes the port's waiter; cheap, safe from any thread, coalesces.
void port_notify(Port*);

// ---- host code: host libraries that call libc names libukp takes over ----------
// libukp exports socket, read, close, poll, ... so that the application's
// calls reach the kernel. Host libraries the host layer runs (libslirp, glib)
// call the same names and must reach the host's libc instead. A thread runs
// "host code" while a HostCodeScope lives on it; the posix layer's exports
// test in_host_code() first (one thread-local read) and pass the call on to
// the host libc. Scopes nest. The host layer opens one around every call
// into such a library and for the whole life of the threads it runs them on;
// callbacks back into the kernel (a frame sink) run inside the scope and must
// therefore not call exported libc names (kernel code never does).
namespace detail {
extern constinit thread_local unsigned host_code_depth
    __attribute__((tls_model("initial-exec")));
}
inline bool in_host_code() { return __builtin_expect(detail::host_code_depth != 0, 0); }
class HostCodeScope {
public:
    HostCodeScope() { ++detail::host_code_depth; }
    ~HostCodeScope() { --detail::host_code_depth; }
    HostCodeScope(const HostCodeScope&) = delete;
    HostCodeScope& operator=(const HostCodeScope&) = delete;
};

// ---- network devices: the user-mode network (libslirp) ----------------------------
// A virtual Ethernet link to a NAT router inside this process: the router
// (10.0.2.2, DNS 10.0.2.3, the kernel's interface is 10.0.2.15/24) turns the
// kernel's TCP/UDP flows into host sockets, and forwards host ports inward.
// Unprivileged. Frames are whole Ethernet frames without the FCS.
struct NetForward {
    bool udp;
    std::uint8_t host_ip[4];  // the host address to listen on, network order
    std::uint16_t host_port;
    std::uint16_t guest_port;  // on 10.0.2.15
};
// Receives each frame for the kernel. Runs on the device's host thread (or
// inside net_send), holding the device's lock: it must copy or drop the frame
// and return at once, without taking kernel locks that are held around
// net_send (the net lock) and without calling net_send.
using NetSink = void (*)(void* ctx, const void* frame, std::size_t len);
struct NetDevice;
// Starts the router with its forwards listening on the host at once, and a
// host thread that moves its traffic. Returns 0, -EADDRINUSE (or another
// -errno) when a forward cannot listen, -ENOSYS when the host has no
// user-mode network; *out is set on success only.
int net_user_open(const NetForward* forwards, std::size_t count, NetSink sink, void* ctx,
                  NetDevice** out);
// Hands one frame from the kernel to the device; never blocks on the
// network (the router drops what it cannot take). May call the sink.
void net_send(NetDevice*, const void* frame, std::size_t len);
// Stops the thread, closes the router's host sockets, frees the device.
void net_close(NetDevice*);

}  // namespace ukp::host
