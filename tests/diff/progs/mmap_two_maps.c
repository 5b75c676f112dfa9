// Two mappings of one file (two fds, overlapping offsets) see each other's
// stores; MAP_FIXED replaces part of a mapping; mprotect splits one.
#include "common.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

static sigjmp_buf env;
static void on_signal(int sig) { siglongjmp(env, sig); }

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    MUST(ftruncate(fd, 4 * 4096));
    int fd2 = MUST(open("f", O_RDWR));
    char* a = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char* b = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 2 * 4096);
    if (a == MAP_FAILED || b == MAP_FAILED) { printf("mmap %s\n", en(errno)); return 1; }
    strcpy(a + 2 * 4096 + 8, "from a");
    printf("b sees: %s\n", b + 8);
    strcpy(b + 4096 + 16, "from b");
    printf("a sees: %s\n", a + 3 * 4096 + 16);

    // A link to the file, mapped through the new name.
    MUST(link("f", "g"));
    int fd3 = MUST(open("g", O_RDONLY));
    char* c = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd3, 3 * 4096);
    if (c == MAP_FAILED) { printf("mmap c %s\n", en(errno)); return 1; }
    printf("c sees: %s\n", c + 16);
    close(fd3);  // the map outlives its fd
    MUST(unlink("g"));
    MUST(unlink("f"));  // and the file's names
    a[3 * 4096 + 16] = 'F';
    printf("after unlink c sees: %s\n", c + 16);

    // MAP_FIXED over the middle of a: other file pages, then anonymous memory.
    int other = MUST(open("o", O_RDWR | O_CREAT | O_TRUNC, 0644));
    MUST(pwrite(other, "other file", 10, 0));
    char* m = mmap(a + 4096, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, other, 0);
    printf("fixed at a+4096: %s, %.10s\n", m == a + 4096 ? "same address" : "moved", m);
    char* n = mmap(a + 2 * 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
    printf("anonymous fixed: %s, byte %d\n", n == a + 2 * 4096 ? "same address" : "moved", n[8]);
    printf("b still sees file: %s\n", b + 8);
    char* x = mmap(a, 4096, PROT_READ, MAP_SHARED | MAP_FIXED_NOREPLACE, other, 0);
    printf("FIXED_NOREPLACE over a mapping: %s\n", x == MAP_FAILED ? en(errno) : "mapped");

    // mprotect a single page read-only, then store: SIGSEGV; the rest stays writable.
    T(mprotect(a + 3 * 4096, 4096, PROT_READ));
    int sig = sigsetjmp(env, 1);
    if (sig == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigaction(SIGSEGV, &sa, NULL);
        a[3 * 4096] = 1;
        printf("store to read-only page: ok\n");
    } else {
        printf("store to read-only page: %s\n", sig == SIGSEGV ? "SIGSEGV" : "other");
    }
    a[0] = 'z';
    printf("first page still writable: %c\n", a[0]);
    T(mprotect(a + 3 * 4096, 4096, PROT_READ | PROT_WRITE));
    a[3 * 4096] = 'y';
    printf("writable again: %c, b: %c\n", a[3 * 4096], b[4096]);

    T(munmap(a, 4 * 4096));
    T(munmap(b, 2 * 4096));
    T(munmap(c, 4096));
    close(other);
    close(fd2);
    close(fd);
    return 0;
}
