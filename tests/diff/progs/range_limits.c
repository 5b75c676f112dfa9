// Transfers whose range would pass the largest file offset (2^63-1):
// EINVAL for positioned I/O, EFBIG for copy_file_range. Found by
// the syscall fuzzer (tests/fuzz).
#include "common.h"
#include <sys/uio.h>

int main(void) {
    int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0600);
    T(ftruncate(fd, INT64_MAX));
    char b[4] = {0};
    T(pread(fd, b, 4, INT64_MAX - 2));   // EINVAL: the range ends past 2^63-1
    T(pread(fd, b, 4, INT64_MAX - 4));   // 4: ends exactly at 2^63-1
    T(pwrite(fd, b, 4, INT64_MAX - 2));  // EINVAL
    struct iovec v[2] = {{b, 2}, {b, 2}};
    T(preadv(fd, v, 2, INT64_MAX - 2));  // EINVAL
    T(pwritev(fd, v, 2, INT64_MAX - 2)); // EINVAL
    int null = open("/dev/null", O_RDWR);
    T(pwritev2(null, v, 2, INT64_MAX, 0));  // EINVAL even where offsets mean nothing
    T(ftruncate(fd, 16));
    loff_t in = 0, out = INT64_MAX;
    T(copy_file_range(fd, &in, fd, &out, 1, 0));  // EFBIG: output offset at the limit
    in = 0;
    out = 4;
    T(copy_file_range(fd, &in, fd, &out, 8, 0));  // EINVAL: overlapping ranges of one file
    in = 20;
    out = 40;
    T(copy_file_range(fd, &in, fd, &out, 8, 0));  // 0: input offset past its end
    close(null);
    close(fd);
    return 0;
}
