// Bad pointers are EFAULT, never a crash.
#include "common.h"
#include <sys/uio.h>

int main(void) {
    struct stat st;
    write_file("f", "data");
    int fd = MUST(open("f", O_RDWR));
    T(stat("f", BADP));
    T(fstat(fd, BADP));
    T(lstat("f", NULLP));
    T(open((char*)BADP, O_RDONLY));
    T(open(NULLP, O_RDONLY));
    T(stat((char*)BADP, &st));
    T(read(fd, NULLP, 4));
    T(read(fd, BADP, 4));
    T(lseek(fd, 0, SEEK_SET));
    T(write(fd, BADP, 4));
    T(write(fd, NULLP, 0));          // zero bytes: ok
    T(read(fd, NULLP, 0));
    T(pread(fd, BADP, 4, 0));
    T(mkdir((char*)BADP, 0755));
    T(unlink((char*)BADP));
    T(rename("f", (char*)BADP));
    T(symlink((char*)BADP, "x"));
    char buf[8];
    T(readlink((char*)BADP, buf, 8));
    T(readv(fd, (struct iovec*)BADP, 1));
    T(access((char*)BADP, F_OK));
    T(chdir((char*)BADP));
    T(lseek(fd, 0, 99));            // EINVAL: invalid whence
    T(lseek(fd, 0, SEEK_CUR));
    cat("f");
    return 0;
}
