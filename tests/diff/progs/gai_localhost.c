// "localhost" as every Debian /etc/hosts has it (127.0.0.1 first): IPv4
// answers for every socket type and flag, the canonical name,
// gethostbyname(_r)/gethostbyname2 and the h_errno of misses, and
// getnameinfo's way back to the name.
#include "gai.h"

static void show_hostent(const char* what, const struct hostent* he) {
    if (!he) {
        printf("%s = NULL h_errno=%d\n", what, h_errno);
        return;
    }
    printf("%s: name=%s type=%d length=%d\n", what, he->h_name, he->h_addrtype, he->h_length);
    for (char** a = he->h_aliases; *a; ++a) printf("  alias %s\n", *a);
    for (char** a = he->h_addr_list; *a; ++a) {
        char buf[INET6_ADDRSTRLEN];
        inet_ntop(he->h_addrtype, *a, buf, sizeof buf);
        printf("  addr %s\n", buf);
    }
}

int main(void) {
    int types[] = {0, SOCK_STREAM, SOCK_DGRAM, SOCK_RAW};
    int flags[] = {0, AI_CANONNAME, AI_PASSIVE, AI_NUMERICSERV, AI_CANONNAME | AI_PASSIVE};
    for (int t = 0; t < 4; ++t)
        for (int f = 0; f < 5; ++f) gai("localhost", t == 3 ? NULL : "80", AF_INET, types[t], 0, flags[f]);
    gai("localhost", "http", AF_INET, SOCK_STREAM, 0, AI_CANONNAME);
    gai("LOCALHOST", "80", AF_INET, SOCK_STREAM, 0, AI_CANONNAME);
    gai("localhost", "80", AF_INET, SOCK_STREAM, 0, AI_NUMERICHOST);

    show_hostent("gethostbyname(localhost)", gethostbyname("localhost"));
    show_hostent("gethostbyname2(localhost, AF_INET)", gethostbyname2("localhost", AF_INET));
    show_hostent("gethostbyname(127.0.0.1)", gethostbyname("127.0.0.1"));
    show_hostent("gethostbyname(127.1)", gethostbyname("127.1"));
    show_hostent("gethostbyname2(::1, AF_INET6)", gethostbyname2("::1", AF_INET6));
    show_hostent("gethostbyname(::1)", gethostbyname("::1"));
    show_hostent("gethostbyname2(1.2.3.4, AF_INET6)", gethostbyname2("1.2.3.4", AF_INET6));
    show_hostent("gethostbyname()", gethostbyname(""));
    struct hostent he, *result = NULL;
    char buf[1024];
    int herr = 0;
    int rc = gethostbyname_r("localhost", &he, buf, sizeof buf, &result, &herr);
    // (h_errnop after a success is unspecified: glibc leaves a stale value.)
    printf("gethostbyname_r = %d same=%d\n", rc, result == &he);
    if (result) show_hostent("  gethostbyname_r", result);
    rc = gethostbyname_r("localhost", &he, buf, 8, &result, &herr);
    printf("gethostbyname_r(small) = %d result=%s\n", rc, result ? "set" : "NULL");
    result = &he;
    rc = gethostbyname_r("1.2.3.4", &he, buf, sizeof buf, &result, &herr);
    printf("gethostbyname_r(1.2.3.4) = %d result=%s\n", rc, result ? "set" : "NULL");
    rc = gethostbyname2_r("1.2.3.4", AF_INET6, &he, buf, sizeof buf, &result, &herr);
    printf("gethostbyname2_r(1.2.3.4, AF_INET6) = %d result=%s herr=%d\n", rc, result ? "set" : "NULL", herr);

    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(80);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    int fl[] = {0, NI_NAMEREQD, NI_NUMERICHOST, NI_NUMERICSERV, NI_DGRAM, NI_NOFQDN};
    for (int i = 0; i < 6; ++i) {
        strcpy(host, "-");
        strcpy(serv, "-");
        rc = getnameinfo((struct sockaddr*)&a, sizeof a, host, sizeof host, serv, sizeof serv, fl[i]);
        printf("getnameinfo(127.0.0.1:80, %#x) = %d host=%s serv=%s\n", fl[i], rc, host, serv);
    }
    struct in_addr lo = {htonl(INADDR_LOOPBACK)};
    show_hostent("gethostbyaddr(127.0.0.1)", gethostbyaddr(&lo, 4, AF_INET));
    return 0;
}
