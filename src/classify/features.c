#include "features.h"

#include <string.h>

#include "../util/hash.h"
#include "../util/utf8.h"
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
    uint8_t len;       /* bytes of phrase */
    const char *phrase;
} boiler_phrase;

#define PHRASE(family, mode, max_words, text)                                                      \
    {                                                                                              \
        family, mode, max_words, sizeof(text) - 1, text                                            \
    }

static const boiler_phrase boiler_phrases[] = {
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "home"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "menu"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "main menu"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "search"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "navigation"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "toggle navigation"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "close"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "more"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "sections"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "log in"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "login"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "log out"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "sign in"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "register"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "my account"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "next"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "previous"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "back to top"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "contact"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "contact us"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "about us"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "sitemap"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "site map"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "rss"),
    PHRASE(BOILER_MENU, MATCH_PREFIX, 6, "skip to"),
    PHRASE(BOILER_MENU, MATCH_PREFIX, 8, "you are here"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "startseite"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "suche"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "início"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "beranda"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "accueil"),
    PHRASE(BOILER_MENU, MATCH_EXACT, 4, "inicio"),

    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 30, "sign up"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 16, "signing up"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 30, "subscribe"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 16, "subscription"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 30, "newsletter"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 30, "newsletters"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 16, "your inbox"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 30, "email address"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 30, "e-mail address"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 16, "subscribed"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 30, "activation link"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 16, "enter your email"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 30, "unsubscribe"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 16, "abonnieren"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 16, "assine"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 16, "inscreva-se"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 16, "berlangganan"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 16, "suscríbete"),
    PHRASE(BOILER_SIGNUP, MATCH_CONTAINS, 16, "abonnez-vous"),

    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "share"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "tweet"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "print"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "email"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "facebook"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "twitter"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "instagram"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "youtube"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "linkedin"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "pinterest"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "whatsapp"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "reddit"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "comment"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "share this"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "share on"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "share via"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "click to share"),
    PHRASE(BOILER_SHARE, MATCH_CONTAINS, 30, "follow us on"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "like us on"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "copy link"),
    PHRASE(BOILER_SHARE, MATCH_CONTAINS, 10, "next score"),
    PHRASE(BOILER_SHARE, MATCH_CONTAINS, 10, "previous score"),
    PHRASE(BOILER_SHARE, MATCH_CONTAINS, 10, "rate this"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "teilen"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "compartilhe"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "compartilhar"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "bagikan"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "partager"),
    PHRASE(BOILER_SHARE, MATCH_EXACT, 4, "compartir"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "compartir en"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "compartilhar no"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "compartilhe no"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "partager sur"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "teilen auf"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "auf facebook teilen"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "condividi su"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "bagikan ke"),
    PHRASE(BOILER_SHARE, MATCH_PREFIX, 10, "delen op"),

    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 40, "©"),
    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 40, "copyright"),
    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 40, "all rights reserved"),
    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 12, "terms of use"),
    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 12, "terms of service"),
    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 12, "terms and conditions"),
    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 12, "privacy policy"),
    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 12, "privacy settings"),
    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 40, "todos os direitos reservados"),
    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 40, "todos los derechos reservados"),
    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 40, "alle rechte vorbehalten"),
    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 40, "tous droits réservés"),
    PHRASE(BOILER_LEGAL, MATCH_CONTAINS, 40, "hak cipta"),
    PHRASE(BOILER_LEGAL, MATCH_EXACT, 4, "impressum"),
    PHRASE(BOILER_LEGAL, MATCH_EXACT, 4, "datenschutz"),

    PHRASE(BOILER_COOKIE, MATCH_CONTAINS, 80, "use cookies"),
    PHRASE(BOILER_COOKIE, MATCH_CONTAINS, 80, "uses cookies"),
    PHRASE(BOILER_COOKIE, MATCH_CONTAINS, 80, "of cookies"),
    PHRASE(BOILER_COOKIE, MATCH_CONTAINS, 80, "cookie policy"),
    PHRASE(BOILER_COOKIE, MATCH_CONTAINS, 80, "cookie settings"),
    PHRASE(BOILER_COOKIE, MATCH_CONTAINS, 80, "accept cookies"),
    PHRASE(BOILER_COOKIE, MATCH_CONTAINS, 80, "cookies to"),
    PHRASE(BOILER_COOKIE, MATCH_CONTAINS, 80, "verwendet cookies"),
    PHRASE(BOILER_COOKIE, MATCH_CONTAINS, 80, "utiliza cookies"),
    PHRASE(BOILER_COOKIE, MATCH_CONTAINS, 80, "utilizamos cookies"),
    PHRASE(BOILER_COOKIE, MATCH_CONTAINS, 80, "menggunakan cookie"),
    PHRASE(BOILER_COOKIE, MATCH_EXACT, 4, "accept"),
    PHRASE(BOILER_COOKIE, MATCH_EXACT, 4, "accept all"),
    PHRASE(BOILER_COOKIE, MATCH_EXACT, 4, "i agree"),

    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "related"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "read more"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "read also"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "also read"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "see also"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "more from"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "more stories"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "more news"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "recommended"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "you may also like"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "you might also like"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "most popular"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "most read"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "trending"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "top stories"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "latest news"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "latest stories"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "editor's picks"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "continue reading"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "baca juga"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "leia também"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "leia mais"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "lesen sie auch"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "mehr zum thema"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "lire aussi"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "à lire aussi"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "leer más"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "leggi anche"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "veja também"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "você pode gostar"),
    PHRASE(BOILER_RELATED, MATCH_PREFIX, 8, "das könnte sie auch interessieren"),

    PHRASE(BOILER_CREDIT, MATCH_PREFIX, 20, "photo:"),
    PHRASE(BOILER_CREDIT, MATCH_PREFIX, 20, "photo by"),
    PHRASE(BOILER_CREDIT, MATCH_PREFIX, 20, "photo credit"),
    PHRASE(BOILER_CREDIT, MATCH_PREFIX, 20, "photograph:"),
    PHRASE(BOILER_CREDIT, MATCH_PREFIX, 20, "image:"),
    PHRASE(BOILER_CREDIT, MATCH_PREFIX, 20, "image credit"),
    PHRASE(BOILER_CREDIT, MATCH_PREFIX, 20, "credit:"),
    PHRASE(BOILER_CREDIT, MATCH_PREFIX, 20, "foto:"),
    PHRASE(BOILER_CREDIT, MATCH_PREFIX, 20, "bild:"),
    PHRASE(BOILER_CREDIT, MATCH_PREFIX, 20, "(photo"),
    PHRASE(BOILER_CREDIT, MATCH_CONTAINS, 20, "getty images"),
    PHRASE(BOILER_CREDIT, MATCH_CONTAINS, 20, "ap photo"),
    PHRASE(BOILER_CREDIT, MATCH_CONTAINS, 20, "shutterstock"),
    PHRASE(BOILER_CREDIT, MATCH_CONTAINS, 20, "file photo"),

    PHRASE(BOILER_AD, MATCH_EXACT, 6, "advertisement"),
    PHRASE(BOILER_AD, MATCH_EXACT, 6, "advertising"),
    PHRASE(BOILER_AD, MATCH_EXACT, 6, "ad"),
    PHRASE(BOILER_AD, MATCH_EXACT, 6, "ads"),
    PHRASE(BOILER_AD, MATCH_EXACT, 6, "sponsored"),
    PHRASE(BOILER_AD, MATCH_EXACT, 6, "sponsored content"),
    PHRASE(BOILER_AD, MATCH_PREFIX, 8, "story continues below"),
    PHRASE(BOILER_AD, MATCH_PREFIX, 8, "article continues below"),
    PHRASE(BOILER_AD, MATCH_PREFIX, 8, "scroll to continue"),
    PHRASE(BOILER_AD, MATCH_EXACT, 6, "anzeige"),
    PHRASE(BOILER_AD, MATCH_EXACT, 6, "werbung"),
    PHRASE(BOILER_AD, MATCH_EXACT, 6, "publicidade"),
    PHRASE(BOILER_AD, MATCH_EXACT, 6, "publicidad"),
    PHRASE(BOILER_AD, MATCH_EXACT, 6, "publicité"),
    PHRASE(BOILER_AD, MATCH_EXACT, 6, "pubblicità"),
    PHRASE(BOILER_AD, MATCH_EXACT, 6, "iklan"),

    PHRASE(BOILER_COMMENTS, MATCH_PREFIX, 8, "comments"),
    PHRASE(BOILER_COMMENTS, MATCH_PREFIX, 8, "leave a comment"),
    PHRASE(BOILER_COMMENTS, MATCH_PREFIX, 8, "leave a reply"),
    PHRASE(BOILER_COMMENTS, MATCH_PREFIX, 8, "post a comment"),
    PHRASE(BOILER_COMMENTS, MATCH_PREFIX, 8, "add a comment"),
    PHRASE(BOILER_COMMENTS, MATCH_PREFIX, 8, "join the conversation"),
    PHRASE(BOILER_COMMENTS, MATCH_EXACT, 4, "reply"),
    PHRASE(BOILER_COMMENTS, MATCH_CONTAINS, 6, "comments"),
    PHRASE(BOILER_COMMENTS, MATCH_CONTAINS, 16, "responses to"),
    PHRASE(BOILER_COMMENTS, MATCH_CONTAINS, 16, "thoughts on"),
    PHRASE(BOILER_COMMENTS, MATCH_CONTAINS, 16, "replies to"),
    PHRASE(BOILER_COMMENTS, MATCH_PREFIX, 8, "kommentare"),
    PHRASE(BOILER_COMMENTS, MATCH_PREFIX, 8, "comentários"),
    PHRASE(BOILER_COMMENTS, MATCH_PREFIX, 8, "komentar"),
};

