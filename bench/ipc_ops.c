// IPC and event micro-benchmarks: the same source is built natively and
// linked with libukp, and bench/run_ipc.py compares the two in one run.
//
//   ipc_ops [--budget-ms N] [--reps R] [--iters N] [--only OP]
//
// Ping-pongs run between the measuring thread and an echo thread; one
// operation is a full round trip (one byte or one counter each way) over a
// pipe pair, an AF_UNIX socketpair, eventfds or a TCP connection on
// 127.0.0.1 (TCP_NODELAY; under ukp the kernel's own loopback). The
// epoll cases measure one epoll_wait that finds the single active fd among
// 1 or 1000 idle ones. Throughput moves 64 KiB per operation to a draining
// thread, through a pipe or a TCP connection. The mapping case dirties one
// page of a MAP_SHARED file mapping.
#include "bench.h"

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHUNK (64 * 1024)
#define MAP_PAGES 256

// ---- ping-pong over a pair of channels ---------------------------------------
// to[1] -> echo thread reads to[0], writes back[1] -> we read back[0].

struct Pair {
    int to[2], back[2];
    int eventfd;  // both directions are eventfds: to[*] and back[*] alias them
    pthread_t echo;
};

static struct Pair g_pair;

static void xfer(int fd, int out, int eventfd) {
    if (eventfd) {
        uint64_t v = 1;
        if (out ? write(fd, &v, 8) != 8 : read(fd, &v, 8) != 8) die(out ? "write" : "read", "eventfd");
    } else {
        char c = 'x';
        if (out ? write(fd, &c, 1) != 1 : read(fd, &c, 1) != 1) die(out ? "write" : "read", "pipe");
    }
}

static void* echo_main(void* arg) {
    struct Pair* p = arg;
    for (;;) {
        if (p->eventfd) {
            uint64_t v;
            if (read(p->to[0], &v, 8) != 8 || v == UINT64_MAX - 1) break;
            if (write(p->back[1], &v, 8) != 8) break;
        } else {
            char c;
            if (read(p->to[0], &c, 1) != 1) break;
            if (write(p->back[1], &c, 1) != 1) break;
        }
    }
    return NULL;
}

// A connected TCP pair on 127.0.0.1: fds[0] accepted, fds[1] connecting.
static void tcp_pair(int fds[2]) {
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (l < 0 || bind(l, (struct sockaddr*)&a, sizeof a) || listen(l, 1) ||
        getsockname(l, (struct sockaddr*)&a, &len))
        die("listen", "127.0.0.1");
    int c = socket(AF_INET, SOCK_STREAM, 0);
    if (c < 0 || connect(c, (struct sockaddr*)&a, sizeof a)) die("connect", "127.0.0.1");
    int s = accept(l, NULL, NULL);
    if (s < 0) die("accept", "127.0.0.1");
    close(l);
    int one = 1;
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fds[0] = s, fds[1] = c;
}

static void pair_start(const char* kind) {
    struct Pair* p = &g_pair;
    memset(p, 0, sizeof *p);
    if (!strcmp(kind, "pipe")) {
        if (pipe(p->to) || pipe(p->back)) die("pipe", "");
    } else if (!strcmp(kind, "unix") || !strcmp(kind, "tcp")) {
        int a[2];
        if (kind[0] == 't') tcp_pair(a);
        else if (socketpair(AF_UNIX, SOCK_STREAM, 0, a)) die("socketpair", "");
        // One socket pair carries both directions.
        p->to[1] = a[0], p->to[0] = a[1], p->back[1] = a[1], p->back[0] = a[0];
    } else {
        p->eventfd = 1;
        int a = eventfd(0, 0), b = eventfd(0, 0);
        if (a < 0 || b < 0) die("eventfd", "");
        p->to[0] = p->to[1] = a, p->back[0] = p->back[1] = b;
    }
    if (pthread_create(&p->echo, NULL, echo_main, p)) die("pthread_create", "");
}

