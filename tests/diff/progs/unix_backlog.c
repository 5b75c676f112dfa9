// Listen backlog: non-blocking connects fail with EAGAIN once backlog+1
// connections wait; accept4 flags; a blocked connect admitted by accept.
#include "common.h"
#include <pthread.h>
#include <sys/socket.h>
#include <sys/un.h>

static struct sockaddr_un addr = {AF_UNIX, "bl.sock"};
static int lfd;

static void* acceptor(void* arg) {
    (void)arg;
    usleep(50000);
    int s = accept(lfd, NULL, NULL);
    close(s);
    return NULL;
}

int main(void) {
    lfd = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(bind(lfd, (struct sockaddr*)&addr, sizeof addr));
    T(listen(lfd, 2));
    int c[8];
    for (int i = 0; i < 5; ++i) {
        c[i] = MUST(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0));
        int r = connect(c[i], (struct sockaddr*)&addr, sizeof addr);
        printf("connect %d: %s\n", i, r == 0 ? "ok" : en(errno));
    }
    // A connected (not yet accepted) client can already send.
    T(send(c[0], "early", 5, 0));
    int s = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    printf("accept4 nonblock=%d cloexec=%d\n", !!(fcntl(s, F_GETFL) & O_NONBLOCK), fcntl(s, F_GETFD));
    char buf[16] = {0};
    T(recv(s, buf, sizeof buf, 0));
    T(recv(s, buf, sizeof buf, 0));
    T(accept4(lfd, NULL, NULL, 0x1234));
    // Room for one more now.
    T(connect(c[3], (struct sockaddr*)&addr, sizeof addr));
    T(connect(c[4], (struct sockaddr*)&addr, sizeof addr));
    // A blocking connect waits until the acceptor makes room.
    c[5] = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    pthread_t t;
    pthread_create(&t, NULL, acceptor, NULL);
    T(connect(c[5], (struct sockaddr*)&addr, sizeof addr));
    pthread_join(t, NULL);
    // Non-blocking accept on an empty queue after draining.
    int drained = 0;
    fcntl(lfd, F_SETFL, O_NONBLOCK);
    for (int i = 0; i < 8; ++i) {
        int a = accept(lfd, NULL, NULL);
        if (a < 0) { printf("drained %d then %s\n", drained, en(errno)); break; }
        drained++;
        close(a);
    }
    // accept on a socket that does not listen.
    T(accept(c[0], NULL, NULL));
    int d = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    T(accept(d, NULL, NULL));
    // A closed listener's pending connections are reset.
    int l2 = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    struct sockaddr_un a2 = {AF_UNIX, "bl2.sock"};
    T(bind(l2, (struct sockaddr*)&a2, sizeof a2));
    T(listen(l2, 1));
    int pc = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(connect(pc, (struct sockaddr*)&a2, sizeof a2));
    T(close(l2));
    T(recv(pc, buf, sizeof buf, 0));
    T(recv(pc, buf, sizeof buf, 0));
    T(send(pc, "x", 1, MSG_NOSIGNAL));
    for (int i = 0; i < 6; ++i) close(c[i]);
    close(s); close(lfd); close(d); close(pc);
    unlink("bl.sock"); unlink("bl2.sock");
    return 0;
}
