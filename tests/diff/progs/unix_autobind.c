// Autobind: bind with only the family, SO_PASSCRED senders, and listen on
// an unbound socket.
#include "common.h"
#include <ctype.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static void pauto(const char* what, int fd) {
    struct sockaddr_un got;
    socklen_t glen = sizeof got;
    memset(&got, 0x55, sizeof got);
    if (getsockname(fd, (struct sockaddr*)&got, &glen) < 0) { printf("%s: %s\n", what, en(errno)); return; }
    int hex = 1;
    for (unsigned i = 1; i + 2 < glen; ++i) hex &= isxdigit((unsigned char)got.sun_path[i]) != 0;
    printf("%s: len=%u first=%d hex=%d\n", what, (unsigned)glen, got.sun_path[0], hex);
}

int main(void) {
    int s = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    pauto("unbound", s);
    T(listen(s, 1));
    sa_family_t fam = AF_UNIX;
    T(bind(s, (struct sockaddr*)&fam, sizeof fam));
    pauto("autobound", s);
    T(bind(s, (struct sockaddr*)&fam, sizeof fam));
    T(listen(s, 1));
    // Connect to the autobound name.
    struct sockaddr_un a;
    socklen_t alen = sizeof a;
    T(getsockname(s, (struct sockaddr*)&a, &alen));
    int c = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(connect(c, (struct sockaddr*)&a, alen));
    pauto("client after connect", c);
    // Two autobinds differ.
    int t = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    T(bind(t, (struct sockaddr*)&fam, sizeof fam));
    struct sockaddr_un b;
    socklen_t blen = sizeof b;
    T(getsockname(t, (struct sockaddr*)&b, &blen));
    printf("distinct %d\n", memcmp(a.sun_path, b.sun_path, 6) != 0);
    // A datagram sender with SO_PASSCRED gets a name on its first send.
    int r = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    int one = 1;
    T(setsockopt(r, SOL_SOCKET, SO_PASSCRED, &one, sizeof one));
    T(sendto(r, "x", 1, 0, (struct sockaddr*)&b, blen));
    pauto("passcred sender", r);
    char buf[4];
    struct sockaddr_un from;
    socklen_t flen = sizeof from;
    T(recvfrom(t, buf, sizeof buf, 0, (struct sockaddr*)&from, &flen));
    printf("from len=%u\n", (unsigned)flen);
    int q = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    T(sendto(q, "y", 1, 0, (struct sockaddr*)&b, blen));
    pauto("plain sender", q);
    // Bad lengths.
    T(bind(q, (struct sockaddr*)&fam, 1));
    T(bind(q, (struct sockaddr*)&a, sizeof a + 1));
    struct sockaddr_un w = {.sun_family = AF_INET};
    T(bind(q, (struct sockaddr*)&w, sizeof w));
    close(s); close(c); close(t); close(r); close(q);
    return 0;
}
