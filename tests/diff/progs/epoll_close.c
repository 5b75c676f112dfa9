// Closing fds and epoll items: the last close of a file removes its item;
// with a dup kept, the item stays and is still reported under the old fd's
// data (as Linux), and the old fd number can no longer name it.
#include "common.h"
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

static void waitp(int ep, const char* what) {
    struct epoll_event out[8];
    int n = epoll_wait(ep, out, 8, 0);
    printf("%s: n=%d", what, n);
    for (int i = 0; i < n; ++i) printf(" {%#x %llu}", out[i].events, (unsigned long long)out[i].data.u64);
    printf("\n");
}

int main(void) {
    int ep = MUST(epoll_create1(0));
    int a = MUST(eventfd(1, 0));
    int b = MUST(eventfd(1, 0));
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 1};
    T(epoll_ctl(ep, EPOLL_CTL_ADD, a, &ev));
    ev.data.u64 = 2;
    T(epoll_ctl(ep, EPOLL_CTL_ADD, b, &ev));
    waitp(ep, "both");
    // a: last close removes it.
    T(close(a));
    waitp(ep, "a closed");
    // b: a dup keeps the file, so the item stays.
    int bd = MUST(dup(b));
    T(close(b));
    waitp(ep, "b closed, dup kept");
    T(epoll_ctl(ep, EPOLL_CTL_DEL, b, NULL));
    T(epoll_ctl(ep, EPOLL_CTL_DEL, bd, NULL));
    // The same file under its new number is a new item.
    ev.data.u64 = 3;
    T(epoll_ctl(ep, EPOLL_CTL_ADD, bd, &ev));
    waitp(ep, "both items of one file");
    // Re-using the number b for another file: (fd, file) differs.
    int c = MUST(eventfd(1, 0));
    printf("same number reused: %d\n", c == b);
    ev.data.u64 = 4;
    T(epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev));
    waitp(ep, "three");
    T(epoll_ctl(ep, EPOLL_CTL_DEL, bd, NULL));
    waitp(ep, "after DEL of the new item");
    T(close(bd));
    waitp(ep, "file gone");
    // dup2 over a watched fd closes its file: gone too.
    int d = MUST(eventfd(1, 0));
    ev.data.u64 = 5;
    T(epoll_ctl(ep, EPOLL_CTL_ADD, d, &ev));
    T(dup2(c, d));
    waitp(ep, "dup2 over d");
    // Same fd in two epolls; closing one epoll leaves the other's item.
    int ep2 = MUST(epoll_create1(0));
    ev.data.u64 = 6;
    T(epoll_ctl(ep2, EPOLL_CTL_ADD, c, &ev));
    T(close(ep));
    waitp(ep2, "ep2 after closing ep");
    // Closing the file while another epoll still holds it in a dup'ed fd.
    T(close(c));
    waitp(ep2, "ep2 after closing c (dup at d)");
    T(close(d));
    waitp(ep2, "ep2 after the last close");
    // Many items, then close the epoll with them.
    int ep3 = MUST(epoll_create1(0));
    int many[50];
    for (int i = 0; i < 50; ++i) {
        many[i] = MUST(eventfd(i & 1, 0));
        ev.data.u64 = 100 + i;
        if (epoll_ctl(ep3, EPOLL_CTL_ADD, many[i], &ev) != 0) printf("add %d failed\n", i);
    }
    struct epoll_event out[64];
    T(epoll_wait(ep3, out, 64, 0));
    for (int i = 0; i < 50; i += 2) close(many[i + 1]);
    T(epoll_wait(ep3, out, 64, 0));
    T(close(ep3));
    for (int i = 0; i < 50; i += 2) close(many[i]);
    return 0;
}
