// Hundreds of descriptors: numbering, reuse of the lowest, dup2 far out.
#include "common.h"

#define N 900

int main(void) {
    write_file("f", "x");
    static int fds[N];
    int ok = 1;
    for (int i = 0; i < N; ++i) {
        fds[i] = open("f", O_RDONLY);
        if (fds[i] != 3 + i) ok = 0;
    }
    printf("opened %d in order: %d\n", N, ok);
    for (int i = 1; i < N; i += 2) close(fds[i]);
    int reuse = 1;
    for (int i = 1; i < N; i += 2) {
        int fd = open("f", O_RDONLY);
        if (fd != fds[i]) reuse = 0;
    }
    printf("reopened the lowest free each time: %d\n", reuse);
    T(dup2(3, 1000));
    T(fcntl(1000, F_GETFD));
    T(fcntl(3, F_DUPFD, 950));
    T(close(1000));
    T(close(1000));
    for (int i = 0; i < N; ++i) close(fds[i]);
    close(950);
    T(open("f", O_RDONLY));           // 3 again
    return 0;
}
