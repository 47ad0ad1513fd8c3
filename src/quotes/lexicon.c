/* Compiled lexicons and their look-ups. */
#include "lexicon.h"

#include <stdint.h>

#include "../util/hash.h"
#include "names.inc"
#include "places.inc"
#include "verbs.inc"

/* The places' and first names' hash (gen_lexicons.py's lexicon_name_hash):
 * hash_short's reads and multiplies without the mixing after the last
 * multiply, whose top bits every byte changes: the slots take their index
 * from those, their tag from the low bits. */
static inline uint32_t lexicon_name_hash(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = len, word;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8)
            h = hash_mix(h, hash_load_le64(p + i));
        word = hash_load_le64(p + len - 8);
    } else if (len >= 4)
        word = hash_load_le32(p) | hash_load_le32(p + len - 4) << 32;
    else
        word = len ? p[0] | (uint64_t)p[len >> 1] << 8 | (uint64_t)p[len - 1] << 16 : 0;
    return (uint32_t)((h ^ word) * 0xFF51AFD7ED558CCDu >> 32);
}

/* Whether s[0..len) is key[0..len): eight bytes a compare, read as
 * hash_bytes reads them, not a call. */
static inline bool equals(const char *s, const char *key, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *k = (const unsigned char *)key;
    uint64_t a, b;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8) {
            a = hash_load_le64(p + i);
            if (a != hash_load_le64(k + i))
                return false;
        }
        a = hash_load_le64(p + len - 8);
        b = hash_load_le64(k + len - 8);
    } else if (len >= 4) {
        a = hash_load_le32(p) | hash_load_le32(p + len - 4) << 32;
        b = hash_load_le32(k) | hash_load_le32(k + len - 4) << 32;
    } else {
        a = len ? p[0] | (uint64_t)p[len >> 1] << 8 | (uint64_t)p[len - 1] << 16 : 0;
        b = len ? k[0] | (uint64_t)k[len >> 1] << 8 | (uint64_t)k[len - 1] << 16 : 0;
    }
    return a == b;
}

/* Offset of the record of s[0..len) among records, or 0 when there is none,
 * from the slots, whose tags turn away the other names hashed there without
 * reading their records. */
static inline uint32_t probe_slots(const uint32_t *slots, unsigned bits, unsigned tag_bits,
                                   const char *records, const char *s, size_t len, uint32_t hash)
{
    uint32_t mask = (1u << bits) - 1, tag_mask = (1u << tag_bits) - 1;
    uint32_t tag = hash & tag_mask;
    for (uint32_t h = hash >> (32 - bits); slots[h]; h = (h + 1) & mask) {
        if ((slots[h] & tag_mask) != tag)
            continue;
        uint32_t at = slots[h] >> tag_bits;
        if ((unsigned char)records[at] == len && equals(s, records + at + 2, len))
            return at;
    }
    return 0;
}

/* Whether a filter of 1 << bits bits may hold the name of the hash: the
 * bit is from the hash times a golden-ratio constant, as gen_lexicons.py's
 * write_bitmap sets it. */
static inline bool bitmap_may_hold(const uint64_t *bitmap, unsigned bits, uint32_t hash)
{
    uint32_t i = (hash * 0x9E3779B1u) >> (32 - bits);
    return bitmap[i >> 6] >> (i & 63) & 1;
}

static inline bool place_may_hold(uint32_t hash)
{
    return bitmap_may_hold(PLACE_FILTER, PLACE_FILTER_BITS, hash);
}

static inline bool first_name_may_hold(uint32_t hash)
{
    return bitmap_may_hold(FIRST_NAME_FILTER, FIRST_NAME_FILTER_BITS, hash);
}

/* The hashes are 0 for a name that the filters of the tables it is for
 * turn away (lexicon.h); no name in them hashes to 0 (gen_lexicons.py). */
uint32_t lexicon_hash(const char *s, size_t len)
{
    uint32_t hash = lexicon_name_hash(s, len);
    return place_may_hold(hash) | first_name_may_hold(hash) ? hash : 0;
}

uint32_t lexicon_place_hash(const char *s, size_t len)
{
    uint32_t hash = lexicon_name_hash(s, len);
    __builtin_prefetch(&PLACE_SLOTS[hash >> (32 - PLACE_BITS)]);
    return place_may_hold(hash) ? hash : 0;
}

