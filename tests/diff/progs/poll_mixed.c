// poll over many fds with mixed readiness: eventfds with and without a
// count, a regular file (always ready), closed fds (POLLNVAL), negative fds
// (ignored), timeouts 0 and > 0, a writer thread, and error paths.
#include "common.h"
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <time.h>

#define N 40

static int fds[N];

static long long ms_since(const struct timespec* a) {
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (b.tv_sec - a->tv_sec) * 1000LL + (b.tv_nsec - a->tv_nsec) / 1000000;
}

static void* poke(void* arg) {
    int fd = (int)(intptr_t)arg;
    struct timespec ts = {0, 60 * 1000000L};
    nanosleep(&ts, NULL);
    uint64_t v = 1;
    if (write(fd, &v, 8) != 8) printf("poke failed\n");
    return NULL;
}

int main(void) {
    struct pollfd p[N + 4];
    for (int i = 0; i < N; ++i) fds[i] = MUST(eventfd(i % 3 == 0 ? 1 : 0, EFD_NONBLOCK));
    int reg = MUST(open("file", O_RDWR | O_CREAT, 0644));
    int closed = MUST(dup(reg));
    close(closed);
    for (int i = 0; i < N; ++i) p[i] = (struct pollfd){fds[i], POLLIN, 0x7777};
    p[N] = (struct pollfd){reg, POLLIN | POLLOUT | POLLPRI, 0};
    p[N + 1] = (struct pollfd){closed, POLLIN, 0};
    p[N + 2] = (struct pollfd){-1, POLLIN, 0x55};
    p[N + 3] = (struct pollfd){fds[1], POLLOUT, 0};
    T(poll(p, N + 4, 0));
    for (int i = 0; i < N + 4; ++i)
        if (p[i].revents) printf("  [%d] revents=%#x\n", i, (unsigned)p[i].revents);
    printf("  [-1] revents=%#x\n", (unsigned)p[N + 2].revents);

    // Only idle ones: times out.
    struct pollfd idle[3] = {{fds[1], POLLIN, 0}, {fds[2], POLLIN, 0}, {-5, POLLIN, 0}};
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    T(poll(idle, 3, 80));
    long long el = ms_since(&t0);
    printf("waited >= 70ms: %d, < 2s: %d\n", el >= 70, el < 2000);

    // A writer thread makes one ready while we wait.
    pthread_t th;
    pthread_create(&th, NULL, poke, (void*)(intptr_t)fds[2]);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    T(poll(idle, 3, 5000));
    printf("revents %#x %#x %#x, early: %d\n", (unsigned)idle[0].revents, (unsigned)idle[1].revents,
           (unsigned)idle[2].revents, ms_since(&t0) < 4000);
    pthread_join(th, NULL);

    // Infinite timeout with something already ready.
    T(poll(idle, 3, -1));

    // No fds at all: a sleep.
    T(poll(NULL, 0, 10));
    // Errors.
    T(poll(NULLP, 1, 0));
    T(poll(BADP, 1, 0));
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    // A whole array, so that ASan's poll interceptor reading it all is fine.
    struct pollfd* many = calloc(rl.rlim_cur + 1, sizeof *many);
    for (rlim_t i = 0; many && i <= rl.rlim_cur; ++i) many[i].fd = -1;
    T(poll(many, rl.rlim_cur + 1, 0));
    free(many);
    // Events beyond those asked are not reported, except ERR/HUP/NVAL.
    struct pollfd out_only = {fds[0], POLLPRI, 0};
    T(poll(&out_only, 1, 0));
    printf("revents=%#x\n", (unsigned)out_only.revents);
    for (int i = 0; i < N; ++i) close(fds[i]);
    return 0;
}
