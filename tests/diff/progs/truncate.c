// truncate/ftruncate: grow reads zeros, shrink drops data, errors.
#include "common.h"

int main(void) {
    write_file("f", "0123456789");
    T(truncate("f", 4));
    cat("f");
    T(truncate("f", 8));
    int fd = MUST(open("f", O_RDWR));
    char buf[16];
    T(read(fd, buf, 16));
    for (int i = 0; i < 8; ++i) printf("%c", buf[i] ? buf[i] : '.');
    printf("\n");
    T(ftruncate(fd, 2));
    T(lseek(fd, 0, SEEK_CUR));   // offset not moved
    T(write(fd, "Z", 1));        // writes at 8: hole 2..8
    T(pread(fd, buf, 16, 0));
    for (int i = 0; i < 9; ++i) printf("%c", buf[i] ? buf[i] : '.');
    printf("\n");
    T(ftruncate(fd, -1));        // EINVAL
    T(truncate("f", -1));        // EINVAL
    close(fd);
    fd = MUST(open("f", O_RDONLY));
    T(ftruncate(fd, 0));         // EINVAL (not open for writing)
    close(fd);
    T(ftruncate(fd, 0));         // EBADF
    mkdir("d", 0755);
    T(truncate("d", 0));         // EISDIR
    T(truncate("none", 0));      // ENOENT
    T(truncate("f/x", 0));       // ENOTDIR
    symlink("f", "ln");
    T(truncate("ln", 3));        // follows
    show("f");
    // shrink then grow again: old bytes must not come back
    write_file("g", "ABCDEFGH");
    T(truncate("g", 1));
    T(truncate("g", 8));
    fd = MUST(open("g", O_RDONLY));
    T(read(fd, buf, 16));
    for (int i = 0; i < 8; ++i) printf("%c", buf[i] ? buf[i] : '.');
    printf("\n");
    close(fd);
    return 0;
}
