// Writes and reads that straddle page boundaries, overwrite, and extend:
// the content must match a shadow copy kept in memory.
#include "common.h"

#define SIZE (5 * 4096 + 123)

static unsigned char shadow[SIZE + 8192];
static size_t shadow_len;

static void wr(int fd, size_t off, size_t len, unsigned char seed) {
    unsigned char buf[9000];
    for (size_t i = 0; i < len; ++i) buf[i] = (unsigned char)(seed + i * 31);
    ssize_t n = pwrite(fd, buf, len, off);
    printf("pwrite(off=%zu, len=%zu) = %zd\n", off, len, n);
    memcpy(shadow + off, buf, len);
    if (off + len > shadow_len) shadow_len = off + len;
}

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT, 0644));
    wr(fd, 0, 100, 1);
    wr(fd, 4090, 20, 2);          // across the first boundary
    wr(fd, 8192, 4096, 3);        // exactly one page
    wr(fd, 3 * 4096 - 1, 4098, 4); // one byte either side of a full page
    wr(fd, 50, 8000, 5);          // overwrite over three pages
    wr(fd, SIZE - 10, 10, 6);     // leaves a hole before it
    struct stat st;
    fstat(fd, &st);
    printf("size=%lld expected=%zu\n", (long long)st.st_size, shadow_len);
    static unsigned char back[SIZE + 8192];
    ssize_t got = pread(fd, back, sizeof back, 0);
    printf("read back=%zd same=%d\n", got, got == (ssize_t)shadow_len && !memcmp(back, shadow, shadow_len));
    // odd-sized sequential reads cover the same bytes
    lseek(fd, 0, SEEK_SET);
    size_t pos = 0, bad = 0;
    unsigned char chunk[777];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0) {
        bad += memcmp(chunk, shadow + pos, n) != 0;
        pos += n;
    }
    printf("chunked pos=%zu bad chunks=%zu\n", pos, bad);
    T(ftruncate(fd, 4097));       // cut inside the second page
    T(ftruncate(fd, 3 * 4096));   // grow: the tail must read as zeros
    got = pread(fd, back, 3 * 4096, 0);
    size_t nonzero = 0;
    for (ssize_t i = 4097; i < got; ++i) nonzero += back[i] != 0;
    printf("after cut+grow: read=%zd prefix same=%d nonzero tail=%zu\n", got, !memcmp(back, shadow, 4097), nonzero);
    close(fd);
    return 0;
}
