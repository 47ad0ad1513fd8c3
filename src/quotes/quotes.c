/* Quote spans and their attribution. The paragraphs become one token array;
 * quotation marks are paired per paragraph; each quote then looks for a
 * reporting cue ("said", "according to") next to it in its sentence and for
 * the cue's subject, which people.c resolves to a person's full name. */
#include "quotes.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../util/hash.h"
#include "../util/utf8.h"
#include "annotate.h"
#include "lexicon.h"

bool tok_is(const token *t, const char *word)
{
    if (t->kind == TK_QUOTE)
        return false;
    /* No strlen: the first differing byte (usually the first) decides, and
     * the word's NUL never equals a token byte. */
    for (uint32_t i = 0; i < t->len; i++) {
        char c = t->s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return word[t->len] == '\0';
}

#include "lists.inc"

/* The word lists (WL_*) of data/lexicons/word-lists.tsv that the token,
 * folded to lower case, is in. */
static uint32_t word_lists(const token *t)
{
    if (t->kind != TK_WORD || t->len > WL_MAX_LEN)
        return 0;
    uint32_t h = hash_short_folded(t->s, t->len);
    uint32_t mask = (1u << WL_BITS) - 1;
    for (uint32_t i = h & mask; WL_KEYS[i]; i = (i + 1) & mask) {
        uint32_t key = WL_KEYS[i];
        if (key >> 16 != h >> 16)
            continue;
        const unsigned char *r = (const unsigned char *)WL_RECORDS + (key & 0xFFFF);
        if (r[0] != t->len)
            continue;
        uint32_t k = 0;
        while (k < t->len && fold_byte((unsigned char)t->s[k]) == r[3 + k])
            k++;
        if (k == t->len)
            return r[1] | (uint32_t)r[2] << 8;
    }
    return 0;
}

/* Whether the token is in any of the lists. */
static inline bool in_lists(const token *t, uint32_t lists)
{
    return (word_lists(t) & lists) != 0;
}

/* strcmp order between the token folded to lower case and word. */
static int compare_folded(const token *t, const char *word)
{
    for (uint32_t i = 0; i < t->len; i++) {
        char c = t->s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (!word[i])
            return 1;
        if (c != word[i])
            return (unsigned char)c < (unsigned char)word[i] ? -1 : 1;
    }
    return word[t->len] ? -1 : 0;
}

bool word_in_sorted(const token *t, const char (*words)[LIST_WORD], size_t count)
{
    if (t->kind != TK_WORD || t->len >= LIST_WORD)
        return false;
    /* Most steps are decided by the first letter alone. */
    unsigned char first = fold_byte((unsigned char)t->s[0]);
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        unsigned char w0 = (unsigned char)words[mid][0];
        int c = first != w0 ? (first < w0 ? -1 : 1) : compare_folded(t, words[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

const char *tokens_text(annotator *an, uint32_t first, uint32_t end)
{
    /* Measured first, then copied into one uncleared block. */
    size_t len = 0;
    for (uint32_t i = first; i < end; i++) {
        const token *t = &an->t[i];
        len += (i > first && t->space_before) + (i + 1 == end ? tok_base_len(t) : t->len);
    }
    char *out = arena_grow_bytes(an->out, NULL, 0, len + 1);
    if (!out)
        return NULL;
    char *at = out;
    for (uint32_t i = first; i < end; i++) {
        const token *t = &an->t[i];
        if (i > first && t->space_before)
            *at++ = ' ';
        size_t n = i + 1 == end ? tok_base_len(t) : t->len;
        memcpy(at, t->s, n);
        at += n;
    }
    *at = '\0';
    return out;
}

bool tokens_equal(const annotator *an, uint32_t first, uint32_t end, const char *text)
{
    const char *at = text;
    for (uint32_t i = first; i < end; i++) {
        const token *t = &an->t[i];
        if (i > first && t->space_before && *at++ != ' ')
            return false;
        size_t n = i + 1 == end ? tok_base_len(t) : t->len;
        /* No token byte is NUL: the text's end is a difference. */
        for (size_t k = 0; k < n; k++)
            if (at[k] != t->s[k])
                return false;
        at += n;
    }
    return *at == '\0';
}

/* ---- Tokens ---------------------------------------------------------- */

/* Doubles the token array. It is not cleared: every field of a token is
 * written when it is made. */
static bool grow_tokens(annotator *an)
{
    size_t cap = an->cap ? an->cap * 2 : 1024;
    token *grown = arena_grow_bytes(an->a, an->t, an->cap * sizeof *grown, cap * sizeof *grown);
    if (!grown)
        return false;
    an->t = grown;
    an->cap = cap;
    return true;
}

/* utf8_decode with the three-byte sequences news text is full of (’ “ ” —)
 * decoded in line. */
static inline uint32_t decode_at(const char *p, size_t len, size_t *adv)
{
    const unsigned char *u = (const unsigned char *)p;
    if ((u[0] & 0xF0) == 0xE0 && len >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        uint32_t cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
            *adv = 3;
            return cp;
        }
    }
    return utf8_decode(p, len, adv);
}

/* The quotation mark that code point cp (its bytes at s, adv of len) is,
 * or -1; adv grows over the second of a doubled single. Doubled curly
 * singles (‘‘ ’’) count as doubles, a wire-copy convention; doubled ASCII
 * apostrophes do not: news sites do not publish them as quotes, they come
 * from archive conversions. */
static int mark_of(uint32_t cp, const char *s, size_t len, size_t *adv)
{
    switch (cp) {
    case '"':
        return MARK_STRAIGHT;
    case 0x201C:
        return MARK_LEFT;
    case 0x201D:
        return MARK_RIGHT;
    case 0x201E:
        return MARK_LOW;
    case 0xAB:
        return MARK_GUIL_L;
    case 0xBB:
        return MARK_GUIL_R;
    case 0x2039:
        return MARK_SGUIL_L;
    case 0x203A:
        return MARK_SGUIL_R;
    case 0x300C:
    case 0x300E:
        return MARK_CJK_L;
    case 0x300D:
    case 0x300F:
        return MARK_CJK_R;
    case 0x2018:
    case 0x2019: {
        size_t adv2 = 0;
        if (*adv < len && decode_at(s + *adv, len - *adv, &adv2) == cp) {
            *adv += adv2;
            return cp == 0x2018 ? MARK_LEFT : MARK_RIGHT;
        }
        return -1;
    }
    default:
        return -1;
    }
}

static bool is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

/* Appends v to a growable index list of the stage's arena (the paragraph's
 * quotation marks, the capitalised words). */
static void push_index(arena *a, uint32_t **items, size_t *count, size_t *cap, size_t first_cap,
                       uint32_t v)
{
    if (*count == *cap) {
        size_t grown_cap = *cap ? *cap * 2 : first_cap;
        uint32_t *grown =
            arena_grow_bytes(a, *items, *cap * sizeof *grown, grown_cap * sizeof *grown);
        if (!grown)
            return;
        *items = grown;
        *cap = grown_cap;
    }
    (*items)[(*count)++] = v;
}

/* ASCII byte classes, so the bulk of news text is tokenised without
 * decoding: bytes from 0x80 on take the Unicode path. */
enum {
    B_SPACE = 1,
    B_LOWER = 2,
    B_UPPER = 4,
    B_DIGIT = 8,
    B_QUOTE = 16,
    B_PUNCT = 32,
    B_UTF8 = 64,
    B_ALNUM = B_LOWER | B_UPPER | B_DIGIT
};

#define B4(c) c, c, c, c
#define B16(c) B4(c), B4(c), B4(c), B4(c)
static const uint8_t BYTE_CLASS[256] = {
    B16(B_SPACE), B16(B_SPACE), /* controls */
    /* ' ' ! " # $ % & ' ( ) * + , - . / */
    B_SPACE, B_PUNCT, B_QUOTE, B_PUNCT, B_PUNCT, B_PUNCT, B_PUNCT, B_PUNCT, B_PUNCT, B_PUNCT,
    B_PUNCT, B_PUNCT, B_PUNCT, B_PUNCT, B_PUNCT, B_PUNCT,
    /* 0-9 : ; < = > ? */
    B_DIGIT, B_DIGIT, B_DIGIT, B_DIGIT, B_DIGIT, B_DIGIT, B_DIGIT, B_DIGIT, B_DIGIT, B_DIGIT,
    B_PUNCT, B_PUNCT, B_PUNCT, B_PUNCT, B_PUNCT, B_PUNCT,
    /* @ A-Z [ \ ] ^ _ ('_' is a word character that is neither case) */
    B_PUNCT, B16(B_UPPER), B4(B_UPPER), B4(B_UPPER), B_UPPER, B_UPPER, B_PUNCT, B_PUNCT, B_PUNCT,
    B_PUNCT, B_LOWER,
    /* ` a-z { | } ~ DEL */
    B_PUNCT, B16(B_LOWER), B4(B_LOWER), B4(B_LOWER), B_LOWER, B_LOWER, B_PUNCT, B_PUNCT, B_PUNCT,
    B_PUNCT, B_SPACE, B16(B_UTF8), B16(B_UTF8), B16(B_UTF8), B16(B_UTF8), B16(B_UTF8), B16(B_UTF8),
    B16(B_UTF8), B16(B_UTF8)};
#undef B16
#undef B4

static bool word_char_at(const char *s, size_t len)
{
    uint8_t c = BYTE_CLASS[(unsigned char)s[0]];
    if (c != B_UTF8)
        return c & B_ALNUM;
    size_t adv;
    return utf8_is_word(utf8_decode(s, len, &adv));
}

static bool is_terminal(const token *t)
{
    return t->kind == TK_PUNCT && (t->s[0] == '.' || t->s[0] == '!' || t->s[0] == '?' ||
                                   !memcmp(t->s, "\xE2\x80\xA6", t->len < 3 ? t->len : 3));
}

/* Whether token t, right after a sentence's closing mark in the same
 * paragraph, carries the sentence on. */
static bool continues_after_period(const token *t)
{
    if (t->kind == TK_PUNCT)
        return t->s[0] == ',' || t->s[0] == ';' || t->s[0] == ')';
    return t->kind == TK_WORD && !t->cap && !utf8_is_digit((unsigned char)t->s[0]);
}

/* Gives a finished token its sentence number as it is made, taking every
 * token to stand outside quotes: right for a paragraph with no quotation
 * marks; the others are numbered again once their quotes are paired. */
static inline void settle_sentence(token *t, bool terminal, bool *after_terminal, uint32_t *sent)
{
    if (*after_terminal && !continues_after_period(t))
        ++*sent;
    t->sent = *sent;
    *after_terminal = terminal;
}

/* What a capitalised word t (its first letter adv bytes long, base_len
 * bytes before any possessive) carries: upper case throughout, its people
 * bucket and closed-class flags; it joins the list of capitalised words.
 * lower tells whether a lower-case letter beyond ASCII was seen. */
static inline void capitalised_word(annotator *an, token *t, size_t adv, uint32_t base_len,
                                    bool lower)
{
    const char *w = t->s;
    uint32_t wlen = t->len;
    for (size_t k = adv; k < wlen && !lower; k++)
        lower = BYTE_CLASS[(unsigned char)w[k]] == B_LOWER;
    t->upper = !lower && wlen > adv;
    /* Hashed folded to lower case: up to the possessive for people
     * look-ups, the whole word for closed-class words (the same hash but
     * for the rare possessive). */
    uint32_t h = hash_short_folded(w, base_len);
    t->bucket = (uint8_t)(h & (PEOPLE_BUCKETS - 1));
    if (base_len != wlen)
        h = hash_short_folded(w, wlen);
    t->lex = wlen < 24 ? people_word_flags_hashed(t, h) : 0;
    push_index(an->a, &an->caps, &an->ncaps, &an->capscap, 256, (uint32_t)an->n);
}

/* ---- Plain prose, sixteen bytes at a time ----------------------------
 * Most of a story is runs of ASCII words, spaces and commas. With SSE2
 * (every x86-64) such a run is classified into bit masks, a bit a byte,
 * and its tokens are read off the masks: no branch on each byte nor on a
 * word's length. Elsewhere the byte loop below does it all. */
#if defined(__SSE2__)

typedef struct plain_masks {
    uint64_t words, uppers, spaces, commas; /* words: A-Z a-z 0-9 _ */
    unsigned len;                           /* bytes of the run, at most 64 */
} plain_masks;

/* Bytes of v in [lo, hi]; bytes from 0x80 on are negative, never inside. */
static inline __m128i bytes_within(__m128i v, char lo, char hi)
{
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)(lo - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8((char)(hi + 1))));
}

/* Word bytes of v (A-Z a-z 0-9 _) as a mask, a bit a byte. */
static inline unsigned word_byte_mask(__m128i v)
{
    __m128i word = _mm_or_si128(
        _mm_or_si128(bytes_within(v, 'a', 'z'), bytes_within(v, 'A', 'Z')),
        _mm_or_si128(bytes_within(v, '0', '9'), _mm_cmpeq_epi8(v, _mm_set1_epi8('_'))));
    return (unsigned)_mm_movemask_epi8(word);
}

/* The end of the ASCII word bytes from s[i] on, s[len] being the
 * paragraph's NUL. Sixteen bytes at a time: a byte loop's exit is a branch
 * mispredicted once a word, and most words are shorter than sixteen. */
static inline size_t word_end(const char *s, size_t i, size_t len)
{
    for (; i + 16 <= len; i += 16) {
        unsigned other = ~word_byte_mask(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
        if (other & 0xFFFF)
            return i + (unsigned)__builtin_ctz(other);
    }
    while (BYTE_CLASS[(unsigned char)s[i]] & B_ALNUM)
        i++;
    return i;
}

/* Masks of the run of word bytes, ' ' and ',' at s[0..limit), 16 <= limit
 * <= 64; a tail shorter than sixteen bytes is left out. */
static plain_masks plain_run(const char *s, size_t limit)
{
    plain_masks m = {0, 0, 0, 0, 0};
    for (unsigned at = 0; at + 16 <= limit; at += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
        __m128i upper = bytes_within(v, 'A', 'Z');
        __m128i word = _mm_or_si128(
            _mm_or_si128(bytes_within(v, 'a', 'z'), upper),
            _mm_or_si128(bytes_within(v, '0', '9'), _mm_cmpeq_epi8(v, _mm_set1_epi8('_'))));
        unsigned w = (unsigned)_mm_movemask_epi8(word);
        unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
        unsigned c = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')));
        m.words |= (uint64_t)w << at;
        m.uppers |= (uint64_t)(unsigned)_mm_movemask_epi8(upper) << at;
        m.spaces |= (uint64_t)sp << at;
        m.commas |= (uint64_t)c << at;
        unsigned plain = w | sp | c;
        if (plain != 0xFFFF) {
            m.len = at + (unsigned)__builtin_ctz(~plain);
            break;
        }
        m.len = at + 16;
    }
    return m;
}

/* Tokens of the plain run that starts with the word at s[i], up to its
 * last space or comma (a word the run cuts off may go on in other
 * characters: the byte loop takes it). Returns the bytes taken; 0 when the
 * run is too short to pay, and then *short_end is its end. */
static size_t tokenize_plain(annotator *an, uint32_t para, const char *s, size_t i, size_t stop,
                             bool *space, bool *after_terminal, uint32_t *sent, size_t *short_end)
{
    size_t limit = stop - i < 64 ? stop - i : 64;
    if (limit < 16)
        return 0;
    plain_masks m = plain_run(s + i, limit);
    uint64_t in_run = m.len >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << m.len) - 1;
    uint64_t breaks = (m.spaces | m.commas) & in_run;
    if (m.len < 16 || !breaks) {
        *short_end = i + m.len;
        return 0;
    }
    unsigned last = 63 - (unsigned)__builtin_clzll(breaks);
    uint64_t taken = last == 63 ? ~(uint64_t)0 : ((uint64_t)1 << (last + 1)) - 1;
    /* Only the first token may start a sentence (settle_sentence): none in
     * the run ends one. A comma has no word bytes: its length is the one
     * added. */
    if (*after_terminal && ((m.uppers & 1) || (s[i] >= '0' && s[i] <= '9')))
        ++*sent;
    *after_terminal = false;
    _Static_assert(TK_WORD == 0 && TK_PUNCT == 1, "a comma's kind is its flag");
    uint64_t todo = ((m.words & ~(m.words << 1)) | m.commas) & taken;
    uint64_t space_before = (m.spaces << 1) | *space;
    for (; todo; todo &= todo - 1) {
        unsigned at = (unsigned)__builtin_ctzll(todo);
        unsigned is_comma = (m.commas >> at) & 1;
        bool cap = (m.uppers >> at) & 1;
        token *t = &an->t[an->n];
        *t = (token){.s = s + i + at,
                     .len = (uint32_t)__builtin_ctzll(~(m.words >> at)) + is_comma,
                     .para = para,
                     .sent = *sent,
                     .quote = NONE,
                     .seq = NONE,
                     .person = NONE,
                     .kind = (uint8_t)is_comma,
                     .cap = cap,
                     .space_before = (space_before >> at) & 1};
        if (cap)
            capitalised_word(an, t, 1, t->len, false);
        an->n++;
    }
    *space = (m.spaces >> last) & 1;
    return last + 1;
}

#else

static inline size_t word_end(const char *s, size_t i, size_t len)
{
    (void)len;
    while (BYTE_CLASS[(unsigned char)s[i]] & B_ALNUM)
        i++;
    return i;
}

static size_t tokenize_plain(annotator *an, uint32_t para, const char *s, size_t i, size_t stop,
                             bool *space, bool *after_terminal, uint32_t *sent, size_t *short_end)
{
    (void)an, (void)para, (void)s, (void)stop, (void)space, (void)after_terminal, (void)sent;
    *short_end = i;
    return 0;
}

#endif

static void tokenize_paragraph(annotator *an, uint32_t para, const char *s, size_t len,
                               uint32_t *sent)
{
    size_t i = 0, plain_end = 0;
    bool space = true;
    bool after_terminal = false;
    while (i < len) {
        /* Every token starts on a byte of its own, so the next room bytes
         * make at most room tokens: the inner loop needs no test per
         * token. */
        if (an->n == an->cap && !grow_tokens(an))
            return;
        size_t room = an->cap - an->n;
        size_t stop = len - i > room ? i + room : len;
        while (i < stop) {
            uint8_t cls = BYTE_CLASS[(unsigned char)s[i]];
            size_t adv = 1;
            uint32_t cp = (unsigned char)s[i];
            if (cls == B_SPACE) {
                space = true;
                i++;
                continue;
            }
            if ((cls & B_ALNUM) && i >= plain_end) {
                size_t took =
                    tokenize_plain(an, para, s, i, stop, &space, &after_terminal, sent, &plain_end);
                if (took) {
                    i += took;
                    continue;
                }
            }
            if (cls & B_ALNUM) {
                /* An ASCII word outside a plain run (or without SSE2) that
                 * a space, a punctuation mark joining nothing or a full
                 * stop ends. Anything else (a hyphen, an apostrophe, a
                 * letter beyond ASCII) takes the general path below. The
                 * paragraph's NUL is a space byte: no bounds test. */
                size_t end = word_end(s, i + 1, len);
                unsigned char after = (unsigned char)s[end];
                uint8_t c = BYTE_CLASS[after];
                /* A sentence's last word and its period, the commonest
                 * case that runs do not take: nothing after the period
                 * joins it to a next word. Its period must start before
                 * stop, where the room for tokens ends. */
                bool full_stop = after == '.' && end < stop &&
                                 (BYTE_CLASS[(unsigned char)s[end + 1]] & (B_SPACE | B_QUOTE));
                if ((c & (B_SPACE | B_QUOTE)) ||
                    (c == B_PUNCT && after != '.' && after != '-' && after != '\'') || full_stop) {
                    token *t = &an->t[an->n];
                    bool cap = cls == B_UPPER;
                    *t = (token){.s = s + i,
                                 .len = (uint32_t)(end - i),
                                 .para = para,
                                 .quote = NONE,
                                 .seq = NONE,
                                 .person = NONE,
                                 .kind = TK_WORD,
                                 .cap = cap,
                                 .space_before = space};
                    if (full_stop) {
                        /* The period of an initial or an abbreviation is
                         * the word's, as on the general path below. */
                        if ((cap && t->len == 1) || (t->len <= 6 && in_lists(t, WL_ABBREVIATION))) {
                            t->len++;
                            full_stop = false;
                        }
                        end++;
                        after = (unsigned char)s[end];
                    }
                    if (cap)
                        capitalised_word(an, t, 1, t->len, false);
                    settle_sentence(t, false, &after_terminal, sent);
                    an->n++;
                    if (full_stop) {
                        t = &an->t[an->n++];
                        *t = (token){.s = s + end - 1,
                                     .len = 1,
                                     .para = para,
                                     .quote = NONE,
                                     .seq = NONE,
                                     .person = NONE,
                                     .kind = TK_PUNCT};
                        settle_sentence(t, true, &after_terminal, sent);
                    }
                    /* The single space after it, taken here. */
                    space = after == ' ';
                    i = end + space;
                    continue;
                }
            }
            if (cls == B_UTF8) {
                cp = decode_at(s + i, len - i, &adv);
                if (utf8_is_space(cp)) {
                    space = true;
                    i += adv;
                    continue;
                }
            }
            token *t = &an->t[an->n];
            *t = (token){.s = s + i, .para = para, .quote = NONE, .seq = NONE, .person = NONE};
            t->space_before = space;
            space = false;
            size_t madv = adv;
            /* Only '"' and non-ASCII bytes can start a mark. */
            int mark = (cls & (B_UTF8 | B_QUOTE)) ? mark_of(cp, s + i, len - i, &madv) : -1;
            if (mark >= 0) {
                t->kind = TK_QUOTE;
                t->mark = (uint8_t)mark;
                t->len = (uint32_t)madv;
                settle_sentence(t, false, &after_terminal, sent);
                i += madv;
                push_index(an->a, &an->marks, &an->nmarks, &an->markscap, 16, (uint32_t)an->n);
                an->n++;
                continue;
            }
            if ((cls & (B_PUNCT | B_QUOTE)) || (cls == B_UTF8 && !utf8_is_word(cp))) {
                t->kind = TK_PUNCT;
                size_t end = i + adv;
                /* "--" and "..." are one mark each. */
                while (end < len && (s[end] == '-' || s[end] == '.') && s[end] == s[i])
                    end++;
                t->len = (uint32_t)(end - i);
                settle_sentence(t, is_terminal(t), &after_terminal, sent);
                i = end;
                an->n++;
                continue;
            }
            t->kind = TK_WORD;
            t->cap = cls == B_UPPER || (cls == B_UTF8 && utf8_is_upper(cp));
            /* Lower-case letters beyond ASCII; the ASCII ones are looked for
             * afterwards, in capitalised words only. */
            bool lower = false;
            bool apostrophe = false;
            size_t end = i + adv;
            size_t dots = 0;
            for (;;) {
                /* ASCII letters and digits, the bulk of a word; the paragraph's
                 * NUL is a space byte, so no bounds test. */
                end = word_end(s, end, len);
                uint8_t c = BYTE_CLASS[(unsigned char)s[end]];
                if (c & (B_SPACE | B_QUOTE))
                    break;
                size_t a2 = 1;
                uint32_t c2 = (unsigned char)s[end];
                if (c == B_UTF8) {
                    c2 = decode_at(s + end, len - end, &a2);
                    if (utf8_is_word(c2)) {
                        if (!utf8_is_upper(c2) && !utf8_is_digit(c2))
                            lower = true;
                        end += a2;
                        continue;
                    }
                }
                /* Word-internal joiners: U.S, al-Assad, O’Brien, Assad’s. */
                if ((c2 == '.' || c2 == '-' || c2 == 0x2010 || is_apostrophe(c2)) &&
                    end + a2 < len && word_char_at(s + end + a2, len - end - a2)) {
                    if (c2 == '.')
                        dots++;
                    apostrophe |= is_apostrophe(c2);
                    end += a2;
                    continue;
                }
                break;
            }
            /* Locals, not fields, while the word is measured: stores through t
             * would force the compiler to reload after each one. */
            const char *w = s + i;
            uint32_t wlen = (uint32_t)(end - i);
            bool cap = t->cap;
            /* The period after an initial, an abbreviation or an acronym with
             * dots ("J.", "Sen.", "U.S.") is part of the word. */
            if (end < len && s[end] == '.') {
                bool initial = cap && wlen == adv;
                t->len = wlen;
                /* Abbreviations have at most six letters ("messrs"). */
                if (initial || dots > 0 || (wlen <= 6 && in_lists(t, WL_ABBREVIATION)))
                    wlen++, end++;
            }
            t->len = wlen;
            uint32_t base_len = wlen;
            /* A possessive's apostrophe was taken in as a joiner. */
            if (apostrophe) {
                if (wlen > 2 && w[wlen - 1] == 's' && w[wlen - 2] == '\'')
                    base_len = wlen - 2;
                else if (wlen > 4 && w[wlen - 1] == 's' && !memcmp(w + wlen - 4, "\xE2\x80\x99", 3))
                    base_len = wlen - 4;
            }
            t->poss = (uint8_t)(wlen - base_len);
            if (cap)
                capitalised_word(an, t, adv, base_len, lower);
            settle_sentence(t, false, &after_terminal, sent);
            i = end;
            an->n++;
        }
    }
    /* The paragraph ends any sentence. */
    *sent += after_terminal ? 2 : 1;
}

/* ---- Quote spans ----------------------------------------------------- */

static bool is_punct(const token *t, char c)
{
    return t->kind == TK_PUNCT && t->len == 1 && t->s[0] == c;
}

static bool mark_closes(mark_kind open, mark_kind m)
{
    switch (open) {
    case MARK_STRAIGHT:
        return m == MARK_STRAIGHT || m == MARK_RIGHT;
    case MARK_LEFT:
        return m == MARK_RIGHT || m == MARK_STRAIGHT;
    case MARK_RIGHT: /* Nordic ”…” */
        return m == MARK_RIGHT;
    case MARK_LOW: /* German „…“ and Polish „…” */
        return m == MARK_LEFT || m == MARK_RIGHT;
    case MARK_GUIL_L:
        return m == MARK_GUIL_R;
    case MARK_GUIL_R: /* German »…« */
        return m == MARK_GUIL_L;
    case MARK_SGUIL_L:
        return m == MARK_SGUIL_R;
    case MARK_SGUIL_R:
        return m == MARK_SGUIL_L;
    case MARK_CJK_L:
        return m == MARK_CJK_R;
    case MARK_CJK_R:
        return false;
    }
    return false;
}

static bool mark_may_open(const annotator *an, uint32_t i)
{
    const token *t = &an->t[i];
    bool next_close = i + 1 >= an->n || an->t[i + 1].para != t->para || an->t[i + 1].space_before;
    switch ((mark_kind)t->mark) {
    case MARK_STRAIGHT:
    case MARK_LEFT:
    case MARK_LOW:
    case MARK_GUIL_L:
    case MARK_SGUIL_L:
    case MARK_CJK_L:
        return true;
    case MARK_RIGHT:
    case MARK_GUIL_R:
    case MARK_SGUIL_R:
        /* A closing shape opens only where an opening one would stand. */
        return t->space_before && !next_close;
    case MARK_CJK_R:
        return false;
    }
    return false;
}

static void add_span(annotator *an, uint32_t para, uint32_t open, uint32_t close, uint32_t end)
{
    if (an->nq == an->qcap) {
        size_t cap = an->qcap ? an->qcap * 2 : 32;
        qspan *grown = arena_realloc(an->a, an->q, an->qcap * sizeof *grown, cap * sizeof *grown);
        if (!grown)
            return;
        an->q = grown;
        an->qcap = cap;
    }
    uint32_t first = open + 1;
    if (first >= end)
        return; /* empty marks */
    qspan *q = &an->q[an->nq];
    memset(q, 0, sizeof *q);
    q->para = para;
    q->open = open;
    q->close = close;
    q->first = first;
    q->end = end;
    q->speaker_person = NONE;
    const char *from = an->t[first].s;
    /* A comma before the closing mark is the writer's ("…effort,” Kerry
     * said), not the speaker's. */
    uint32_t last = end - 1;
    if (last > first && is_punct(&an->t[last], ','))
        last--;
    const char *to = an->t[last].s + an->t[last].len;
    q->text = arena_strndup(an->out, from, (size_t)(to - from));
    for (uint32_t k = open; k < (close == NONE ? end : close + 1); k++)
        an->t[k].quote = (uint32_t)an->nq;
    an->nq++;
}

/* Pairs the paragraph's quotation marks (an->marks) into quote spans; its
 * tokens end before end. */
static void pair_marks(annotator *an, uint32_t para, uint32_t end)
{
    uint32_t open = NONE;
    for (size_t m = 0; m < an->nmarks; m++) {
        uint32_t i = an->marks[m];
        const token *t = &an->t[i];
        if (open == NONE) {
            if (mark_may_open(an, i))
                open = i;
            continue;
        }
        if (mark_closes(an->t[open].mark, t->mark)) {
            add_span(an, para, open, i, i);
            open = NONE;
        } else if (mark_may_open(an, i)) {
            /* A new opening mark before any close: the first quote ran on
             * unclosed (a typo, or a quote cut short). */
            add_span(an, para, open, NONE, i);
            open = i;
        }
    }
    if (open != NONE)
        add_span(an, para, open, NONE, end); /* continues in the next paragraph */
}

/* A period followed by a comma or a lower-case word ends an abbreviation
 * ("R-Ky.,"), not a sentence. */
static bool continues_sentence(const annotator *an, size_t next, uint32_t para)
{
    if (next >= an->n || an->t[next].para != para)
        return false;
    return continues_after_period(&an->t[next]);
}

/* Numbers the sentences of the paragraph's tokens [first, end) again once
 * its quotes are paired, while its tokens are still in cache; *sent is the
 * number of token first. */
static void number_sentences(annotator *an, uint32_t para, uint32_t first, uint32_t end,
                             uint32_t *sent)
{
    for (uint32_t i = first; i < end; i++) {
        token *t = &an->t[i];
        t->sent = *sent;
        if (t->kind == TK_PUNCT && t->quote == NONE && is_terminal(t) &&
            !continues_sentence(an, i + 1, para))
            ++*sent;
    }
    ++*sent;
}

/* ---- Attribution ----------------------------------------------------- */

static bool is_dash(const token *t)
{
    /* A one-byte mark may end its paragraph's buffer: the length first. */
    return t->kind == TK_PUNCT &&
           (t->s[0] == '-' || (t->len >= 3 && (!memcmp(t->s, "\xE2\x80\x94", 3) ||
                                               !memcmp(t->s, "\xE2\x80\x93", 3))));
}

static bool is_cue(const annotator *an, uint32_t i)
{
    const token *t = &an->t[i];
    if (t->kind != TK_WORD || t->quote != NONE || t->len > 20)
        return false;
    if (tok_is(t, "according"))
        return i + 1 < an->n && tok_is(&an->t[i + 1], "to");
    /* Only the sentence's first word may be capitalised ("Said Kerry"). */
    if (t->cap && i > 0 && an->t[i - 1].sent == t->sent && an->t[i - 1].para == t->para)
        return false;
    if (!lexicon_reporting_verb(t->s, t->len))
        return false;
    /* "his comments", "the report": the noun, not the verb. */
    if (i > 0 && an->t[i - 1].para == t->para &&
        (in_lists(&an->t[i - 1], WL_DETERMINER) || an->t[i - 1].poss))
        return false; /* "Ginsburg’s comments" too */
    return true;
}

static bool weak_cue(const token *t)
{
    return in_lists(t, WL_WEAK_CUE);
}

static bool is_participle(const token *t)
{
    return t->len > 4 && !memcmp(t->s + t->len - 3, "ing", 3);
}

typedef enum { NP_NONE, NP_NAME, NP_PRONOUN, NP_NOMINAL } np_kind;

typedef struct np {
    np_kind kind;
    uint32_t first, end;
    uint32_t person;
} np;

static bool same_clause(const annotator *an, uint32_t i, uint32_t ref)
{
    return i < an->n && an->t[i].para == an->t[ref].para && an->t[i].sent == an->t[ref].sent &&
           an->t[i].quote == NONE;
}

/* Person a capitalised run names: its own mention, or a surname/first name
 * of someone the article names in full. */
static uint32_t seq_person(const annotator *an, uint32_t first, uint32_t end)
{
    for (uint32_t k = first; k < end; k++)
        if (an->t[k].person != NONE)
            return an->t[k].person;
    if (end - first == 1)
        return people_by_word(an, &an->t[first]);
    return NONE;
}

static bool word_capitalised(const annotator *an, uint32_t i)
{
    const token *t = &an->t[i];
    return t->kind == TK_WORD && (t->cap || t->seq != NONE) && !is_function_word(t);
}

/* Lower-case office words right before a name ("spokesman John Kirby",
 * "campaign manager Robby Mook"). */
bool is_office_noun(const token *t)
{
    return in_lists(t, WL_OFFICE);
}

/* "subsequently", "gingerly": an adverb between a subject and its verb. */
static bool is_adverb(const token *t)
{
    return t->kind == TK_WORD && !t->cap && t->len > 4 && t->s[t->len - 2] == 'l' &&
           t->s[t->len - 1] == 'y';
}

static np np_forward(const annotator *an, uint32_t i, uint32_t ref);

/* "said the authority's chief executive, Daniel Moreau": the name set off by
 * a comma after the phrase naming the office is who spoke. Only a person's
 * name that ends the clause there counts ("…, Smith added" is another
 * clause). NP_NONE otherwise. */
static np appositive_name(const annotator *an, uint32_t comma, uint32_t ref)
{
    np none = {NP_NONE, 0, 0, NONE};
    if (!same_clause(an, comma, ref) || !is_punct(&an->t[comma], ',') ||
        !same_clause(an, comma + 1, ref) || !word_capitalised(an, comma + 1))
        return none;
    np name = np_forward(an, comma + 1, ref);
    if (name.kind != NP_NAME || name.person == NONE)
        return none;
    if (same_clause(an, name.end, ref) && !is_punct(&an->t[name.end], ',') &&
        !is_terminal(&an->t[name.end]))
        return none;
    return name;
}

/* The subject after an inverted cue: "said Kerry", "said the spokesman". */
static np np_forward(const annotator *an, uint32_t i, uint32_t ref)
{
    np r = {NP_NONE, 0, 0, NONE};
    if (!same_clause(an, i, ref))
        return r;
    const token *t = &an->t[i];
    if (in_lists(t, WL_PRONOUN) && !t->cap) {
        r = (np){NP_PRONOUN, i, i + 1, NONE};
        return r;
    }
    /* "said former South Carolina Gov. Jim Hodges", "said spokesman John
     * Kirby", "said campaign manager Robby Mook": lower-case words of an
     * office before the name. */
    if (!t->cap && t->kind == TK_WORD &&
        !in_lists(t, WL_DETERMINER | WL_NP_BREAK | WL_PREPOSITION)) {
        uint32_t k = i + 1;
        while (k < i + 3 && same_clause(an, k, ref) && an->t[k].kind == TK_WORD && !an->t[k].cap &&
               !in_lists(&an->t[k], WL_NP_BREAK | WL_PREPOSITION))
            k++;
        if (same_clause(an, k, ref) && word_capitalised(an, k) &&
            (in_lists(t, WL_NAME_MODIFIER) || is_office_noun(&an->t[k - 1])))
            return np_forward(an, k, ref);
    }
    if (word_capitalised(an, i)) {
        uint32_t end = i + 1;
        if (t->seq != NONE)
            end = an->seqs[t->seq].end;
        while (end < an->n && same_clause(an, end, ref) && word_capitalised(an, end) && end - i < 8)
            end++;
        r = (np){NP_NAME, i, end, seq_person(an, i, end)};
        if (an->t[end - 1].poss) {
            /* "said the State Department's spokesman, John Kirby" */
            uint32_t k = end;
            while (k < end + 3 && same_clause(an, k, ref) && an->t[k].kind == TK_WORD &&
                   !an->t[k].cap)
                k++;
            np name = k > end ? appositive_name(an, k, ref) : r;
            if (name.kind == NP_NAME)
                return name;
        }
        return r;
    }
    if (in_lists(t, WL_DETERMINER)) {
        if (tok_is(t, "the") && i + 1 < an->n && same_clause(an, i + 1, ref) &&
            word_capitalised(an, i + 1)) {
            /* "the Orlando Sentinel" */
            np name = np_forward(an, i + 1, ref);
            name.first = i;
            return name;
        }
        uint32_t end = i + 1;
        while (end < an->n && same_clause(an, end, ref) && an->t[end].kind == TK_WORD &&
               !in_lists(&an->t[end], WL_NP_BREAK | WL_VERB_FILLER) && !is_cue(an, end) &&
               end - i < 6)
            end++;
        /* "a spokesman for the campaign" */
        if (end + 1 < an->n && same_clause(an, end + 1, ref) &&
            (tok_is(&an->t[end], "for") || tok_is(&an->t[end], "of"))) {
            uint32_t tail = end + 1;
            while (tail < an->n && same_clause(an, tail, ref) && an->t[tail].kind == TK_WORD &&
                   !in_lists(&an->t[tail], WL_NP_BREAK) && tail - end < 5)
                tail++;
            end = tail;
        }
        if (end > i + 1) {
            r = (np){NP_NOMINAL, i, end, NONE};
            np name = appositive_name(an, end, ref);
            if (name.kind == NP_NAME)
                return name;
        }
        return r;
    }
    return r;
}

/* The subject ending just before a cue (index e is its last token): a name,
 * a pronoun, or a noun phrase back to its determiner. */
static np np_backward(const annotator *an, uint32_t e, uint32_t ref)
{
    np r = {NP_NONE, 0, 0, NONE};
    while (same_clause(an, e, ref) &&
           (in_lists(&an->t[e], WL_VERB_FILLER) || is_adverb(&an->t[e])) && e > 0)
        e--;
    if (!same_clause(an, e, ref))
        return r;
    /* Appositives and relative clauses between subject and verb: "X, a
     * spokesman for Y, said", "X, who leads Y, said", "X, 22, of Flint,
     * Mich., said". Segments that open with a lower-case word or a digit,
     * or are one abbreviation, describe the subject before them. */
    bool hopped = false;
    for (int hops = 0; hops < 5 && is_punct(&an->t[e], ',') && e > 0; hops++) {
        uint32_t start = e;
        uint32_t limit = e > 30 ? e - 30 : 0;
        while (start > limit && same_clause(an, start - 1, ref) &&
               !is_punct(&an->t[start - 1], ','))
            start--;
        if (start == e)
            return r;
        const token *lead = &an->t[start];
        bool modifier = (lead->kind == TK_WORD && !lead->cap && !in_lists(lead, WL_PRONOUN)) ||
                        utf8_is_digit((unsigned char)lead->s[0]) ||
                        (start + 1 == e && lead->len > 1 && lead->s[lead->len - 1] == '.');
        bool more =
            start > 0 && same_clause(an, start - 1, ref) && is_punct(&an->t[start - 1], ',');
        if (modifier && more) {
            e = start - 1;
            continue;
        }
        if (modifier && hops == 0)
            return r; /* ", a spokesman for Y, said" with no subject before */
        e = e - 1;
        hopped = true;
        break;
    }
    if (!same_clause(an, e, ref) || is_punct(&an->t[e], ','))
        return r;
    const token *t = &an->t[e];
    if (in_lists(t, WL_PRONOUN)) {
        r = (np){NP_PRONOUN, e, e + 1, NONE};
        return r;
    }
    if (word_capitalised(an, e)) {
        uint32_t first = e;
        if (t->seq != NONE && an->seqs[t->seq].first <= e)
            first = an->seqs[t->seq].first;
        while (first > 0 && same_clause(an, first - 1, ref) && word_capitalised(an, first - 1) &&
               e - first < 8)
            first--;
        r = (np){NP_NAME, first, e + 1, seq_person(an, first, e + 1)};
        if (first > 0 && same_clause(an, first - 1, ref) && tok_is(&an->t[first - 1], "the"))
            r.first = first - 1; /* "the White House" */
        return r;
    }
    if (t->kind == TK_WORD && !in_lists(t, WL_NP_BREAK) && !t->cap) {
        uint32_t first = e;
        while (first > 0 && e - first < 6 && same_clause(an, first - 1, ref) &&
               an->t[first - 1].kind == TK_WORD && !in_lists(&an->t[first - 1], WL_NP_BREAK) &&
               !in_lists(&an->t[first], WL_DETERMINER))
            first--;
        if (in_lists(&an->t[first], WL_DETERMINER) || first == e)
            r = (np){NP_NOMINAL, first, e + 1, NONE};
        /* "Trump in his announcement speech called": the phrase belongs to
         * a preposition; the subject stands before it. */
        if (r.kind == NP_NOMINAL && first >= 2 && same_clause(an, first - 1, ref) &&
            in_lists(&an->t[first - 1], WL_PREPOSITION)) {
            np outer = np_backward(an, first - 2, ref);
            if (outer.kind == NP_NAME || outer.kind == NP_PRONOUN)
                return outer;
            /* "a source familiar with the agency's inquiry said", "someone
             * in the audience shouted": the phrase before takes the
             * preposition's in. */
            if (outer.kind == NP_NOMINAL &&
                in_lists(&an->t[outer.first], WL_DETERMINER | WL_INDEFINITE))
                return (np){NP_NOMINAL, outer.first, r.end, NONE};
            /* "Doyle, who has in the past described …": right before the
             * verb, such a phrase is no subject even with no one before. */
            if (!hopped)
                return (np){NP_NONE, 0, 0, NONE};
        }
        return r;
    }
    return r;
}

/* First person (or capitalised name, or pronoun) of the sentence before
 * token `before`: the subject of a participle cue ("…, telling reporters"). */
/* The noun phrase a sentence opens with ("The Trayvon Martin Foundation",
 * "The group"), after an opening function word; NP_NONE otherwise. */
static np opening_phrase(const annotator *an, uint32_t k, uint32_t before)
{
    np r = {NP_NONE, 0, 0, NONE};
    uint32_t first = k;
    if (k < before && word_capitalised(an, k) && !an->t[k].upper) {
        uint32_t end = an->t[k].seq != NONE ? an->seqs[an->t[k].seq].end : k + 1;
        return (np){NP_NAME, k, end < before ? end : before, seq_person(an, k, end)};
    }
    if (k >= before || !in_lists(&an->t[k], WL_DETERMINER))
        return r;
    if (k + 1 < before && word_capitalised(an, k + 1)) {
        uint32_t end = an->t[k + 1].seq != NONE ? an->seqs[an->t[k + 1].seq].end : k + 2;
        return (np){NP_NAME, first, end < before ? end : before, seq_person(an, k + 1, end)};
    }
    uint32_t end = k + 1;
    while (end < before && end - k < 4 && an->t[end].kind == TK_WORD && !an->t[end].cap &&
           !in_lists(&an->t[end], WL_NP_BREAK | WL_VERB_FILLER) && !is_cue(an, end))
        end++;
    if (end > k + 1)
        r = (np){NP_NOMINAL, first, end, NONE};
    return r;
}

/* Longer than any written sentence: text without sentence ends (a run of
 * unclosed quotes, a list in one paragraph) is read in windows this long,
 * so that looking for a sentence's start stays linear over a page. */
enum { SENTENCE_MAX_TOKENS = 300 };

static uint32_t sentence_first(const annotator *an, uint32_t at)
{
    uint32_t k = at, floor = at > SENTENCE_MAX_TOKENS ? at - SENTENCE_MAX_TOKENS : 0;
    while (k > floor && an->t[k - 1].para == an->t[at].para && an->t[k - 1].sent == an->t[at].sent)
        k--;
    return k;
}

/* First person (or pronoun) of the sentence before token `before`, else the
 * phrase it opens with: the subject of a participle cue ("…, telling
 * reporters") or of a quote inside the writer's sentence. */

static np sentence_subject(const annotator *an, uint32_t before)
{
    uint32_t start = sentence_first(an, before);
    if (start < before && in_lists(&an->t[start], WL_FRONTING)) {
        for (uint32_t k = start + 1; k < before; k++)
            if (an->t[k].quote == NONE && is_punct(&an->t[k], ',')) {
                start = k + 1;
                break;
            }
    }
    for (uint32_t k = start; k < before; k++) {
        const token *t = &an->t[k];
        if (t->quote != NONE)
            continue;
        if (t->person != NONE) {
            const cap_seq *s = t->seq != NONE ? &an->seqs[t->seq] : NULL;
            uint32_t end = s ? s->end : k + 1;
            return (np){NP_NAME, k, end, t->person};
        }
        if (in_lists(t, WL_PRONOUN) && !tok_is(t, "it") && !tok_is(t, "you"))
            return (np){NP_PRONOUN, k, k + 1, NONE};
    }
    while (start < before && an->t[start].quote != NONE)
        start++;
    return opening_phrase(an, start, before);
}

/* What "they", "we" or "it" at token `at` stands for: the phrase the
 * sentence opens with, else the one an earlier sentence opens with. */
static np group_antecedent(const annotator *an, uint32_t at)
{
    np r = {NP_NONE, 0, 0, NONE};
    uint32_t end = at;
    for (int back = 0; back < 3; back++) {
        uint32_t start = sentence_first(an, end);
        if (start < end) {
            r = opening_phrase(an, start, end);
            if (r.kind != NP_NONE)
                return r;
        }
        if (start == 0 || an->t[start - 1].para + 1 < an->t[at].para)
            break;
        end = start - 1;
    }
    return r;
}

static bool equal_ignoring_case(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

/* Person a noun phrase like "the president" stands for: the last person the
 * article gave that role. */
static uint32_t nominal_person(const annotator *an, const np *p)
{
    if (p->end - p->first != 2 || !tok_is(&an->t[p->first], "the"))
        return NONE;
    const token *head = &an->t[p->first + 1];
    if (!in_lists(head, WL_ROLE_NOUN))
        return NONE;
    uint32_t best = NONE;
    for (size_t k = 0; k < an->npeople; k++) {
        const person *pe = &an->people[k];
        if (pe->first_tok > p->first)
            continue;
        for (size_t r = 0; r < pe->role_count; r++) {
            const char *role = pe->roles[r];
            size_t rl = strlen(role);
            for (size_t c = 0; c + head->len <= rl; c++)
                if (equal_ignoring_case(role + c, head->s, head->len)) {
                    best = (uint32_t)k;
                    break;
                }
        }
    }
    return best;
}

static char pronoun_sex(const token *t)
{
    return tok_is(t, "he") ? 'm' : tok_is(t, "she") ? 'f' : 0;
}

/* Fills the quote's speaker from a subject noun phrase; false when the
 * phrase names nobody. */
static bool assign_speaker(annotator *an, qspan *q, const np *found, uint32_t cue, bool pattern)
{
    const char *speaker = NULL;
    uint32_t who = NONE;
    np trimmed = *found;
    const np *p = &trimmed;
    /* A phrase that ends in function words ("the authors of the “…”", "a
     * spokeswoman for the", "an aide to one of these") was cut short of its
     * object, a name, a quotation or its length: it names its head noun. */
    if (p->kind == NP_NOMINAL)
        while (trimmed.end > trimmed.first + 1 &&
               in_lists(&an->t[trimmed.end - 1], WL_DETERMINER | WL_PREPOSITION | WL_NP_BREAK))
            trimmed.end--;
    switch (p->kind) {
    case NP_NONE:
        return false;
    case NP_NAME:
        who = p->person;
        if (who == NONE) {
            uint32_t first = p->first;
            if (tok_is(&an->t[first], "the"))
                first++;
            const cap_seq *s = an->t[first].seq != NONE ? &an->seqs[an->t[first].seq] : NULL;
            if (s && s->name_first > first && s->name_first < p->end)
                first = s->name_first;
            speaker = tokens_text(an, p->first == first ? first : p->first, p->end);
        }
        break;
    case NP_PRONOUN: {
        const token *t = &an->t[p->first];
        char sex = pronoun_sex(t);
        if (tok_is(t, "i") || tok_is(t, "you"))
            return false; /* the writer or the reader: not named */
        if (sex) {
            who = people_resolve_pronoun(an, p->first, sex);
        } else {
            np group = group_antecedent(an, p->first);
            if (group.kind == NP_NAME && group.person != NONE)
                who = group.person;
            else if (group.kind != NP_NONE)
                speaker = tokens_text(an, group.first, group.end);
        }
        if (who == NONE && !speaker)
            return false;
        break;
    }
    case NP_NOMINAL:
        who = nominal_person(an, p);
        if (who == NONE)
            speaker = tokens_text(an, p->first, p->end);
        break;
    }
    if (who != NONE) {
        speaker = an->people[who].name;
        an->people[who].spoke = true;
    }
    q->speaker = speaker;
    q->speaker_person = who;
    q->mention = tokens_text(an, p->first, p->end);
    if (cue != NONE)
        q->cue = tok_is(&an->t[cue], "according") ? "according to" : tokens_text(an, cue, cue + 1);
    q->attributed = pattern;
    return speaker != NULL;
}

/* A cue's subject, wherever it stands. */
static np cue_subject(const annotator *an, uint32_t cue, uint32_t ref)
{
    if (tok_is(&an->t[cue], "according"))
        return np_forward(an, cue + 2, ref);
    np p = {NP_NONE, 0, 0, NONE};
    /* Passive: "Rubio was asked by moderator Gerard Baker whether …". */
    if (cue > 0 && cue + 2 < an->n && same_clause(an, cue - 1, ref) &&
        (tok_is(&an->t[cue - 1], "was") || tok_is(&an->t[cue - 1], "were") ||
         tok_is(&an->t[cue - 1], "been")) &&
        same_clause(an, cue + 1, ref) && tok_is(&an->t[cue + 1], "by")) {
        p = np_forward(an, cue + 2, ref);
        if (p.kind == NP_NAME || p.kind == NP_NOMINAL)
            return p;
    }
    bool participle = is_participle(&an->t[cue]);
    /* "…, telling reporters", "wrote to Wired explaining": a participle's
     * subject is the sentence's, not the word before it. */
    if (cue > 0 && !participle)
        p = np_backward(an, cue - 1, ref);
    bool sentence_start = cue == 0 || !same_clause(an, cue - 1, ref);
    if (p.kind == NP_NONE && sentence_start) {
        /* Inverted at the start of a sentence: "Said Kerry: …". Elsewhere the
         * words after a cue are its object ("told Fox News"). */
        p = np_forward(an, cue + 1, ref);
        if (p.kind == NP_NOMINAL && !tok_is(&an->t[p.first], "the") &&
            !tok_is(&an->t[p.first], "a") && !tok_is(&an->t[p.first], "an"))
            p.kind = NP_NONE;
    }
    if (p.kind == NP_NONE || (participle && p.kind == NP_NOMINAL))
        p = sentence_subject(an, cue);
    return p;
}

/* After a quote that ends in a comma, "!" or "?" inside its marks, a name
 * and a past-tense verb attribute it whatever the verb ("“Go back,” Trump
 * barked"): the comma leaves the writer's sentence unfinished. */
static bool speech_verb_shape(const annotator *an, const qspan *q, uint32_t j)
{
    const token *v = &an->t[j];
    const token *last = &an->t[q->end - 1];
    bool open_end =
        last->kind == TK_PUNCT && (last->s[0] == ',' || last->s[0] == '!' || last->s[0] == '?');
    return open_end && v->kind == TK_WORD && !v->cap && v->len > 3 && v->s[v->len - 2] == 'e' &&
           v->s[v->len - 1] == 'd';
}

static bool quote_is_partial(const annotator *an, const qspan *q);
static bool looks_like_title(const annotator *an, const qspan *q);

/* "Q,” Kerry said", "Q,” said Kerry", "Q,” Kerry, a diplomat, told…" */
static bool attribute_after(annotator *an, qspan *q)
{
    if (q->close == NONE)
        return false;
    uint32_t i = q->close + 1;
    if (i >= an->n || an->t[i].para != q->para)
        return false;
    /* A quote inside the writer's sentence that ends with its period: what
     * follows is the next sentence ("… “caused death.” Sanders called…"). */
    if (is_punct(&an->t[q->end - 1], '.') && quote_is_partial(an, q))
        return false;
    while (i < an->n && an->t[i].para == q->para &&
           (is_punct(&an->t[i], ',') || is_dash(&an->t[i])))
        i++;
    if (i >= an->n || an->t[i].para != q->para || an->t[i].quote != NONE)
        return false;
    uint32_t ref = i;
    if (is_cue(an, i)) {
        /* "“Q,” saying the farms …": what follows a participle is what was
         * said or to whom, not who said it; the sentence's subject is. A
         * title before it ("told “The Early Show,” calling …") is nobody's. */
        np p = {NP_NONE, 0, 0, NONE};
        if (tok_is(&an->t[i], "according"))
            p = np_forward(an, i + 2, ref);
        else if (!is_participle(&an->t[i]))
            p = np_forward(an, i + 1, ref);
        else if (!looks_like_title(an, q))
            p = sentence_subject(an, q->open);
        return assign_speaker(an, q, &p, i, true);
    }
    np p = np_forward(an, i, ref);
    if (p.kind == NP_NONE)
        return false;
    uint32_t j = p.end;
    if (j < an->n && is_punct(&an->t[j], ',') && same_clause(an, j, ref)) {
        uint32_t k = j + 1;
        while (k < an->n && k - j < 30 && same_clause(an, k, ref) && !is_punct(&an->t[k], ','))
            k++;
        if (k < an->n && same_clause(an, k, ref))
            j = k + 1;
    }
    while (j < an->n && same_clause(an, j, ref) && in_lists(&an->t[j], WL_VERB_FILLER))
        j++;
    if (j < an->n && same_clause(an, j, ref) &&
        (is_cue(an, j) || (p.kind != NP_NOMINAL && speech_verb_shape(an, q, j))))
        return assign_speaker(an, q, &p, j, true);
    return false;
}

/* "Kerry said: “Q”", "Kerry called the plan “Q”", "According to X, “Q”". */
static bool attribute_before(annotator *an, qspan *q)
{
    uint32_t k = q->open;
    uint32_t steps = 0;
    while (k > 0 && an->t[k - 1].para == q->para && an->t[k - 1].sent == an->t[q->open].sent &&
           steps < 40) {
        k--;
        steps++;
        if (an->t[k].quote != NONE)
            continue;
        if (is_cue(an, k) && !weak_cue(&an->t[k])) {
            np p = cue_subject(an, k, k);
            if (assign_speaker(an, q, &p, k, true))
                return true;
        }
    }
    return false;
}

/* "“Q” is how Kerry put it, he said later": a cue further on in the same
 * sentence, with no other quote in between. */
static bool attribute_later(annotator *an, qspan *q)
{
    if (q->close == NONE)
        return false;
    for (uint32_t k = q->close + 1; k < an->n && k - q->close < 20; k++) {
        const token *t = &an->t[k];
        if (t->para != q->para || t->quote != NONE || t->sent != an->t[q->close].sent)
            break;
        if (is_cue(an, k) && !weak_cue(&an->t[k])) {
            /* ", reported the Washington Examiner." */
            np p = np_forward(an, k + 1, k);
            bool inverted =
                p.kind == NP_NAME && is_punct(&an->t[k - 1], ',') &&
                (p.end >= an->n || an->t[p.end].sent != t->sent || is_punct(&an->t[p.end], ','));
            if (!inverted)
                p = cue_subject(an, k, k);
            return assign_speaker(an, q, &p, k, true);
        }
    }
    return false;
}

/* A title rather than speech: every word capitalised ("Saturday Night
 * Live"). */
static bool looks_like_title(const annotator *an, const qspan *q)
{
    /* Up to six words, each capitalised or a function word: the first word
     * that is neither (usually the second) decides. */
    uint32_t words = 0;
    for (uint32_t k = q->first; k < q->end; k++)
        if (an->t[k].kind == TK_WORD &&
            (++words > 6 || !(an->t[k].cap || is_function_word(&an->t[k]))))
            return false;
    if (words == 0)
        return true;
    uint32_t last = q->end - 1;
    while (last > q->first && an->t[last].kind == TK_PUNCT)
        last--; /* “Modern Family.” */
    return !an->t[q->first].upper && an->t[last].kind == TK_WORD;
}

/* A term used as a modifier, which nobody said: "the “mutual consent”
 * clause". */
static bool looks_like_modifier(const annotator *an, const qspan *q)
{
    uint32_t words = 0;
    for (uint32_t k = q->first; k < q->end; k++)
        words += an->t[k].kind == TK_WORD;
    if (q->close == NONE || words > 3 || q->open == 0 || q->close + 1 >= an->n)
        return false;
    const token *before = &an->t[q->open - 1];
    const token *after = &an->t[q->close + 1];
    return before->para == q->para && after->para == q->para && in_lists(before, WL_DETERMINER) &&
           after->kind == TK_WORD && !after->cap &&
           !in_lists(after, WL_NP_BREAK | WL_VERB_FILLER | WL_PREPOSITION | WL_PRONOUN) &&
           !is_cue(an, q->close + 1);
}

/* Lower-case letters of the cased scripts news uses (Latin, Greek,
 * Cyrillic); scripts without case never start a partial quote. */
static bool starts_lower(const token *t)
{
    if (t->kind != TK_WORD || t->cap)
        return false;
    size_t adv;
    uint32_t cp = utf8_decode(t->s, t->len, &adv);
    return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0x24F) ||
           (cp >= 0x3AC && cp <= 0x3CE) || (cp >= 0x430 && cp <= 0x45F);
}

static bool quote_is_partial(const annotator *an, const qspan *q)
{
    bool starts_sentence = q->open == an->para_first[q->para] ||
                           is_punct(&an->t[q->open - 1], ':') ||
                           is_punct(&an->t[q->open - 1], ',') || is_terminal(&an->t[q->open - 1]) ||
                           an->t[q->open - 1].kind == TK_QUOTE;
    return !starts_sentence || starts_lower(&an->t[q->first]);
}

/* The speaker the article last attributed near paragraph `para`. */
static const qspan *recent_attributed(const annotator *an, const qspan *q)
{
    for (const qspan *p = q; p-- > an->q;) {
        if (p->para + 1 < q->para)
            break;
        if (p->speaker)
            return p;
    }
    return NULL;
}

static void inherit(qspan *q, const qspan *from)
{
    q->speaker = from->speaker;
    q->speaker_person = from->speaker_person;
    q->mention = from->mention;
    q->cue = from->cue;
}

/* Quotes no pattern attributed: a paragraph continuing an unclosed quote,
 * another quote of the same paragraph, the speaker a colon introduced, or the
 * writer's subject for a quote inside a sentence. */
/* The quotes of a paragraph that one quote looks at for a speaker to
 * share: articles have a handful; a generated paragraph of thousands must
 * not make the pass quadratic. */
enum { PARAGRAPH_QUOTES_SEEN = 64 };

static void attribute_rest(annotator *an)
{
    for (size_t i = 0; i < an->nq; i++) {
        qspan *q = &an->q[i];
        if (q->speaker || q->no_speaker)
            continue;
        bool paragraph_start = q->open == an->para_first[q->para];
        if (paragraph_start && i > 0 && an->q[i - 1].close == NONE &&
            an->q[i - 1].para + 1 == q->para && an->q[i - 1].speaker) {
            inherit(q, &an->q[i - 1]);
            continue;
        }
        const qspan *same = NULL;
        size_t low = i > PARAGRAPH_QUOTES_SEEN ? i - PARAGRAPH_QUOTES_SEEN : 0;
        size_t high = i + PARAGRAPH_QUOTES_SEEN < an->nq ? i + PARAGRAPH_QUOTES_SEEN : an->nq;
        for (size_t k = i; k-- > low && an->q[k].para == q->para;)
            if (an->q[k].attributed) {
                same = &an->q[k];
                break;
            }
        for (size_t k = i + 1; !same && k < high && an->q[k].para == q->para; k++)
            if (an->q[k].attributed)
                same = &an->q[k];
        /* A partial quote in another sentence is the writer's own word
         * choice as often as the same speaker's. */
        if (same && quote_is_partial(an, q) && an->t[same->open].sent != an->t[q->open].sent)
            same = NULL;
        if (same) {
            inherit(q, same);
            continue;
        }
        if (q->open > 0 && an->t[q->open - 1].para == q->para) {
            /* A cue earlier in the paragraph: "Kerry said Tuesday … . “Q.”" */
            bool found = false;
            uint32_t floor = an->para_first[q->para];
            if (q->open > floor + SENTENCE_MAX_TOKENS)
                floor = q->open - SENTENCE_MAX_TOKENS;
            for (uint32_t k = q->open; k-- > floor;) {
                if (an->t[k].quote == NONE && is_cue(an, k) && !weak_cue(&an->t[k])) {
                    np p = cue_subject(an, k, k);
                    found = assign_speaker(an, q, &p, k, false);
                    break;
                }
            }
            if (found)
                continue;
        }
        if (paragraph_start && q->para > 0) {
            /* "…, as Pollak observed:" then the quote as its own paragraph. */
            uint32_t last = an->para_first[q->para] - 1;
            if (an->para_first[q->para] > an->para_first[q->para - 1] &&
                (is_punct(&an->t[last], ':') || is_punct(&an->t[last], ','))) {
                bool found = false;
                for (uint32_t k = last; k > an->para_first[q->para - 1] && !found; k--)
                    if (an->t[k].sent == an->t[last].sent && is_cue(an, k)) {
                        np p = cue_subject(an, k, k);
                        found = assign_speaker(an, q, &p, k, false);
                        break;
                    }
                if (!found) {
                    np p = sentence_subject(an, last);
                    found = assign_speaker(an, q, &p, NONE, false);
                }
                if (found)
                    continue;
            }
            const qspan *prev = recent_attributed(an, q);
            if (prev) {
                inherit(q, prev);
                continue;
            }
        }
        if (!paragraph_start) {
            np p = sentence_subject(an, q->open);
            if (p.kind == NP_NONE && !quote_is_partial(an, q)) {
                /* "Jones took the podium. “We will win.”": the person the
                 * sentence before is about. */
                uint32_t start = sentence_first(an, q->open);
                if (start > an->para_first[q->para]) {
                    p = sentence_subject(an, start - 1);
                    if (p.kind == NP_NAME && p.person == NONE)
                        p.kind = NP_NONE;
                }
            }
            if (p.kind == NP_NAME || p.kind == NP_PRONOUN)
                assign_speaker(an, q, &p, NONE, false);
        }
    }
}

/* A quote run over several paragraphs is usually attributed in its last
 * paragraph: the unclosed parts before take that speaker. */
static void attribute_runs_backwards(annotator *an)
{
    for (size_t i = an->nq; i-- > 1;) {
        qspan *q = &an->q[i];
        qspan *prev = &an->q[i - 1];
        if (q->speaker && !prev->speaker && !prev->no_speaker && prev->close == NONE &&
            prev->para + 1 == q->para && q->open == an->para_first[q->para])
            inherit(prev, q);
    }
}

static void output_quotes(annotator *an)
{
    lede_doc *doc = an->doc;
    doc->quotes = an->nq ? arena_alloc(an->out, an->nq * sizeof *doc->quotes) : NULL;
    if (!doc->quotes)
        return;
    for (size_t i = 0; i < an->nq; i++) {
        const qspan *q = &an->q[i];
        doc_quote *out = &doc->quotes[doc->quote_count++];
        out->text = q->text;
        out->speaker = q->speaker;
        out->speaker_mention = q->speaker ? q->mention : NULL;
        out->cue = q->speaker ? q->cue : NULL;
        out->paragraph = q->para;
        out->partial = quote_is_partial(an, q);
    }
}

/* "Trump replied: “Q.”", "and said, “Q.”": a cue right before the
 * opening mark outranks whatever follows the quote (often the next
 * sentence's subject and verb). */
static bool cue_introduces(const annotator *an, const qspan *q)
{
    if (q->open < 2 || an->t[q->open - 1].para != q->para)
        return false;
    const token *mark = &an->t[q->open - 1];
    if (!is_punct(mark, ':') && !is_punct(mark, ','))
        return false;
    uint32_t k = q->open - 2;
    while (k > 0 && an->t[k].para == q->para && an->t[k].quote == NONE &&
           (in_lists(&an->t[k], WL_VERB_FILLER) || is_adverb(&an->t[k])))
        k--;
    return an->t[k].para == q->para && is_cue(an, k) && !weak_cue(&an->t[k]);
}

void quotes_annotate(lede_doc *doc, arena *work)
{
    if (!doc->paragraph_count)
        return;
    annotator an = {.doc = doc, .a = work, .out = doc->a};
    for (size_t b = 0; b < PEOPLE_BUCKETS; b++)
        an.surname_bucket[b] = an.given_bucket[b] = NONE;
    an.para_first = arena_alloc(an.a, (doc->paragraph_count + 1) * sizeof *an.para_first);
    if (!an.para_first)
        return;
    /* One allocation for the tokens: news text averages well over four
     * bytes a token. */
    size_t *lens = arena_grow_bytes(an.a, NULL, 0, doc->paragraph_count * sizeof *lens);
    if (!lens)
        return;
    size_t bytes = 0;
    for (size_t p = 0; p < doc->paragraph_count; p++)
        bytes += lens[p] = strlen(doc->paragraphs[p].text);
    an.cap = bytes / 4 + 64;
    an.t = arena_grow_bytes(an.a, NULL, 0, an.cap * sizeof *an.t);
    if (!an.t)
        return;
    uint32_t sent = 0;
    for (size_t p = 0; p < doc->paragraph_count; p++) {
        an.para_first[p] = (uint32_t)an.n;
        an.nmarks = 0;
        tokenize_paragraph(&an, (uint32_t)p, doc->paragraphs[p].text, lens[p], &sent);
        if (an.nmarks) {
            /* Quoted sentence marks end no sentence of the writer's. */
            pair_marks(&an, (uint32_t)p, (uint32_t)an.n);
            /* The tokens before the first mark are numbered right already. */
            uint32_t first_mark = an.marks[0];
            sent = an.t[first_mark].sent;
            number_sentences(&an, (uint32_t)p, first_mark, (uint32_t)an.n, &sent);
        }
    }
    an.para_first[doc->paragraph_count] = (uint32_t)an.n;
    people_find(&an);
    places_find(&an);
    for (size_t i = 0; i < an.nq; i++) {
        qspan *q = &an.q[i];
        if (cue_introduces(&an, q) && attribute_before(&an, q))
            continue;
        if (attribute_after(&an, q))
            continue;
        if (looks_like_modifier(&an, q)) {
            q->no_speaker = true;
            continue;
        }
        if (attribute_before(&an, q))
            continue;
        if (looks_like_title(&an, q)) {
            q->no_speaker = true;
            continue;
        }
        attribute_later(&an, q);
    }
    attribute_rest(&an);
    attribute_runs_backwards(&an);
    output_quotes(&an);
    people_output(&an);
}
