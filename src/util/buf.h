/* Growable byte buffer backed by a document arena. Used to assemble text
 * (a block's normalised text, a rendered document) without per-piece mallocs. */
#ifndef LEDE_BUF_H
#define LEDE_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct buf {
    arena *a;
    char *data;
    size_t len;
    size_t cap;
    bool failed; /* an allocation failed; the content is incomplete */
} buf;

void buf_init(buf *b, arena *a, size_t initial);
void buf_put(buf *b, const char *s, size_t len);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* v in decimal: no format string to parse, for numbers in hot loops. */
void buf_put_uint(buf *b, size_t v);
/* NUL-terminates and returns the data (NULL after a failed allocation). */
const char *buf_cstr(buf *b);
void buf_clear(buf *b);

#endif
