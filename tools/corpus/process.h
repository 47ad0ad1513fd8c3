/* Worker side of crawl mode: one record in, its output line out. Runs on
 * any thread; touches only the record and the read-only options. */
#ifndef CORPUS_PROCESS_H
#define CORPUS_PROCESS_H

#include "corpus.h"
#include "record.h"

/* Fills rec->line, rec->outcome, rec->outcome_reason (and the fingerprint
 * when dedup is on) and frees the record's input bytes. */
void process_record(const corpus_options *o, record *rec);

/* Appends the members naming the record (record_id, offset, member_offset)
 * to line, each with a leading comma. */
void process_put_origin(sbuf *line, const record *rec);

#endif