/* Blocks longer than this are never matched against the phrases. */
#define BOILER_MAX_WORDS 80
/* No phrase but the cookie notices' applies to blocks longer than this. */
#define LONG_PHRASE_WORDS 40
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

/* Classes of the bytes, looked up instead of compared: the loops over
 * every byte of the page run on this. Bytes of multi-byte UTF-8 sequences
 * (0x80 and up) have no class, so a run of ASCII word bytes stops at them
 * as at the NUL that ends every block's text. */
enum { ASCII_WORD = 1, ASCII_UPPER = 2, ASCII_DIGIT = 4, ASCII_SPACE = 8 };
#define W ASCII_WORD
#define U (ASCII_WORD | ASCII_UPPER)
#define D (ASCII_WORD | ASCII_DIGIT)
#define S ASCII_SPACE
static const uint8_t ascii_class[256] = {
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
    S, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, 0,
    0, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, 0, 0, 0, 0, W,
    0, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, 0, 0, 0, 0, S};
#undef W
#undef U
#undef D
#undef S

/* The bytes with ASCII upper case folded to lower, all others unchanged. */
#define L(c) ((c) >= 'A' && (c) <= 'Z' ? (c) + 32 : (c))
#define ROW(r)                                                                                     \
    L(r + 0), L(r + 1), L(r + 2), L(r + 3), L(r + 4), L(r + 5), L(r + 6), L(r + 7), L(r + 8),      \
        L(r + 9), L(r + 10), L(r + 11), L(r + 12), L(r + 13), L(r + 14), L(r + 15)
