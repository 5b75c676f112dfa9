// F_GETFD/F_SETFD and F_GETFL/F_SETFL.
#include "common.h"

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    T(fcntl(fd, F_GETFD));
    T(fcntl(fd, F_SETFD, 0));
    T(fcntl(fd, F_GETFD));
    T(fcntl(fd, F_SETFD, FD_CLOEXEC | 0x100));   // unknown bits dropped
    T(fcntl(fd, F_GETFD));
    int fl = fcntl(fd, F_GETFL);
    printf("accmode=%d append=%d nonblock=%d\n", fl & O_ACCMODE, !!(fl & O_APPEND), !!(fl & O_NONBLOCK));
    T(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_RDONLY)); // accmode ignored
    fl = fcntl(fd, F_GETFL);
    printf("accmode=%d append=%d nonblock=%d\n", fl & O_ACCMODE, !!(fl & O_APPEND), !!(fl & O_NONBLOCK));
    T(write(fd, "x", 1));
    T(fcntl(fd, F_SETFL, 0));
    fl = fcntl(fd, F_GETFL);
    printf("accmode=%d append=%d nonblock=%d\n", fl & O_ACCMODE, !!(fl & O_APPEND), !!(fl & O_NONBLOCK));
    int ro = MUST(open("f", O_RDONLY));
    fl = fcntl(ro, F_GETFL);
    printf("ro accmode=%d largefile=%d\n", fl & O_ACCMODE, !!(fl & 0100000));
    int wo = MUST(open("f", O_WRONLY | O_APPEND));
    fl = fcntl(wo, F_GETFL);
    printf("wo accmode=%d append=%d\n", fl & O_ACCMODE, !!(fl & O_APPEND));
    int p = MUST(open("f", O_PATH));
    fl = fcntl(p, F_GETFL);
    printf("path O_PATH=%d\n", !!(fl & O_PATH));
    T(fcntl(p, F_GETFD));
    close(fd);
    T(fcntl(fd, F_GETFL));    // EBADF
    T(fcntl(fd, F_SETFD, 1)); // EBADF
    return 0;
}
