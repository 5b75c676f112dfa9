// The kernel's system calls: Linux x86-64 semantics, application pointers
// in, Result out. The posix layer and (later) the raw-syscall table call
// these; every argument comes straight from the application and is checked
// here (unknown flags first, then the fd, then the object).
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/abi/linux.hpp"
#include "core/base/result.hpp"
#include "core/time/abi.hpp"

namespace ukp::sys {

using mode_t = std::uint32_t;

// ---- open and close (sys_open.cpp) ----
Result<int> openat(int dirfd, const char* path, int flags, mode_t mode);
Result<int> close(int fd);
// close_range(2): every open fd in [first, last] closed, or marked
// close-on-exec with LX_CLOSE_RANGE_CLOEXEC.
Result<int> close_range(unsigned first, unsigned last, unsigned flags);
// memfd_create(2): LX_MFD_* flags; the file shows as "/memfd:NAME (deleted)".
Result<int> memfd_create(const char* app_name, unsigned flags);

// ---- data (sys_rw.cpp) ----
Result<std::size_t> read(int fd, void* buf, std::size_t n);
Result<std::size_t> write(int fd, const void* buf, std::size_t n);
Result<std::size_t> pread64(int fd, void* buf, std::size_t n, std::int64_t off);
Result<std::size_t> pwrite64(int fd, const void* buf, std::size_t n, std::int64_t off);
Result<std::size_t> readv(int fd, const lx_iovec* iov, int iovcnt);
Result<std::size_t> writev(int fd, const lx_iovec* iov, int iovcnt);
Result<std::size_t> preadv2(int fd, const lx_iovec* iov, int iovcnt, std::int64_t off, int flags);
Result<std::size_t> pwritev2(int fd, const lx_iovec* iov, int iovcnt, std::int64_t off, int flags);
Result<std::int64_t> lseek(int fd, std::int64_t off, int whence);
Result<void> fsync(int fd);
Result<void> fdatasync(int fd);
Result<void> sync();

// ---- metadata (sys_stat.cpp) ----
Result<void> fstat(int fd, lx_stat* out);
Result<void> newfstatat(int dirfd, const char* path, lx_stat* out, int flags);
Result<void> statx(int dirfd, const char* path, int flags, unsigned mask, lx_statx* out);
Result<void> statfs(const char* path, lx_statfs* out);
Result<void> fstatfs(int fd, lx_statfs* out);

// ---- names (sys_namei.cpp) ----
Result<void> mkdirat(int dirfd, const char* path, mode_t mode);
Result<void> mknodat(int dirfd, const char* path, mode_t mode, std::uint64_t dev);
Result<void> unlinkat(int dirfd, const char* path, int flags);
Result<void> renameat2(int olddirfd, const char* oldpath, int newdirfd, const char* newpath,
                       unsigned flags);
Result<void> linkat(int olddirfd, const char* oldpath, int newdirfd, const char* newpath, int flags);
Result<void> symlinkat(const char* target, int newdirfd, const char* linkpath);
Result<std::size_t> readlinkat(int dirfd, const char* path, char* buf, std::size_t size);

// ---- attributes (sys_attr.cpp) ----
Result<void> faccessat2(int dirfd, const char* path, int mode, int flags);
Result<void> fchmodat(int dirfd, const char* path, mode_t mode, int flags);
Result<void> fchmod(int fd, mode_t mode);
Result<void> fchownat(int dirfd, const char* path, std::uint32_t uid, std::uint32_t gid, int flags);
Result<void> fchown(int fd, std::uint32_t uid, std::uint32_t gid);
// times: two timespecs (atime, mtime), or null for "now".
Result<void> utimensat(int dirfd, const char* path, const lx_timespec* times, int flags);
Result<void> truncate(const char* path, std::int64_t length);
Result<void> ftruncate(int fd, std::int64_t length);
// fallocate(2): mode 0 or LX_FALLOC_FL_KEEP_SIZE (others: EOPNOTSUPP).
inline constexpr int LX_FALLOC_FL_KEEP_SIZE = 1;
Result<void> fallocate(int fd, int mode, std::int64_t off, std::int64_t len);

// ---- descriptors (sys_fd.cpp) ----
Result<int> dup(int fd);
Result<int> dup3(int oldfd, int newfd, int flags);
// dup2's rule (same fd: check it is open, return it) lives here too.
Result<int> dup2(int oldfd, int newfd);
Result<long> fcntl(int fd, int cmd, unsigned long arg);
Result<long> ioctl(int fd, unsigned long request, void* arg);

// ---- process file-system state (sys_cwd.cpp) ----
// Returns the length including the NUL, as the Linux syscall does.
Result<std::size_t> getcwd(char* buf, std::size_t size);
Result<void> chdir(const char* path);
Result<void> fchdir(int fd);
Result<void> chroot(const char* path);
mode_t umask(mode_t mask);
Result<std::size_t> getdents64(int fd, void* buf, std::size_t n);

// ---- ids and credentials (sys_proc.cpp) ----
// The host process's ids, captured once; never fail.
std::int32_t getpid();
std::int32_t getppid();
// The kernel's configured credentials (Process::cred()).
std::uint32_t getuid();
std::uint32_t geteuid();
std::uint32_t getgid();
std::uint32_t getegid();
// Supplementary groups: the count when size is 0, EINVAL when size is too small.
Result<int> getgroups(int size, std::uint32_t* list);
// capget(2): uid 0 inside has every capability, anyone else none (no file
// capabilities, no capset yet).
Result<void> capget(void* app_header, void* app_data);
// prlimit64 for the calling process. The kernel owns RLIMIT_NOFILE (its fd
// table); other resources are the host's and give ENOSYS here.
Result<void> prlimit64(int resource, const lx_rlimit* new_limit, lx_rlimit* old_limit);

// ---- the kernel log, memory policy (sys_syslog.cpp, sys_mempolicy.cpp) ----
// syslog(2) (glibc's klogctl) over the kernel log (/proc/ukp/log), in
// Linux's "<level>text" records. READ does not wait: with nothing unread it
// gives 0.
Result<int> syslog(int type, char* app_buf, int len);
// get_mempolicy(2)/set_mempolicy(2) of a one-node machine (node 0). The
// policy is the process's (Linux keeps one per thread).
Result<int> get_mempolicy(int* app_mode, std::uint64_t* app_nodemask, std::uint64_t maxnode, std::uintptr_t addr,
                          std::uint64_t flags);
Result<void> set_mempolicy(int mode, const std::uint64_t* app_nodemask, std::uint64_t maxnode);

// ---- copying between files inside the kernel (sys_copy.cpp) ----
// With a null offset pointer the file position is used (and advanced);
// otherwise *offset is, and is updated instead of the position.
Result<std::size_t> sendfile(int out_fd, int in_fd, std::int64_t* offset, std::size_t count);
Result<std::size_t> copy_file_range(int in_fd, std::int64_t* in_off, int out_fd, std::int64_t* out_off,
                                    std::size_t len, unsigned flags);

// ---- pipes and FIFOs (sys_pipe.cpp) ----
// pipe2: flags LX_O_CLOEXEC, LX_O_NONBLOCK, LX_O_DIRECT (packet mode);
// writes the read end's fd, then the write end's, to app_fds[2].
Result<void> pipe2(int* app_fds, int flags);
// (end of pipes and FIFOs)

// ---- AF_UNIX sockets (sys_socket.cpp) ----
// The socket calls of every family (net::Socket). Addresses are struct
// sockaddr in application memory with their length; msghdr/mmsghdr are
// lx_msghdr/lx_mmsghdr (core/abi/socket.hpp) in application memory.
Result<int> socket(int domain, int type, int protocol);
Result<void> socketpair(int domain, int type, int protocol, int* sv);
Result<void> bind(int fd, const void* addr, std::uint32_t len);
Result<void> connect(int fd, const void* addr, std::uint32_t len);
Result<void> listen(int fd, int backlog);
// accept(2) is accept4 with flags 0.
Result<int> accept4(int fd, void* addr, std::uint32_t* len, int flags);
Result<std::size_t> sendto(int fd, const void* buf, std::size_t n, int flags, const void* addr, std::uint32_t len);
Result<std::size_t> recvfrom(int fd, void* buf, std::size_t n, int flags, void* addr, std::uint32_t* len);
Result<std::size_t> sendmsg(int fd, const void* msg, int flags);
Result<std::size_t> recvmsg(int fd, void* msg, int flags);
Result<int> sendmmsg(int fd, void* vec, unsigned vlen, int flags);
// timeout: an lx_timespec or null.
Result<int> recvmmsg(int fd, void* vec, unsigned vlen, int flags, const void* timeout);
Result<void> shutdown(int fd, int how);
Result<void> getsockname(int fd, void* addr, std::uint32_t* len);
Result<void> getpeername(int fd, void* addr, std::uint32_t* len);
Result<void> getsockopt(int fd, int level, int name, void* val, std::uint32_t* len);
Result<void> setsockopt(int fd, int level, int name, const void* val, std::uint32_t len);
// (end of AF_UNIX sockets)

// ---- poll, select, epoll, eventfd (sys_poll.cpp, sys_epoll.cpp, sys_eventfd.cpp) ----
// Application pointers stay void* until copied: struct pollfd and struct
// epoll_event arrays, fd_sets (longs), struct timeval. Timeouts: ms (< 0 =
// forever), or a timespec/timeval pointer (null = forever). A sigmask is a
// 64-bit Linux signal set put on the calling thread for the wait.
Result<int> poll(void* fds, std::uint64_t nfds, int timeout_ms);
Result<int> ppoll(void* fds, std::uint64_t nfds, const lx_timespec* timeout, const void* sigmask,
                  std::size_t sigsetsize);
// select(2) updates *timeout (a struct timeval) with the time left, as Linux.
Result<int> select(int nfds, void* readfds, void* writefds, void* exceptfds, void* timeout);
// pselect6: also updates *timeout; sig_data points to {const sigset*, size}.
Result<int> pselect6(int nfds, void* readfds, void* writefds, void* exceptfds, lx_timespec* timeout,
                     const void* sig_data);
Result<int> epoll_create(int size);
Result<int> epoll_create1(int flags);
Result<void> epoll_ctl(int epfd, int op, int fd, const void* event);
Result<int> epoll_wait(int epfd, void* events, int maxevents, int timeout_ms);
Result<int> epoll_pwait(int epfd, void* events, int maxevents, int timeout_ms, const void* sigmask,
                        std::size_t sigsetsize);
Result<int> epoll_pwait2(int epfd, void* events, int maxevents, const lx_timespec* timeout,
                         const void* sigmask, std::size_t sigsetsize);
Result<int> eventfd2(unsigned initval, int flags);
// (end of poll, select, epoll, eventfd)

// ---- file locks (sys_lock.cpp) ----
// flock(2): LOCK_SH / LOCK_EX / LOCK_UN, | LOCK_NB not to wait (Linux values).
Result<int> flock(int fd, int op);
// (end of file locks)

// ---- mapping kernel files (sys_mmap.cpp) ----
// Addresses in and out are plain integers: they are never dereferenced here.
// Files of ramfs map their own pages (MAP_SHARED is coherent with read and
// write); MAP_ANONYMOUS and /dev/zero are the host's anonymous memory.
Result<std::uintptr_t> mmap(std::uintptr_t addr, std::size_t len, int prot, int flags, int fd, std::int64_t off);
Result<void> munmap(std::uintptr_t addr, std::size_t len);
Result<std::uintptr_t> mremap(std::uintptr_t old_addr, std::size_t old_len, std::size_t new_len, int flags,
                              std::uintptr_t new_addr);
Result<void> mprotect(std::uintptr_t addr, std::size_t len, int prot);
Result<void> msync(std::uintptr_t addr, std::size_t len, int flags);
Result<void> madvise(std::uintptr_t addr, std::size_t len, int advice);
// (end of mapping kernel files)

// ---- time, timers, signals (sys_time.cpp, sys_timerfd.cpp, sys_signal.cpp) ----
// Sleeps: never restarted; on EINTR a relative sleep writes what was left.
Result<void> nanosleep(const lx_timespec* req, lx_timespec* rem);
Result<void> clock_nanosleep(int clock, int flags, const lx_timespec* req, lx_timespec* rem);
// ITIMER_REAL only (the others are the host's: ENOSYS here).
Result<void> setitimer(int which, const lx_itimerval* value, lx_itimerval* old);
Result<void> getitimer(int which, lx_itimerval* value);
Result<unsigned> alarm(unsigned seconds);
// Timer ids are small ints (the posix layer makes them timer_t).
Result<void> timer_create(int clock, const lx_sigevent* sev, int* id);
Result<void> timer_settime(int id, int flags, const lx_itimerspec* value, lx_itimerspec* old);
Result<void> timer_gettime(int id, lx_itimerspec* value);
Result<int> timer_getoverrun(int id);
Result<void> timer_delete(int id);
Result<int> timerfd_create(int clock, int flags);
Result<void> timerfd_settime(int fd, int flags, const lx_itimerspec* value, lx_itimerspec* old);
Result<void> timerfd_gettime(int fd, lx_itimerspec* value);
// mask: a Linux sigset of `sizemask` (8) bytes; fd -1 makes a new signalfd.
Result<int> signalfd4(int fd, const std::uint64_t* mask, std::size_t sizemask, int flags);
// Sending signals (host processes and threads; pid/tid are the host's).
Result<void> kill(std::int32_t pid, int sig);
Result<void> tgkill(std::int32_t tgid, std::int32_t tid, int sig);
Result<void> rt_sigqueueinfo(std::int32_t pid, int sig, const lx_siginfo* info);
// raise(): the calling thread; the handler has run when it returns.
Result<void> raise(int sig);
// The application sent a signal some other way (pthread_kill): wake
// signalfd watchers.
void signal_sent();
// (end of time, timers, signals)

}  // namespace ukp::sys
