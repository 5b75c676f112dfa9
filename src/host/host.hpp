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
// Likewise /proc/self/stat and /proc/self/statm: the process's CPU times and
// memory are the host's (redis reads its RSS from stat).
std::ptrdiff_t self_stat(char* buf, std::size_t cap);
std::ptrdiff_t self_statm(char* buf, std::size_t cap);
// And /proc/self/cmdline and /proc/self/environ: the arguments and the
// environment the process started with (sanitizer runtimes read their
// options there with raw system calls, which the kernel then serves).
std::ptrdiff_t self_cmdline(char* buf, std::size_t cap);
std::ptrdiff_t self_environ(char* buf, std::size_t cap);
// And /proc/self/status and /proc/self/limits (the kernel corrects what it
// owns: its credentials, its RLIMIT_NOFILE).
std::ptrdiff_t self_status(char* buf, std::size_t cap);
std::ptrdiff_t self_limits(char* buf, std::size_t cap);
// The machine's /proc/uptime, /proc/loadavg, /proc/stat and /proc/vmstat:
// its uptime, load, CPU and paging counters, which the kernel does not keep. Like self_maps; -ENOENT
// on a host without them.
std::ptrdiff_t machine_uptime(char* buf, std::size_t cap);
std::ptrdiff_t machine_loadavg(char* buf, std::size_t cap);
std::ptrdiff_t machine_stat(char* buf, std::size_t cap);
std::ptrdiff_t machine_vmstat(char* buf, std::size_t cap);
// The host's uname(2) strings, which the kernel's uname (host-served)
// returns too. Copied NUL-terminated, cut to cap (cap > 0).
enum class UtsField { nodename, release, version, machine };
void uts_field(UtsField field, char* buf, std::size_t cap);
// The host path of this process's executable (/proc/self/exe's target):
// its length (at most cap bytes written, no NUL) or -errno.
std::ptrdiff_t self_exe(char* buf, std::size_t cap);
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
// A host file for log output of its own (the trace: UKP_TRACE=FILE),
// opened for appending outside the kernel's fd table, so the application
// can neither see nor close it. Returns a log handle >= 0, or -errno.
int log_open(const char* host_path);
// log_write to a handle from log_open.
void log_write_to(int log, const char* text, std::size_t n);
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

// ---- network devices: the user-mode network (libslirp), TAP devices ----------------
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
// An existing host TAP device, `name` (made by root with `ip tuntap add dev
// NAME mode tap user UID`; opening it needs no privilege then): frames go to
// and from the host's own stack or bridge. A host thread receives them and
// calls the sink. Returns 0, or -ENOENT/-EPERM/-EBUSY... as TUNSETIFF says,
// -ENOSYS on a host without TAP devices; *out is set on success only.
int net_tap_open(const char* name, NetSink sink, void* ctx, NetDevice** out);
// For either kind of device:
// Hands one frame from the kernel to the device; never blocks on the
// network (the device drops what it cannot take, as a NIC with a full ring
// does). May call the sink.
void net_send(NetDevice*, const void* frame, std::size_t len);
// Stops the device's thread, closes its host resources, frees the device.
void net_close(NetDevice*);

