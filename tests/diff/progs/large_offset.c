// Sparse writes at very large offsets (tmpfs and ext4 both allow 1 TiB).
#include "common.h"

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    long long tb = 1LL << 40;
    T(pwrite(fd, "end", 3, tb));
    struct stat st;
    fstat(fd, &st);
    printf("size=%lld small blocks=%d\n", (long long)st.st_size, st.st_blocks < 64);
    char buf[8] = {0};
    T(pread(fd, buf, 8, tb));
    printf("buf=%s\n", buf);
    memset(buf, 'x', 8);
    T(pread(fd, buf, 8, tb / 2));
    printf("middle zero=%d\n", buf[0] == 0 && buf[7] == 0);
    T(lseek(fd, 0, SEEK_END));
    T(write(fd, "!", 1));
    T(lseek(fd, -4, SEEK_END));
    T(read(fd, buf, 8));
    printf("tail=%.4s\n", buf);
    T(ftruncate(fd, tb / 4));
    fstat(fd, &st);
    printf("size=%lld blocks=%lld\n", (long long)st.st_size, (long long)st.st_blocks);
    T(pwrite(fd, "x", 1, -2));         // EINVAL
    T(pread(fd, buf, 1, (1LL << 62))); // beyond EOF: 0
    close(fd);
    return 0;
}
