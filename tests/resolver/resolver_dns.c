// ukp only: getaddrinfo, gethostbyname and getnameinfo answered by the
// kernel's DNS client, against a fake server thread on 127.0.0.1:53 inside
// the same kernel. Covers A, AAAA, CNAME chains, NXDOMAIN (EAI_NONAME), an
// empty answer (EAI_NODATA), SERVFAIL and silence (EAI_AGAIN within the
// configured timeout), PTR, search domains, /etc/hosts edits seen at once,
// the boot-time defaults and AI_ADDRCONFIG on a loopback-only kernel.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int failures;
#define CHECK(cond, ...)                                   \
    do {                                                   \
        if (cond) {                                        \
            printf("ok   ");                               \
        } else {                                           \
            printf("FAIL ");                               \
            ++failures;                                    \
        }                                                  \
        printf(__VA_ARGS__);                               \
        printf("\n");                                      \
    } while (0)

// ---- the fake server ----

static int server_fd;
static volatile int queries;

static size_t put_name(unsigned char* p, const char* name) {
    size_t n = 0;
    while (*name) {
        const char* dot = strchr(name, '.');
        size_t len = dot ? (size_t)(dot - name) : strlen(name);
        p[n++] = (unsigned char)len;
        memcpy(p + n, name, len);
        n += len;
        name += len + (dot ? 1 : 0);
    }
    p[n++] = 0;
    return n;
}

static size_t put_rr(unsigned char* p, const char* owner, int type, const void* data, size_t len) {
    size_t n = put_name(p, owner);
    unsigned char fixed[10] = {0, (unsigned char)type, 0, 1, 0, 0, 0, 60, (unsigned char)(len >> 8),
                               (unsigned char)len};
    memcpy(p + n, fixed, 10);
    memcpy(p + n + 10, data, len);
    return n + 10 + len;
}

static size_t put_a(unsigned char* p, const char* owner, const char* addr) {
    unsigned char a[4];
    inet_pton(AF_INET, addr, a);
    return put_rr(p, owner, 1, a, 4);
}

static size_t put_aaaa(unsigned char* p, const char* owner, const char* addr) {
    unsigned char a[16];
    inet_pton(AF_INET6, addr, a);
    return put_rr(p, owner, 28, a, 16);
}

static size_t put_ptr_like(unsigned char* p, const char* owner, int type, const char* target) {
    unsigned char t[256];
    size_t tl = put_name(t, target);
    return put_rr(p, owner, type, t, tl);
}

static void* server(void* arg) {
    (void)arg;
    for (;;) {
        unsigned char q[512], r[1024];
        struct sockaddr_in from;
        socklen_t fl = sizeof from;
        ssize_t n = recvfrom(server_fd, q, sizeof q, 0, (struct sockaddr*)&from, &fl);
        if (n < 12) continue;
        ++queries;
        // The question: one uncompressed name, type, class.
        char name[256];
        size_t off = 12, nl = 0;
        while (off < (size_t)n && q[off]) {
            if (nl) name[nl++] = '.';
            memcpy(name + nl, q + off + 1, q[off]);
            nl += q[off];
            off += 1 + q[off];
        }
        name[nl] = 0;
        for (size_t i = 0; i < nl; ++i) name[i] = (char)tolower((unsigned char)name[i]);  // names are case-blind
        int type = q[off + 2];
        size_t qend = off + 5;
        if (strcmp(name, "slow.test") == 0) continue;  // never answers
        memcpy(r, q, qend);
        r[2] = 0x81;  // QR, RD
        r[3] = 0x80;  // RA, rcode 0
        r[6] = r[7] = 0;
        size_t len = qend;
        int an = 0;
        if (strcmp(name, "example.test") == 0 || strcmp(name, "alias.test") == 0 ||
            strcmp(name, "chain.test") == 0) {
            if (strcmp(name, "chain.test") == 0) {
                len += put_ptr_like(r + len, "chain.test", 5, "alias.test"), ++an;
                len += put_ptr_like(r + len, "alias.test", 5, "example.test"), ++an;
            } else if (strcmp(name, "alias.test") == 0) {
                len += put_ptr_like(r + len, "alias.test", 5, "example.test"), ++an;
            }
            if (type == 1) {
                len += put_a(r + len, "example.test", "192.0.2.10"), ++an;
                len += put_a(r + len, "other.test", "192.0.2.66"), ++an;  // not ours: ignored
                len += put_a(r + len, "example.test", "192.0.2.11"), ++an;
            } else if (type == 28) {
                len += put_aaaa(r + len, "example.test", "2001:db8::10"), ++an;
            }
        } else if (strcmp(name, "v6only.test") == 0 && type == 28) {
            len += put_aaaa(r + len, name, "2001:db8::6"), ++an;
        } else if (strcmp(name, "v6only.test") == 0 || strcmp(name, "noaddr.test") == 0) {
            // NODATA: the name exists, no record of the type.
        } else if (strcmp(name, "10.2.0.192.in-addr.arpa") == 0 && type == 12) {
            len += put_ptr_like(r + len, name, 12, "host10.example.test"), ++an;
        } else if (strcmp(name, "servfail.test") == 0) {
            r[3] = 0x82;
        } else {
            r[3] = 0x83;  // NXDOMAIN
        }
        r[6] = (unsigned char)(an >> 8);
        r[7] = (unsigned char)an;
        sendto(server_fd, r, len, 0, (struct sockaddr*)&from, fl);
    }
    return NULL;
}