// ---- host sockets: the `host` network kind (UKP_NET=host) ----------------------
// The application's AF_INET/AF_INET6 sockets as host sockets. Linux
// vocabulary throughout: Linux sockaddr layouts (family first, 16 bits, no
// sa_len), Linux SOCK_/MSG_/SOL_/SO_ numbers, negative Linux errno. A host
// socket is always non-blocking and close-on-exec on the host: the kernel
// waits for readiness itself (sock_watch), so that blocking, timeouts and
// signals follow the kernel's rules. Buffers are kernel memory (the kernel
// copies application memory in and out), so no call here can fault.
// `handle` is the host's descriptor; -ENOSYS where the host has none.
int sock_open(int domain, int type, int protocol);
// Unregisters the watch first: once this returns, the watch function is not
// running and will not run again for this handle.
void sock_close(int handle);
int sock_bind(int handle, const void* addr, std::uint32_t len);
// -EINPROGRESS while the handshake runs (the socket is non-blocking).
int sock_connect(int handle, const void* addr, std::uint32_t len);
int sock_listen(int handle, int backlog);
// A new handle (non-blocking, close-on-exec) or -errno; the peer's address
// goes to addr/ *len (in: room, out: full length) when addr is non-null.
int sock_accept(int handle, void* addr, std::uint32_t* len);
// One sendmsg/recvmsg of host-socket data from/to kernel buffers. `flags`
// are MSG_* (MSG_DONTWAIT and MSG_NOSIGNAL are always added: the kernel
// raises SIGPIPE itself). For recv, *addr_len and *control_len are room in,
// length out, and *out_flags receives msg_flags. Bytes or -errno.
struct SockIo {
    void* data;
    std::size_t len;
    void* addr;                 // null: none
    std::uint32_t addr_len;
    void* control;              // null: none
    std::size_t control_len;
    int out_flags;
};
std::ptrdiff_t sock_sendmsg(int handle, SockIo& io, int flags);
std::ptrdiff_t sock_recvmsg(int handle, SockIo& io, int flags);
int sock_shutdown(int handle, int how);
int sock_getsockname(int handle, void* addr, std::uint32_t* len);
int sock_getpeername(int handle, void* addr, std::uint32_t* len);
int sock_setsockopt(int handle, int level, int name, const void* val, std::uint32_t len);
// *len: room in, length out.
int sock_getsockopt(int handle, int level, int name, void* val, std::uint32_t* len);
// Integer-valued ioctls (FIONREAD, SIOCOUTQ, SIOCATMARK): 0 or -errno.
int sock_ioctl(int handle, unsigned long request, int* out);
// Current readiness as Linux POLL* bits (a zero-timeout poll; no waiting).
std::uint32_t sock_poll(int handle);
// Readiness changes: fn(ctx, lx_events) runs on the host's watcher thread
// (edge-triggered: once per change, e.g. per arrival) whenever the socket may
// have become readable, writable, or hung up. fn must not block nor call
// sock_close. One watch per handle. 0 or -errno.
using SockWatchFn = void (*)(void* ctx, std::uint32_t lx_events);
int sock_watch(int handle, SockWatchFn fn, void* ctx);
// The host's resolver configuration (the text of its /etc/resolv.conf), for
// the kernel's own /etc/resolv.conf under `host`, where the user network's
// DNS server (10.0.2.3) does not exist. Writes up to cap bytes; returns the
// full length (if known) or -errno.
std::ptrdiff_t sock_resolv_conf(char* buf, std::size_t cap);

