/* static.c: files under the web root.
 *
 * Two independent guards keep requests inside the root: any ".." path
 * segment is refused before the file system is asked anything, and the
 * resolved path (symbolic links followed by realpath) must still lie under
 * the resolved root. The file itself is opened and sent by the event loop
 * in chunks (server.c). */
#include "httpd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char* ext;
    const char* type;
} types[] = {
    {"html", "text/html; charset=utf-8"}, {"htm", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},   {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"}, {"json", "application/json"},
    {"txt", "text/plain; charset=utf-8"}, {"md", "text/plain; charset=utf-8"},
    {"xml", "application/xml"},           {"svg", "image/svg+xml"},
    {"png", "image/png"},                 {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},               {"gif", "image/gif"},
    {"webp", "image/webp"},               {"ico", "image/x-icon"},
    {"wasm", "application/wasm"},         {"pdf", "application/pdf"},
    {"woff2", "font/woff2"},
};

static const char* content_type(const char* path) {
    const char* slash = strrchr(path, '/');
    const char* dot = strrchr(slash ? slash : path, '.');
    if (dot)
        for (size_t i = 0; i < sizeof types / sizeof types[0]; ++i)
            if (strcasecmp(dot + 1, types[i].ext) == 0) return types[i].type;
    return "application/octet-stream";
}

/* True if some '/'-separated segment of `path` is exactly "..". */
static bool has_dotdot(const char* path) {
    for (const char* p = path; (p = strstr(p, "..")); p += 2) {
        bool starts = p == path || p[-1] == '/';
        bool ends = p[2] == '\0' || p[2] == '/';
        if (starts && ends) return true;
    }
    return false;
}

/* True if `path` is `root` or inside it (both already resolved). */
static bool under(const char* path, const char* root) {
    size_t n = strlen(root);
    if (n == 1) return path[0] == '/';  /* root is "/" */
    return strncmp(path, root, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

void static_serve(Server* s, const Request* req, const char* path, Response* r) {
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) {
        response_error(r, 405);
        buf_puts(&r->headers, "Allow: GET, HEAD\r\n");
        return;
    }
    if (has_dotdot(path) || strchr(path, '\\')) {
        response_error(r, 400);
        return;
    }
    char wanted[PATH_MAX], resolved[PATH_MAX], root[PATH_MAX];
    size_t n = strlen(path);
    int len = snprintf(wanted, sizeof wanted, "%s%s%s", s->root, path,
                       path[n - 1] == '/' ? "index.html" : "");
    if (len < 0 || (size_t)len >= sizeof wanted) {
        response_error(r, 404);
        return;
    }
    if (!realpath(s->root, root)) {
        response_error(r, 500);
        return;
    }
    if (!realpath(wanted, resolved)) {
        response_error(r, errno == EACCES ? 403 : 404);
        return;
    }
    if (!under(resolved, root)) {
        response_error(r, 404);  /* a link out of the root: as if it were not there */
        return;
    }
    int fd = open(resolved, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0) close(fd);
        response_error(r, errno == EACCES ? 403 : 404);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        /* "/docs" -> "/docs/", so relative links in its index work. */
        close(fd);
        response_error(r, 301);
        size_t plen = strcspn(req->target, "?#");
        buf_printf(&r->headers, "Location: %.*s/%s\r\n", (int)plen, req->target,
                   req->target + plen);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        response_error(r, 403);
        return;
    }
    r->status = 200;
    r->content_type = content_type(resolved);
    r->file_fd = fd;
    r->file_size = (uint64_t)st.st_size;
}
