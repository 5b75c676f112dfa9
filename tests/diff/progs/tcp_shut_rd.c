// shutdown(SHUT_RD) on TCP: queued data stays readable, then recv returns 0
// without blocking; poll reports IN|RDHUP; a thread blocked in recv wakes.
#include "net.h"

static int sfd;
static ssize_t blocked_r = -2;
static void* blocked_recv(void* arg) {
    (void)arg;
    char b[8];
    blocked_r = recv(sfd, b, sizeof b, 0);  // printed after the join: fixed order
    return NULL;
}

int main(void) {
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    T(send(c, "queued", 6, 0));
    struct pollfd p = {.fd = s, .events = POLLIN};
    T(poll(&p, 1, 1000));
    T(shutdown(s, SHUT_RD));
    char b[16] = {0};
    T(recv(s, b, sizeof b, 0));
    printf("got '%s'\n", b);
    T(recv(s, b, sizeof b, 0));
    p.events = POLLIN | POLLOUT | POLLRDHUP;
    T(poll(&p, 1, 0));
    printf("revents: IN=%d OUT=%d RDHUP=%d HUP=%d\n", !!(p.revents & POLLIN), !!(p.revents & POLLOUT),
           !!(p.revents & POLLRDHUP), !!(p.revents & POLLHUP));
    T(send(s, "still", 5, 0));
    memset(b, 0, sizeof b);
    T(recv(c, b, sizeof b, 0));
    printf("peer got '%s'\n", b);
    T(shutdown(s, SHUT_RD));
    T(shutdown(s, 7));
    // A second connection: a thread blocked in recv wakes on SHUT_RD.
    int c2 = connect4(port);
    sfd = MUST(accept(l, NULL, NULL));
    pthread_t t;
    pthread_create(&t, NULL, blocked_recv, NULL);
    usleep(100000);
    T(shutdown(sfd, SHUT_RD));
    pthread_join(t, NULL);
    printf("blocked recv returned %zd\n", blocked_r);
    close(c); close(s); close(c2); close(sfd); close(l);
    return 0;
}
