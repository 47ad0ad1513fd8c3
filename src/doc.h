/* The document as the library holds it; lede.h exposes it only through
 * accessors. Stages fill it: lede.c (status, source, input kind), structure
 * (title, deck, dateline, paragraphs, truncated), render (output text). */
#ifndef LEDE_DOC_H
#define LEDE_DOC_H

#include <stdbool.h>

#include "../include/lede.h"
#include "blocks/block.h"
#include "metadata/metadata.h"
#include "quotes/quotes.h"
#include "util/arena.h"

typedef struct paragraph {
    const char *text;
    lede_para_kind kind;
} paragraph;

struct lede_doc {
    arena *a;
    lede_status status;
    const char *error;   /* set with status != LEDE_OK */
    const char *warning; /* set when an OK document has no body */
    lede_input input;
    const char *source;
    const char *url;
    const char *title;
    const char *deck;
    const char *dateline;
    const char *language;
    doc_meta meta; /* metadata stage: authors, dates, site, description, image, tags */
    bool truncated;
    paragraph *paragraphs;
    size_t paragraph_count;
    doc_quote *quotes; /* quotes stage: who said what, people, places */
    size_t quote_count;
    doc_person *people;
    size_t person_count;
    doc_place *places;
    size_t place_count;
    bool quotes_skipped; /* lede_options.no_quotes: the fields above mean nothing */
    const char *body;
    block_stream blocks;
};

#endif
