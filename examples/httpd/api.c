/* api.c: the JSON API.
 *
 *   GET    /api/status     what serves this page: ukp's version, kernel stats
 *   GET    /api/notes      {"notes": [{"id": 1, "text": "..."}, ...]}
 *   POST   /api/notes      {"text": "..."} -> 201 {"id": N}
 *   GET    /api/notes/N    {"id": N, "text": "..."}
 *   DELETE /api/notes/N    204
 *
 * Each note is one file, <notes>/<N>.txt, holding its text. A note is
 * written to a temporary name and renamed into place, so a reader never
 * sees half a note. The server is single-threaded, so the next id is
 * simply a counter found at start-up. */
#include "httpd.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Linked with libukp these exist; built natively they are NULL. */
extern const char* ukp_version(void) __attribute__((weak));
extern const char* ukp_host(void) __attribute__((weak));

static const char* notes_dir;
static unsigned long next_id = 1;

#define JSON "application/json"

/* "<digits>.txt" -> the id; 0 if the name is not a note's. */
static unsigned long note_id(const char* name) {
    char* end;
    if (name[0] < '1' || name[0] > '9') return 0;
    errno = 0;
    unsigned long id = strtoul(name, &end, 10);
    return errno == 0 && strcmp(end, ".txt") == 0 ? id : 0;
}

int make_dirs(const char* path) {
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) return -1;
    for (char* p = buf + 1;; ++p) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(buf, 0755) != 0 && errno != EEXIST) return -1;
            *p = saved;
            if (!saved) return 0;
        }
    }
}

int api_init(const char* dir) {
    notes_dir = dir;
    if (make_dirs(dir) != 0) return -1;
    DIR* d = opendir(dir);
    if (!d) return -1;
    for (struct dirent* e; (e = readdir(d));) {
        unsigned long id = note_id(e->d_name);
        if (id >= next_id) next_id = id + 1;
        /* A temporary file is what a crash left behind. */
        if (strncmp(e->d_name, ".tmp-", 5) == 0) unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
    return 0;
}

/* Reads a whole (small) file into `out`; false if it is missing or too big. */
static bool read_file(const char* path, Buf* out) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = true;
    char chunk[4096];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        if (out->len + (size_t)n > MAX_NOTE * 4 || !buf_append(out, chunk, (size_t)n)) {
            ok = false;
            break;
        }
    }
    close(fd);
    return ok;
}

static bool write_all(int fd, const char* data, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* Write to a temporary file, flush it, then rename over the final name. */
static bool write_note(unsigned long id, const char* text, size_t len) {
    char tmp[PATH_MAX], final[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s/.tmp-%lu", notes_dir, id);
    snprintf(final, sizeof final, "%s/%lu.txt", notes_dir, id);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    bool ok = write_all(fd, text, len) && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, final) == 0) return true;
    unlink(tmp);
    return false;
}

static void note_json(Buf* out, unsigned long id, const Buf* text) {
    buf_printf(out, "{\"id\": %lu, \"text\": \"", id);
    json_escape(out, text->data ? text->data : "", text->len);
    buf_puts(out, "\"}");
}

static int compare_ids(const void* a, const void* b) {
    unsigned long x = *(const unsigned long*)a, y = *(const unsigned long*)b;
    return x < y ? -1 : x > y;
}

static void list_notes(Response* r) {
    DIR* d = opendir(notes_dir);
    if (!d) {
        response_error(r, 500);
        return;
    }
    unsigned long* ids = NULL;
    size_t count = 0, cap = 0;
    for (struct dirent* e; (e = readdir(d));) {
        unsigned long id = note_id(e->d_name);
        if (!id) continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            unsigned long* more = realloc(ids, cap * sizeof *ids);
            if (!more) break;
            ids = more;
        }
        ids[count++] = id;
    }
    closedir(d);
    if (count) qsort(ids, count, sizeof *ids, compare_ids);

    r->status = 200;
    r->content_type = JSON;
    buf_puts(&r->body, "{\"notes\": [");
    bool first = true;
    for (size_t i = 0; i < count; ++i) {
        char path[PATH_MAX];
        Buf text = {0};
        snprintf(path, sizeof path, "%s/%lu.txt", notes_dir, ids[i]);
        if (read_file(path, &text)) {  /* deleted meanwhile: skip it */
            buf_puts(&r->body, first ? "\n  " : ",\n  ");
            note_json(&r->body, ids[i], &text);
            first = false;
        }
        buf_free(&text);
    }
    buf_puts(&r->body, "\n]}\n");
    free(ids);
}

