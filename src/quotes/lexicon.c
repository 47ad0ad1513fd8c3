/* Compiled lexicons and their look-ups. */
#include "lexicon.h"

#include <stdint.h>
#include <string.h>

#include "../util/hash.h"
#include "names.inc"
#include "places.inc"
#include "verbs.inc"

uint32_t lexicon_hash(const char *s, size_t len)
{
    return hash_short(s, len);
}

/* Whether s[0..len) folded to lower case is key[0..len). */
static bool equals_folded(const char *s, const char *key, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)key[i])
            return false;
    }
    return true;
}

/* Offset of the record of s[0..len) among records, or 0 when there is none,
 * from the slots, whose tags turn away the other names hashed there without
 * reading their records. With fold, s is compared as lower case (the
 * table's records are). */
static inline uint32_t probe_slots(const uint32_t *slots, unsigned bits, unsigned tag_bits,
                                   const char *records, const char *s, size_t len, uint32_t hash,
                                   bool fold)
{
    uint32_t mask = (1u << bits) - 1, tag_mask = (1u << tag_bits) - 1;
    uint32_t tag = hash >> (32 - tag_bits);
    for (uint32_t h = hash & mask; slots[h]; h = (h + 1) & mask) {
        if ((slots[h] & tag_mask) != tag)
            continue;
        uint32_t at = slots[h] >> tag_bits;
        if ((unsigned char)records[at] == len &&
            (fold ? equals_folded(s, records + at + 2, len) : !memcmp(records + at + 2, s, len)))
            return at;
    }
    return 0;
}

/* The same behind the filter, so that most words that are not in the table
 * read no more than one word of it. */
static inline uint32_t find_record(const uint64_t *filter, unsigned filter_bits,
                                   const uint32_t *slots, unsigned bits, unsigned tag_bits,
                                   const char *records, const char *s, size_t len, uint32_t hash,
                                   bool fold)
{
    if (!hash_filter_may_hold(filter, filter_bits, hash))
        return 0;
    return probe_slots(slots, bits, tag_bits, records, s, len, hash, fold);
}

char lexicon_first_name_hashed(const char *s, size_t len, uint32_t hash)
{
    if (len > FIRST_NAME_MAX_LEN)
        return 0;
    uint32_t at =
        find_record(FIRST_NAME_FILTER, FIRST_NAME_FILTER_BITS, FIRST_NAME_SLOTS, FIRST_NAME_BITS,
                    FIRST_NAME_TAG_BITS, FIRST_NAME_RECORDS, s, len, hash, false);
    return at ? FIRST_NAME_RECORDS[at + 1] : 0;
}

static char first_name_value(const char *s, size_t len)
{
    return len > FIRST_NAME_MAX_LEN ? 0 : lexicon_first_name_hashed(s, len, lexicon_hash(s, len));
}

char lexicon_first_name_sex(const char *s, size_t len)
{
    char sex = first_name_value(s, len);
    return sex >= 'A' && sex <= 'Z' ? (char)(sex - 'A' + 'a') : sex;
}

static void place_prefetch(uint32_t hash)
{
    uint32_t g = hash * 0x9E3779B1u;
    __builtin_prefetch(&PLACE_FILTER[g >> (32 - PLACE_FILTER_BITS)]);
    __builtin_prefetch(&PLACE_SLOTS[hash & ((1u << PLACE_BITS) - 1)]);
}

uint32_t lexicon_place_hash(const char *s, size_t len)
{
    uint32_t hash = hash_short(s, len);
    place_prefetch(hash);
    return hash;
}

uint32_t lexicon_first_name_hash(const char *s, size_t len)
{
    uint32_t hash = lexicon_place_hash(s, len);
    uint32_t g = hash * 0x9E3779B1u;
    __builtin_prefetch(&FIRST_NAME_FILTER[g >> (32 - FIRST_NAME_FILTER_BITS)]);
    __builtin_prefetch(&FIRST_NAME_SLOTS[hash & ((1u << FIRST_NAME_BITS) - 1)]);
    return hash;
}

/* Out of line: a capitalised run is looked up as a place whatever it is, and
 * the filter turns most away before the slots need registers. */
__attribute__((noinline)) static place_kind place_in_slots(const char *s, size_t len, uint32_t hash)
{
    uint32_t at =
        probe_slots(PLACE_SLOTS, PLACE_BITS, PLACE_TAG_BITS, PLACE_RECORDS, s, len, hash, false);
    return at ? (place_kind)PLACE_RECORDS[at + 1] : PLACE_NONE;
}

place_kind lexicon_place_hashed(const char *s, size_t len, uint32_t hash)
{
    if (len > PLACE_MAX_LEN || !hash_filter_may_hold(PLACE_FILTER, PLACE_FILTER_BITS, hash))
        return PLACE_NONE;
    return place_in_slots(s, len, hash);
}

place_kind lexicon_place(const char *s, size_t len)
{
    if (len > PLACE_MAX_LEN)
        return PLACE_NONE;
    return lexicon_place_hashed(s, len, lexicon_hash(s, len));
}

bool lexicon_reporting_verb(const char *s, size_t len)
{
    if (len == 0 || len > 31)
        return false;
    unsigned letter = (unsigned)(unsigned char)s[0] - 'a';
    if (letter >= 26)
        letter = (unsigned)(unsigned char)s[0] - 'A';
    if (letter >= 26 || !(VERB_LENGTHS[letter] >> len & 1))
        return false;
    return find_record(VERB_FILTER, VERB_FILTER_BITS, VERB_SLOTS, VERB_BITS, VERB_TAG_BITS,
                       VERB_RECORDS, s, len, hash_short_folded(s, len), true) != 0;
}
