/* Structure stage, shared by both modes: from labelled blocks to the
 * document's title, deck, dateline, paragraphs, body and truncated flag. */
#ifndef LEDE_STRUCTURE_H
#define LEDE_STRUCTURE_H

#include "../doc.h"

void structure_document(block_stream *s, lede_doc *doc);

#endif
