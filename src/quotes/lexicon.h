/* Look-ups in the compiled lexicons (tools/gen_lexicons.py): const hash
 * tables, so nothing is built or loaded at run time. */
#ifndef LEDE_QUOTES_LEXICON_H
#define LEDE_QUOTES_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { PLACE_NONE = 0, PLACE_COUNTRY, PLACE_REGION, PLACE_CITY } place_kind;

/* 'f', 'm', 'u' (either) for a known first name, 0 otherwise. */
char lexicon_first_name_sex(const char *s, size_t len);
place_kind lexicon_place(const char *s, size_t len);
/* The same in two steps, for many names at once: lexicon_place_hash for
 * each name first, which hashes it, reads its place's filter and starts
 * reading its slots, so that their cache misses in the large table overlap;
 * then lexicon_place_hashed for each. A hash is 0 when the filters turn the
 * name away: most look-ups then end without a call. lexicon_place_hash's
 * is for lexicon_place_hashed only. */
uint32_t lexicon_hash(const char *s, size_t len);
uint32_t lexicon_place_hash(const char *s, size_t len);
/* The same for a word looked up both as a first name and as a place. */
uint32_t lexicon_first_name_hash(const char *s, size_t len);
/* The look-ups of names past the filters, behind the two below. */
place_kind lexicon_place_probe(const char *s, size_t len, uint32_t hash);
char lexicon_first_name_probe(const char *s, size_t len, uint32_t hash);

static inline place_kind lexicon_place_hashed(const char *s, size_t len, uint32_t hash)
{
    return hash ? lexicon_place_probe(s, len, hash) : PLACE_NONE;
}

/* A known first name's sex, 'f', 'm' or 'u', upper-case when the name is
 * common; 0 otherwise. */
static inline char lexicon_first_name_hashed(const char *s, size_t len, uint32_t hash)
{
    return hash ? lexicon_first_name_probe(s, len, hash) : 0;
}

/* Any case: ASCII letters are folded. */
bool lexicon_reporting_verb(const char *s, size_t len);

#endif
