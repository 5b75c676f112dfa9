// lseek: every whence, negative results, beyond EOF.
#include "common.h"

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    T(write(fd, "0123456789", 10));
    T(lseek(fd, 0, SEEK_SET));
    T(lseek(fd, 4, SEEK_CUR));
    T(lseek(fd, -2, SEEK_CUR));
    T(lseek(fd, 0, SEEK_END));
    T(lseek(fd, -3, SEEK_END));
    T(lseek(fd, 5, SEEK_END));
    T(lseek(fd, -1, SEEK_SET));   // EINVAL
    T(lseek(fd, -100, SEEK_END)); // EINVAL
    T(lseek(fd, 0, SEEK_CUR));    // unchanged by the failures
    T(lseek(fd, 0, 7));           // EINVAL
    T(lseek(fd, 20, SEEK_SET));
    T(write(fd, "E", 1));
    struct stat st;
    fstat(fd, &st);
    printf("size=%lld\n", (long long)st.st_size);
    char buf[32];
    T(pread(fd, buf, 32, 0));
    int zeros = 0;
    for (int i = 10; i < 20; ++i) zeros += buf[i] == 0;
    printf("zeros in hole=%d last=%c\n", zeros, buf[20]);
    T(lseek(fd, 1LL << 40, SEEK_SET));     // far beyond EOF is fine
    T(lseek(fd, -(1LL << 40) + 5, SEEK_CUR));
    close(fd);
    T(lseek(fd, 0, SEEK_SET));    // EBADF
    mkdir("d", 0755);
    fd = MUST(open("d", O_RDONLY));
    T(lseek(fd, 0, SEEK_SET));
    close(fd);
    return 0;
}
