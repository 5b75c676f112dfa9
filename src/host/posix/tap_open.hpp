// Opening an existing TAP device, shared by both hosts' net_tap.cpp.
#pragma once

#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <cstring>

#include "libc.hpp"

namespace ukp::host {

// Attaches to the TAP device `name` without IFF_TUN_EXCL semantics: the
// device must exist (TUNSETIFF would create it only with CAP_NET_ADMIN,
// which the app does not have; as root it would make a fresh one, so the
// name is checked first). Returns the fd or -errno.
inline int tap_open(const char* name, bool nonblocking) {
    std::size_t len = std::strlen(name);
    if (len == 0 || len >= IFNAMSIZ) return -EINVAL;
    if (libc::get().if_nametoindex(name) == 0) return -ENODEV;
    // EBUSY: another process has the device, or had it: a process that
    // used it through io_uring releases it only when its ring's teardown,
    // which Linux finishes asynchronously after the exit, has run. A
    // moment's wait covers the latter.
    for (int tries = 0;; ++tries) {
        int fd = libc::get().open("/dev/net/tun", O_RDWR | O_CLOEXEC | (nonblocking ? O_NONBLOCK : 0));
        if (fd < 0) return -errno;
        ifreq ifr{};
        std::memcpy(ifr.ifr_name, name, len);
        ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
        if (libc::get().ioctl(fd, TUNSETIFF, &ifr) == 0) return fd;
        int e = errno;
        libc::get().close(fd);
        if (e != EBUSY || tries == 100) return -e;
        (void)libc::get().poll(nullptr, 0, 10);  // 10 ms, up to a second in all
    }
}

}  // namespace ukp::host
