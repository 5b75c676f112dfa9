/* httpd: a small HTTP/1.1 server, a ukp example.
 *
 * One thread runs an edge-triggered epoll loop over non-blocking sockets
 * (server.c). Requests are parsed with hard limits (http.c), answered from
 * static files under a web root (static.c) or by a small JSON API that keeps
 * notes as files (api.c). Linked with libukp, every file and socket lives in
 * the kernel inside the process; built natively, they are the host's.
 *
 * Files: main.c options, server.c event loop and connections, http.c request
 * parsing and response helpers, static.c files, api.c notes and status,
 * json.c the one-field JSON reader/writer, pages.c built-in pages,
 * selftest.c the --self-test client. */
#ifndef HTTPD_H
#define HTTPD_H

/* accept4, memmem, O_CLOEXEC, ...: every .c file includes this header first. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- limits ---- */
enum {
    MAX_HEADER = 8 * 1024,        /* request line + headers; beyond: 431 */
    MAX_BODY = 64 * 1024,         /* Content-Length beyond this: 413 */
    MAX_HEADERS = 64,             /* header lines per request; beyond: 431 */
    MAX_NOTE = 16 * 1024,         /* bytes of note text */
    FILE_CHUNK = 64 * 1024,       /* static files are sent in chunks this big */
    REQUEST_TIMEOUT_MS = 10000,   /* a request must arrive within this */
    IDLE_TIMEOUT_MS = 15000,      /* keep-alive connection with nothing to do */
    WRITE_TIMEOUT_MS = 10000,     /* a client that reads nothing for this long */
};

/* ---- a growable byte buffer (in http.c) ---- */
typedef struct {
    char* data;
    size_t len, cap;
} Buf;

bool buf_reserve(Buf* b, size_t extra);
bool buf_append(Buf* b, const void* data, size_t len);
bool buf_puts(Buf* b, const char* s);
bool buf_printf(Buf* b, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(Buf* b);

/* ---- a parsed request; the strings point into the connection's buffer ---- */
typedef struct {
    const char *name, *value;
} Header;

typedef struct {
    const char* method;
    const char* target;      /* as sent: path and query */
    int minor;               /* HTTP/1.<minor> */
    Header headers[MAX_HEADERS];
    int nheaders;
    size_t header_len;       /* bytes of request line + headers + blank line */
    size_t content_length;
    const char* body;        /* content_length bytes, once complete */
    bool keep_alive;
} Request;

/* The outcome of http_parse on the bytes received so far. */
typedef enum {
    PARSE_INCOMPLETE,  /* need more bytes */
    PARSE_OK,          /* the head is parsed; content_length body bytes follow it */
    PARSE_ERROR,       /* answer with the status in *status and close */
} ParseResult;

ParseResult http_parse(char* data, size_t len, Request* req, int* status);
const char* http_header(const Request* req, const char* name);
const char* http_reason(int status);
void http_date(char out[32]);

/* ---- a response being built: status, extra headers, body ---- */
typedef struct {
    int status;
    const char* content_type;  /* NULL: no body expected (e.g. 204) */
    Buf headers;               /* extra header lines, each ending in \r\n */
    Buf body;
    int file_fd;               /* >= 0: the body is this file, file_size bytes */
    uint64_t file_size;
    bool close;                /* close the connection after this response */
} Response;

void response_init(Response* r);
void response_free(Response* r);
/* A short response whose body is `text` (plain text or JSON by `type`). */
void response_simple(Response* r, int status, const char* type, const char* text);
void response_error(Response* r, int status);

/* ---- the server ---- */
typedef struct {
    const char* root;       /* web root */
    const char* notes;      /* notes directory */
    int listen_fd;
    int stop_fd;            /* eventfd: readable once the server should stop */
    /* counters for /api/status */
    uint64_t requests, accepted;
    int connections;
    int64_t started_ms;
} Server;

/* Installs the built-in pages if the root is empty, opens the notes and
 * listens on addr:port (0: any free port), filling *s; 0 or -1. */
int server_setup(Server* s, const char* root, const char* notes, const char* addr, int port,
                 int* bound_port);
int server_listen(const char* addr, int port, int* bound_port);
int server_run(Server* s);  /* until stop_fd is readable; 0 or -1 */
int64_t now_ms(void);

/* ---- handlers ---- */
void route(Server* s, const Request* req, Response* r);
void static_serve(Server* s, const Request* req, const char* path, Response* r);
void api_serve(Server* s, const Request* req, const char* path, Response* r);
int api_init(const char* notes_dir);    /* creates the directory, finds the next id */
int pages_install(const char* root);    /* writes the built-in pages into an empty root */
int make_dirs(const char* path);        /* mkdir -p */

/* ---- json.c ---- */
void json_escape(Buf* out, const char* s, size_t len);
/* Reads {"text": "..."} (other string members are ignored) into out. */
bool json_read_text(const char* json, size_t len, Buf* out);
bool utf8_valid(const char* s, size_t len);

/* ---- selftest.c ---- */
int self_test(const char* root, const char* notes);

#endif
