// getaddrinfo with numeric hosts and no host: IPv4 (with inet_aton's
// shorthand), IPv6 (with scopes), V4MAPPED, the wildcard and loopback
// answers for a null host, every socket type, numeric ports at the edges.
#include "gai.h"

int main(void) {
    const char* v4[] = {"1.2.3.4", "127.0.0.1", "127.1", "10.1.2", "0x7f.1", "017.0.0.1", "4294967295", "0",
                        "256.1.1.1", "1.2.3.4.5", "1.2.3.", " 1.2.3.4", "0x100000000"};
    for (unsigned i = 0; i < sizeof v4 / sizeof *v4; ++i) gai(v4[i], "80", AF_UNSPEC, SOCK_STREAM, 0, AI_NUMERICHOST);
    const char* v6[] = {"::1", "::", "2001:db8::1", "fe80::1%lo", "fe80::1%1", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8",
                        "1::2::3", "1:2:3:4:5:6:7:8:9", ":1", "1:", "::1.2.3.4", "FE80::AbCd", "12345::1"};
    for (unsigned i = 0; i < sizeof v6 / sizeof *v6; ++i) gai(v6[i], "443", AF_UNSPEC, SOCK_DGRAM, 0, AI_NUMERICHOST);

    // Every socket type, family and the passive flag (ignored with a host).
    int families[] = {AF_UNSPEC, AF_INET, AF_INET6};
    int types[] = {0, SOCK_STREAM, SOCK_DGRAM, SOCK_RAW};
    for (int f = 0; f < 3; ++f)
        for (int t = 0; t < 4; ++t) {
            gai("127.0.0.1", NULL, families[f], types[t], 0, 0);
            gai("::1", NULL, families[f], types[t], 0, AI_PASSIVE);
        }
    // No host: the loopback address, or the wildcard when passive.
    for (int f = 0; f < 3; ++f) {
        gai(NULL, "8080", families[f], 0, 0, 0);
        gai(NULL, "8080", families[f], 0, 0, AI_PASSIVE);
        gai(NULL, "8080", families[f], SOCK_STREAM, 0, AI_PASSIVE | AI_NUMERICSERV);
    }
    // IPv4 in an IPv6 answer.
    gai("1.2.3.4", "80", AF_INET6, SOCK_STREAM, 0, AI_V4MAPPED);
    gai("1.2.3.4", "80", AF_INET6, SOCK_STREAM, 0, AI_V4MAPPED | AI_ALL);
    gai("1.2.3.4", "80", AF_INET6, SOCK_STREAM, 0, 0);
    gai("::1", "80", AF_INET, SOCK_STREAM, 0, AI_V4MAPPED);
    // The canonical name of a number is the number.
    gai("1.2.3.4", "80", AF_UNSPEC, 0, 0, AI_CANONNAME);
    gai("::1", "80", AF_UNSPEC, SOCK_STREAM, 0, AI_CANONNAME | AI_NUMERICHOST);
    // Protocols without a socket type, and the reverse.
    gai("1.2.3.4", "80", AF_INET, 0, IPPROTO_UDP, 0);
    gai("1.2.3.4", "80", AF_INET, 0, IPPROTO_TCP, 0);
    gai("1.2.3.4", NULL, AF_INET, SOCK_RAW, 99, 0);
    gai("1.2.3.4", NULL, AF_INET, 0, 99, 0);
    gai("1.2.3.4", "80", AF_INET, SOCK_SEQPACKET, 0, 0);
    // Numeric ports at the edges (glibc: strtoul, truncated to 16 bits).
    const char* ports[] = {"0", "1", "65535", "65536", "70000", "", " 22", "+22", "-1", "4294967295", "*", "8o"};
    for (unsigned i = 0; i < sizeof ports / sizeof *ports; ++i) gai("1.2.3.4", ports[i], AF_INET, SOCK_STREAM, 0, 0);
    gai("1.2.3.4", "8o", AF_INET, SOCK_STREAM, 0, AI_NUMERICSERV);
    return 0;
}
