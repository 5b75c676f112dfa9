// Level- vs edge-triggered wakeup counts: a writer thread adds to an
// eventfd in steps, waiting for the reader to look after each one, so the
// counts are exact on Linux.
#include "common.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

#define STEPS 5

static int efd;
static int ack;   // semaphore eventfd: the reader's "done looking"
static int done;  // semaphore eventfd: the writer's "step written"

static void* writer(void* arg) {
    (void)arg;
    for (int i = 0; i < STEPS; ++i) {
        uint64_t one = 1;
        if (write(efd, &one, 8) != 8) printf("write failed\n");
        if (write(done, &one, 8) != 8) printf("done failed\n");
        uint64_t v;
        if (read(ack, &v, 8) != 8) printf("ack failed\n");
    }
    return NULL;
}

static void run(const char* name, uint32_t mode) {
    efd = MUST(eventfd(0, EFD_NONBLOCK));
    ack = MUST(eventfd(0, EFD_SEMAPHORE));
    done = MUST(eventfd(0, EFD_SEMAPHORE));
    int ep = MUST(epoll_create1(0));
    struct epoll_event ev = {.events = EPOLLIN | mode, .data.u64 = 77};
    T(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    pthread_t t;
    pthread_create(&t, NULL, writer, NULL);
    int wakeups = 0, extra = 0;
    for (int i = 0; i < STEPS; ++i) {
        struct epoll_event out[4];
        uint64_t step;
        if (read(done, &step, 8) != 8) printf("step failed\n");
        int n = epoll_wait(ep, out, 4, 5000);
        if (n == 1 && out[0].data.u64 == 77 && out[0].events == EPOLLIN) ++wakeups;
        // Without reading, ask again: LT reports it again, ET does not.
        extra += epoll_wait(ep, out, 4, 0);
        uint64_t one = 1;
        if (write(ack, &one, 8) != 8) printf("ack write failed\n");
    }
    pthread_join(t, NULL);
    uint64_t total = 0;
    T(read(efd, &total, 8));
    printf("%s: wakeups=%d re-reports=%d total=%llu\n", name, wakeups, extra, (unsigned long long)total);
    // After draining: nothing for either.
    struct epoll_event out[4];
    T(epoll_wait(ep, out, 4, 0));
    close(ep);
    close(efd);
    close(ack);
    close(done);
}

int main(void) {
    run("LT", 0);
    run("ET", EPOLLET);
    return 0;
}
