#include "split.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { HEADER_LINE_MAX = 64 * 1024, HEADER_BLOCK_MAX = 1024 * 1024, TRAILER_PEEK = 16 };

static const char warc_magic[] = "WARC/1.";
#define WARC_MAGIC_LEN (sizeof warc_magic - 1)

split_format split_sniff(reader *r)
{
    const char *p;
    size_t n = reader_peek(r, &p, 4096);
    if (n >= WARC_MAGIC_LEN && memcmp(p, warc_magic, WARC_MAGIC_LEN) == 0)
        return SPLIT_WARC;
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && isspace((unsigned char)p[i]))
        i++;
    /* A page of HTML or prose does not start with '{'; a JSON object does. */
    if (i < n && p[i] == '{')
        return SPLIT_JSONL;
    return SPLIT_PLAIN;
}

static bool emit_problem(const split_config *cfg, const char *source, uint64_t offset,
                         uint64_t member_offset, record_kind kind, const char *reason)
{
    record *rec = record_new(kind, source, offset);
    if (!rec)
        return false;
    rec->reason = reason;
    rec->member_offset = member_offset;
    return cfg->emit(cfg->ctx, rec);
}

/* A damaged member that held no byte of any record still counts once. */
static bool emit_event(const char *source, const split_config *cfg, const reader_event *ev)
{
    return emit_problem(cfg, source, ev->offset, ev->raw_offset, RECORD_ERROR, ev->reason);
}

static bool is_blank_line(const sbuf *line)
{
    for (size_t i = 0; i < line->len; i++)
        if (line->data[i] != '\r' && line->data[i] != '\n')
            return false;
    return true;
}

static bool starts_warc(const char *p, size_t n)
{
    return n >= WARC_MAGIC_LEN && memcmp(p, warc_magic, WARC_MAGIC_LEN) == 0;
}

/* The value of "Name: value" when the line's name is name, trimmed, as a new
 * string; NULL otherwise. */
static char *header_value(const sbuf *line, const char *name)
{
    size_t nlen = strlen(name);
    if (line->len <= nlen || strncasecmp(line->data, name, nlen) != 0 || line->data[nlen] != ':')
        return NULL;
    const char *v = line->data + nlen + 1;
    const char *end = line->data + line->len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && isspace((unsigned char)end[-1]))
        end--;
    return strndup(v, (size_t)(end - v));
}

typedef struct warc_header {
    char *type;
    char *content_length;
} warc_header;

static const char *skip_reason(const char *type)
{
    static const char *const reasons[][2] = {{"warcinfo", "warcinfo record"},
                                             {"request", "request record"},
                                             {"metadata", "metadata record"},
                                             {"revisit", "revisit record"},
                                             {"continuation", "continuation record"}};
    for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
        if (strcasecmp(type, reasons[i][0]) == 0)
            return reasons[i][1];
    return "unknown WARC record type";
}

/* Skips lines until one starts a WARC record, which is left unread. */
static void resync_warc(reader *r, sbuf *line)
{
    for (;;) {
        const char *p;
        size_t n = reader_peek(r, &p, WARC_MAGIC_LEN);
        if (n == 0 || starts_warc(p, n))
            return;
        bool too_long = false;
        line->len = 0;
        if (reader_getline(r, line, WARC_MAGIC_LEN, &too_long) == 0)
            return;
    }
}

/* Finds a WARC record start inside data, for a record whose Content-Length
 * ran past the next record's header. The version line must end the line:
 * prose that mentions "WARC/1.0" does not match. A cut-off record usually
 * stops mid-line, so the match need not start a line. */
static const char *find_embedded_record(const char *data, size_t len)
{
    const char *p = data;
    const char *end = data + len;
    while ((p = memchr(p, 'W', (size_t)(end - p))) != NULL) {
        size_t left = (size_t)(end - p);
        if (left >= WARC_MAGIC_LEN + 2 && starts_warc(p, left) &&
            (p[WARC_MAGIC_LEN] == '0' || p[WARC_MAGIC_LEN] == '1') &&
            (p[WARC_MAGIC_LEN + 1] == '\r' || p[WARC_MAGIC_LEN + 1] == '\n'))
            return p;
        p++;
    }
    return NULL;
}

/* After a record's content: "\r\n\r\n" then the next record or the end.
 * Consumes the line ends when they are right. */
