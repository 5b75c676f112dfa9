// Service names netbase's /etc/services has on every Debian machine, for
// each socket type and protocol; unknown names and types without services;
// getservbyname/getservbyport (names, ports, protocols; not aliases).
#include "gai.h"

int main(void) {
    const char* names[] = {"http", "www", "ssh", "domain", "smtp", "ftp", "telnet", "ntp", "tftp", "pop3",
                           "imaps", "ldap", "mysql", "postgresql", "HTTP", "nope"};
    int types[] = {0, SOCK_STREAM, SOCK_DGRAM};
    for (unsigned i = 0; i < sizeof names / sizeof *names; ++i)
        for (int t = 0; t < 3; ++t) gai("1.2.3.4", names[i], AF_INET, types[t], 0, 0);
    gai("1.2.3.4", "domain", AF_INET, 0, IPPROTO_UDP, 0);
    gai("1.2.3.4", "ssh", AF_INET6, SOCK_STREAM, 0, AI_V4MAPPED);
    gai(NULL, "ssh", AF_INET, 0, 0, AI_PASSIVE);

    const char* sn[][2] = {{"http", "tcp"}, {"www", "tcp"}, {"http", NULL}, {"ntp", NULL}, {"domain", "udp"},
                           {"http", "udp"}, {"nope", NULL}, {"ssh", "sctp"}};
    for (unsigned i = 0; i < sizeof sn / sizeof *sn; ++i) {
        struct servent* se = getservbyname(sn[i][0], sn[i][1]);
        if (se) printf("getservbyname(%s, %s) = %s %d/%s\n", sn[i][0], sn[i][1] ? sn[i][1] : "NULL", se->s_name,
                       ntohs(se->s_port), se->s_proto);
        else printf("getservbyname(%s, %s) = NULL\n", sn[i][0], sn[i][1] ? sn[i][1] : "NULL");
    }
    int ports[] = {22, 53, 80, 9};
    for (unsigned i = 0; i < sizeof ports / sizeof *ports; ++i) {
        struct servent* se = getservbyport(htons(ports[i]), "udp");
        printf("getservbyport(%d, udp) = %s\n", ports[i], se ? se->s_name : "NULL");
        se = getservbyport(htons(ports[i]), NULL);
        printf("getservbyport(%d, NULL) = %s/%s\n", ports[i], se ? se->s_name : "NULL", se ? se->s_proto : "-");
    }
    struct servent se, *res = NULL;
    char buf[8];
    printf("getservbyname_r(small) = %d\n", getservbyname_r("http", "tcp", &se, buf, sizeof buf, &res));
    struct servent se2, *res2 = NULL;
    char big[1024];
    int rc = getservbyname_r("https", "tcp", &se2, big, sizeof big, &res2);
    printf("getservbyname_r = %d %s\n", rc, res2 ? res2->s_name : "NULL");
    return 0;
}
