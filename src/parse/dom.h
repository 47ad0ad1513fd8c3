/* lede's compact document tree, built from parser events in an arena
 * that lives only while the blocks are made. Nodes live in one array in
 * document (pre-)order, so a node's subtree is the index range
 * [n, node.end]; links are indices, 0 = none (node 0 is the document
 * root). Only what extraction needs is kept: the tag, text, semantic
 * evidence from attributes, and inherited flags. */
#ifndef LEDE_DOM_H
#define LEDE_DOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/buf.h"

typedef enum {
    TAG_UNKNOWN = 0,
    TAG_TEXT, /* a text node */
    TAG_ROOT,
    TAG_A,
    TAG_ADDRESS,
    TAG_ARTICLE,
    TAG_ASIDE,
    TAG_BLOCKQUOTE,
    TAG_BODY,
    TAG_BR,
    TAG_BUTTON,
    TAG_CAPTION,
    TAG_CENTER,
    TAG_DD,
    TAG_DETAILS,
    TAG_DIALOG,
    TAG_DIV,
    TAG_DL,
    TAG_DT,
    TAG_FIELDSET,
    TAG_FIGCAPTION,
    TAG_FIGURE,
    TAG_FOOTER,
    TAG_FORM,
    TAG_H1,
    TAG_H2,
    TAG_H3,
    TAG_H4,
    TAG_H5,
    TAG_H6,
    TAG_HEAD,
    TAG_HEADER,
    TAG_HGROUP,
    TAG_HR,
    TAG_HTML,
    TAG_LI,
    TAG_LINK,
    TAG_MAIN,
    TAG_MENU,
    TAG_META,
    TAG_NAV,
    TAG_OL,
    TAG_P,
    TAG_PRE,
    TAG_SCRIPT,
    TAG_SECTION,
    TAG_SUMMARY,
    TAG_TABLE,
    TAG_TBODY,
    TAG_TD,
    TAG_TFOOT,
    TAG_TH,
    TAG_THEAD,
    TAG_TITLE,
    TAG_TR,
    TAG_UL,
    TAG_SKIPPED, /* elements whose subtree is never text: script, style, svg, ... */
    TAG_COUNT
} dom_tag;

/* Tag properties. */
enum {
    TAGP_BLOCK = 1 << 0, /* starts and ends a block of text */
    TAGP_SKIP = 1 << 1,  /* subtree dropped: not visible text */
    TAGP_CELL = 1 << 2   /* separates its text from its neighbours' by a space */
};

/* Node flags. The INHERITED ones pass from a node to its descendants. */
enum {
    DOMN_IN_ARTICLE = 1 << 0, /* inside article, main or articleBody */
    DOMN_IN_BOILER = 1 << 1,  /* inside nav/footer/aside or a boilerplate-named element */
    DOMN_IN_LINK = 1 << 2,    /* inside <a href> */
    DOMN_INHERITED = DOMN_IN_ARTICLE | DOMN_IN_BOILER | DOMN_IN_LINK,
    DOMN_ARTICLE_NAME = 1 << 3, /* this element: article, main, itemprop=articleBody */
    DOMN_BOILER_NAME = 1 << 4,  /* this element: nav, footer, aside or a boilerplate name */
    DOMN_IN_MAIN = 1 << 5       /* inside the chosen main content container */
};

typedef struct dom_node {
    uint32_t parent;
    uint32_t first_child;
    uint32_t last_child;
    uint32_t next;     /* next sibling */
    uint32_t end;      /* index of the last node of the subtree */
    uint32_t text_off; /* text nodes: offset into dom.text */
    uint32_t text_len;
    uint32_t sub_text;   /* text bytes in the subtree (after dom_finish) */
    uint32_t sub_link;   /* of which inside links */
    uint32_t class_hash; /* of the class attribute, 0 = none */
    uint16_t tag;        /* dom_tag */
    uint16_t flags;      /* DOMN_* */
    uint16_t depth;      /* element depth, root = 0 */
    int8_t prior;        /* own class/id/role/tag semantics, < 0 boilerplate-like */
    int8_t cum_prior;    /* sum of priors from the root, clamped (after dom_finish) */
} dom_node;

typedef struct dom {
    arena *a;
    dom_node *nodes;
    uint32_t count;
    uint32_t cap;
    buf text;    /* white-space-collapsed text of all text nodes */
    bool failed; /* out of memory: the tree is incomplete */
} dom;

/* Deepest element kept; deeper elements' text goes to their deepest kept
 * ancestor, so pathological nesting costs linear time and memory. */
#define DOM_MAX_DEPTH 256

dom_tag dom_tag_lookup(const char *name);
unsigned dom_tag_props(dom_tag tag);

/* The hints are the expected numbers of nodes and text bytes: the arrays
 * start at that size (and still grow when it falls short). */
bool dom_init(dom *d, arena *a, size_t nodes_hint, size_t text_hint);
/* Appends an element as the last child of parent; returns its index or 0. */
uint32_t dom_add_element(dom *d, uint32_t parent, dom_tag tag);
/* Appends text to parent, merging with a text node that ends the parent's
 * children. White space is collapsed to single spaces on the way in. */
void dom_add_text(dom *d, uint32_t parent, const char *s, size_t len);
/* Called when an element closes: records the end of its subtree. */
void dom_close(dom *d, uint32_t node);

/* After the last event: subtree text sizes, inherited flags and priors.
 * Elements set only their own prior and *_NAME flags while building. */
bool dom_finish(dom *d);
/* True when the element's boilerplate name applies to its subtree: not a
 * page-wide wrapper holding most of the page's text. */
bool dom_boiler_applies(const dom *d, const dom_node *n);

/* Semantic prior of class/id/role/itemprop words (-4..4) and the DOMN_ flags
 * (DOMN_BOILER_NAME) they imply. The value is matched word by word, case-insensitively. */
int dom_name_prior(const char *value, size_t len, uint16_t *flags);

#endif
