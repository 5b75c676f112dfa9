// getnameinfo without the network: numeric hosts and services, the text
// form of IPv6 addresses (zero runs, embedded IPv4, scopes), buffer sizes
// (EAI_OVERFLOW), bad flags and families; round trips from getaddrinfo.
#include "gai.h"

static void v4(const char* addr, int port, int flags, socklen_t salen, size_t hl, size_t sl) {
    struct sockaddr_in s;
    memset(&s, 0, sizeof s);
    s.sin_family = AF_INET;
    s.sin_port = htons(port);
    inet_pton(AF_INET, addr, &s.sin_addr);
    char h[NI_MAXHOST] = "-", sv[NI_MAXSERV] = "-";
    int rc = getnameinfo((struct sockaddr*)&s, salen, hl ? h : NULL, hl, sl ? sv : NULL, sl, flags);
    printf("v4 %s:%d flags=%#x salen=%u hl=%zu sl=%zu = %d host=%s serv=%s\n", addr, port, flags, salen, hl, sl, rc,
           h, sv);
}

static void v6(const char* addr, int port, int flags, unsigned scope) {
    struct sockaddr_in6 s;
    memset(&s, 0, sizeof s);
    s.sin6_family = AF_INET6;
    s.sin6_port = htons(port);
    s.sin6_scope_id = scope;
    inet_pton(AF_INET6, addr, &s.sin6_addr);
    char h[NI_MAXHOST] = "-", sv[NI_MAXSERV] = "-";
    int rc = getnameinfo((struct sockaddr*)&s, sizeof s, h, sizeof h, sv, sizeof sv, flags);
    printf("v6 %s:%d flags=%#x scope=%u = %d host=%s serv=%s\n", addr, port, flags, scope, rc, h, sv);
}

int main(void) {
    const int N = NI_NUMERICHOST;
    v4("1.2.3.4", 80, N, 16, NI_MAXHOST, NI_MAXSERV);
    v4("1.2.3.4", 80, N | NI_NUMERICSERV, 16, NI_MAXHOST, NI_MAXSERV);
    v4("1.2.3.4", 80, N | NI_DGRAM, 16, NI_MAXHOST, NI_MAXSERV);
    v4("1.2.3.4", 53, N | NI_DGRAM, 16, NI_MAXHOST, NI_MAXSERV);
    v4("1.2.3.4", 22, N, 16, NI_MAXHOST, NI_MAXSERV);
    v4("1.2.3.4", 0, N, 16, NI_MAXHOST, NI_MAXSERV);
    v4("1.2.3.4", 65535, N, 16, NI_MAXHOST, NI_MAXSERV);
    v4("255.255.255.255", 1, N | NI_NUMERICSERV, 16, NI_MAXHOST, NI_MAXSERV);
    v4("0.0.0.0", 443, N, 16, NI_MAXHOST, NI_MAXSERV);
    v4("1.2.3.4", 80, N, 15, NI_MAXHOST, NI_MAXSERV);
    v4("1.2.3.4", 80, N, 17, NI_MAXHOST, NI_MAXSERV);
    v4("1.2.3.4", 80, N, 0, NI_MAXHOST, NI_MAXSERV);
    v4("1.2.3.4", 80, N, 16, 8, NI_MAXSERV);
    v4("1.2.3.4", 80, N, 16, 7, NI_MAXSERV);
    v4("1.2.3.4", 80, N, 16, NI_MAXHOST, 5);
    v4("1.2.3.4", 80, N, 16, NI_MAXHOST, 4);
    v4("1.2.3.4", 80, N | NI_NUMERICSERV, 16, NI_MAXHOST, 3);
    v4("1.2.3.4", 80, N | NI_NUMERICSERV, 16, NI_MAXHOST, 2);
    v4("1.2.3.4", 80, N, 16, 0, 0);
    v4("1.2.3.4", 80, N, 16, 0, NI_MAXSERV);
    v4("1.2.3.4", 80, N | NI_NAMEREQD, 16, 0, 0);
    v4("1.2.3.4", 80, 0x4000, 16, NI_MAXHOST, NI_MAXSERV);
    v6("::1", 22, N, 0);
    v6("::", 0, N, 0);
    v6("2001:db8::1", 443, N, 0);
    v6("2001:db8:0:0:1:0:0:1", 443, N, 0);
    v6("2001:0:0:1:0:0:0:1", 443, N, 0);
    v6("1:2:3:4:5:6:7:8", 443, N, 0);
    v6("1::", 443, N, 0);
    v6("::ffff:1.2.3.4", 443, N, 0);
    v6("::1.2.3.4", 443, N, 0);
    v6("::ffff:0:1.2.3.4", 443, N, 0);
    v6("fe80::1", 22, N, 1);
    v6("fe80::1", 22, N, 77);
    v6("ff02::1", 22, N, 1);
    v6("2001:db8::1", 22, N, 1);
    struct sockaddr_in6 s6;
    memset(&s6, 0, sizeof s6);
    s6.sin6_family = AF_INET6;
    char h[64];
    printf("short v6 = %d\n", getnameinfo((struct sockaddr*)&s6, sizeof s6 - 1, h, sizeof h, NULL, 0, N));
    s6.sin6_family = AF_APPLETALK;
    printf("appletalk = %d\n", getnameinfo((struct sockaddr*)&s6, sizeof s6, h, sizeof h, NULL, 0, N));
    printf("null sa = %d\n", getnameinfo(NULL, 16, h, sizeof h, NULL, 0, N));

    // Round trips: what getaddrinfo made, getnameinfo gives back.
    const char* hosts[] = {"10.0.0.1", "::1", "fe80::2%1", "2001:db8::abcd"};
    for (int i = 0; i < 4; ++i) {
        struct addrinfo hints, *res;
        memset(&hints, 0, sizeof hints);
        hints.ai_flags = AI_NUMERICHOST;
        hints.ai_socktype = SOCK_STREAM;
        if (getaddrinfo(hosts[i], "22", &hints, &res)) {
            printf("getaddrinfo(%s) failed\n", hosts[i]);
            continue;
        }
        char host[NI_MAXHOST], serv[NI_MAXSERV];
        int rc = getnameinfo(res->ai_addr, res->ai_addrlen, host, sizeof host, serv, sizeof serv, N);
        printf("round trip %s -> %d %s %s\n", hosts[i], rc, host, serv);
        freeaddrinfo(res);
    }
    return 0;
}
