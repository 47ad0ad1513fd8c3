#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void buf_init(buf *b, arena *a, size_t initial)
{
    b->a = a;
    b->len = 0;
    b->failed = false;
    b->cap = initial ? initial : 64;
    /* Uncleared: only the bytes written are read, and the pages of a large
     * buffer cost memory only once written. */
    b->data = arena_grow_bytes(a, NULL, 0, b->cap);
    if (!b->data) {
        b->cap = 0;
        b->failed = true;
    }
}

/* Makes room for extra bytes plus a terminating NUL. */
static bool buf_reserve(buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = arena_grow_bytes(b->a, b->data, b->cap, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void buf_put(buf *b, const char *s, size_t len)
{
    if (!len || !buf_reserve(b, len))
        return;
    memcpy(b->data + b->len, s, len);
    b->len += len;
}

void buf_puts(buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

void buf_putc(buf *b, char c)
{
    if (!buf_reserve(b, 1))
        return;
    b->data[b->len++] = c;
}

void buf_put_uint(buf *b, size_t v)
{
    char digits[20];
    size_t n = sizeof digits;
    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_put(b, digits + n, sizeof digits - n);
}

void buf_printf(buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        buf_put(b, small, (size_t)n);
        return;
    }
    if (!buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *buf_cstr(buf *b)
{
    if (!buf_reserve(b, 0))
        return NULL;
    b->data[b->len] = '\0';
    return b->data;
}

void buf_clear(buf *b)
{
    b->len = 0;
}
