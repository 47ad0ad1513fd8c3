#include "process.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "dedup.h"
#include "jsonl.h"

enum { HTTP_HEADER_MAX = 1024 * 1024 };

typedef struct http_response {
    int status;
    char media[80];   /* lower case, without parameters; "" when absent */
    char charset[48]; /* "" when absent */
    char encoding[24];
    bool chunked;
    size_t body_offset;
} http_response;

void process_put_origin(sbuf *line, const record *rec)
{
    if (rec->record_id) {
        sbuf_puts(line, ",\"record_id\":");
        if (rec->record_id_is_json)
            sbuf_puts(line, rec->record_id);
        else
            sbuf_put_json_string(line, rec->record_id, strlen(rec->record_id));
    }
    sbuf_puts(line, ",\"offset\":");
    sbuf_put_u64(line, rec->offset);
    if (rec->member_offset != UINT64_MAX) {
        sbuf_puts(line, ",\"member_offset\":");
        sbuf_put_u64(line, rec->member_offset);
    }
}

static void put_problem(record *rec, record_outcome outcome, const char *reason, const char *detail)
{
    sbuf *l = &rec->line;
    l->len = 0;
    rec->outcome = outcome;
    rec->outcome_reason = reason;
    sbuf_puts(l, "{\"source\":");
    sbuf_put_json_string(l, rec->source, strlen(rec->source));
    if (rec->url) {
        sbuf_puts(l, ",\"url\":");
        sbuf_put_json_string(l, rec->url, strlen(rec->url));
    }
    process_put_origin(l, rec);
    sbuf_puts(l, outcome == OUTCOME_SKIP ? ",\"skipped\":" : ",\"error\":");
    sbuf_put_json_string(l, reason, strlen(reason));
    if (detail) {
        sbuf_puts(l, ",\"detail\":");
        sbuf_put_json_string(l, detail, strlen(detail));
    }
    sbuf_puts(l, "}\n");
}

static const char *find_header_end(const char *data, size_t len, size_t *body)
{
    size_t limit = len < HTTP_HEADER_MAX ? len : HTTP_HEADER_MAX;
    for (size_t i = 0; i < limit; i++) {
        if (data[i] != '\n')
            continue;
        if (i + 1 < len && data[i + 1] == '\n') {
            *body = i + 2;
            return data + i;
        }
        if (i + 2 < len && data[i + 1] == '\r' && data[i + 2] == '\n') {
            *body = i + 3;
            return data + i;
        }
    }
    return NULL;
}

/* Copies the trimmed, lower-cased value [v, end) into out. */
static void copy_lower(char *out, size_t cap, const char *v, const char *end)
{
    while (v < end && isspace((unsigned char)*v))
        v++;
    while (end > v && isspace((unsigned char)end[-1]))
        end--;
    size_t n = (size_t)(end - v) < cap - 1 ? (size_t)(end - v) : cap - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)v[i]);
    out[n] = '\0';
}

/* Splits "type/sub; charset=x" into media type and charset. */
static void parse_content_type(const char *v, const char *end, char *media, size_t mcap,
                               char *charset, size_t ccap)
{
    const char *semi = memchr(v, ';', (size_t)(end - v));
    copy_lower(media, mcap, v, semi ? semi : end);
    charset[0] = '\0';
    for (const char *p = semi; p && p < end; p = memchr(p + 1, ';', (size_t)(end - p - 1))) {
        const char *q = p + 1;
        while (q < end && isspace((unsigned char)*q))
            q++;
        if ((size_t)(end - q) > 8 && strncasecmp(q, "charset=", 8) == 0) {
            q += 8;
            const char *e = q;
            while (e < end && *e != ';')
                e++;
            if (q < e && *q == '"')
                q++;
            while (e > q && (e[-1] == '"' || isspace((unsigned char)e[-1])))
                e--;
            copy_lower(charset, ccap, q, e);
            return;
        }
        if (p + 1 >= end)
            break;
    }
}

