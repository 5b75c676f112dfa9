// Error paths of the socket calls on AF_UNIX: bad families, types and
// protocols, bad lengths, ENOTSOCK, EISCONN, ENOTCONN, EOPNOTSUPP; and the
// options every socket has.
#include "common.h"
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/un.h>

int main(void) {
    T(socket(9999, SOCK_STREAM, 0));
    T(socket(-1, SOCK_STREAM, 0));
    T(socket(AF_UNIX, 11, 0));
    T(socket(AF_UNIX, SOCK_STREAM | 0x100, 0));
    T(socket(AF_UNIX, SOCK_RDM, 0));
    T(socket(AF_UNIX, SOCK_STREAM, 5));
    int raw = socket(AF_UNIX, SOCK_RAW, 0);
    int v = 0;
    socklen_t l = sizeof v;
    getsockopt(raw, SOL_SOCKET, SO_TYPE, &v, &l);
    printf("raw -> type %d\n", v);
    close(raw);
    int sv[2];
    T(socketpair(AF_UNIX, 9, 0, sv));

    int s = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    int d = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    write_file("reg", "x");
    int f = MUST(open("reg", O_RDONLY));
    struct sockaddr_un a = {AF_UNIX, "e.sock"};
    T(bind(f, (struct sockaddr*)&a, sizeof a));
    T(listen(f, 1));
    T(send(f, "x", 1, 0));
    T(recv(f, &v, 1, 0));
    T(getsockopt(f, SOL_SOCKET, SO_TYPE, &v, &l));
    T(shutdown(f, SHUT_RD));
    T(bind(-1, (struct sockaddr*)&a, sizeof a));
    T(bind(s, (struct sockaddr*)&a, 200));
    T(bind(s, (struct sockaddr*)&a, 0));
    T(bind(s, NULLP, sizeof a));
    T(connect(s, (struct sockaddr*)&a, 1));
    T(send(s, "x", 1, MSG_NOSIGNAL));
    T(recv(s, &v, 1, MSG_DONTWAIT));
    T(sendto(s, "x", 1, MSG_NOSIGNAL, (struct sockaddr*)&a, sizeof a));
    T(getpeername(s, (struct sockaddr*)&a, &l));
    T(listen(d, 1));
    T(send(d, "x", 1, 0));

    // Connected stream: EISCONN for an address, ENOTSOCK for a pipe.
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    T(sendto(sv[0], "x", 1, 0, (struct sockaddr*)&a, sizeof a));
    T(connect(sv[0], (struct sockaddr*)&a, sizeof a));
    T(listen(sv[0], 1));
    int p[2];
    T(pipe(p));
    T(send(p[1], "x", 1, 0));

    // Options.
    l = sizeof v;
    T(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &l)); printf("type %d len %u\n", v, (unsigned)l);
    T(getsockopt(d, SOL_SOCKET, SO_DOMAIN, &v, &l)); printf("domain %d\n", v);
    T(getsockopt(d, SOL_SOCKET, SO_PROTOCOL, &v, &l)); printf("protocol %d\n", v);
    T(getsockopt(s, SOL_SOCKET, SO_ACCEPTCONN, &v, &l)); printf("acceptconn %d\n", v);
    T(getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &l)); printf("error %d\n", v);
    T(getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &l)); printf("sndbuf %d\n", v);
    v = 10000;
    T(setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof v));
    T(getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &l)); printf("sndbuf %d\n", v);
    v = 1;
    T(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof v));
    T(getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &l)); printf("rcvbuf min %d\n", v);
    T(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, 2));
    T(setsockopt(s, SOL_SOCKET, 9999, &v, sizeof v));
    T(getsockopt(s, SOL_SOCKET, 9999, &v, &l));
    T(getsockopt(s, IPPROTO_TCP, 1, &v, &l));
    T(setsockopt(s, IPPROTO_TCP, 1, &v, sizeof v));
    v = 1;
    T(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v));
    v = 0;
    T(getsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, &l)); printf("reuseaddr %d\n", v);
    struct timeval tv = {1, 500000}, tv2 = {0, 0};
    T(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    l = sizeof tv2;
    T(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv2, &l));
    printf("rcvtimeo %ld.%06ld len %u\n", (long)tv2.tv_sec, (long)tv2.tv_usec, (unsigned)l);
    tv.tv_usec = 2000000;
    T(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    T(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, 4));
    l = 2;
    v = 0;
    T(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &l)); printf("short len %u\n", (unsigned)l);
    int neg = -1;
    T(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, (socklen_t*)&neg));
    T(isatty(s));
    int n = -1;
    T(ioctl(sv[0], FIONREAD, &n));
    printf("fionread %d\n", n);
    unlink("reg");
    return 0;
}
