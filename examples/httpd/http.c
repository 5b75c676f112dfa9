/* http.c: byte buffers, the request parser and response helpers.
 *
 * The parser works in place on the connection's input: once the blank line
 * that ends the headers has arrived, it cuts the request line and header
 * lines into NUL-terminated strings. Everything it does not like is an
 * HTTP error status, never undefined behaviour: sizes are checked before
 * anything is read, and numbers before they are converted. */
#include "httpd.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* ---- Buf ---- */

bool buf_reserve(Buf* b, size_t extra) {
    if (b->cap - b->len >= extra) return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < extra) cap *= 2;
    char* data = realloc(b->data, cap);
    if (!data) return false;
    b->data = data;
    b->cap = cap;
    return true;
}

bool buf_append(Buf* b, const void* data, size_t len) {
    if (len == 0) return true;  /* data may be NULL then */
    if (!buf_reserve(b, len)) return false;
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return true;
}

bool buf_puts(Buf* b, const char* s) { return buf_append(b, s, strlen(s)); }

bool buf_printf(Buf* b, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !buf_reserve(b, (size_t)n + 1)) return false;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

void buf_free(Buf* b) {
    free(b->data);
    *b = (Buf){0};
}

/* ---- parsing ---- */

/* RFC 9110 "tchar": the characters of methods and header names. */
static bool is_tchar(unsigned char c) {
    return isalnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* Finds the end of the next line in [p, end): returns a pointer to its '\n'
 * or NULL. The line's content ends before an optional '\r'. */
static char* line_end(char* p, char* end) { return memchr(p, '\n', (size_t)(end - p)); }

/* Cuts a line ending at `nl` into a string: drops "\r\n" or "\n". */
static void cut_line(char* start, char* nl) {
    if (nl > start && nl[-1] == '\r') nl[-1] = '\0';
    *nl = '\0';
}

/* True if the comma-separated header value holds `token` (case-insensitive). */
static bool has_token(const char* value, const char* token) {
    size_t n = strlen(token);
    for (const char* p = value; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',') ++p;
        const char* start = p;
        while (*p && *p != ',') ++p;
        const char* stop = p;
        while (stop > start && (stop[-1] == ' ' || stop[-1] == '\t')) --stop;
        if ((size_t)(stop - start) == n && strncasecmp(start, token, n) == 0) return true;
    }
    return false;
}

/* Parses "METHOD SP /target SP HTTP/1.x". */
static int parse_request_line(char* line, Request* req) {
    char* p = line;
    req->method = p;
    while (is_tchar((unsigned char)*p)) ++p;
    if (p == line || *p != ' ') return 400;
    *p++ = '\0';
    req->target = p;
    /* Only origin-form targets ("/path?query"); visible ASCII only. */
    if (*p != '/') return 400;
    while (*p > ' ' && *p < 0x7f) ++p;
    if (*p != ' ') return 400;
    *p++ = '\0';
    if (strncmp(p, "HTTP/", 5) != 0 || !isdigit((unsigned char)p[5]) || p[6] != '.' ||
        !isdigit((unsigned char)p[7]) || p[8] != '\0')
        return 400;
    if (p[5] != '1') return 505;
    req->minor = p[7] - '0';
    return 0;
}

/* Parses "Name: value" with optional whitespace around the value. */
static int parse_header(char* line, Header* h) {
    char* p = line;
    while (is_tchar((unsigned char)*p)) ++p;
    if (p == line || *p != ':') return 400;  /* also "Name :", see RFC 9112 5.1 */
    *p++ = '\0';
    while (*p == ' ' || *p == '\t') ++p;
    char* end = p + strlen(p);
    while (end > p && (end[-1] == ' ' || end[-1] == '\t')) --end;
    *end = '\0';
    for (char* q = p; q < end; ++q)
        if ((unsigned char)*q < ' ' && *q != '\t') return 400;
    h->name = line;
    h->value = p;
    return 0;
}

/* Decimal Content-Length, without overflow; -1 if malformed. */
static long long parse_length(const char* s) {
    if (!*s) return -1;
    long long v = 0;
    for (; *s; ++s) {
        if (!isdigit((unsigned char)*s)) return -1;
        if (v > (long long)MAX_BODY * 16) return (long long)MAX_BODY * 16;  /* "huge" */
        v = v * 10 + (*s - '0');
    }
    return v;
}

