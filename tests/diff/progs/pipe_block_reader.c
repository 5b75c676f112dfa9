// A reader blocked in read() on an empty pipe is woken by a writer thread,
// and by the last writer's close (EOF); a blocked readv too.

#include "common.h"

#include <pthread.h>
#include <sys/uio.h>
#include <time.h>

static int p[2];
static volatile int state;
static char got1[32], got2[32];
static ssize_t n1, n2, n3;
static int a[2], b[2];

static void nap(int ms) {
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

static void* reader(void* arg) {
    (void)arg;
    state = 1;
    n1 = read(p[0], got1, sizeof got1 - 1);
    state = 2;
    struct iovec v[2] = {{got2, 2}, {got2 + 2, 10}};
    n2 = readv(p[0], v, 2);
    char buf[8];
    n3 = read(p[0], buf, sizeof buf);  // blocks until the writer closes
    return NULL;
}

static void* echo(void* arg) {
    (void)arg;
    int v;
    while (read(a[0], &v, sizeof v) == sizeof v) write(b[1], &v, sizeof v);
    return NULL;
}

int main(void) {
    MUST(pipe(p));
    pthread_t t;
    pthread_create(&t, NULL, reader, NULL);
    for (int i = 0; i < 500 && state != 1; ++i) nap(1);
    nap(30);  // long enough for the reader to park
    printf("state before write: %d\n", state);
    T(write(p[1], "wake up", 7));
    for (int i = 0; i < 2000 && state != 2; ++i) nap(1);
    nap(30);
    T(write(p[1], "vectored", 8));
    nap(30);
    T(close(p[1]));
    pthread_join(t, NULL);
    printf("reader got %zd: %s\n", n1, got1);
    printf("reader readv %zd: %s\n", n2, got2);
    printf("reader at eof %zd\n", n3);
    close(p[0]);

    // Ping-pong with an echo thread: nothing lost or reordered.
    MUST(pipe(a));
    MUST(pipe(b));
    pthread_create(&t, NULL, echo, NULL);
    int ok = 1;
    for (int i = 0; i < 5000; ++i) {
        int v = -1;
        if (write(a[1], &i, sizeof i) != sizeof i) ok = 0;
        if (read(b[0], &v, sizeof v) != sizeof v || v != i) ok = 0;
    }
    close(a[1]);
    pthread_join(t, NULL);
    printf("pingpong ok=%d\n", ok);
    close(a[0]); close(b[0]); close(b[1]);
    return 0;
}
