#include "features.h"

#include <string.h>

#include "../util/utf8.h"

struct stopword_slot {
    const char *word;
    uint8_t len;
    uint32_t langs; /* bit i: stopword_lang_codes[i] */
};

#include "stopwords.inc"

/* ---- Boilerplate phrasing ----------------------------------------------
 *
 * Page furniture is worded the same way across the web: menus, sign-up
 * prompts, share widgets, legal lines, cookie notices, "Related" lists,
 * credits, ad labels and comment prompts. The phrases are matched case-
 * insensitively on word boundaries, and only in short blocks: in a long
 * paragraph the same words are the article talking about them. */

typedef enum {
    MATCH_EXACT,   /* the whole block, trailing punctuation aside */
    MATCH_PREFIX,  /* the block starts with the phrase */
    MATCH_CONTAINS /* anywhere in the block */
} match_mode;

typedef struct boiler_phrase {
    uint8_t family;
    uint8_t mode;
    uint8_t max_words; /* only blocks of at most this many words */
    const char *phrase;
} boiler_phrase;

static const boiler_phrase boiler_phrases[] = {
    {BOILER_MENU, MATCH_EXACT, 4, "home"},
    {BOILER_MENU, MATCH_EXACT, 4, "menu"},
    {BOILER_MENU, MATCH_EXACT, 4, "main menu"},
    {BOILER_MENU, MATCH_EXACT, 4, "search"},
    {BOILER_MENU, MATCH_EXACT, 4, "navigation"},
    {BOILER_MENU, MATCH_EXACT, 4, "toggle navigation"},
    {BOILER_MENU, MATCH_EXACT, 4, "close"},
    {BOILER_MENU, MATCH_EXACT, 4, "more"},
    {BOILER_MENU, MATCH_EXACT, 4, "sections"},
    {BOILER_MENU, MATCH_EXACT, 4, "log in"},
    {BOILER_MENU, MATCH_EXACT, 4, "login"},
    {BOILER_MENU, MATCH_EXACT, 4, "log out"},
    {BOILER_MENU, MATCH_EXACT, 4, "sign in"},
    {BOILER_MENU, MATCH_EXACT, 4, "register"},
    {BOILER_MENU, MATCH_EXACT, 4, "my account"},
    {BOILER_MENU, MATCH_EXACT, 4, "next"},
    {BOILER_MENU, MATCH_EXACT, 4, "previous"},
    {BOILER_MENU, MATCH_EXACT, 4, "back to top"},
    {BOILER_MENU, MATCH_EXACT, 4, "contact"},
    {BOILER_MENU, MATCH_EXACT, 4, "contact us"},
    {BOILER_MENU, MATCH_EXACT, 4, "about us"},
    {BOILER_MENU, MATCH_EXACT, 4, "sitemap"},
    {BOILER_MENU, MATCH_EXACT, 4, "site map"},
    {BOILER_MENU, MATCH_EXACT, 4, "rss"},
    {BOILER_MENU, MATCH_PREFIX, 6, "skip to"},
    {BOILER_MENU, MATCH_PREFIX, 8, "you are here"},
    {BOILER_MENU, MATCH_EXACT, 4, "startseite"},
    {BOILER_MENU, MATCH_EXACT, 4, "suche"},
    {BOILER_MENU, MATCH_EXACT, 4, "início"},
    {BOILER_MENU, MATCH_EXACT, 4, "beranda"},
    {BOILER_MENU, MATCH_EXACT, 4, "accueil"},
    {BOILER_MENU, MATCH_EXACT, 4, "inicio"},

    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "sign up"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "signing up"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "subscribe"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "subscription"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "newsletter"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "newsletters"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "your inbox"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 30, "email address"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 30, "e-mail address"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "subscribed"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 30, "activation link"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "enter your email"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "unsubscribe"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "abonnieren"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "assine"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "inscreva-se"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "berlangganan"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "suscríbete"},
    {BOILER_SIGNUP, MATCH_CONTAINS, 16, "abonnez-vous"},

    {BOILER_SHARE, MATCH_EXACT, 4, "share"},
    {BOILER_SHARE, MATCH_EXACT, 4, "tweet"},
    {BOILER_SHARE, MATCH_EXACT, 4, "print"},
    {BOILER_SHARE, MATCH_EXACT, 4, "email"},
    {BOILER_SHARE, MATCH_EXACT, 4, "facebook"},
    {BOILER_SHARE, MATCH_EXACT, 4, "twitter"},
    {BOILER_SHARE, MATCH_EXACT, 4, "instagram"},
    {BOILER_SHARE, MATCH_EXACT, 4, "youtube"},
    {BOILER_SHARE, MATCH_EXACT, 4, "linkedin"},
    {BOILER_SHARE, MATCH_EXACT, 4, "pinterest"},
    {BOILER_SHARE, MATCH_EXACT, 4, "whatsapp"},
    {BOILER_SHARE, MATCH_EXACT, 4, "reddit"},
    {BOILER_SHARE, MATCH_EXACT, 4, "comment"},
    {BOILER_SHARE, MATCH_PREFIX, 10, "share this"},
    {BOILER_SHARE, MATCH_PREFIX, 10, "share on"},
    {BOILER_SHARE, MATCH_PREFIX, 10, "share via"},
    {BOILER_SHARE, MATCH_PREFIX, 10, "click to share"},
    {BOILER_SHARE, MATCH_PREFIX, 10, "follow us"},
    {BOILER_SHARE, MATCH_PREFIX, 10, "like us on"},
    {BOILER_SHARE, MATCH_PREFIX, 10, "copy link"},
    {BOILER_SHARE, MATCH_CONTAINS, 10, "next score"},
    {BOILER_SHARE, MATCH_CONTAINS, 10, "previous score"},
    {BOILER_SHARE, MATCH_CONTAINS, 10, "rate this"},
    {BOILER_SHARE, MATCH_EXACT, 4, "teilen"},
    {BOILER_SHARE, MATCH_EXACT, 4, "compartilhe"},
    {BOILER_SHARE, MATCH_EXACT, 4, "compartilhar"},
    {BOILER_SHARE, MATCH_EXACT, 4, "bagikan"},
    {BOILER_SHARE, MATCH_EXACT, 4, "partager"},
    {BOILER_SHARE, MATCH_EXACT, 4, "compartir"},

    {BOILER_LEGAL, MATCH_CONTAINS, 40, "©"},
    {BOILER_LEGAL, MATCH_CONTAINS, 40, "copyright"},
    {BOILER_LEGAL, MATCH_CONTAINS, 40, "all rights reserved"},
    {BOILER_LEGAL, MATCH_CONTAINS, 12, "terms of use"},
    {BOILER_LEGAL, MATCH_CONTAINS, 12, "terms of service"},
    {BOILER_LEGAL, MATCH_CONTAINS, 12, "terms and conditions"},
    {BOILER_LEGAL, MATCH_CONTAINS, 12, "privacy policy"},
    {BOILER_LEGAL, MATCH_CONTAINS, 12, "privacy settings"},
    {BOILER_LEGAL, MATCH_CONTAINS, 40, "todos os direitos reservados"},
    {BOILER_LEGAL, MATCH_CONTAINS, 40, "todos los derechos reservados"},
    {BOILER_LEGAL, MATCH_CONTAINS, 40, "alle rechte vorbehalten"},
    {BOILER_LEGAL, MATCH_CONTAINS, 40, "tous droits réservés"},
    {BOILER_LEGAL, MATCH_CONTAINS, 40, "hak cipta"},
    {BOILER_LEGAL, MATCH_EXACT, 4, "impressum"},
    {BOILER_LEGAL, MATCH_EXACT, 4, "datenschutz"},

    {BOILER_COOKIE, MATCH_CONTAINS, 80, "use cookies"},
    {BOILER_COOKIE, MATCH_CONTAINS, 80, "uses cookies"},
    {BOILER_COOKIE, MATCH_CONTAINS, 80, "of cookies"},
    {BOILER_COOKIE, MATCH_CONTAINS, 80, "cookie policy"},
    {BOILER_COOKIE, MATCH_CONTAINS, 80, "cookie settings"},
    {BOILER_COOKIE, MATCH_CONTAINS, 80, "accept cookies"},
    {BOILER_COOKIE, MATCH_CONTAINS, 80, "cookies to"},
    {BOILER_COOKIE, MATCH_CONTAINS, 80, "verwendet cookies"},
    {BOILER_COOKIE, MATCH_CONTAINS, 80, "utiliza cookies"},
    {BOILER_COOKIE, MATCH_CONTAINS, 80, "utilizamos cookies"},
    {BOILER_COOKIE, MATCH_CONTAINS, 80, "menggunakan cookie"},
    {BOILER_COOKIE, MATCH_EXACT, 4, "accept"},
    {BOILER_COOKIE, MATCH_EXACT, 4, "accept all"},
    {BOILER_COOKIE, MATCH_EXACT, 4, "i agree"},

    {BOILER_RELATED, MATCH_PREFIX, 8, "related"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "read more"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "read also"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "also read"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "see also"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "more from"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "more stories"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "more news"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "recommended"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "you may also like"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "you might also like"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "most popular"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "most read"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "trending"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "top stories"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "latest news"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "latest stories"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "editor's picks"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "continue reading"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "baca juga"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "leia também"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "leia mais"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "lesen sie auch"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "mehr zum thema"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "lire aussi"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "à lire aussi"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "leer más"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "leggi anche"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "veja também"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "você pode gostar"},
    {BOILER_RELATED, MATCH_PREFIX, 8, "das könnte sie auch interessieren"},

    {BOILER_CREDIT, MATCH_PREFIX, 20, "photo:"},
    {BOILER_CREDIT, MATCH_PREFIX, 20, "photo by"},
    {BOILER_CREDIT, MATCH_PREFIX, 20, "photo credit"},
    {BOILER_CREDIT, MATCH_PREFIX, 20, "photograph:"},
    {BOILER_CREDIT, MATCH_PREFIX, 20, "image:"},
    {BOILER_CREDIT, MATCH_PREFIX, 20, "image credit"},
    {BOILER_CREDIT, MATCH_PREFIX, 20, "credit:"},
    {BOILER_CREDIT, MATCH_PREFIX, 20, "foto:"},
    {BOILER_CREDIT, MATCH_PREFIX, 20, "bild:"},
    {BOILER_CREDIT, MATCH_PREFIX, 20, "(photo"},
    {BOILER_CREDIT, MATCH_CONTAINS, 20, "getty images"},
    {BOILER_CREDIT, MATCH_CONTAINS, 20, "ap photo"},
    {BOILER_CREDIT, MATCH_CONTAINS, 20, "shutterstock"},
    {BOILER_CREDIT, MATCH_CONTAINS, 20, "file photo"},

    {BOILER_AD, MATCH_EXACT, 6, "advertisement"},
    {BOILER_AD, MATCH_EXACT, 6, "advertising"},
    {BOILER_AD, MATCH_EXACT, 6, "ad"},
    {BOILER_AD, MATCH_EXACT, 6, "ads"},
    {BOILER_AD, MATCH_EXACT, 6, "sponsored"},
    {BOILER_AD, MATCH_EXACT, 6, "sponsored content"},
    {BOILER_AD, MATCH_PREFIX, 8, "story continues below"},
    {BOILER_AD, MATCH_PREFIX, 8, "article continues below"},
    {BOILER_AD, MATCH_PREFIX, 8, "scroll to continue"},
    {BOILER_AD, MATCH_EXACT, 6, "anzeige"},
    {BOILER_AD, MATCH_EXACT, 6, "werbung"},
    {BOILER_AD, MATCH_EXACT, 6, "publicidade"},
    {BOILER_AD, MATCH_EXACT, 6, "publicidad"},
    {BOILER_AD, MATCH_EXACT, 6, "publicité"},
    {BOILER_AD, MATCH_EXACT, 6, "pubblicità"},
    {BOILER_AD, MATCH_EXACT, 6, "iklan"},

    {BOILER_COMMENTS, MATCH_PREFIX, 8, "comments"},
    {BOILER_COMMENTS, MATCH_PREFIX, 8, "leave a comment"},
    {BOILER_COMMENTS, MATCH_PREFIX, 8, "leave a reply"},
    {BOILER_COMMENTS, MATCH_PREFIX, 8, "post a comment"},
    {BOILER_COMMENTS, MATCH_PREFIX, 8, "add a comment"},
    {BOILER_COMMENTS, MATCH_PREFIX, 8, "join the conversation"},
    {BOILER_COMMENTS, MATCH_EXACT, 4, "reply"},
    {BOILER_COMMENTS, MATCH_CONTAINS, 6, "comments"},
    {BOILER_COMMENTS, MATCH_CONTAINS, 16, "responses to"},
    {BOILER_COMMENTS, MATCH_CONTAINS, 16, "thoughts on"},
    {BOILER_COMMENTS, MATCH_CONTAINS, 16, "replies to"},
    {BOILER_COMMENTS, MATCH_PREFIX, 8, "kommentare"},
    {BOILER_COMMENTS, MATCH_PREFIX, 8, "comentários"},
    {BOILER_COMMENTS, MATCH_PREFIX, 8, "komentar"},
};