static const uint8_t ascii_lower[256] = {
    ROW(0x00), ROW(0x10), ROW(0x20), ROW(0x30), ROW(0x40), ROW(0x50), ROW(0x60), ROW(0x70),
    ROW(0x80), ROW(0x90), ROW(0xA0), ROW(0xB0), ROW(0xC0), ROW(0xD0), ROW(0xE0), ROW(0xF0)};
#undef ROW
#undef L

/* memcmp for the short strings of words and phrases, without a call. */
static bool same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

static bool ascii_word(uint32_t c)
{
    return ascii_class[c] & ASCII_WORD;
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

/* Anchored phrases; t[0..n) is the folded block, exact_n is n without
 * trailing punctuation. */
static bool phrase_matches(const boiler_phrase *p, const char *t, size_t n, size_t exact_n)
{
    size_t pl = p->len;
    if (p->mode == MATCH_EXACT)
        return exact_n == pl && same_bytes(t, p->phrase, pl);
    return pl <= n && same_bytes(t, p->phrase, pl) &&
           (pl == n || !word_char_before(p->phrase, pl) || !is_word_byte_at(t, n, pl));
}

/* "jane says:", "Alex on September 17, 2018 at 6:34 am said:": the
 * header a comment system puts above each comment. */
static const char *const comment_header_ends[] = {
    " says:", " said:", " wrote:", " schreibt:", " disse:", " dice:", " dit:"};
#define COMMENT_HEADER_MAX_WORDS 14

static bool is_comment_header(const block *b, const char *folded, size_t n)
{
    if (b->words > COMMENT_HEADER_MAX_WORDS || n == 0 || folded[n - 1] != ':')
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

#define PHRASE_COUNT (sizeof boiler_phrases / sizeof *boiler_phrases)

/* The phrases bucketed by first byte, built once per document on the
 * stack: a block is then compared only with the phrases that can start
 * where its words start. Within a bucket the table's order is kept. */
typedef struct phrase_index {
    uint16_t start[2][257]; /* [anchored, contains][first byte] */
    const boiler_phrase *by_byte[2][PHRASE_COUNT];
    /* Per first byte, bit (second byte & 63) of each contains phrase: most
     * word starts are passed over on this test alone. */
    uint64_t contains_second[256];
    /* Whether a contains phrase starts with ASCII punctuation or space:
     * measure_block does not note those places, so the scan then reads
     * every block in full. */
    bool contains_ascii_symbol;
} phrase_index;

/* The places in a block's folded text where a contains phrase can start,
 * noted by measure_block as it reads the block: word starts, and the
 * other code points whose first two bytes a contains phrase has. More
 * than STARTS_CAP (only blocks too long for phrases have that many
 * words) and the scan reads the folded text itself. */
#define STARTS_CAP 128
typedef struct phrase_starts {
    uint16_t at[STARTS_CAP];
    size_t count;
} phrase_starts;

static void phrase_index_build(phrase_index *ix)
{
    memset(ix->start, 0, sizeof ix->start);
    memset(ix->contains_second, 0, sizeof ix->contains_second);
    ix->contains_ascii_symbol = false;
    for (size_t i = 0; i < PHRASE_COUNT; i++) {
        const char *phrase = boiler_phrases[i].phrase;
        int k = boiler_phrases[i].mode == MATCH_CONTAINS;
        ix->start[k][(unsigned char)phrase[0] + 1]++;
        if (k) {
            unsigned char c = (unsigned char)phrase[0];
            ix->contains_second[c] |= 1ull << (phrase[1] & 63);
            if (c < 0x80 && !ascii_word(c))
                ix->contains_ascii_symbol = true;
        }
    }
    for (int k = 0; k < 2; k++)
        for (int c = 0; c < 256; c++)
            ix->start[k][c + 1] += ix->start[k][c];
    uint16_t fill[2][256];
    for (int k = 0; k < 2; k++)
        memcpy(fill[k], ix->start[k], sizeof fill[k]);
    for (size_t i = 0; i < PHRASE_COUNT; i++) {
        int k = boiler_phrases[i].mode == MATCH_CONTAINS;
        ix->by_byte[k][fill[k][(unsigned char)boiler_phrases[i].phrase[0]]++] = &boiler_phrases[i];
    }
}

/* folded[0..n) is the block's case-folded text (NUL-terminated). */
/* "By Jane Doe | November 18, 2019 at 2:26 PM", "Updated 4:46 PM": the
 * author and time stamp lines above or below a story. A sentence that
 * starts with "By" ends with a full stop and has no digits. */
#define BYLINE_MAX_WORDS 20
static const char *const time_stamp_openers[] = {"updated", "published", "posted", "last updated"};

static bool is_byline(const block *b, const char *t)
{
    if (b->words > BYLINE_MAX_WORDS)
        return false;
    if (strncmp(t, "by ", 3) == 0)
        return !b->ends_sentence || b->digit_ratio > 0.0f;
    if (b->digit_ratio == 0.0f)
        return false;
    for (size_t i = 0; i < sizeof time_stamp_openers / sizeof *time_stamp_openers; i++) {
        size_t n = strlen(time_stamp_openers[i]);
        if (strncmp(t, time_stamp_openers[i], n) == 0 && (t[n] == ' ' || t[n] == ':'))
            return true;
    }
    return false;
}

/* "Follow us on Instagram, Facebook and YouTube.": a promo for the
 * publication's social accounts, often set as a sentence at a story's
 * end. It opens with the verb and names a network. */
#define FOLLOW_PROMPT_MAX_WORDS 15
static const char *const follow_openers[] = {"follow ", "siga ",     "folgen sie ",
                                             "suivez ", "síguenos ", "ikuti "};
static const char *const social_networks[] = {"facebook", "twitter",  "instagram", "youtube",
                                              "tiktok",   "linkedin", "telegram"};

static bool is_follow_prompt(const block *b, const char *t)
{
    if (b->words > FOLLOW_PROMPT_MAX_WORDS)
        return false;
    bool opens = false;
    for (size_t i = 0; !opens && i < sizeof follow_openers / sizeof *follow_openers; i++)
        opens = strncmp(t, follow_openers[i], strlen(follow_openers[i])) == 0;
    for (size_t i = 0; opens && i < sizeof social_networks / sizeof *social_networks; i++)
        if (strstr(t, social_networks[i]))
            return true;
    return false;
}

/* "About the author", "Über Moritz Bachmann": the heading of an author's
 * bio, which blogs and magazines set after the story. "About" followed by
 * a word for the author, or by a name (every word capitalised). */
#define AUTHOR_HEADING_MAX_WORDS 6
static const char *const about_openers[] = {"about ", "über ", "sobre ", "à propos ", "tentang "};
static const char *const author_words[] = {"the author", "den autor", "die autorin", "el autor",
                                           "la autora",  "o autor",   "a autora",    "de l'auteur",
                                           "l'auteur",   "penulis"};

static bool is_author_heading(const block *b, const char *t)
{
    if (b->words < 2 || b->words > AUTHOR_HEADING_MAX_WORDS || b->ends_sentence)
        return false;
    const char *rest = NULL;
    for (size_t i = 0; !rest && i < sizeof about_openers / sizeof *about_openers; i++)
        if (strncmp(t, about_openers[i], strlen(about_openers[i])) == 0)
            rest = t + strlen(about_openers[i]);
    if (!rest)
        return false;
    for (size_t i = 0; i < sizeof author_words / sizeof *author_words; i++)
        if (strncmp(rest, author_words[i], strlen(author_words[i])) == 0)
            return true;
    return b->words >= 3 && b->caps_ratio > 0.99f;
}

/* Punctuation that an exact phrase may have after it ("Home >"), and a
 * NUL that scraped text may carry. */
static bool is_trailing_mark(char c)
{
    return c == '.' || c == ':' || c == '!' || c == '?' || c == '|' || c == '>' || c == '\0';
}

/* The family of a contains phrase that starts at folded[at], or 0. */
static uint16_t contains_phrase_at(const block *b, const char *folded, size_t n, size_t at,
                                   const phrase_index *ix)
{
    unsigned char c = (unsigned char)folded[at];
    if (!(ix->contains_second[c] >> ((unsigned char)folded[at + 1] & 63) & 1))
        return BOILER_NONE;
    for (uint16_t k = ix->start[1][c]; k < ix->start[1][c + 1]; k++) {
        const boiler_phrase *p = ix->by_byte[1][k];
        /* Every phrase has a second byte, and the folded text a NUL
         * after its last: a cheap first test. */
        if (folded[at + 1] != p->phrase[1] || b->words > p->max_words || p->len > n - at ||
            !same_bytes(folded + at, p->phrase, p->len))
            continue;
        if (at + p->len == n || !word_char_before(p->phrase, p->len) ||
            !is_word_byte_at(folded, n, at + p->len))
            return p->family;
    }
    return BOILER_NONE;
}

static uint16_t boiler_family_of(const block *b, const char *folded, size_t n,
                                 const phrase_starts *starts, const phrase_index *ix)
{
    if (b->words > BOILER_MAX_WORDS || n == 0)
        return BOILER_NONE;
    if (is_comment_header(b, folded, n))
        return BOILER_COMMENTS;
    if (is_gallery_caption(folded))
        return BOILER_CREDIT;
    if (is_byline(b, folded))
        return BOILER_BYLINE;
    if (is_follow_prompt(b, folded))
        return BOILER_SHARE;
    if (is_author_heading(b, folded))
        return BOILER_AUTHOR;
    size_t exact_n = n;
    while (exact_n > 0 && is_trailing_mark(folded[exact_n - 1]))
        exact_n--;
    /* Anchored phrases can only start with the block's first byte. */
    unsigned char first = (unsigned char)folded[0];
    for (uint16_t k = ix->start[0][first]; k < ix->start[0][first + 1]; k++) {
        const boiler_phrase *p = ix->by_byte[0][k];
        if (b->words <= p->max_words && phrase_matches(p, folded, n, exact_n))
            return p->family;
    }
    /* Only cookie notices are furniture at paragraph length: spare the
     * scan of ordinary paragraphs that do not mention cookies. */
    if (b->words > LONG_PHRASE_WORDS && !strstr(folded, "cookie"))
        return BOILER_NONE;
    /* The others at a word start, or, for those that begin with a symbol
     * ("©"), anywhere. */
    if (starts->count <= STARTS_CAP) {
        for (size_t k = 0; k < starts->count && starts->at[k] < n; k++) {
            uint16_t family = contains_phrase_at(b, folded, n, starts->at[k], ix);
            if (family)
                return family;
        }
        return BOILER_NONE;
    }
    bool prev_word = false;
    for (size_t at = 0; at < n;) {
        unsigned char c = (unsigned char)folded[at];
        size_t adv = 1;
        bool word = c < 0x80 ? ascii_word(c) : utf8_is_word(utf8_decode(folded + at, n - at, &adv));
        if (!(word && prev_word)) {
            uint16_t family = contains_phrase_at(b, folded, n, at, ix);
            if (family)
                return family;
        }
        prev_word = word;
        at += adv;
        /* The rest of an ASCII word holds no word start: skip it. */
        if (word)
            while (ascii_class[(unsigned char)folded[at]] & ASCII_WORD)
                at++;
    }
    return BOILER_NONE;
}

/* The languages whose lists hold the folded word w. The slots' tags turn
 * away the other words hashed there without reading their records. */
static uint32_t stopword_langs(const char *w, size_t len)
{
    const uint32_t mask = (1u << STOPWORD_TABLE_BITS) - 1;
    uint32_t hash = hash_short(w, len), tag = hash >> 16;
    if (!hash_filter_may_hold(STOPWORD_FILTER, STOPWORD_FILTER_BITS, hash))
        return 0;
    for (uint32_t i = hash & mask; stopword_slots[i]; i = (i + 1) & mask) {
        uint32_t slot = stopword_slots[i];
        if (slot >> 16 != tag)
            continue;
        const unsigned char *r = (const unsigned char *)stopword_records + (slot & 0xFFFF);
        if (r[0] == len && same_bytes((const char *)r + 5, w, len))
            return (uint32_t)r[1] | (uint32_t)r[2] << 8 | (uint32_t)r[3] << 16 |
                   (uint32_t)r[4] << 24;
    }
    return 0;
}

/* Per-block counts that language detection needs after the first pass. */
typedef struct word_stats {
    uint16_t hits[STOPWORD_LANG_COUNT];
} word_stats;

/* A word ended: count it and its stopword hits. The folded word is
 * hashed only now, and only when it is short enough to be a stopword. */
static inline void end_word(const char *word, size_t wlen, size_t cjk, uint32_t *words,
                            word_stats *st)
{
    *words += cjk ? (uint32_t)(cjk + 1) / 2 : 1;
    if (cjk || wlen > STOPWORD_MAX_BYTES)
        return;
    for (uint32_t langs = stopword_langs(word, wlen); langs; langs &= langs - 1)
        st->hits[__builtin_ctz(langs)]++;
}

/* Folds src[0..len) into out (code point lengths are kept), for a word
 * the capped folded text of its block does not hold in full. */
static void fold_word(const char *src, size_t len, char *out)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)src[i];
        if (c < 0x80) {
            out[i++] = (char)ascii_lower[c];
            continue;
        }
        size_t adv;
        uint32_t cp = utf8_decode(src + i, len - i, &adv);
        utf8_encode(fold_cp(cp), out + i);
        i += adv;
    }
}

