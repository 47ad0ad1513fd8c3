/* Growable malloc'd byte string for the crawl tool: records and output lines
 * live outside any document arena because they cross threads. */
#ifndef CORPUS_SBUF_H
#define CORPUS_SBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sbuf {
    char *data; /* NUL-terminated whenever len > 0 or cap > 0 */
    size_t len;
    size_t cap;
    bool failed; /* an allocation failed; the content is incomplete */
} sbuf;

/* Makes room for n more bytes (plus a NUL). Returns false on failure. */
bool sbuf_reserve(sbuf *b, size_t n);
void sbuf_put(sbuf *b, const char *s, size_t n);
void sbuf_puts(sbuf *b, const char *s);
void sbuf_putc(sbuf *b, char c);
void sbuf_put_u64(sbuf *b, unsigned long long v);
/* Appends s as a JSON string (quoted; control bytes and invalid UTF-8
 * escaped or replaced so the line stays valid JSON). NULL gives null. */
void sbuf_put_json_string(sbuf *b, const char *s, size_t n);
void sbuf_free(sbuf *b);

#endif
