/* The public API: runs the pipeline decode -> parse -> classify -> structure
 * for one document in its own arena, and hands out its fields. */
#include "../include/lede.h"

#include <libxml/parser.h>
#include <stddef.h>
#include <string.h>

#include "classify/classify.h"
#include "decode/decode.h"
#include "doc.h"
#include "metadata/metadata.h"
#include "parse/html.h"
#include "parse/text.h"
#include "quotes/quotes.h"
#include "render/render.h"
#include "structure/structure.h"

#define LEDE_API __attribute__((visibility("default")))

enum { DEFAULT_MAX_BYTES = 64 * 1024 * 1024 };

LEDE_API int lede_init(void)
{
    /* libxml2 builds its tables here; doing it once up front makes later
     * parsing in several threads safe. */
    xmlInitParser();
    return 0;
}

LEDE_API void lede_options_init(lede_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->struct_size = sizeof *opts;
    opts->input = LEDE_INPUT_AUTO;
}

/* The struct as the first lede.h with struct_size had it; fixed forever,
 * it is what a zeroed struct (struct_size 0) is read as. */
enum { OPTIONS_FIRST_SIZE = offsetof(lede_options, charset) + sizeof(const char *) };

/* The caller's options over the defaults, reading no further than the
 * caller's struct reaches. */
static void options_from_caller(lede_options *out, const lede_options *caller)
{
    lede_options_init(out);
    if (!caller)
        return;
    size_t size = caller->struct_size ? caller->struct_size : OPTIONS_FIRST_SIZE;
    if (size > sizeof *out)
        size = sizeof *out;
    memcpy(out, caller, size);
    out->struct_size = sizeof *out;
}

static void doc_fail(lede_doc *doc, lede_status status, const char *reason)
{
    doc->status = status;
    doc->error = reason ? reason : lede_status_string(status);
}

static bool only_white_space(const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
            return false;
    }
    return true;
}

static void run_pipeline(lede_doc *doc, const char *data, size_t len, const lede_options *opts)
{
    size_t max_bytes = opts->max_bytes ? opts->max_bytes : DEFAULT_MAX_BYTES;
    if (len == 0 || only_white_space(data, len)) {
        doc_fail(doc, LEDE_ERR_EMPTY, "empty input");
        return;
    }
    if (len > max_bytes) {
        doc_fail(doc, LEDE_ERR_TOO_LARGE, "input larger than the size limit");
        return;
    }
    if (decode_looks_binary(data, len)) {
        doc_fail(doc, LEDE_ERR_BINARY, "binary data, not a web page or text");
        return;
    }
    doc->input = opts->input != LEDE_INPUT_AUTO ? opts->input : decode_sniff_kind(data, len);
    bool html = doc->input == LEDE_INPUT_HTML;

    /* The decoded input is needed only until the blocks are made (they
     * copy their text): its arena is emptied right after, and serves the
     * quotes stage next. */
    arena *input = arena_new();
    if (!input) {
        doc_fail(doc, LEDE_ERR_NOMEM, NULL);
        return;
    }
    decoded text;
    lede_status st = decode_to_utf8_labelled(input, data, len, html, opts->charset, &text);
    if (st == LEDE_OK) {
        blocks_init(&doc->blocks, doc->a, html);
        st = html ? html_parse_blocks(text.text, text.len, &doc->blocks)
                  : text_parse_blocks(text.text, text.len, &doc->blocks);
    }
    arena_reset(input);
    if (st != LEDE_OK) {
        arena_free(input);
        doc_fail(doc, st, NULL);
        return;
    }
    classify_blocks(&doc->blocks);
    structure_document(&doc->blocks, doc);
    metadata_extract(doc);
    doc->quotes_skipped = opts->no_quotes != 0;
    if (!doc->quotes_skipped)
        quotes_annotate(doc, input);
    arena_free(input);
    structure_body(doc);
}

