/* A program for the user network test (check_user.py), linked with libukp.
 *   user_app serve PORT COUNT   listen on 0.0.0.0:PORT inside the kernel,
 *                               answer COUNT HTTP-ish requests, then exit
 *   user_app connect IP PORT    connect to IP:PORT (IPv4 or IPv6), send a
 *                               line, print the line that comes back
 *   user_app ifaces             print getifaddrs (name family address) and
 *                               SIOCGIFCONF's names
 *   user_app bulk IP PORT MIB   send MIB MiB to IP:PORT (0: receive until
 *                               EOF); print the byte count and sum
 *   user_app udp-echo IP PORT COUNT   echo COUNT UDP datagrams on IP:PORT
 * Every wait is bounded (SO_RCVTIMEO, alarm). */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static void die(const char* what) {
    perror(what);
    exit(1);
}

static void set_timeout(int fd, int seconds) {
    struct timeval tv = {seconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

/* Reads up to the first '\n' (or end of headers); returns bytes read. */
static ssize_t read_line(int fd, char* buf, size_t cap) {
    size_t n = 0;
    while (n + 1 < cap) {
        ssize_t r = recv(fd, buf + n, 1, 0);
        if (r <= 0) break;
        n++;
        if (buf[n - 1] == '\n') break;
    }
    buf[n] = 0;
    return (ssize_t)n;
}

static int serve(int port, int count) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) die("socket");
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(s, (struct sockaddr*)&a, sizeof a) < 0) die("bind");
    if (listen(s, 16) < 0) die("listen");
    printf("listening on %d\n", port);
    fflush(stdout);
    for (int i = 0; i < count; i++) {
        struct sockaddr_in peer;
        socklen_t len = sizeof peer;
        int c = accept(s, (struct sockaddr*)&peer, &len);
        if (c < 0) die("accept");
        set_timeout(c, 10);
        char line[512];
        if (read_line(c, line, sizeof line) <= 0) die("read request");
        /* The headers, up to the empty line: closing with unread bytes
         * would reset the connection, as on Linux. */
        char header[512];
        while (read_line(c, header, sizeof header) > 0 && strcmp(header, "\r\n") != 0 &&
               strcmp(header, "\n") != 0) {
        }
        char peer_ip[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &peer.sin_addr, peer_ip, sizeof peer_ip);
        char body[256];
        int blen = snprintf(body, sizeof body, "hello from ukp, request %d from %s\n", i, peer_ip);
        char reply[512];
        int n = snprintf(reply, sizeof reply,
                         "HTTP/1.0 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", blen, body);
        if (send(c, reply, (size_t)n, 0) != n) die("send");
        close(c);
    }
    close(s);
    printf("served %d\n", count);
    return 0;
}

/* A connected TCP socket to ip:port, IPv4 or IPv6 (a ':' in ip). */
static int dial(const char* ip, int port, int timeout) {
    struct sockaddr_storage ss = {0};
    socklen_t alen;
    if (strchr(ip, ':')) {
        struct sockaddr_in6* a6 = (struct sockaddr_in6*)&ss;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((unsigned short)port);
        if (inet_pton(AF_INET6, ip, &a6->sin6_addr) != 1) die("inet_pton");
        alen = sizeof *a6;
    } else {
        struct sockaddr_in* a4 = (struct sockaddr_in*)&ss;
        a4->sin_family = AF_INET;
        a4->sin_port = htons((unsigned short)port);
        if (inet_pton(AF_INET, ip, &a4->sin_addr) != 1) die("inet_pton");
        alen = sizeof *a4;
    }
    int s = socket(ss.ss_family, SOCK_STREAM, 0);
    if (s < 0) die("socket");
    set_timeout(s, timeout);
    if (connect(s, (struct sockaddr*)&ss, alen) < 0) die("connect");
    return s;
}

static int connect_to(const char* ip, int port) {
    int s = dial(ip, port, 10);
    struct sockaddr_storage me;
    socklen_t len = sizeof me;
    getsockname(s, (struct sockaddr*)&me, &len);
    char my_ip[INET6_ADDRSTRLEN];
    if (me.ss_family == AF_INET6)
        inet_ntop(AF_INET6, &((struct sockaddr_in6*)&me)->sin6_addr, my_ip, sizeof my_ip);
    else
        inet_ntop(AF_INET, &((struct sockaddr_in*)&me)->sin_addr, my_ip, sizeof my_ip);
    const char msg[] = "ping from ukp\n";
    if (send(s, msg, sizeof msg - 1, 0) != (ssize_t)(sizeof msg - 1)) die("send");
    char line[256];
    if (read_line(s, line, sizeof line) <= 0) die("read reply");
    printf("local %s got: %s", my_ip, line);
    close(s);
    return 0;
}

