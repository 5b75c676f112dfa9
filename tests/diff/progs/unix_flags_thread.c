// MSG_PEEK, MSG_WAITALL and MSG_DONTWAIT on a stream, with a writer thread
// that sends in small pieces.
#include "common.h"
#include <pthread.h>
#include <sys/socket.h>

static int sv[2];

static void* writer(void* arg) {
    (void)arg;
    const char* parts[] = {"ab", "cde", "fghij", "klmnop"};
    for (int i = 0; i < 4; ++i) {
        usleep(20000);
        send(sv[1], parts[i], strlen(parts[i]), 0);
    }
    return NULL;
}

int main(void) {
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    char buf[32] = {0};
    T(recv(sv[0], buf, sizeof buf, MSG_DONTWAIT));
    T(send(sv[1], "peekaboo", 8, 0));
    T(recv(sv[0], buf, 4, MSG_PEEK));
    printf("peek '%.4s'\n", buf);
    T(recv(sv[0], buf, sizeof buf, MSG_PEEK));
    memset(buf, 0, sizeof buf);
    T(recv(sv[0], buf, sizeof buf, 0));
    printf("read '%s'\n", buf);
    T(recv(sv[0], buf, sizeof buf, MSG_DONTWAIT | MSG_PEEK));

    // MSG_WAITALL collects all 16 bytes from four writes.
    pthread_t t;
    pthread_create(&t, NULL, writer, NULL);
    memset(buf, 0, sizeof buf);
    T(recv(sv[0], buf, 16, MSG_WAITALL));
    printf("waitall '%s'\n", buf);
    pthread_join(t, NULL);

    // Without it, a read returns what is there.
    T(send(sv[1], "xy", 2, 0));
    T(recv(sv[0], buf, sizeof buf, 0));
    // WAITALL stops at EOF with what it has.
    T(send(sv[1], "end", 3, 0));
    T(shutdown(sv[1], SHUT_WR));
    T(recv(sv[0], buf, sizeof buf, MSG_WAITALL));
    // MSG_DONTWAIT on a full socket.
    int p[2];
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, p));
    static char chunk[4096];
    int n = 0;
    long total = 0;
    for (; n < 10000; ++n) {
        ssize_t r = send(p[0], chunk, sizeof chunk, MSG_DONTWAIT);
        if (r < 0) { printf("full: %s after some=%d\n", en(errno), total > 0); break; }
        total += r;
    }
    // Reading some makes room again.
    long drained = 0;
    while (drained < total) {
        ssize_t r = recv(p[1], chunk, sizeof chunk, MSG_DONTWAIT);
        if (r <= 0) break;
        drained += r;
    }
    printf("drained all %d\n", drained == total);
    T(send(p[0], chunk, 10, MSG_DONTWAIT));
    // O_NONBLOCK on the file acts like MSG_DONTWAIT.
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    T(recv(p[1], chunk, sizeof chunk, 0));
    T(recv(p[1], chunk, sizeof chunk, 0));
    return 0;
}
