// eventfd blocking: a reader blocked at 0 is woken by a writer thread; a
// writer blocked at the ceiling is woken by a reader; semaphore readers
// each take one.
#include "common.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <time.h>

static int efd;

static void nap(int ms) {
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

static void* late_writer(void* arg) {
    nap(50);
    uint64_t v = (uint64_t)(uintptr_t)arg;
    if (write(efd, &v, 8) != 8) printf("writer failed\n");
    return NULL;
}

static void* late_reader(void* arg) {
    (void)arg;
    nap(50);
    uint64_t v;
    if (read(efd, &v, 8) != 8) printf("reader failed\n");
    return (void*)(uintptr_t)v;
}

static void* sem_reader(void* arg) {
    (void)arg;
    uint64_t v = 0;
    if (read(efd, &v, 8) != 8) return (void*)99;
    return (void*)(uintptr_t)v;
}

int main(void) {
    efd = MUST(eventfd(0, 0));
    pthread_t t;
    pthread_create(&t, NULL, late_writer, (void*)(uintptr_t)9);
    uint64_t v = 0;
    T(read(efd, &v, 8));
    printf("blocked read got %llu\n", (unsigned long long)v);
    pthread_join(t, NULL);

    // Fill to the ceiling, then a blocking write of 5 waits for the reader.
    v = 0xfffffffffffffffeull;
    T(write(efd, &v, 8));
    pthread_create(&t, NULL, late_reader, NULL);
    v = 5;
    T(write(efd, &v, 8));
    void* got;
    pthread_join(t, &got);
    printf("reader took %llu\n", (unsigned long long)(uintptr_t)got);
    T(read(efd, &v, 8));
    printf("left %llu\n", (unsigned long long)v);
    close(efd);

    // Semaphore: 4 blocked readers, one write of 4 releases all of them.
    efd = MUST(eventfd(0, EFD_SEMAPHORE));
    pthread_t r[4];
    for (int i = 0; i < 4; ++i) pthread_create(&r[i], NULL, sem_reader, NULL);
    nap(50);
    v = 4;
    T(write(efd, &v, 8));
    uintptr_t sum = 0;
    for (int i = 0; i < 4; ++i) {
        pthread_join(r[i], &got);
        sum += (uintptr_t)got;
    }
    printf("semaphore readers took %lu in all\n", (unsigned long)sum);
    close(efd);
    return 0;
}
