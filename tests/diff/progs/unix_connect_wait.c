// A stream connect() waiting for room in a full backlog: meanwhile another
// thread's send() and getpeername() on that socket see it not connected;
// the wait ends with EAGAIN at SO_SNDTIMEO and leaves the socket
// unconnected, free to connect again once the backlog has room.
#include "common.h"
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

static int c2;
static struct sockaddr_un addr;

static void* during(void* arg) {
    (void)arg;
    struct timespec d = {0, 100000000};
    nanosleep(&d, NULL);  // well inside the 500 ms connect wait
    T(send(c2, "x", 1, MSG_DONTWAIT | MSG_NOSIGNAL));
    T(send(c2, "x", 1, MSG_NOSIGNAL));
    struct sockaddr_un peer;
    socklen_t len = sizeof peer;
    T(getpeername(c2, (struct sockaddr*)&peer, &len));
    struct pollfd p = {c2, POLLIN | POLLOUT, 0};
    T(poll(&p, 1, 0));
    printf("during connect: POLLOUT %d POLLHUP %d POLLIN %d\n", !!(p.revents & POLLOUT),
           !!(p.revents & POLLHUP), !!(p.revents & POLLIN));
    return NULL;
}

int main(void) {
    alarm(10);
    int l = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    addr.sun_family = AF_UNIX;
    strcpy(addr.sun_path, "sock");
    MUST(bind(l, (struct sockaddr*)&addr, sizeof addr));
    MUST(listen(l, 0));
    int c1 = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(connect(c1, (struct sockaddr*)&addr, sizeof addr));  // the one backlog place

    c2 = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    struct timeval tv = {0, 500000};
    MUST(setsockopt(c2, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
    pthread_t t;
    pthread_create(&t, NULL, during, NULL);
    T(connect(c2, (struct sockaddr*)&addr, sizeof addr));  // times out
    pthread_join(t, NULL);

    T(send(c2, "x", 1, MSG_DONTWAIT | MSG_NOSIGNAL));
    int a1 = MUST(accept(l, NULL, NULL));
    T(connect(c2, (struct sockaddr*)&addr, sizeof addr));  // room now
    T(send(c2, "y", 1, MSG_NOSIGNAL));
    int a2 = MUST(accept(l, NULL, NULL));
    char b[4] = {0};
    T(recv(a2, b, sizeof b, 0));
    printf("got %s\n", b);
    T(send(c1, "z", 1, MSG_NOSIGNAL));
    T(recv(a1, b, sizeof b, 0));
    printf("got %c\n", b[0]);
    close(a1), close(a2), close(c1), close(c2), close(l);
    return 0;
}