LEDE_API lede_doc *lede_extract(const char *data, size_t len, const lede_options *caller_opts)
{
    lede_options opts;
    options_from_caller(&opts, caller_opts);
    arena *a = arena_new();
    if (!a)
        return NULL;
    lede_doc *doc = arena_alloc(a, sizeof *doc);
    if (!doc) {
        arena_free(a);
        return NULL;
    }
    doc->a = a;
    doc->input = opts.input;
    doc->source = opts.source ? arena_strdup(a, opts.source) : NULL;
    doc->url = opts.url ? arena_strdup(a, opts.url) : NULL;
    if (!data && len)
        doc_fail(doc, LEDE_ERR_EMPTY, "no input buffer");
    else
        run_pipeline(doc, data ? data : "", len, &opts);
    if (!doc->body && doc->status == LEDE_OK)
        doc->body = "";
    return doc;
}

LEDE_API void lede_doc_free(lede_doc *doc)
{
    if (doc)
        arena_free(doc->a);
}

LEDE_API lede_status lede_doc_status(const lede_doc *doc)
{
    return doc->status;
}

LEDE_API const char *lede_doc_error(const lede_doc *doc)
{
    return doc->status == LEDE_OK ? NULL : doc->error;
}

LEDE_API const char *lede_doc_warning(const lede_doc *doc)
{
    return doc->warning;
}

LEDE_API const char *lede_doc_source(const lede_doc *doc)
{
    return doc->source;
}

LEDE_API const char *lede_doc_url(const lede_doc *doc)
{
    return doc->url;
}

LEDE_API const char *lede_doc_title(const lede_doc *doc)
{
    return doc->title;
}

LEDE_API const char *lede_doc_deck(const lede_doc *doc)
{
    return doc->deck;
}

LEDE_API const char *lede_doc_dateline(const lede_doc *doc)
{
    return doc->dateline;
}

LEDE_API const char *lede_doc_language(const lede_doc *doc)
{
    return doc->language;
}

LEDE_API lede_input lede_doc_input(const lede_doc *doc)
{
    return doc->input;
}

LEDE_API int lede_doc_truncated(const lede_doc *doc)
{
    return doc->truncated;
}

LEDE_API size_t lede_doc_paragraph_count(const lede_doc *doc)
{
    return doc->paragraph_count;
}

LEDE_API const char *lede_doc_paragraph(const lede_doc *doc, size_t i)
{
    return i < doc->paragraph_count ? doc->paragraphs[i].text : NULL;
}

LEDE_API lede_para_kind lede_doc_paragraph_kind(const lede_doc *doc, size_t i)
{
    return i < doc->paragraph_count ? doc->paragraphs[i].kind : LEDE_PARA_TEXT;
}

LEDE_API const char *lede_doc_body(const lede_doc *doc)
{
    return doc->body ? doc->body : "";
}

LEDE_API const char *lede_render(lede_doc *doc, lede_format format, size_t *len)
{
    /* JSON holds the text twice (body and paragraphs); sizing for that
     * up front saves regrowing a large output. */
    size_t body_len = doc->body ? strlen(doc->body) : 0;
    buf out;
    buf_init(&out, doc->a, 2 * body_len + 4096);
    switch (format) {
    case LEDE_FORMAT_TEXT:
        render_text(doc, &out);
        break;
    case LEDE_FORMAT_MARKDOWN:
        render_markdown(doc, &out);
        break;
    case LEDE_FORMAT_HTML:
        render_html(doc, &out);
        break;
    case LEDE_FORMAT_EXPLAIN:
        render_explain(doc, &out);
        break;
    case LEDE_FORMAT_JSON:
    default:
        render_json(doc, &out);
        break;
    }
    const char *s = buf_cstr(&out);
    if (len)
        *len = s ? out.len : 0;
    return s;
}

LEDE_API const char *lede_version(void)
{
    return LEDE_VERSION;
}

LEDE_API const char *lede_status_string(lede_status status)
{
    switch (status) {
    case LEDE_OK:
        return "ok";
    case LEDE_ERR_EMPTY:
        return "empty input";
    case LEDE_ERR_TOO_LARGE:
        return "input too large";
    case LEDE_ERR_BINARY:
        return "binary input";
    case LEDE_ERR_PARSE:
        return "unparseable input";
    case LEDE_ERR_NOMEM:
        return "out of memory";
    }
    return "unknown error";
}
