/* server.c: the listening socket, the epoll loop and connections.
 *
 * Every socket is non-blocking and registered once, edge-triggered, for
 * input and output. An edge only says "something changed", so each
 * connection remembers whether it may still have unread input (`readable`)
 * and the loop keeps reading, parsing and sending until a call would block.
 *
 * A connection handles one request at a time: it parses a request only
 * after the previous response has been sent, so pipelined requests are
 * answered in order and the input buffer never holds more than one request
 * head and body (the parser's limits bound it).
 *
 * Slow or silent clients are closed by deadlines checked once a second: a
 * request must arrive within REQUEST_TIMEOUT_MS of its first byte, a new or
 * idle keep-alive connection lives IDLE_TIMEOUT_MS, and a response makes
 * progress at least every WRITE_TIMEOUT_MS. */
#include "httpd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { IN_LIMIT = MAX_HEADER + MAX_BODY, READ_CHUNK = 16 * 1024, MAX_EVENTS = 256 };

typedef struct Conn {
    int fd;
    struct Conn *prev, *next;  /* all connections, for the deadline sweep */
    int64_t deadline;          /* now_ms() after which the connection is closed */
    bool readable;             /* input may be waiting (no EAGAIN since the last edge) */
    bool eof;                  /* the peer has shut down its side */
    bool close_after;          /* close once the queued response is sent */
    bool draining;             /* closing: reading and dropping the client's last bytes */
    bool in_request;           /* part of a request has arrived */
    Buf in;                    /* received, not yet handled bytes */
    bool have_head;            /* `req` holds the parsed head of the next request */
    Request req;
    Buf out;                   /* response bytes, sent from out_pos */
    size_t out_pos;
    int file_fd;               /* the rest of a static file, after `out` */
    uint64_t file_left;
} Conn;

static Conn* conns;  /* list head */

int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int server_listen(const char* addr, int port, int* bound_port) {
    struct sockaddr_storage ss;
    socklen_t len;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in* in4 = (struct sockaddr_in*)&ss;
    struct sockaddr_in6* in6 = (struct sockaddr_in6*)&ss;
    if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)port);
        len = sizeof *in4;
    } else if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        len = sizeof *in6;
    } else {
        fprintf(stderr, "httpd: %s is not an IPv4 or IPv6 address\n", addr);
        return -1;
    }
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        perror("httpd: socket");
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr*)&ss, len) != 0 || listen(fd, 1024) != 0) {
        fprintf(stderr, "httpd: cannot listen on %s port %d: %s\n", addr, port, strerror(errno));
        close(fd);
        return -1;
    }
    len = sizeof ss;
    getsockname(fd, (struct sockaddr*)&ss, &len);
    *bound_port = ntohs(ss.ss_family == AF_INET ? in4->sin_port : in6->sin6_port);
    return fd;
}

/* ---- connections ---- */

static void conn_close(Server* s, Conn* c) {
    close(c->fd);  /* also removes it from the epoll set */
    if (c->file_fd >= 0) close(c->file_fd);
    buf_free(&c->in);
    buf_free(&c->out);
    if (c->prev) c->prev->next = c->next; else conns = c->next;
    if (c->next) c->next->prev = c->prev;
    free(c);
    --s->connections;
}

static bool pending(const Conn* c) { return c->out_pos < c->out.len || c->file_left > 0; }

/* Sends queued bytes until done (true), blocked (true, still pending) or
 * the connection broke (false). File contents are read in chunks, so a
 * large file never sits in memory. */
