/* Who said what: quotes with their speakers, and the people and places an
 * article names. Runs on doc->paragraphs after the structure stage. */
#ifndef LEDE_QUOTES_H
#define LEDE_QUOTES_H

#include <stdbool.h>
#include <stddef.h>

#include "../../include/lede.h"
#include "../util/arena.h"

typedef struct doc_quote {
    const char *text;            /* the words inside the marks */
    const char *speaker;         /* full name or organisation; NULL when unsaid */
    const char *speaker_mention; /* the attributing words: "Kerry", "he" */
    const char *cue;             /* "said", "according to"; NULL without one */
    size_t paragraph;
    bool partial; /* embedded in the writer's sentence */
} doc_quote;

typedef struct doc_person {
    const char *name;
    const char **roles;
    size_t role_count;
    size_t mentions;
} doc_person;

typedef struct doc_place {
    const char *name;
    const char *kind; /* "country", "region" or "city" */
} doc_place;

/* Fills doc->quotes, doc->people and doc->places from doc->paragraphs, in
 * the document's arena. Its working memory (a token of some 40 bytes for
 * every few bytes of text, on a big page more than all else the document
 * holds) comes from work, which the caller empties once it has run. */
void quotes_annotate(lede_doc *doc, arena *work);

#endif
