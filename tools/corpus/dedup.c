#include "dedup.h"

#include <stdlib.h>
#include <string.h>

enum { MODE_EXACT = 1, MODE_NEAR = 2, SHINGLE_WORDS = 3 };

static uint64_t mix64(uint64_t x)
{
    /* splitmix64 finaliser: every input bit affects every output bit. */
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static bool is_word_byte(unsigned char c)
{
    /* Bytes of multi-byte UTF-8 count as letters: words in any script. */
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Hashes the next word at or after *pos; false at the end. Case and
 * punctuation are ignored so re-typeset copies still match. */
static bool next_word(const char *s, size_t len, size_t *pos, uint64_t *hash)
{
    size_t i = *pos;
    while (i < len && !is_word_byte((unsigned char)s[i]))
        i++;
    if (i >= len)
        return false;
    uint64_t h = 0xcbf29ce484222325ULL;
    while (i < len && is_word_byte((unsigned char)s[i])) {
        unsigned char c = (unsigned char)s[i++];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h = (h ^ c) * 0x100000001b3ULL;
    }
    *pos = i;
    *hash = mix64(h);
    return true;
}

void dedup_signature(int mode, const char *body, size_t len, dedup_sig *sig)
{
    memset(sig, 0, sizeof *sig);
    uint64_t words[SHINGLE_WORDS] = {0};
    uint64_t mins[DEDUP_HASHES];
    for (int i = 0; i < DEDUP_HASHES; i++)
        mins[i] = UINT64_MAX;
    size_t pos = 0, count = 0;
    uint64_t w;
    sig->exact[0] = 0x9e3779b97f4a7c15ULL;
    sig->exact[1] = 0x6a09e667f3bcc909ULL;
    while (next_word(body, len, &pos, &w)) {
        sig->exact[0] = mix64(sig->exact[0] ^ w);
        sig->exact[1] = mix64(sig->exact[1] + w * 0x9e3779b97f4a7c15ULL);
        memmove(words, words + 1, sizeof words - sizeof words[0]);
        words[SHINGLE_WORDS - 1] = w;
        if (++count < SHINGLE_WORDS || mode != MODE_NEAR)
            continue;
        uint64_t shingle = mix64(words[0] * 3 + words[1] * 5 + words[2]);
        for (int i = 0; i < DEDUP_HASHES; i++) {
            uint64_t h = mix64(shingle ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1)));
            if (h < mins[i])
                mins[i] = h;
        }
    }
    sig->valid = count > 0;
    if (mode != MODE_NEAR || !sig->valid)
        return;
    if (count < SHINGLE_WORDS) {
        /* Too short for one shingle: the few words are the shingle. */
        uint64_t shingle = mix64(words[0] * 3 + words[1] * 5 + words[2]);
        for (int i = 0; i < DEDUP_HASHES; i++)
            mins[i] = mix64(shingle ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1)));
    }
    for (int i = 0; i < DEDUP_HASHES; i++)
        sig->minhash[i] = (uint8_t)mins[i];
}

/* Remembered documents live in fixed-size chunks (no copying as the table
 * grows) as packed entries: the signature bytes, then the source as an
 * index into the list of distinct source names (the records of one file
 * share it) and the 64-bit offset. Near mode: 32 + 12 bytes a document;
 * exact mode: 16 + 12. */
enum { CHUNK_DOCS = 4096, ENTRY_TAIL = 12, NEAR_ROWS = DEDUP_HASHES / DEDUP_BANDS };

struct dedup_table {
    int mode;
    double threshold;
    size_t sig_bytes, entry_bytes;
    uint8_t **chunks;
    size_t nchunks, chunks_cap;
    size_t ndocs;
    const char **sources;
    size_t nsources, sources_cap;
    /* Open addressing over LSH keys (one per band, or the exact hash); a
     * slot holds a document number (0 = empty) and the key is read back
     * from that document's signature, so a slot costs 4 bytes. */
    uint32_t *slots;
    size_t nslots, used;
};

dedup_table *dedup_new(int mode, double threshold)
{
    dedup_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->mode = mode;
    t->threshold = threshold;
    t->sig_bytes = mode == MODE_NEAR ? DEDUP_HASHES : 2 * sizeof(uint64_t);
    t->entry_bytes = t->sig_bytes + ENTRY_TAIL;
    t->nslots = 1024;
    t->slots = calloc(t->nslots, sizeof *t->slots);
    if (!t->slots) {
        free(t);
        return NULL;
    }
    return t;
}

void dedup_free(dedup_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nchunks; i++)
        free(t->chunks[i]);
    free(t->chunks);
    free(t->sources);
    free(t->slots);
    free(t);
}

/* Document number n (from 1) as stored bytes. */
static const uint8_t *entry(const dedup_table *t, uint32_t n)
{
    size_t i = (size_t)n - 1;
    return t->chunks[i / CHUNK_DOCS] + (i % CHUNK_DOCS) * t->entry_bytes;
}

static uint32_t read_u32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static int key_count(const dedup_table *t)
{
    return t->mode == MODE_NEAR ? DEDUP_BANDS : 1;
}

/* LSH key k of a signature: a band's kept minhash bytes, or the exact
 * hash's first word. */