// ---- host files: host directories mounted into the kernel (hostfs) -------------
// A FileHandle names one host file, directory or symlink. Only
// file_open_root takes a host path; every other call takes a handle and at
// most one name component (never empty, ".", ".." or containing '/': those
// are -EINVAL). The kernel's VFS resolves paths, symlinks and ".." itself, so
// the host never walks a path and a volume cannot be left through it; on
// Linux each component is opened with openat2(RESOLVE_BENEATH |
// RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS), elsewhere with
// openat(O_NOFOLLOW). Handles from lookups are references (O_PATH on Linux):
// they pin the node, and file_open makes a handle for I/O from one. Calls
// block on host I/O like a local disk does (no submit/complete yet): callers
// hold no kernel lock but the open file's own offset lock. Errors are
// -Linux errno; ids and modes are the host's, in Linux numbering.
using FileHandle = std::intptr_t;
struct FileTime {
    std::int64_t sec;
    std::int64_t nsec;
};
struct FileStat {
    std::uint64_t dev, ino;
    std::uint32_t mode, nlink, uid, gid;
    std::uint64_t rdev;
    std::int64_t size, blocks;  // blocks: 512-byte units
    std::uint32_t blksize;
    FileTime atime, mtime, ctime;
};
struct FileStatfs {
    std::int64_t type, bsize, frsize, namelen;
    std::uint64_t blocks, bfree, bavail, files, ffree;
};
// Opens the host directory at absolute `path` (symlinks in it followed: the
// user named it). -ENOTDIR, -ENOENT, -EACCES.
int file_open_root(const char* path, FileHandle* out, FileStat* st);
// The node `name` in directory `dir`, not following a final symlink.
int file_lookup(FileHandle dir, const char* name, FileHandle* out, FileStat* st);
// The attributes of `name` in `dir` without opening it (a symlink's own).
int file_stat_at(FileHandle dir, const char* name, FileStat* st);
// Creates `name` in `dir` with `mode` (type and permission bits: regular,
// directory, fifo or socket; -EPERM for devices), -EEXIST if taken; returns
// its reference handle like file_lookup.
int file_create(FileHandle dir, const char* name, std::uint32_t mode, FileHandle* out, FileStat* st);
int file_symlink(FileHandle dir, const char* name, const char* target, FileHandle* out, FileStat* st);
// A handle for I/O on the node `node` refers to: lx_flags' access mode,
// O_APPEND, O_DIRECTORY, O_SYNC/O_DSYNC, O_NOATIME. The host checks access.
int file_open(FileHandle node, int lx_flags, FileHandle* out);
void file_close(FileHandle h);
int file_stat(FileHandle h, FileStat* st);
int file_statfs(FileHandle h, FileStatfs* st);
// pread/pwrite on an I/O handle; bytes or -errno.
std::ptrdiff_t file_read(FileHandle io, void* buf, std::size_t n, std::int64_t off);
std::ptrdiff_t file_write(FileHandle io, const void* buf, std::size_t n, std::int64_t off);
int file_truncate(FileHandle node, std::int64_t size);
int file_sync(FileHandle io);
// fallocate(2) mode 0 or FALLOC_FL_KEEP_SIZE (keep_size) on a writable I/O
// handle; -EOPNOTSUPP where the host file system cannot.
int file_allocate(FileHandle io, std::int64_t off, std::int64_t len, bool keep_size);
// Directory entries of the I/O handle `dir` from *cookie on (0: the start),
// as Linux getdents64 records (d_off is each entry's successor cookie);
// bytes written, 0 at the end, -EINVAL when buf holds no entry.
std::ptrdiff_t file_readdir(FileHandle dir, std::uint64_t cookie, void* buf, std::size_t cap);
// unlinkat; is_dir: rmdir's semantics.
int file_unlink(FileHandle dir, const char* name, bool is_dir);
// renameat2 with LX_RENAME_NOREPLACE / LX_RENAME_EXCHANGE flag values.
int file_rename(FileHandle old_dir, const char* old_name, FileHandle new_dir, const char* new_name,
                unsigned lx_flags);
// The symlink's target; its length (truncated to cap) or -errno.
std::ptrdiff_t file_readlink(FileHandle link, char* buf, std::size_t cap);
// A new name in `dir` for the node `node` refers to (not a directory).
int file_link(FileHandle node, FileHandle dir, const char* name);
// chmod/chown/utimensat on the node; fields selected by `mask`. Times with
// nsec == LX_UTIME_NOW ((1<<30)-1) mean now.
struct FileSetAttr {
    enum : std::uint32_t { kMode = 1, kUid = 2, kGid = 4, kAtime = 8, kMtime = 16 };
    std::uint32_t mask;
    std::uint32_t mode, uid, gid;
    FileTime atime, mtime;
};
int file_setattr(FileHandle node, const FileSetAttr& attr);
// mmap(2) of the I/O handle `io` at file offset `off` (page aligned): Linux
// PROT_* and MAP_* values (MAP_SHARED or MAP_PRIVATE, MAP_FIXED to replace
// the placeholder the kernel reserved at addr, MAP_POPULATE, ...). The host
// owns the pages: MAP_SHARED is coherent with file_read/file_write through
// its page cache, mem_sync writes it back, an access past EOF is the host's
// SIGBUS. A shared writable mapping needs a read-write handle (else
// -EACCES). The address, or -errno (-ENODEV: this host cannot map files).
std::intptr_t file_map(FileHandle io, void* addr, std::size_t len, int prot, int flags, std::int64_t off);

