// What a directory descriptor allows and refuses.
#include "common.h"
#include <sys/uio.h>

int main(void) {
    mkdir("d", 0755);
    write_file("d/f", "x");
    int d = MUST(open("d", O_RDONLY | O_DIRECTORY));
    char buf[8];
    T(read(d, buf, sizeof buf));          // EISDIR
    T(pread(d, buf, sizeof buf, 0));      // EISDIR
    struct iovec iov = {buf, sizeof buf};
    T(readv(d, &iov, 1));                 // EISDIR
    T(write(d, "x", 1));                  // EBADF (read-only fd)
    T(ftruncate(d, 0));                   // EINVAL or EBADF
    T(lseek(d, 0, SEEK_END));             // tmpfs: EINVAL
    T(lseek(d, 0, SEEK_SET));
    T(fsync(d));
    T(fchmod(d, 0700));
    show("d");
    struct stat st;
    T(fstat(d, &st));
    T(fchdir(d));
    cat("f");
    T(fchdir(d));
    T(chdir(".."));
    T(open("d", O_WRONLY | O_DIRECTORY)); // EISDIR
    T(open("d", O_RDWR | O_DIRECTORY));   // EISDIR
    T(open("d/f", O_RDONLY | O_DIRECTORY)); // ENOTDIR
    int p = MUST(open("d", O_PATH | O_DIRECTORY));
    T(fchdir(p));                         // O_PATH dirs can be entered
    cat("f");
    T(chdir(".."));
    T(read(p, buf, 1));                   // EBADF
    close(p);
    close(d);
    return 0;
}
