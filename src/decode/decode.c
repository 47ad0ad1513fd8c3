#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "../util/utf8.h"
#include "charset.h"

/* The HTML standard's prescan looks for <meta> in the first 1024 bytes. Pages
 * whose label sits later (behind long inline scripts) and whose bytes are not
 * UTF-8 get a second, longer look before falling back to windows-1252. */
enum { PRESCAN_BYTES = 1024, PRESCAN_LATE_BYTES = 16 * 1024 };

/* Binary detection looks at the start only: real text has no control bytes
 * there, while images, archives and executables are full of them. */
enum { BINARY_SAMPLE_BYTES = 4096, SNIFF_BYTES = 1024 };

/* ---- Small byte helpers ------------------------------------------------ */

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Case-insensitive: does s[0..len) start with the lower-case word w? */
static bool starts_with_ci(const char *s, size_t len, const char *w)
{
    size_t n = strlen(w);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (lower((unsigned char)s[i]) != (unsigned char)w[i])
            return false;
    }
    return true;
}

static bool equals_ci(const char *s, size_t len, const char *w)
{
    return strlen(w) == len && starts_with_ci(s, len, w);
}

/* ---- <meta> prescan (HTML standard, "prescan a byte stream") ----------- */

typedef struct span {
    const char *s;
    size_t len;
} span;

/* Reads one attribute at *pos; false at the end of the tag. Names are
 * compared case-insensitively by the caller. */
static bool next_attribute(const char *d, size_t end, size_t *pos, span *name, span *value)
{
    size_t p = *pos;
    while (p < end && (is_space((unsigned char)d[p]) || d[p] == '/'))
        p++;
    if (p >= end || d[p] == '>')
        return false;
    size_t name_start = p;
    /* A name may start with '=' per the standard, hence the p > name_start. */
    while (p < end && !is_space((unsigned char)d[p]) && d[p] != '/' && d[p] != '>' &&
           !(d[p] == '=' && p > name_start))
        p++;
    *name = (span){d + name_start, p - name_start};
    *value = (span){d + p, 0};
    while (p < end && is_space((unsigned char)d[p]))
        p++;
    if (p >= end || d[p] != '=') {
        *pos = p;
        return true;
    }
    p++;
    while (p < end && is_space((unsigned char)d[p]))
        p++;
    if (p < end && (d[p] == '"' || d[p] == '\'')) {
        char quote = d[p++];
        size_t value_start = p;
        while (p < end && d[p] != quote)
            p++;
        *value = (span){d + value_start, p - value_start};
        if (p < end)
            p++;
    } else {
        size_t value_start = p;
        while (p < end && !is_space((unsigned char)d[p]) && d[p] != '>')
            p++;
        *value = (span){d + value_start, p - value_start};
    }
    *pos = p;
    return true;
}

/* The charset named in a Content-Type value such as
 * "text/html; charset=Shift_JIS", or an empty span. */
static span charset_in_content(span content)
{
    const char *s = content.s;
    size_t n = content.len;
    for (size_t i = 0; i + 7 <= n; i++) {
        if (!starts_with_ci(s + i, n - i, "charset"))
            continue;
        size_t p = i + 7;
        while (p < n && is_space((unsigned char)s[p]))
            p++;
        if (p >= n || s[p] != '=')
            continue;
        p++;
        while (p < n && is_space((unsigned char)s[p]))
            p++;
        if (p < n && (s[p] == '"' || s[p] == '\'')) {
            char quote = s[p++];
            size_t start = p;
            while (p < n && s[p] != quote)
                p++;
            if (p >= n)
                return (span){s, 0};
            return (span){s + start, p - start};
        }
        size_t start = p;
        while (p < n && !is_space((unsigned char)s[p]) && s[p] != ';')
            p++;
        return (span){s + start, p - start};
    }
    return (span){s, 0};
}

