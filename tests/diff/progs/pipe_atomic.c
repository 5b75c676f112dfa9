// PIPE_BUF atomicity: writes of at most PIPE_BUF bytes from several threads
// never interleave (write and writev alike), while one reader drains.

#include "common.h"

#include <pthread.h>
#include <sys/uio.h>

#define WRITERS 4
#define ROUNDS 300

static int p[2];
static size_t sizes[] = {PIPE_BUF, 100, 1000, 4000};

static void* writer(void* arg) {
    int id = (int)(long)arg;
    char msg[PIPE_BUF];
    for (int r = 0; r < ROUNDS; ++r) {
        size_t n = sizes[(r + id) % 4];
        memset(msg, 'a' + id, n);
        msg[0] = (char)('0' + (n == PIPE_BUF ? 0 : n == 100 ? 1 : n == 1000 ? 2 : 3));
        if (r % 2) {
            struct iovec v[3] = {{msg, 1}, {msg + 1, n / 2}, {msg + 1 + n / 2, n - 1 - n / 2}};
            if (writev(p[1], v, 3) != (ssize_t)n) printf("short writev\n");
        } else if (write(p[1], msg, n) != (ssize_t)n) {
            printf("short write\n");
        }
    }
    return NULL;
}

int main(void) {
    printf("PIPE_BUF=%d\n", PIPE_BUF);
    MUST(pipe(p));
    pthread_t t[WRITERS];
    for (long i = 0; i < WRITERS; ++i) pthread_create(&t[i], NULL, writer, (void*)i);
    // Read the stream message by message: the first byte says the length.
    size_t total = 0, bad = 0, count = 0;
    static char buf[PIPE_BUF];
    const size_t expect = (size_t)WRITERS * ROUNDS;
    while (count < expect) {
        char head;
        if (read(p[0], &head, 1) != 1) break;
        size_t n = sizes[head - '0'];
        size_t got = 0;
        while (got < n - 1) {
            ssize_t k = read(p[0], buf + got, n - 1 - got);
            if (k <= 0) break;
            got += (size_t)k;
        }
        for (size_t i = 1; i < got; ++i)
            if (buf[i] != buf[0]) { ++bad; break; }
        total += got + 1;
        ++count;
    }
    for (int i = 0; i < WRITERS; ++i) pthread_join(t[i], NULL);
    printf("messages=%zu bytes=%zu interleaved=%zu\n", count, total, bad);
    return 0;
}
