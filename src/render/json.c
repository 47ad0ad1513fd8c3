/* JSON Lines renderer: one object per document, always valid UTF-8. */
#include <string.h>

#include "../util/utf8.h"
#include "render.h"

/* Printable ASCII but the quote and the backslash goes out as it is. */
static inline bool json_plain(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* True when any of the eight bytes in w needs a closer look: a control
 * byte, a non-ASCII byte, the quote or the backslash. Lets long runs of
 * plain prose be skipped a word at a time. */
static inline bool word_needs_care(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    uint64_t control = (w - ones * 0x20) & ~w;
    uint64_t zero_quote = (quote - ones) & ~quote;
    uint64_t zero_backslash = (backslash - ones) & ~backslash;
    return ((w | control | zero_quote | zero_backslash) & highs) != 0;
}

/* Length of the valid two- or three-byte character at p that news text is
 * full of (accented letters, curly quotes, dashes), 0 for anything else,
 * which utf8_decode then judges: no call for the common ones. */
static inline size_t utf8_common_length(const char *p, size_t left)
{
    unsigned char c = (unsigned char)p[0];
    if (c >= 0xC2 && c <= 0xDF)
        return left >= 2 && ((unsigned char)p[1] & 0xC0) == 0x80 ? 2 : 0;
    /* E0 (overlongs) and ED (surrogates) need the full check. */
    if (c >= 0xE1 && c <= 0xEF && c != 0xED)
        return left >= 3 && ((unsigned char)p[1] & 0xC0) == 0x80 &&
                       ((unsigned char)p[2] & 0xC0) == 0x80
                   ? 3
                   : 0;
    return 0;
}

void json_put_string(buf *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const char *end = s + strlen(s);
    buf_putc(out, '"');
    const char *run = s; /* start of the pending run of bytes that need no escaping */
    const char *p = s;
    for (;;) {
        uint64_t w;
        while (end - p >= 8 && (memcpy(&w, p, 8), !word_needs_care(w)))
            p += 8;
        while (p < end && json_plain((unsigned char)*p))
            p++;
        if (p == end)
            break;
        unsigned char c = (unsigned char)*p;
        size_t adv = 1;
        if (c >= 0x80) {
            size_t valid = utf8_common_length(p, (size_t)(end - p));
            if (valid) {
                p += valid;
                continue;
            }
            uint32_t cp = utf8_decode(p, (size_t)(end - p), &adv);
            /* Valid multi-byte characters stay as they are; only invalid
             * bytes (which decode never lets through) are replaced. */
            if (!(cp == UTF8_REPLACEMENT && adv == 1)) {
                p += adv;
                continue;
            }
        }
        buf_put(out, run, (size_t)(p - run));
        switch (c) {
        case '"':
            buf_puts(out, "\\\"");
            break;
        case '\\':
            buf_puts(out, "\\\\");
            break;
        case '\n':
            buf_puts(out, "\\n");
            break;
        case '\t':
            buf_puts(out, "\\t");
            break;
        case '\r':
            buf_puts(out, "\\r");
            break;
        default:
            if (c < 0x20) {
                char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                buf_put(out, esc, sizeof esc);
            } else {
                buf_puts(out, "\xEF\xBF\xBD");
            }
        }
        p += adv;
        run = p;
    }
    buf_put(out, run, (size_t)(p - run));
    buf_putc(out, '"');
}

/* Writes "key": value, with a leading comma unless it is the first member. */
static void put_key(buf *out, const char *key, bool *first)
{
    if (!*first)
        buf_putc(out, ',');
    *first = false;
    json_put_string(out, key);
    buf_putc(out, ':');
}

static void put_string_member(buf *out, const char *key, const char *value, bool *first)
{
    if (!value)
        return;
    put_key(out, key, first);
    json_put_string(out, value);
}

static void put_nullable(buf *out, const char *s)
{
    if (s)
        json_put_string(out, s);
    else
        buf_puts(out, "null");
}

/* "quotes", "people" and "places" from the quotes stage. */
static void render_json_quotes(const lede_doc *doc, buf *out, bool *first)
{
    put_key(out, "quotes", first);
    buf_putc(out, '[');
    for (size_t i = 0; i < doc->quote_count; i++) {
        const doc_quote *q = &doc->quotes[i];
        buf_puts(out, i ? ",{\"text\":" : "{\"text\":");
        json_put_string(out, q->text);
        buf_puts(out, ",\"speaker\":");
        put_nullable(out, q->speaker);
        buf_puts(out, ",\"speaker_mention\":");
        put_nullable(out, q->speaker_mention);
        buf_puts(out, ",\"cue\":");
        put_nullable(out, q->cue);
        buf_puts(out, ",\"paragraph\":");
        buf_put_uint(out, q->paragraph);
        buf_puts(out, q->partial ? ",\"partial\":true}" : ",\"partial\":false}");
    }
    buf_putc(out, ']');
    put_key(out, "people", first);
    buf_putc(out, '[');
    for (size_t i = 0; i < doc->person_count; i++) {
        const doc_person *p = &doc->people[i];
        buf_puts(out, i ? ",{\"name\":" : "{\"name\":");
        json_put_string(out, p->name);
        buf_puts(out, ",\"roles\":[");
        for (size_t r = 0; r < p->role_count; r++) {
            if (r)
                buf_putc(out, ',');
            json_put_string(out, p->roles[r]);
        }
        buf_puts(out, "],\"mentions\":");
        buf_put_uint(out, p->mentions);
        buf_putc(out, '}');
    }
    buf_putc(out, ']');
    put_key(out, "places", first);
    buf_putc(out, '[');
    for (size_t i = 0; i < doc->place_count; i++) {
        const doc_place *p = &doc->places[i];
        buf_puts(out, i ? ",{\"name\":" : "{\"name\":");
        json_put_string(out, p->name);
        buf_puts(out, ",\"kind\":");
        json_put_string(out, p->kind);
        buf_putc(out, '}');
    }
    buf_putc(out, ']');
}

static void put_string_array(buf *out, const char *key, const char **items, size_t n, bool *first)
{
    if (!n)
        return;
    put_key(out, key, first);
    buf_putc(out, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(out, ',');
        json_put_string(out, items[i]);
    }
    buf_putc(out, ']');
}

/* The metadata stage's fields; absent when the page does not give them. */
static void render_json_meta(const lede_doc *doc, buf *out, bool *first)
{
    const doc_meta *m = &doc->meta;
    put_string_array(out, "authors", m->authors, m->author_count, first);
    put_string_member(out, "date_published", m->date_published, first);
    put_string_member(out, "date_modified", m->date_modified, first);
    put_string_member(out, "site_name", m->site_name, first);
    put_string_member(out, "description", m->description, first);
    put_string_member(out, "image", m->image, first);
    put_string_member(out, "section", m->section, first);
    put_string_array(out, "tags", m->tags, m->tag_count, first);
}

void render_json(const lede_doc *doc, buf *out)
{
    bool first = true;
    buf_putc(out, '{');
    put_key(out, "source", &first);
    if (doc->source)
        json_put_string(out, doc->source);
    else
        buf_puts(out, "null");
    put_string_member(out, "url", doc->url, &first);
    if (doc->status != LEDE_OK) {
        put_string_member(out, "error", doc->error, &first);
        buf_putc(out, '}');
        return;
    }
    put_string_member(out, "input", doc->input == LEDE_INPUT_TEXT ? "text" : "html", &first);
    put_string_member(out, "title", doc->title, &first);
    put_string_member(out, "deck", doc->deck, &first);
    put_string_member(out, "dateline", doc->dateline, &first);
    put_string_member(out, "language", doc->language, &first);
    render_json_meta(doc, out, &first);
    put_key(out, "truncated", &first);
    buf_puts(out, doc->truncated ? "true" : "false");
    put_string_member(out, "body", doc->body ? doc->body : "", &first);
    put_key(out, "paragraphs", &first);
    buf_putc(out, '[');
    for (size_t i = 0; i < doc->paragraph_count; i++) {
        if (i)
            buf_putc(out, ',');
        json_put_string(out, doc->paragraphs[i].text);
    }
    buf_putc(out, ']');
    if (!doc->quotes_skipped)
        render_json_quotes(doc, out, &first);
    put_string_member(out, "warning", doc->warning, &first);
    buf_putc(out, '}');
}
