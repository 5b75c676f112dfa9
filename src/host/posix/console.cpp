// The process's own standard streams, used for kernel fds 0, 1 and 2.
#include <sys/ioctl.h>
#include <termios.h>

#include <cerrno>

#include "../host.hpp"
#include "libc.hpp"

namespace ukp::host {

std::ptrdiff_t console_read(int stream, void* buf, std::size_t n) {
    ssize_t r = libc::get().read(stream, buf, n);
    return r < 0 ? -errno : r;
}

std::ptrdiff_t console_write(int stream, const void* buf, std::size_t n) {
    ssize_t r = libc::get().write(stream, buf, n);
    return r < 0 ? -errno : r;
}

int console_terminal(int stream, void* termios_out) {
#if defined(__linux__)
    // ioctl(TCGETS) fills the kernel's struct termios: the first 36 bytes of
    // glibc's larger one.
    struct termios t;
    if (libc::get().ioctl(stream, TCGETS, &t) != 0) return -ENOTTY;
    if (termios_out) __builtin_memcpy(termios_out, &t, 36);
    return 0;
#else
    struct termios t;
    if (tcgetattr(stream, &t) != 0) return -ENOTTY;
    if (termios_out) __builtin_memset(termios_out, 0, 36);  // filled in by the macOS port
    return 0;
#endif
}

}  // namespace ukp::host