static bool conn_flush(Conn* c) {
    while (pending(c)) {
        size_t queued = c->out.len - c->out_pos;
        if (c->file_left > 0 && queued < FILE_CHUNK / 2) {
            memmove(c->out.data, c->out.data + c->out_pos, queued);
            c->out.len = queued;
            c->out_pos = 0;
            size_t want = c->file_left < FILE_CHUNK ? (size_t)c->file_left : FILE_CHUNK;
            if (!buf_reserve(&c->out, want)) return false;
            ssize_t n = read(c->file_fd, c->out.data + c->out.len, want);
            if (n <= 0) return false;  /* the file shrank or broke: the length we sent is wrong */
            c->out.len += (size_t)n;
            c->file_left -= (uint64_t)n;
            if (c->file_left == 0) {
                close(c->file_fd);
                c->file_fd = -1;
            }
        }
        ssize_t n = send(c->fd, c->out.data + c->out_pos, c->out.len - c->out_pos, MSG_NOSIGNAL);
        if (n > 0) {
            c->out_pos += (size_t)n;
            c->deadline = now_ms() + WRITE_TIMEOUT_MS;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return true;  /* EPOLLOUT will bring us back */
        } else {
            return false;
        }
    }
    c->out.len = c->out_pos = 0;
    if (c->out.cap > 4 * FILE_CHUNK) buf_free(&c->out);  /* idle connections stay small */
    return true;
}