/* The last visible code point, looking through closing quotes and
 * brackets after a full stop. */
static bool ends_with_stop(const char *s, size_t len)
{
    while (len > 0) {
        size_t start = len - 1;
        while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80)
            start--;
        size_t adv;
        uint32_t cp = utf8_decode(s + start, len - start, &adv);
        len = start;
        if (utf8_is_space(cp) || cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
            cp == 0x201D || cp == 0x2019 || cp == 0xBB)
            continue;
        return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002 ||
               cp == 0xFF01 || cp == 0xFF1F;
    }
    return false;
}

/* One pass over a block's code points: words (runs of word characters; a
 * run of ideographs counts one word per two, as CJK writes no spaces),
 * capitals, digits, stopword hits per language; and the case-folded text
 * (up to fold_cap bytes) for phrase matching. Returns the folded length. */
/* Scripts that name their language well enough to report it when no
 * stopword list fits the page: kana is Japanese, Hangul Korean, Han
 * without kana Chinese, and so on. */
typedef enum {
    SCRIPT_KANA,
    SCRIPT_HAN,
    SCRIPT_HANGUL,
    SCRIPT_THAI,
    SCRIPT_HEBREW,
    SCRIPT_GREEK,
    SCRIPT_DEVANAGARI,
    SCRIPT_COUNT
} script;

