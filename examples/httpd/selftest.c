/* selftest.c: --self-test.
 *
 * Starts the server on an ephemeral 127.0.0.1 port in a second thread and
 * talks to it as a client would, with plain blocking sockets. Each check
 * prints one line that does not depend on the host (no ids, ports or
 * times), so the native and the ukp build print the same thing. */
#include "httpd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int port;
static int passed, failed;

static void check(bool ok, const char* what) {
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    fflush(stdout);
    if (ok) ++passed; else ++failed;
}

/* ---- a tiny blocking client ---- */

typedef struct {
    int fd;
    Buf in;  /* received, not yet consumed */
} Client;

typedef struct {
    int status;
    char type[128];
    char location[128];
    char allow[128];
    bool has_length;
    size_t length;
    bool close;    /* Connection: close */
    Buf body;
} Reply;

static bool client_open(Client* c) {
    memset(c, 0, sizeof *c);
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (c->fd < 0) return false;
    struct timeval tv = {.tv_sec = 10};  /* a hung server fails the check, not the run */
    setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return connect(c->fd, (struct sockaddr*)&sa, sizeof sa) == 0;
}

static void client_close(Client* c) {
    if (c->fd >= 0) close(c->fd);
    c->fd = -1;
    buf_free(&c->in);
}

static bool send_all(Client* c, const char* data, size_t len) {
    while (len > 0) {
        ssize_t n = send(c->fd, data, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* Receives more bytes; false on EOF, error or timeout. */
static bool fill(Client* c) {
    if (!buf_reserve(&c->in, 16384)) return false;
    ssize_t n;
    do n = recv(c->fd, c->in.data + c->in.len, 16384, 0);
    while (n < 0 && errno == EINTR);
    if (n <= 0) return false;
    c->in.len += (size_t)n;
    return true;
}

static void consume(Client* c, size_t n) {
    memmove(c->in.data, c->in.data + n, c->in.len - n);
    c->in.len -= n;
}

static void copy_value(char* dst, size_t size, const char* v, size_t len) {
    if (len >= size) len = size - 1;
    memcpy(dst, v, len);
    dst[len] = '\0';
}

/* Reads one response; `head` for a HEAD request (no body follows). */
static bool read_reply(Client* c, Reply* r, bool head) {
    buf_free(&r->body);
    memset(r, 0, sizeof *r);
    char* end;
    while (!c->in.len || !(end = memmem(c->in.data, c->in.len, "\r\n\r\n", 4)))
        if (!fill(c)) return false;
    size_t head_len = (size_t)(end - c->in.data) + 4;
    char* p = c->in.data;
    if (sscanf(p, "HTTP/1.1 %d ", &r->status) != 1) return false;
    for (p = strstr(p, "\r\n") + 2; p < end; p = strstr(p, "\r\n") + 2) {
        char* colon = memchr(p, ':', (size_t)(end - p));
        char* eol = strstr(p, "\r\n");
        if (!colon || colon > eol) return false;
        const char* v = colon + 1;
        while (*v == ' ') ++v;
        size_t vlen = (size_t)(eol - v), nlen = (size_t)(colon - p);
        if (nlen == 14 && strncasecmp(p, "Content-Length", 14) == 0) {
            r->has_length = true;
            r->length = strtoul(v, NULL, 10);
        } else if (nlen == 12 && strncasecmp(p, "Content-Type", 12) == 0) {
            copy_value(r->type, sizeof r->type, v, vlen);
        } else if (nlen == 8 && strncasecmp(p, "Location", 8) == 0) {
            copy_value(r->location, sizeof r->location, v, vlen);
        } else if (nlen == 5 && strncasecmp(p, "Allow", 5) == 0) {
            copy_value(r->allow, sizeof r->allow, v, vlen);
        } else if (nlen == 10 && strncasecmp(p, "Connection", 10) == 0) {
            r->close = vlen == 5 && strncasecmp(v, "close", 5) == 0;
        }
    }
    consume(c, head_len);
    size_t want = head || r->status == 204 ? 0 : r->length;
    if (!head && r->status != 204 && !r->has_length) return false;  /* we always send one */
    while (c->in.len < want)
        if (!fill(c)) return false;
    buf_append(&r->body, c->in.data ? c->in.data : "", want);
    buf_append(&r->body, "", 1);  /* NUL-terminated for strstr; not counted below */
    r->body.len = want;
    consume(c, want);
    return true;
}

/* Sends "METHOD path" with an optional JSON body and reads the reply. */
static bool request(Client* c, const char* method, const char* path, const char* body, Reply* r) {
    Buf req = {0};
    buf_printf(&req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n", method, path);
    if (body)
        buf_printf(&req, "Content-Type: application/json\r\nContent-Length: %zu\r\n", strlen(body));
    buf_puts(&req, "\r\n");
    if (body) buf_puts(&req, body);
    bool ok = send_all(c, req.data, req.len) && read_reply(c, r, strcmp(method, "HEAD") == 0);
    buf_free(&req);
    return ok;
}

/* Sends raw bytes and reads one reply. */
static bool raw(Client* c, const char* bytes, size_t len, Reply* r) {
    return send_all(c, bytes, len) && read_reply(c, r, false);
}

/* True once the server has closed the connection (EOF, no more bytes). */
static bool closed_by_server(Client* c) {
    return c->in.len == 0 && !fill(c);
}

/* ---- the checks ---- */

static void check_pages(void) {
    Client c;
    Reply r = {0};
    bool ok = client_open(&c) && request(&c, "GET", "/", NULL, &r);
    check(ok && r.status == 200 && strncmp(r.type, "text/html", 9) == 0 &&
              strstr(r.body.data, "unikernel") && strstr(r.body.data, "/api/notes"),
          "GET / serves the built-in index.html as text/html");
    size_t index_len = r.length;

    ok = ok && request(&c, "HEAD", "/", NULL, &r);
    check(ok && r.status == 200 && r.has_length && r.length == index_len && r.body.len == 0,
          "HEAD / has the same Content-Length and no body");

    ok = ok && request(&c, "GET", "/style.css", NULL, &r);
    check(ok && r.status == 200 && strncmp(r.type, "text/css", 8) == 0 && r.length > 100,
          "GET /style.css on the same connection is text/css");

    ok = ok && request(&c, "GET", "/api/status", NULL, &r);
    check(ok && r.status == 200 && strcmp(r.type, "application/json") == 0 &&
              strstr(r.body.data, "\"server\": \"ukp-httpd\"") &&
              strstr(r.body.data, "\"requests\": "),
          "GET /api/status is JSON");

    ok = ok && request(&c, "GET", "/no/such/page.html", NULL, &r);
    check(ok && r.status == 404 && !r.close, "GET of a missing file is 404, connection kept");

    ok = ok && request(&c, "PUT", "/index.html", "{}", &r);
    check(ok && r.status == 405 && strcmp(r.allow, "GET, HEAD") == 0,
          "PUT of a page is 405 with Allow");

    ok = ok && request(&c, "GET", "/index.html?x=1", NULL, &r) && r.status == 200 &&
         request(&c, "GET", "/%69ndex.html", NULL, &r) && r.status == 200;
    check(ok, "query strings and percent-escapes in paths");
    client_close(&c);
    buf_free(&r.body);
}

static void check_traversal(void) {
    static const char* paths[] = {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                  "/..%2f..%2fetc%2fpasswd", "/a/../../etc/passwd", "/%00"};
    bool ok = true;
    Reply r = {0};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; ++i) {
        Client c;
        ok = ok && client_open(&c) && request(&c, "GET", paths[i], NULL, &r) && r.status == 400;
        client_close(&c);
    }
    check(ok, "path traversal is refused (5 forms, 400)");
    buf_free(&r.body);
}

static void check_notes(void) {
    Client c;
    Reply r = {0};
    /* Quotes, a backslash, a newline, UTF-8, a surrogate pair and '<'. */
    const char* note = "{\"text\": \"h\\u00e9llo \\\"q\\\" \\\\ line\\nnext \\ud83d\\ude00 <b>\"}";
    const char* stored = "h\xc3\xa9llo \\\"q\\\" \\\\ line\\nnext \xf0\x9f\x98\x80 \\u003cb>";
    bool ok = client_open(&c) && request(&c, "POST", "/api/notes", note, &r);
    unsigned long id = 0;
    ok = ok && r.status == 201 && sscanf(r.body.data, "{\"id\": %lu}", &id) == 1 && id > 0;
    char where[64];
    snprintf(where, sizeof where, "/api/notes/%lu", id);
    check(ok && strcmp(r.location, where) == 0, "POST /api/notes is 201 with an id and Location");

    char want[256];
    snprintf(want, sizeof want, "{\"id\": %lu, \"text\": \"%s\"}\n", id, stored);
    ok = ok && request(&c, "GET", where, NULL, &r);
    check(ok && r.status == 200 && strcmp(r.body.data, want) == 0,
          "GET /api/notes/N returns the text, escaped back exactly");

    char listed[64];
    snprintf(listed, sizeof listed, "{\"id\": %lu, ", id);
    ok = ok && request(&c, "GET", "/api/notes", NULL, &r);
    check(ok && r.status == 200 && strstr(r.body.data, listed), "GET /api/notes lists it");

    ok = ok && request(&c, "DELETE", where, NULL, &r) && r.status == 204;
    ok = ok && request(&c, "GET", where, NULL, &r) && r.status == 404;
    ok = ok && request(&c, "DELETE", where, NULL, &r) && r.status == 404;
    check(ok, "DELETE /api/notes/N is 204, then the note is gone (404)");

    static const char* bad[] = {"", "{}", "[\"text\"]", "{\"text\": 5}", "{\"text\": \"a\"} x",
                                "{\"text\": \"\\ud800\"}", "{\"text\": \"\xff\"}",
                                "{\"text\": \"a\", \"text\": \"b\"}", "{\"text\": \"\"}"};
    for (size_t i = 0; ok && i < sizeof bad / sizeof bad[0]; ++i)
        ok = request(&c, "POST", "/api/notes", bad[i], &r) && r.status == 400;
    check(ok, "malformed note bodies are 400 (9 kinds)");

    /* The largest allowed body, arriving in 1000-byte pieces. */
    Buf big = {0};
    buf_puts(&big, "{\"pad\": \"");
    while (big.len < MAX_BODY - 100) buf_puts(&big, "0123456789");
    buf_puts(&big, "\", \"text\": \"big\"}");
    Buf head = {0};
    buf_printf(&head, "POST /api/notes HTTP/1.1\r\nHost: x\r\nContent-Length: %zu\r\n\r\n",
               big.len);
    ok = ok && send_all(&c, head.data, head.len);
    for (size_t i = 0; ok && i < big.len; i += 1000) {
        ok = send_all(&c, big.data + i, big.len - i < 1000 ? big.len - i : 1000);
        if (i % 16000 == 0) nanosleep(&(struct timespec){.tv_nsec = 1000000}, NULL);
    }
    ok = ok && read_reply(&c, &r, false) && r.status == 201 &&
         sscanf(r.body.data, "{\"id\": %lu}", &id) == 1;
    snprintf(where, sizeof where, "/api/notes/%lu", id);
    ok = ok && request(&c, "DELETE", where, NULL, &r) && r.status == 204;
    check(ok, "a 64 KiB body arriving in pieces");
    buf_free(&big);
    buf_free(&head);

    /* A client that asks before sending its body. */
    static const char ask[] = "POST /api/notes HTTP/1.1\r\nHost: x\r\nContent-Length: 13\r\n"
                              "Expect: 100-continue\r\n\r\n";
    static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";
    ok = ok && send_all(&c, ask, sizeof ask - 1);
    while (ok && c.in.len < sizeof cont - 1) ok = fill(&c);
    ok = ok && memcmp(c.in.data, cont, sizeof cont - 1) == 0;
    if (ok) consume(&c, sizeof cont - 1);
    ok = ok && raw(&c, "{\"text\": \"?\"}", 13, &r) && r.status == 201 &&
         sscanf(r.body.data, "{\"id\": %lu}", &id) == 1;
    snprintf(where, sizeof where, "/api/notes/%lu", id);
    ok = ok && request(&c, "DELETE", where, NULL, &r) && r.status == 204;
    check(ok, "Expect: 100-continue is answered before the body is sent");

    ok = ok && request(&c, "PATCH", "/api/notes", "{}", &r) && r.status == 405 &&
         request(&c, "GET", "/api/nothing", NULL, &r) && r.status == 404;
    check(ok, "unknown API method is 405, unknown endpoint 404");
    client_close(&c);
    buf_free(&r.body);
}

static void check_errors(void) {
    Client c;
    Reply r = {0};
    static const char garbage[] = "GARBAGE\r\n\r\n";
    bool ok = client_open(&c) && raw(&c, garbage, sizeof garbage - 1, &r);
    check(ok && r.status == 400 && r.close && closed_by_server(&c),
          "a malformed request line is 400 and the connection closes");
    client_close(&c);

    static const char no_host[] = "GET / HTTP/1.1\r\n\r\n";
    ok = client_open(&c) && raw(&c, no_host, sizeof no_host - 1, &r);
    check(ok && r.status == 400, "HTTP/1.1 without Host is 400");
    client_close(&c);

    Buf big = {0};
    buf_puts(&big, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ");
    while (big.len < MAX_HEADER + 100) buf_puts(&big, "aaaaaaaaaaaaaaaa");
    buf_puts(&big, "\r\n\r\n");
    ok = client_open(&c) && raw(&c, big.data, big.len, &r);
    check(ok && r.status == 431 && r.close, "a header block over 8 KiB is 431");
    client_close(&c);
    buf_free(&big);

    static const char huge[] =
        "POST /api/notes HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n";
    ok = client_open(&c) && raw(&c, huge, sizeof huge - 1, &r);
    check(ok && r.status == 413 && r.close, "a body over 64 KiB is 413 before it is sent");
    client_close(&c);

    static const char chunked[] =
        "POST /api/notes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    ok = client_open(&c) && raw(&c, chunked, sizeof chunked - 1, &r);
    check(ok && r.status == 501, "chunked uploads are 501");
    client_close(&c);

    static const char http10[] = "GET /style.css HTTP/1.0\r\n\r\n";
    ok = client_open(&c) && raw(&c, http10, sizeof http10 - 1, &r);
    check(ok && r.status == 200 && r.close && closed_by_server(&c),
          "HTTP/1.0 without keep-alive gets Connection: close and EOF");
    client_close(&c);
    buf_free(&r.body);
}

static void check_keep_alive(void) {
    Client c;
    Reply r = {0};
    bool ok = client_open(&c);
    for (int i = 0; ok && i < 100; ++i)
        ok = request(&c, "GET", i % 2 ? "/style.css" : "/api/notes", NULL, &r) && r.status == 200 &&
             !r.close;
    check(ok, "100 keep-alive requests on one connection");

    /* Three requests in one write come back in order. */
    static const char three[] = "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n"
                                "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"
                                "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n";
    ok = ok && send_all(&c, three, sizeof three - 1);
    int s1 = 0, s2 = 0, s3 = 0;
    ok = ok && read_reply(&c, &r, false) && (s1 = r.status) && read_reply(&c, &r, true) &&
         (s2 = r.status) && read_reply(&c, &r, false) && (s3 = r.status);
    check(ok && s1 == 200 && s2 == 200 && s3 == 404, "pipelined requests are answered in order");

    /* A request trickling in, a few bytes at a time. */
    static const char slow[] = "GET /api/status HTTP/1.1\r\nHost: x\r\n\r\n";
    for (size_t i = 0; ok && i < sizeof slow - 1; i += 5) {
        size_t n = sizeof slow - 1 - i < 5 ? sizeof slow - 1 - i : 5;
        ok = send_all(&c, slow + i, n);
        nanosleep(&(struct timespec){.tv_nsec = 2000000}, NULL);
    }
    ok = ok && read_reply(&c, &r, false) && r.status == 200;
    check(ok, "a request split into 5-byte writes");
    client_close(&c);
    buf_free(&r.body);
}

/* n connections, all open before any is answered, each with a request. */
static bool concurrent(int n) {
    Client* cs = calloc((size_t)n, sizeof *cs);
    Reply r = {0};
    bool ok = cs != NULL;
    int opened = 0;
    for (; ok && opened < n; ++opened) ok = client_open(&cs[opened]);
    for (int i = 0; ok && i < n; ++i) {
        static const char get[] = "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n";
        ok = send_all(&cs[i], get, sizeof get - 1);
    }
    for (int i = n - 1; ok && i >= 0; --i) ok = read_reply(&cs[i], &r, false) && r.status == 200;
    for (int i = 0; i < opened; ++i) client_close(&cs[i]);
    free(cs);
    buf_free(&r.body);
    return ok;
}

static void check_concurrent(void) {
    Reply r = {0};
    check(concurrent(50), "50 concurrent connections");
    /* Both ends of each connection are in this process: raise the soft
     * descriptor limit as far as the hard one allows. */
    struct rlimit lim;
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < 2200) {
        lim.rlim_cur = lim.rlim_max < 2200 ? lim.rlim_max : 2200;
        setrlimit(RLIMIT_NOFILE, &lim);
    }
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur >= 2200)
        check(concurrent(1000), "1000 concurrent connections");
    else
        printf("skip 1000 concurrent connections: the descriptor limit is below 2200\n");
    bool ok;

    /* Clients that vanish mid-request or without reading must not hurt. */
    for (int i = 0; i < 10; ++i) {
        Client c;
        if (!client_open(&c)) continue;
        send_all(&c, "GET / HTTP/1.1\r\nHo", 19);
        client_close(&c);
    }
    Client c;
    ok = client_open(&c) && request(&c, "GET", "/", NULL, &r) && r.status == 200;
    check(ok, "the server survives clients that disconnect mid-request");
    client_close(&c);
    buf_free(&r.body);
}

/* ---- running it ---- */

static Server server;

static void* serve(void* arg) {
    (void)arg;
    server_run(&server);
    return NULL;
}

int self_test(const char* root, const char* notes) {
    if (server_setup(&server, root, notes, "127.0.0.1", 0, &port) != 0) return 1;
    server.stop_fd = eventfd(0, EFD_CLOEXEC);
    pthread_t thread;
    if (server.stop_fd < 0 || pthread_create(&thread, NULL, serve, NULL) != 0) {
        perror("httpd: self-test");
        return 1;
    }
    printf("self-test: httpd on a loopback port\n");
    check_pages();
    check_traversal();
    check_notes();
    check_errors();
    check_keep_alive();
    check_concurrent();

    uint64_t one = 1;
    if (write(server.stop_fd, &one, sizeof one) != sizeof one) perror("httpd: stop");
    pthread_join(thread, NULL);
    close(server.listen_fd);
    close(server.stop_fd);
    printf("self-test: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
