/* The worker pool: records go in through pool_submit() in input order, are
 * extracted by N threads, and leave as output lines, in input order through
 * a bounded reorder window (or as they finish with --unordered). The window
 * and a byte budget bound the records in flight, and so the memory. */
#ifndef CORPUS_POOL_H
#define CORPUS_POOL_H

#include <stdbool.h>
#include <stdint.h>

#include "corpus.h"
#include "record.h"

enum { POOL_MAX_REASONS = 64 };

typedef struct reason_count {
    const char *reason;
    uint64_t count;
} reason_count;

typedef struct pool_counts {
    uint64_t records_in, records_out, articles, errors, skipped, duplicates;
    uint64_t bytes_written;
    reason_count error_reasons[POOL_MAX_REASONS];
    reason_count skip_reasons[POOL_MAX_REASONS];
    bool output_failed;
} pool_counts;

typedef struct pool pool;

/* Starts the threads (none for threads == 1: pool_submit() then does the
 * work itself). Returns NULL when they cannot be had. */
pool *pool_start(const corpus_options *o, int threads);
/* Queues a record (taking ownership), waiting for room. Returns false when
 * the output has failed and the run should stop. */
bool pool_submit(pool *p, record *rec);
/* A consistent copy of the counters so far. */
void pool_snapshot(pool *p, pool_counts *c);
/* Waits for every record to be written, stops the threads and frees the
 * pool; *c gets the final counters. */
void pool_finish(pool *p, pool_counts *c);

#endif
