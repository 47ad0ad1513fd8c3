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
    const int rows = DEDUP_HASHES / DEDUP_BANDS;
    for (int b = 0; b < DEDUP_BANDS; b++) {
        uint64_t h = (uint64_t)b;
        for (int r = 0; r < rows; r++)
            h = mix64(h ^ mins[b * rows + r]);
        sig->bands[b] = (uint32_t)h;
    }
    for (int i = 0; i < DEDUP_HASHES; i++)
        sig->minhash[i] = (uint8_t)mins[i];
}

typedef struct doc_entry {
    const char *source;
    uint64_t offset;
    union {
        uint64_t exact[2];             /* exact mode */
        uint8_t minhash[DEDUP_HASHES]; /* near mode */
    } sig;
} doc_entry;

/* Open addressing; slot value 0 = empty, else document index + 1. */
typedef struct slot {
    uint32_t key;
    uint32_t doc;
} slot;

struct dedup_table {
    int mode;
    double threshold;
    doc_entry *docs;
    size_t ndocs, docs_cap;
    slot *slots;
    size_t nslots, used;
};

dedup_table *dedup_new(int mode, double threshold)
{
    dedup_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->mode = mode;
    t->threshold = threshold;
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
    free(t->docs);
    free(t->slots);
    free(t);
}

static bool insert_slot(slot *slots, size_t nslots, uint32_t key, uint32_t doc)
{
    size_t i = key & (nslots - 1);
    while (slots[i].doc)
        i = (i + 1) & (nslots - 1);
    slots[i].key = key;
    slots[i].doc = doc;
    return true;
}

static bool grow_slots(dedup_table *t)
{
    size_t n = t->nslots * 2;
    slot *s = calloc(n, sizeof *s);
    if (!s)
        return false;
    for (size_t i = 0; i < t->nslots; i++)
        if (t->slots[i].doc)
            insert_slot(s, n, t->slots[i].key, t->slots[i].doc);
    free(t->slots);
    t->slots = s;
    t->nslots = n;
    return true;
}

static bool similar(const dedup_table *t, const doc_entry *d, const dedup_sig *sig)
{
    if (t->mode != MODE_NEAR)
        return d->sig.exact[0] == sig->exact[0] && d->sig.exact[1] == sig->exact[1];
    int same = 0;
    for (int i = 0; i < DEDUP_HASHES; i++)
        same += d->sig.minhash[i] == sig->minhash[i];
    /* 8-bit minhashes also agree by chance 1 time in 256; correct for it. */
    double p = (double)same / DEDUP_HASHES;
    double jaccard = (p - 1.0 / 256) / (1.0 - 1.0 / 256);
    return jaccard >= t->threshold;
}

bool dedup_check(dedup_table *t, const dedup_sig *sig, const char *source, uint64_t offset,
                 const char **first_source, uint64_t *first_offset)
{
    if (!sig->valid)
        return false;
    uint32_t keys[DEDUP_BANDS];
    int nkeys = t->mode == MODE_NEAR ? DEDUP_BANDS : 1;
    if (t->mode == MODE_NEAR)
        memcpy(keys, sig->bands, sizeof keys);
    else
        keys[0] = (uint32_t)sig->exact[0];
    uint32_t best = 0;
    for (int k = 0; k < nkeys; k++) {
        for (size_t i = keys[k] & (t->nslots - 1); t->slots[i].doc; i = (i + 1) & (t->nslots - 1)) {
            const slot *s = &t->slots[i];
            if (s->key == keys[k] && (!best || s->doc < best) &&
                similar(t, &t->docs[s->doc - 1], sig))
                best = s->doc;
        }
    }
    if (best) {
        *first_source = t->docs[best - 1].source;
        *first_offset = t->docs[best - 1].offset;
        return true;
    }
    if (t->ndocs == t->docs_cap) {
        size_t cap = t->docs_cap ? t->docs_cap * 2 : 256;
        doc_entry *d = realloc(t->docs, cap * sizeof *d);
        if (!d)
            return false;
        t->docs = d;
        t->docs_cap = cap;
    }
    doc_entry *d = &t->docs[t->ndocs++];
    d->source = source;
    d->offset = offset;
    if (t->mode == MODE_NEAR)
        memcpy(d->sig.minhash, sig->minhash, sizeof d->sig.minhash);
    else
        memcpy(d->sig.exact, sig->exact, sizeof d->sig.exact);
    for (int k = 0; k < nkeys; k++) {
        if ((t->used + 1) * 4 > t->nslots * 3 && !grow_slots(t))
            return false;
        insert_slot(t->slots, t->nslots, keys[k], (uint32_t)t->ndocs);
        t->used++;
    }
    return false;
}