static void pair_stop(void) {
    struct Pair* p = &g_pair;
    // Tell the echo thread to finish: a stop value, or end-of-file.
    if (p->eventfd) {
        uint64_t stop = UINT64_MAX - 1;
        if (write(p->to[1], &stop, 8) != 8) die("write", "eventfd");
    } else {
        shutdown(p->to[1], SHUT_WR);  // a socket pair stays open both ways
    }
    int fds[] = {p->to[1], p->to[0], p->back[0], p->back[1]};
    if (!p->eventfd && p->to[1] != p->back[0]) {  // a pipe's write end closes to give EOF
        close(fds[0]);
        fds[0] = -1;
    }
    pthread_join(p->echo, NULL);
    for (int i = 0; i < 4; ++i) {
        int dup_of_earlier = 0;
        for (int j = 0; j < i; ++j) dup_of_earlier |= fds[j] == fds[i];
        if (fds[i] >= 0 && !dup_of_earlier) close(fds[i]);
    }
}

static void op_pingpong(long n) {
    for (long i = 0; i < n; ++i) {
        xfer(g_pair.to[1], 1, g_pair.eventfd);
        xfer(g_pair.back[0], 0, g_pair.eventfd);
    }
}

// ---- epoll_wait among idle fds --------------------------------------------------

static int g_ep = -1, g_active = -1, g_idle[1000], g_idle_count;

static void epoll_start(int idle) {
    g_ep = epoll_create1(0);
    if (g_ep < 0) die("epoll_create1", "");
    struct epoll_event ev = {.events = EPOLLIN};
    for (g_idle_count = 0; g_idle_count < idle; ++g_idle_count) {
        int fd = eventfd(0, 0);
        if (fd < 0) die("eventfd", "");
        g_idle[g_idle_count] = fd;
        ev.data.fd = fd;
        if (epoll_ctl(g_ep, EPOLL_CTL_ADD, fd, &ev)) die("epoll_ctl", "");
    }
    g_active = eventfd(1, 0);  // readable until read: level-triggered stays ready
    ev.data.fd = g_active;
    if (g_active < 0 || epoll_ctl(g_ep, EPOLL_CTL_ADD, g_active, &ev)) die("epoll_ctl", "active");
}

static void epoll_stop(void) {
    for (int i = 0; i < g_idle_count; ++i) close(g_idle[i]);
    close(g_active);
    close(g_ep);
}

static void op_epoll_wait(long n) {
    struct epoll_event evs[8];
    for (long i = 0; i < n; ++i)
        if (epoll_wait(g_ep, evs, 8, 0) != 1) die("epoll_wait", "expected one ready fd");
}

// ---- pipe throughput ------------------------------------------------------------

static int g_tp[2];
static pthread_t g_drain;
static char g_chunk[CHUNK];

static _Atomic long g_drained, g_written;

static void* drain_main(void* arg) {
    (void)arg;
    static char buf[CHUNK];
    ssize_t r;
    while ((r = read(g_tp[0], buf, sizeof buf)) > 0) g_drained += r;
    return NULL;
}

static void throughput_begin(void) {
    memset(g_chunk, 'y', sizeof g_chunk);
    g_drained = g_written = 0;
    if (pthread_create(&g_drain, NULL, drain_main, NULL)) die("pthread_create", "");
}

static void throughput_start(void) {
    if (pipe(g_tp)) die("pipe", "");
    throughput_begin();
}

static void tcp_throughput_start(void) {
    tcp_pair(g_tp);  // g_tp[1] writes, g_tp[0] drains
    throughput_begin();
}

static void throughput_stop(void) {
    shutdown(g_tp[1], SHUT_WR);  // EOF for a socket; a pipe end just closes
    close(g_tp[1]);
    pthread_join(g_drain, NULL);
    close(g_tp[0]);
}

// Writes 64 KiB per operation into g_tp[1] (a pipe or a TCP socket); the
// time counts until the reader has it all, not just until the kernel took it
// (a socket's send buffer holds megabytes).
static void op_write_64k(long n) {
    for (long i = 0; i < n; ++i)
        for (size_t done = 0; done < CHUNK;) {
            ssize_t w = write(g_tp[1], g_chunk + done, CHUNK - done);
            if (w <= 0) die("write", "pipe or socket");
            done += (size_t)w;
        }
    g_written += n * CHUNK;
    while (g_drained < g_written) sched_yield();
}

