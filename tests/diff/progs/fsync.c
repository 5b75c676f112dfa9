// fsync/fdatasync/sync/syncfs on files, dirs, read-only fds.
#include "common.h"

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    T(write(fd, "x", 1));
    T(fsync(fd));
    T(fdatasync(fd));
    T(syncfs(fd));
    sync();
    int ro = MUST(open("f", O_RDONLY));
    T(fsync(ro));
    T(fdatasync(ro));
    mkdir("d", 0755);
    int d = MUST(open("d", O_RDONLY | O_DIRECTORY));
    T(fsync(d));
    int p = MUST(open("f", O_PATH));
    T(fsync(p));                      // EBADF
    close(fd);
    T(fsync(fd));                     // EBADF
    T(fdatasync(-1));
    int n = MUST(open("/dev/null", O_WRONLY));
    T(fsync(n));                      // EINVAL for /dev/null on Linux
    int s = MUST(open("f", O_RDWR | O_SYNC));
    T(write(s, "y", 1));
    printf("O_SYNC kept: %d\n", (fcntl(s, F_GETFL) & O_SYNC) == O_SYNC);
    return 0;
}
