/* The evidence record shared by the metadata stage's files. */
#ifndef LEDE_META_EVIDENCE_H
#define LEDE_META_EVIDENCE_H

#include <stdbool.h>

#include "collect.h"

/* A <meta> pair; key lowercased (property, name or itemprop). */
typedef struct meta_pair {
    const char *key;
    const char *value;
    uint32_t hash; /* of key, for quick lookups */
} meta_pair;

typedef enum {
    EL_H1,         /* an <h1>'s text */
    EL_AUTHOR,     /* itemprop=author/creator element: text */
    EL_REL_AUTHOR, /* <a rel=author> or a link to an author page: text */
    EL_BYLINE,     /* class or id naming a byline or author: text */
    EL_DATE_PUB,   /* itemprop=datePublished or <time pubdate>: value */
    EL_DATE_MOD,   /* itemprop=dateModified: value */
    EL_TIME,       /* <time datetime> or another datetime attribute */
    EL_DATE_CLASS, /* class or id naming a date: text */
    EL_DECK        /* class or id naming a deck or standfirst: text */
} element_kind;

typedef struct meta_element {
    const char *text;  /* normalised text of the element (NULL if none) */
    const char *value; /* datetime or content attribute */
    uint32_t pos;      /* offset of the element in the page's text */
    uint8_t kind;      /* element_kind */
} meta_element;

typedef struct open_element {
    uint32_t depth;
    uint32_t text_off;
    uint32_t ld_off;
    uint8_t kind;
    bool ld; /* a JSON-LD script */
    const char *value;
} open_element;

/* Elements open at once that we track; deeper ones are ignored. */
enum { META_MAX_OPEN = 32, META_MAX_PAIRS = 512, META_MAX_ELEMENTS = 256, META_MAX_LD = 32 };

struct meta_evidence {
    arena *a;
    meta_pair *pairs;
    size_t pair_count, pair_cap;
    meta_element *els;
    size_t el_count, el_cap;
    const char *ld[META_MAX_LD]; /* JSON-LD script texts */
    size_t ld_count;
    open_element open[META_MAX_OPEN];
    size_t open_count;
    const char *rel_author_href;
};

/* Hash of a lowercase <meta> key (meta_pair.hash). */
uint32_t meta_key_hash(const char *key);

/* The value of the first <meta> with this (lowercase) key, or NULL. */
const char *meta_pair_get(const meta_evidence *m, const char *key);

#endif