static const char *parse_http(const char *data, size_t len, http_response *h)
{
    memset(h, 0, sizeof *h);
    if (len < 12 || strncmp(data, "HTTP/", 5) != 0)
        return "malformed HTTP response";
    const char *end = find_header_end(data, len, &h->body_offset);
    if (!end)
        return "malformed HTTP response";
    const char *sp = memchr(data, ' ', (size_t)(end - data));
    if (!sp || end - sp < 4 || !isdigit((unsigned char)sp[1]) || !isdigit((unsigned char)sp[2]) ||
        !isdigit((unsigned char)sp[3]))
        return "malformed HTTP response";
    h->status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
    const char *line = memchr(data, '\n', (size_t)(end - data));
    while (line && line < end) {
        line++;
        const char *eol = memchr(line, '\n', (size_t)(end + 1 - line));
        if (!eol)
            break;
        const char *colon = memchr(line, ':', (size_t)(eol - line));
        if (colon) {
            size_t nlen = (size_t)(colon - line);
            if (nlen == 12 && strncasecmp(line, "Content-Type", 12) == 0)
                parse_content_type(colon + 1, eol, h->media, sizeof h->media, h->charset,
                                   sizeof h->charset);
            else if (nlen == 16 && strncasecmp(line, "Content-Encoding", 16) == 0)
                copy_lower(h->encoding, sizeof h->encoding, colon + 1, eol);
            else if (nlen == 17 && strncasecmp(line, "Transfer-Encoding", 17) == 0) {
                char te[24];
                copy_lower(te, sizeof te, colon + 1, eol);
                h->chunked = strstr(te, "chunked") != NULL;
            }
        }
        line = eol;
    }
    return NULL;
}

/* Undoes chunked transfer coding in place. Returns the new length, or
 * SIZE_MAX when the framing is broken. */
static size_t dechunk(char *data, size_t len)
{
    size_t in = 0, out = 0;
    for (;;) {
        size_t size = 0;
        int digits = 0;
        while (in < len && isxdigit((unsigned char)data[in])) {
            int c = tolower((unsigned char)data[in]);
            size = size * 16 + (size_t)(isdigit(c) ? c - '0' : c - 'a' + 10);
            if (++digits > 12)
                return SIZE_MAX;
            in++;
        }
        const char *nl = digits ? memchr(data + in, '\n', len - in) : NULL;
        if (!nl)
            return SIZE_MAX;
        in = (size_t)(nl - data) + 1;
        if (size == 0)
            return out;
        if (size > len - in)
            size = len - in; /* a short last chunk: keep what arrived */
        memmove(data + out, data + in, size);
        out += size;
        in += size;
        while (in < len && (data[in] == '\r' || data[in] == '\n'))
            in++;
        if (in >= len)
            return out;
    }
}

/* Inflates a gzip or zlib/deflate body into a new buffer with headroom.
 * Returns NULL or why it failed. */
static const char *inflate_body(const char *in, size_t len, size_t max, char **alloc, char **out,
                                size_t *out_len)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        z_stream z;
        memset(&z, 0, sizeof z);
        /* 32+: gzip or zlib by header; -15: raw deflate, which some servers
         * send as "deflate". */
        if (inflateInit2(&z, attempt == 0 ? 32 + MAX_WBITS : -MAX_WBITS) != Z_OK)
            return "out of memory";
        size_t cap = len < max / 4 ? len * 4 + 4096 : max + 1, used = 0;
        char *buf = malloc(cap + 1);
        int rc = Z_OK;
        z.next_in = (unsigned char *)in;
        z.avail_in = (uInt)len;
        while (buf && rc == Z_OK) {
            if (used == cap) {
                if (cap >= max) {
                    rc = Z_MEM_ERROR;
                    break;
                }
                cap = cap > max / 2 ? max + 1 : cap * 2;
                char *p = realloc(buf, cap + 1);
                if (!p)
                    break;
                buf = p;
            }
            z.next_out = (unsigned char *)buf + used;
            z.avail_out = (uInt)(cap - used);
            rc = inflate(&z, Z_NO_FLUSH);
            used = cap - z.avail_out;
            if (rc == Z_BUF_ERROR && z.avail_in == 0)
                rc = Z_STREAM_END; /* a body cut short: keep what inflated */
        }
        inflateEnd(&z);
        if (buf && rc == Z_STREAM_END && used <= max) {
            *alloc = buf;
            *out = buf;
            (*out)[used] = '\0';
            *out_len = used;
            return NULL;
        }
        free(buf);
        if (rc == Z_MEM_ERROR || used > max)
            return "record too large";
    }
    return "bad content encoding";
}

