// A thread blocked in accept is woken by a connect; a thread blocked in
// recv is woken by data, then by the peer's close (EOF). Results are
// printed by the main thread after the joins, so the order is fixed.
#include "net.h"

static int lfd, rfd, accept_ok;
static ssize_t first, second;

static void* do_accept(void* arg) {
    (void)arg;
    int a = accept(lfd, NULL, NULL);
    accept_ok = a >= 0;
    return (void*)(long)a;
}

static void* do_recv(void* arg) {
    (void)arg;
    char b[8];
    first = recv(rfd, b, sizeof b, 0);
    second = recv(rfd, b, sizeof b, 0);
    return NULL;
}

int main(void) {
    int port;
    lfd = listener4(4, &port);
    pthread_t t;
    pthread_create(&t, NULL, do_accept, NULL);
    usleep(100000);
    int c = connect4(port);
    void* rv;
    pthread_join(t, &rv);
    printf("accept in thread: %d\n", accept_ok);
    int s = (int)(long)rv;
    rfd = c;
    pthread_create(&t, NULL, do_recv, NULL);
    usleep(100000);
    if (write(s, "hi", 2) != 2) printf("write failed\n");
    usleep(100000);
    close(s);
    pthread_join(t, NULL);
    printf("recv in thread: %zd then %zd\n", first, second);
    close(c);
    close(lfd);
    return 0;
}
