// mmap's error paths, in Linux's order.
#include "common.h"

#include <sys/mman.h>
#include <sys/socket.h>

static void M(const char* what, void* r) {
    if (r == MAP_FAILED) printf("%s: %s\n", what, en(errno));
    else printf("%s: ok\n", what);
}

int main(void) {
    int rw = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    MUST(ftruncate(rw, 8192));
    int ro = MUST(open("f", O_RDONLY));
    int wo = MUST(open("f", O_WRONLY));
    int path = MUST(open("f", O_PATH));
    MUST(mkdir("d", 0755));
    int dir = MUST(open("d", O_RDONLY | O_DIRECTORY));
    int pfd[2];
    MUST(pipe(pfd));

    M("len 0", mmap(NULL, 0, PROT_READ, MAP_SHARED, rw, 0));
    M("offset not page aligned", mmap(NULL, 4096, PROT_READ, MAP_SHARED, rw, 100));
    M("no map type", mmap(NULL, 4096, PROT_READ, 0, rw, 0));
    M("bad map type", mmap(NULL, 4096, PROT_READ, 0x0f, rw, 0));
    M("bad fd", mmap(NULL, 4096, PROT_READ, MAP_SHARED, 999, 0));
    M("closed fd -1", mmap(NULL, 4096, PROT_READ, MAP_SHARED, -1, 0));
    M("O_PATH fd", mmap(NULL, 4096, PROT_READ, MAP_SHARED, path, 0));
    M("shared write of O_RDONLY", mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0));
    M("shared read of O_RDONLY", mmap(NULL, 4096, PROT_READ, MAP_SHARED, ro, 0));
    M("private write of O_RDONLY", mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0));
    M("any map of O_WRONLY", mmap(NULL, 4096, PROT_WRITE, MAP_SHARED, wo, 0));
    M("private map of O_WRONLY", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, wo, 0));
    M("directory", mmap(NULL, 4096, PROT_READ, MAP_SHARED, dir, 0));
    M("pipe", mmap(NULL, 4096, PROT_READ, MAP_SHARED, pfd[0], 0));
    M("pipe write end", mmap(NULL, 4096, PROT_WRITE, MAP_SHARED, pfd[1], 0));
    int null = MUST(open("/dev/null", O_RDWR));
    M("/dev/null", mmap(NULL, 4096, PROT_READ, MAP_SHARED, null, 0));
    M("unaligned MAP_FIXED", mmap((void*)0x10001, 4096, PROT_READ, MAP_SHARED | MAP_FIXED, rw, 0));
    M("SHARED_VALIDATE unknown flag", mmap(NULL, 4096, PROT_READ, MAP_SHARED_VALIDATE | 0x800000, rw, 0));
    M("SHARED ignores unknown flag", mmap(NULL, 4096, PROT_READ, MAP_SHARED | 0x800000, rw, 0));
    M("SHARED_VALIDATE", mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE, rw, 0));
    M("bad prot", mmap(NULL, 4096, 0x10, MAP_SHARED, rw, 0));
    M("huge length", mmap(NULL, (size_t)-4096, PROT_READ, MAP_SHARED, rw, 0));
    M("offset beyond file", mmap(NULL, 4096, PROT_READ, MAP_SHARED, rw, 1 << 30));

    // A shared read-only map of an O_RDONLY fd cannot become writable.
    char* p = mmap(NULL, 8192, PROT_READ, MAP_SHARED, ro, 0);
    M("map for mprotect", p);
    T(mprotect(p, 4096, PROT_READ | PROT_WRITE));
    T(mprotect(p, 4096, PROT_READ | PROT_EXEC));
    T(mprotect(p + 1, 4096, PROT_READ));
    T(mprotect(p, 4096, 0x10));
    T(mprotect(p, 0, PROT_READ));
    T(munmap(p, 8192));
    T(mprotect(p, 4096, PROT_READ));  // no longer mapped
    T(msync(p, 4096, MS_SYNC));
    T(munmap(p + 1, 4096));
    T(munmap(p, 0));
    T(madvise(p + 1, 4096, MADV_NORMAL));
    T(madvise(p, 4096, 12345));

    // A map outlives close() of its fd and keeps it usable.
    char* q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, rw, 0);
    M("map then close", q);
    close(rw);
    q[0] = 'k';
    char c = 0;
    T(pread(ro, &c, 1, 0));
    printf("after close: %c\n", c);
    T(mremap(q, 4096, 8192, 0x80) == MAP_FAILED ? -1 : 0);
    T(mremap(q, 4096, 0, MREMAP_MAYMOVE) == MAP_FAILED ? -1 : 0);
    T(mremap(q + 1, 4096, 8192, MREMAP_MAYMOVE) == MAP_FAILED ? -1 : 0);
    T(mremap(q, 4096, 8192, MREMAP_FIXED) == MAP_FAILED ? -1 : 0);
    T(munmap(q, 4096));
    errno = 0;
    printf("posix_madvise unmapped: %s, errno %d\n", en(posix_madvise(q, 4096, POSIX_MADV_NORMAL)), errno);
    printf("posix_madvise DONTNEED: %d\n", posix_madvise(q, 4096, POSIX_MADV_DONTNEED));
    close(ro);
    close(wo);
    close(path);
    close(dir);
    close(null);
    close(pfd[0]);
    close(pfd[1]);
    return 0;
}
