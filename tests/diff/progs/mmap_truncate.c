// Size changes while mapped: shrinking makes the cut pages raise SIGBUS,
// growing (ftruncate, write past EOF, fallocate) makes them usable again,
// holes read as zeros, and the partial last page is zeroed past EOF.
#include "common.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile int got;

static void on_signal(int sig) {
    got = sig;
    siglongjmp(env, 1);
}

static void probe(const char* what, volatile char* p) {
    got = 0;
    if (sigsetjmp(env, 1) == 0) {
        char c = *p;
        printf("%s: ok '%c'\n", what, c ? c : '0');
    } else {
        printf("%s: %s\n", what, got == SIGBUS ? "SIGBUS" : "other signal");
    }
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, NULL);

    int fd = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    char page[4096];
    for (int i = 0; i < 4; ++i) {
        memset(page, 'a' + i, sizeof page);
        MUST(write(fd, page, sizeof page));
    }
    char* p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) { printf("mmap %s\n", en(errno)); return 1; }
    char* q = mmap(NULL, 4 * 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    if (q == MAP_FAILED) { printf("mmap private %s\n", en(errno)); return 1; }
    probe("page 3 before", p + 3 * 4096);

    T(ftruncate(fd, 4096 + 100));
    probe("page 1 kept part", p + 4096 + 50);
    probe("page 1 cut part", p + 4096 + 200);
    probe("page 2 after shrink", p + 2 * 4096);
    probe("page 3 after shrink", p + 3 * 4096);
    probe("private page 3 after shrink", q + 3 * 4096);

    T(ftruncate(fd, 3 * 4096));
    probe("page 1 tail after grow", p + 4096 + 200);
    probe("page 2 after grow", p + 2 * 4096);
    probe("page 3 still past EOF", p + 3 * 4096);
    probe("private page 2 after grow", q + 2 * 4096);
    p[2 * 4096 + 1] = 'M';
    char c = 0;
    T(pread(fd, &c, 1, 2 * 4096 + 1));
    printf("file sees store in regrown page: %c\n", c);

    // write() past EOF brings page 3 back, with its data.
    T(pwrite(fd, "W", 1, 3 * 4096 + 9));
    probe("page 3 after pwrite", p + 3 * 4096 + 9);
    probe("private page 3 after pwrite", q + 3 * 4096 + 9);

    T(ftruncate(fd, 0));
    probe("page 0 after truncate to 0", p);
    T(fallocate(fd, 0, 0, 2 * 4096));
    probe("page 1 after fallocate", p + 4096);
    probe("page 2 after fallocate", p + 2 * 4096);
    struct stat st;
    MUST(fstat(fd, &st));
    printf("size %lld\n", (long long)st.st_size);
    T(munmap(p, 4 * 4096));
    T(munmap(q, 4 * 4096));
    close(fd);
    return 0;
}