/* Blocks longer than this are never matched against the phrases. */
#define BOILER_MAX_WORDS 80
/* Folded text of a block beyond this is not looked at for phrases. */
#define FOLD_CAP 1024

/* Language detection counts only blocks this long: menus and link lists
 * are dominated by names, the article's sentences by function words. */
#define DETECT_MIN_WORDS 8
/* A language is taken as the page's when its stopwords make at least this
 * share of the counted words; otherwise no list fits the page. */
#define DETECT_MIN_SHARE 0.12f
#define DETECT_MIN_HITS 8

static uint32_t fold_cp(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x138 && (cp & 1) == 0)
        return cp + 1;
    if (cp >= 0x391 && cp <= 0x3A9)
        return cp + 32;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    return cp;
}

size_t features_fold(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    while (i < len && o + 4 < cap) {
        size_t adv;
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cp < 0x80)
            out[o++] = (char)fold_cp(cp);
        else
            o += utf8_encode(fold_cp(cp), out + o);
        i += adv;
    }
    out[o] = '\0';
    return o;
}

static bool is_cjk(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF);
}

static bool is_word_byte_at(const char *s, size_t len, size_t i)
{
    size_t adv;
    return utf8_is_word(utf8_decode(s + i, len - i, &adv));
}

/* Whether the phrase's first and last code points are word characters,
 * i.e. whether a match needs a word boundary on that side. */