/* charset: the label the HTTP header or WARC Content-Type gave, or NULL;
 * it overrides any in-document declaration, as in browsers. */
static void extract(const corpus_options *o, record *rec, const char *data, size_t len,
                    lede_input input, const char *charset)
{
    /* A 204, a HEAD response or an empty JSON member: nothing was there to
     * extract, which says nothing bad about the record. */
    if (len == 0) {
        put_problem(rec, OUTCOME_SKIP, "empty body", NULL);
        return;
    }
    lede_options opts;
    lede_options_init(&opts);
    opts.input = input;
    opts.url = rec->url;
    opts.source = rec->source;
    opts.max_bytes = o->max_record_bytes;
    opts.no_quotes = o->no_quotes;
    opts.charset = charset && charset[0] ? charset : NULL;
    lede_doc *doc = lede_extract(data, len, &opts);
    if (!doc) {
        put_problem(rec, OUTCOME_ERROR, "out of memory", NULL);
        return;
    }
    size_t text_len = 0;
    const char *text = lede_render(doc, LEDE_FORMAT_JSON, &text_len);
    lede_status status = lede_doc_status(doc);
    if (!text || text_len < 2 || text[text_len - 1] != '}') {
        put_problem(rec, OUTCOME_ERROR, "render failed", NULL);
        lede_doc_free(doc);
        return;
    }
    rec->outcome = status == LEDE_OK ? OUTCOME_ARTICLE : OUTCOME_ERROR;
    rec->outcome_reason = status == LEDE_OK ? NULL : lede_status_string(status);
    if (status == LEDE_OK && o->dedup != CORPUS_DEDUP_NONE) {
        const char *body = lede_doc_body(doc);
        dedup_signature(o->dedup, body, strlen(body), &rec->sig);
    }
    rec->line.len = 0;
    sbuf_put(&rec->line, text, text_len - 1);
    process_put_origin(&rec->line, rec);
    sbuf_puts(&rec->line, "}\n");
    lede_doc_free(doc);
}

static bool media_is_html(const char *m)
{
    return strcmp(m, "text/html") == 0 || strcmp(m, "application/xhtml+xml") == 0;
}

/* A document without HTTP framing: its WARC Content-Type says what it is. */
static void process_resource(const corpus_options *o, record *rec)
{
    char media[80], charset[48];
    const char *ct = rec->content_type ? rec->content_type : "";
    parse_content_type(ct, ct + strlen(ct), media, sizeof media, charset, sizeof charset);
    if (media[0] && !media_is_html(media) && strcmp(media, "text/plain") != 0) {
        put_problem(rec, OUTCOME_SKIP, "not HTML", media);
        return;
    }
    extract(o, rec, rec->data, rec->len,
            media_is_html(media)               ? LEDE_INPUT_HTML
            : strcmp(media, "text/plain") == 0 ? LEDE_INPUT_TEXT
                                               : LEDE_INPUT_AUTO,
            charset);
}

/* A WARC response: HTTP status, type and coding decide what reaches the
 * extractor. */
