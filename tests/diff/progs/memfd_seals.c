// memfd_create(2) and file seals: flags, the /proc/self/fd name, sizes and
// writes under each seal, shared mappings against F_SEAL_WRITE, a tmpfs
// file's and a pipe's answers.
#include "common.h"

#include <sys/mman.h>

#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010
#endif
#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC 0x0020
#endif
#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif

static void fd_name(int fd) {
    char link[64], target[256];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    target[n < 0 ? 0 : n] = '\0';
    printf("name: %s\n", target);
}

static void show_memfd(int fd) {
    struct stat st;
    MUST(fstat(fd, &st));
    printf("%s mode %o size %lld nlink %d seals %d\n", ftype(st.st_mode), (int)(st.st_mode & 07777),
           (long long)st.st_size, (int)st.st_nlink, fcntl(fd, F_GET_SEALS));
}

int main(void) {
    int fd = MUST(memfd_create("test file", MFD_CLOEXEC | MFD_ALLOW_SEALING));
    printf("cloexec %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    fd_name(fd);
    show_memfd(fd);
    T(write(fd, "hello memfd\n", 12));
    T(ftruncate(fd, 8192));
    show_memfd(fd);

    T(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK));
    T(ftruncate(fd, 100));
    T(ftruncate(fd, 10000));
    T(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
    T(ftruncate(fd, 20000));
    T(pwrite(fd, "x", 1, 9999));
    T(pwrite(fd, "xy", 2, 9999));
    T(fallocate(fd, 0, 0, 20000));
    T(fcntl(fd, F_ADD_SEALS, 0x100));

    // F_SEAL_WRITE with a shared writable mapping: EBUSY until it is gone.
    char* p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf("shared map %s\n", p == MAP_FAILED ? en(errno) : "ok");
    T(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    T(munmap(p, 4096));
    T(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    T(write(fd, "z", 1));
    T(pwrite(fd, "z", 1, 0));
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf("shared writable map %s\n", p == MAP_FAILED ? en(errno) : "ok");
    p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    printf("shared read map %s\n", p == MAP_FAILED ? en(errno) : "ok");
    if (p != MAP_FAILED) {
        printf("reads: %.11s\n", p);
        T(mprotect(p, 4096, PROT_READ | PROT_WRITE));
        munmap(p, 4096);
    }
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    printf("private writable map %s\n", p == MAP_FAILED ? en(errno) : "ok");
    if (p != MAP_FAILED) munmap(p, 4096);
    T(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL));
    T(fcntl(fd, F_ADD_SEALS, F_SEAL_EXEC));
    show_memfd(fd);
    close(fd);

    // Without MFD_ALLOW_SEALING: sealed against sealing.
    fd = MUST(memfd_create("plain", 0));
    printf("cloexec %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    show_memfd(fd);
    T(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    close(fd);

    // F_SEAL_EXEC: no exec bits may change. MFD_NOEXEC_SEAL: none to begin with.
    fd = MUST(memfd_create("exec", MFD_ALLOW_SEALING));
    T(fcntl(fd, F_ADD_SEALS, F_SEAL_EXEC));
    T(fchmod(fd, 0644));
    T(fchmod(fd, 0777));
    close(fd);
    fd = MUST(memfd_create("noexec", MFD_NOEXEC_SEAL));
    show_memfd(fd);
    T(fchmod(fd, 0755));
    close(fd);

    // Bad flags and names.
    char name[300];
    memset(name, 'n', sizeof name);
    name[249] = '\0';
    OK(fd = memfd_create(name, 0));
    close(fd);
    name[249] = 'n';
    name[250] = '\0';
    T(memfd_create(name, 0));
    T(memfd_create("x", 0x80));
    T(memfd_create(NULL, 0));

    // A tmpfs file and a pipe.
    int f = MUST(open("file", O_RDWR | O_CREAT, 0644));
    T(fcntl(f, F_GET_SEALS));
    T(fcntl(f, F_ADD_SEALS, F_SEAL_WRITE));
    int pfd[2];
    MUST(pipe(pfd));
    T(fcntl(pfd[0], F_GET_SEALS));
    T(fcntl(pfd[1], F_ADD_SEALS, F_SEAL_WRITE));
    return 0;
}
