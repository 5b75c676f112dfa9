// msync, partial munmap, mremap (shrink, grow in place or moved, fixed).
#include "common.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

static sigjmp_buf env;
static void on_signal(int sig) { siglongjmp(env, sig); }

static void probe(const char* what, volatile char* p) {
    int sig = sigsetjmp(env, 1);
    if (sig == 0) {
        char c = *p;
        printf("%s: ok '%c'\n", what, c ? c : '0');
    } else {
        printf("%s: %s\n", what, sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" : "other");
    }
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    int fd = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    char page[4096];
    for (int i = 0; i < 8; ++i) {
        memset(page, 'A' + i, sizeof page);
        MUST(write(fd, page, sizeof page));
    }
    char* p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) { printf("mmap %s\n", en(errno)); return 1; }
    T(msync(p, 4 * 4096, MS_ASYNC));
    T(msync(p, 4096, MS_SYNC | MS_INVALIDATE));
    T(msync(p, 4 * 4096, MS_ASYNC | MS_SYNC));
    T(msync(p + 1, 4096, MS_SYNC));
    T(msync(p, 4096, 8));

    // Unmap the second page only: the others stay.
    T(munmap(p + 4096, 4096));
    probe("page 0", p);
    probe("page 1 unmapped", p + 4096);
    probe("page 2", p + 2 * 4096);
    T(msync(p, 4 * 4096, MS_SYNC));
    p[2 * 4096] = 'c';
    char c;
    T(pread(fd, &c, 1, 2 * 4096));
    printf("store after split: %c\n", c);

    // Shrink the tail part [2, 4) to one page.
    char* t = mremap(p + 2 * 4096, 2 * 4096, 4096, 0);
    printf("shrink: %s\n", t == p + 2 * 4096 ? "in place" : t == MAP_FAILED ? en(errno) : "moved");
    probe("page 3 after shrink", p + 3 * 4096);

    // Grow: where possible in place, else moved (MAYMOVE); the new pages map the file.
    char* g = mremap(t, 4096, 3 * 4096, MREMAP_MAYMOVE);
    if (g == MAP_FAILED) { printf("grow %s\n", en(errno)); return 1; }
    printf("grown: %c %c %c\n", g[0], g[4096], g[2 * 4096]);
    g[2 * 4096 + 1] = 'e';
    T(pread(fd, &c, 1, 4 * 4096 + 1));
    printf("file sees store in grown part: %c\n", c);

    // Grow without MAYMOVE where something follows: ENOMEM.
    char* blocker = mmap(NULL, 2 * 4096, PROT_READ, MAP_SHARED, fd, 0);
    if (blocker == MAP_FAILED) { printf("mmap blocker %s\n", en(errno)); return 1; }
    T(munmap(blocker + 4096, 4096));
    char* after = mmap(blocker + 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("anonymous page after it: %s\n", after == blocker + 4096 ? "ok" : "moved");
    char* in = mremap(blocker, 4096, 2 * 4096, 0);
    printf("grow into a mapping without MAYMOVE: %s\n", in == MAP_FAILED ? en(errno) : "ok");

    // Move to a chosen address (MREMAP_FIXED), carrying a private page's copy.
    char* priv = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    char* spot = mmap(NULL, 4 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (priv == MAP_FAILED || spot == MAP_FAILED) { printf("mmap %s\n", en(errno)); return 1; }
    priv[0] = 'p';
    char* moved = mremap(priv, 2 * 4096, 4 * 4096, MREMAP_MAYMOVE | MREMAP_FIXED, spot);
    printf("fixed move: %s\n", moved == spot ? "at spot" : moved == MAP_FAILED ? en(errno) : "elsewhere");
    probe("old place", priv);
    printf("moved private copy: %c, file pages: %c %c %c\n", moved[0], moved[4096], moved[2 * 4096], moved[3 * 4096]);
    T(pwrite(fd, "s", 1, 3 * 4096));
    printf("moved map follows file: %c\n", moved[3 * 4096]);

    // Anonymous memory still works through the same calls.
    char* an = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    an[0] = 'x';
    char* an2 = mremap(an, 4096, 64 * 4096, MREMAP_MAYMOVE);
    printf("anonymous grown: %c %d\n", an2[0], an2[63 * 4096]);
    T(munmap(an2, 64 * 4096));

    T(munmap(moved, 4 * 4096));
    T(munmap(blocker, 2 * 4096));
    T(munmap(g, 3 * 4096));
    T(munmap(p, 4 * 4096));
    T(munmap(p, 4 * 4096));  // nothing left: still fine
    close(fd);
    return 0;
}
