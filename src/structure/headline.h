/* The headline and the deck (subheadline) of a labelled block stream. */
#ifndef LEDE_HEADLINE_H
#define LEDE_HEADLINE_H

#include "../blocks/block.h"

typedef struct headline {
    const char *title; /* NULL when none was found */
    const char *deck;
} headline;

/* Finds title and deck and labels their blocks LABEL_TITLE and LABEL_DECK,
 * so that they leave the body (and so do later copies of them). */
headline headline_find(block_stream *s);

#endif
