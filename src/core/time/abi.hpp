// Linux's x86-64 ABI for clocks, timers and signals: what the time and
// signal system calls take from and give to the application.
#pragma once

#include <cstdint>

#include "core/abi/linux.hpp"
#include "core/event/abi.hpp"  // lx_timeval

namespace ukp {

inline constexpr int LX_CLOCK_REALTIME = 0;
inline constexpr int LX_CLOCK_MONOTONIC = 1;
inline constexpr int LX_CLOCK_PROCESS_CPUTIME_ID = 2;
inline constexpr int LX_CLOCK_THREAD_CPUTIME_ID = 3;
inline constexpr int LX_CLOCK_MONOTONIC_RAW = 4;
inline constexpr int LX_CLOCK_REALTIME_COARSE = 5;
inline constexpr int LX_CLOCK_MONOTONIC_COARSE = 6;
inline constexpr int LX_CLOCK_BOOTTIME = 7;
inline constexpr int LX_CLOCK_REALTIME_ALARM = 8;
inline constexpr int LX_CLOCK_BOOTTIME_ALARM = 9;
inline constexpr int LX_CLOCK_TAI = 11;

inline constexpr int LX_TIMER_ABSTIME = 1;
inline constexpr int LX_TFD_TIMER_ABSTIME = 1;
inline constexpr int LX_TFD_TIMER_CANCEL_ON_SET = 2;
inline constexpr int LX_TFD_CLOEXEC = 02000000;
inline constexpr int LX_TFD_NONBLOCK = 04000;
inline constexpr int LX_SFD_CLOEXEC = 02000000;
inline constexpr int LX_SFD_NONBLOCK = 04000;

inline constexpr int LX_ITIMER_REAL = 0;
inline constexpr int LX_ITIMER_VIRTUAL = 1;
inline constexpr int LX_ITIMER_PROF = 2;

inline constexpr int LX_SIGEV_SIGNAL = 0;
inline constexpr int LX_SIGEV_NONE = 1;
inline constexpr int LX_SIGEV_THREAD = 2;
inline constexpr int LX_SIGEV_THREAD_ID = 4;

inline constexpr int LX_SIGKILL = 9;
inline constexpr int LX_SIGPIPE = 13;
inline constexpr int LX_SIGALRM = 14;
inline constexpr int LX_SIGSTOP = 19;
inline constexpr int LX_NSIG = 64;  // signals 1..64

inline constexpr int LX_SI_USER = 0;
inline constexpr int LX_SI_KERNEL = 0x80;
inline constexpr int LX_SI_QUEUE = -1;
inline constexpr int LX_SI_TIMER = -2;
inline constexpr int LX_SI_TKILL = -6;

struct lx_itimerval {
    lx_timeval it_interval;
    lx_timeval it_value;
};
struct lx_itimerspec {
    lx_timespec it_interval;
    lx_timespec it_value;
};

struct lx_sigevent {
    std::uint64_t sigev_value;  // union sigval
    std::int32_t sigev_signo;
    std::int32_t sigev_notify;
    union {
        std::int32_t tid;  // SIGEV_THREAD_ID
        struct {
            void (*function)(std::uint64_t);  // SIGEV_THREAD: void (*)(union sigval)
            void* attribute;
        } thread;
        char pad[48];
    } un;
};
static_assert(sizeof(lx_sigevent) == 64);

// siginfo_t, 128 bytes; the fields the kernel fills in.
struct lx_siginfo {
    std::int32_t si_signo;
    std::int32_t si_errno;
    std::int32_t si_code;
    std::int32_t pad0;
    union {
        struct {  // kill, sigqueue, tkill
            std::int32_t pid;
            std::uint32_t uid;
            std::uint64_t value;
        } kill;
        struct {  // POSIX timers
            std::int32_t tid;
            std::int32_t overrun;
            std::uint64_t value;
        } timer;
        char pad[112];
    } un;
};
static_assert(sizeof(lx_siginfo) == 128);

struct lx_signalfd_siginfo {
    std::uint32_t ssi_signo;
    std::int32_t ssi_errno;
    std::int32_t ssi_code;
    std::uint32_t ssi_pid;
    std::uint32_t ssi_uid;
    std::int32_t ssi_fd;
    std::uint32_t ssi_tid;
    std::uint32_t ssi_band;
    std::uint32_t ssi_overrun;
    std::uint32_t ssi_trapno;
    std::int32_t ssi_status;
    std::int32_t ssi_int;
    std::uint64_t ssi_ptr;
    std::uint64_t ssi_utime;
    std::uint64_t ssi_stime;
    std::uint64_t ssi_addr;
    std::uint16_t ssi_addr_lsb;
    std::uint16_t pad2;
    std::int32_t ssi_syscall;
    std::uint64_t ssi_call_addr;
    std::uint32_t ssi_arch;
    std::uint8_t pad[28];
};
static_assert(sizeof(lx_signalfd_siginfo) == 128);

// Signal sets as the kernel takes them: bit (sig - 1).
inline constexpr std::uint64_t sig_bit(int sig) { return std::uint64_t{1} << (sig - 1); }

}  // namespace ukp
