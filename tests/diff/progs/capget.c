// capget(2): the version handshake, a bad pid, and whether the caller has
// capabilities (root does, others do not; the exact sets are the host's).
#include "common.h"

#include <linux/capability.h>
#include <sys/syscall.h>

int main(void) {
    struct __user_cap_header_struct h = {0x12345, 0};
    struct __user_cap_data_struct d[2];
    T(syscall(SYS_capget, &h, d));
    printf("version offered %x\n", h.version);
    h.version = 0x12345;
    T(syscall(SYS_capget, &h, NULL));
    h.version = _LINUX_CAPABILITY_VERSION_3;
    h.pid = 0;
    memset(d, 0, sizeof d);
    T(syscall(SYS_capget, &h, d));
    printf("uid %d: effective %s, inheritable %x\n", getuid() == 0 ? 0 : 1,
           d[0].effective ? "some" : "none", d[0].inheritable);
    h.pid = getpid();
    T(syscall(SYS_capget, &h, d));
    h.pid = -1;
    T(syscall(SYS_capget, &h, d));
    h.pid = 0x3ffffff;
    T(syscall(SYS_capget, &h, d));
    T(syscall(SYS_capget, NULL, d));
    return 0;
}
