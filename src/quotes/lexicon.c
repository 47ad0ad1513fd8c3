/* Compiled lexicons and their look-ups. */
#include "lexicon.h"

#include <stdint.h>

struct first_name {
    const char *name;
    char sex;
};

struct place_entry {
    const char *name;
    place_kind kind;
};

#include "names.inc"
#include "places.inc"
#include "verbs.inc"

/* strcmp order between s[0..len) and the NUL-terminated key, without
 * measuring the key. */
static int compare_key(const char *s, size_t len, const char *key)
{
    for (size_t i = 0; i < len; i++) {
        if (!key[i])
            return 1;
        if (s[i] != key[i])
            return (unsigned char)s[i] < (unsigned char)key[i] ? -1 : 1;
    }
    return key[len] ? -1 : 0;
}

static uint32_t fnv1a(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The filter's word and bits for hash h; gen_lexicons.py sets the same. */
static bool filter_may_hold(const uint64_t *filter, unsigned word_bits, uint32_t h)
{
    uint32_t g = h * 0x9E3779B1u;
    uint64_t bits = (1ull << (g & 63)) | (1ull << ((g >> 6) & 63));
    return (filter[g >> (32 - word_bits)] & bits) == bits;
}

/* Index of s in table, or -1: the filter first, so that most words that are
 * not in the table read no more than one word of it. */
#define HASH_LOOKUP(table, slots, bits, filter, filter_bits, s, len, found)                        \
    HASHED_LOOKUP(table, slots, bits, filter, filter_bits, s, len, fnv1a((s), (len)), found)

#define HASHED_LOOKUP(table, slots, bits, filter, filter_bits, s, len, h0, found)                  \
    do {                                                                                           \
        uint32_t mask = (1u << (bits)) - 1;                                                        \
        uint32_t hash_ = (h0);                                                                     \
        found = -1;                                                                                \
        if (!filter_may_hold((filter), (filter_bits), hash_))                                      \
            break;                                                                                 \
        for (uint32_t h = hash_ & mask; (slots)[h]; h = (h + 1) & mask)                            \
            if (compare_key((s), (len), (table)[(slots)[h] - 1].name) == 0) {                      \
                found = (long)(slots)[h] - 1;                                                      \
                break;                                                                             \
            }                                                                                      \
    } while (0)

#define FIRST_NAME_LOOKUP(s, len, found)                                                           \
    HASH_LOOKUP(FIRST_NAMES, FIRST_NAME_SLOTS, FIRST_NAME_BITS, FIRST_NAME_FILTER,                 \
                FIRST_NAME_FILTER_BITS, s, len, found)

char lexicon_first_name_sex(const char *s, size_t len)
{
    long found;
    FIRST_NAME_LOOKUP(s, len, found);
    if (found < 0)
        return 0;
    char sex = FIRST_NAMES[found].sex;
    return sex >= 'A' && sex <= 'Z' ? (char)(sex - 'A' + 'a') : sex;
}

bool lexicon_first_name_common(const char *s, size_t len)
{
    long found;
    FIRST_NAME_LOOKUP(s, len, found);
    return found >= 0 && FIRST_NAMES[found].sex >= 'A' && FIRST_NAMES[found].sex <= 'Z';
}

place_kind lexicon_place(const char *s, size_t len)
{
    return lexicon_place_hashed(s, len, fnv1a(s, len));
}

uint32_t lexicon_hash(const char *s, size_t len)
{
    return fnv1a(s, len);
}

void lexicon_place_prefetch(uint32_t hash)
{
    uint32_t g = hash * 0x9E3779B1u;
    __builtin_prefetch(&PLACE_FILTER[g >> (32 - PLACE_FILTER_BITS)]);
    __builtin_prefetch(&PLACE_SLOTS[hash & ((1u << PLACE_BITS) - 1)]);
}

void lexicon_first_name_prefetch(uint32_t hash)
{
    uint32_t g = hash * 0x9E3779B1u;
    __builtin_prefetch(&FIRST_NAME_FILTER[g >> (32 - FIRST_NAME_FILTER_BITS)]);
    __builtin_prefetch(&FIRST_NAME_SLOTS[hash & ((1u << FIRST_NAME_BITS) - 1)]);
}

place_kind lexicon_place_hashed(const char *s, size_t len, uint32_t hash)
{
    long found;
    HASHED_LOOKUP(PLACES, PLACE_SLOTS, PLACE_BITS, PLACE_FILTER, PLACE_FILTER_BITS, s, len, hash,
                  found);
    return found < 0 ? PLACE_NONE : PLACES[found].kind;
}

bool lexicon_reporting_verb(const char *s, size_t len)
{
    unsigned letter = (unsigned)(unsigned char)s[0] - 'a';
    if (len == 0 || len > 31)
        return false;
    if (letter >= 26)
        letter = (unsigned)(unsigned char)s[0] - 'A';
    if (letter >= 26 || !(VERB_LENGTHS[letter] >> len & 1))
        return false;
    /* Folded to lower case on the fly: the table is lower case. */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        h = (h ^ c) * 16777619u;
    }
    if (!filter_may_hold(VERB_FILTER, VERB_FILTER_BITS, h))
        return false;
    uint32_t mask = (1u << VERB_BITS) - 1;
    for (h &= mask; VERB_SLOTS[h]; h = (h + 1) & mask) {
        const char *key = REPORTING_VERBS[VERB_SLOTS[h] - 1];
        size_t i = 0;
        for (; i < len; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            if (c != (unsigned char)key[i])
                break;
        }
        if (i == len && !key[len])
            return true;
    }
    return false;
}
