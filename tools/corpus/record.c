#include "record.h"

#include <stdlib.h>
#include <string.h>

record *record_new(record_kind kind, const char *source, uint64_t offset)
{
    record *rec = calloc(1, sizeof *rec);
    if (!rec)
        return NULL;
    rec->kind = kind;
    rec->source = source;
    rec->offset = offset;
    rec->member_offset = UINT64_MAX;
    return rec;
}

int record_alloc_data(record *rec, size_t len)
{
    free(rec->alloc);
    rec->alloc = malloc(len + 1);
    if (!rec->alloc) {
        rec->data = NULL;
        rec->len = 0;
        return -1;
    }
    rec->data = rec->alloc;
    rec->data[len] = '\0';
    rec->len = len;
    return 0;
}

void record_set_problem(record *rec, record_kind kind, const char *reason, const char *detail)
{
    rec->kind = kind;
    rec->reason = reason;
    free(rec->detail);
    rec->detail = detail ? strdup(detail) : NULL;
    /* The bytes are no longer needed; free them now to bound memory. */
    free(rec->alloc);
    rec->alloc = rec->data = NULL;
    rec->len = 0;
}

void record_free(record *rec)
{
    if (!rec)
        return;
    free(rec->record_id);
    free(rec->url);
    free(rec->content_type);
    free(rec->detail);
    free(rec->alloc);
    sbuf_free(&rec->line);
    free(rec);
}