static bool word_char_before(const char *s, size_t end)
{
    size_t j = end - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    return is_word_byte_at(s, end, j);
}

static bool phrase_matches(const boiler_phrase *p, const char *t, size_t n)
{
    size_t pl = strlen(p->phrase);
    if (pl > n)
        return false;
    bool need_left = is_word_byte_at(p->phrase, pl, 0);
    bool need_right = word_char_before(p->phrase, pl);
    switch (p->mode) {
    case MATCH_EXACT:
        while (n > pl && strchr(".:!?|>", t[n - 1]))
            n--;
        return n == pl && memcmp(t, p->phrase, pl) == 0;
    case MATCH_PREFIX:
        return memcmp(t, p->phrase, pl) == 0 &&
               (!need_right || pl == n || !is_word_byte_at(t, n, pl));
    default:
        for (const char *hit = strstr(t, p->phrase); hit; hit = strstr(hit + 1, p->phrase)) {
            size_t at = (size_t)(hit - t);
            if ((!need_left || at == 0 || !word_char_before(t, at)) &&
                (!need_right || at + pl == n || !is_word_byte_at(t, n, at + pl)))
                return true;
        }
        return false;
    }
}

/* "jane says:", "Alex on September 17, 2018 at 6:34 am said:": the
 * header a comment system puts above each comment. */
