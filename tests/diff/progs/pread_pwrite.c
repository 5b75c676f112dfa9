// pread/pwrite leave the file offset alone; errors.
#include "common.h"

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    T(write(fd, "0123456789", 10));
    T(lseek(fd, 3, SEEK_SET));
    char buf[32] = {0};
    T(pread(fd, buf, 4, 2));
    printf("buf=%s\n", buf);
    T(lseek(fd, 0, SEEK_CUR));
    T(pwrite(fd, "AB", 2, 8));
    T(pwrite(fd, "Z", 1, 15));   // beyond EOF: hole of zeros
    T(lseek(fd, 0, SEEK_CUR));
    memset(buf, 0, sizeof buf);
    T(pread(fd, buf, 32, 0));
    for (int i = 0; i < 16; ++i) printf("%c", buf[i] ? buf[i] : '.');
    printf("\n");
    T(pread(fd, buf, 4, 100));   // past EOF: 0
    T(pread(fd, buf, 4, -1));    // EINVAL
    T(pwrite(fd, buf, 4, -1));   // EINVAL
    T(pread(fd, buf, 0, 0));
    close(fd);
    T(pread(fd, buf, 1, 0));     // EBADF
    fd = MUST(open("f", O_WRONLY | O_APPEND));
    T(pwrite(fd, "Q", 1, 0));    // Linux: O_APPEND wins, data appended
    close(fd);
    cat("f");
    struct stat st;
    stat("f", &st);
    printf("size=%lld\n", (long long)st.st_size);
    return 0;
}