static const char *const script_languages[SCRIPT_COUNT] = {"ja", "zh", "ko", "th",
                                                           "he", "el", "hi"};
/* Share of a page's letters a script needs to name the page's language. */
#define SCRIPT_MIN_SHARE 0.3f

static int script_of(uint32_t cp)
{
    if (cp >= 0x3040 && cp <= 0x30FF)
        return SCRIPT_KANA;
    if (cp >= 0x3400 && cp <= 0x9FFF)
        return SCRIPT_HAN;
    if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF))
        return SCRIPT_HANGUL;
    if (cp >= 0xE00 && cp <= 0xE7F)
        return SCRIPT_THAI;
    if (cp >= 0x590 && cp <= 0x5FF)
        return SCRIPT_HEBREW;
    if (cp >= 0x370 && cp <= 0x3FF)
        return SCRIPT_GREEK;
    if (cp >= 0x900 && cp <= 0x97F)
        return SCRIPT_DEVANAGARI;
    return -1;
}

static const char *script_language(const uint32_t *scripts, uint32_t letters)
{
    int best = 0;
    for (int k = 1; k < SCRIPT_COUNT; k++)
        if (scripts[k] > scripts[best])
            best = k;
    /* Japanese writes kanji beside kana: any real share of kana is it. */
    if (best == SCRIPT_HAN && scripts[SCRIPT_KANA] * 4 > scripts[SCRIPT_HAN])
        best = SCRIPT_KANA;
    uint32_t n = best == SCRIPT_KANA ? scripts[SCRIPT_KANA] + scripts[SCRIPT_HAN] : scripts[best];
    return letters && (float)n >= SCRIPT_MIN_SHARE * (float)letters ? script_languages[best] : NULL;
}

