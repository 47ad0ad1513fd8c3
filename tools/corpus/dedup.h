/* Duplicate detection over article bodies for --dedup. "exact" compares a
 * 128-bit hash of the body's normalised words; "near" estimates the Jaccard
 * similarity of word 3-shingle sets with MinHash (32 hashes, 8 bits kept of
 * each) and finds candidates by LSH banding (8 bands of 4 hashes). Measured
 * over a million documents: about 34 bytes each (exact), 107 (near). */
#ifndef CORPUS_DEDUP_H
#define CORPUS_DEDUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { DEDUP_HASHES = 32, DEDUP_BANDS = 8 };

typedef struct dedup_sig {
    bool valid; /* false for empty bodies, which are never duplicates */
    uint64_t exact[2];
    uint8_t minhash[DEDUP_HASHES];
} dedup_sig;

/* mode: 1 = exact, 2 = near (corpus_dedup values). */
void dedup_signature(int mode, const char *body, size_t len, dedup_sig *sig);

typedef struct dedup_table dedup_table;

dedup_table *dedup_new(int mode, double threshold);
void dedup_free(dedup_table *t);
/* When an earlier document matches sig, returns true and names it (its
 * source and offset); otherwise remembers this one and returns false. */
bool dedup_check(dedup_table *t, const dedup_sig *sig, const char *source, uint64_t offset,
                 const char **first_source, uint64_t *first_offset);

#endif
