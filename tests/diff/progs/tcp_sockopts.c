// Socket options on TCP sockets: their values after setting, SO_TYPE,
// SO_DOMAIN, SO_PROTOCOL, TCP_NODELAY, keepalive tuning, IP_TOS, SO_LINGER.
#include "net.h"

static void geti(int fd, int level, int name, const char* label) {
    int v = -7;
    socklen_t len = sizeof v;
    if (getsockopt(fd, level, name, &v, &len) < 0) printf("%s: %s\n", label, en(errno));
    else printf("%s = %d (len %u)\n", label, v, len);
}

int main(void) {
    int s = MUST(socket(AF_INET, SOCK_STREAM, 0));
    geti(s, SOL_SOCKET, SO_TYPE, "SO_TYPE");
    geti(s, SOL_SOCKET, SO_DOMAIN, "SO_DOMAIN");
    geti(s, SOL_SOCKET, SO_PROTOCOL, "SO_PROTOCOL");
    geti(s, SOL_SOCKET, SO_ERROR, "SO_ERROR");
    geti(s, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE");
    geti(s, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR");
    geti(s, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY");
    int one = 1, v;
    T(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    geti(s, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY");
    T(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one));
    geti(s, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE");
    v = 30;
    T(setsockopt(s, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof v));
    v = 5;
    T(setsockopt(s, IPPROTO_TCP, TCP_KEEPINTVL, &v, sizeof v));
    v = 3;
    T(setsockopt(s, IPPROTO_TCP, TCP_KEEPCNT, &v, sizeof v));
    geti(s, IPPROTO_TCP, TCP_KEEPIDLE, "TCP_KEEPIDLE");
    geti(s, IPPROTO_TCP, TCP_KEEPINTVL, "TCP_KEEPINTVL");
    geti(s, IPPROTO_TCP, TCP_KEEPCNT, "TCP_KEEPCNT");
    v = 0;
    T(setsockopt(s, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof v));  // EINVAL
    v = 0x10;
    T(setsockopt(s, IPPROTO_IP, IP_TOS, &v, sizeof v));
    geti(s, IPPROTO_IP, IP_TOS, "IP_TOS");
    struct linger lg = {.l_onoff = 1, .l_linger = 0};
    T(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    struct linger out = {0};
    socklen_t len = sizeof out;
    T(getsockopt(s, SOL_SOCKET, SO_LINGER, &out, &len));
    printf("SO_LINGER on=%d linger=%d\n", out.l_onoff, out.l_linger);
    struct timeval tv = {.tv_sec = 2, .tv_usec = 500000}, tout = {0};
    T(setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
    len = sizeof tout;
    T(getsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tout, &len));
    printf("SO_SNDTIMEO %ld.%06ld\n", (long)tout.tv_sec, (long)tout.tv_usec);
    T(close(s));

    // A reset on close with SO_LINGER 0: the peer sees ECONNRESET.
    int port;
    int l = listener4(1, &port);
    int c = connect4(port);
    int a = MUST(accept(l, NULL, NULL));
    T(setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    T(close(c));
    char buf[4];
    T(recv(a, buf, sizeof buf, 0));  // ECONNRESET
    T(close(a));
    T(close(l));
    return 0;
}
