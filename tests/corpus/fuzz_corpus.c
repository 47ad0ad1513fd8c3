/* libFuzzer target for crawl mode's input side: the gzip/zstd reader with
 * its resync, the WARC and JSON Lines splitters, HTTP and JSON parsing, and
 * extraction of every record. The first byte picks the format so each
 * splitter is reached whatever the rest looks like. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../tools/corpus/process.h"
#include "../../tools/corpus/reader.h"
#include "../../tools/corpus/split.h"

static bool consume(void *ctx, record *rec)
{
    process_record(ctx, rec);
    /* One output line per record, always ending the line. */
    if (rec->line.len == 0 || rec->line.data[rec->line.len - 1] != '\n')
        abort();
    record_free(rec);
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        lede_init();
        ready = true;
    }
    if (size < 1)
        return 0;
    static const split_format formats[] = {SPLIT_AUTO, SPLIT_WARC, SPLIT_JSONL, SPLIT_PLAIN};
    corpus_options o;
    corpus_options_init(&o);
    o.max_record_bytes = 1 << 20;
    o.dedup = CORPUS_DEDUP_NEAR;
    char err[128];
    reader *r = reader_open_memory(data + 1, size - 1, err, sizeof err);
    if (!r)
        return 0;
    split_config cfg = {formats[data[0] % 4], o.max_record_bytes, consume, &o};
    split_stream(r, "fuzz", &cfg);
    reader_close(r);
    return 0;
}