// ---- helpers ----

static void write_file(const char* path, const char* text, const char* mode) {
    FILE* f = fopen(path, mode);
    if (!f) {
        perror(path);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
}

static int lookup(const char* host, int family, int flags, char* out, size_t cap, char* canon) {
    struct addrinfo hints, *res;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = flags;
    int rc = getaddrinfo(host, "80", &hints, &res);
    out[0] = 0;
    if (canon) canon[0] = 0;
    if (rc) return rc;
    for (struct addrinfo* p = res; p; p = p->ai_next) {
        char buf[INET6_ADDRSTRLEN];
        const void* a = p->ai_family == AF_INET ? (const void*)&((struct sockaddr_in*)p->ai_addr)->sin_addr
                                                : (const void*)&((struct sockaddr_in6*)p->ai_addr)->sin6_addr;
        inet_ntop(p->ai_family, a, buf, sizeof buf);
        if (out[0]) strncat(out, " ", cap - strlen(out) - 1);
        strncat(out, buf, cap - strlen(out) - 1);
    }
    if (canon && res->ai_canonname) strcpy(canon, res->ai_canonname);
    freeaddrinfo(res);
    return 0;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void) {
    char got[512], canon[256], text[512];

    // Boot-time defaults.
    FILE* f = fopen("/etc/hosts", "r");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    text[n] = 0;
    if (f) fclose(f);
    CHECK(strstr(text, "127.0.0.1\tlocalhost") && strstr(text, "::1\t\tlocalhost ip6-localhost"),
          "/etc/hosts has the loopback names");
    f = fopen("/etc/resolv.conf", "r");
    n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    text[n] = 0;
    if (f) fclose(f);
    CHECK(strcmp(text, "nameserver 10.0.2.3\nnameserver fd00::3\n") == 0, "/etc/resolv.conf points at the user network's DNS");

    // localhost from the kernel's /etc/hosts, IPv6 first (glibc's sort).
    int rc = lookup("localhost", AF_UNSPEC, AI_CANONNAME, got, sizeof got, canon);
    CHECK(rc == 0 && strcmp(got, "::1 127.0.0.1") == 0 && strcmp(canon, "localhost") == 0,
          "localhost -> [%s] canon %s", got, canon);
    rc = lookup("ip6-loopback", AF_INET6, AI_CANONNAME, got, sizeof got, canon);
    CHECK(rc == 0 && strcmp(got, "::1") == 0 && strcmp(canon, "localhost") == 0, "ip6-loopback -> [%s] canon %s",
          got, canon);
    // (glibc 2.36 lists ::ffff:127.0.0.1 twice here, once from each of its
    // two /etc/hosts passes; the kernel answers each address once.)
    rc = lookup("localhost", AF_INET6, AI_V4MAPPED | AI_ALL, got, sizeof got, NULL);
    CHECK(rc == 0 && strcmp(got, "::1 ::ffff:127.0.0.1") == 0, "localhost V4MAPPED|ALL -> [%s]", got);
    // AI_ADDRCONFIG: loopback addresses do not count (glibc), so with only
    // the loopback interface AF_INET answers nothing and AF_UNSPEC is not narrowed.
    rc = lookup("localhost", AF_INET, AI_ADDRCONFIG, got, sizeof got, NULL);
    CHECK(rc == EAI_NONAME, "AF_INET + AI_ADDRCONFIG on loopback only = %d", rc);
    rc = lookup("localhost", AF_UNSPEC, AI_ADDRCONFIG, got, sizeof got, NULL);
    CHECK(rc == 0 && strcmp(got, "::1 127.0.0.1") == 0, "AF_UNSPEC + AI_ADDRCONFIG -> [%s]", got);

    // No network: the default server is unreachable, which is "try again".
    double t0 = now();
    rc = lookup("example.test", AF_INET, 0, got, sizeof got, NULL);
    CHECK(rc == EAI_AGAIN && now() - t0 < 15, "unreachable server: %d (%s) in %.2f s", rc, gai_strerror(rc),
          now() - t0);

    // The fake server.
    server_fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(53);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(server_fd, (struct sockaddr*)&sa, sizeof sa) != 0) {
        perror("bind 127.0.0.1:53 inside the kernel");
        return 1;
    }
    pthread_t th;
    pthread_create(&th, NULL, server, NULL);
    write_file("/etc/resolv.conf", "nameserver 127.0.0.1\noptions timeout:1 attempts:2\n", "w");

    rc = lookup("example.test", AF_INET, AI_CANONNAME, got, sizeof got, canon);
    CHECK(rc == 0 && strcmp(got, "192.0.2.10 192.0.2.11") == 0 && strcmp(canon, "example.test") == 0,
          "example.test A -> [%s] canon %s", got, canon);
    rc = lookup("example.test", AF_INET6, 0, got, sizeof got, NULL);
    CHECK(rc == 0 && strcmp(got, "2001:db8::10") == 0, "example.test AAAA -> [%s]", got);
    // Neither family has a source address here: precedence alone orders them.
    rc = lookup("example.test", AF_UNSPEC, 0, got, sizeof got, NULL);
    CHECK(rc == 0 && strcmp(got, "2001:db8::10 192.0.2.10 192.0.2.11") == 0, "example.test any -> [%s]", got);
    rc = lookup("EXAMPLE.test.", AF_INET, 0, got, sizeof got, NULL);
    CHECK(rc == 0 && strcmp(got, "192.0.2.10 192.0.2.11") == 0, "EXAMPLE.test. (absolute, any case) -> [%s]", got);
    rc = lookup("alias.test", AF_INET, AI_CANONNAME, got, sizeof got, canon);
    CHECK(rc == 0 && strcmp(got, "192.0.2.10 192.0.2.11") == 0 && strcmp(canon, "example.test") == 0,
          "alias.test (CNAME) -> [%s] canon %s", got, canon);
    rc = lookup("chain.test", AF_INET, AI_CANONNAME, got, sizeof got, canon);
    CHECK(rc == 0 && strcmp(got, "192.0.2.10 192.0.2.11") == 0 && strcmp(canon, "example.test") == 0,
          "chain.test (two CNAMEs) -> [%s] canon %s", got, canon);
    rc = lookup("v6only.test", AF_INET6, AI_V4MAPPED, got, sizeof got, NULL);
    CHECK(rc == 0 && strcmp(got, "2001:db8::6") == 0, "v6only.test -> [%s]", got);
    rc = lookup("example.test", AF_INET6, AI_V4MAPPED | AI_ALL, got, sizeof got, NULL);
    CHECK(rc == 0 && strstr(got, "2001:db8::10") && strstr(got, "::ffff:192.0.2.10"), "V4MAPPED|ALL -> [%s]", got);
    rc = lookup("nxdomain.test", AF_INET, 0, got, sizeof got, NULL);
    CHECK(rc == EAI_NONAME, "nxdomain.test = %d (%s)", rc, gai_strerror(rc));
    rc = lookup("noaddr.test", AF_UNSPEC, 0, got, sizeof got, NULL);
    CHECK(rc == EAI_NODATA, "noaddr.test = %d (%s)", rc, gai_strerror(rc));
    rc = lookup("servfail.test", AF_INET, 0, got, sizeof got, NULL);
    CHECK(rc == EAI_AGAIN, "servfail.test = %d (%s)", rc, gai_strerror(rc));

    // Silence: timeout:1 attempts:2 -> about 2 s, then EAI_AGAIN.
    int before = queries;
    t0 = now();
    rc = lookup("slow.test", AF_INET, 0, got, sizeof got, NULL);
    double took = now() - t0;
    CHECK(rc == EAI_AGAIN && took > 1.5 && took < 5, "slow.test = %d (%s) after %.2f s", rc, gai_strerror(rc), took);
    CHECK(queries - before == 2, "slow.test: %d queries (attempts:2)", queries - before);
    write_file("/etc/resolv.conf", "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n", "w");
    before = queries;
    t0 = now();
    rc = lookup("slow.test", AF_INET, 0, got, sizeof got, NULL);
    took = now() - t0;
    CHECK(rc == EAI_AGAIN && took > 0.5 && took < 3 && queries - before == 1,
          "slow.test with attempts:1 = %d after %.2f s, %d queries", rc, took, queries - before);

    // gethostbyname and getnameinfo through DNS.
    struct hostent* he = gethostbyname("alias.test");
    CHECK(he && strcmp(he->h_name, "example.test") == 0 && he->h_addr_list[0] && he->h_addr_list[1] &&
              !he->h_addr_list[2],
          "gethostbyname(alias.test) -> %s", he ? he->h_name : "NULL");
    he = gethostbyname("slow.test");
    CHECK(!he && h_errno == TRY_AGAIN, "gethostbyname(slow.test): h_errno %d", h_errno);
    he = gethostbyname("nxdomain.test");
    CHECK(!he && h_errno == HOST_NOT_FOUND, "gethostbyname(nxdomain.test): h_errno %d", h_errno);
    struct sockaddr_in ptr;
    memset(&ptr, 0, sizeof ptr);
    ptr.sin_family = AF_INET;
    inet_pton(AF_INET, "192.0.2.10", &ptr.sin_addr);
    char host[NI_MAXHOST];
    rc = getnameinfo((struct sockaddr*)&ptr, sizeof ptr, host, sizeof host, NULL, 0, NI_NAMEREQD);
    CHECK(rc == 0 && strcmp(host, "host10.example.test") == 0, "getnameinfo(192.0.2.10) = %d %s", rc, host);
    inet_pton(AF_INET, "192.0.2.77", &ptr.sin_addr);
    rc = getnameinfo((struct sockaddr*)&ptr, sizeof ptr, host, sizeof host, NULL, 0, NI_NAMEREQD);
    CHECK(rc == EAI_NONAME, "getnameinfo(192.0.2.77, NI_NAMEREQD) = %d", rc);
    rc = getnameinfo((struct sockaddr*)&ptr, sizeof ptr, host, sizeof host, NULL, 0, 0);
    CHECK(rc == 0 && strcmp(host, "192.0.2.77") == 0, "getnameinfo(192.0.2.77) = %d %s", rc, host);

    // Search domains.
    write_file("/etc/resolv.conf", "nameserver 127.0.0.1\nsearch nothere.invalid test\noptions timeout:1\n", "w");
    rc = lookup("example", AF_INET, AI_CANONNAME, got, sizeof got, canon);
    CHECK(rc == 0 && strcmp(got, "192.0.2.10 192.0.2.11") == 0 && strcmp(canon, "example.test") == 0,
          "example (search test) -> [%s] canon %s", got, canon);

    // /etc/hosts edits are seen at once, and win over DNS.
    write_file("/etc/hosts", "192.0.2.99\texample.test myhost.test\n", "a");
    rc = lookup("myhost.test", AF_INET, AI_CANONNAME, got, sizeof got, canon);
    CHECK(rc == 0 && strcmp(got, "192.0.2.99") == 0 && strcmp(canon, "example.test") == 0,
          "myhost.test from the edited /etc/hosts -> [%s] canon %s", got, canon);
    before = queries;
    rc = lookup("example.test", AF_INET, 0, got, sizeof got, NULL);
    CHECK(rc == 0 && strcmp(got, "192.0.2.99") == 0 && queries == before, "example.test now from /etc/hosts -> [%s]",
          got);
    he = gethostbyname("myhost.test");
    CHECK(he && strcmp(he->h_name, "example.test") == 0 && he->h_aliases[0] &&
              strcmp(he->h_aliases[0], "myhost.test") == 0,
          "gethostbyname(myhost.test): name %s alias %s", he ? he->h_name : "-",
          he && he->h_aliases[0] ? he->h_aliases[0] : "-");
    inet_pton(AF_INET, "192.0.2.99", &ptr.sin_addr);
    rc = getnameinfo((struct sockaddr*)&ptr, sizeof ptr, host, sizeof host, NULL, 0, NI_NAMEREQD);
    CHECK(rc == 0 && strcmp(host, "example.test") == 0, "getnameinfo(192.0.2.99) from /etc/hosts = %s", host);

    // /etc/services, when the kernel has one, replaces the built-in table.
    struct addrinfo hints, *res;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo("127.0.0.1", "http", &hints, &res);
    CHECK(rc == 0, "http from the built-in table");
    if (rc == 0) freeaddrinfo(res);
    write_file("/etc/services", "myservice\t4242/tcp\tmysvc\n", "w");
    rc = getaddrinfo("127.0.0.1", "mysvc", &hints, &res);
    CHECK(rc == 0 && ntohs(((struct sockaddr_in*)res->ai_addr)->sin_port) == 4242, "mysvc from /etc/services");
    if (rc == 0) freeaddrinfo(res);
    CHECK(getaddrinfo("127.0.0.1", "http", &hints, &res) == EAI_SERVICE, "http gone with /etc/services");
    unlink("/etc/services");

    printf("%s: %d failure(s)\n", failures ? "FAILED" : "passed", failures);
    return failures ? 1 : 0;
}
