// MAP_SHARED of a file is coherent with read() and write() both ways, at
// page boundaries and for a hole filled through the mapping.
#include "common.h"

#include <sys/mman.h>

int main(void) {
    int fd = MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    MUST(ftruncate(fd, 3 * 4096));
    MUST(pwrite(fd, "hello", 5, 0));
    char* p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) { printf("mmap %s\n", en(errno)); return 1; }
    printf("map sees write: %.5s\n", p);

    // Stores through the map are what read() returns.
    memcpy(p + 4096 - 2, "ABCD", 4);  // across a page boundary
    memcpy(p + 2 * 4096 + 100, "hole", 4);  // a page that was a hole
    char buf[8] = {0};
    T(pread(fd, buf, 4, 4096 - 2));
    printf("read sees map: %.4s\n", buf);
    T(pread(fd, buf, 4, 2 * 4096 + 100));
    printf("read sees map in hole: %.4s\n", buf);

    // write() after the map: the map sees it at once.
    T(pwrite(fd, "WXYZ", 4, 4096 + 10));
    printf("map sees pwrite: %.4s\n", p + 4096 + 10);
    T(lseek(fd, 0, SEEK_SET));
    T(write(fd, "J", 1));
    printf("map sees write: %c\n", p[0]);

    // write() from the map's own memory into the same file.
    T(pwrite(fd, p, 5, 200));
    printf("copy inside file: %.5s\n", p + 200);

    struct stat st;
    MUST(fstat(fd, &st));
    printf("size %lld\n", (long long)st.st_size);
    // MADV_DONTNEED on a shared file map drops nothing of the file.
    T(madvise(p, 3 * 4096, MADV_DONTNEED));
    printf("after DONTNEED: %.4s %.4s\n", p + 4096 - 2, p + 2 * 4096 + 100);
    T(madvise(p, 3 * 4096, MADV_WILLNEED));
    T(posix_madvise(p, 4096, POSIX_MADV_SEQUENTIAL));
    T(msync(p, 3 * 4096, MS_SYNC));
    T(munmap(p, 3 * 4096));
    // The data outlives the map.
    T(pread(fd, buf, 4, 4096 - 2));
    printf("after munmap: %.4s\n", buf);
    close(fd);

    // A second open sees the same file.
    int fd2 = MUST(open("f", O_RDONLY));
    char* q = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd2, 0);
    if (q == MAP_FAILED) { printf("mmap2 %s\n", en(errno)); return 1; }
    printf("reopened map: %.5s\n", q);
    T(munmap(q, 4096));
    close(fd2);
    return 0;
}
