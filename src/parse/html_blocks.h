/* Internal to the HTML front end: from lede's compact tree to blocks. */
#ifndef LEDE_HTML_BLOCKS_H
#define LEDE_HTML_BLOCKS_H

#include "../blocks/block.h"
#include "dom.h"

/* Walks the finished tree once and appends one block per paragraph-like
 * run of text, with its DOM evidence; then marks the blocks of the main
 * content container (DOMF_IN_MAIN) and, when ld_body is not NULL, the blocks
 * whose text JSON-LD articleBody repeats (DOMF_IN_LD_BODY).
 * Returns false when out of memory. */
bool html_emit_blocks(dom *d, block_stream *s);

#endif
