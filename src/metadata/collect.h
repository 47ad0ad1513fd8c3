/* Metadata evidence gathered during the HTML parser's SAX pass: <meta>
 * pairs, JSON-LD scripts, <time datetime>, author and byline elements and
 * the page's <h1>s, each with its position in the page's text. The
 * parser calls the two hooks below; metadata.c weighs the evidence. */
#ifndef LEDE_META_COLLECT_H
#define LEDE_META_COLLECT_H

#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/buf.h"

typedef struct meta_evidence meta_evidence;

/* NULL when out of memory (the page then simply has no evidence). */
meta_evidence *meta_evidence_new(arena *a);

/* An element opens at stack depth `depth`; text_len and ld_len are the
 * current lengths of the parser's text and JSON-LD buffers. */
void meta_on_start(meta_evidence *m, const char *name, const char **atts, size_t depth,
                   size_t text_len, size_t ld_len);
/* The element opened at `depth` closes; text and ld are those buffers. */
void meta_on_end(meta_evidence *m, size_t depth, const buf *text, const buf *ld);

#endif
