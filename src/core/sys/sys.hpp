// The kernel's system calls: Linux x86-64 semantics, application pointers
// in, Result out. The posix layer and (later) the raw-syscall table call
// these; every argument comes straight from the application and is checked
// here (unknown flags first, then the fd, then the object).
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/abi/linux.hpp"
#include "core/base/result.hpp"

namespace ukp::sys {

using mode_t = std::uint32_t;

// ---- open and close (sys_open.cpp) ----
Result<int> openat(int dirfd, const char* path, int flags, mode_t mode);
Result<int> close(int fd);

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
// prlimit64 for the calling process. The kernel owns RLIMIT_NOFILE (its fd
// table); other resources are the host's and give ENOSYS here.
Result<void> prlimit64(int resource, const lx_rlimit* new_limit, lx_rlimit* old_limit);

// ---- copying between files inside the kernel (sys_copy.cpp) ----
// With a null offset pointer the file position is used (and advanced);
// otherwise *offset is, and is updated instead of the position.
Result<std::size_t> sendfile(int out_fd, int in_fd, std::int64_t* offset, std::size_t count);
Result<std::size_t> copy_file_range(int in_fd, std::int64_t* in_off, int out_fd, std::int64_t* out_off,
                                    std::size_t len, unsigned flags);

// ---- pipes and FIFOs (sys_pipe.cpp) ----
// (end of pipes and FIFOs)

// ---- AF_UNIX sockets (sys_socket.cpp) ----
// (end of AF_UNIX sockets)

// ---- poll, select, epoll, eventfd (sys_poll.cpp, sys_epoll.cpp, sys_eventfd.cpp) ----
// (end of poll, select, epoll, eventfd)

// ---- file locks (sys_lock.cpp) ----
// (end of file locks)

// ---- mapping kernel files (sys_mmap.cpp) ----
// (end of mapping kernel files)

// ---- time, timers, signals (sys_time.cpp, sys_timerfd.cpp, sys_signal.cpp) ----
// (end of time, timers, signals)

}  // namespace ukp::sys
