// Non-blocking and timed TCP calls: accept and recv give EAGAIN, MSG_PEEK
// leaves data, FIONREAD counts it, MSG_WAITALL waits for a slow writer,
// SO_RCVTIMEO ends a blocked recv with EAGAIN.
#include "net.h"

#include <fcntl.h>
#include <time.h>

static int g_fd;

static void* slow_writer(void* arg) {
    (void)arg;
    const char* parts[] = {"wa", "it", "al", "l!"};
    for (int i = 0; i < 4; ++i) {
        usleep(20000);
        if (send(g_fd, parts[i], 2, 0) != 2) return NULL;
    }
    return NULL;
}

int main(void) {
    int port;
    int l = listener4(4, &port);
    T(fcntl(l, F_SETFL, O_NONBLOCK));
    T(accept(l, NULL, NULL));  // EAGAIN
    T(accept4(l, NULL, NULL, 12345));  // EINVAL: unknown flags
    int c = connect4(port);
    struct pollfd p = {.fd = l, .events = POLLIN};
    T(poll(&p, 1, 5000));
    int s = MUST(accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC));
    printf("accepted socket non-blocking: %s\n", (fcntl(s, F_GETFL) & O_NONBLOCK) ? "yes" : "no");
    printf("accepted socket close-on-exec: %s\n", (fcntl(s, F_GETFD) & FD_CLOEXEC) ? "yes" : "no");
    char buf[32] = {0};
    T(recv(s, buf, sizeof buf, 0));  // EAGAIN
    T(recv(c, buf, sizeof buf, MSG_DONTWAIT));  // EAGAIN on a blocking socket
    T(send(c, "peekaboo", 8, 0));
    p = (struct pollfd){.fd = s, .events = POLLIN};
    T(poll(&p, 1, 5000));
    int n = -1;
    T(ioctl(s, FIONREAD, &n));
    printf("FIONREAD = %d\n", n);
    T(recv(s, buf, 4, MSG_PEEK));
    printf("peeked '%s'\n", buf);
    memset(buf, 0, sizeof buf);
    T(recv(s, buf, sizeof buf, 0));
    printf("read '%s'\n", buf);

    // MSG_WAITALL on the blocking client gathers the writer's four pieces.
    g_fd = s;
    pthread_t t;
    pthread_create(&t, NULL, slow_writer, NULL);
    memset(buf, 0, sizeof buf);
    T(recv(c, buf, 8, MSG_WAITALL));
    printf("waitall got '%s'\n", buf);
    pthread_join(t, NULL);

    struct timeval tv = {.tv_sec = 0, .tv_usec = 50000};
    T(setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    T(recv(c, buf, sizeof buf, 0));  // EAGAIN after ~50 ms
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("waited at least 40 ms: %s\n", ms >= 40 ? "yes" : "no");
    T(close(s));
    T(close(c));
    T(close(l));
    return 0;
}
