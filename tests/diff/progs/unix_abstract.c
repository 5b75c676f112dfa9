// Abstract names (sun_path[0] == 0): no file, exact lengths, EADDRINUSE,
// ECONNREFUSED once the owner closes, datagrams to an abstract name.
#include "common.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static socklen_t mk(struct sockaddr_un* a, const char* name) {
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    size_t n = strlen(name);
    memcpy(a->sun_path + 1, name, n);
    return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
}

int main(void) {
    char name[64];
    snprintf(name, sizeof name, "ukp-diff-abstract-%d", (int)getpid());
    struct sockaddr_un a, got;
    socklen_t alen = mk(&a, name);
    int l = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(bind(l, (struct sockaddr*)&a, alen));
    socklen_t glen = sizeof got;
    T(getsockname(l, (struct sockaddr*)&got, &glen));
    printf("len ok=%d first=%d same=%d\n", glen == alen, got.sun_path[0],
           memcmp(got.sun_path, a.sun_path, alen - 2) == 0);
    int l2 = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(bind(l2, (struct sockaddr*)&a, alen));
    // The name includes its length: a longer one is different.
    struct sockaddr_un b = a;
    T(bind(l2, (struct sockaddr*)&b, alen + 1));
    T(listen(l, 2));
    int c = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(connect(c, (struct sockaddr*)&b, alen + 1));  // l2 does not listen
    T(connect(c, (struct sockaddr*)&a, alen));
    int s = accept(l, NULL, NULL);
    printf("accepted %d\n", s >= 0);
    glen = sizeof got;
    T(getpeername(c, (struct sockaddr*)&got, &glen));
    printf("peer len ok=%d\n", glen == alen);
    char buf[8] = {0};
    T(send(s, "hi", 2, 0));
    T(recv(c, buf, sizeof buf, 0));
    T(close(l));
    int c2 = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(connect(c2, (struct sockaddr*)&a, alen));
    // The name is free again.
    int l3 = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(bind(l3, (struct sockaddr*)&a, alen));

    // Datagrams by abstract name, with the sender's name.
    char dn[64];
    snprintf(dn, sizeof dn, "ukp-diff-dgram-%d", (int)getpid());
    int d1 = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    int d2 = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    struct sockaddr_un da, sa;
    socklen_t dalen = mk(&da, dn);
    T(bind(d1, (struct sockaddr*)&da, dalen));
    T(sendto(d2, "unnamed", 7, 0, (struct sockaddr*)&da, dalen));
    glen = sizeof got;
    T(recvfrom(d1, buf, sizeof buf, 0, (struct sockaddr*)&got, &glen));
    printf("from unnamed: len=%u\n", (unsigned)glen);
    char sn[64];
    snprintf(sn, sizeof sn, "ukp-diff-sender-%d", (int)getpid());
    socklen_t salen = mk(&sa, sn);
    T(bind(d2, (struct sockaddr*)&sa, salen));
    T(sendto(d2, "named", 5, 0, (struct sockaddr*)&da, dalen));
    glen = sizeof got;
    T(recvfrom(d1, buf, sizeof buf, 0, (struct sockaddr*)&got, &glen));
    printf("from named: len ok=%d same=%d\n", glen == salen, memcmp(got.sun_path, sa.sun_path, salen - 2) == 0);
    close(d1);
    T(sendto(d2, "gone", 4, 0, (struct sockaddr*)&da, dalen));
    close(c); close(s); close(l2); close(c2); close(l3); close(d2);
    return 0;
}
