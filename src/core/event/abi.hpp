// Linux x86-64 ABI of poll(2), select(2), epoll(7) and eventfd(2): the
// constants and structures the event syscalls take from the application.
#pragma once

#include <cstdint>

#include "core/abi/linux.hpp"

namespace ukp {

struct lx_pollfd {
    std::int32_t fd;
    std::int16_t events;
    std::int16_t revents;
};

struct lx_timeval {
    std::int64_t tv_sec;
    std::int64_t tv_usec;
};

// select's fd_set: 1024 bits as longs.
inline constexpr int LX_FD_SETSIZE = 1024;

// epoll(7)
inline constexpr int LX_EPOLL_CTL_ADD = 1, LX_EPOLL_CTL_DEL = 2, LX_EPOLL_CTL_MOD = 3;
inline constexpr int LX_EPOLL_CLOEXEC = LX_O_CLOEXEC;
inline constexpr std::uint32_t LX_EPOLLIN = 0x001, LX_EPOLLPRI = 0x002, LX_EPOLLOUT = 0x004;
inline constexpr std::uint32_t LX_EPOLLERR = 0x008, LX_EPOLLHUP = 0x010, LX_EPOLLRDHUP = 0x2000;
inline constexpr std::uint32_t LX_EPOLLEXCLUSIVE = 1u << 28, LX_EPOLLWAKEUP = 1u << 29;
inline constexpr std::uint32_t LX_EPOLLONESHOT = 1u << 30, LX_EPOLLET = 1u << 31;

// x86-64 packs it: 12 bytes, data at offset 4.
struct __attribute__((packed)) lx_epoll_event {
    std::uint32_t events;
    std::uint64_t data;
};
static_assert(sizeof(lx_epoll_event) == 12);

// eventfd(2)
inline constexpr int LX_EFD_SEMAPHORE = 1, LX_EFD_CLOEXEC = LX_O_CLOEXEC, LX_EFD_NONBLOCK = LX_O_NONBLOCK;

// The signal mask the *pwait calls take: 64 bits, signal n is bit n-1.
inline constexpr std::size_t LX_SIGSET_SIZE = 8;

}  // namespace ukp
