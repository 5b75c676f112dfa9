// Stress: 64 threads hammer pipes, AF_UNIX sockets and epoll at once for a
// bounded time, and every byte and message must arrive, in order, once.
//
//   ipc_stress SECONDS
//
// Threads: 8 pipe writer/reader pairs, 8 stream socketpair pairs, 2 datagram
// and 2 seqpacket pairs, 4 epoll consumers (edge-triggered, non-blocking)
// each draining 3 pipes fed by their own writers, and 8 churn threads that
// create, watch and close eventfds and pipes in a shared epoll set. A data
// stream is a deterministic byte sequence per channel, so a lost, repeated
// or reordered byte shows. A watchdog ends the run as failed if anything is
// still running SECONDS + 60 s after the start. Prints "ok" and exits 0.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { kStreamPairs = 8, kMsgPairs = 2, kEpollConsumers = 4, kPipesPerConsumer = 3, kChurn = 8 };
enum { kMaxChunk = 9000, kMaxMsg = 2048 };

static int64_t g_deadline_ns;
static int g_failed;
static pthread_mutex_t g_fail_lock = PTHREAD_MUTEX_INITIALIZER;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void fail(const char* what, long detail) {
    pthread_mutex_lock(&g_fail_lock);
    if (!g_failed) fprintf(stderr, "ipc_stress: %s (%ld, errno %s)\n", what, detail, strerrorname_np(errno));
    g_failed = 1;
    pthread_mutex_unlock(&g_fail_lock);
}

static int running(void) { return !g_failed && now_ns() < g_deadline_ns; }

// The byte at position `pos` of channel `ch`'s stream.
static unsigned char stream_byte(uint64_t ch, uint64_t pos) {
    uint64_t x = (pos + 1) * 0x9e3779b97f4a7c15ull ^ (ch * 0xbf58476d1ce4e5b9ull);
    return (unsigned char)(x >> 56);
}

static uint32_t rnd(uint32_t* s) {
    *s ^= *s << 13, *s ^= *s >> 17, *s ^= *s << 5;
    return *s;
}

// ---- byte streams over pipes and stream sockets ---------------------------------

struct Stream {
    int rfd, wfd;
    uint64_t ch;
    uint64_t written, read;
};

static void* stream_writer(void* arg) {
    struct Stream* s = arg;
    uint32_t seed = (uint32_t)s->ch * 2654435761u + 1;
    unsigned char buf[kMaxChunk];
    while (running()) {
        size_t n = 1 + rnd(&seed) % kMaxChunk;
        for (size_t i = 0; i < n; ++i) buf[i] = stream_byte(s->ch, s->written + i);
        for (size_t done = 0; done < n;) {
            ssize_t w = write(s->wfd, buf + done, n - done);
            if (w <= 0) {
                fail("stream write", (long)s->ch);
                return NULL;
            }
            done += (size_t)w;
        }
        s->written += n;
    }
    close(s->wfd);  // EOF for the reader
    return NULL;
}

static void* stream_reader(void* arg) {
    struct Stream* s = arg;
    unsigned char buf[kMaxChunk];
    for (;;) {
        ssize_t r = read(s->rfd, buf, sizeof buf);
        if (r == 0) break;
        if (r < 0) {
            fail("stream read", (long)s->ch);
            break;
        }
        for (ssize_t i = 0; i < r; ++i)
            if (buf[i] != stream_byte(s->ch, s->read + (uint64_t)i)) {
                fail("stream byte wrong at", (long)(s->read + (uint64_t)i));
                close(s->rfd);
                return NULL;
            }
        s->read += (uint64_t)r;
    }
    close(s->rfd);
    return NULL;
}

// ---- messages over datagram and seqpacket sockets -------------------------------

struct Msgs {
    int fd[2];
    uint64_t ch, sent, received;
};

static void* msg_writer(void* arg) {
    struct Msgs* m = arg;
    uint32_t seed = (uint32_t)m->ch * 40503u + 7;
    unsigned char buf[kMaxMsg];
    while (running()) {
        size_t n = 8 + rnd(&seed) % (kMaxMsg - 8);
        memcpy(buf, &m->sent, 8);
        for (size_t i = 8; i < n; ++i) buf[i] = stream_byte(m->ch + m->sent, i);
        if (send(m->fd[0], buf, n, 0) != (ssize_t)n) {
            fail("message send", (long)m->ch);
            return NULL;
        }
        ++m->sent;
    }
    uint64_t end = UINT64_MAX;
    if (send(m->fd[0], &end, 8, 0) != 8) fail("message end", (long)m->ch);
    return NULL;
}

