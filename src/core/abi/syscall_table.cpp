#include "core/abi/syscall_table.hpp"

#include <array>
#include <atomic>

#include "core/abi/errno.hpp"
#include "core/abi/syscall_numbers.hpp"
#include "core/abi/trace.hpp"
#include "core/base/log.hpp"
#include "core/base/uaccess.hpp"
#include "core/sys/sys.hpp"
#include "host/host.hpp"

namespace ukp::abi {
namespace {

using U64 = std::uint64_t;
using I64 = std::int64_t;

// A Result as the raw syscall returns it. A restart that reached this far
// is EINTR to the application, as in the posix layer (a captured call
// cannot be restarted from here).
I64 neg(Errno e) { return -static_cast<I64>(e == LX_ERESTARTSYS ? LX_EINTR : e); }
template <typename T>
I64 raw(const Result<T>& r) {
    return r.ok() ? static_cast<I64>(r.value()) : neg(r.error());
}
inline I64 raw(const Result<void>& r) { return r.ok() ? 0 : neg(r.error()); }
template <typename T>
I64 plain(T v) {
    return static_cast<I64>(v);
}

template <typename T = void>
T* P(U64 v) {
    return reinterpret_cast<T*>(static_cast<std::uintptr_t>(v));
}
constexpr int I(U64 v) { return static_cast<int>(v); }
constexpr unsigned U(U64 v) { return static_cast<unsigned>(v); }
constexpr std::int64_t S(U64 v) { return static_cast<std::int64_t>(v); }
const char* C(U64 v) { return P<const char>(v); }

I64 host_call(long nr, const U64* a) {
    const U64 args[6] = {a[0], a[1], a[2], a[3], a[4], a[5]};
    return host::syscall_host(nr, args);
}

// ---- calls that need more than one line ----

constexpr int kSigsys = 31;
constexpr U64 kSigsysBit = U64{1} << (kSigsys - 1);

// The application may not block SIGSYS: with it blocked, the next captured
// call would kill the process. Linux's own SIGKILL/SIGSTOP rule, extended.
I64 sigmask_call(long nr, const U64* a, int set_arg) {
    U64 args[6] = {a[0], a[1], a[2], a[3], a[4], a[5]};
    U64 set = 0;
    if (a[set_arg]) {
        if (a[set_arg + (nr == NR_rt_sigprocmask ? 2 : 1)] != sizeof set) return -LX_EINVAL;
        if (!copy_in(set, P(a[set_arg])).ok()) return -LX_EFAULT;
        set &= ~kSigsysBit;
        args[set_arg] = reinterpret_cast<std::uintptr_t>(&set);
    }
    return host::syscall_host(nr, args);
}

// struct k_sigaction as rt_sigaction(2) takes it on x86-64.
struct KSigaction {
    U64 handler;
    U64 flags;
    U64 restorer;
    U64 mask;
};

I64 rt_sigaction(const U64* a) {
    int sig = I(a[0]);
    if (a[3] != sizeof(U64)) return -LX_EINVAL;
    KSigaction act{}, old{};
    if (a[1] && !copy_in(act, P(a[1])).ok()) return -LX_EFAULT;
    int rc = host::signal_action_raw(sig, a[1] ? &act : nullptr, a[2] ? &old : nullptr);
    if (rc < 0) return rc;
    if (a[2] && !copy_out(P(a[2]), old).ok()) return -LX_EFAULT;
    return 0;
}

// Threads are the host's, but a new thread starts from the caller's
// registers, which only the capture has: it serves clone(CLONE_THREAD)
// itself and never calls this. Processes are not provided yet.
I64 not_provided(long nr, const char* name);
I64 clone(const U64*) { return not_provided(NR_clone, "clone (a new process)"); }

// prctl: the app must not undo its own capture.
constexpr int kPrSetSyscallUserDispatch = 59;
I64 prctl(const U64* a) {
    if (I(a[0]) == kPrSetSyscallUserDispatch) return -LX_EPERM;
    return host_call(NR_prctl, a);
}

// Resource limits: the kernel owns RLIMIT_NOFILE (its fd table), the host
// the others.
bool own_pid(U64 pid) { return pid == 0 || I(pid) == sys::getpid(); }
I64 prlimit64(const U64* a) {
    if (I(a[1]) != LX_RLIMIT_NOFILE || !own_pid(a[0])) return host_call(NR_prlimit64, a);
    return raw(sys::prlimit64(I(a[1]), P<const lx_rlimit>(a[2]), P<lx_rlimit>(a[3])));
}
I64 getrlimit(const U64* a) {
    if (I(a[0]) != LX_RLIMIT_NOFILE) return host_call(NR_getrlimit, a);
    return raw(sys::prlimit64(I(a[0]), nullptr, P<lx_rlimit>(a[1])));
}
I64 setrlimit(const U64* a) {
    if (I(a[0]) != LX_RLIMIT_NOFILE) return host_call(NR_setrlimit, a);
    return raw(sys::prlimit64(I(a[0]), P<const lx_rlimit>(a[1]), nullptr));
}

// Changing credentials: the kernel's ids are fixed at boot (config uid,
// gid). Setting what is already there succeeds; anything else is EPERM,
// what an unprivileged process gets. (-1 keeps an id, as Linux.)
bool same_id(U64 v, std::uint32_t cur) { return static_cast<std::uint32_t>(v) == cur || static_cast<int>(v) == -1; }
I64 set_ids(const U64* a, int n, std::uint32_t real, std::uint32_t eff) {
    for (int i = 0; i < n; ++i)
        if (!same_id(a[i], i == 0 ? real : eff) && !same_id(a[i], real) && !same_id(a[i], eff)) return -LX_EPERM;
    return 0;
}

// getresuid/getresgid: real, effective and saved ids (saved = effective).
I64 three_ids(const U64* a, std::uint32_t r, std::uint32_t e) {
    for (int i = 0; i < 3; ++i) {
        std::uint32_t v = i == 0 ? r : e;
        if (!copy_out(P(a[i]), v).ok()) return -LX_EFAULT;
    }
    return 0;
}

// ---- the table ----

using A = Arg;
constexpr Arg _ = Arg::none;
#define K(...) [](const U64* a) -> I64 { (void)a; return raw(__VA_ARGS__); }
#define KP(...) [](const U64* a) -> I64 { (void)a; return plain(__VA_ARGS__); }
#define H(n) [](const U64* a) -> I64 { return host_call(NR_##n, a); }
#define N(n) [](const U64*) -> I64 { return not_provided(NR_##n, #n); }
#define E(n, serve, k0, k1, k2, k3, k4, k5, fn) \
    SyscallEntry { NR_##n, #n, Serve::serve, {k0, k1, k2, k3, k4, k5}, fn }
#define KE(n, k0, k1, k2, k3, k4, k5, ...) E(n, kernel, k0, k1, k2, k3, k4, k5, K(__VA_ARGS__))
#define HE(n, k0, k1, k2, k3, k4, k5) E(n, host, k0, k1, k2, k3, k4, k5, H(n))
#define NE(n) E(n, none, _, _, _, _, _, _, N(n))

constexpr SyscallEntry kTable[] = {
    // files and descriptors
    KE(read, A::fd, A::ptr, A::size, _, _, _, sys::read(I(a[0]), P(a[1]), a[2])),
    KE(write, A::fd, A::ptr, A::size, _, _, _, sys::write(I(a[0]), P<const void>(a[1]), a[2])),
    KE(open, A::path, A::oflags, A::mode, _, _, _, sys::openat(LX_AT_FDCWD, C(a[0]), I(a[1]), U(a[2]))),
    KE(openat, A::fd, A::path, A::oflags, A::mode, _, _, sys::openat(I(a[0]), C(a[1]), I(a[2]), U(a[3]))),
    KE(creat, A::path, A::mode, _, _, _, _,
       sys::openat(LX_AT_FDCWD, C(a[0]), LX_O_CREAT | LX_O_WRONLY | LX_O_TRUNC, U(a[1]))),
    KE(close, A::fd, _, _, _, _, _, sys::close(I(a[0]))),
    KE(close_range, A::fd, A::fd, A::hex, _, _, _, sys::close_range(U(a[0]), U(a[1]), U(a[2]))),
    KE(memfd_create, A::path, A::hex, _, _, _, _, sys::memfd_create(P<const char>(a[0]), U(a[1]))),
    KE(stat, A::path, A::ptr, _, _, _, _, sys::newfstatat(LX_AT_FDCWD, C(a[0]), P<lx_stat>(a[1]), 0)),
    KE(lstat, A::path, A::ptr, _, _, _, _,
       sys::newfstatat(LX_AT_FDCWD, C(a[0]), P<lx_stat>(a[1]), LX_AT_SYMLINK_NOFOLLOW)),
    KE(fstat, A::fd, A::ptr, _, _, _, _, sys::fstat(I(a[0]), P<lx_stat>(a[1]))),
    KE(newfstatat, A::fd, A::path, A::ptr, A::hex, _, _,
       sys::newfstatat(I(a[0]), C(a[1]), P<lx_stat>(a[2]), I(a[3]))),
    KE(statx, A::fd, A::path, A::hex, A::hex, A::ptr, _,
       sys::statx(I(a[0]), C(a[1]), I(a[2]), U(a[3]), P<lx_statx>(a[4]))),
    KE(statfs, A::path, A::ptr, _, _, _, _, sys::statfs(C(a[0]), P<lx_statfs>(a[1]))),
    KE(fstatfs, A::fd, A::ptr, _, _, _, _, sys::fstatfs(I(a[0]), P<lx_statfs>(a[1]))),
    KE(lseek, A::fd, A::num, A::num, _, _, _, sys::lseek(I(a[0]), S(a[1]), I(a[2]))),
    KE(pread64, A::fd, A::ptr, A::size, A::num, _, _, sys::pread64(I(a[0]), P(a[1]), a[2], S(a[3]))),
    KE(pwrite64, A::fd, A::ptr, A::size, A::num, _, _,
       sys::pwrite64(I(a[0]), P<const void>(a[1]), a[2], S(a[3]))),
    KE(readv, A::fd, A::ptr, A::num, _, _, _, sys::readv(I(a[0]), P<const lx_iovec>(a[1]), I(a[2]))),
    KE(writev, A::fd, A::ptr, A::num, _, _, _, sys::writev(I(a[0]), P<const lx_iovec>(a[1]), I(a[2]))),
    KE(preadv, A::fd, A::ptr, A::num, A::num, _, _,
       sys::preadv2(I(a[0]), P<const lx_iovec>(a[1]), I(a[2]), S(a[3]), 0)),
    KE(pwritev, A::fd, A::ptr, A::num, A::num, _, _,
       sys::pwritev2(I(a[0]), P<const lx_iovec>(a[1]), I(a[2]), S(a[3]), 0)),
    KE(preadv2, A::fd, A::ptr, A::num, A::num, A::num, A::hex,
       sys::preadv2(I(a[0]), P<const lx_iovec>(a[1]), I(a[2]), S(a[3]), I(a[5]))),
    KE(pwritev2, A::fd, A::ptr, A::num, A::num, A::num, A::hex,
       sys::pwritev2(I(a[0]), P<const lx_iovec>(a[1]), I(a[2]), S(a[3]), I(a[5]))),
    KE(fsync, A::fd, _, _, _, _, _, sys::fsync(I(a[0]))),
    KE(fdatasync, A::fd, _, _, _, _, _, sys::fdatasync(I(a[0]))),
    E(sync, kernel, _, _, _, _, _, _, [](const U64*) -> I64 { return raw(sys::sync()); }),
    E(fadvise64, kernel, A::fd, A::num, A::size, A::num, _, _,
      [](const U64* a) -> I64 {
          auto r = sys::fcntl(I(a[0]), LX_F_GETFD, 0);  // advice only: check the fd
          return r.ok() ? 0 : neg(r.error());
      }),
    KE(getdents64, A::fd, A::ptr, A::size, _, _, _, sys::getdents64(I(a[0]), P(a[1]), a[2])),
    KE(dup, A::fd, _, _, _, _, _, sys::dup(I(a[0]))),
    KE(dup2, A::fd, A::fd, _, _, _, _, sys::dup2(I(a[0]), I(a[1]))),
    KE(dup3, A::fd, A::fd, A::oflags, _, _, _, sys::dup3(I(a[0]), I(a[1]), I(a[2]))),
    KE(fcntl, A::fd, A::num, A::hex, _, _, _, sys::fcntl(I(a[0]), I(a[1]), a[2])),
    KE(ioctl, A::fd, A::hex, A::ptr, _, _, _, sys::ioctl(I(a[0]), a[1], P(a[2]))),
    KE(flock, A::fd, A::num, _, _, _, _, sys::flock(I(a[0]), I(a[1]))),
    KE(truncate, A::path, A::num, _, _, _, _, sys::truncate(C(a[0]), S(a[1]))),
    KE(ftruncate, A::fd, A::num, _, _, _, _, sys::ftruncate(I(a[0]), S(a[1]))),
    KE(fallocate, A::fd, A::num, A::num, A::num, _, _, sys::fallocate(I(a[0]), I(a[1]), S(a[2]), S(a[3]))),
    KE(sendfile, A::fd, A::fd, A::ptr, A::size, _, _,
       sys::sendfile(I(a[0]), I(a[1]), P<std::int64_t>(a[2]), a[3])),
    KE(copy_file_range, A::fd, A::ptr, A::fd, A::ptr, A::size, A::hex,
       sys::copy_file_range(I(a[0]), P<std::int64_t>(a[1]), I(a[2]), P<std::int64_t>(a[3]), a[4], U(a[5]))),
    // names
    KE(mkdir, A::path, A::mode, _, _, _, _, sys::mkdirat(LX_AT_FDCWD, C(a[0]), U(a[1]))),
    KE(mkdirat, A::fd, A::path, A::mode, _, _, _, sys::mkdirat(I(a[0]), C(a[1]), U(a[2]))),
    KE(mknod, A::path, A::mode, A::hex, _, _, _, sys::mknodat(LX_AT_FDCWD, C(a[0]), U(a[1]), a[2])),
    KE(mknodat, A::fd, A::path, A::mode, A::hex, _, _, sys::mknodat(I(a[0]), C(a[1]), U(a[2]), a[3])),
    KE(rmdir, A::path, _, _, _, _, _, sys::unlinkat(LX_AT_FDCWD, C(a[0]), LX_AT_REMOVEDIR)),
    KE(unlink, A::path, _, _, _, _, _, sys::unlinkat(LX_AT_FDCWD, C(a[0]), 0)),
    KE(unlinkat, A::fd, A::path, A::hex, _, _, _, sys::unlinkat(I(a[0]), C(a[1]), I(a[2]))),
    KE(rename, A::path, A::path, _, _, _, _, sys::renameat2(LX_AT_FDCWD, C(a[0]), LX_AT_FDCWD, C(a[1]), 0)),
    KE(renameat, A::fd, A::path, A::fd, A::path, _, _, sys::renameat2(I(a[0]), C(a[1]), I(a[2]), C(a[3]), 0)),
    KE(renameat2, A::fd, A::path, A::fd, A::path, A::hex, _,
       sys::renameat2(I(a[0]), C(a[1]), I(a[2]), C(a[3]), U(a[4]))),
    KE(link, A::path, A::path, _, _, _, _, sys::linkat(LX_AT_FDCWD, C(a[0]), LX_AT_FDCWD, C(a[1]), 0)),
    KE(linkat, A::fd, A::path, A::fd, A::path, A::hex, _, sys::linkat(I(a[0]), C(a[1]), I(a[2]), C(a[3]), I(a[4]))),
    KE(symlink, A::path, A::path, _, _, _, _, sys::symlinkat(C(a[0]), LX_AT_FDCWD, C(a[1]))),
    KE(symlinkat, A::path, A::fd, A::path, _, _, _, sys::symlinkat(C(a[0]), I(a[1]), C(a[2]))),
    KE(readlink, A::path, A::ptr, A::size, _, _, _, sys::readlinkat(LX_AT_FDCWD, C(a[0]), P<char>(a[1]), a[2])),
    KE(readlinkat, A::fd, A::path, A::ptr, A::size, _, _, sys::readlinkat(I(a[0]), C(a[1]), P<char>(a[2]), a[3])),
    // attributes
    KE(access, A::path, A::num, _, _, _, _, sys::faccessat2(LX_AT_FDCWD, C(a[0]), I(a[1]), 0)),
    KE(faccessat, A::fd, A::path, A::num, _, _, _, sys::faccessat2(I(a[0]), C(a[1]), I(a[2]), 0)),
    KE(faccessat2, A::fd, A::path, A::num, A::hex, _, _, sys::faccessat2(I(a[0]), C(a[1]), I(a[2]), I(a[3]))),
    KE(chmod, A::path, A::mode, _, _, _, _, sys::fchmodat(LX_AT_FDCWD, C(a[0]), U(a[1]), 0)),
    KE(fchmod, A::fd, A::mode, _, _, _, _, sys::fchmod(I(a[0]), U(a[1]))),
    KE(fchmodat, A::fd, A::path, A::mode, _, _, _, sys::fchmodat(I(a[0]), C(a[1]), U(a[2]), 0)),
    KE(chown, A::path, A::num, A::num, _, _, _, sys::fchownat(LX_AT_FDCWD, C(a[0]), U(a[1]), U(a[2]), 0)),
    KE(lchown, A::path, A::num, A::num, _, _, _,
       sys::fchownat(LX_AT_FDCWD, C(a[0]), U(a[1]), U(a[2]), LX_AT_SYMLINK_NOFOLLOW)),
    KE(fchown, A::fd, A::num, A::num, _, _, _, sys::fchown(I(a[0]), U(a[1]), U(a[2]))),
    KE(fchownat, A::fd, A::path, A::num, A::num, A::hex, _, sys::fchownat(I(a[0]), C(a[1]), U(a[2]), U(a[3]), I(a[4]))),
    // Extended attributes: the kernel's file systems have none yet.
#define XATTR(n, k0) E(n, kernel, k0, A::ptr, A::ptr, A::size, _, _, [](const U64*) -> I64 { return -LX_EOPNOTSUPP; })
    XATTR(setxattr, A::path), XATTR(lsetxattr, A::path), XATTR(fsetxattr, A::fd),
    XATTR(getxattr, A::path), XATTR(lgetxattr, A::path), XATTR(fgetxattr, A::fd),
    XATTR(listxattr, A::path), XATTR(llistxattr, A::path), XATTR(flistxattr, A::fd),
    XATTR(removexattr, A::path), XATTR(lremovexattr, A::path), XATTR(fremovexattr, A::fd),
#undef XATTR
    KE(utimensat, A::fd, A::path, A::ptr, A::hex, _, _,
       sys::utimensat(I(a[0]), C(a[1]), P<const lx_timespec>(a[2]), I(a[3]))),
    // process file-system state
    KE(getcwd, A::ptr, A::size, _, _, _, _, sys::getcwd(P<char>(a[0]), a[1])),
    KE(chdir, A::path, _, _, _, _, _, sys::chdir(C(a[0]))),
    KE(fchdir, A::fd, _, _, _, _, _, sys::fchdir(I(a[0]))),
    KE(chroot, A::path, _, _, _, _, _, sys::chroot(C(a[0]))),
    E(umask, kernel, A::mode, _, _, _, _, _, KP(sys::umask(U(a[0])))),
    // ids
    E(getpid, kernel, _, _, _, _, _, _, KP(sys::getpid())),
    E(getppid, kernel, _, _, _, _, _, _, KP(sys::getppid())),
    E(getuid, kernel, _, _, _, _, _, _, KP(sys::getuid())),
    E(geteuid, kernel, _, _, _, _, _, _, KP(sys::geteuid())),
    E(getgid, kernel, _, _, _, _, _, _, KP(sys::getgid())),
    E(getegid, kernel, _, _, _, _, _, _, KP(sys::getegid())),
    E(getresuid, kernel, A::ptr, A::ptr, A::ptr, _, _, _,
      [](const U64* a) -> I64 { return three_ids(a, sys::getuid(), sys::geteuid()); }),
    E(getresgid, kernel, A::ptr, A::ptr, A::ptr, _, _, _,
      [](const U64* a) -> I64 { return three_ids(a, sys::getgid(), sys::getegid()); }),
    KE(getgroups, A::num, A::ptr, _, _, _, _, sys::getgroups(I(a[0]), P<std::uint32_t>(a[1]))),
    KE(capget, A::ptr, A::ptr, _, _, _, _, sys::capget(P<void>(a[0]), P<void>(a[1]))),
    E(setuid, kernel, A::num, _, _, _, _, _,
      [](const U64* a) -> I64 { return set_ids(a, 1, sys::getuid(), sys::geteuid()); }),
    E(setgid, kernel, A::num, _, _, _, _, _,
      [](const U64* a) -> I64 { return set_ids(a, 1, sys::getgid(), sys::getegid()); }),
    E(setreuid, kernel, A::num, A::num, _, _, _, _,
      [](const U64* a) -> I64 { return set_ids(a, 2, sys::getuid(), sys::geteuid()); }),
    E(setregid, kernel, A::num, A::num, _, _, _, _,
      [](const U64* a) -> I64 { return set_ids(a, 2, sys::getgid(), sys::getegid()); }),
    E(setresuid, kernel, A::num, A::num, A::num, _, _, _,
      [](const U64* a) -> I64 { return set_ids(a, 3, sys::getuid(), sys::geteuid()); }),
    E(setresgid, kernel, A::num, A::num, A::num, _, _, _,
      [](const U64* a) -> I64 { return set_ids(a, 3, sys::getgid(), sys::getegid()); }),
    E(prlimit64, kernel, A::num, A::num, A::ptr, A::ptr, _, _, prlimit64),
    E(getrlimit, kernel, A::num, A::ptr, _, _, _, _, getrlimit),
    E(setrlimit, kernel, A::num, A::ptr, _, _, _, _, setrlimit),
    KE(syslog, A::num, A::ptr, A::num, _, _, _, sys::syslog(I(a[0]), P<char>(a[1]), I(a[2]))),
    KE(get_mempolicy, A::ptr, A::ptr, A::num, A::hex, A::hex, _,
       sys::get_mempolicy(P<int>(a[0]), P<std::uint64_t>(a[1]), a[2], a[3], a[4])),
    KE(set_mempolicy, A::num, A::ptr, A::num, _, _, _,
       sys::set_mempolicy(I(a[0]), P<const std::uint64_t>(a[1]), a[2])),
    // pipes, sockets
    E(pipe, kernel, A::ptr, _, _, _, _, _, K(sys::pipe2(P<int>(a[0]), 0))),
    KE(pipe2, A::ptr, A::oflags, _, _, _, _, sys::pipe2(P<int>(a[0]), I(a[1]))),
    KE(socket, A::family, A::socktype, A::num, _, _, _, sys::socket(I(a[0]), I(a[1]), I(a[2]))),
    KE(socketpair, A::family, A::socktype, A::num, A::ptr, _, _,
       sys::socketpair(I(a[0]), I(a[1]), I(a[2]), P<int>(a[3]))),
    KE(bind, A::fd, A::sockaddr, A::size, _, _, _, sys::bind(I(a[0]), P<const void>(a[1]), U(a[2]))),
    KE(connect, A::fd, A::sockaddr, A::size, _, _, _, sys::connect(I(a[0]), P<const void>(a[1]), U(a[2]))),
    KE(listen, A::fd, A::num, _, _, _, _, sys::listen(I(a[0]), I(a[1]))),
    KE(accept, A::fd, A::ptr, A::ptr, _, _, _, sys::accept4(I(a[0]), P(a[1]), P<std::uint32_t>(a[2]), 0)),
    KE(accept4, A::fd, A::ptr, A::ptr, A::hex, _, _,
       sys::accept4(I(a[0]), P(a[1]), P<std::uint32_t>(a[2]), I(a[3]))),
    KE(sendto, A::fd, A::ptr, A::size, A::hex, A::sockaddr, A::size,
       sys::sendto(I(a[0]), P<const void>(a[1]), a[2], I(a[3]), P<const void>(a[4]), U(a[5]))),
    KE(recvfrom, A::fd, A::ptr, A::size, A::hex, A::ptr, A::ptr,
       sys::recvfrom(I(a[0]), P(a[1]), a[2], I(a[3]), P(a[4]), P<std::uint32_t>(a[5]))),
    KE(sendmsg, A::fd, A::ptr, A::hex, _, _, _, sys::sendmsg(I(a[0]), P<const void>(a[1]), I(a[2]))),
    KE(recvmsg, A::fd, A::ptr, A::hex, _, _, _, sys::recvmsg(I(a[0]), P(a[1]), I(a[2]))),
    KE(sendmmsg, A::fd, A::ptr, A::num, A::hex, _, _, sys::sendmmsg(I(a[0]), P(a[1]), U(a[2]), I(a[3]))),
    KE(recvmmsg, A::fd, A::ptr, A::num, A::hex, A::ptr, _,
       sys::recvmmsg(I(a[0]), P(a[1]), U(a[2]), I(a[3]), P<const void>(a[4]))),
    KE(shutdown, A::fd, A::num, _, _, _, _, sys::shutdown(I(a[0]), I(a[1]))),
    KE(getsockname, A::fd, A::ptr, A::ptr, _, _, _, sys::getsockname(I(a[0]), P(a[1]), P<std::uint32_t>(a[2]))),
    KE(getpeername, A::fd, A::ptr, A::ptr, _, _, _, sys::getpeername(I(a[0]), P(a[1]), P<std::uint32_t>(a[2]))),
    KE(getsockopt, A::fd, A::num, A::num, A::ptr, A::ptr, _,
       sys::getsockopt(I(a[0]), I(a[1]), I(a[2]), P(a[3]), P<std::uint32_t>(a[4]))),
    KE(setsockopt, A::fd, A::num, A::num, A::ptr, A::size, _,
       sys::setsockopt(I(a[0]), I(a[1]), I(a[2]), P<const void>(a[3]), U(a[4]))),
    // waiting for many
    KE(poll, A::ptr, A::size, A::num, _, _, _, sys::poll(P(a[0]), a[1], I(a[2]))),
    KE(ppoll, A::ptr, A::size, A::ptr, A::ptr, A::size, _,
       sys::ppoll(P(a[0]), a[1], P<const lx_timespec>(a[2]), P<const void>(a[3]), a[4])),
    KE(select, A::num, A::ptr, A::ptr, A::ptr, A::ptr, _, sys::select(I(a[0]), P(a[1]), P(a[2]), P(a[3]), P(a[4]))),
    KE(pselect6, A::num, A::ptr, A::ptr, A::ptr, A::ptr, A::ptr,
       sys::pselect6(I(a[0]), P(a[1]), P(a[2]), P(a[3]), P<lx_timespec>(a[4]), P<const void>(a[5]))),
    KE(epoll_create, A::num, _, _, _, _, _, sys::epoll_create(I(a[0]))),
    KE(epoll_create1, A::hex, _, _, _, _, _, sys::epoll_create1(I(a[0]))),
    KE(epoll_ctl, A::fd, A::num, A::fd, A::ptr, _, _, sys::epoll_ctl(I(a[0]), I(a[1]), I(a[2]), P<const void>(a[3]))),
    KE(epoll_wait, A::fd, A::ptr, A::num, A::num, _, _, sys::epoll_wait(I(a[0]), P(a[1]), I(a[2]), I(a[3]))),
    KE(epoll_pwait, A::fd, A::ptr, A::num, A::num, A::ptr, A::size,
       sys::epoll_pwait(I(a[0]), P(a[1]), I(a[2]), I(a[3]), P<const void>(a[4]), a[5])),
    KE(epoll_pwait2, A::fd, A::ptr, A::num, A::ptr, A::ptr, A::size,
       sys::epoll_pwait2(I(a[0]), P(a[1]), I(a[2]), P<const lx_timespec>(a[3]), P<const void>(a[4]), a[5])),
    KE(eventfd, A::num, _, _, _, _, _, sys::eventfd2(U(a[0]), 0)),
    KE(eventfd2, A::num, A::hex, _, _, _, _, sys::eventfd2(U(a[0]), I(a[1]))),
    // mappings: the kernel's (files) and the host's (anonymous memory)
    KE(mmap, A::hex, A::size, A::hex, A::hex, A::fd, A::num,
       sys::mmap(a[0], a[1], I(a[2]), I(a[3]), I(a[4]), S(a[5]))),
    KE(munmap, A::hex, A::size, _, _, _, _, sys::munmap(a[0], a[1])),
    KE(mremap, A::hex, A::size, A::size, A::hex, A::hex, _, sys::mremap(a[0], a[1], a[2], I(a[3]), a[4])),
    KE(mprotect, A::hex, A::size, A::hex, _, _, _, sys::mprotect(a[0], a[1], I(a[2]))),
    KE(msync, A::hex, A::size, A::hex, _, _, _, sys::msync(a[0], a[1], I(a[2]))),
    KE(madvise, A::hex, A::size, A::num, _, _, _, sys::madvise(a[0], a[1], I(a[2]))),
    HE(brk, A::hex, _, _, _, _, _),
    HE(mincore, A::hex, A::size, A::ptr, _, _, _),
    HE(mlock, A::hex, A::size, _, _, _, _),
    HE(munlock, A::hex, A::size, _, _, _, _),
    HE(mlockall, A::hex, _, _, _, _, _),
    HE(munlockall, _, _, _, _, _, _),
    HE(membarrier, A::num, A::hex, A::num, _, _, _),
    // time, timers, signals
    KE(nanosleep, A::ptr, A::ptr, _, _, _, _, sys::nanosleep(P<const lx_timespec>(a[0]), P<lx_timespec>(a[1]))),
    KE(clock_nanosleep, A::num, A::hex, A::ptr, A::ptr, _, _,
       sys::clock_nanosleep(I(a[0]), I(a[1]), P<const lx_timespec>(a[2]), P<lx_timespec>(a[3]))),
    KE(setitimer, A::num, A::ptr, A::ptr, _, _, _,
       sys::setitimer(I(a[0]), P<const lx_itimerval>(a[1]), P<lx_itimerval>(a[2]))),
    KE(getitimer, A::num, A::ptr, _, _, _, _, sys::getitimer(I(a[0]), P<lx_itimerval>(a[1]))),
    KE(alarm, A::num, _, _, _, _, _, sys::alarm(U(a[0]))),
    KE(timer_create, A::num, A::ptr, A::ptr, _, _, _,
       sys::timer_create(I(a[0]), P<const lx_sigevent>(a[1]), P<int>(a[2]))),
    KE(timer_settime, A::num, A::hex, A::ptr, A::ptr, _, _,
       sys::timer_settime(I(a[0]), I(a[1]), P<const lx_itimerspec>(a[2]), P<lx_itimerspec>(a[3]))),
    KE(timer_gettime, A::num, A::ptr, _, _, _, _, sys::timer_gettime(I(a[0]), P<lx_itimerspec>(a[1]))),
    KE(timer_getoverrun, A::num, _, _, _, _, _, sys::timer_getoverrun(I(a[0]))),
    KE(timer_delete, A::num, _, _, _, _, _, sys::timer_delete(I(a[0]))),
    KE(timerfd_create, A::num, A::hex, _, _, _, _, sys::timerfd_create(I(a[0]), I(a[1]))),
    KE(timerfd_settime, A::fd, A::hex, A::ptr, A::ptr, _, _,
       sys::timerfd_settime(I(a[0]), I(a[1]), P<const lx_itimerspec>(a[2]), P<lx_itimerspec>(a[3]))),
    KE(timerfd_gettime, A::fd, A::ptr, _, _, _, _, sys::timerfd_gettime(I(a[0]), P<lx_itimerspec>(a[1]))),
    KE(signalfd, A::fd, A::ptr, A::size, _, _, _, sys::signalfd4(I(a[0]), P<const std::uint64_t>(a[1]), a[2], 0)),
    KE(signalfd4, A::fd, A::ptr, A::size, A::hex, _, _,
       sys::signalfd4(I(a[0]), P<const std::uint64_t>(a[1]), a[2], I(a[3]))),
    KE(kill, A::num, A::sig, _, _, _, _, sys::kill(I(a[0]), I(a[1]))),
    KE(tgkill, A::num, A::num, A::sig, _, _, _, sys::tgkill(I(a[0]), I(a[1]), I(a[2]))),
    KE(tkill, A::num, A::sig, _, _, _, _, sys::tgkill(sys::getpid(), I(a[0]), I(a[1]))),
    KE(rt_sigqueueinfo, A::num, A::sig, A::ptr, _, _, _,
       sys::rt_sigqueueinfo(I(a[0]), I(a[1]), P<const lx_siginfo>(a[2]))),
    E(rt_sigaction, host, A::sig, A::ptr, A::ptr, A::size, _, _, rt_sigaction),
    E(rt_sigprocmask, host, A::num, A::ptr, A::ptr, A::size, _, _,
      [](const U64* a) -> I64 { return sigmask_call(NR_rt_sigprocmask, a, 1); }),
    E(rt_sigsuspend, host, A::ptr, A::size, _, _, _, _,
      [](const U64* a) -> I64 { return sigmask_call(NR_rt_sigsuspend, a, 0); }),
    HE(rt_sigpending, A::ptr, A::size, _, _, _, _),
    HE(rt_sigtimedwait, A::ptr, A::ptr, A::ptr, A::size, _, _),
    HE(rt_tgsigqueueinfo, A::num, A::num, A::sig, A::ptr, _, _),
    HE(sigaltstack, A::ptr, A::ptr, _, _, _, _),
    HE(pause, _, _, _, _, _, _),
    // rt_sigreturn never gets here: the capture sends it to the host itself.
    HE(rt_sigreturn, _, _, _, _, _, _),
    HE(clock_gettime, A::num, A::ptr, _, _, _, _),
    HE(clock_getres, A::num, A::ptr, _, _, _, _),
    HE(gettimeofday, A::ptr, A::ptr, _, _, _, _),
    HE(time, A::ptr, _, _, _, _, _),
    // the host process's threads and CPU state
    HE(futex, A::ptr, A::num, A::num, A::ptr, A::ptr, A::num),
    HE(gettid, _, _, _, _, _, _),
    HE(set_tid_address, A::ptr, _, _, _, _, _),
    HE(set_robust_list, A::ptr, A::size, _, _, _, _),
    HE(get_robust_list, A::num, A::ptr, A::ptr, _, _, _),
    HE(rseq, A::ptr, A::size, A::hex, A::hex, _, _),
    HE(arch_prctl, A::hex, A::hex, _, _, _, _),
    E(prctl, host, A::num, A::hex, A::hex, A::hex, A::hex, _, prctl),
    HE(exit, A::num, _, _, _, _, _),
    HE(exit_group, A::num, _, _, _, _, _),
    HE(sched_yield, _, _, _, _, _, _),
    HE(sched_getaffinity, A::num, A::size, A::ptr, _, _, _),
    HE(sched_setaffinity, A::num, A::size, A::ptr, _, _, _),
    HE(sched_getparam, A::num, A::ptr, _, _, _, _),
    HE(sched_setparam, A::num, A::ptr, _, _, _, _),
    HE(sched_getscheduler, A::num, _, _, _, _, _),
    HE(sched_setscheduler, A::num, A::num, A::ptr, _, _, _),
    HE(sched_get_priority_max, A::num, _, _, _, _, _),
    HE(sched_get_priority_min, A::num, _, _, _, _, _),
    HE(sched_rr_get_interval, A::num, A::ptr, _, _, _, _),
    HE(getpriority, A::num, A::num, _, _, _, _),
    HE(setpriority, A::num, A::num, A::num, _, _, _),
    HE(getcpu, A::ptr, A::ptr, A::ptr, _, _, _),
    HE(getrandom, A::ptr, A::size, A::hex, _, _, _),
    HE(uname, A::ptr, _, _, _, _, _),
    HE(sysinfo, A::ptr, _, _, _, _, _),
    HE(times, A::ptr, _, _, _, _, _),
    HE(getrusage, A::num, A::ptr, _, _, _, _),
    HE(personality, A::hex, _, _, _, _, _),
    HE(getpgrp, _, _, _, _, _, _),
    HE(setpgid, A::num, A::num, _, _, _, _),
    HE(getpgid, A::num, _, _, _, _, _),
    HE(getsid, A::num, _, _, _, _, _),
    HE(setsid, _, _, _, _, _, _),
    E(clone, host, A::hex, A::ptr, A::ptr, A::ptr, A::hex, _, clone),
    // No child processes: wait has nothing to wait for.
    E(wait4, kernel, A::num, A::ptr, A::hex, A::ptr, _, _, [](const U64*) -> I64 { return -LX_ECHILD; }),
    E(waitid, kernel, A::num, A::num, A::ptr, A::hex, A::ptr, _, [](const U64*) -> I64 { return -LX_ECHILD; }),
    // not provided
    NE(fork),
    NE(vfork),
    NE(execve),
    // glibc tries clone3 first and falls back to clone, which is served.
    E(clone3, none, A::ptr, A::size, _, _, _, _, [](const U64*) -> I64 { return -LX_ENOSYS; }),
};

#undef K
#undef KP
#undef H
#undef N
#undef E
#undef KE
#undef HE
#undef NE

constexpr std::array<const SyscallEntry*, kNrLimit> make_index() {
    std::array<const SyscallEntry*, kNrLimit> index{};
    for (const SyscallEntry& e : kTable) index[static_cast<std::size_t>(e.nr)] = &e;
    return index;
}
constexpr std::array<const SyscallEntry*, kNrLimit> kIndex = make_index();

// One log line per call the table does not serve, the first time.
std::atomic<std::uint64_t> g_reported[kNrLimit / 64 + 1];

bool first_report(long nr) {
    std::size_t i = nr < 0 || nr >= kNrLimit ? kNrLimit : static_cast<std::size_t>(nr);
    std::uint64_t bit = std::uint64_t{1} << (i % 64);
    return !(g_reported[i / 64].fetch_or(bit, std::memory_order_relaxed) & bit);
}

I64 not_provided(long nr, const char* name) {
    if (first_report(nr)) UKP_LOG(warn, "system call {} ({}) is not provided: ENOSYS", name, nr);
    return -LX_ENOSYS;
}

}  // namespace

const SyscallEntry* syscall_entry(long nr) {
    if (nr < 0 || nr >= kNrLimit) return nullptr;
    return kIndex[static_cast<std::size_t>(nr)];
}

const char* syscall_name(long nr) {
    const SyscallEntry* e = syscall_entry(nr);
    return e ? e->name : any_syscall_name(nr);
}

namespace {
std::int64_t serve(long nr, const std::uint64_t (&args)[6]) {
    const SyscallEntry* e = syscall_entry(nr);
    if (__builtin_expect(e == nullptr, 0)) {
        if (first_report(nr)) {
            const char* name = any_syscall_name(nr);
            UKP_LOG(warn, "system call {} ({}) is not implemented: ENOSYS", name ? name : "unknown", nr);
        }
        return -LX_ENOSYS;
    }
    return e->fn(args);
}
}  // namespace

std::int64_t dispatch(long nr, const std::uint64_t (&args)[6]) {
    if (__builtin_expect(!g_trace, 1)) return serve(nr, args);
    if (nr == NR_exit || nr == NR_exit_group) trace_raw(nr, args, kNoReturn, 0);
    std::int64_t t0 = host::clock_monotonic();
    std::int64_t r = serve(nr, args);
    trace_raw(nr, args, r, host::clock_monotonic() - t0);
    return r;
}

}  // namespace ukp::abi
