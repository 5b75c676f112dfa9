// /dev/null, /dev/zero, /dev/full.
#include "common.h"
#include <sys/sysmacros.h>

int main(void) {
    char buf[64];
    struct stat st;
    int n = MUST(open("/dev/null", O_RDWR));
    T(write(n, "discard", 7));
    T(read(n, buf, sizeof buf));       // EOF
    T(lseek(n, 100, SEEK_SET));
    T(fstat(n, &st));
    printf("null type=%s mode=%04o rdev=%u:%u size=%lld\n", ftype(st.st_mode), st.st_mode & 07777,
           major(st.st_rdev), minor(st.st_rdev), (long long)st.st_size);
    close(n);
    int z = MUST(open("/dev/zero", O_RDWR));
    memset(buf, 'x', sizeof buf);
    T(read(z, buf, sizeof buf));
    int zeros = 0;
    for (int i = 0; i < 64; ++i) zeros += buf[i] == 0;
    printf("zeros=%d\n", zeros);
    T(write(z, "abc", 3));
    T(fstat(z, &st));
    printf("zero type=%s rdev=%u:%u\n", ftype(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
    close(z);
    int f = MUST(open("/dev/full", O_RDWR));
    T(write(f, "x", 1));               // ENOSPC
    memset(buf, 'x', 8);
    T(read(f, buf, 8));
    printf("full reads zero=%d\n", buf[0] == 0 && buf[7] == 0);
    T(fstat(f, &st));
    printf("full type=%s rdev=%u:%u\n", ftype(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
    close(f);
    T(stat("/dev", &st));
    printf("/dev type=%s\n", ftype(st.st_mode));
    T(open("/dev/null", O_RDONLY | O_DIRECTORY));   // ENOTDIR
    T(access("/dev/null", R_OK | W_OK));
    T(mkdir("/dev/null/x", 0755));                  // ENOTDIR
    return 0;
}
