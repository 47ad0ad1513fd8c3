/* Scoring, in the order classify_blocks() applies it. Each function sets or
 * adjusts block.score (> 0 content, < 0 boilerplate); a function may also
 * fix a label outright when its evidence is decisive, and later passes
 * leave fixed labels alone. */
#ifndef LEDE_SCORE_H
#define LEDE_SCORE_H

#include "../blocks/block.h"

/* score_shape.c: evidence from the text itself, both modes. */
void score_shape(block_stream *s);
/* score_html.c: DOM evidence (link density, semantics, main container). */
void score_html_evidence(block_stream *s);
/* score_text.c: layout evidence of scraped text (indent, blank lines, position). */
void score_text_layout(block_stream *s);
/* score_label.c: neighbour smoothing, then LABEL_CONTENT / LABEL_BOILERPLATE. */
void score_smooth_and_label(block_stream *s);

#endif
