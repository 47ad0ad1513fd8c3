/* Text clean-up shared by the stages that read attribute values and
 * element text (the HTML parser, the metadata collector). */
#ifndef LEDE_TEXT_H
#define LEDE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Copies s[0..len) into the arena with runs of white space (Unicode's
 * too) collapsed to one space and the ends trimmed; NULL when nothing
 * but white space is left, or when out of memory. */
const char *text_collapse_dup(arena *a, const char *s, size_t len);

/* Equality with ASCII letters compared case-blind (HTML names and the
 * attribute values lede tests are ASCII). */
bool text_ascii_ieq(const char *a, const char *b);
/* Whether s contains needle, ASCII letters case-blind; needle is lowercase. */
bool text_ascii_icontains(const char *s, const char *needle);

#endif
