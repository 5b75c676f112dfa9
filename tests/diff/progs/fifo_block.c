// FIFO opens that wait for the other side: a blocking O_RDONLY open is
// woken by a writer opening in another thread, a blocking O_WRONLY open by
// a reader; O_RDWR never waits; data does not survive the last close.

#include "common.h"

#include <pthread.h>
#include <time.h>

static volatile int state;
static int opened_fd = -1;
static int open_flags;

static void nap(int ms) {
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

static void* opener(void* arg) {
    (void)arg;
    state = 1;
    opened_fd = open("f", open_flags);
    state = 2;
    return NULL;
}

static void wait_parked(void) {
    for (int i = 0; i < 500 && state != 1; ++i) nap(1);
    nap(50);
}

int main(void) {
    MUST(mkfifo("f", 0600));
    pthread_t t;

    // Reader waits for a writer.
    state = 0;
    open_flags = O_RDONLY;
    pthread_create(&t, NULL, opener, NULL);
    wait_parked();
    printf("reader open blocked: %d\n", state == 1);
    int w = open("f", O_WRONLY);
    printf("writer open: %s\n", w >= 0 ? "ok" : en(errno));
    pthread_join(t, NULL);
    printf("reader open done: %d\n", opened_fd >= 0);
    T(write(w, "ping", 4));
    char buf[16] = {0};
    T(read(opened_fd, buf, sizeof buf));
    printf("buf=%s\n", buf);
    T(write(w, "left", 4));
    close(opened_fd);
    close(w);

    // Writer waits for a reader; what was left before is gone.
    state = 0;
    open_flags = O_WRONLY;
    pthread_create(&t, NULL, opener, NULL);
    wait_parked();
    printf("writer open blocked: %d\n", state == 1);
    int r = open("f", O_RDONLY);
    printf("reader open: %s\n", r >= 0 ? "ok" : en(errno));
    pthread_join(t, NULL);
    printf("writer open done: %d\n", opened_fd >= 0);
    T(fcntl(r, F_SETFL, O_NONBLOCK));
    T(read(r, buf, sizeof buf));  // EAGAIN: fresh pipe, writer open
    T(write(opened_fd, "pong", 4));
    memset(buf, 0, sizeof buf);
    T(read(r, buf, sizeof buf));
    printf("buf=%s\n", buf);
    close(opened_fd);
    T(read(r, buf, sizeof buf));  // EOF
    close(r);

    // O_RDWR: never waits, is both ends.
    int rw = open("f", O_RDWR);
    printf("rdwr open: %s\n", rw >= 0 ? "ok" : en(errno));
    T(write(rw, "self", 4));
    memset(buf, 0, sizeof buf);
    T(read(rw, buf, sizeof buf));
    printf("buf=%s\n", buf);
    // A non-blocking writer now finds a reader.
    int w2 = open("f", O_WRONLY | O_NONBLOCK);
    printf("nonblock writer with rdwr reader: %s\n", w2 >= 0 ? "ok" : en(errno));
    close(w2);
    close(rw);

    // A blocking reader open after a writer came and went still waits for
    // the next writer (a FIFO counts openings, not open ends).
    state = 0;
    open_flags = O_RDONLY;
    pthread_create(&t, NULL, opener, NULL);
    wait_parked();
    printf("reader blocked again: %d\n", state == 1);
    w = open("f", O_WRONLY | O_NONBLOCK);
    close(w);  // the writer leaves at once; the reader still wakes
    pthread_join(t, NULL);
    printf("reader woke: %d\n", opened_fd >= 0);
    T(read(opened_fd, buf, sizeof buf));  // EOF: no writer
    close(opened_fd);

    // Other access modes and flags.
    T(open("f", O_WRONLY | O_NONBLOCK));  // ENXIO: no reader
    T(open("f", O_RDONLY | O_NONBLOCK | O_TRUNC) >= 0);
    T(unlink("f"));
    return 0;
}
