// A writer blocked on a full pipe is woken by a reader thread; a blocked
// writer gets EPIPE when the last reader closes; a large blocking write
// completes as the reader drains.

#include "common.h"

#include <pthread.h>
#include <signal.h>
#include <time.h>

static int p[2];
static volatile int state;
static ssize_t result;
static int result_errno;
static size_t big_len;

static void nap(int ms) {
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

static size_t fill(int fd) {
    int fl = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    static char chunk[4096];
    size_t total = 0;
    for (int i = 0; i < 1000; ++i) {
        ssize_t n = write(fd, chunk, sizeof chunk);
        if (n <= 0) break;
        total += (size_t)n;
    }
    fcntl(fd, F_SETFL, fl);
    return total;
}

static void* writer(void* arg) {
    (void)arg;
    static char big[300000];
    memset(big, 'w', sizeof big);
    state = 1;
    errno = 0;
    result = write(p[1], big, big_len);
    result_errno = errno;
    state = 2;
    return NULL;
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    MUST(pipe(p));
    printf("filled %zu\n", fill(p[1]));
    pthread_t t;
    big_len = 100;
    pthread_create(&t, NULL, writer, NULL);
    for (int i = 0; i < 500 && state != 1; ++i) nap(1);
    nap(50);
    printf("writer still blocked: %d\n", state == 1);
    static char buf[300000];
    T(read(p[0], buf, 4096));
    pthread_join(t, NULL);
    printf("writer done: %zd\n", result);

    // A big write blocks until a reader drains it all.
    state = 0;
    big_len = 300000;
    pthread_create(&t, NULL, writer, NULL);
    size_t got = 0;
    for (int i = 0; i < 100000 && got < 61440 + 100 + 300000; ++i) {
        ssize_t n = read(p[0], buf, sizeof buf);
        if (n <= 0) break;
        got += (size_t)n;
    }
    pthread_join(t, NULL);
    printf("big write: %zd, drained %zu\n", result, got);

    // Blocked writer, reader goes away: EPIPE.
    printf("filled %zu\n", fill(p[1]));
    state = 0;
    big_len = 10;
    pthread_create(&t, NULL, writer, NULL);
    for (int i = 0; i < 500 && state != 1; ++i) nap(1);
    nap(50);
    T(close(p[0]));
    pthread_join(t, NULL);
    printf("writer: %zd %s\n", result, en(result_errno));
    close(p[1]);
    return 0;
}
