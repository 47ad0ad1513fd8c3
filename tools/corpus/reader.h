/* Streaming input for crawl files: a path or stdin, gzip (including the
 * multi-member gzip of per-record-compressed WARC), zstd or plain, told apart
 * by their first bytes. Only a bounded window of decompressed bytes is held,
 * so input size does not matter.
 *
 * A corrupt or truncated compressed member does not end the stream: reads
 * stop short at the last good byte and an event describes the damage; once
 * the event is taken, reading resumes at the next member that decodes. */
#ifndef CORPUS_READER_H
#define CORPUS_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

typedef enum { READER_PLAIN, READER_GZIP, READER_ZSTD } reader_codec;

typedef struct reader_event {
    const char *reason;    /* static text: "corrupt gzip member", ... */
    uint64_t offset;       /* stream position of the last good byte */
    uint64_t member_start; /* stream position where the damaged member began */
    uint64_t raw_offset;   /* file offset of the damaged member */
} reader_event;

typedef struct reader reader;

/* Opens path ("-" = stdin). On failure returns NULL and puts the reason in
 * err. */
reader *reader_open(const char *path, char *err, size_t errlen);
/* Reads from a copy of data[0..len) instead of a file (for fuzzing). */
reader *reader_open_memory(const void *data, size_t len, char *err, size_t errlen);
void reader_close(reader *r);

reader_codec reader_codec_of(const reader *r);
/* Position in the decompressed stream of the next byte to be read. */
uint64_t reader_offset(const reader *r);
/* File offset of the compressed member holding stream position pos, or
 * UINT64_MAX when unknown (plain input, or too far back). */
uint64_t reader_member_offset(const reader *r, uint64_t pos);
/* Compressed bytes read from the file so far; its size if known, else 0. */
uint64_t reader_raw_bytes(const reader *r);
uint64_t reader_file_size(const reader *r);

/* Reads up to n bytes; fewer means end of input, a pending event or a read
 * error. */
size_t reader_read(reader *r, void *dst, size_t n);
size_t reader_skip(reader *r, size_t n);
/* Makes up to n (<= 64 KiB) bytes visible without consuming them; returns
 * how many are. Only a peek that returns 0 lets a pending event be taken. */
size_t reader_peek(reader *r, const char **data, size_t n);
/* Appends one line, its '\n' included, to line. Bytes past max are dropped
 * and *too_long set. Returns the number of bytes consumed (0 at the end). */
size_t reader_getline(reader *r, sbuf *line, size_t max, bool *too_long);
/* Puts bytes just read back in front of the stream. */
bool reader_unread(reader *r, const char *data, size_t n);

/* True when reading stopped at damage; fills *ev and lets reading resume. */
bool reader_take_event(reader *r, reader_event *ev);
/* Non-NULL when the file could not be read (an I/O error). */
const char *reader_io_error(const reader *r);

#endif
