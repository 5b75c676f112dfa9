// Reaching a host file that was not mounted: a raw openat of the path the
// runner made on the host. Prints "open: ok" or "open: ERRNO-NUMBER".
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>

#include "raw.h"

int main(int argc, char** argv) {
    EXPECT(argc == 2);
    long fd = raw4(SYS_openat, AT_FDCWD, (long)argv[1], O_RDONLY, 0);
    if (fd >= 0) {
        char buf[64] = {0};
        long n = raw3(SYS_read, fd, (long)buf, sizeof buf - 1);
        printf("open: ok %ld %s\n", n, buf);
    } else {
        printf("open: %ld\n", -fd);
    }
    return 0;
}