static void* msg_reader(void* arg) {
    struct Msgs* m = arg;
    unsigned char buf[kMaxMsg];
    for (;;) {
        ssize_t r = recv(m->fd[1], buf, sizeof buf, 0);
        if (r < 8) {
            fail("message recv", (long)r);
            return NULL;
        }
        uint64_t seq;
        memcpy(&seq, buf, 8);
        if (seq == UINT64_MAX) break;
        if (seq != m->received) {
            fail("message out of order", (long)seq);
            return NULL;
        }
        for (ssize_t i = 8; i < r; ++i)
            if (buf[i] != stream_byte(m->ch + seq, (uint64_t)i)) {
                fail("message byte wrong", (long)seq);
                return NULL;
            }
        ++m->received;
    }
    return NULL;
}

// ---- edge-triggered epoll consumers ------------------------------------------------

struct Consumer {
    int ep;
    struct Stream pipes[kPipesPerConsumer];
    int open_pipes;
};

static void* epoll_consumer(void* arg) {
    struct Consumer* c = arg;
    unsigned char buf[kMaxChunk];
    while (c->open_pipes > 0 && !g_failed) {
        struct epoll_event evs[kPipesPerConsumer];
        int n = epoll_wait(c->ep, evs, kPipesPerConsumer, 1000);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("epoll_wait", n);
            return NULL;
        }
        for (int e = 0; e < n; ++e) {
            struct Stream* s = &c->pipes[evs[e].data.u32];
            for (;;) {  // edge-triggered: drain until EAGAIN or EOF
                ssize_t r = read(s->rfd, buf, sizeof buf);
                if (r < 0 && errno == EAGAIN) break;
                if (r < 0) {
                    fail("consumer read", (long)s->ch);
                    return NULL;
                }
                if (r == 0) {
                    epoll_ctl(c->ep, EPOLL_CTL_DEL, s->rfd, NULL);
                    close(s->rfd);
                    --c->open_pipes;
                    break;
                }
                for (ssize_t i = 0; i < r; ++i)
                    if (buf[i] != stream_byte(s->ch, s->read + (uint64_t)i)) {
                        fail("consumer byte wrong", (long)s->ch);
                        return NULL;
                    }
                s->read += (uint64_t)r;
            }
        }
    }
    return NULL;
}

// ---- churn: short-lived fds in a shared epoll set ------------------------------------

static int g_shared_ep;

static void* churn(void* arg) {
    uint32_t seed = (uint32_t)(uintptr_t)arg * 97 + 3;
    while (running()) {
        int efd = eventfd(0, EFD_NONBLOCK);
        int p[2];
        if (efd < 0 || pipe2(p, O_NONBLOCK) != 0) {
            fail("churn create", efd);
            return NULL;
        }
        struct epoll_event ev = {.events = EPOLLIN | (rnd(&seed) & 1 ? EPOLLET : 0)};
        ev.data.fd = efd;
        if (epoll_ctl(g_shared_ep, EPOLL_CTL_ADD, efd, &ev) != 0) fail("churn add eventfd", efd);
        ev.data.fd = p[0];
        if (epoll_ctl(g_shared_ep, EPOLL_CTL_ADD, p[0], &ev) != 0) fail("churn add pipe", p[0]);
        uint64_t one = 1;
        if (write(efd, &one, 8) != 8 || write(p[1], "z", 1) != 1) fail("churn write", efd);
        struct epoll_event out[16];
        if (epoll_wait(g_shared_ep, out, 16, 10) < 0) fail("churn wait", 0);
        // Half the time close without EPOLL_CTL_DEL: closing must remove them.
        if (rnd(&seed) & 1) {
            epoll_ctl(g_shared_ep, EPOLL_CTL_DEL, efd, NULL);
            epoll_ctl(g_shared_ep, EPOLL_CTL_DEL, p[0], NULL);
        }
        close(efd);
        close(p[0]);
        close(p[1]);
    }
    return NULL;
}

// ---- main ----------------------------------------------------------------------

static pthread_t g_threads[64];
static int g_thread_count;

static void start(void* (*fn)(void*), void* arg) {
    if (g_thread_count == 64 || pthread_create(&g_threads[g_thread_count++], NULL, fn, arg) != 0) {
        fprintf(stderr, "ipc_stress: cannot start thread %d\n", g_thread_count);
        exit(1);
    }
}

static void* watchdog(void* arg) {
    int64_t limit = *(int64_t*)arg;
    while (now_ns() < limit) usleep(100000);
    fprintf(stderr, "ipc_stress: still running %lld s after the deadline: a hang\n",
            (long long)((limit - g_deadline_ns) / 1000000000));
    _exit(1);
}

