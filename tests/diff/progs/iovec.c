// readv/writev/preadv/pwritev.
#include "common.h"
#include <sys/uio.h>

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    struct iovec w[3] = {{"abc", 3}, {"", 0}, {"defgh", 5}};
    T(writev(fd, w, 3));
    T(lseek(fd, 0, SEEK_CUR));
    char a[2], b[4], c[10];
    struct iovec r[3] = {{a, 2}, {b, 4}, {c, 10}};
    T(lseek(fd, 0, SEEK_SET));
    T(readv(fd, r, 3));
    printf("a=%.2s b=%.4s c=%.2s\n", a, b, c);
    T(readv(fd, r, 3));          // EOF
    struct iovec pw[2] = {{"XY", 2}, {"Z", 1}};
    T(pwritev(fd, pw, 2, 1));
    T(lseek(fd, 0, SEEK_CUR));
    T(preadv(fd, r, 2, 0));
    printf("a=%.2s b=%.4s\n", a, b);
    T(readv(fd, r, 0));
    T(readv(fd, r, NEG1));         // EINVAL
    T(writev(fd, w, 1024 + NEG1 + 2));      // EINVAL (> IOV_MAX)
    T(preadv(fd, r, 1, -5));     // EINVAL
    struct iovec bad[1] = {{BADP, 4}};
    T(writev(fd, bad, 1));       // EFAULT
    close(fd);
    cat("f");
    return 0;
}
