// Helpers for the socket differential programs: everything on the loopback
// interface, ports chosen by the kernel (port 0), so runs never collide with
// each other or with the host's services.
#pragma once
#include "common.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>

static inline struct sockaddr_in lo4(int port) {
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static inline struct sockaddr_in6 lo6(int port) {
    struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port)};
    a.sin6_addr = in6addr_loopback;
    return a;
}

static inline int port_of(int fd) {
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (getsockname(fd, (struct sockaddr*)&ss, &len) < 0) return -1;
    if (ss.ss_family == AF_INET) return ntohs(((struct sockaddr_in*)&ss)->sin_port);
    return ntohs(((struct sockaddr_in6*)&ss)->sin6_port);
}

// A TCP listener on 127.0.0.1 with a kernel-chosen port.
static inline int listener4(int backlog, int* port) {
    int fd = MUST(socket(AF_INET, SOCK_STREAM, 0));
    struct sockaddr_in a = lo4(0);
    MUST(bind(fd, (struct sockaddr*)&a, sizeof a));
    MUST(listen(fd, backlog));
    *port = port_of(fd);
    return fd;
}

static inline int connect4(int port) {
    int fd = MUST(socket(AF_INET, SOCK_STREAM, 0));
    struct sockaddr_in a = lo4(port);
    MUST(connect(fd, (struct sockaddr*)&a, sizeof a));
    return fd;
}

// Reads exactly n bytes (or to EOF); returns what it got.
static inline ssize_t read_full(int fd, void* buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char*)buf + got, n - got);
        if (r < 0) return r;
        if (r == 0) break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

// A port nobody listens on: bound once by us, then closed.
static inline int free_port4(void) {
    int fd = MUST(socket(AF_INET, SOCK_STREAM, 0));
    struct sockaddr_in a = lo4(0);
    MUST(bind(fd, (struct sockaddr*)&a, sizeof a));
    int p = port_of(fd);
    close(fd);
    return p;
}
