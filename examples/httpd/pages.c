/* pages.c: the built-in site.
 *
 * When the web root is empty at start-up, these pages are written into it.
 * Linked with libukp the root is in the kernel's file system, so the pages
 * exist only inside this process. The front-end is plain JavaScript: it
 * shows /api/status and keeps a list of notes through /api/notes. */
#include "httpd.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char index_html[] =
    "<!doctype html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>ukp httpd</title>\n"
    "<link rel=\"stylesheet\" href=\"/style.css\">\n"
    "</head>\n"
    "<body>\n"
    "<header>\n"
    "  <h1>Hello from a unikernel process</h1>\n"
    "  <p id=\"who\">This page is served by <code>httpd</code>, an ordinary C program.</p>\n"
    "</header>\n"
    "<main>\n"
    "<section>\n"
    "  <h2>Notes</h2>\n"
    "  <p class=\"hint\">Each note is a file in the server's <code>/var/notes</code>.</p>\n"
    "  <form id=\"add\">\n"
    "    <input id=\"text\" maxlength=\"16384\" placeholder=\"Write a note\" autocomplete=\"off\" required>\n"
    "    <button>Add</button>\n"
    "  </form>\n"
    "  <ul id=\"notes\"></ul>\n"
    "</section>\n"
    "<section>\n"
    "  <h2>Server</h2>\n"
    "  <pre id=\"status\">loading...</pre>\n"
    "</section>\n"
    "</main>\n"
    "<script>\n"
    "'use strict';\n"
    "const $ = (id) => document.getElementById(id);\n"
    "\n"
    "async function api(method, path, body) {\n"
    "  const init = {method, headers: {}};\n"
    "  if (body !== undefined) {\n"
    "    init.headers['Content-Type'] = 'application/json';\n"
    "    init.body = JSON.stringify(body);\n"
    "  }\n"
    "  const res = await fetch(path, init);\n"
    "  if (!res.ok) throw new Error(method + ' ' + path + ': ' + res.status);\n"
    "  return res.status === 204 ? null : res.json();\n"
    "}\n"
    "\n"
    "async function showStatus() {\n"
    "  const s = await api('GET', '/api/status');\n"
    "  $('who').textContent = s.unikernel\n"
    "    ? 'Served by httpd running on ukp ' + s.ukp_version + ' (' + s.ukp_host +\n"
    "      ' host): its files and sockets live in a kernel inside the process.'\n"
    "    : 'Served by httpd built natively: files and sockets are the host\\'s.';\n"
    "  const lines = ['connections ' + s.connections, 'requests ' + s.requests,\n"
    "                 'uptime_ms ' + s.uptime_ms];\n"
    "  if (s.ukp_stats) lines.push('', '/proc/ukp/stats:', s.ukp_stats.trim());\n"
    "  if (s.meminfo) lines.push('', '/proc/meminfo:', s.meminfo.trim());\n"
    "  $('status').textContent = lines.join('\\n');\n"
    "}\n"
    "\n"
    "async function showNotes() {\n"
    "  const {notes} = await api('GET', '/api/notes');\n"
    "  const list = $('notes');\n"
    "  list.replaceChildren();\n"
    "  for (const note of notes) {\n"
    "    const li = document.createElement('li');\n"
    "    const text = document.createElement('span');\n"
    "    text.textContent = note.text;\n"
    "    const del = document.createElement('button');\n"
    "    del.textContent = 'delete';\n"
    "    del.className = 'del';\n"
    "    del.onclick = async () => { await api('DELETE', '/api/notes/' + note.id); showNotes(); };\n"
    "    li.append(text, del);\n"
    "    list.append(li);\n"
    "  }\n"
    "  if (!notes.length) list.innerHTML = '<li class=\"hint\">No notes yet.</li>';\n"
    "}\n"
    "\n"
    "$('add').onsubmit = async (event) => {\n"
    "  event.preventDefault();\n"
    "  const input = $('text');\n"
    "  await api('POST', '/api/notes', {text: input.value});\n"
    "  input.value = '';\n"
    "  await showNotes();\n"
    "  showStatus();\n"
    "};\n"
    "\n"
    "showStatus().catch((e) => { $('status').textContent = String(e); });\n"
    "showNotes().catch((e) => { $('notes').textContent = String(e); });\n"
    "</script>\n"
    "</body>\n"
    "</html>\n";

static const char style_css[] =
    ":root { --fg: #1d2330; --muted: #667085; --accent: #2f6fde; --bg: #f6f7f9; }\n"
    "* { box-sizing: border-box; }\n"
    "body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }\n"
    "header { padding: 2rem 1.5rem 1rem; background: #fff; border-bottom: 1px solid #e3e6ea; }\n"
    "h1 { margin: 0 0 .25rem; font-size: 1.6rem; }\n"
    "h2 { font-size: 1.1rem; margin: 0 0 .5rem; }\n"
    "main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.5rem; }\n"
    "section { background: #fff; border: 1px solid #e3e6ea; border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; }\n"
    ".hint { color: var(--muted); font-size: .9rem; }\n"
    "form { display: flex; gap: .5rem; }\n"
    "input { flex: 1; padding: .5rem .6rem; font: inherit; border: 1px solid #c9ced6; border-radius: 6px; }\n"
    "button { padding: .45rem .9rem; font: inherit; color: #fff; background: var(--accent); border: 0; border-radius: 6px; cursor: pointer; }\n"
    "button.del { background: none; color: var(--muted); padding: 0 .25rem; font-size: .85rem; }\n"
    "ul { list-style: none; padding: 0; margin: 1rem 0 0; }\n"
    "li { display: flex; justify-content: space-between; gap: 1rem; padding: .4rem 0; border-top: 1px solid #eef0f3; overflow-wrap: anywhere; }\n"
    "pre { margin: 0; font-size: .85rem; white-space: pre-wrap; }\n"
    "code { font-size: .9em; }\n";

static const struct {
    const char* name;
    const char* data;
    size_t size;
} pages[] = {
    {"index.html", index_html, sizeof index_html - 1},
    {"style.css", style_css, sizeof style_css - 1},
};

static bool dir_is_empty(const char* path) {
    DIR* d = opendir(path);
    if (!d) return false;
    bool empty = true;
    for (struct dirent* e; empty && (e = readdir(d));)
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    return empty;
}

int pages_install(const char* root) {
    if (make_dirs(root) != 0) {
        fprintf(stderr, "httpd: cannot create %s: %s\n", root, strerror(errno));
        return -1;
    }
    if (!dir_is_empty(root)) return 0;  /* a site is there already: serve it as it is */
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; ++i) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", root, pages[i].name);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 || write(fd, pages[i].data, pages[i].size) != (ssize_t)pages[i].size) {
            fprintf(stderr, "httpd: cannot write %s: %s\n", path, strerror(errno));
            if (fd >= 0) close(fd);
            return -1;
        }
        close(fd);
    }
    return 0;
}