/* Turns a Response into bytes on the connection's output queue. */
static void conn_queue(Server* s, Conn* c, Response* r, bool head_only, bool keep_alive) {
    char date[32];
    http_date(date);
    c->close_after = r->close || !keep_alive;
    c->deadline = now_ms() + WRITE_TIMEOUT_MS;
    Buf* o = &c->out;
    buf_printf(o, "HTTP/1.1 %d %s\r\nDate: %s\r\nServer: ukp-httpd\r\n", r->status,
               http_reason(r->status), date);
    uint64_t length = r->file_fd >= 0 ? r->file_size : r->body.len;
    if (r->status != 204 && r->status != 304)  /* RFC 9110 8.6: no length on these */
        buf_printf(o, "Content-Length: %llu\r\n", (unsigned long long)length);
    if (r->content_type) buf_printf(o, "Content-Type: %s\r\n", r->content_type);
    buf_append(o, r->headers.data, r->headers.len);
    buf_puts(o, c->close_after ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n");
    if (!head_only) {
        buf_append(o, r->body.data, r->body.len);
        if (r->file_fd >= 0 && r->file_size > 0) {
            c->file_fd = r->file_fd;  /* the connection owns it now */
            c->file_left = r->file_size;
            r->file_fd = -1;
        }
    }
    response_free(r);
    ++s->requests;
}

/* The parser's pointers point into c->in; before the buffer grows to hold
 * the body, move them along with the bytes. */
static bool grow_for_body(Conn* c, size_t total) {
    if (c->in.cap >= total) return true;
    char* bigger = malloc(total);
    if (!bigger) return false;
    memcpy(bigger, c->in.data, c->in.len);
    Request* r = &c->req;
#define MOVE(p) (p) = bigger + ((p) - c->in.data)
    MOVE(r->method);
    MOVE(r->target);
    for (int i = 0; i < r->nheaders; ++i) {
        MOVE(r->headers[i].name);
        MOVE(r->headers[i].value);
    }
#undef MOVE
    free(c->in.data);
    c->in.data = bigger;
    c->in.cap = total;
    return true;
}

/* Handles the next complete request in c->in: returns true once a response
 * is queued, false if more bytes are needed. */
static bool conn_handle_one(Server* s, Conn* c) {
    Response r;
    response_init(&r);
    if (c->in.len > 0 && !c->in_request) {
        /* The clock for the whole request (head and body) starts now. */
        c->in_request = true;
        c->deadline = now_ms() + REQUEST_TIMEOUT_MS;
    }
    if (!c->have_head) {
        int status = 0;
        switch (http_parse(c->in.data, c->in.len, &c->req, &status)) {
        case PARSE_INCOMPLETE:
            return false;
        case PARSE_ERROR:
            /* The byte stream cannot be trusted past a bad request: close. */
            response_error(&r, status);
            r.close = true;
            conn_queue(s, c, &r, false, false);
            c->in.len = 0;
            return true;
        case PARSE_OK:
            c->have_head = true;
            if (!grow_for_body(c, c->req.header_len + c->req.content_length)) {
                response_error(&r, 503);
                r.close = true;
                conn_queue(s, c, &r, false, false);
                return true;
            }
            /* curl and others wait (a second) for this before sending a body. */
            const char* expect = http_header(&c->req, "Expect");
            if (expect && strcasecmp(expect, "100-continue") == 0 && c->req.minor >= 1 &&
                c->in.len < c->req.header_len + c->req.content_length) {
                buf_puts(&c->out, "HTTP/1.1 100 Continue\r\n\r\n");
                return true;
            }
            break;
        }
    }
    size_t total = c->req.header_len + c->req.content_length;
    if (c->in.len < total) return false;
    c->req.body = c->in.data + c->req.header_len;

    route(s, &c->req, &r);
    conn_queue(s, c, &r, strcmp(c->req.method, "HEAD") == 0, c->req.keep_alive);

    /* Drop the request; a pipelined one may follow. */
    memmove(c->in.data, c->in.data + total, c->in.len - total);
    c->in.len -= total;
    c->have_head = false;
    c->in_request = false;
    if (c->in.len == 0 && c->in.cap > READ_CHUNK) buf_free(&c->in);
    return true;
}

/* Reads what has arrived; false if the connection broke. Once a head is
 * parsed, reads stop at the end of its body: the buffer was sized for it
 * and must not move under the parsed request. */
static bool conn_read(Conn* c) {
    size_t limit = c->have_head ? c->req.header_len + c->req.content_length : IN_LIMIT;
    size_t room = limit - c->in.len;
    if (room > READ_CHUNK) room = READ_CHUNK;
    if (!buf_reserve(&c->in, room)) return false;
    ssize_t n = recv(c->fd, c->in.data + c->in.len, room, 0);
    if (n > 0) {
        c->in.len += (size_t)n;
    } else if (n == 0) {
        c->eof = true;
        c->readable = false;
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
        c->readable = false;
    } else if (errno != EINTR) {
        return false;
    }
    return true;
}

/* The last response is sent: half-close and discard what the client still
 * sends, until its EOF or a short deadline. Closing with unread input would
 * make the kernel answer with a reset, which can destroy the response
 * before the client has read it. Returns true while draining goes on. */
static bool drain(Conn* c) {
    if (!c->draining) {
        c->draining = true;
        c->deadline = now_ms() + 2000;
        c->in.len = 0;
        if (shutdown(c->fd, SHUT_WR) != 0) return false;
    }
    char sink[4096];
    for (;;) {
        ssize_t n = recv(c->fd, sink, sizeof sink, 0);
        if (n > 0 || (n < 0 && errno == EINTR)) continue;
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
}

/* Makes all the progress possible without blocking. */
static void conn_step(Server* s, Conn* c) {
    for (;;) {
        if (!conn_flush(c)) goto close;
        if (pending(c)) return;  /* wait for EPOLLOUT */
        if (c->close_after) {
            if (drain(c)) return;
            goto close;
        }
        if (conn_handle_one(s, c)) continue;
        /* Need more bytes. The parser answers 431/413 before the buffer
         * reaches IN_LIMIT, so there is always room here. */
        if (!c->readable || c->in.len >= IN_LIMIT) break;
        if (!conn_read(c)) goto close;
    }
    if (c->eof) goto close;  /* no complete request is left and none can come */
    if (!c->in_request) c->deadline = now_ms() + IDLE_TIMEOUT_MS;
    return;
close:
    conn_close(s, c);
}

/* ---- accepting ---- */

static int spare_fd = -1;  /* kept open to be given up when we run out of descriptors */

static void accept_all(Server* s, int epfd) {
    for (;;) {
        int fd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if ((errno == EMFILE || errno == ENFILE) && spare_fd >= 0) {
                /* Edge-triggered: leaving the connection queued would stall
                 * the listener. Free a descriptor, refuse the client, retry. */
                close(spare_fd);
                fd = accept(s->listen_fd, NULL, NULL);
                if (fd >= 0) close(fd);
                spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
                if (fd >= 0) continue;
            }
            return;  /* EAGAIN: all accepted */
        }
        Conn* c = calloc(1, sizeof *c);
        if (!c) {
            close(fd);
            continue;
        }
        c->fd = fd;
        c->file_fd = -1;
        c->readable = true;
        c->deadline = now_ms() + IDLE_TIMEOUT_MS;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET,
                                 .data.ptr = c};
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
            close(fd);
            free(c);
            continue;
        }
        c->next = conns;
        if (conns) conns->prev = c;
        conns = c;
        ++s->connections;
        ++s->accepted;
        conn_step(s, c);  /* the request may already be here */
    }
}

