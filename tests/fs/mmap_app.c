// mmap of files on a hostfs volume (issue #5). usage: mmap_app DIR [RODIR]
// DIR is writable and empty; RODIR (optional) is a read-only mount holding
// ro.txt ("read-only volume\n"). Prints one "ok:" line per check, "FAIL:"
// lines otherwise; exit status 1 on any failure. The same source runs
// natively (on host directories) so the expectations are Linux's own.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;
static long page;
static char path_buf[4096];

static void check(int good, const char* what) {
    if (good) {
        printf("ok: %s\n", what);
    } else {
        printf("FAIL: %s (errno %s)\n", what, strerrorname_np(errno) ? strerrorname_np(errno) : "0");
        failures++;
    }
}

static const char* at(const char* dir, const char* name) {
    snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
    return path_buf;
}

static sigjmp_buf fault_env;
static volatile int fault_sig;
static void on_fault(int sig) {
    fault_sig = sig;
    siglongjmp(fault_env, 1);
}
// The signal a store to (or load from) p raises, 0 if none.
static int touch(volatile char* p, int store) {
    fault_sig = 0;
    if (sigsetjmp(fault_env, 1) == 0) {
        if (store) *p = 'x';
        else (void)*p;
    }
    return fault_sig;
}

static void shared_coherent(const char* dir) {
    int fd = open(at(dir, "shared.bin"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    check(fd >= 0 && ftruncate(fd, 2 * page) == 0, "shared: create a two-page file");
    char* m = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    check(m != MAP_FAILED, "shared: mmap MAP_SHARED read-write");
    if (m == MAP_FAILED) return;
    memcpy(m + 100, "through-map", 11);
    memcpy(m + page + 7, "second-page", 11);
    char buf[16] = {0};
    check(pread(fd, buf, 11, 100) == 11 && memcmp(buf, "through-map", 11) == 0,
          "shared: read() sees a store through the map");
    check(pread(fd, buf, 11, page + 7) == 11 && memcmp(buf, "second-page", 11) == 0,
          "shared: read() sees a store on the second page");
    check(pwrite(fd, "via-write", 9, 200) == 9 && memcmp(m + 200, "via-write", 9) == 0,
          "shared: the map sees write()");
    char* m2 = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, page);
    check(m2 != MAP_FAILED && memcmp(m2 + 7, "second-page", 11) == 0, "shared: a second map at an offset");
    memcpy(m + page + 20, "both", 4);
    check(m2 != MAP_FAILED && memcmp(m2 + 20, "both", 4) == 0, "shared: two maps of one file are one");
    check(msync(m, 2 * page, MS_SYNC) == 0, "shared: msync MS_SYNC");
    memcpy(m + 300, "left-for-the-host", 17);  // checked by the script after exit
    check(munmap(m2, page) == 0 && munmap(m, 2 * page) == 0, "shared: munmap");
    check(msync(m, page, MS_SYNC) == -1 && errno == ENOMEM, "munmap: the range is gone (msync ENOMEM)");
    char* again = mmap(m, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    check(again == m, "munmap: MAP_FIXED_NOREPLACE over the old range succeeds");
    if (again != MAP_FAILED) munmap(again, page);
    close(fd);
}

static void private_cow(const char* dir) {
    int fd = open(at(dir, "private.bin"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    check(fd >= 0 && write(fd, "original", 8) == 8, "private: create a file");
    char* m = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    check(m != MAP_FAILED && memcmp(m, "original", 8) == 0, "private: mmap MAP_PRIVATE shows the file");
    if (m == MAP_FAILED) return;
    memcpy(m, "CHANGED!", 8);
    char buf[8];
    check(pread(fd, buf, 8, 0) == 8 && memcmp(buf, "original", 8) == 0, "private: stores do not reach the file");
    check(msync(m, page, MS_SYNC) == 0 && pread(fd, buf, 8, 0) == 8 && memcmp(buf, "original", 8) == 0,
          "private: nor after msync");
    check(memcmp(m, "CHANGED!", 8) == 0, "private: the map keeps its own copy");
    munmap(m, page);
    close(fd);
}

static void protect(const char* dir) {
    int fd = open(at(dir, "prot.bin"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    check(fd >= 0 && ftruncate(fd, page) == 0, "mprotect: create a file");
    char* m = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 0);
    check(m != MAP_FAILED, "mprotect: map shared read-only");
    if (m == MAP_FAILED) return;
    check(touch(m, 1) == SIGSEGV, "mprotect: a store to PROT_READ faults");
    check(mprotect(m, page, PROT_READ | PROT_WRITE) == 0, "mprotect: add PROT_WRITE (file open O_RDWR)");
    memcpy(m, "after-mprotect", 14);
    char buf[14];
    check(pread(fd, buf, 14, 0) == 14 && memcmp(buf, "after-mprotect", 14) == 0,
          "mprotect: stores now reach the file");
    check(mprotect(m, page, PROT_NONE) == 0 && touch(m, 0) == SIGSEGV, "mprotect: PROT_NONE faults on load");
    munmap(m, page);

    int rd = open(at(dir, "prot.bin"), O_RDONLY);
    m = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, rd, 0);
    check(m == MAP_FAILED && errno == EACCES, "O_RDONLY: MAP_SHARED PROT_WRITE is EACCES");
    m = mmap(NULL, page, PROT_READ, MAP_SHARED, rd, 0);
    check(m != MAP_FAILED, "O_RDONLY: MAP_SHARED PROT_READ");
    check(mprotect(m, page, PROT_READ | PROT_WRITE) == -1 && errno == EACCES,
          "O_RDONLY: mprotect PROT_WRITE on the shared map is EACCES");
    munmap(m, page);
    m = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, rd, 0);
    check(m != MAP_FAILED && memcmp(m, "after-mprotect", 14) == 0, "O_RDONLY: MAP_PRIVATE PROT_WRITE");
    if (m != MAP_FAILED) munmap(m, page);
    int wr = open(at(dir, "prot.bin"), O_WRONLY);
    m = mmap(NULL, page, PROT_WRITE, MAP_SHARED, wr, 0);
    check(m == MAP_FAILED && errno == EACCES, "O_WRONLY: mmap is EACCES");
    close(wr);
    close(rd);
    close(fd);
}

static void eof_and_remap(const char* dir) {
    int fd = open(at(dir, "eof.bin"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    check(fd >= 0 && write(fd, "short", 5) == 5, "EOF: a five-byte file");
    char* m = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    check(m != MAP_FAILED, "EOF: map two pages of it");
    if (m == MAP_FAILED) return;
    check(m[5] == 0 && m[page - 1] == 0, "EOF: the rest of the last page reads zero");
    check(touch(m + page, 0) == SIGBUS, "EOF: the page past EOF raises SIGBUS");
    check(ftruncate(fd, 3 * page) == 0 && touch(m + page, 0) == 0, "EOF: after growing the file it reads");
    check(pwrite(fd, "third", 5, 2 * page) == 5, "mremap: data on the third page");
    char* g = mremap(m, 2 * page, 3 * page, MREMAP_MAYMOVE);
    check(g != MAP_FAILED && memcmp(g + 2 * page, "third", 5) == 0 && memcmp(g, "short", 5) == 0,
          "mremap: growing shows more of the file");
    if (g == MAP_FAILED) return;
    char* hole = mmap(NULL, 4 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char* moved = mremap(g, 3 * page, 2 * page, MREMAP_MAYMOVE | MREMAP_FIXED, hole + page);
    check(moved == hole + page && memcmp(moved, "short", 5) == 0, "mremap: MREMAP_FIXED moves and shrinks");
    memcpy(moved + page, "moved", 5);
    char buf[5];
    check(pread(fd, buf, 5, page) == 5 && memcmp(buf, "moved", 5) == 0, "mremap: the moved map is still shared");
    check(msync(g, page, MS_SYNC) == -1 && errno == ENOMEM, "mremap: the old range is gone");
    char* anon = mmap(moved, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    check(anon == moved && anon[0] == 0, "MAP_FIXED: anonymous memory over a host map");
    anon[0] = 'a';
    check(pread(fd, buf, 5, 0) == 5 && memcmp(buf, "short", 5) == 0, "MAP_FIXED: the file is no longer mapped there");
    check(munmap(hole, 4 * page) == 0, "munmap: across host and anonymous pieces");
    close(fd);
}

static void not_files(const char* dir) {
    int d = open(dir, O_RDONLY | O_DIRECTORY);
    void* m = mmap(NULL, page, PROT_READ, MAP_PRIVATE, d, 0);
    check(m == MAP_FAILED && errno == ENODEV, "a directory: ENODEV");
    close(d);
}

static void read_only_volume(const char* ro) {
    int fd = open(at(ro, "ro.txt"), O_RDONLY);
    check(fd >= 0, "ro volume: open ro.txt");
    char* m = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    check(m == MAP_FAILED && errno == EACCES, "ro volume: MAP_SHARED PROT_WRITE is EACCES");
    m = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 0);
    check(m != MAP_FAILED && memcmp(m, "read-only volume\n", 17) == 0, "ro volume: MAP_SHARED PROT_READ");
    if (m != MAP_FAILED) munmap(m, page);
    m = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    check(m != MAP_FAILED, "ro volume: MAP_PRIVATE PROT_WRITE");
    if (m != MAP_FAILED) {
        m[0] = 'R';
        check(m[0] == 'R', "ro volume: a private copy is writable");
        munmap(m, page);
    }
    close(fd);
}

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: mmap_app DIR [RODIR]\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    page = sysconf(_SC_PAGESIZE);
    struct sigaction sa = {0};
    sa.sa_handler = on_fault;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    shared_coherent(argv[1]);
    private_cow(argv[1]);
    protect(argv[1]);
    eof_and_remap(argv[1]);
    not_files(argv[1]);
    if (argc > 2) read_only_volume(argv[2]);
    return failures ? 1 : 0;
}