static const char *const comment_header_ends[] = {
    " says:", " said:", " wrote:", " schreibt:", " disse:", " dice:", " dit:"};
#define COMMENT_HEADER_MAX_WORDS 14

static bool is_comment_header(const block *b, const char *folded, size_t n)
{
    if (b->words > COMMENT_HEADER_MAX_WORDS)
        return false;
    for (size_t i = 0; i < sizeof comment_header_ends / sizeof *comment_header_ends; i++) {
        size_t el = strlen(comment_header_ends[i]);
        if (n > el && memcmp(folded + n - el, comment_header_ends[i], el) == 0)
            return true;
    }
    return false;
}

/* "3 of 12 A shopper looks at ...": the counter of a photo gallery. */
static bool is_gallery_caption(const char *t)
{
    size_t i = 0;
    while (t[i] >= '0' && t[i] <= '9')
        i++;
    if (i == 0 || strncmp(t + i, " of ", 4) != 0)
        return false;
    size_t j = i + 4;
    while (t[j] >= '0' && t[j] <= '9')
        j++;
    return j > i + 4 && (t[j] == ' ' || t[j] == '\0');
}

static uint16_t boiler_family_of(const block *b)
{
    if (b->words > BOILER_MAX_WORDS)
        return BOILER_NONE;
    char folded[FOLD_CAP];
    size_t n = features_fold(b->text, b->len, folded, sizeof folded);
    if (is_comment_header(b, folded, n))
        return BOILER_COMMENTS;
    if (is_gallery_caption(folded))
        return BOILER_CREDIT;
    for (size_t i = 0; i < sizeof boiler_phrases / sizeof *boiler_phrases; i++) {
        const boiler_phrase *p = &boiler_phrases[i];
        if (b->words <= p->max_words && phrase_matches(p, folded, n))
            return p->family;
    }
    return BOILER_NONE;
}

