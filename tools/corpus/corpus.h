/* lede's crawl mode: WARC, WET and JSON Lines inputs (gzip, zstd or plain),
 * split into records, extracted by a pool of threads, one JSON line out per
 * record in. The CLI (tools/lede.c) parses options with
 * corpus_parse_option() and hands crawl inputs to corpus_run().
 *
 * Every line names its record: "source" (the input path), "url" when known,
 * "record_id" (the WARC-Record-ID string, or the JSON Lines id member as the
 * JSON value it was), "offset" (the record's first byte in the decompressed
 * stream) and, for gzip or zstd input, "member_offset" (the file offset of
 * the compressed member holding it, where a reader can seek to). Then either
 * the article members of lede_render(), plus "duplicate_of": {"source",
 * "offset"} under --dedup; or "error": REASON; or "skipped": REASON; with
 * "detail" for some reasons (the HTTP status, the media type). */
#ifndef CORPUS_H
#define CORPUS_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lede.h"

typedef enum {
    CORPUS_FORMAT_AUTO = 0, /* by content: "WARC/1." = WARC, '{' = JSON Lines */
    CORPUS_FORMAT_WARC,
    CORPUS_FORMAT_JSONL,
    CORPUS_FORMAT_PLAIN /* each file is one record */
} corpus_format;

typedef enum { CORPUS_DEDUP_NONE = 0, CORPUS_DEDUP_EXACT, CORPUS_DEDUP_NEAR } corpus_dedup;

typedef struct corpus_options {
    corpus_format format;
    lede_input input; /* for plain records */
    bool no_quotes;   /* lede_options.no_quotes */
    int threads;      /* 0 = one per core */
    bool unordered;   /* write records as they finish */
    size_t max_record_bytes;
    const char *stats_path;                                     /* JSON summary, or NULL */
    const char *html_field, *text_field, *url_field, *id_field; /* JSON Lines */
    int progress; /* -1 = on a terminal only, 0 = never, 1 = always */
    bool recursive;
    const char *files_from; /* list of inputs, one a line ("-" = stdin) */
    corpus_dedup dedup;
    double near_threshold; /* estimated Jaccard similarity for --dedup near */
    bool requested;        /* a crawl-only option was given */
    FILE *out;
} corpus_options;

void corpus_options_init(corpus_options *o);

/* Options of crawl mode, for the CLI's getopt_long tables: the short ones
 * (-j N, -r) and the long ones, whose values are CORPUS_OPT_*. */
enum {
    CORPUS_OPT_STATS = 0x1000,
    CORPUS_OPT_UNORDERED,
    CORPUS_OPT_MAX_RECORD_BYTES,
    CORPUS_OPT_HTML_FIELD,
    CORPUS_OPT_TEXT_FIELD,
    CORPUS_OPT_URL_FIELD,
    CORPUS_OPT_ID_FIELD,
    CORPUS_OPT_PROGRESS,
    CORPUS_OPT_QUIET,
    CORPUS_OPT_FILES_FROM,
    CORPUS_OPT_DEDUP,
    CORPUS_OPT_NEAR_THRESHOLD
};
#define CORPUS_SHORT_OPTIONS "j:r"
#define CORPUS_LONG_OPTIONS                                                                        \
    {"jobs", required_argument, NULL, 'j'}, {"recursive", no_argument, NULL, 'r'},                 \
        {"unordered", no_argument, NULL, CORPUS_OPT_UNORDERED},                                    \
        {"stats", required_argument, NULL, CORPUS_OPT_STATS},                                      \
        {"max-record-bytes", required_argument, NULL, CORPUS_OPT_MAX_RECORD_BYTES},                \
        {"html-field", required_argument, NULL, CORPUS_OPT_HTML_FIELD},                            \
        {"text-field", required_argument, NULL, CORPUS_OPT_TEXT_FIELD},                            \
        {"url-field", required_argument, NULL, CORPUS_OPT_URL_FIELD},                              \
        {"id-field", required_argument, NULL, CORPUS_OPT_ID_FIELD},                                \
        {"progress", no_argument, NULL, CORPUS_OPT_PROGRESS},                                      \
        {"quiet", no_argument, NULL, CORPUS_OPT_QUIET},                                            \
        {"files-from", required_argument, NULL, CORPUS_OPT_FILES_FROM},                            \
        {"dedup", required_argument, NULL, CORPUS_OPT_DEDUP},                                      \
    {                                                                                              \
        "near-threshold", required_argument, NULL, CORPUS_OPT_NEAR_THRESHOLD                       \
    }
/* Usage lines for the options above. */
extern const char corpus_usage[];

/* Handles one option returned by getopt_long. Returns 1 when it was a crawl
 * option, 0 when it is not one, -1 (after a message) for a bad value. */
int corpus_parse_option(corpus_options *o, int opt, const char *arg);
/* For "--input warc|jsonl": returns 1 and sets the format when arg names a
 * crawl format, else 0. */
int corpus_parse_input(corpus_options *o, const char *arg);

/* True when the inputs should go to corpus_run(): a crawl option or format
 * was given, or an input file's content is WARC or JSON Lines. */
bool corpus_wanted(const corpus_options *o, char **inputs, int n);

/* Processes every input; returns the exit status: 0 when every record gave
 * an article or a skip, 1 when some gave an error, 2 when an input or the
 * output failed. */
int corpus_run(const corpus_options *o, char **inputs, int n);

#endif
