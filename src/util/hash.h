/* The hash of short keys (words, names) for the tables that tools/ generate
 * (stopwords, lexicons); the generators compute the same in Python. */
#ifndef LEDE_HASH_H
#define LEDE_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Little-endian on any machine, so that the generators agree; compilers
 * make them one load where that is the byte order. */
static inline uint64_t hash_load_le64(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

static inline uint64_t hash_load_le32(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24;
}

static inline uint64_t hash_mix(uint64_t h, uint64_t word)
{
    h = (h ^ word) * 0xFF51AFD7ED558CCDu;
    return h ^ h >> 32;
}

/* ASCII capitals of eight bytes to lower case at once: a byte's top bit is
 * set when it is at least 'A' and clear when past 'Z' (the top bits are
 * cleared first, so nothing carries into the next byte; bytes beyond ASCII
 * are left alone). */
static inline uint64_t hash_fold_ascii8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u;
    uint64_t x = w & 0x7F * ones;
    uint64_t upper = (x + (0x80 - 'A') * ones) & ~(x + (0x80 - 'Z' - 1) * ones) & ~w & 0x80 * ones;
    return w | upper >> 2;
}

/* A multiply for eight bytes, the last eight overlapping the ones before;
 * shorter keys as two overlapping halves, or three bytes. Byte-at-a-time
 * hashes (FNV-1a) cost a multiply's latency for every byte, more than the
 * look-up they serve. Reads only s[0..len). With fold, ASCII letters are
 * hashed as lower case. */
static inline uint32_t hash_bytes(const char *s, size_t len, bool fold)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 0x9E3779B97F4A7C15u ^ len;
    uint64_t word;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8) {
            word = hash_load_le64(p + i);
            h = hash_mix(h, fold ? hash_fold_ascii8(word) : word);
        }
        word = hash_load_le64(p + len - 8);
    } else if (len >= 4)
        word = hash_load_le32(p) | hash_load_le32(p + len - 4) << 32;
    else
        word = len ? p[0] | (uint64_t)p[len >> 1] << 8 | (uint64_t)p[len - 1] << 16 : 0;
    h = hash_mix(h, fold ? hash_fold_ascii8(word) : word);
    /* A last multiply spreads short keys over the low bits slots use. */
    h *= 0xC4CEB9FE1A85EC53u;
    return (uint32_t)(h ^ h >> 33);
}

/* Whether a blocked Bloom filter of 1 << word_bits 64-bit words may hold
 * the key of hash h: the word and its two bits come from the hash times a
 * golden-ratio constant (the generators' write_filter sets the same). A
 * key not in the table is mostly turned away by one read of the filter,
 * small enough to stay in cache, before the table's larger slots. */
static inline bool hash_filter_may_hold(const uint64_t *filter, unsigned word_bits, uint32_t h)
{
    uint32_t g = h * 0x9E3779B1u;
    uint64_t bits = (1ull << (g & 63)) | (1ull << ((g >> 6) & 63));
    return (filter[g >> (32 - word_bits)] & bits) == bits;
}

static inline uint32_t hash_short(const char *s, size_t len)
{
    return hash_bytes(s, len, false);
}

/* hash_short of s[0..len) with its ASCII letters in lower case: for words
 * looked up in any case ("Said", "THE"). */
static inline uint32_t hash_short_folded(const char *s, size_t len)
{
    return hash_bytes(s, len, true);
}

#endif
