// F_DUPFD / F_DUPFD_CLOEXEC pick the lowest free fd >= arg.
#include "common.h"

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    printf("first fd is 3: %d\n", fd == 3);
    T(fcntl(fd, F_DUPFD, 10));
    T(fcntl(fd, F_DUPFD, 10));
    T(fcntl(fd, F_DUPFD, 0));          // lowest free
    T(fcntl(fd, F_DUPFD_CLOEXEC, 30));
    T(fcntl(30, F_GETFD));
    T(fcntl(10, F_GETFD));
    close(10);
    T(fcntl(fd, F_DUPFD, 5));          // 5
    T(fcntl(fd, F_DUPFD, 10));         // 10 again
    T(fcntl(fd, F_DUPFD, -1));         // EINVAL
    T(fcntl(fd, F_DUPFD, 1 << 30));    // EINVAL (>= RLIMIT_NOFILE)
    T(fcntl(99, F_DUPFD, 0));          // EBADF
    T(fcntl(fd, 12345, 0));            // EINVAL
    int lo = MUST(open("f", O_RDONLY));
    printf("open takes lowest free fd: %d\n", lo);
    close(lo);
    return 0;
}