// ---- MAP_SHARED page touches --------------------------------------------------------

static char* g_map;
static long g_map_next;

static void map_start(void) {
    // Natively /dev/shm is tmpfs, the file system ukp's ramfs mimics.
    char path[] = "/dev/shm/ukp-bench-map-XXXXXX";
    char kpath[] = "/tmp/ukp-bench-map-XXXXXX";
    int fd = mkstemp(BENCH_UKP ? kpath : path);
    if (fd < 0) die("mkstemp", "");
    unlink(BENCH_UKP ? kpath : path);
    if (ftruncate(fd, MAP_PAGES * 4096L)) die("ftruncate", "");
    g_map = mmap(NULL, MAP_PAGES * 4096L, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (g_map == MAP_FAILED) die("mmap", "");
    close(fd);
    g_map_next = 0;
}

static void map_stop(void) { munmap(g_map, MAP_PAGES * 4096L); }

static void op_map_touch(long n) {
    for (long i = 0; i < n; ++i) {
        g_map[(g_map_next % MAP_PAGES) * 4096] += 1;
        ++g_map_next;
    }
}

// ---- driver ------------------------------------------------------------------------

static void run_one(const struct Op* op, struct BenchOptions o, void (*start)(void), void (*stop)(void)) {
    if (o.only && strcmp(o.only, op->name) != 0) return;
    if (op->available) start();
    bench_run(op, 1, o, NULL);
    if (op->available) stop();
}

static void start_pipe(void) { pair_start("pipe"); }
static void start_unix(void) { pair_start("unix"); }
static void start_eventfd(void) { pair_start("eventfd"); }
static void start_epoll_1(void) { epoll_start(1); }
static void start_epoll_1000(void) { epoll_start(1000); }
static void start_tcp(void) { pair_start("tcp"); }

int main(int argc, char** argv) {
    struct BenchOptions o = bench_options(argc, argv, 1);
    int rw = BRIDGED((void*)read, (void*)write, (void*)close);
    int ev = rw && BRIDGED((void*)eventfd);
    int ep = ev && BRIDGED((void*)epoll_create1, (void*)epoll_ctl, (void*)epoll_wait);
    struct Op pipe_pp = {"pipe_pingpong", op_pingpong, rw && BRIDGED((void*)pipe), "pipe"};
    struct Op unix_pp = {"unix_pingpong", op_pingpong, rw && BRIDGED((void*)socketpair, (void*)shutdown), "socketpair"};
    struct Op event_pp = {"eventfd_pingpong", op_pingpong, ev, "eventfd"};
    struct Op ep1 = {"epoll_1_idle", op_epoll_wait, ep, "eventfd, epoll"};
    struct Op ep1000 = {"epoll_1000_idle", op_epoll_wait, ep, "eventfd, epoll"};
    struct Op tp = {"pipe_64k", op_write_64k, rw && BRIDGED((void*)pipe), "pipe"};
    int net = rw && BRIDGED((void*)socket, (void*)connect, (void*)accept, (void*)shutdown);
    struct Op tcp_pp = {"tcp_pingpong", op_pingpong, net, "socket"};
    struct Op tcp_tp = {"tcp_64k", op_write_64k, net, "socket"};
    struct Op map = {"map_shared_touch", op_map_touch,
                     BRIDGED((void*)mmap, (void*)munmap, (void*)ftruncate, (void*)mkstemp), "mmap"};

    printf("# build %s\n", BENCH_UKP ? "ukp" : "native");
    run_one(&pipe_pp, o, start_pipe, pair_stop);
    run_one(&unix_pp, o, start_unix, pair_stop);
    run_one(&event_pp, o, start_eventfd, pair_stop);
    run_one(&ep1, o, start_epoll_1, epoll_stop);
    run_one(&ep1000, o, start_epoll_1000, epoll_stop);
    run_one(&tp, o, throughput_start, throughput_stop);
    run_one(&map, o, map_start, map_stop);
    run_one(&tcp_pp, o, start_tcp, pair_stop);
    run_one(&tcp_tp, o, tcp_throughput_start, throughput_stop);
    return 0;
}