/* Reads the attributes of a <meta> tag; returns the encoding it declares. */
static const charset *meta_charset(const char *d, size_t end, size_t *pos)
{
    span name, value, content = {d, 0}, label = {d, 0};
    bool is_content_type = false, has_charset_attr = false;
    while (next_attribute(d, end, pos, &name, &value)) {
        if (equals_ci(name.s, name.len, "http-equiv")) {
            is_content_type = equals_ci(value.s, value.len, "content-type");
        } else if (equals_ci(name.s, name.len, "content")) {
            content = value;
        } else if (equals_ci(name.s, name.len, "charset")) {
            label = value;
            has_charset_attr = true;
        }
    }
    if (!has_charset_attr) {
        if (!is_content_type)
            return NULL;
        label = charset_in_content(content);
    }
    const charset *cs = charset_from_label(label.s, label.len);
    /* A UTF-16 label in the bytes themselves cannot be true: the parser
     * just read it as ASCII. The standard says UTF-8. */
    if (cs == &charset_utf16le || cs == &charset_utf16be)
        cs = &charset_utf8;
    return cs;
}

static size_t skip_past(const char *d, size_t end, size_t pos, const char *what)
{
    size_t n = strlen(what);
    for (size_t p = pos; p + n <= end; p++) {
        if (memcmp(d + p, what, n) == 0)
            return p + n;
    }
    return end;
}

static const charset *prescan_meta(const char *d, size_t len, size_t limit)
{
    size_t end = len < limit ? len : limit;
    size_t pos = 0;
    while (pos < end) {
        if (d[pos] != '<') {
            pos++;
            continue;
        }
        const char *t = d + pos;
        size_t left = end - pos;
        if (starts_with_ci(t, left, "<!--")) {
            pos = skip_past(d, end, pos + 2, "-->");
        } else if (starts_with_ci(t, left, "<meta") && left > 5 &&
                   (is_space((unsigned char)t[5]) || t[5] == '/')) {
            pos += 5;
            const charset *cs = meta_charset(d, end, &pos);
            if (cs)
                return cs;
        } else if (left > 1 && (is_alpha((unsigned char)t[1]) ||
                                (t[1] == '/' && left > 2 && is_alpha((unsigned char)t[2])))) {
            /* Any other tag: skip its name and attributes, so that a '>' or
             * "<meta" inside a quoted attribute value is not misread. */
            pos++;
            while (pos < end && !is_space((unsigned char)d[pos]) && d[pos] != '>')
                pos++;
            span name, value;
            while (next_attribute(d, end, &pos, &name, &value))
                ;
        } else if (starts_with_ci(t, left, "<!") || starts_with_ci(t, left, "</") ||
                   starts_with_ci(t, left, "<?")) {
            pos = skip_past(d, end, pos, ">");
        } else {
            pos++;
        }
    }
    return NULL;
}

/* ---- Converters -------------------------------------------------------- */

/* Copies UTF-8 while replacing each invalid byte and each NUL with U+FFFD
 * (libxml2 stops parsing at a NUL). With out == NULL it only measures. */
static size_t sanitize_utf8(const char *in, size_t len, char *out)
{
    size_t n = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)in[i];
        if (c != 0 && c < 0x80) {
            if (out)
                out[n] = (char)c;
            n++;
            i++;
            continue;
        }
        size_t adv;
        uint32_t cp = c == 0 ? UTF8_REPLACEMENT : utf8_decode(in + i, len - i, &adv);
        if (c == 0)
            adv = 1;
        char tmp[4];
        size_t w = utf8_encode(cp, out ? out + n : tmp);
        /* A well-formed U+FFFD in the input is copied like any character. */
        n += w;
        i += adv;
    }
    return n;
}

/* What a UTF-8 reading of the bytes would give. */
typedef struct utf8_stats {
    size_t multibyte; /* well-formed non-ASCII characters */
    size_t invalid;   /* bytes that start no well-formed character */
    bool has_nul;
} utf8_stats;

