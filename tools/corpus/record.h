/* One input record on its way from a splitter through a worker to the
 * output: where it came from, its bytes, and the output line made from it. */
#ifndef CORPUS_RECORD_H
#define CORPUS_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dedup.h"
#include "sbuf.h"

typedef enum {
    RECORD_WARC_RESPONSE,   /* HTTP response: status line, headers, body */
    RECORD_WARC_RESOURCE,   /* a document without HTTP framing */
    RECORD_WARC_CONVERSION, /* WET: text already extracted from HTML */
    RECORD_JSONL,           /* one JSON object */
    RECORD_PLAIN,           /* a whole file */
    RECORD_SKIP,            /* nothing to extract; reason says why */
    RECORD_ERROR            /* damaged or over a limit; reason says why */
} record_kind;

typedef enum { OUTCOME_ARTICLE, OUTCOME_SKIP, OUTCOME_ERROR } record_outcome;

typedef struct record {
    uint64_t seq;
    record_kind kind;
    const char *source;     /* input path; lives for the whole run */
    char *record_id;        /* WARC-Record-ID or JSON Lines id, or NULL */
    bool record_id_is_json; /* record_id is a raw JSON value, not text */
    char *url;              /* WARC-Target-URI, or NULL */
    char *content_type;     /* WARC Content-Type header, or NULL */
    uint64_t offset;        /* stream position of the record's first byte */
    uint64_t member_offset; /* file offset of its gzip/zstd member, or UINT64_MAX */
    const char *reason;     /* static: why a SKIP or ERROR record is one */
    char *detail;           /* more about the reason, or NULL */
    char *alloc;            /* the buffer data points into (after the headroom) */
    char *data;
    size_t len;

    /* Filled in by the worker. */
    sbuf line;      /* the output line, '\n' included */
    bool processed; /* the worker is done with it */
    record_outcome outcome;
    const char *outcome_reason; /* static text for the stats */
    dedup_sig sig;              /* for --dedup, of articles only */
} record;

record *record_new(record_kind kind, const char *source, uint64_t offset);
/* Allocates room for len bytes (plus headroom and a NUL) in rec->data. */
int record_alloc_data(record *rec, size_t len);
void record_set_problem(record *rec, record_kind kind, const char *reason, const char *detail);
void record_free(record *rec);

#endif