static uint32_t sig_key(const dedup_table *t, const uint8_t *sig, int k)
{
    return t->mode == MODE_NEAR ? read_u32(sig + k * NEAR_ROWS) : read_u32(sig);
}

static size_t key_slot(const dedup_table *t, uint32_t key, int k)
{
    return (size_t)mix64(key ^ ((uint64_t)k << 32)) & (t->nslots - 1);
}

static void insert_slots(dedup_table *t, uint32_t n)
{
    const uint8_t *sig = entry(t, n);
    for (int k = 0; k < key_count(t); k++) {
        size_t i = key_slot(t, sig_key(t, sig, k), k);
        while (t->slots[i])
            i = (i + 1) & (t->nslots - 1);
        t->slots[i] = n;
    }
}

/* Doubles the slot array and re-enters every document's keys. */
static bool grow_slots(dedup_table *t)
{
    uint32_t *s = calloc(t->nslots * 2, sizeof *s);
    if (!s)
        return false;
    free(t->slots);
    t->slots = s;
    t->nslots *= 2;
    for (size_t n = 1; n <= t->ndocs; n++)
        insert_slots(t, (uint32_t)n);
    return true;
}

static bool similar(const dedup_table *t, const uint8_t *stored, const uint8_t *sig)
{
    if (t->mode != MODE_NEAR)
        return memcmp(stored, sig, t->sig_bytes) == 0;
    int same = 0;
    for (int i = 0; i < DEDUP_HASHES; i++)
        same += stored[i] == sig[i];
    /* 8-bit minhashes also agree by chance 1 time in 256; correct for it. */
    double p = (double)same / DEDUP_HASHES;
    double jaccard = (p - 1.0 / 256) / (1.0 - 1.0 / 256);
    return jaccard >= t->threshold;
}

/* The earliest stored document similar to sig, or 0. */
static uint32_t find_first(const dedup_table *t, const uint8_t *sig)
{
    uint32_t best = 0;
    for (int k = 0; k < key_count(t); k++) {
        uint32_t key = sig_key(t, sig, k);
        for (size_t i = key_slot(t, key, k); t->slots[i]; i = (i + 1) & (t->nslots - 1)) {
            uint32_t n = t->slots[i];
            const uint8_t *stored = entry(t, n);
            if ((!best || n < best) && sig_key(t, stored, k) == key && similar(t, stored, sig))
                best = n;
        }
    }
    return best;
}

static uint32_t source_index(dedup_table *t, const char *source)
{
    if (t->nsources && t->sources[t->nsources - 1] == source)
        return (uint32_t)(t->nsources - 1);
    if (t->nsources == t->sources_cap) {
        size_t cap = t->sources_cap ? t->sources_cap * 2 : 16;
        const char **s = realloc(t->sources, cap * sizeof *s);
        if (!s)
            return UINT32_MAX;
        t->sources = s;
        t->sources_cap = cap;
    }
    t->sources[t->nsources] = source;
    return (uint32_t)t->nsources++;
}

/* Appends a document; returns its number, or 0 when out of memory. */
static uint32_t remember(dedup_table *t, const uint8_t *sig, const char *source, uint64_t offset)
{
    if (t->ndocs >= UINT32_MAX - 1)
        return 0;
    uint32_t src = source_index(t, source);
    if (src == UINT32_MAX)
        return 0;
    if (t->ndocs == t->nchunks * CHUNK_DOCS) {
        if (t->nchunks == t->chunks_cap) {
            size_t cap = t->chunks_cap ? t->chunks_cap * 2 : 16;
            uint8_t **c = realloc(t->chunks, cap * sizeof *c);
            if (!c)
                return 0;
            t->chunks = c;
            t->chunks_cap = cap;
        }
        t->chunks[t->nchunks] = malloc(CHUNK_DOCS * t->entry_bytes);
        if (!t->chunks[t->nchunks])
            return 0;
        t->nchunks++;
    }
    uint32_t n = (uint32_t)++t->ndocs;
    uint8_t *e = (uint8_t *)entry(t, n);
    memcpy(e, sig, t->sig_bytes);
    memcpy(e + t->sig_bytes, &src, sizeof src);
    memcpy(e + t->sig_bytes + sizeof src, &offset, sizeof offset);
    return n;
}

bool dedup_check(dedup_table *t, const dedup_sig *sig, const char *source, uint64_t offset,
                 const char **first_source, uint64_t *first_offset)
{
    if (!sig->valid)
        return false;
    uint8_t packed[DEDUP_HASHES];
    if (t->mode == MODE_NEAR)
        memcpy(packed, sig->minhash, DEDUP_HASHES);
    else
        memcpy(packed, sig->exact, 2 * sizeof(uint64_t));
    uint32_t first = find_first(t, packed);
    if (first) {
        const uint8_t *e = entry(t, first);
        uint32_t src;
        memcpy(&src, e + t->sig_bytes, sizeof src);
        memcpy(first_offset, e + t->sig_bytes + sizeof src, sizeof *first_offset);
        *first_source = t->sources[src];
        return true;
    }
    while ((t->used + (size_t)key_count(t)) * 4 > t->nslots * 3)
        if (!grow_slots(t))
            return false;
    uint32_t n = remember(t, packed, source, offset);
    if (!n)
        return false;
    insert_slots(t, n);
    t->used += (size_t)key_count(t);
    return false;
}
