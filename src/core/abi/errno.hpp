// Linux errno numbers, the kernel's only error vocabulary. Prefixed with LX_
// because the host's <errno.h> defines the bare names as macros.
#pragma once

namespace ukp {

enum Errno : int {
    LX_EPERM = 1, LX_ENOENT = 2, LX_ESRCH = 3, LX_EINTR = 4, LX_EIO = 5, LX_ENXIO = 6,
    LX_E2BIG = 7, LX_ENOEXEC = 8, LX_EBADF = 9, LX_ECHILD = 10, LX_EAGAIN = 11,
    LX_ENOMEM = 12, LX_EACCES = 13, LX_EFAULT = 14, LX_ENOTBLK = 15, LX_EBUSY = 16,
    LX_EEXIST = 17, LX_EXDEV = 18, LX_ENODEV = 19, LX_ENOTDIR = 20, LX_EISDIR = 21,
    LX_EINVAL = 22, LX_ENFILE = 23, LX_EMFILE = 24, LX_ENOTTY = 25, LX_ETXTBSY = 26,
    LX_EFBIG = 27, LX_ENOSPC = 28, LX_ESPIPE = 29, LX_EROFS = 30, LX_EMLINK = 31,
    LX_EPIPE = 32, LX_EDOM = 33, LX_ERANGE = 34, LX_EDEADLK = 35, LX_ENAMETOOLONG = 36,
    LX_ENOLCK = 37, LX_ENOSYS = 38, LX_ENOTEMPTY = 39, LX_ELOOP = 40, LX_ENOMSG = 42,
    LX_ENODATA = 61, LX_ETIME = 62, LX_ENOPKG = 65, LX_EOVERFLOW = 75, LX_EBADFD = 77, LX_EILSEQ = 84,
    LX_ENOTSOCK = 88, LX_EDESTADDRREQ = 89, LX_EMSGSIZE = 90, LX_EPROTOTYPE = 91,
    LX_ENOPROTOOPT = 92, LX_EPROTONOSUPPORT = 93, LX_ESOCKTNOSUPPORT = 94,
    LX_EOPNOTSUPP = 95, LX_EPFNOSUPPORT = 96, LX_EAFNOSUPPORT = 97, LX_EADDRINUSE = 98,
    LX_EADDRNOTAVAIL = 99, LX_ENETDOWN = 100, LX_ENETUNREACH = 101, LX_ENETRESET = 102,
    LX_ECONNABORTED = 103, LX_ECONNRESET = 104, LX_ENOBUFS = 105, LX_EISCONN = 106,
    LX_ENOTCONN = 107, LX_ESHUTDOWN = 108, LX_ETIMEDOUT = 110, LX_ECONNREFUSED = 111,
    LX_EHOSTDOWN = 112, LX_EHOSTUNREACH = 113, LX_EALREADY = 114, LX_EINPROGRESS = 115,
    LX_ESTALE = 116, LX_EDQUOT = 122, LX_ECANCELED = 125, LX_EOWNERDEAD = 130,
};
// Kernel-internal, never seen by the application: a wait was ended by signal
// handlers that all asked for SA_RESTART (core/base/wait_queue.hpp).
inline constexpr Errno LX_ERESTARTSYS = static_cast<Errno>(512);
inline constexpr Errno LX_EWOULDBLOCK = LX_EAGAIN;
inline constexpr Errno LX_ENOTSUP = LX_EOPNOTSUPP;

// "ENOENT" for LX_ENOENT; "E<number>" for values without a name here.
const char* errno_name(int e);

}  // namespace ukp
