// Anonymous memory: MAP_ANONYMOUS and /dev/zero, private and shared
// (shared anonymous memory is seen by a second map made with mremap).
#include "common.h"

#include <sys/mman.h>

int main(void) {
    char* a = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("anonymous: %s %d\n", a == MAP_FAILED ? en(errno) : "ok", a[100]);
    a[0] = 1;
    T(munmap(a, 8192));

    int z = MUST(open("/dev/zero", O_RDWR));
    char* p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, z, 0);
    printf("/dev/zero private: %s %d\n", p == MAP_FAILED ? en(errno) : "ok", p[5000]);
    p[0] = 7;
    char c = 1;
    T(read(z, &c, 1));
    printf("/dev/zero still reads %d\n", c);
    char* s = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, z, 0);
    printf("/dev/zero shared: %s %d\n", s == MAP_FAILED ? en(errno) : "ok", s[10]);
    s[10] = 42;
    // A second view of the same shared memory (old_size 0 duplicates it).
    char* s2 = mremap(s, 0, 8192, MREMAP_MAYMOVE);
    printf("duplicate view: %s %d\n", s2 == MAP_FAILED ? en(errno) : "ok", s2 == MAP_FAILED ? -1 : s2[10]);
    int ro = MUST(open("/dev/zero", O_RDONLY));
    void* w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
    printf("/dev/zero O_RDONLY shared writable: %s\n", w == MAP_FAILED ? en(errno) : "ok");
    T(munmap(p, 8192));
    T(munmap(s, 8192));
    if (s2 != MAP_FAILED) T(munmap(s2, 8192));
    close(z);
    close(ro);
    return 0;
}
