// Every fd call on a closed or invalid fd is EBADF.
#include "common.h"
#include <sys/uio.h>
#include <sys/statfs.h>

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    T(close(fd));
    T(close(fd));
    char buf[4];
    struct stat st;
    struct statfs sf;
    struct iovec iov = {buf, 4};
    T(read(fd, buf, 4));
    T(write(fd, buf, 4));
    T(pread(fd, buf, 4, 0));
    T(pwrite(fd, buf, 4, 0));
    T(readv(fd, &iov, 1));
    T(writev(fd, &iov, 1));
    T(lseek(fd, 0, SEEK_SET));
    T(fstat(fd, &st));
    T(fstatfs(fd, &sf));
    T(fsync(fd));
    T(fdatasync(fd));
    T(ftruncate(fd, 0));
    T(fchmod(fd, 0644));
    T(fchdir(fd));
    T(dup(fd));
    T(fcntl(fd, F_GETFD));
    T(fstatat(fd, "x", &st, 0));
    T(fstatat(fd, "", &st, AT_EMPTY_PATH));
    T(openat(fd, "x", O_RDONLY));
    T(mkdirat(fd, "x", 0755));
    T(close(-1));
    T(read(-5, buf, 1));
    T(read(1 << 20, buf, 1));
    T(fstatat(AT_FDCWD, "f", &st, 0)); // still there
    return 0;
}
