/* Bylines to person names. */
#ifndef LEDE_META_AUTHORS_H
#define LEDE_META_AUTHORS_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/arena.h"

/* Splits a byline ("By JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL",
 * "Von Anna Beispiel | Redakteurin") into names, written to out[0..max).
 * Role words, "Staff", e-mail addresses, URLs, dates and link texts such
 * as "View profile" are dropped. Returns the number of names. */
size_t meta_split_names(arena *a, const char *byline, const char **out, size_t max);

/* True when s starts with a byline marker ("By ", "Von ", "Par ", ...). */
bool meta_has_byline_prefix(const char *s);

/* True when a label names the writer of what follows: "Written by",
 * "Geschrieben von", "Autor" (the label/data pairs of Twitter cards). */
bool meta_is_byline_label(const char *label);

/* True when the name is a role or a generic credit ("Staff", "Editor",
 * "News Desk"): such names never count as persons. */
bool meta_is_role(const char *name);

/* A newsroom's collective credit ("AOL Staff", "Xyz編集部"): the length
 * of the outlet's name before the credit word, else 0. */
size_t meta_credit_owner(const char *name);

/* True when s is one user-name token: letters, digits, "_", ".", "-",
 * optionally after "@" or "u/", with a letter and no role word. */
bool meta_is_handle(const char *s);

#endif
