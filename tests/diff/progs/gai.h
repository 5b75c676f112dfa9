// Shared helpers for the resolver's differential programs (gai_*.c). They
// print only what every Debian machine answers alike: numeric hosts, the
// 127.0.0.1 localhost entry, netbase's common services, errors.
#pragma once
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

static inline void print_ai(const struct addrinfo* p) {
    char buf[INET6_ADDRSTRLEN];
    int port;
    unsigned scope = 0;
    if (p->ai_family == AF_INET) {
        const struct sockaddr_in* a = (const void*)p->ai_addr;
        inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
        port = ntohs(a->sin_port);
    } else {
        const struct sockaddr_in6* a = (const void*)p->ai_addr;
        inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
        port = ntohs(a->sin6_port);
        scope = a->sin6_scope_id;
    }
    printf("  family=%d socktype=%d protocol=%d addrlen=%u addr=%s port=%d scope=%u flags=%#x canon=%s\n",
           p->ai_family, p->ai_socktype, p->ai_protocol, (unsigned)p->ai_addrlen, buf, port, scope, p->ai_flags,
           p->ai_canonname ? p->ai_canonname : "(null)");
}

// One getaddrinfo call and everything it returned.
static inline int gai(const char* host, const char* serv, int family, int socktype, int protocol, int flags) {
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    hints.ai_flags = flags;
    int rc = getaddrinfo(host, serv, &hints, &res);
    printf("getaddrinfo(%s, %s, family=%d socktype=%d protocol=%d flags=%#x) = %d%s%s\n", host ? host : "NULL",
           serv ? serv : "NULL", family, socktype, protocol, flags, rc, rc ? " " : "", rc ? gai_strerror(rc) : "");
    if (rc == 0) {
        for (const struct addrinfo* p = res; p; p = p->ai_next) print_ai(p);
        freeaddrinfo(res);
    }
    return rc;
}
