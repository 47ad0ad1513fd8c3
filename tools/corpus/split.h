/* Record splitters: cut a decompressed input stream into records (WARC,
 * JSON Lines, or the whole file) and hand each to emit(), in input order.
 * Damage is never fatal: it becomes an error record and splitting goes on
 * at the next record. */
#ifndef CORPUS_SPLIT_H
#define CORPUS_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "reader.h"
#include "record.h"

typedef enum {
    SPLIT_AUTO = 0, /* sniffed: "WARC/1." = WARC, '{' = JSON Lines, else plain */
    SPLIT_WARC,
    SPLIT_JSONL,
    SPLIT_PLAIN
} split_format;

typedef struct split_config {
    split_format format;
    size_t max_record_bytes;
    /* Takes ownership of rec. Returns false to stop splitting. */
    bool (*emit)(void *ctx, record *rec);
    void *ctx;
} split_config;

/* The format of the stream by its first bytes. */
split_format split_sniff(reader *r);

/* Splits the whole stream. Returns false when emit() asked to stop. */
bool split_stream(reader *r, const char *source, const split_config *cfg);

#endif
