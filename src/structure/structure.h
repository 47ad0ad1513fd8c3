/* Structure stage, shared by both modes: from labelled blocks to the
 * document's title, deck, dateline, paragraphs and truncated flag, and
 * the body from the paragraphs. */
#ifndef LEDE_STRUCTURE_H
#define LEDE_STRUCTURE_H

#include "../doc.h"

void structure_document(block_stream *s, lede_doc *doc);
/* The paragraphs joined by blank lines. Apart from structure_document, so
 * that a big page's body is not made while the quotes stage's memory is
 * held. */
void structure_body(lede_doc *doc);

#endif
