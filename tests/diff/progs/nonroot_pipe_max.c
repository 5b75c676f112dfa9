// F_SETPIPE_SZ above /proc/sys/fs/pipe-max-size (1 MiB) needs
// CAP_SYS_RESOURCE: an unprivileged user gets EPERM, up to it is fine, and
// shrinking back is always allowed.
#include "common.h"

int main(void) {
    int p[2];
    MUST(pipe(p));
    T(fcntl(p[1], F_SETPIPE_SZ, 1 << 20));
    T(fcntl(p[1], F_SETPIPE_SZ, (1 << 20) + 1));  // EPERM
    T(fcntl(p[1], F_SETPIPE_SZ, 1 << 21));        // EPERM
    T(fcntl(p[1], F_SETPIPE_SZ, -1));             // EINVAL comes first
    T(fcntl(p[0], F_GETPIPE_SZ));
    T(fcntl(p[0], F_SETPIPE_SZ, 4096));
    return 0;
}