/* ASCII capitals of eight bytes to lower case, the other bytes as they
 * are: a byte below 0x80 gets 0x20 added when it lies in 'A'..'Z'. */
static uint64_t ascii_lower8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t low7 = w & ~high;
    uint64_t from_a = low7 + ones * (0x80 - 'A');     /* high bit: >= 'A' */
    uint64_t past_z = low7 + ones * (0x80 - 'Z' - 1); /* high bit: > 'Z' */
    return w | ((from_a & ~past_z & ~w & high) >> 2);
}

static void fold_ascii(const unsigned char *s, size_t len, char *out)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        w = ascii_lower8(w);
        memcpy(out + i, &w, 8);
    }
    for (; i < len; i++)
        out[i] = (char)ascii_lower[s[i]];
}

static size_t measure_block(block *b, word_stats *st, char *folded, size_t fold_cap,
                            uint32_t *scripts, uint32_t *letters, phrase_starts *starts,
                            const phrase_index *ix)
{
    size_t ns = ix->contains_ascii_symbol ? STARTS_CAP + 1 : 0;
#define NOTE_START(pos)                                                                            \
    do {                                                                                           \
        if (ns < STARTS_CAP)                                                                       \
            starts->at[ns] = (uint16_t)(pos);                                                      \
        ns += ns <= STARTS_CAP;                                                                    \
    } while (0)
    uint32_t words = 0, capitalised = 0, digits4 = 0, spaces = 0, extra_bytes = 0;
    char word[STOPWORD_MAX_BYTES + 4];
    /* The word being read starts at text offset word_at and folded offset
     * word_o; folding keeps each code point's length, so its folded form
     * is folded[word_o..) whenever the cap did not cut it. */
    size_t word_at = 0, word_o = 0, cjk = 0, o = 0;
    bool in_word = false;
    const unsigned char *s = (const unsigned char *)b->text;
    size_t len = b->len, fold_limit = fold_cap - 5;
    /* A block shorter than the cap folds whole without a bound check per
     * byte. */
    bool fold_all = len < fold_limit;
    /* Such a block's ASCII is folded ahead, eight bytes a step; the loop
     * below rewrites the other code points folded. */
    if (fold_all)
        fold_ascii(s, len, folded);

#define END_WORD(end)                                                                              \
    do {                                                                                           \
        size_t wlen_ = (end)-word_at;                                                              \
        const char *w_ = folded + word_o;                                                          \
        if (!cjk && wlen_ <= STOPWORD_MAX_BYTES && o - word_o < wlen_) {                           \
            fold_word((const char *)s + word_at, wlen_, word);                                     \
            w_ = word;                                                                             \
        }                                                                                          \
        end_word(w_, wlen_, cjk, &words, st);                                                      \
    } while (0)

    for (size_t i = 0; i < len;) {
        unsigned c = s[i];
        uint8_t cls = ascii_class[c];
        if (cls & ASCII_WORD) {
            /* A run of ASCII word bytes, the bulk of most text; the
             * block's closing NUL or any non-ASCII byte ends it. */
            if (!in_word) {
                in_word = true;
                cjk = 0, word_at = i, word_o = o;
                capitalised += (cls & ASCII_UPPER) != 0;
                /* Noted only when a contains phrase starts with its first
                 * two bytes (or the second is not ASCII, folded later). */
                unsigned next = s[i + 1];
                if (next >= 0x80 ||
                    (ix->contains_second[ascii_lower[c]] >> (ascii_lower[next] & 63) & 1))
                    NOTE_START(o);
            }
            size_t start = i;
            do {
                digits4 += cls & ASCII_DIGIT;
                c = s[++i];
                cls = ascii_class[c];
            } while (cls & ASCII_WORD);
            size_t run = i - start;
            if (fold_all) {
                o += run; /* folded ahead of the loop */
            } else if (o < fold_limit) {
                size_t n = run < fold_limit - o ? run : fold_limit - o;
                for (size_t k = 0; k < n; k++)
                    folded[o + k] = (char)ascii_lower[s[start + k]];
                o += n;
            }
            *letters += (uint32_t)(i - start);
            continue;
        }
        if (c < 0x80) {
            /* Space or punctuation: folds to itself and ends a word. */
            spaces += (cls & ASCII_SPACE) != 0;
            if (in_word) {
                in_word = false;
                END_WORD(i);
            }
            if (o < fold_limit)
                folded[o++] = (char)c;
            i++;
            continue;
        }
        size_t adv;
        uint32_t cp = utf8_decode((const char *)s + i, len - i, &adv);
        int sc = script_of(cp);
        if (sc >= 0)
            scripts[sc]++;
        bool upper = utf8_is_upper(cp);
        digits4 += utf8_is_digit(cp) ? ASCII_DIGIT : 0;
        spaces += utf8_is_space(cp);
        if (utf8_is_word(cp)) {
            (*letters)++;
            if (!in_word) {
                in_word = true;
                cjk = 0, word_at = i, word_o = o;
                capitalised += upper;
                NOTE_START(o);
            }
            if (is_cjk(cp))
                cjk++;
        } else if (in_word) {
            in_word = false;
            END_WORD(i);
        }
        if (o < fold_limit) {
            size_t at = o;
            o += utf8_encode(fold_cp(cp), folded + o);
            unsigned char c0 = (unsigned char)folded[at], c1 = (unsigned char)folded[at + 1];
            if (!in_word && (ix->contains_second[c0] >> (c1 & 63) & 1))
                NOTE_START(at);
        }
        extra_bytes += (uint32_t)adv - 1;
        i += adv;
    }
    if (in_word)
        END_WORD(len);
#undef END_WORD
#undef NOTE_START
    starts->count = ns;
    folded[o] = '\0';
    uint32_t chars = (uint32_t)len - extra_bytes;
    uint32_t visible = chars - spaces;
    uint32_t digits = digits4 / ASCII_DIGIT;
    b->words = words;
    b->chars = chars;
    b->caps_ratio = words ? (float)capitalised / (float)words : 0.0f;
    b->digit_ratio = visible ? (float)digits / (float)visible : 0.0f;
    b->ends_sentence = ends_with_stop((const char *)s, len);
    return o;
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
 * widgets repeat on a page, article paragraphs do not. The hash reads the
 * first and last bytes only; blocks that agree there but differ in the
 * middle (generated pages: "On day 12 the council ...") share a probe
 * chain, so a block gives up after REPEAT_MAX_PROBES and counts as unique
 * rather than making the pass quadratic. */
#define REPEAT_HASH_BYTES 48
#define REPEAT_MAX_PROBES 64

/* Eight bytes a step: the hash only spreads the slots, equal texts are
 * still compared in full. */
static uint32_t head_hash(const char *s, size_t len)
{
    uint64_t h = 2166136261u; /* FNV-1a's offset basis */
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    }
    for (; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001B3ull;
    return (uint32_t)(h ^ (h >> 29));
}

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
        /* The length and the first bytes tell texts apart well enough for a
         * hash; equal texts are confirmed in full below. */
        size_t head = b->len < REPEAT_HASH_BYTES ? b->len : REPEAT_HASH_BYTES;
        uint32_t h = head_hash(b->text, head) ^ (uint32_t)(b->len * 2654435761u);
        if (b->len > REPEAT_HASH_BYTES)
            h ^= head_hash(b->text + b->len - REPEAT_HASH_BYTES, REPEAT_HASH_BYTES) * 31u;
        size_t j = h & (cap - 1);
        first[i] = (uint32_t)i;
        for (int probes = 0; probes < REPEAT_MAX_PROBES; probes++, j = (j + 1) & (cap - 1)) {
            if (!slots[j]) {
                slots[j] = (uint32_t)i + 1;
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
    phrase_index ix;
    phrase_index_build(&ix);
    char folded[FOLD_CAP];
    phrase_starts starts;
    uint32_t scripts[SCRIPT_COUNT] = {0}, letters = 0;
    for (size_t i = 0; i < s->count; i++) {
        size_t n = measure_block(&s->items[i], &stats[i], folded, sizeof folded, scripts, &letters,
                                 &starts, &ix);
        s->items[i].boiler_family = boiler_family_of(&s->items[i], folded, n, &starts, &ix);
    }

    int lang = detect_language(s, stats);
    if (lang < 0)
        lang = language_index(s->hints.language);
    if (lang >= 0 && !s->hints.language)
        s->hints.language = stopword_lang_codes[lang];
    if (!s->hints.language)
        s->hints.language = script_language(scripts, letters);

    for (size_t i = 0; i < s->count; i++) {
        block *b = &s->items[i];
        if (lang < 0)
            b->stop_ratio = STOP_RATIO_UNKNOWN;
        else
            b->stop_ratio = b->words ? (float)stats[i].hits[lang] / (float)b->words : 0.0f;
    }
    count_repeats(s);
}