static bool trailer_ok(reader *r)
{
    const char *p;
    size_t n = reader_peek(r, &p, TRAILER_PEEK);
    size_t i = 0;
    while (i < n && i < 4 && (p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i == n || starts_warc(p + i, n - i) || n < TRAILER_PEEK) {
        reader_skip(r, i);
        return true;
    }
    return false;
}

static record_kind kind_of_type(const char *type)
{
    if (strcasecmp(type, "response") == 0)
        return RECORD_WARC_RESPONSE;
    if (strcasecmp(type, "resource") == 0)
        return RECORD_WARC_RESOURCE;
    if (strcasecmp(type, "conversion") == 0)
        return RECORD_WARC_CONVERSION;
    return RECORD_SKIP;
}

/* Reads the header block after the "WARC/1.x" line into rec. Returns NULL on
 * success or the reason the header is unusable. */
static const char *read_warc_header(reader *r, record *rec, sbuf *line, warc_header *h)
{
    size_t total = 0;
    for (;;) {
        bool too_long = false;
        line->len = 0;
        size_t n = reader_getline(r, line, HEADER_LINE_MAX, &too_long);
        if (n == 0 || line->data[line->len - 1] != '\n')
            return "truncated record";
        total += n;
        if (too_long || total > HEADER_BLOCK_MAX)
            return "WARC header too long";
        /* A header cut short runs into the next record's version line. */
        const char *next = find_embedded_record(line->data, line->len);
        if (next) {
            reader_unread(r, next, (size_t)(line->data + line->len - next));
            return "truncated record";
        }
        if (is_blank_line(line))
            return h->type && h->content_length ? NULL : "WARC header without type or length";
        char *v;
        if ((v = header_value(line, "WARC-Type"))) {
            free(h->type);
            h->type = v;
        } else if ((v = header_value(line, "Content-Length"))) {
            free(h->content_length);
            h->content_length = v;
        } else if ((v = header_value(line, "WARC-Record-ID"))) {
            free(rec->record_id);
            rec->record_id = v;
        } else if ((v = header_value(line, "WARC-Target-URI"))) {
            /* WARC 1.0's grammar wrote the URI in angle brackets. */
            size_t n = strlen(v);
            if (n >= 2 && v[0] == '<' && v[n - 1] == '>') {
                memmove(v, v + 1, n - 2);
                v[n - 2] = '\0';
            }
            free(rec->url);
            rec->url = v;
        } else if ((v = header_value(line, "Content-Type"))) {
            free(rec->content_type);
            rec->content_type = v;
        }
    }
}

static bool parse_length(const char *s, size_t *out)
{
    if (!*s)
        return false;
    size_t v = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s) || v > (SIZE_MAX - 9) / 10)
            return false;
        v = v * 10 + (size_t)(*s - '0');
    }
    *out = v;
    return true;
}

/* Reads one record's content block (the header is done). Returns NULL or
 * the problem with the record. */
static const char *read_warc_content(reader *r, record *rec, size_t length, size_t max, bool keep)
{
    if (!keep || length > max) {
        size_t got = reader_skip(r, length);
        if (got < length)
            return "truncated record";
        trailer_ok(r);
        return length > max ? "record too large" : NULL;
    }
    if (record_alloc_data(rec, length) != 0)
        return "out of memory";
    size_t got = reader_read(r, rec->data, length);
    if (got < length)
        return "truncated record";
    if (!trailer_ok(r)) {
        /* Content-Length ran into the next record: put that record back. */
        const char *next = find_embedded_record(rec->data, length);
        if (next) {
            reader_unread(r, next, (size_t)(rec->data + length - next));
            return "truncated record";
        }
    }
    return NULL;
}

