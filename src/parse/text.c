#include "text.h"

#include <stdint.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"

/* Scraped page text keeps the page's structure only as lines: every block
 * element of the page became one line (or a group of lines separated by
 * blank lines), and hand-wrapped text spreads one paragraph over several
 * lines. So a line is a block, except that a line that stops mid-sentence
 * and is followed, without a blank line, by one starting in lower case is
 * the same paragraph wrapped. */

/* Bytes a wrapped line reaches at least: hard wrapping happens at 60 to 80
 * columns, so a shorter line that stops mid-sentence ended on purpose. */
#define WRAP_MIN_LINE 40
/* Longest heading line, in bytes; longer standalone lines are paragraphs. */
#define HEADING_MAX_BYTES 80

typedef struct line {
    const char *start;
    size_t len;      /* without the trailing newline */
    uint16_t indent; /* leading columns (a tab counts 4) */
} line;

/* Leading white space as columns, and the offset of the first visible byte.
 * Returns len when the line holds only white space (including NBSP, zero
 * width space and other Unicode spaces that pages use as spacers). */
static size_t line_lead(const char *s, size_t len, uint16_t *indent)
{
    size_t i = 0;
    unsigned cols = 0;
    *indent = 0;
    if (len > 0 && (unsigned char)s[0] > 0x20 && (unsigned char)s[0] < 0x7F)
        return 0; /* most lines start with a visible ASCII character */
    while (i < len) {
        size_t adv;
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (!utf8_is_space(cp) && cp != 0x200C && cp != 0x200D && cp != 0x2060)
            break;
        cols += cp == '\t' ? 4 : 1;
        i += adv;
    }
    *indent = cols > UINT16_MAX ? UINT16_MAX : (uint16_t)cols;
    return i;
}

/* Appends s[0..len) to b with every run of white space turned into one
 * space and none at either end (b may already hold text: then a single
 * space separates the old and the new). */
static void put_normalised(buf *b, const char *s, size_t len)
{
    bool pending_space = b->len > 0;
    size_t i = 0;
    while (i < len) {
        /* Copy a run of visible ASCII in one piece: most text is that. */
        size_t run = i;
        while (run < len && (unsigned char)s[run] > 0x20 && (unsigned char)s[run] < 0x7F)
            run++;
        if (run > i) {
            if (pending_space)
                buf_putc(b, ' ');
            pending_space = false;
            buf_put(b, s + i, run - i);
            i = run;
            continue;
        }
        size_t adv;
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (utf8_is_space(cp) || cp == 0x200C || cp == 0x200D || cp == 0x2060) {
            pending_space = b->len > 0;
        } else {
            if (pending_space)
                buf_putc(b, ' ');
            pending_space = false;
            if (cp == UTF8_REPLACEMENT && adv == 1) {
                char out[4];
                buf_put(b, out, utf8_encode(UTF8_REPLACEMENT, out));
            } else {
                buf_put(b, s + i, adv);
            }
        }
        i += adv;
    }
}

/* Whether s[0..len) (no leading white space) already is normalised text:
 * single ASCII spaces between visible characters, valid UTF-8 and none of
 * the Unicode spaces. Most lines of scraped text are. */
static bool is_visible_ascii(unsigned char c)
{
    return c > 0x20 && c < 0x7F;
}

/* Whether the eight bytes w (following a space when after_space) are
 * visible ASCII and single spaces, none of them after another; sets
 * *ends_space to whether the last is a space. */
static bool normalised8(uint64_t w, bool after_space, bool *ends_space)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull, low7 = ~high;
    uint64_t control = (w - ones * 0x20) & ~w & high; /* a byte below 0x20 */
    uint64_t not_ascii = ((w + ones) | w) & high;     /* a byte from 0x7F up */
    if (control | not_ascii)
        return false;
    uint64_t t = w ^ (ones * ' ');
    uint64_t spaces = ~(((t & low7) + low7) | t | low7); /* high bit of each space */
    if ((spaces & (spaces << 8)) || (after_space && (spaces & 0x80)))
        return false;
    *ends_space = (spaces >> 63) != 0;
    return true;
}