static void create_note(const Request* req, Response* r) {
    Buf text = {0};
    if (!json_read_text(req->body, req->content_length, &text)) {
        response_simple(r, 400, JSON, "{\"error\": \"expected {\\\"text\\\": \\\"...\\\"}\"}\n");
    } else if (text.len == 0 || text.len > MAX_NOTE) {
        response_simple(r, text.len ? 413 : 400, JSON,
                        "{\"error\": \"a note holds 1 to 16384 bytes of text\"}\n");
    } else if (!write_note(next_id, text.data, text.len)) {
        response_error(r, 500);
    } else {
        r->status = 201;
        r->content_type = JSON;
        buf_printf(&r->body, "{\"id\": %lu}\n", next_id);
        buf_printf(&r->headers, "Location: /api/notes/%lu\r\n", next_id);
        ++next_id;
    }
    buf_free(&text);
}

static void one_note(const Request* req, unsigned long id, Response* r) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%lu.txt", notes_dir, id);
    if (strcmp(req->method, "DELETE") == 0) {
        if (unlink(path) == 0)
            r->status = 204;
        else
            response_simple(r, 404, JSON, "{\"error\": \"no such note\"}\n");
        return;
    }
    Buf text = {0};
    if (read_file(path, &text)) {
        r->status = 200;
        r->content_type = JSON;
        note_json(&r->body, id, &text);
        buf_puts(&r->body, "\n");
    } else {
        response_simple(r, 404, JSON, "{\"error\": \"no such note\"}\n");
    }
    buf_free(&text);
}

/* The first lines of a kernel text file, as one JSON string. */
static void kernel_text(Buf* out, const char* path, int max_lines) {
    Buf text = {0};
    if (!read_file(path, &text)) {
        buf_puts(out, "null");
        return;
    }
    size_t len = 0;
    for (int lines = 0; len < text.len && lines < max_lines; ++len)
        if (text.data[len] == '\n') ++lines;
    buf_puts(out, "\"");
    json_escape(out, text.data, len);
    buf_puts(out, "\"");
    buf_free(&text);
}

static void status(Server* s, Response* r) {
    Buf* b = &r->body;
    r->status = 200;
    r->content_type = JSON;
    bool ukp = ukp_version != NULL;
    buf_puts(b, "{\"server\": \"ukp-httpd\", \"unikernel\": ");
    buf_puts(b, ukp ? "true" : "false");
    buf_puts(b, ", \"ukp_version\": ");
    if (ukp)
        buf_printf(b, "\"%s\", \"ukp_host\": \"%s\"", ukp_version(), ukp_host ? ukp_host() : "?");
    else
        buf_puts(b, "null");
    buf_printf(b, ", \"pid\": %ld, \"uptime_ms\": %lld, \"connections\": %d, \"accepted\": %llu"
                  ", \"requests\": %llu",
               (long)getpid(), (long long)(now_ms() - s->started_ms), s->connections,
               (unsigned long long)s->accepted, (unsigned long long)s->requests);
    buf_puts(b, ", \"ukp_stats\": ");
    kernel_text(b, "/proc/ukp/stats", 20);
    buf_puts(b, ", \"meminfo\": ");
    kernel_text(b, "/proc/meminfo", 3);
    buf_puts(b, "}\n");
}

/* "123" -> 123; 0 if not a plain positive decimal. */
static unsigned long parse_id(const char* s) {
    if (*s < '1' || *s > '9' || strlen(s) > 15) return 0;
    unsigned long v = 0;
    for (; *s; ++s) {
        if (*s < '0' || *s > '9') return 0;
        v = v * 10 + (unsigned long)(*s - '0');
    }
    return v;
}

static void not_allowed(Response* r, const char* allow) {
    response_simple(r, 405, JSON, "{\"error\": \"method not allowed\"}\n");
    buf_printf(&r->headers, "Allow: %s\r\n", allow);
}

void api_serve(Server* s, const Request* req, const char* path, Response* r) {
    const char* m = req->method;
    bool get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
    if (strcmp(path, "/api/status") == 0) {
        if (get) status(s, r); else not_allowed(r, "GET, HEAD");
    } else if (strcmp(path, "/api/notes") == 0) {
        if (get) list_notes(r);
        else if (strcmp(m, "POST") == 0) create_note(req, r);
        else not_allowed(r, "GET, HEAD, POST");
    } else if (strncmp(path, "/api/notes/", 11) == 0 && parse_id(path + 11)) {
        if (get || strcmp(m, "DELETE") == 0) one_note(req, parse_id(path + 11), r);
        else not_allowed(r, "GET, HEAD, DELETE");
    } else {
        response_simple(r, 404, JSON, "{\"error\": \"no such endpoint\"}\n");
    }
}
