/* main.c: options and start-up.
 *
 *   httpd [--port N] [--bind ADDR] [--root DIR] [--notes DIR] [--self-test]
 *   httpd --write-site DIR
 *
 * Linked with libukp, the default directories /srv/www and /var/notes are in
 * the kernel inside the process: nothing reaches the host's disk. */
#include "httpd.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

static int stop_fd = -1;

/* SIGINT/SIGTERM: let the loop finish cleanly (eventfd writes are
 * async-signal-safe). */
static void on_signal(int sig) {
    (void)sig;
    uint64_t one = 1;
    ssize_t ignored = write(stop_fd, &one, sizeof one);
    (void)ignored;
}

int server_setup(Server* s, const char* root, const char* notes, const char* addr, int port,
                 int* bound_port) {
    memset(s, 0, sizeof *s);
    s->root = root;
    s->notes = notes;
    s->stop_fd = -1;
    if (pages_install(root) != 0) return -1;
    if (api_init(notes) != 0) {
        fprintf(stderr, "httpd: cannot use %s for notes: %s\n", notes, strerror(errno));
        return -1;
    }
    s->listen_fd = server_listen(addr, port, bound_port);
    return s->listen_fd < 0 ? -1 : 0;
}

static void usage(FILE* out) {
    fprintf(out,
            "usage: httpd [--port N] [--bind ADDR] [--root DIR] [--notes DIR] [--self-test]\n"
            "       httpd --write-site DIR\n"
            "  --port N      TCP port (default 8080)\n"
            "  --bind ADDR   IPv4 or IPv6 address to listen on (default 0.0.0.0)\n"
            "  --root DIR    web root; filled with built-in pages if empty (default /srv/www)\n"
            "  --notes DIR   where notes are stored (default /var/notes)\n"
            "  --self-test   serve on a loopback port, run client checks, exit 0 or 1\n"
            "  --write-site DIR  write the built-in pages into DIR (made if missing) and exit\n"
            "                (`ukp pack` embeds such a tree in the packed binary)\n");
}

int main(int argc, char** argv) {
    const char* addr = "0.0.0.0";
    const char* root = "/srv/www";
    const char* notes = "/var/notes";
    int port = 8080;
    bool test = false;
    for (int i = 1; i < argc; ++i) {
        const char* opt = argv[i];
        const char* val = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes_value = true;
        if (strcmp(opt, "--port") == 0 && val) {
            char* end;
            long p = strtol(val, &end, 10);
            if (*end || p < 0 || p > 65535) {
                fprintf(stderr, "httpd: bad port %s\n", val);
                return 2;
            }
            port = (int)p;
        } else if (strcmp(opt, "--bind") == 0 && val) {
            addr = val;
        } else if (strcmp(opt, "--root") == 0 && val) {
            root = val;
        } else if (strcmp(opt, "--notes") == 0 && val) {
            notes = val;
        } else if (strcmp(opt, "--write-site") == 0 && val) {
            return pages_install(val) == 0 ? 0 : 1;
        } else if (strcmp(opt, "--self-test") == 0) {
            test = true;
            takes_value = false;
        } else if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
        if (takes_value) ++i;
    }

    /* A client that goes away mid-response must not kill the server. */
    signal(SIGPIPE, SIG_IGN);
    if (test) return self_test(root, notes);

    Server server;
    int bound;
    if (server_setup(&server, root, notes, addr, port, &bound) != 0) return 1;
    stop_fd = server.stop_fd = eventfd(0, EFD_CLOEXEC);
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    bool v6 = strchr(addr, ':') != NULL;
    printf("httpd: serving %s on http://%s%s%s:%d/ (notes in %s)\n", root, v6 ? "[" : "", addr,
           v6 ? "]" : "", bound, notes);
    fflush(stdout);
    int rc = server_run(&server);
    printf("httpd: stopped after %llu requests\n", (unsigned long long)server.requests);
    return rc == 0 ? 0 : 1;
}