int main(int argc, char** argv) {
    int seconds = argc > 1 ? atoi(argv[1]) : 5;
    if (seconds < 1 || seconds > 600) {
        fprintf(stderr, "usage: ipc_stress SECONDS (1..600)\n");
        return 2;
    }
    g_deadline_ns = now_ns() + (int64_t)seconds * 1000000000;
    int64_t limit = g_deadline_ns + 60ll * 1000000000;
    pthread_t dog;
    pthread_create(&dog, NULL, watchdog, &limit);

    static struct Stream streams[2 * kStreamPairs];
    for (int i = 0; i < 2 * kStreamPairs; ++i) {
        int fds[2];
        if (i < kStreamPairs ? pipe(fds) : socketpair(AF_UNIX, SOCK_STREAM, 0, fds)) {
            perror("ipc_stress: pipe/socketpair");
            return 1;
        }
        streams[i] = (struct Stream){.rfd = fds[0], .wfd = fds[1], .ch = (uint64_t)i};
        start(stream_writer, &streams[i]);
        start(stream_reader, &streams[i]);
    }
    static struct Msgs msgs[2 * kMsgPairs];
    for (int i = 0; i < 2 * kMsgPairs; ++i) {
        msgs[i].ch = 1000 + (uint64_t)i;
        if (socketpair(AF_UNIX, i < kMsgPairs ? SOCK_DGRAM : SOCK_SEQPACKET, 0, msgs[i].fd)) {
            perror("ipc_stress: socketpair");
            return 1;
        }
        start(msg_writer, &msgs[i]);
        start(msg_reader, &msgs[i]);
    }
    static struct Consumer consumers[kEpollConsumers];
    for (int i = 0; i < kEpollConsumers; ++i) {
        struct Consumer* c = &consumers[i];
        c->ep = epoll_create1(EPOLL_CLOEXEC);
        c->open_pipes = kPipesPerConsumer;
        for (int j = 0; j < kPipesPerConsumer; ++j) {
            int fds[2];
            if (c->ep < 0 || pipe2(fds, O_NONBLOCK)) {
                perror("ipc_stress: epoll/pipe2");
                return 1;
            }
            // Writers block; only the consumer's end is non-blocking.
            fcntl(fds[1], F_SETFL, 0);
            c->pipes[j] = (struct Stream){.rfd = fds[0], .wfd = fds[1], .ch = 2000 + (uint64_t)(i * 10 + j)};
            struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u32 = (uint32_t)j};
            if (epoll_ctl(c->ep, EPOLL_CTL_ADD, fds[0], &ev)) {
                perror("ipc_stress: epoll_ctl");
                return 1;
            }
            start(stream_writer, &c->pipes[j]);
        }
        start(epoll_consumer, c);
    }
    g_shared_ep = epoll_create1(0);
    for (int i = 0; i < kChurn; ++i) start(churn, (void*)(uintptr_t)(i + 1));

    for (int i = 0; i < g_thread_count; ++i) pthread_join(g_threads[i], NULL);
    if (g_failed) return 1;

    uint64_t bytes = 0, messages = 0;
    for (int i = 0; i < 2 * kStreamPairs; ++i) {
        if (streams[i].read != streams[i].written) {
            fprintf(stderr, "ipc_stress: stream %d: wrote %llu, read %llu\n", i,
                    (unsigned long long)streams[i].written, (unsigned long long)streams[i].read);
            return 1;
        }
        bytes += streams[i].read;
    }
    for (int i = 0; i < kEpollConsumers; ++i)
        for (int j = 0; j < kPipesPerConsumer; ++j) {
            struct Stream* s = &consumers[i].pipes[j];
            if (s->read != s->written) {
                fprintf(stderr, "ipc_stress: epoll pipe %d.%d: wrote %llu, read %llu\n", i, j,
                        (unsigned long long)s->written, (unsigned long long)s->read);
                return 1;
            }
            bytes += s->read;
        }
    for (int i = 0; i < 2 * kMsgPairs; ++i) {
        if (msgs[i].received != msgs[i].sent) {
            fprintf(stderr, "ipc_stress: messages %d: sent %llu, received %llu\n", i,
                    (unsigned long long)msgs[i].sent, (unsigned long long)msgs[i].received);
            return 1;
        }
        messages += msgs[i].received;
    }
    fprintf(stderr, "ipc_stress: %d threads, %d s: %llu bytes and %llu messages checked\n",
            g_thread_count, seconds, (unsigned long long)bytes, (unsigned long long)messages);
    printf("ok\n");
    return 0;
}
