// epoll error paths, in Linux's order of checks.
#include "common.h"
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

int main(void) {
    int ep = MUST(epoll_create1(0));
    int e = MUST(eventfd(0, 0));
    int reg = MUST(open("file", O_RDWR | O_CREAT, 0644));
    int dir = MUST(open(".", O_RDONLY | O_DIRECTORY));
    struct epoll_event ev = {.events = EPOLLIN};
    struct epoll_event out[4];

    T(epoll_create(0));
    T(epoll_create(-1));
    T(epoll_create1(1));
    T(epoll_create1(EPOLL_CLOEXEC | O_NONBLOCK));
    int old = MUST(epoll_create(100));
    T(fcntl(old, F_GETFD));
    int closed = MUST(dup(e));
    close(closed);
    T(fcntl(ep, F_GETFL) & O_ACCMODE);
    char link[64] = {0};
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", ep);
    T(readlink(path, link, sizeof link - 1));
    printf("link=%s\n", link);

    // ctl
    T(epoll_ctl(closed, EPOLL_CTL_ADD, e, &ev));
    T(epoll_ctl(ep, EPOLL_CTL_ADD, closed, &ev));
    T(epoll_ctl(ep, EPOLL_CTL_ADD, reg, &ev));
    T(epoll_ctl(ep, EPOLL_CTL_ADD, dir, &ev));
    T(epoll_ctl(e, EPOLL_CTL_ADD, e, &ev));
    T(epoll_ctl(e, EPOLL_CTL_ADD, ep, &ev));
    T(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev));
    T(epoll_ctl(ep, 99, e, &ev));
    T(epoll_ctl(ep, 0, e, &ev));
    T(epoll_ctl(ep, EPOLL_CTL_ADD, e, NULLP));
    T(epoll_ctl(ep, EPOLL_CTL_MOD, e, NULLP));
    T(epoll_ctl(ep, 99, e, NULLP));
    T(epoll_ctl(ep, EPOLL_CTL_DEL, e, NULLP));
    T(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev));
    T(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev));
    T(epoll_ctl(ep, EPOLL_CTL_DEL, e, NULLP));
    T(epoll_ctl(ep, EPOLL_CTL_DEL, reg, NULL));
    T(epoll_ctl(ep, EPOLL_CTL_MOD, closed, &ev));
    // Unknown event bits are accepted.
    ev.events = EPOLLIN | 0x00100000;
    T(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev));
    ev.events = EPOLLIN;

    // wait
    T(epoll_wait(ep, out, 0, 0));
    T(epoll_wait(ep, out, NEG1, 0));
    volatile int huge = 0x7fffffff;
    T(epoll_wait(ep, (struct epoll_event*)NULLP, huge, 0));
    T(epoll_wait(closed, out, 4, 0));
    T(epoll_wait(e, out, 4, 0));
    T(epoll_wait(reg, out, 0, 0));
    T(epoll_wait(ep, NULLP, 4, 0));
    uint64_t one = 1;
    T(write(e, &one, 8));
    T(epoll_wait(ep, NULLP, 4, 0));
    T(epoll_wait(ep, out, 4, 0));
    printf("events=%#x\n", out[0].events);
    struct timespec bad = {0, 1000000000};
    T(epoll_pwait2(ep, out, 4, &bad, NULL));
    bad.tv_nsec = -1;
    T(epoll_pwait2(ep, out, 4, &bad, NULL));
    struct timespec zero = {0, 0};
    T(epoll_pwait2(ep, out, 4, &zero, NULL));
    T(epoll_pwait(ep, out, 4, 0, NULL));
    // Reading, writing or seeking an epoll fd.
    char buf[8];
    T(read(ep, buf, 8));
    T(write(ep, buf, 8));
    T(lseek(ep, 0, SEEK_SET));
    struct stat st;
    T(fstat(ep, &st));
    printf("mode=%o\n", (unsigned)st.st_mode);
    return 0;
}