static int ifaces(void) {
    struct ifaddrs* list;
    if (getifaddrs(&list) < 0) die("getifaddrs");
    for (struct ifaddrs* i = list; i; i = i->ifa_next) {
        char addr[INET6_ADDRSTRLEN] = "-";
        int family = i->ifa_addr ? i->ifa_addr->sa_family : 0;
        if (family == AF_INET)
            inet_ntop(AF_INET, &((struct sockaddr_in*)i->ifa_addr)->sin_addr, addr, sizeof addr);
        else if (family == AF_INET6)
            inet_ntop(AF_INET6, &((struct sockaddr_in6*)i->ifa_addr)->sin6_addr, addr, sizeof addr);
        printf("ifaddr %s %s %s index %u\n", i->ifa_name,
               family == AF_INET ? "inet" : family == AF_INET6 ? "inet6" : "other", addr,
               if_nametoindex(i->ifa_name));
    }
    freeifaddrs(list);
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifreq reqs[16];
    struct ifconf conf = {.ifc_len = sizeof reqs, .ifc_req = reqs};
    if (s < 0 || ioctl(s, SIOCGIFCONF, &conf) < 0) die("SIOCGIFCONF");
    for (size_t k = 0; k < conf.ifc_len / sizeof reqs[0]; k++) {
        char addr[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &((struct sockaddr_in*)&reqs[k].ifr_addr)->sin_addr, addr, sizeof addr);
        printf("ifconf %s %s\n", reqs[k].ifr_name, addr);
    }
    close(s);
    return 0;
}

/* Bulk: sends `mib` MiB to ip:port (or, with mib 0, receives until EOF),
 * then prints the byte count and a sum of the bytes. */
static int bulk(const char* ip, int port, long mib) {
    int s = dial(ip, port, 20);
    static unsigned char buf[65536];
    unsigned long long total = 0, sum = 0;
    if (mib > 0) {
        for (size_t i = 0; i < sizeof buf; i++) buf[i] = (unsigned char)(i * 7);
        for (long i = 0; i < mib * 16; i++) {
            size_t off = 0;
            while (off < sizeof buf) {
                ssize_t w = send(s, buf + off, sizeof buf - off, 0);
                if (w <= 0) die("send");
                off += (size_t)w;
            }
            for (size_t j = 0; j < sizeof buf; j++) sum += buf[j];
            total += sizeof buf;
        }
        shutdown(s, SHUT_WR);
        char line[64];
        read_line(s, line, sizeof line); /* the peer's count, once it has all */
    } else {
        for (;;) {
            ssize_t r = recv(s, buf, sizeof buf, 0);
            if (r < 0) die("recv");
            if (r == 0) break;
            for (ssize_t j = 0; j < r; j++) sum += buf[j];
            total += (unsigned long long)r;
        }
    }
    printf("bytes %llu sum %llu\n", total, sum);
    close(s);
    return 0;
}

/* UDP: binds ip:port (the interface's own address: bind checks it is
 * local), answers COUNT datagrams with "echo: " + the datagram. */
static int udp_echo(const char* ip, int port, int count) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0) die("socket");
    set_timeout(s, 20);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    if (inet_pton(AF_INET, ip, &a.sin_addr) != 1) die("inet_pton");
    if (bind(s, (struct sockaddr*)&a, sizeof a) < 0) die("bind");
    printf("listening on %s:%d/udp\n", ip, port);
    fflush(stdout);
    for (int i = 0; i < count; i++) {
        char in[256], out[300];
        struct sockaddr_in peer;
        socklen_t len = sizeof peer;
        ssize_t n = recvfrom(s, in, sizeof in - 1, 0, (struct sockaddr*)&peer, &len);
        if (n < 0) die("recvfrom");
        in[n] = 0;
        int m = snprintf(out, sizeof out, "echo: %s", in);
        if (sendto(s, out, (size_t)m, 0, (struct sockaddr*)&peer, len) != m) die("sendto");
    }
    printf("echoed %d\n", count);
    close(s);
    return 0;
}

int main(int argc, char** argv) {
    alarm(60);  /* the host's SIGALRM ends a stuck run */
    if (argc == 4 && strcmp(argv[1], "serve") == 0) return serve(atoi(argv[2]), atoi(argv[3]));
    if (argc == 4 && strcmp(argv[1], "connect") == 0) return connect_to(argv[2], atoi(argv[3]));
    if (argc == 5 && strcmp(argv[1], "udp-echo") == 0) return udp_echo(argv[2], atoi(argv[3]), atoi(argv[4]));
    if (argc == 2 && strcmp(argv[1], "ifaces") == 0) return ifaces();
    if (argc == 5 && strcmp(argv[1], "bulk") == 0) return bulk(argv[2], atoi(argv[3]), atol(argv[4]));
    fprintf(stderr, "usage: user_app serve PORT COUNT | connect IP PORT | bulk IP PORT MIB | udp-echo IP PORT COUNT | ifaces\n");
    return 2;
}