static uint32_t fnv1a(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static uint32_t stopword_langs(const char *w, size_t len)
{
    const uint32_t mask = (1u << STOPWORD_TABLE_BITS) - 1;
    for (uint32_t i = fnv1a(w, len) & mask;; i = (i + 1) & mask) {
        const struct stopword_slot *slot = &stopword_table[i];
        if (!slot->word)
            return 0;
        if (slot->len == len && memcmp(slot->word, w, len) == 0)
            return slot->langs;
    }
}

/* Per-block counts that language detection needs after the first pass. */
typedef struct word_stats {
    uint16_t hits[STOPWORD_LANG_COUNT];
} word_stats;

/* One pass over a block's code points: words (runs of word characters; a
 * run of ideographs counts one word per two, as CJK writes no spaces),
 * capitals, digits, stopword hits per language, and the sentence end. */
static void measure_block(block *b, word_stats *st)
{
    uint32_t words = 0, capitalised = 0, digits = 0, visible = 0, chars = 0;
    char word[64];
    size_t wlen = 0, cjk = 0;
    bool in_word = false, word_fits = true;
    uint32_t last_visible = 0;
    const char *s = b->text;
    size_t len = b->len;

    for (size_t i = 0; i <= len;) {
        size_t adv = 1;
        uint32_t cp = i < len ? utf8_decode(s + i, len - i, &adv) : ' ';
        bool wordch = i < len && utf8_is_word(cp);
        if (wordch) {
            if (!in_word) {
                in_word = true;
                wlen = 0, cjk = 0, word_fits = true;
                if (utf8_is_upper(cp))
                    capitalised++;
            }
            if (is_cjk(cp))
                cjk++;
            if (word_fits && wlen + 4 < sizeof word)
                wlen += utf8_encode(fold_cp(cp), word + wlen);
            else
                word_fits = false;
        } else if (in_word) {
            in_word = false;
            words += cjk ? (uint32_t)(cjk + 1) / 2 : 1;
            if (word_fits && !cjk) {
                uint32_t langs = stopword_langs(word, wlen);
                for (int l = 0; langs; l++, langs >>= 1)
                    if (langs & 1)
                        st->hits[l]++;
            }
        }
        if (i < len) {
            chars++;
            if (utf8_is_digit(cp))
                digits++;
            if (!utf8_is_space(cp)) {
                visible++;
                /* Closing quotes and brackets after the full stop. */
                if (!strchr("\"')]", (int)(cp < 0x80 ? cp : 'x')) && cp != 0x201D && cp != 0x2019 &&
                    cp != 0xBB)
                    last_visible = cp;
            }
        }
        i += adv;
    }
    b->words = words;
    b->chars = chars;
    b->caps_ratio = words ? (float)capitalised / (float)words : 0.0f;
    b->digit_ratio = visible ? (float)digits / (float)visible : 0.0f;
    b->ends_sentence = last_visible == '.' || last_visible == '!' || last_visible == '?' ||
                       last_visible == 0x2026 || last_visible == 0x3002 || last_visible == 0xFF01 ||
                       last_visible == 0xFF1F;
}

/* Index of the language whose stopwords the page's longer blocks use most,
 * or -1 when none reaches a credible share. */
static int detect_language(const block_stream *s, const word_stats *stats)
{
    uint32_t total_words = 0, hits[STOPWORD_LANG_COUNT] = {0};
    for (size_t i = 0; i < s->count; i++) {
        if (s->items[i].words < DETECT_MIN_WORDS)
            continue;
        total_words += s->items[i].words;
        for (int l = 0; l < STOPWORD_LANG_COUNT; l++)
            hits[l] += stats[i].hits[l];
    }
    int best = -1;
    for (int l = 0; l < STOPWORD_LANG_COUNT; l++)
        if (best < 0 || hits[l] > hits[best])
            best = l;
    if (best < 0 || hits[best] < DETECT_MIN_HITS ||
        (float)hits[best] < DETECT_MIN_SHARE * (float)total_words)
        return -1;
    return best;
}

/* The list that the page's declared language names ("pt-BR" -> "pt"). */
static int language_index(const char *code)
{
    if (!code || !code[0] || !code[1])
        return -1;
    char two[3] = {(char)(code[0] | 0x20), (char)(code[1] | 0x20), '\0'};
    if (code[2] && code[2] != '-' && code[2] != '_')
        return -1;
    for (int l = 0; l < STOPWORD_LANG_COUNT; l++)
        if (strcmp(stopword_lang_codes[l], two) == 0)
            return l;
    return -1;
}

/* Counts, for each block, the other blocks with the same text: menus and
 * widgets repeat on a page, article paragraphs do not. */
static void count_repeats(block_stream *s)
{
    size_t cap = 16;
    while (cap < s->count * 2)
        cap *= 2;
    uint32_t *slots = arena_alloc(s->a, cap * sizeof *slots); /* block index + 1 */
    uint32_t *first = arena_alloc(s->a, s->count * sizeof *first);
    uint32_t *count = arena_alloc(s->a, s->count * sizeof *count);
    if (!slots || !first || !count)
        return;
    for (size_t i = 0; i < s->count; i++) {
        const block *b = &s->items[i];
        size_t j = fnv1a(b->text, b->len) & (cap - 1);
        for (;; j = (j + 1) & (cap - 1)) {
            if (!slots[j]) {
                slots[j] = (uint32_t)i + 1;
                first[i] = (uint32_t)i;
                break;
            }
            const block *o = &s->items[slots[j] - 1];
            if (o->len == b->len && memcmp(o->text, b->text, b->len) == 0) {
                first[i] = slots[j] - 1;
                break;
            }
        }
        count[first[i]]++;
    }
    for (size_t i = 0; i < s->count; i++) {
        uint32_t n = count[first[i]] - 1;
        s->items[i].repeats = n > UINT16_MAX ? UINT16_MAX : (uint16_t)n;
    }
}

void features_compute(block_stream *s)
{
    if (s->count == 0)
        return;
    word_stats *stats = arena_alloc(s->a, s->count * sizeof *stats);
    if (!stats)
        return;
    for (size_t i = 0; i < s->count; i++)
        measure_block(&s->items[i], &stats[i]);

    int lang = detect_language(s, stats);
    if (lang < 0)
        lang = language_index(s->hints.language);
    if (lang >= 0 && !s->hints.language)
        s->hints.language = stopword_lang_codes[lang];

    for (size_t i = 0; i < s->count; i++) {
        block *b = &s->items[i];
        if (lang < 0)
            b->stop_ratio = STOP_RATIO_UNKNOWN;
        else
            b->stop_ratio = b->words ? (float)stats[i].hits[lang] / (float)b->words : 0.0f;
        b->boiler_family = boiler_family_of(b);
    }
    count_repeats(s);
}