// ---- host file images: read-only byte ranges of host files (imagefs) ----------
// Maps [offset, offset+size) of the host file at `path` read-only and
// private (the host's page cache serves it: nothing is copied up front).
// The offset need not be page aligned. *out gets the range's first byte.
// 0, or -errno: the host's open/mmap errors, -EINVAL for size 0 or a range
// past the end of the file. The mapping stays until file_unmap_readonly.
// (A host file truncated under the mapping faults on access: images are
// files nobody rewrites, such as the running program's own binary.) With
// `io`, the file stays open there for file_map (close it with file_close).
int file_map_readonly(const char* path, std::uint64_t offset, std::uint64_t size, const void** out,
                      FileHandle* io = nullptr);
// Undoes file_map_readonly (the same pointer and size).
void file_unmap_readonly(const void* p, std::uint64_t size);

// ---- raw system call capture (Linux: Syscall User Dispatch) ---------------------
// libc reaches the system without going through libukp's exported names
// (stdio, the resolver, syscall(), inline `syscall`). With capture on, every
// system call made by application code on a captured thread raises SIGSYS
// and is served by `handler` (the kernel's raw-syscall table) instead. A
// thread-local selector says whose code runs: ALLOW while ukp's own code
// (kernel, host layer, the libc functions they call) runs, BLOCK while the
// application's does. Exports open a KernelEntry; the signal wrapper flips
// it around application handlers. Threads start uncaptured (Linux does not
// carry the setting over clone): capture_thread() captures the calling one.
enum class CaptureMode : std::uint8_t { off, trap, strict };
using SyscallHandler = std::int64_t (*)(long nr, const std::uint64_t (&args)[6]);
// Installs the SIGSYS handler, (strict) the seccomp filter, and captures the
// calling thread. The caller is ukp code: the selector stays ALLOW until
// capture_leave_kernel(). 0, or -errno (-ENOSYS where the host cannot).
// `namer` names a call number for messages (strict's violation).
int capture_start(CaptureMode mode, SyscallHandler handler, const char* (*namer)(long));
CaptureMode capture_mode();
// Captures the calling thread (an application thread about to run app code).
void capture_thread();
// The selector's value for application code, after capture_start's caller
// is done: from here the calling thread's app syscalls are captured.
void capture_leave_kernel();
// Executes a system call on the host as is (for the table's host-served
// calls): raw result or -errno.
std::int64_t syscall_host(long nr, const std::uint64_t (&args)[6]);
// rt_sigaction with Linux's kernel layout (struct k_sigaction: handler,
// flags, restorer, 64-bit mask), both in kernel memory, given to
// signal_action / fault_signal_action. 0 or -errno.
int signal_action_raw(int sig, const void* k_act, void* k_old);
namespace detail {
inline constexpr unsigned char kCaptureAllow = 0, kCaptureBlock = 1;
extern constinit thread_local unsigned char capture_selector
    __attribute__((tls_model("initial-exec")));
}
// ukp code runs while one lives: the thread's own system calls go straight
// to the host. Nests; restores what was there.
class KernelEntry {
public:
    KernelEntry() : saved_(detail::capture_selector) { detail::capture_selector = detail::kCaptureAllow; }
    ~KernelEntry() { detail::capture_selector = saved_; }
    KernelEntry(const KernelEntry&) = delete;
    KernelEntry& operator=(const KernelEntry&) = delete;

private:
    unsigned char saved_;
};
// The opposite, inside ukp's code: an application callback runs (scandir's
// filter, nftw's function, qsort's comparison), so its raw calls are
// captured again. Harmless on threads without capture.
class AppCall {
public:
    AppCall() : saved_(detail::capture_selector) { detail::capture_selector = detail::kCaptureBlock; }
    ~AppCall() { detail::capture_selector = saved_; }
    AppCall(const AppCall&) = delete;
    AppCall& operator=(const AppCall&) = delete;

private:
    unsigned char saved_;
};

}  // namespace ukp::host