static utf8_stats measure_utf8(const char *data, size_t len)
{
    utf8_stats st = {0, 0, false};
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;
    while (i < len) {
        /* Pages are mostly ASCII: skip eight bytes at a time when none of
         * them is non-ASCII or zero. */
        uint64_t w;
        if (len - i >= 8 && (memcpy(&w, data + i, 8), ((w | ((w - ones) & ~w)) & highs) == 0)) {
            i += 8;
            continue;
        }
        unsigned char c = (unsigned char)data[i];
        if (c < 0x80) {
            st.has_nul |= c == 0;
            i++;
            continue;
        }
        size_t adv;
        uint32_t cp = utf8_decode(data + i, len - i, &adv);
        if (cp == UTF8_REPLACEMENT && adv == 1)
            st.invalid++;
        else
            st.multibyte++;
        i += adv;
    }
    return st;
}

static lede_status from_utf8(arena *a, const char *data, size_t len, utf8_stats st, decoded *out)
{
    if (st.invalid == 0 && !st.has_nul) {
        out->text = arena_strndup(a, data, len);
        out->len = len;
    } else {
        size_t n = sanitize_utf8(data, len, NULL);
        out->text = arena_alloc(a, n + 1);
        if (out->text)
            sanitize_utf8(data, len, out->text);
        out->len = n;
    }
    out->charset = charset_utf8.name;
    return out->text ? LEDE_OK : LEDE_ERR_NOMEM;
}

/* windows-1252 is the fallback for any non-UTF-8 input, so it is decoded
 * here with a table rather than trusting iconv to be installed with all its
 * modules. Bytes 0x80-0x9F map to these code points (the unassigned five to
 * the C1 controls, as the Encoding Standard says); the rest are Latin-1. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static uint32_t cp1252_code_point(unsigned char c)
{
    if (c == 0)
        return UTF8_REPLACEMENT;
    if (c >= 0x80 && c < 0xA0)
        return cp1252_high[c - 0x80];
    return c;
}

static lede_status from_windows1252(arena *a, const char *data, size_t len, decoded *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        n += (c != 0 && c < 0x80) ? 1 : (c < 0xA0 ? 3 : 2);
    }
    char *text = arena_alloc(a, n + 1);
    if (!text)
        return LEDE_ERR_NOMEM;
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        w += utf8_encode(cp1252_code_point((unsigned char)data[i]), text + w);
    out->text = text;
    out->len = w;
    out->charset = charset_windows1252.name;
    return LEDE_OK;
}

static bool reserve(arena *a, char **text, size_t *cap, size_t used, size_t need)
{
    if (*cap - used >= need)
        return true;
    size_t grown = *cap * 2 + need;
    char *p = arena_grow_bytes(a, *text, *cap, grown);
    if (!p)
        return false;
    *text = p;
    *cap = grown;
    return true;
}

static lede_status from_iconv(arena *a, const char *data, size_t len, const charset *cs,
                              decoded *out)
{
    iconv_t cd = iconv_open("UTF-8", cs->iconv);
    if (cd == (iconv_t)-1)
        return from_windows1252(a, data, len, out);
    /* Two output bytes per input byte covers every single- and double-byte
     * encoding but Thai and the like, which grow the buffer once. */
    size_t cap = len * 2 + 64, used = 0;
    char *text = arena_alloc(a, cap);
    char *in = (char *)data;
    size_t in_left = len;
    bool ok = text != NULL;
    while (ok && in_left > 0) {
        char *o = text + used;
        size_t o_left = cap - used - 1;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        used = (size_t)(o - text);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            ok = reserve(a, &text, &cap, used, 64);
            continue;
        }
        /* EILSEQ, or EINVAL for a sequence cut off at the end: one U+FFFD
         * per bad byte, then carry on with the next. */
        ok = reserve(a, &text, &cap, used, 4);
        if (ok) {
            used += utf8_encode(UTF8_REPLACEMENT, text + used);
            in++;
            in_left--;
        }
    }
    iconv_close(cd);
    if (!ok)
        return LEDE_ERR_NOMEM;
    /* UTF-16 and a few legacy encodings can encode U+0000. */
    if (memchr(text, 0, used)) {
        lede_status st = from_utf8(a, text, used, measure_utf8(text, used), out);
        out->charset = cs->name;
        return st;
    }
    text[used] = '\0';
    out->text = text;
    out->len = used;
    out->charset = cs->name;
    return LEDE_OK;
}

/* ---- Public ------------------------------------------------------------ */

