// MAP_PRIVATE: copy-on-write. Untouched pages follow the file; written
// pages are the process's own and the file never sees them.
#include "common.h"

#include <sys/mman.h>

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    char page[4096];
    memset(page, 'a', sizeof page);
    MUST(write(fd, page, sizeof page));
    memset(page, 'b', sizeof page);
    MUST(write(fd, page, sizeof page));
    char* p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) { printf("mmap %s\n", en(errno)); return 1; }
    char* s = mmap(NULL, 2 * 4096, PROT_READ, MAP_SHARED, fd, 0);
    if (s == MAP_FAILED) { printf("mmap shared %s\n", en(errno)); return 1; }

    // Before any store: the private map shows later file changes.
    T(pwrite(fd, "X", 1, 0));
    printf("private sees pwrite before COW: %c\n", p[0]);
    // A store copies the page: the file and the shared map do not see it.
    p[1] = 'P';
    char c = 0;
    T(pread(fd, &c, 1, 1));
    printf("file after private store: %c, shared map: %c, private: %c\n", c, s[1], p[1]);
    // Now the copied page no longer follows the file...
    T(pwrite(fd, "Y", 1, 0));
    printf("copied page after pwrite: %c (file %c)\n", p[0], s[0]);
    // ...but the untouched second page still does.
    T(pwrite(fd, "Z", 1, 4096));
    printf("untouched page after pwrite: %c\n", p[4096]);

    // A second private map is isolated from the first.
    char* q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (q == MAP_FAILED) { printf("mmap q %s\n", en(errno)); return 1; }
    q[2] = 'Q';
    printf("other private map: %c %c, first: %c\n", q[0], q[2], p[2]);

    // MADV_DONTNEED drops the private copies: the file shows through again.
    T(madvise(p, 4096, MADV_DONTNEED));
    printf("after DONTNEED: %c %c\n", p[0], p[1]);

    // A read-only fd may be mapped private and writable.
    int ro = MUST(open("f", O_RDONLY));
    char* r = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
    if (r == MAP_FAILED) printf("private rw of O_RDONLY: %s\n", en(errno));
    else {
        r[0] = 'R';
        T(pread(ro, &c, 1, 0));
        printf("private rw of O_RDONLY: map %c file %c\n", r[0], c);
        T(mprotect(r, 4096, PROT_READ | PROT_WRITE));
        T(munmap(r, 4096));
    }
    T(munmap(p, 2 * 4096));
    T(munmap(q, 4096));
    T(munmap(s, 2 * 4096));
    close(ro);
    close(fd);
    return 0;
}