static bool split_warc(reader *r, const char *source, const split_config *cfg)
{
    sbuf line = {0};
    bool go_on = true;
    while (go_on) {
        uint64_t start = reader_offset(r);
        bool too_long = false;
        line.len = 0;
        size_t n = reader_getline(r, &line, HEADER_LINE_MAX, &too_long);
        reader_event ev = {NULL, 0, 0, 0};
        if (n == 0) {
            if (reader_take_event(r, &ev)) {
                go_on = emit_event(source, cfg, &ev);
                continue;
            }
            break;
        }
        if (is_blank_line(&line))
            continue;
        if (!starts_warc(line.data, line.len)) {
            resync_warc(r, &line);
            go_on = emit_problem(cfg, source, start, reader_member_offset(r, start), RECORD_ERROR,
                                 "not a WARC record");
            continue;
        }
        record *rec = record_new(RECORD_SKIP, source, start);
        if (!rec)
            break;
        rec->member_offset = reader_member_offset(r, start);
        warc_header h = {NULL, NULL};
        size_t length = 0;
        const char *problem = read_warc_header(r, rec, &line, &h);
        if (!problem && !parse_length(h.content_length, &length))
            problem = "bad Content-Length";
        record_kind kind = problem ? RECORD_ERROR : kind_of_type(h.type);
        if (!problem)
            problem = read_warc_content(r, rec, length, cfg->max_record_bytes, kind != RECORD_SKIP);
        /* Damage inside a member that holds part of this record is this
         * record's error; a member that gave no byte is reported on its own. */
        bool own_event = false;
        const char *next;
        if (reader_peek(r, &next, 1) == 0 && reader_take_event(r, &ev)) {
            own_event = ev.member_start < reader_offset(r);
            if (own_event)
                problem = ev.reason;
        }
        if (problem) {
            record_set_problem(rec, RECORD_ERROR, problem, NULL);
            resync_warc(r, &line);
        } else if (kind == RECORD_SKIP) {
            record_set_problem(rec, RECORD_SKIP, skip_reason(h.type), NULL);
        } else {
            rec->kind = kind;
        }
        free(h.type);
        free(h.content_length);
        go_on = cfg->emit(cfg->ctx, rec);
        if (go_on && ev.reason && !own_event)
            go_on = emit_event(source, cfg, &ev);
    }
    sbuf_free(&line);
    return go_on;
}

static bool split_jsonl(reader *r, const char *source, const split_config *cfg)
{
    bool go_on = true;
    while (go_on) {
        uint64_t start = reader_offset(r);
        sbuf line = {0};
        bool too_long = false;
        size_t n = reader_getline(r, &line, cfg->max_record_bytes, &too_long);
        reader_event ev;
        bool damaged = reader_take_event(r, &ev);
        if (n == 0 && !damaged) {
            sbuf_free(&line);
            break;
        }
        if (n == 0) {
            sbuf_free(&line);
            go_on = emit_event(source, cfg, &ev);
            continue;
        }
        if (is_blank_line(&line) && !damaged) {
            sbuf_free(&line);
            continue;
        }
        record *rec = record_new(RECORD_JSONL, source, start);
        if (!rec) {
            sbuf_free(&line);
            break;
        }
        rec->member_offset = reader_member_offset(r, start);
        if (damaged || too_long || line.failed) {
            record_set_problem(rec, RECORD_ERROR,
                               damaged    ? ev.reason
                               : too_long ? "record too large"
                                          : "out of memory",
                               NULL);
            sbuf_free(&line);
        } else {
            /* The record owns the line; sbuf keeps no headroom, so the
             * JSON reader decodes in place instead. */
            rec->alloc = line.data;
            rec->data = line.data;
            rec->len = line.len;
        }
        go_on = cfg->emit(cfg->ctx, rec);
    }
    return go_on;
}

static bool split_plain(reader *r, const char *source, const split_config *cfg)
{
    record *rec = record_new(RECORD_PLAIN, source, 0);
    if (!rec)
        return false;
    rec->member_offset = reader_member_offset(r, 0);
    sbuf body = {0};
    const char *problem = NULL;
    char chunk[65536];
    size_t n;
    while ((n = reader_read(r, chunk, sizeof chunk)) > 0) {
        if (body.len + n > cfg->max_record_bytes)
            problem = "record too large";
        if (!problem)
            sbuf_put(&body, chunk, n);
    }
    reader_event ev;
    if (!problem && reader_take_event(r, &ev))
        problem = ev.reason;
    if (!problem && body.failed)
        problem = "out of memory";
    if (!problem && record_alloc_data(rec, body.len) != 0)
        problem = "out of memory";
    if (problem) {
        record_set_problem(rec, RECORD_ERROR, problem, NULL);
    } else if (body.len) {
        memcpy(rec->data, body.data, body.len);
    }
    sbuf_free(&body);
    return cfg->emit(cfg->ctx, rec);
}

bool split_stream(reader *r, const char *source, const split_config *cfg)
{
    split_format format = cfg->format == SPLIT_AUTO ? split_sniff(r) : cfg->format;
    switch (format) {
    case SPLIT_WARC:
        return split_warc(r, source, cfg);
    case SPLIT_JSONL:
        return split_jsonl(r, source, cfg);
    default:
        return split_plain(r, source, cfg);
    }
}
