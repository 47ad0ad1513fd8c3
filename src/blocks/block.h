/*
 * The block stream: the one representation that HTML mode and text mode share.
 *
 * A parser (parse/html.c, parse/text.c) turns its input into an ordered list
 * of blocks: one paragraph, heading, list item, quote, table row or caption
 * each, with normalised text (UTF-8, single spaces, no newlines but the
 * line breaks of a single HTML <br>, which structure splits on) and the
 * evidence its source can give (DOM semantics for HTML, layout for text).
 * Everything after parsing (classify, structure, render) reads only this.
 */
#ifndef LEDE_BLOCK_H
#define LEDE_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

typedef enum {
    BLOCK_PARAGRAPH = 0,
    BLOCK_HEADING,
    BLOCK_LIST_ITEM,
    BLOCK_QUOTE,
    BLOCK_TABLE_ROW,
    BLOCK_CODE,
    BLOCK_CAPTION
} block_kind;

/* What classify and structure decided a block is. */
typedef enum {
    LABEL_UNDECIDED = 0,
    LABEL_CONTENT,
    LABEL_BOILERPLATE,
    LABEL_TITLE,
    LABEL_DECK,
    LABEL_BYLINE
} block_label;

typedef struct block {
    const char *text; /* normalised UTF-8, NUL-terminated, in the arena */
    uint32_t len;     /* bytes of text */
    uint8_t kind;     /* block_kind */
    uint8_t level;    /* heading level 1..6, list nesting, 0 otherwise */

    /* --- Evidence from HTML (zero in text mode) --- */
    uint32_t link_len;  /* bytes of text inside <a> */
    float dom_prior;    /* tag and class/id semantics: > 0 content-like, < 0 boilerplate-like */
    uint32_t container; /* id of the nearest enclosing container element (0 = none) */
    uint16_t depth;     /* element depth of the block */
    uint16_t dom_flags; /* DOMF_* below */

    /* --- Evidence from text layout (zero in HTML mode) --- */
    uint16_t indent;      /* leading spaces of the block's first line */
    uint8_t blank_before; /* blank lines before the block */
    uint16_t lines;       /* source lines joined into this block */

    /* --- Shape features, filled by classify/features.c --- */
    uint32_t words;
    uint32_t chars;    /* code points */
    float stop_ratio;  /* share of words that are stopwords of the page language */
    float caps_ratio;  /* share of words starting with a capital */
    float digit_ratio; /* share of characters that are digits */
    bool ends_sentence;
    uint16_t boiler_family; /* BOILER_* family of boilerplate phrasing, 0 = none */
    uint16_t repeats;       /* how many other blocks of the page have the same text */

    /* --- Decision --- */
    float score;
    uint8_t label; /* block_label */
} block;

/* dom_flags */
enum {
    DOMF_IN_ARTICLE = 1 << 0, /* inside <article>, <main> or schema.org articleBody */
    DOMF_IN_BOILER =
        1 << 1,            /* inside nav/footer/aside/header-like or boilerplate-named container */
    DOMF_IN_MAIN = 1 << 2, /* inside the container chosen as the main content */
    DOMF_HIDDEN = 1 << 3,  /* hidden by attribute or inline style */
    DOMF_H1 = 1 << 4,      /* the page's <h1> */
    DOMF_IN_LD_BODY = 1 << 5 /* text also found in JSON-LD articleBody */
};

/* Page-level evidence a parser can give, beside the blocks. */
typedef struct page_hints {
    const char *html_title; /* <title> */
    const char *meta_title; /* og:title, twitter:title */
    const char *meta_description;
    const char *language; /* <html lang>, Content-Language */
    const char *ld_body;  /* JSON-LD articleBody */
    const char *ld_headline;
    const char *canonical_url;
    struct meta_evidence
        *meta; /* metadata/collect.h: <meta>, JSON-LD, bylines; NULL in text mode */
} page_hints;

typedef struct block_stream {
    arena *a;
    block *items;
    size_t count;
    size_t cap;
    page_hints hints;
    bool from_html;
} block_stream;

void blocks_init(block_stream *s, arena *a, bool from_html);
/* Makes room for at least n blocks in all, so that a parser that knows a
 * bound spares the copies of growing. Returns false when out of memory. */
bool blocks_reserve(block_stream *s, size_t n);
/* Appends a zeroed block with the given text (copied into the arena).
 * Returns NULL when out of memory. */
block *blocks_push(block_stream *s, const char *text, size_t len, block_kind kind);

#endif
