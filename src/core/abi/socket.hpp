// The kernel's socket ABI: Linux x86-64 values and struct layouts for
// socket(2) and friends. Kept apart from linux.hpp because every socket
// family (AF_UNIX here, AF_INET/AF_INET6 over lwIP) and only they need it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/abi/linux.hpp"
#include "core/time/abi.hpp"  // lx_timeval

namespace ukp {

// address families (AF_MAX as of Linux 6.x)
inline constexpr int LX_AF_UNSPEC = 0, LX_AF_UNIX = 1, LX_AF_INET = 2, LX_AF_INET6 = 10;
inline constexpr int LX_AF_NETLINK = 16, LX_AF_PACKET = 17, LX_AF_MAX = 46;

// socket types and the flags socket(2) accepts with them
inline constexpr int LX_SOCK_STREAM = 1, LX_SOCK_DGRAM = 2, LX_SOCK_RAW = 3, LX_SOCK_RDM = 4;
inline constexpr int LX_SOCK_SEQPACKET = 5, LX_SOCK_DCCP = 6, LX_SOCK_PACKET = 10, LX_SOCK_MAX = 11;
inline constexpr int LX_SOCK_TYPE_MASK = 0xf;
inline constexpr int LX_SOCK_NONBLOCK = LX_O_NONBLOCK, LX_SOCK_CLOEXEC = LX_O_CLOEXEC;

// send/recv flags
inline constexpr int LX_MSG_OOB = 0x1, LX_MSG_PEEK = 0x2, LX_MSG_DONTROUTE = 0x4, LX_MSG_CTRUNC = 0x8;
inline constexpr int LX_MSG_TRUNC = 0x20, LX_MSG_DONTWAIT = 0x40, LX_MSG_EOR = 0x80;
inline constexpr int LX_MSG_WAITALL = 0x100, LX_MSG_CONFIRM = 0x800, LX_MSG_ERRQUEUE = 0x2000;
inline constexpr int LX_MSG_NOSIGNAL = 0x4000, LX_MSG_MORE = 0x8000, LX_MSG_WAITFORONE = 0x10000;
inline constexpr int LX_MSG_BATCH = 0x40000, LX_MSG_ZEROCOPY = 0x4000000, LX_MSG_FASTOPEN = 0x20000000;
inline constexpr int LX_MSG_CMSG_CLOEXEC = 0x40000000;

// shutdown(2)
inline constexpr int LX_SHUT_RD = 0, LX_SHUT_WR = 1, LX_SHUT_RDWR = 2;

// socket options
inline constexpr int LX_SOL_SOCKET = 1;
inline constexpr int LX_SO_DEBUG = 1, LX_SO_REUSEADDR = 2, LX_SO_TYPE = 3, LX_SO_ERROR = 4;
inline constexpr int LX_SO_DONTROUTE = 5, LX_SO_BROADCAST = 6, LX_SO_SNDBUF = 7, LX_SO_RCVBUF = 8;
inline constexpr int LX_SO_KEEPALIVE = 9, LX_SO_OOBINLINE = 10, LX_SO_NO_CHECK = 11;
inline constexpr int LX_SO_PRIORITY = 12, LX_SO_LINGER = 13, LX_SO_BSDCOMPAT = 14;
inline constexpr int LX_SO_REUSEPORT = 15, LX_SO_PASSCRED = 16, LX_SO_PEERCRED = 17;
inline constexpr int LX_SO_RCVLOWAT = 18, LX_SO_SNDLOWAT = 19, LX_SO_RCVTIMEO_OLD = 20;
inline constexpr int LX_SO_SNDTIMEO_OLD = 21, LX_SO_ACCEPTCONN = 30, LX_SO_SNDBUFFORCE = 32;
inline constexpr int LX_SO_RCVBUFFORCE = 33, LX_SO_PROTOCOL = 38, LX_SO_DOMAIN = 39;
inline constexpr int LX_SO_RCVTIMEO_NEW = 66, LX_SO_SNDTIMEO_NEW = 67;

// control messages (SOL_SOCKET level)
inline constexpr int LX_SCM_RIGHTS = 1, LX_SCM_CREDENTIALS = 2;
inline constexpr int LX_SCM_MAX_FD = 253;

// ioctl(2) on sockets
inline constexpr unsigned long LX_SIOCINQ = LX_FIONREAD, LX_SIOCOUTQ = 0x5411;

struct lx_sockaddr {
    std::uint16_t sa_family;
    char sa_data[14];
};

inline constexpr std::size_t LX_UNIX_PATH_MAX = 108;
struct lx_sockaddr_un {
    std::uint16_t sun_family;
    char sun_path[LX_UNIX_PATH_MAX];
};
static_assert(sizeof(lx_sockaddr_un) == 110);

inline constexpr std::size_t LX_SOCKADDR_STORAGE = 128;

struct lx_msghdr {
    void* msg_name;
    std::uint32_t msg_namelen;
    std::uint32_t pad0;
    lx_iovec* msg_iov;
    std::uint64_t msg_iovlen;
    void* msg_control;
    std::uint64_t msg_controllen;
    std::int32_t msg_flags;
    std::uint32_t pad1;
};
static_assert(sizeof(lx_msghdr) == 56);

struct lx_mmsghdr {
    lx_msghdr msg_hdr;
    std::uint32_t msg_len;
    std::uint32_t pad;
};
static_assert(sizeof(lx_mmsghdr) == 64);

struct lx_cmsghdr {
    std::uint64_t cmsg_len;
    std::int32_t cmsg_level;
    std::int32_t cmsg_type;
};
static_assert(sizeof(lx_cmsghdr) == 16);
inline constexpr std::size_t lx_cmsg_align(std::size_t n) { return (n + 7) & ~std::size_t{7}; }
inline constexpr std::size_t lx_cmsg_len(std::size_t n) { return sizeof(lx_cmsghdr) + n; }
inline constexpr std::size_t lx_cmsg_space(std::size_t n) { return sizeof(lx_cmsghdr) + lx_cmsg_align(n); }

struct lx_ucred {
    std::int32_t pid;
    std::uint32_t uid;
    std::uint32_t gid;
};

struct lx_linger {
    std::int32_t l_onoff;
    std::int32_t l_linger;
};

}  // namespace ukp
