/* HTML mode front end: UTF-8 HTML (already decoded, no NUL bytes) to the
 * block stream, with DOM evidence on each block. libxml2's SAX parser feeds
 * lede's own compact tree in an arena of its own; the tree is then walked to
 * emit blocks. */
#ifndef LEDE_PARSE_HTML_H
#define LEDE_PARSE_HTML_H

#include "../../include/lede.h"
#include "../blocks/block.h"

/* Returns LEDE_OK, LEDE_ERR_PARSE or LEDE_ERR_NOMEM. */
lede_status html_parse_blocks(const char *html, size_t len, block_stream *out);

#endif
