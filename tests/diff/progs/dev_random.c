// /dev/urandom and /dev/random: types, reads, writes, getrandom.
#include "common.h"
#include <sys/random.h>
#include <sys/sysmacros.h>

int main(void) {
    struct stat st;
    const char* devs[] = {"/dev/urandom", "/dev/random"};
    for (int i = 0; i < 2; ++i) {
        int fd = open(devs[i], O_RDWR);
        if (fd < 0) { printf("%s: %s\n", devs[i], en(errno)); continue; }
        unsigned char a[64], b[64];
        T(read(fd, a, sizeof a));
        T(read(fd, b, sizeof b));
        int zero = 1;
        for (int k = 0; k < 64; ++k) zero &= a[k] == 0;
        printf("%s: all zero=%d same twice=%d\n", devs[i], zero, memcmp(a, b, 64) == 0);
        T(write(fd, "seed", 4));
        fstat(fd, &st);
        printf("%s: type=%s mode=%04o rdev=%u:%u\n", devs[i], ftype(st.st_mode), st.st_mode & 07777,
               major(st.st_rdev), minor(st.st_rdev));
        T(lseek(fd, 10, SEEK_SET));
        close(fd);
    }
    unsigned char g[32];
    T(getrandom(g, sizeof g, 0));
    T(getrandom(g, sizeof g, GRND_NONBLOCK));
    T(getrandom(g, sizeof g, 0x100));   // EINVAL
    return 0;
}
