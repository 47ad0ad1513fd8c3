/* Text mode front end: scraped page text (UTF-8) to the block stream. Lines
 * become blocks; blank lines and indentation give the layout evidence. */
#ifndef LEDE_PARSE_TEXT_H
#define LEDE_PARSE_TEXT_H

#include "../../include/lede.h"
#include "../blocks/block.h"

lede_status text_parse_blocks(const char *text, size_t len, block_stream *out);

#endif
