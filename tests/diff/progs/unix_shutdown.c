// shutdown(2) on AF_UNIX stream sockets: half-close, EOF, EPIPE with
// SIGPIPE (counted by a handler) or without it (MSG_NOSIGNAL).
#include "common.h"
#include <signal.h>
#include <sys/socket.h>

static volatile int sigpipes;
static void on_pipe(int sig) { (void)sig; sigpipes++; }

int main(void) {
    signal(SIGPIPE, on_pipe);
    int sv[2];
    char buf[16];
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    T(send(sv[0], "before", 6, 0));
    T(shutdown(sv[0], SHUT_WR));
    T(send(sv[0], "after", 5, 0));
    printf("sigpipes %d\n", sigpipes);
    T(send(sv[0], "after", 5, MSG_NOSIGNAL));
    printf("sigpipes %d\n", sigpipes);
    T(recv(sv[1], buf, sizeof buf, 0));
    T(recv(sv[1], buf, sizeof buf, 0));  // EOF
    T(recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
    // The other direction still works.
    T(send(sv[1], "reply", 5, 0));
    T(recv(sv[0], buf, sizeof buf, 0));
    // SHUT_RD here means the peer cannot write to us any more.
    T(shutdown(sv[0], SHUT_RD));
    T(send(sv[1], "late", 4, MSG_NOSIGNAL));
    T(recv(sv[0], buf, sizeof buf, 0));
    T(shutdown(sv[0], SHUT_RDWR));
    T(shutdown(sv[0], 3));
    T(shutdown(sv[0], -1));
    close(sv[0]);
    close(sv[1]);

    // Closing the peer: EPIPE + SIGPIPE on write, ECONNRESET if it left data unread.
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    T(send(sv[0], "unread", 6, 0));
    T(close(sv[1]));
    T(write(sv[0], "x", 1));
    printf("sigpipes %d\n", sigpipes);
    T(recv(sv[0], buf, sizeof buf, 0));
    close(sv[0]);
    T(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    T(send(sv[1], "data", 4, 0));
    T(close(sv[1]));
    T(recv(sv[0], buf, sizeof buf, 0));
    T(recv(sv[0], buf, sizeof buf, 0));
    close(sv[0]);

    // Not connected.
    int s = MUST(socket(AF_UNIX, SOCK_STREAM, 0));
    T(shutdown(s, SHUT_RDWR));
    int d = MUST(socket(AF_UNIX, SOCK_DGRAM, 0));
    T(shutdown(d, SHUT_RD));
    T(recv(d, buf, sizeof buf, 0));
    T(shutdown(1000, SHUT_RD));
    close(s);
    close(d);
    // Datagram pairs: no SIGPIPE, just EPIPE.
    T(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    T(shutdown(sv[1], SHUT_RD));
    T(send(sv[0], "x", 1, 0));
    T(shutdown(sv[0], SHUT_WR));
    T(send(sv[0], "x", 1, 0));
    printf("sigpipes %d\n", sigpipes);
    T(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
    T(shutdown(sv[1], SHUT_RD));
    T(send(sv[0], "x", 1, 0));
    printf("sigpipes %d\n", sigpipes);
    return 0;
}