static void process_response(const corpus_options *o, record *rec)
{
    /* Responses to dns: and other non-HTTP requests carry no HTTP framing. */
    if (rec->content_type && strncasecmp(rec->content_type, "application/http", 16) != 0) {
        process_resource(o, rec);
        return;
    }
    http_response h;
    const char *why = parse_http(rec->data, rec->len, &h);
    if (why) {
        put_problem(rec, OUTCOME_ERROR, why, NULL);
        return;
    }
    char code[8];
    snprintf(code, sizeof code, "%d", h.status);
    if (h.status >= 300 && h.status < 400) {
        put_problem(rec, OUTCOME_SKIP, "redirect", code);
        return;
    }
    if (h.status < 200 || h.status >= 300) {
        put_problem(rec, OUTCOME_SKIP, "HTTP error status", code);
        return;
    }
    lede_input input = LEDE_INPUT_AUTO;
    if (media_is_html(h.media))
        input = LEDE_INPUT_HTML;
    else if (strcmp(h.media, "text/plain") == 0)
        input = LEDE_INPUT_TEXT;
    else if (h.media[0]) {
        put_problem(rec, OUTCOME_SKIP, "not HTML", h.media);
        return;
    }
    char *body = rec->data + h.body_offset;
    size_t len = rec->len - h.body_offset;
    if (h.chunked && (len = dechunk(body, len)) == SIZE_MAX) {
        put_problem(rec, OUTCOME_ERROR, "bad chunked encoding", NULL);
        return;
    }
    char *inflated = NULL;
    if (h.encoding[0] && strcmp(h.encoding, "identity") != 0) {
        if (strcmp(h.encoding, "gzip") != 0 && strcmp(h.encoding, "x-gzip") != 0 &&
            strcmp(h.encoding, "deflate") != 0) {
            put_problem(rec, OUTCOME_SKIP, "unsupported content encoding", h.encoding);
            return;
        }
        why = inflate_body(body, len, o->max_record_bytes, &inflated, &body, &len);
        if (why) {
            put_problem(rec, OUTCOME_ERROR, why, h.encoding);
            return;
        }
    }
    extract(o, rec, body, len, input, h.charset);
    free(inflated);
}

static void process_jsonl(const corpus_options *o, record *rec)
{
    jsonl_fields f = {.html_name = o->html_field,
                      .text_name = o->text_field,
                      .url_name = o->url_field,
                      .id_name = o->id_field};
    const char *why = jsonl_parse(rec->data, rec->len, &f);
    if (f.id.data) {
        /* The id goes out as the raw JSON value it was. */
        free(rec->record_id);
        rec->record_id = strndup(f.id.data, f.id.len);
        rec->record_id_is_json = true;
    }
    if (f.url.data && !why) {
        free(rec->url);
        rec->url = strndup(f.url.data, f.url.len);
    }
    if (why) {
        put_problem(rec, OUTCOME_ERROR, why, NULL);
        return;
    }
    if (f.html.data)
        extract(o, rec, f.html.data, f.html.len, LEDE_INPUT_HTML, NULL);
    else if (f.text.data)
        extract(o, rec, f.text.data, f.text.len, LEDE_INPUT_TEXT, NULL);
    else
        put_problem(rec, OUTCOME_ERROR, "no HTML or text field", NULL);
}

void process_record(const corpus_options *o, record *rec)
{
    switch (rec->kind) {
    case RECORD_SKIP:
        put_problem(rec, OUTCOME_SKIP, rec->reason, rec->detail);
        break;
    case RECORD_ERROR:
        put_problem(rec, OUTCOME_ERROR, rec->reason, rec->detail);
        break;
    case RECORD_WARC_RESPONSE:
        process_response(o, rec);
        break;
    case RECORD_WARC_RESOURCE:
        process_resource(o, rec);
        break;
    case RECORD_WARC_CONVERSION:
        extract(o, rec, rec->data, rec->len, LEDE_INPUT_TEXT, NULL);
        break;
    case RECORD_JSONL:
        process_jsonl(o, rec);
        break;
    case RECORD_PLAIN:
        extract(o, rec, rec->data, rec->len, o->input, NULL);
        break;
    }
    free(rec->alloc);
    rec->alloc = rec->data = NULL;
    rec->len = 0;
}
