// Mutual exclusion from OFD write locks: threads with their own open file
// descriptions take turns through F_OFD_SETLKW, and flock(LOCK_EX) does
// the same; nobody is ever inside twice, no wakeup is lost.
#include "lock_common.h"
#include <pthread.h>

#define THREADS 6
#define ROUNDS 300

static volatile int inside, entered, overlaps, failures;
static int use_flock;

static void* worker(void* arg) {
    (void)arg;
    int fd = open("f", O_RDWR);
    if (fd < 0) { __atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED); return NULL; }
    for (int i = 0; i < ROUNDS; ++i) {
        struct flock l = mk(F_WRLCK, SEEK_SET, 0, 1);
        int r = use_flock ? flock(fd, LOCK_EX) : fcntl(fd, F_OFD_SETLKW, &l);
        if (r < 0) { __atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED); continue; }
        if (__atomic_add_fetch(&inside, 1, __ATOMIC_SEQ_CST) != 1) __atomic_add_fetch(&overlaps, 1, __ATOMIC_RELAXED);
        entered = entered + 1;  // plain increment: safe only under the lock
        __atomic_sub_fetch(&inside, 1, __ATOMIC_SEQ_CST);
        l.l_type = F_UNLCK;
        r = use_flock ? flock(fd, LOCK_UN) : fcntl(fd, F_OFD_SETLK, &l);
        if (r < 0) __atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
    }
    close(fd);
    return NULL;
}

static void run(const char* what) {
    entered = overlaps = failures = 0;
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; ++i) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < THREADS; ++i) pthread_join(t[i], NULL);
    printf("%s: entered %d of %d, overlaps %d, failures %d\n", what, entered, THREADS * ROUNDS, overlaps,
           failures);
}

int main(void) {
    close(MUST(open("f", O_RDWR | O_CREAT | O_TRUNC, 0644)));
    run("F_OFD_SETLKW");
    use_flock = 1;
    run("flock");
    int probe = MUST(open("f", O_RDWR));
    getlk(probe, F_OFD_GETLK, F_WRLCK, 0, 0);
    T(flock(probe, LOCK_EX | LOCK_NB));
    return 0;
}