uint32_t lexicon_first_name_hash(const char *s, size_t len)
{
    uint32_t hash = lexicon_name_hash(s, len);
    __builtin_prefetch(&PLACE_SLOTS[hash >> (32 - PLACE_BITS)]);
    __builtin_prefetch(&FIRST_NAME_SLOTS[hash >> (32 - FIRST_NAME_BITS)]);
    return place_may_hold(hash) | first_name_may_hold(hash) ? hash : 0;
}

/* The hash may be past the other table's filter only: each tests its own. */
place_kind lexicon_place_probe(const char *s, size_t len, uint32_t hash)
{
    if (len > PLACE_MAX_LEN || !place_may_hold(hash))
        return PLACE_NONE;
    uint32_t at = probe_slots(PLACE_SLOTS, PLACE_BITS, PLACE_TAG_BITS, PLACE_RECORDS, s, len, hash);
    return at ? (place_kind)PLACE_RECORDS[at + 1] : PLACE_NONE;
}

char lexicon_first_name_probe(const char *s, size_t len, uint32_t hash)
{
    if (len > FIRST_NAME_MAX_LEN || !first_name_may_hold(hash))
        return 0;
    uint32_t at = probe_slots(FIRST_NAME_SLOTS, FIRST_NAME_BITS, FIRST_NAME_TAG_BITS,
                              FIRST_NAME_RECORDS, s, len, hash);
    return at ? FIRST_NAME_RECORDS[at + 1] : 0;
}

char lexicon_first_name_sex(const char *s, size_t len)
{
    char sex = lexicon_first_name_hashed(s, len, lexicon_hash(s, len));
    return sex >= 'A' && sex <= 'Z' ? (char)(sex - 'A' + 'a') : sex;
}

place_kind lexicon_place(const char *s, size_t len)
{
    return lexicon_place_hashed(s, len, lexicon_place_hash(s, len));
}

/* An ASCII letter's place in the alphabet, either case ('A' and 'a' are 32
 * apart); other bytes share the 32 classes (gen_lexicons.py's
 * letter_class). */
static inline unsigned letter_class(char c)
{
    return ((unsigned char)c - (unsigned)'a') & 31;
}

/* A word of at most 15 bytes as two words that hold all its bytes and its
 * length, with ASCII letters in lower case (gen_lexicons.py's verb_key): a
 * verb is found by two compares, without a record or a byte loop. */
typedef struct {
    uint64_t first, rest;
} verb_key;

static inline verb_key verb_key_of(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t first, rest = 0;
    if (len >= 8) {
        first = hash_load_le64(p);
        if (len > 8)
            rest = hash_fold_ascii8(hash_load_le64(p + len - 8) >> (8 * (16 - len)));
    } else if (len >= 4)
        first = hash_load_le32(p) | hash_load_le32(p + len - 4) << 32;
    else
        first = p[0] | (uint64_t)p[len >> 1] << 8 | (uint64_t)p[len - 1] << 16;
    return (verb_key){hash_fold_ascii8(first), rest | (uint64_t)len << 56};
}

/* The key's first slot (gen_lexicons.py's verb_slot). */
static inline uint32_t verb_slot(verb_key key)
{
    const uint64_t m = 0xFF51AFD7ED558CCDu;
    return (uint32_t)((key.first ^ key.rest * m) * m >> (64 - VERB_BITS));
}

/* Out of line: the letters turn most words away before the key and the
 * slots need registers. */
__attribute__((noinline)) static bool verb_in_slots(const char *s, size_t len)
{
    verb_key key = verb_key_of(s, len);
    for (uint32_t i = verb_slot(key); VERB_SLOTS[i]; i = (i + 1) & ((1u << VERB_BITS) - 1)) {
        const uint64_t *verb = VERB_KEYS[VERB_SLOTS[i] - 1];
        if (verb[0] == key.first && verb[1] == key.rest)
            return true;
    }
    return false;
}

bool lexicon_reporting_verb(const char *s, size_t len)
{
    /* Its length, first, second and last letters turn most words away (a
     * byte that is no letter, taken for one, only costs the slots). */
    _Static_assert(VERB_MAX_LEN < 16, "verb_key holds up to 15 bytes");
    if (len < 2 || len > VERB_MAX_LEN)
        return false;
    uint64_t letters = VERB_LETTERS[len][letter_class(s[0])];
    if (!(letters >> letter_class(s[1]) & letters >> (32 + letter_class(s[len - 1])) & 1))
        return false;
    return verb_in_slots(s, len);
}
