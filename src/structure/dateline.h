/* Datelines at the front of a story's first paragraph: "WASHINGTON (AP) —",
 * "BANDAR SERI BEGAWAN, Brunei —", "LONDON (Reuters) -", "NEW DELHI:". */
#ifndef LEDE_DATELINE_H
#define LEDE_DATELINE_H

#include "../util/arena.h"

/* When text starts with a dateline, sets *dateline to it (without the
 * separator) and returns the rest of the paragraph; otherwise returns text
 * and leaves *dateline alone. */
const char *dateline_split(arena *a, const char *text, const char **dateline);

#endif
