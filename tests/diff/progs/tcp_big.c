// 128 MiB through one TCP connection between two threads, with a checksum
// on both sides, in odd-sized writes and reads.
#include "net.h"

#define TOTAL (128u << 20)

static int g_fd;
static uint64_t g_sent_sum;

static uint8_t byte_at(uint64_t i) { return (uint8_t)((i * 2654435761u) >> 13); }

static void* writer(void* arg) {
    (void)arg;
    static uint8_t buf[100003];
    uint64_t pos = 0;
    while (pos < TOTAL) {
        size_t n = sizeof buf;
        if (n > TOTAL - pos) n = TOTAL - pos;
        for (size_t i = 0; i < n; ++i) {
            buf[i] = byte_at(pos + i);
            g_sent_sum = g_sent_sum * 31 + buf[i];
        }
        size_t off = 0;
        while (off < n) {
            ssize_t w = send(g_fd, buf + off, n - off, 0);
            if (w <= 0) {
                printf("send failed: %s\n", en(errno));
                return NULL;
            }
            off += (size_t)w;
        }
        pos += n;
    }
    shutdown(g_fd, SHUT_WR);
    return NULL;
}

int main(void) {
    int port;
    int l = listener4(1, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    g_fd = c;
    pthread_t t;
    pthread_create(&t, NULL, writer, NULL);
    static uint8_t buf[65521];
    uint64_t got = 0, sum = 0, bad = 0;
    for (;;) {
        ssize_t r = recv(s, buf, sizeof buf, 0);
        if (r < 0) {
            printf("recv failed: %s\n", en(errno));
            break;
        }
        if (r == 0) break;
        for (ssize_t i = 0; i < r; ++i) {
            if (buf[i] != byte_at(got + (uint64_t)i)) ++bad;
            sum = sum * 31 + buf[i];
        }
        got += (uint64_t)r;
    }
    pthread_join(t, NULL);
    printf("received %llu bytes, %llu wrong, checksums %s\n", (unsigned long long)got,
           (unsigned long long)bad, sum == g_sent_sum ? "match" : "DIFFER");
    close(s);
    close(c);
    close(l);
    return 0;
}
