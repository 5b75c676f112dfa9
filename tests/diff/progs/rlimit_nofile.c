// RLIMIT_NOFILE bounds the fd table: EMFILE.
#include "common.h"
#include <sys/resource.h>

int main(void) {
    struct rlimit old;
    getrlimit(RLIMIT_NOFILE, &old);
    struct rlimit rl = {16, old.rlim_max};   // only the soft limit: restored below
    T(setrlimit(RLIMIT_NOFILE, &rl));
    struct rlimit got;
    T(getrlimit(RLIMIT_NOFILE, &got));
    printf("cur=%lu max kept=%d\n", (unsigned long)got.rlim_cur, got.rlim_max == old.rlim_max);
    int n = 0, last = -1, err = 0;
    for (int i = 0; i < 64; ++i) {
        int fd = open("f", O_RDWR | O_CREAT, 0644);
        if (fd < 0) { err = errno; break; }
        last = fd;
        ++n;
    }
    printf("opened=%d last=%d err=%s\n", n, last, en(err));
    T(dup(3));                     // EMFILE
    T(fcntl(3, F_DUPFD, 0));       // EMFILE
    T(dup2(3, 16));                // EBADF: newfd >= limit
    T(dup2(3, 15));
    close(5);
    T(open("f", O_RDONLY));        // 5 again
    // give the descriptors back (sanitizer runtimes need some at exit)
    for (int fd = 3; fd < 16; ++fd) close(fd);
    T(setrlimit(RLIMIT_NOFILE, &old));
    return 0;
}
