/* json.c: just enough JSON for notes.
 *
 * The reader accepts one object whose members are all strings and returns
 * the "text" member; anything else (numbers, nesting, trailing bytes,
 * invalid UTF-8, lone surrogates, raw control characters) is refused, so
 * what is stored is always valid UTF-8 without NULs. The writer escapes
 * whatever it is given into a JSON string body. */
#include "httpd.h"

#include <string.h>

typedef struct {
    const char* p;
    const char* end;
} Cursor;

static void skip_ws(Cursor* c) {
    while (c->p < c->end && *c->p && strchr(" \t\n\r", *c->p)) ++c->p;
}

static bool eat(Cursor* c, char ch) {
    skip_ws(c);
    if (c->p < c->end && *c->p == ch) {
        ++c->p;
        return true;
    }
    return false;
}

/* Four hex digits of a \u escape; -1 if malformed. */
static long hex4(Cursor* c) {
    if (c->end - c->p < 4) return -1;
    long v = 0;
    for (int i = 0; i < 4; ++i) {
        char ch = *c->p++;
        int d = ch >= '0' && ch <= '9' ? ch - '0'
              : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
              : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

static bool put_utf8(Buf* out, unsigned long cp) {
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xc0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | cp >> 12), b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
    } else {
        b[0] = (char)(0xf0 | cp >> 18), b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
        b[2] = (char)(0x80 | (cp >> 6 & 0x3f)), b[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
    }
    return buf_append(out, b, n);
}

/* A JSON string at the cursor, decoded into `out`. */
static bool read_string(Cursor* c, Buf* out) {
    if (!eat(c, '"')) return false;
    while (c->p < c->end) {
        unsigned char ch = (unsigned char)*c->p++;
        if (ch == '"') return true;
        if (ch < 0x20) return false;  /* raw control characters must be escaped */
        if (ch != '\\') {
            if (!buf_append(out, &ch, 1)) return false;
            continue;
        }
        if (c->p == c->end) return false;
        char e = *c->p++;
        const char* simple = strchr("\"\\/bfnrt", e);
        if (e && simple) {
            static const char decoded[] = "\"\\/\b\f\n\r\t";
            if (!buf_append(out, &decoded[simple - "\"\\/bfnrt"], 1)) return false;
            continue;
        }
        if (e != 'u') return false;
        long cp = hex4(c);
        if (cp < 0) return false;
        if (cp >= 0xd800 && cp <= 0xdbff) {  /* a high surrogate needs its low half */
            if (c->end - c->p < 2 || c->p[0] != '\\' || c->p[1] != 'u') return false;
            c->p += 2;
            long lo = hex4(c);
            if (lo < 0xdc00 || lo > 0xdfff) return false;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        } else if (cp >= 0xdc00 && cp <= 0xdfff) {
            return false;
        }
        if (cp == 0 || !put_utf8(out, (unsigned long)cp)) return false;  /* no NULs in notes */
    }
    return false;  /* unterminated */
}

bool json_read_text(const char* json, size_t len, Buf* out) {
    if (!utf8_valid(json, len)) return false;
    Cursor c = {json, json + len};
    Buf key = {0}, ignored = {0};
    bool found = false, ok = false;
    if (!eat(&c, '{')) goto done;
    if (!eat(&c, '}')) {
        do {
            key.len = 0;
            if (!read_string(&c, &key) || !eat(&c, ':')) goto done;
            bool is_text = key.len == 4 && memcmp(key.data, "text", 4) == 0;
            if (is_text && found) goto done;  /* duplicate "text": ambiguous */
            ignored.len = 0;
            skip_ws(&c);
            if (!read_string(&c, is_text ? out : &ignored)) goto done;
            found |= is_text;
        } while (eat(&c, ','));
        if (!eat(&c, '}')) goto done;
    }
    skip_ws(&c);
    ok = found && c.p == c.end;
done:
    buf_free(&key);
    buf_free(&ignored);
    return ok;
}

void json_escape(Buf* out, const char* s, size_t len) {
    for (size_t i = 0; i < len; ++i) {
        unsigned char ch = (unsigned char)s[i];
        switch (ch) {
        case '"': buf_puts(out, "\\\""); break;
        case '\\': buf_puts(out, "\\\\"); break;
        case '\n': buf_puts(out, "\\n"); break;
        case '\r': buf_puts(out, "\\r"); break;
        case '\t': buf_puts(out, "\\t"); break;
        /* '<' escaped too, so JSON embedded in a <script> cannot end it. */
        case '<': buf_puts(out, "\\u003c"); break;
        default:
            if (ch < 0x20 || ch == 0x7f)
                buf_printf(out, "\\u%04x", ch);
            else
                buf_append(out, &ch, 1);
        }
    }
}

/* Well-formed UTF-8 (RFC 3629): no overlong forms, surrogates or values
 * beyond U+10FFFF. */
bool utf8_valid(const char* str, size_t len) {
    const unsigned char* s = (const unsigned char*)str;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        size_t n;
        unsigned long cp;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf) {
            n = 1, cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2, cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3, cp = c & 0x07;
        } else {
            return false;
        }
        if (len - i <= n) return false;
        for (size_t k = 1; k <= n; ++k) {
            if ((s[i + k] & 0xc0) != 0x80) return false;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += n + 1;
    }
    return true;
}
