// A recv blocked on an empty socket is woken by a sender thread (stream,
// datagram, seqpacket), and SO_RCVTIMEO makes it give up with EAGAIN.
#include "common.h"
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>

static int fds[2];

static void* sender(void* arg) {
    usleep(50000);
    send(fds[1], (const char*)arg, strlen((const char*)arg), 0);
    return NULL;
}

static void one(int type, const char* name) {
    T(socketpair(AF_UNIX, type, 0, fds));
    pthread_t t;
    pthread_create(&t, NULL, sender, (void*)name);
    char buf[32] = {0};
    ssize_t n = recv(fds[0], buf, sizeof buf, 0);
    printf("%s: woke with %zd '%s'\n", name, n, buf);
    pthread_join(t, NULL);
    close(fds[0]);
    close(fds[1]);
}

static void* closer(void* arg) {
    (void)arg;
    usleep(50000);
    close(fds[1]);
    return NULL;
}

int main(void) {
    one(SOCK_STREAM, "stream");
    one(SOCK_DGRAM, "dgram");
    one(SOCK_SEQPACKET, "seqpacket");

    // Woken by the peer closing: EOF.
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, fds));
    pthread_t t;
    pthread_create(&t, NULL, closer, NULL);
    char buf[8];
    T(recv(fds[0], buf, sizeof buf, 0));
    pthread_join(t, NULL);
    close(fds[0]);

    // SO_RCVTIMEO: about 100 ms, then EAGAIN.
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, fds));
    struct timeval tv = {0, 100000};
    T(setsockopt(fds[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    T(recv(fds[0], buf, sizeof buf, 0));
    clock_gettime(CLOCK_MONOTONIC, &b);
    long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
    printf("waited enough %d, not too long %d\n", ms >= 90, ms < 2000);
    // SO_SNDTIMEO on a full socket.
    T(setsockopt(fds[1], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
    static char chunk[65536];
    ssize_t r;
    int loops = 0;
    while ((r = send(fds[1], chunk, sizeof chunk, 0)) > 0 && loops < 1000) loops++;
    printf("send gave up: %s\n", r < 0 ? en(errno) : "no");
    close(fds[0]);
    close(fds[1]);
    return 0;
}
