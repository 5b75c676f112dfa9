// Signals during blocking socket calls: a recv, an accept and a blocking
// connect's wait end with EINTR when the handler lacks SA_RESTART, and go on
// (the data, the connection arrive) when it has it; poll is never restarted.
#include "net.h"

#include <signal.h>
#include <sys/time.h>

static volatile sig_atomic_t g_hits;
static void on_alarm(int sig) { (void)sig; g_hits++; }

static void handler(int flags) {
    struct sigaction sa = {.sa_handler = on_alarm, .sa_flags = flags};
    sigemptyset(&sa.sa_mask);
    MUST(sigaction(SIGALRM, &sa, NULL));
}

// SIGALRM after ms milliseconds, once.
static void alarm_ms(int ms) {
    struct itimerval it = {.it_value = {ms / 1000, (ms % 1000) * 1000}};
    MUST(setitimer(ITIMER_REAL, &it, NULL));
}

struct Late {
    int fd;
    int ms;
};

// Writes one byte to fd after ms milliseconds (from another thread).
static void* late_write(void* arg) {
    struct Late* l = arg;
    usleep((useconds_t)l->ms * 1000);
    MUST(write(l->fd, "x", 1));
    return NULL;
}

static void* late_connect(void* arg) {
    struct Late* l = arg;
    usleep((useconds_t)l->ms * 1000);
    int c = connect4(l->fd);
    return (void*)(intptr_t)c;
}

int main(void) {
    int port;
    int l = listener4(4, &port);
    int c = connect4(port);
    int s = MUST(accept(l, NULL, NULL));
    char b[4];

    handler(0);
    alarm_ms(50);
    T(recv(s, b, sizeof b, 0));
    printf("handler ran: %d\n", g_hits);

    handler(SA_RESTART);
    g_hits = 0;
    pthread_t t;
    struct Late w = {c, 200};
    pthread_create(&t, NULL, late_write, &w);
    alarm_ms(50);
    T(recv(s, b, sizeof b, 0));  // restarted: gets the byte
    pthread_join(t, NULL);
    printf("handler ran: %d\n", g_hits);

    g_hits = 0;
    alarm_ms(50);
    struct pollfd p = {s, POLLIN, 0};
    T(poll(&p, 1, 2000));  // never restarted
    printf("handler ran: %d\n", g_hits);

    handler(0);
    g_hits = 0;
    alarm_ms(50);
    T(accept(l, NULL, NULL));
    printf("handler ran: %d\n", g_hits);

    handler(SA_RESTART);
    g_hits = 0;
    struct Late lc = {port, 200};
    pthread_create(&t, NULL, late_connect, &lc);
    alarm_ms(50);
    int a = accept(l, NULL, NULL);  // restarted: gets the connection
    printf("accept after a restart: %s\n", a >= 0 ? "ok" : en(errno));
    void* cr;
    pthread_join(t, &cr);
    printf("handler ran: %d\n", g_hits);
    close(a);
    close((int)(intptr_t)cr);
    close(s);
    close(c);
    close(l);
    return 0;
}
