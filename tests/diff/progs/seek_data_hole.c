// SEEK_DATA/SEEK_HOLE on a sparse file with 1 MiB aligned holes (tmpfs and
// ext4 agree at that granularity).
#include "common.h"

#define MB (1024 * 1024LL)

int main(void) {
    int fd = MUST(open("sparse", O_RDWR | O_CREAT, 0644));
    // data [1M,2M), hole [2M,4M), data [4M,4M+4096), EOF at 4M+4096
    static char blk[MB];
    memset(blk, 'd', sizeof blk);
    T(pwrite(fd, blk, MB, MB));
    T(pwrite(fd, blk, 4096, 4 * MB));
    T(lseek(fd, 0, SEEK_DATA) / MB);
    T(lseek(fd, 0, SEEK_HOLE));
    T(lseek(fd, MB + 10, SEEK_DATA));
    T(lseek(fd, MB, SEEK_HOLE) / MB);
    T(lseek(fd, 3 * MB, SEEK_DATA) / MB);
    T(lseek(fd, 4 * MB, SEEK_HOLE) - 4 * MB);   // EOF is a hole
    T(lseek(fd, 4 * MB + 4096, SEEK_DATA));     // ENXIO: at EOF
    T(lseek(fd, 4 * MB + 4096, SEEK_HOLE));     // ENXIO
    T(lseek(fd, -1, SEEK_DATA));                // ENXIO on Linux
    char buf[16];
    T(pread(fd, buf, 16, 2 * MB + 5));
    int z = 1;
    for (int i = 0; i < 16; ++i) z &= buf[i] == 0;
    printf("hole reads zeros=%d\n", z);
    close(fd);
    fd = MUST(open("empty", O_RDWR | O_CREAT, 0644));
    T(lseek(fd, 0, SEEK_DATA));                 // ENXIO
    T(lseek(fd, 0, SEEK_HOLE));                 // ENXIO
    close(fd);
    fd = MUST(open("dense", O_RDWR | O_CREAT, 0644));
    T(write(fd, "abc", 3));
    T(lseek(fd, 0, SEEK_DATA));
    T(lseek(fd, 0, SEEK_HOLE));
    T(lseek(fd, 1, SEEK_HOLE));
    close(fd);
    return 0;
}