lede_status decode_to_utf8(arena *a, const char *data, size_t len, bool html, decoded *out)
{
    return decode_to_utf8_labelled(a, data, len, html, NULL, out);
}

lede_status decode_to_utf8_labelled(arena *a, const char *data, size_t len, bool html,
                                    const char *transport_label, decoded *out)
{
    const unsigned char *u = (const unsigned char *)data;
    *out = (decoded){0};
    if (len > SIZE_MAX / 4)
        return LEDE_ERR_NOMEM;
    /* A byte order mark wins over everything, as in browsers. */
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return from_utf8(a, data + 3, len - 3, measure_utf8(data + 3, len - 3), out);
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return from_iconv(a, data + 2, len - 2, &charset_utf16le, out);
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return from_iconv(a, data + 2, len - 2, &charset_utf16be, out);

    utf8_stats st = measure_utf8(data, len);
    /* Legacy encodings almost never form well-formed multi-byte sequences by
     * chance, so bytes that are mostly such sequences are UTF-8: whatever a
     * <meta> says (pages converted to UTF-8 often keep a stale label), and
     * even with a few bad bytes (a cut-off last character, one pasted-in
     * Latin-1 snippet), which then become U+FFFD instead of the whole page
     * turning into mojibake. */
    bool utf8_likely = st.multibyte > st.invalid;
    /* The transport's label (HTTP Content-Type) comes before <meta>, as in
     * browsers; an unknown label is ignored like a missing one. */
    const charset *cs =
        transport_label ? charset_from_label(transport_label, strlen(transport_label)) : NULL;
    if (!cs && html)
        cs = prescan_meta(data, len, PRESCAN_BYTES);
    if (!cs && html && st.invalid > 0)
        cs = prescan_meta(data, len, PRESCAN_LATE_BYTES);
    /* The converse: a UTF-8 label on bytes with invalid sequences and not
     * one valid multi-byte character is a legacy page mislabelled (old
     * templates emit the label regardless), so nothing of the page would be
     * lost by reading it as windows-1252, and its letters are kept. */
    if (cs == &charset_utf8 && st.invalid > 0 && st.multibyte == 0)
        cs = &charset_windows1252;
    if (cs == &charset_utf8 || utf8_likely || (!cs && st.invalid == 0))
        return from_utf8(a, data, len, st, out);
    if (!cs || cs == &charset_windows1252)
        return from_windows1252(a, data, len, out);
    return from_iconv(a, data, len, cs, out);
}

typedef struct magic {
    size_t offset;
    size_t len;
    const char *bytes;
} magic;

/* File signatures of formats that are never a news page. */
static const magic binary_magics[] = {
    {0, 8, "\x89PNG\r\n\x1a\n"},
    {0, 3, "\xFF\xD8\xFF"}, /* JPEG */
    {0, 4, "GIF8"},
    {0, 5, "%PDF-"},
    {0, 4, "PK\x03\x04"},       /* zip, docx, epub, jar */
    {0, 2, "\x1F\x8B"},         /* gzip that was not unpacked */
    {0, 4, "\x28\xB5\x2F\xFD"}, /* zstd */
    {0, 6,
     "\xFD"
     "7zXZ\x00"}, /* xz */
    {0, 6, "7z\xBC\xAF\x27\x1C"},
    {0, 4, "BZh9"},
    {0, 4,
     "\x7F"
     "ELF"},
    {0, 4, "\xCF\xFA\xED\xFE"}, /* Mach-O */
    {0, 4, "\0asm"},            /* WebAssembly */
    {0, 4, "RIFF"},             /* WebP, WAV, AVI */
    {0, 4, "OggS"},
    {0, 3, "ID3"},  /* MP3 */
    {0, 4, "wOFF"}, /* web fonts */
    {0, 4, "wOF2"},
    {0, 4, "II*\x00"}, /* TIFF */
    {0, 4, "MM\x00*"},
    {0, 16, "SQLite format 3\x00"},
    {4, 4, "ftyp"}, /* MP4, HEIC, AVIF */
};