ParseResult http_parse(char* data, size_t len, Request* req, int* status) {
    if (len == 0) return PARSE_INCOMPLETE;
    char* p = data;
    char* end = data + (len < MAX_HEADER ? len : MAX_HEADER);
    /* Find the blank line first, so nothing is modified until the whole head
     * is here (the caller calls again as more bytes arrive). */
    while (p < end && (*p == '\r' || *p == '\n')) ++p;  /* stray CRLFs before a request */
    char* line = p;
    char* head_end = NULL;
    for (char* q = p; q < end;) {
        char* nl = line_end(q, end);
        if (!nl) break;
        if (nl == q || (nl == q + 1 && *q == '\r')) {
            head_end = nl + 1;
            break;
        }
        q = nl + 1;
    }
    if (!head_end) {
        if (len >= MAX_HEADER) {
            *status = 431;
            return PARSE_ERROR;
        }
        return PARSE_INCOMPLETE;
    }

    memset(req, 0, sizeof *req);
    char* nl = line_end(line, head_end);
    cut_line(line, nl);
    if ((*status = parse_request_line(line, req)) != 0) return PARSE_ERROR;
    for (line = nl + 1; line < head_end;) {
        nl = line_end(line, head_end);
        if (nl == line || (nl == line + 1 && *line == '\r')) break;  /* the blank line */
        cut_line(line, nl);
        /* Obsolete line folding is a request smuggling tool: refuse it. */
        if (*line == ' ' || *line == '\t') {
            *status = 400;
            return PARSE_ERROR;
        }
        if (req->nheaders == MAX_HEADERS) {
            *status = 431;
            return PARSE_ERROR;
        }
        if ((*status = parse_header(line, &req->headers[req->nheaders++])) != 0) return PARSE_ERROR;
        line = nl + 1;
    }
    req->header_len = (size_t)(head_end - data);

    /* Bodies come only with Content-Length; all copies must agree. */
    long long length = 0;
    bool seen = false;
    for (int i = 0; i < req->nheaders; ++i) {
        const Header* h = &req->headers[i];
        if (strcasecmp(h->name, "Transfer-Encoding") == 0) {
            *status = 501;  /* chunked uploads are not supported */
            return PARSE_ERROR;
        }
        if (strcasecmp(h->name, "Content-Length") == 0) {
            long long v = parse_length(h->value);
            if (v < 0 || (seen && v != length)) {
                *status = 400;
                return PARSE_ERROR;
            }
            length = v;
            seen = true;
        }
    }
    if (length > MAX_BODY) {
        *status = 413;
        return PARSE_ERROR;
    }
    req->content_length = (size_t)length;
    if (req->minor >= 1 && !http_header(req, "Host")) {
        *status = 400;  /* RFC 9112 3.2: HTTP/1.1 requests must name the host */
        return PARSE_ERROR;
    }

    const char* conn = http_header(req, "Connection");
    if (req->minor >= 1)
        req->keep_alive = !(conn && has_token(conn, "close"));
    else
        req->keep_alive = conn && has_token(conn, "keep-alive");
    return PARSE_OK;
}

const char* http_header(const Request* req, const char* name) {
    for (int i = 0; i < req->nheaders; ++i)
        if (strcasecmp(req->headers[i].name, name) == 0) return req->headers[i].value;
    return NULL;
}

const char* http_reason(int status) {
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

/* IMF-fixdate (RFC 9110 5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT". */
void http_date(char out[32]) {
    static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, 32, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* ---- responses ---- */

void response_init(Response* r) {
    memset(r, 0, sizeof *r);
    r->file_fd = -1;
}

void response_free(Response* r) {
    buf_free(&r->headers);
    buf_free(&r->body);
    if (r->file_fd >= 0) close(r->file_fd);
    r->file_fd = -1;
}

void response_simple(Response* r, int status, const char* type, const char* text) {
    r->status = status;
    r->content_type = type;
    r->body.len = 0;
    buf_puts(&r->body, text);
}

/* Errors are short plain-text pages, "404 Not Found\n". */
void response_error(Response* r, int status) {
    r->status = status;
    r->content_type = "text/plain; charset=utf-8";
    r->body.len = 0;
    buf_printf(&r->body, "%d %s\n", status, http_reason(status));
}
