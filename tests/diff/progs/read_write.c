// read/write: partial reads at EOF, zero-length I/O, offsets.
#include "common.h"

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    T(write(fd, "abcdefghij", 10));
    T(write(fd, "", 0));
    T(lseek(fd, 0, SEEK_CUR));
    T(lseek(fd, 0, SEEK_SET));
    char buf[128];
    memset(buf, 0, sizeof buf);
    T(read(fd, buf, 4));
    printf("buf=%s\n", buf);
    T(read(fd, buf, 100));   // short: 6 left
    printf("buf=%.6s\n", buf);
    T(read(fd, buf, 100));   // EOF
    T(read(fd, buf, 0));
    T(lseek(fd, 5, SEEK_SET));
    T(write(fd, "XY", 2));
    T(lseek(fd, 0, SEEK_CUR));
    close(fd);
    cat("f");
    fd = MUST(open("f", O_RDONLY));
    OK(write(fd, "z", 1));   // EBADF
    close(fd);
    fd = MUST(open("f", O_WRONLY));
    OK(read(fd, buf, 1));    // EBADF
    close(fd);
    mkdir("d", 0755);
    fd = MUST(open("d", O_RDONLY));
    OK(read(fd, buf, 1));    // EISDIR
    close(fd);
    // a large write and read back
    static char big[200000];
    for (size_t i = 0; i < sizeof big; ++i) big[i] = (char)(i * 7);
    fd = MUST(open("big", O_RDWR | O_CREAT, 0644));
    T(write(fd, big, sizeof big));
    static char back[200000];
    T(pread(fd, back, sizeof back, 0));
    printf("same=%d\n", memcmp(big, back, sizeof big) == 0);
    close(fd);
    return 0;
}