bool decode_looks_binary(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    for (size_t i = 0; i < sizeof binary_magics / sizeof binary_magics[0]; i++) {
        const magic *m = &binary_magics[i];
        if (len >= m->offset + m->len && memcmp(data + m->offset, m->bytes, m->len) == 0)
            return true;
    }
    /* UTF-16 text is half NUL bytes; its BOM says so. */
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return false;
    size_t n = len < BINARY_SAMPLE_BYTES ? len : BINARY_SAMPLE_BYTES;
    size_t controls = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = u[i];
        /* Tab, line feed, vertical tab, form feed, carriage return and escape
         * (ISO-2022-JP) occur in text; other C0 controls and DEL do not.
         * Counted without a branch, so that the loop is vectorised. */
        controls +=
            (size_t)(((c < 0x20) & ((unsigned char)(c - '\t') > '\r' - '\t') & (c != 0x1B)) |
                     (c == 0x7F));
    }
    /* Random bytes hold about 10% such controls, text close to none; a few
     * stray NULs in a page do not make it binary. */
    return controls > 8 && controls * 20 > n;
}

/* Markup that opens an HTML document, and tags frequent in any page body.
 * Plain text rarely contains either; text scraped from pages sometimes
 * carries a leaked tag or two (tracking pixels from <noscript>), but then
 * the same kind over and over, so two different kinds are needed. */
static const char *const document_tags[] = {"<!doctype html", "<html", "<head", "<body", "<?xml"};
static const char *const body_tags[] = {
    "<div", "<p",  "<br",      "<span",    "<a",   "<meta", "<title", "<script", "<link", "<table",
    "<li",  "<ul", "<article", "<section", "<img", "<h1",   "<h2",    "<style",  "<!--"};
_Static_assert(sizeof body_tags / sizeof body_tags[0] <= 32, "one bit of kinds_seen per tag");

/* Is there a tag name w at s, followed by the end of the name? */
static bool tag_at(const char *s, size_t len, const char *w)
{
    size_t n = strlen(w);
    if (!starts_with_ci(s, len, w))
        return false;
    if (len == n || strcmp(w, "<!--") == 0)
        return true;
    unsigned char next = (unsigned char)s[n];
    return is_space(next) || next == '>' || next == '/';
}

lede_input decode_sniff_kind(const char *data, size_t len)
{
    size_t p = 0;
    const unsigned char *u = (const unsigned char *)data;
    /* UTF-16 markup is ASCII with a zero byte beside each letter: sniff the
     * letters alone. */
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        char narrow[SNIFF_BYTES];
        size_t n = 0, low = u[0] == 0xFF ? 0 : 1;
        for (size_t i = 2; i + 1 < len && n < sizeof narrow; i += 2) {
            unsigned char lo = u[i + low], hi = u[i + 1 - low];
            narrow[n++] = hi == 0 && lo < 0x80 && lo != 0 ? (char)lo : '?';
        }
        return decode_sniff_kind(narrow, n);
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        p = 3;
    while (p < len && is_space(u[p]))
        p++;
    /* A document that starts with a tag is markup. */
    if (p + 1 < len && u[p] == '<' && (is_alpha(u[p + 1]) || u[p + 1] == '!' || u[p + 1] == '?'))
        return LEDE_INPUT_HTML;
    size_t end = len < p + SNIFF_BYTES ? len : p + SNIFF_BYTES;
    uint32_t kinds_seen = 0;
    int kinds = 0;
    for (size_t i = p; i < end; i++) {
        if (u[i] != '<')
            continue;
        for (size_t k = 0; k < sizeof document_tags / sizeof document_tags[0]; k++) {
            if (tag_at(data + i, len - i, document_tags[k]))
                return LEDE_INPUT_HTML;
        }
        for (size_t k = 0; k < sizeof body_tags / sizeof body_tags[0]; k++) {
            if (!(kinds_seen & (1u << k)) && tag_at(data + i, len - i, body_tags[k])) {
                kinds_seen |= 1u << k;
                if (++kinds >= 2)
                    return LEDE_INPUT_HTML;
            }
        }
    }
    return LEDE_INPUT_TEXT;
}
