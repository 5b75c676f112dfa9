// TCP over ::1, and a dual-stack [::] listener that accepts an IPv4 client
// (seen v4-mapped), unless IPV6_V6ONLY is set.
#include "net.h"

static void show6(const char* what, const struct sockaddr_in6* a) {
    char text[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    printf("%s: family=%d addr=%s\n", what, a->sin6_family, text);
}

int main(void) {
    int l = MUST(socket(AF_INET6, SOCK_STREAM, 0));
    int v6only = -1;
    socklen_t len = sizeof v6only;
    T(getsockopt(l, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &len));
    printf("IPV6_V6ONLY default = %d\n", v6only);
    struct sockaddr_in6 any = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_ANY_INIT};
    T(bind(l, (struct sockaddr*)&any, sizeof any));
    T(listen(l, 4));
    int port = port_of(l);
    struct sockaddr_in6 name;
    len = sizeof name;
    T(getsockname(l, (struct sockaddr*)&name, &len));
    printf("getsockname len=%u\n", len);
    show6("listener", &name);

    int c6 = MUST(socket(AF_INET6, SOCK_STREAM, 0));
    struct sockaddr_in6 to6 = lo6(port);
    T(connect(c6, (struct sockaddr*)&to6, sizeof to6));
    struct sockaddr_in6 peer;
    len = sizeof peer;
    int s6 = MUST(accept(l, (struct sockaddr*)&peer, &len));
    show6("v6 client", &peer);
    T(send(c6, "six", 3, 0));
    char buf[8] = {0};
    T(recv(s6, buf, sizeof buf, 0));
    printf("got '%s'\n", buf);

    int c4 = MUST(socket(AF_INET, SOCK_STREAM, 0));
    struct sockaddr_in to4 = lo4(port);
    T(connect(c4, (struct sockaddr*)&to4, sizeof to4));
    len = sizeof peer;
    int s4 = MUST(accept(l, (struct sockaddr*)&peer, &len));
    show6("v4 client, seen by the v6 listener", &peer);
    T(send(s4, "four", 4, 0));
    memset(buf, 0, sizeof buf);
    T(recv(c4, buf, sizeof buf, 0));
    printf("got '%s'\n", buf);

    // A v6-only listener refuses IPv4.
    int o = MUST(socket(AF_INET6, SOCK_STREAM, 0));
    int one = 1;
    T(setsockopt(o, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one));
    T(bind(o, (struct sockaddr*)&any, sizeof any));
    T(listen(o, 1));
    int c = MUST(socket(AF_INET, SOCK_STREAM, 0));
    struct sockaddr_in to = lo4(port_of(o));
    T(connect(c, (struct sockaddr*)&to, sizeof to));  // ECONNREFUSED
    T(setsockopt(o, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one));  // EINVAL after bind
    int s = MUST(socket(AF_INET, SOCK_STREAM, 0));
    T(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one));  // ENOPROTOOPT on IPv4
    T(bind(s, (struct sockaddr*)&to6, sizeof to6));  // EAFNOSUPPORT: v6 address, v4 socket
    T(bind(l, (struct sockaddr*)&to4, sizeof to4));  // EINVAL: short for AF_INET6
    return 0;
}
