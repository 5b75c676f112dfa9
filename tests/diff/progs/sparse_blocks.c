// st_blocks of sparse files: relations only.
#include "common.h"

#define MB (1024 * 1024LL)

static long long blocks(const char* p) {
    struct stat st;
    stat(p, &st);
    return (long long)st.st_blocks;
}

int main(void) {
    int fd = MUST(open("s", O_RDWR | O_CREAT, 0644));
    printf("empty blocks=%lld\n", blocks("s"));
    T(ftruncate(fd, 8 * MB));
    struct stat st;
    fstat(fd, &st);
    printf("size=%lld blocks=%lld\n", (long long)st.st_size, (long long)st.st_blocks);
    T(pwrite(fd, "x", 1, 4 * MB));
    long long one = blocks("s");
    printf("one page: blocks>0=%d blocks<=64=%d\n", one > 0, one <= 64);
    static char m[MB];
    memset(m, 1, sizeof m);
    T(pwrite(fd, m, MB, 0));
    long long more = blocks("s");
    printf("1MiB written: blocks>=2048=%d blocks<4096=%d\n", more >= 2048, more < 4096);
    T(ftruncate(fd, 0));
    printf("truncated to 0: blocks=%lld\n", blocks("s"));
    close(fd);
    fd = MUST(open("dense", O_RDWR | O_CREAT, 0644));
    T(write(fd, m, 64 * 1024));
    printf("64KiB dense: blocks=%lld\n", blocks("dense"));
    close(fd);
    return 0;
}
