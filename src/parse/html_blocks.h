/* Internal to the HTML front end: from lede's compact tree to blocks. */
#ifndef LEDE_HTML_BLOCKS_H
#define LEDE_HTML_BLOCKS_H

#include "../blocks/block.h"
#include "dom.h"

/* Chooses the main content container on the finished tree (marking teaser
 * card lists as boilerplate first), then walks the tree once and appends
 * one block per paragraph-like run of text with its DOM evidence
 * (DOMF_IN_MAIN for the main container's blocks), and marks the blocks
 * whose text JSON-LD articleBody repeats (DOMF_IN_LD_BODY).
 * Returns false when out of memory. */
bool html_emit_blocks(dom *d, block_stream *s);

#endif
