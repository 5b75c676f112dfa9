// Concurrency: O_CREAT|O_EXCL has exactly one winner; descriptors opened
// and closed from many threads leave the table as it was.
#include "common.h"
#include <pthread.h>

#define THREADS 8
#define ROUNDS 200

static int wins[ROUNDS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t barrier;
static int bad_fd_ops;

static void* worker(void* arg) {
    (void)arg;
    char name[32];
    for (int r = 0; r < ROUNDS; ++r) {
        snprintf(name, sizeof name, "race-%d", r);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd >= 0) {
            pthread_mutex_lock(&mu);
            ++wins[r];
            pthread_mutex_unlock(&mu);
            close(fd);
        } else if (errno != EEXIST) {
            __atomic_add_fetch(&bad_fd_ops, 1, __ATOMIC_RELAXED);
        }
        int a = open("shared", O_RDONLY);
        int b = a >= 0 ? dup(a) : -1;
        if (a < 0 || b < 0 || close(a) < 0 || close(b) < 0) __atomic_add_fetch(&bad_fd_ops, 1, __ATOMIC_RELAXED);
    }
    pthread_barrier_wait(&barrier);
    return NULL;
}

int main(void) {
    write_file("shared", "s");
    pthread_barrier_init(&barrier, NULL, THREADS);
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; ++i) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < THREADS; ++i) pthread_join(t[i], NULL);
    int exactly_one = 0;
    for (int r = 0; r < ROUNDS; ++r) exactly_one += wins[r] == 1;
    printf("rounds with exactly one winner: %d/%d\n", exactly_one, ROUNDS);
    printf("failed fd operations: %d\n", bad_fd_ops);
    int fd = open("shared", O_RDONLY);
    printf("next fd is 3: %d\n", fd == 3);
    return 0;
}
