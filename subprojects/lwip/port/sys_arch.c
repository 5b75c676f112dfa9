/* lwIP's diagnostics, formatted here (the platform side of lwIP may use the
   C library's formatting) and handed to the kernel's log as text. */
#include <stdarg.h>
#include <stdio.h>

#include "arch/cc.h"

void ukp_lwip_diag(const char* fmt, ...) {
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    while (len > 0 && line[len - 1] == '\n') --len;
    ukp_lwip_log(line, len);
}

void ukp_lwip_assert(const char* msg, const char* file, int line) {
    char text[256];
    snprintf(text, sizeof text, "lwIP assertion failed: %s (%s:%d)", msg, file, line);
    ukp_lwip_panic(text);
}
