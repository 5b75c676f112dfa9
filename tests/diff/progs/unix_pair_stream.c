// socketpair(AF_UNIX, SOCK_STREAM): echo both ways, EOF after close, what
// fstat and /proc/self/fd show for a socket, write/read on sockets.
#include "common.h"
#include <sys/socket.h>
#include <sys/un.h>

int main(void) {
    int sv[2];
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    char buf[64];
    T(write(sv[0], "hello", 5));
    T(read(sv[1], buf, sizeof buf));
    T(send(sv[1], "world!", 6, 0));
    T(recv(sv[0], buf, sizeof buf, 0));
    printf("got %.6s\n", buf);
    // Writes coalesce on a stream.
    T(send(sv[0], "ab", 2, 0));
    T(send(sv[0], "cd", 2, 0));
    T(send(sv[0], "ef", 2, 0));
    T(recv(sv[1], buf, sizeof buf, 0));
    printf("got %.6s\n", buf);
    // A big transfer in pieces, with a checksum.
    static char big[300000];
    for (size_t i = 0; i < sizeof big; ++i) big[i] = (char)(i * 7);
    int sent = 0, recvd = 0;
    unsigned sum_in = 0, sum_out = 0;
    for (size_t i = 0; i < sizeof big; ++i) sum_in += (unsigned char)big[i] * (unsigned)(i % 13 + 1);
    while (recvd < (int)sizeof big) {
        if (sent < (int)sizeof big) {
            ssize_t n = send(sv[0], big + sent, sizeof big - sent, MSG_DONTWAIT);
            if (n > 0) sent += n;
        }
        char rb[8192];
        ssize_t n = recv(sv[1], rb, sizeof rb, MSG_DONTWAIT);
        for (ssize_t i = 0; i < n; ++i) sum_out += (unsigned char)rb[i] * (unsigned)((recvd + i) % 13 + 1);
        if (n > 0) recvd += n;
    }
    printf("big: %d bytes, sums %s\n", recvd, sum_in == sum_out ? "equal" : "differ");

    struct stat st;
    T(fstat(sv[0], &st));
    printf("fstat: %s mode=%o nlink=%lu size=%lld\n", ftype(st.st_mode), st.st_mode & 0777,
           (unsigned long)st.st_nlink, (long long)st.st_size);
    char p[64], t[64];
    snprintf(p, sizeof p, "/proc/self/fd/%d", sv[0]);
    ssize_t n = readlink(p, t, sizeof t - 1);
    if (n > 0) t[n] = 0;
    printf("readlink prefix ok: %d\n", n > 0 && strncmp(t, "socket:[", 8) == 0);
    T(lseek(sv[0], 0, SEEK_SET));
    T(fsync(sv[0]));
    int fl = fcntl(sv[0], F_GETFL);
    printf("F_GETFL rdwr=%d nonblock=%d\n", (fl & O_ACCMODE) == O_RDWR, !!(fl & O_NONBLOCK));

    // EOF once the other end closes, data first.
    T(send(sv[1], "last", 4, 0));
    T(close(sv[1]));
    T(recv(sv[0], buf, sizeof buf, 0));
    T(recv(sv[0], buf, sizeof buf, 0));
    T(read(sv[0], buf, sizeof buf));
    T(send(sv[0], "x", 1, MSG_NOSIGNAL));
    T(close(sv[0]));

    // SOCK_NONBLOCK | SOCK_CLOEXEC on the pair.
    T(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv));
    printf("nonblock=%d cloexec=%d\n", !!(fcntl(sv[0], F_GETFL) & O_NONBLOCK), fcntl(sv[1], F_GETFD));
    T(recv(sv[0], buf, sizeof buf, 0));
    T(read(sv[0], buf, sizeof buf));
    return 0;
}
