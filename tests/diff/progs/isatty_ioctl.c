// isatty and ioctl on regular files and directories.
#include "common.h"
#include <sys/ioctl.h>
#include <termios.h>

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    T(write(fd, "0123456789", 10));
    T(isatty(fd));
    printf("errno=%s\n", en(errno));   // ENOTTY
    struct termios t;
    T(tcgetattr(fd, &t));              // ENOTTY
    T(lseek(fd, 3, SEEK_SET));
    int avail = -1;
    T(ioctl(fd, FIONREAD, &avail));
    printf("FIONREAD=%d\n", avail);
    T(ioctl(fd, 0x12345678, 0));       // ENOTTY
    T(ioctl(fd, FIOCLEX));
    T(fcntl(fd, F_GETFD));
    T(ioctl(fd, FIONCLEX));
    T(fcntl(fd, F_GETFD));
    int nb = 1;
    T(ioctl(fd, FIONBIO, &nb));
    printf("nonblock=%d\n", !!(fcntl(fd, F_GETFL) & O_NONBLOCK));
    nb = 0;
    T(ioctl(fd, FIONBIO, &nb));
    printf("nonblock=%d\n", !!(fcntl(fd, F_GETFL) & O_NONBLOCK));
    T(ioctl(fd, FIONREAD, BADP));  // EFAULT
    close(fd);
    T(isatty(fd));
    printf("errno=%s\n", en(errno));   // EBADF
    T(ioctl(fd, FIONREAD, &avail));    // EBADF
    mkdir("d", 0755);
    int dfd = MUST(open("d", O_RDONLY | O_DIRECTORY));
    T(isatty(dfd));
    int n = MUST(open("/dev/null", O_RDWR));
    T(isatty(n));
    return 0;
}