/* Closes connections whose deadline has passed. */
static void sweep(Server* s) {
    int64_t now = now_ms();
    for (Conn *c = conns, *next; c; c = next) {
        next = c->next;
        if (now < c->deadline) continue;
        if (c->in_request && !pending(c) && !c->draining) {
            /* Best effort: tell a slow client why, if its socket has room. */
            static const char msg[] = "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n"
                                      "Connection: close\r\n\r\n";
            ssize_t ignored = send(c->fd, msg, sizeof msg - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
            (void)ignored;
        }
        conn_close(s, c);
    }
}

int server_run(Server* s) {
    int epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) {
        perror("httpd: epoll_create1");
        return -1;
    }
    /* The listener and the stop event are told apart by these markers. */
    static char listener_tag, stop_tag;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.ptr = &listener_tag};
    epoll_ctl(epfd, EPOLL_CTL_ADD, s->listen_fd, &ev);
    if (s->stop_fd >= 0) {
        ev = (struct epoll_event){.events = EPOLLIN, .data.ptr = &stop_tag};
        epoll_ctl(epfd, EPOLL_CTL_ADD, s->stop_fd, &ev);
    }
    spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    s->started_ms = now_ms();
    accept_all(s, epfd);

    struct epoll_event events[MAX_EVENTS];
    int64_t next_sweep = now_ms() + 1000;
    bool running = true;
    while (running) {
        int n = epoll_wait(epfd, events, MAX_EVENTS, 1000);
        if (n < 0 && errno != EINTR) {
            perror("httpd: epoll_wait");
            break;
        }
        for (int i = 0; i < n; ++i) {
            void* tag = events[i].data.ptr;
            if (tag == &listener_tag) {
                accept_all(s, epfd);
            } else if (tag == &stop_tag) {
                running = false;
            } else {
                Conn* c = tag;
                if (events[i].events & EPOLLERR) {
                    conn_close(s, c);
                    continue;
                }
                if (events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP)) c->readable = true;
                conn_step(s, c);
            }
        }
        if (now_ms() >= next_sweep) {
            sweep(s);
            next_sweep = now_ms() + 1000;
        }
    }
    while (conns) conn_close(s, conns);
    if (spare_fd >= 0) close(spare_fd);
    spare_fd = -1;
    close(epfd);
    return 0;
}

/* ---- routing ---- */

static int hex(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The path part of the target, percent-decoded; false if malformed (bad
 * escapes, or an encoded NUL that would cut the path short). */
static bool decode_path(const char* target, char* out, size_t size) {
    size_t n = 0;
    for (const char* p = target; *p && *p != '?' && *p != '#'; ++p) {
        int c = (unsigned char)*p;
        if (c == '%') {
            int hi = hex(p[1]), lo = hi < 0 ? -1 : hex(p[2]);
            if (lo < 0) return false;
            c = hi * 16 + lo;
            if (c == 0) return false;
            p += 2;
        }
        if (n + 1 >= size) return false;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return true;
}

void route(Server* s, const Request* req, Response* r) {
    char path[MAX_HEADER];
    if (!decode_path(req->target, path, sizeof path)) {
        response_error(r, 400);
        return;
    }
    if (strcmp(path, "/api") == 0 || strncmp(path, "/api/", 5) == 0)
        api_serve(s, req, path, r);
    else
        static_serve(s, req, path, r);
}
