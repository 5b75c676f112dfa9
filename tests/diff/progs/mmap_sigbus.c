// Past the end of the file a mapping raises SIGBUS (the page holding EOF
// is fine, its tail reads as zeros); the kernel's own copies from such a
// buffer give EFAULT instead.
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

static void probe(const char* what, volatile char* p, int store) {
    got = 0;
    if (sigsetjmp(env, 1) == 0) {
        if (store) *p = 'w';
        else (void)*p;
        printf("%s: ok\n", what);
    } else {
        printf("%s: %s\n", what, got == SIGBUS ? "SIGBUS" : got == SIGSEGV ? "SIGSEGV" : "signal?");
    }
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);

    int fd = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    MUST(write(fd, "0123456789", 10));
    char* p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) { printf("mmap %s\n", en(errno)); return 1; }
    probe("read in EOF page", p + 5, 0);
    printf("tail of EOF page: %d\n", p[4000]);
    probe("read past EOF page", p + 4096, 0);
    probe("write past EOF page", p + 2 * 4096 + 7, 1);

    // The kernel copying from or to such memory: EFAULT, nobody dies.
    int other = MUST(open("g", O_RDWR | O_CREAT | O_TRUNC, 0644));
    T(write(other, p + 4096, 10));
    T(read(fd, p + 4096, 10));
    T(pwrite(other, p + 4090, 10, 0));  // starts before the EOF page ends
    close(other);

    // Private mappings too.
    char* q = mmap(NULL, 2 * 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    if (q == MAP_FAILED) { printf("mmap private %s\n", en(errno)); return 1; }
    probe("private past EOF", q + 4096, 0);

    // A mapping starting beyond EOF.
    char* r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 8192);
    if (r == MAP_FAILED) { printf("mmap beyond %s\n", en(errno)); return 1; }
    probe("map that starts past EOF", r, 0);

    // An empty file: every page.
    int e = MUST(open("empty", O_RDWR | O_CREAT | O_TRUNC, 0644));
    char* z = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, e, 0);
    if (z == MAP_FAILED) { printf("mmap empty %s\n", en(errno)); return 1; }
    probe("empty file", z, 0);
    T(munmap(z, 4096));
    T(munmap(r, 4096));
    T(munmap(q, 2 * 4096));
    T(munmap(p, 3 * 4096));
    close(e);
    close(fd);
    return 0;
}
