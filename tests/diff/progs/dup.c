// dup/dup2/dup3: shared offset and status flags, separate fd flags.
#include "common.h"

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    T(write(fd, "0123456789", 10));
    int d = MUST(dup(fd));
    printf("dup is lowest free: %d\n", d == fd + 1);
    T(lseek(fd, 3, SEEK_SET));
    T(lseek(d, 0, SEEK_CUR));          // shared: 3
    T(fcntl(fd, F_SETFL, O_APPEND));
    printf("dup sees O_APPEND: %d\n", (fcntl(d, F_GETFL) & O_APPEND) != 0);
    T(fcntl(fd, F_SETFD, FD_CLOEXEC));
    T(fcntl(d, F_GETFD));              // not shared
    T(dup2(fd, 20));
    T(lseek(20, 0, SEEK_CUR));
    T(fcntl(20, F_GETFD));             // dup2 clears FD_CLOEXEC
    T(dup2(fd, fd));                   // same fd: returns it
    T(dup2(99, 99));                   // EBADF
    T(dup2(fd, -1));                   // EBADF
    T(dup3(fd, fd, 0));                // EINVAL
    T(dup3(fd, 21, O_CLOEXEC));
    T(fcntl(21, F_GETFD));
    T(dup3(fd, 22, O_APPEND));         // EINVAL: only O_CLOEXEC
    // dup2 onto an open fd closes it silently
    int other = MUST(open("g", O_RDWR | O_CREAT, 0644));
    T(dup2(fd, other) == other);
    T(write(other, "X", 1));
    close(fd); close(d); close(20); close(21); close(other);
    cat("f");
    struct stat st;
    stat("g", &st);
    printf("g size=%lld\n", (long long)st.st_size);
    T(dup(fd));                        // EBADF
    T(dup(-1));
    return 0;
}