static bool is_normalised(const char *s, size_t len)
{
    bool space = false;
    for (size_t i = 0; i < len;) {
        uint64_t w;
        if (i + 8 <= len && (memcpy(&w, s + i, 8), normalised8(w, space, &space))) {
            i += 8;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (is_visible_ascii(c)) {
            /* A run of visible ASCII, checked without the other cases. */
            do
                i++;
            while (i < len && is_visible_ascii((unsigned char)s[i]));
            space = false;
        } else if (c == ' ' && !space) {
            space = true;
            i++;
        } else if (c >= 0x80) {
            size_t adv;
            uint32_t cp = utf8_decode(s + i, len - i, &adv);
            if ((cp == UTF8_REPLACEMENT && adv == 1) || utf8_is_space(cp) || cp == 0x200C ||
                cp == 0x200D || cp == 0x2060)
                return false;
            space = false;
            i += adv;
        } else {
            return false;
        }
    }
    return !space;
}

static bool ends_mid_sentence(const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    if (len == 0)
        return false;
    unsigned char c = (unsigned char)s[len - 1];
    return (c >= 'a' && c <= 'z') || c == ',' || c >= 0x80;
}

static bool starts_lowercase(const char *s, size_t len)
{
    return len > 0 && s[0] >= 'a' && s[0] <= 'z';
}

/* "• item", "- item", "* item", "· item", "– item": list markers that a
 * scraper leaves in front of list items. Returns the marker's length
 * including the space after it, or 0. */
static size_t list_marker(const char *s, size_t len)
{
    static const char *const markers[] = {"\xE2\x80\xA2 ", "\xC2\xB7 ",    "- ", "* ",
                                          "\xE2\x80\x93 ", "\xE2\x96\xAA "};
    /* Asked of every line: the first byte turns nearly all away before a
     * strlen and a memcmp. */
    for (size_t i = 0; i < sizeof markers / sizeof *markers; i++) {
        if (len == 0 || s[0] != markers[i][0])
            continue;
        size_t n = strlen(markers[i]);
        if (len > n && memcmp(s, markers[i], n) == 0)
            return n;
    }
    return 0;
}

/* A heading stands alone (blank lines around it), is short, starts with a
 * capital or digit and has no sentence punctuation at its end. */
static bool looks_like_heading(const block *b, bool blank_after)
{
    if (b->kind != BLOCK_PARAGRAPH || b->len == 0 || b->len > HEADING_MAX_BYTES)
        return false;
    if (!b->blank_before || !blank_after)
        return false;
    size_t adv;
    uint32_t first = utf8_decode(b->text, b->len, &adv);
    if (!utf8_is_upper(first) && !utf8_is_digit(first))
        return false;
    unsigned char last = (unsigned char)b->text[b->len - 1];
    return strchr(".,;:!?\"'", last) == NULL && last != ')';
}

/* The paragraph being assembled from one or more lines. */
typedef struct pending {
    buf text;
    /* A single line that needs no normalisation is pushed straight from
     * the input, without passing through text. */
    const char *clean;
    size_t clean_len;
    bool open;
    uint16_t lines;
    uint16_t indent;
    unsigned blanks;
    size_t marker; /* bytes of list marker at the front of text */
} pending;

static bool flush_pending(pending *p, block_stream *out)
{
    if (!p->open)
        return true;
    p->open = false;
    const char *t = p->clean;
    size_t n = p->clean_len;
    if (!t) {
        t = buf_cstr(&p->text);
        n = p->text.len;
    }
    if (!t)
        return false;
    block *b = blocks_push(out, t + p->marker, n - p->marker,
                           p->marker ? BLOCK_LIST_ITEM : BLOCK_PARAGRAPH);
    if (!b)
        return false;
    b->indent = p->indent;
    b->blank_before = p->blanks > 255 ? 255 : (uint8_t)p->blanks;
    b->lines = p->lines;
    buf_clear(&p->text);
    return true;
}

/* Lines with something on them: a bound on the blocks, so that the block
 * array is allocated once. Capped, as lines of spaces alone would
 * otherwise reserve a block each. */
#define RESERVE_MAX_BLOCKS 65536

static size_t count_filled_lines(const char *text, size_t len)
{
    size_t n = len > 0 && text[0] != '\n';
    for (const char *p = text, *end = text + len; n < RESERVE_MAX_BLOCKS;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        p = nl + 1;
        n += p < end && *p != '\n';
    }
    return n;
}

lede_status text_parse_blocks(const char *text, size_t len, block_stream *out)
{
    if (!blocks_reserve(out, out->count + count_filled_lines(text, len)))
        return LEDE_ERR_NOMEM;
    pending para = {0};
    buf_init(&para.text, out->a, 256);
    size_t pos = 0;
    unsigned blanks = 0;
    line prev = {0};

    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        line cur = {text + pos, end - pos, 0};
        if (cur.len && cur.start[cur.len - 1] == '\r')
            cur.len--;
        pos = nl ? end + 1 : len;

        size_t lead = line_lead(cur.start, cur.len, &cur.indent);
        if (lead == cur.len) {
            if (!flush_pending(&para, out))
                return LEDE_ERR_NOMEM;
            blanks++;
            prev.len = 0;
            continue;
        }
        const char *body = cur.start + lead;
        size_t body_len = cur.len - lead;
        bool wrapped = para.open && blanks == 0 && prev.len >= WRAP_MIN_LINE &&
                       cur.indent == prev.indent && ends_mid_sentence(prev.start, prev.len) &&
                       starts_lowercase(body, body_len);
        if (!wrapped) {
            if (!flush_pending(&para, out))
                return LEDE_ERR_NOMEM;
            para.open = true;
            para.clean = NULL;
            para.lines = 0;
            para.indent = cur.indent;
            para.blanks = blanks;
            para.marker = list_marker(body, body_len);
        }
        if (para.lines == 0 && is_normalised(body, body_len)) {
            para.clean = body;
            para.clean_len = body_len;
        } else {
            if (para.clean) {
                put_normalised(&para.text, para.clean, para.clean_len);
                para.clean = NULL;
            }
            put_normalised(&para.text, body, body_len);
        }
        if (para.text.failed)
            return LEDE_ERR_NOMEM;
        if (para.lines < UINT16_MAX)
            para.lines++;
        blanks = 0;
        prev = cur;
    }
    if (!flush_pending(&para, out))
        return LEDE_ERR_NOMEM;

    /* Headings need the blank line after them, known only now. */
    for (size_t i = 0; i < out->count; i++) {
        bool blank_after = i + 1 == out->count || out->items[i + 1].blank_before > 0;
        if (looks_like_heading(&out->items[i], blank_after))
            out->items[i].kind = BLOCK_HEADING;
    }
    return LEDE_OK;
}
