#include "headline.h"

#include <string.h>

#include "../classify/features.h"
#include "../util/utf8.h"
#include "title_separators.h"

/* How far before the body a headline is looked for, in blocks: between
 * headline and story sit at most a deck, byline, date and share bar. */
#define HEADLINE_WINDOW 12
#define HEADLINE_MIN_WORDS 3
#define HEADLINE_MAX_WORDS 30
#define DECK_MIN_WORDS 4
#define DECK_MAX_WORDS 60
/* A block this digit-heavy is a date or time line, not a headline. */
#define DATE_LINE_DIGITS 0.15f

/* Site-name separators of page titles: "Headline - Site", "Headline | Site". */
/* A site or section name after a separator is short; a longer tail is
 * part of the headline. */
#define SITE_NAME_MAX_BYTES 40

static size_t first_content(const block_stream *s)
{
    for (size_t i = 0; i < s->count; i++)
        if (s->items[i].label == LABEL_CONTENT)
            return i;
    return s->count;
}

static bool is_byline(const block *b)
{
    return b->len > 3 && (strncmp(b->text, "By ", 3) == 0 || strncmp(b->text, "BY ", 3) == 0);
}

/* Bylines, dates, widgets: the lines that sit around a headline. */
static bool is_meta_line(const block *b)
{
    return b->boiler_family || b->digit_ratio > DATE_LINE_DIGITS || is_byline(b) || b->words < 2;
}

/* A headline has a few words and no full stop at its end (a question or
 * exclamation mark is fine). */
static bool headline_like(const block *b)
{
    if (is_meta_line(b) || b->words < HEADLINE_MIN_WORDS || b->words > HEADLINE_MAX_WORDS)
        return false;
    unsigned char last = (unsigned char)b->text[b->len - 1];
    return last != '.' && last != ',' && last != ':' && last != ';';
}

/* A deck is a phrase of the language, not a breadcrumb trail ("Home >
 * News > ..."), a bracketed photo credit or a run of names: it has some
 * function words where the page's language is known. */
#define DECK_MIN_STOP_RATIO 0.1f
static bool reads_as_phrase(const block *b)
{
    static const char *const trail_marks[] = {" > ", " \xEF\xBC\x9E ", " \xC2\xBB ", " / "};
    for (size_t i = 0; i < sizeof trail_marks / sizeof *trail_marks; i++) {
        const char *first = strstr(b->text, trail_marks[i]);
        if (first && strstr(first + 1, trail_marks[i]))
            return false;
    }
    if (b->text[0] == '(' && b->text[b->len - 1] == ')')
        return false;
    return b->stop_ratio == STOP_RATIO_UNKNOWN || b->stop_ratio >= DECK_MIN_STOP_RATIO;
}

/* Bylines and time stamps sit between a standfirst and the story: a
 * sentence cut off from the rest of the story by one is the deck. */
static bool byline_before_story(const block_stream *s, size_t from)
{
    for (size_t i = from; i < s->count && i < from + HEADLINE_WINDOW; i++) {
        const block *b = &s->items[i];
        if (b->label == LABEL_CONTENT)
            return false;
        if (b->boiler_family == BOILER_BYLINE || is_byline(b))
            return true;
    }
    return false;
}

/* The line after the headline is its deck when it is not story text: not
 * labelled content, or, if it is, a headline-like line (no full stop)
 * that the classifier took in as the story's first line, or a sentence
 * that a byline parts from the story. */
static bool deck_like(const block_stream *s, size_t i, const char *title)
{
    const block *b = &s->items[i];
    if (is_meta_line(b) || b->words < DECK_MIN_WORDS || b->words > DECK_MAX_WORDS ||
        strcmp(b->text, title) == 0 || !reads_as_phrase(b))
        return false;
    return b->label != LABEL_CONTENT || headline_like(b) || byline_before_story(s, i + 1);
}

/* A standfirst set as a sentence (ending in a full stop) between headline
 * and byline: the headline is looked for before it. */
static bool sentence_deck(const block *b)
{
    return b->label != LABEL_CONTENT && b->ends_sentence && b->words >= DECK_MIN_WORDS &&
           b->words <= DECK_MAX_WORDS && reads_as_phrase(b);
}

/* The page title without its " - Site Name" suffix: the last separator
 * splits off the site when what stays is the longer part. */
static const char *strip_site_suffix(arena *a, const char *title)
{
    if (!title || !*title)
        return NULL;
    size_t len = strlen(title);
    /* Strip "... - Site", then "... _ Section" before it, while the tail is
     * short and shorter than what stays. */
    for (;;) {
        size_t cut = len;
        for (size_t i = 0; i < TITLE_SEPARATOR_COUNT; i++) {
            const char *sep = title_separators[i], *hit = NULL;
            for (const char *p = strstr(title, sep); p && (size_t)(p - title) < len;
                 p = strstr(p + 1, sep))
                hit = p;
            if (!hit)
                continue;
            size_t at = (size_t)(hit - title), tail = len - at;
            if (at > tail && tail <= SITE_NAME_MAX_BYTES + strlen(sep) && (cut == len || at > cut))
                cut = at;
        }
        if (cut == len)
            break;
        len = cut;
        while (len > 0 && title[len - 1] == ' ')
            len--;
    }
    return len == strlen(title) ? title : arena_strndup(a, title, len);
}

/* Copies of title and deck further down (a repeated standfirst) leave the
 * body too. */
static void drop_copies(block_stream *s, const char *text, block_label label)
{
    if (!text)
        return;
    for (size_t i = 0; i < s->count; i++)
        if (s->items[i].label == LABEL_CONTENT && strcmp(s->items[i].text, text) == 0)
            s->items[i].label = (uint8_t)label;
}

/* Text mode: the headline is the headline-like line closest before the
 * body, past bylines, dates, widgets and at most one sentence-shaped deck.
 * When none is, the body's own first line, if headline-like and followed
 * by the story, is the headline the classifier took in. */
static ptrdiff_t text_title_index(const block_stream *s, size_t body)
{
    size_t lo = body > HEADLINE_WINDOW ? body - HEADLINE_WINDOW : 0;
    bool deck_passed = false;
    for (size_t i = body; i > lo; i--) {
        const block *b = &s->items[i - 1];
        if (is_meta_line(b))
            continue;
        if (!deck_passed && !headline_like(b) && sentence_deck(b)) {
            deck_passed = true;
            continue;
        }
        if (!headline_like(b))
            break;
        /* Two headline-like lines in a row: headline and deck. */
        if (i - 1 > 0 && headline_like(&s->items[i - 2]) &&
            s->items[i - 2].words >= DECK_MIN_WORDS && b->words >= DECK_MIN_WORDS)
            return (ptrdiff_t)(i - 2);
        return (ptrdiff_t)(i - 1);
    }
    if (body + 1 < s->count && headline_like(&s->items[body]) &&
        s->items[body + 1].label == LABEL_CONTENT)
        return (ptrdiff_t)body;
    return -1;
}

/* Whether the page title shares a word of four bytes or more with text:
 * a short <h1> that does not ("News releases") is a section or site name,
 * not the headline. */
#define SECTION_NAME_MAX_WORDS 3
static bool shares_a_word(const char *page_title, const char *text)
{
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *end = p;
        while (*end && *end != ' ')
            end++;
        size_t n = (size_t)(end - p);
        if (n >= 4) {
            char word[64];
            if (n >= sizeof word)
                n = sizeof word - 1;
            memcpy(word, p, n);
            word[n] = '\0';
            if (strstr(page_title, word))
                return true;
        }
        p = end;
    }
    return false;
}

static ptrdiff_t labelled_title(const block_stream *s)
{
    for (size_t i = 0; i < s->count; i++)
        if (s->items[i].label == LABEL_TITLE)
            return (ptrdiff_t)i;
    return -1;
}

static ptrdiff_t html_title_index(const block_stream *s)
{
    const char *page_title = s->hints.meta_title ? s->hints.meta_title : s->hints.html_title;
    for (size_t i = 0; i < s->count; i++) {
        const block *b = &s->items[i];
        if (!(b->dom_flags & DOMF_H1) || (b->dom_flags & DOMF_HIDDEN) || b->words == 0)
            continue;
        if (!page_title || b->words > SECTION_NAME_MAX_WORDS || shares_a_word(page_title, b->text))
            return (ptrdiff_t)i;
    }
    return -1;
}

headline headline_find(block_stream *s)
{
    headline h = {NULL, NULL};
    /* classify may have fixed the headline already (text mode matches it
     * against the page title). */
    ptrdiff_t t = labelled_title(s);
    if (t < 0)
        t = s->from_html ? html_title_index(s) : text_title_index(s, first_content(s));
    if (t < 0) {
        const page_hints *ph = &s->hints;
        const char *meta = ph->meta_title    ? ph->meta_title
                           : ph->ld_headline ? ph->ld_headline
                                             : ph->html_title;
        h.title = strip_site_suffix(s->a, meta);
        return h;
    }
    block *tb = &s->items[t];
    h.title = tb->text;
    tb->label = LABEL_TITLE;
    if ((size_t)t + 1 < s->count) {
        block *d = &s->items[t + 1];
        if (deck_like(s, (size_t)t + 1, h.title)) {
            h.deck = d->text;
            d->label = LABEL_DECK;
        }
    }
    drop_copies(s, h.title, LABEL_TITLE);
    drop_copies(s, h.deck, LABEL_DECK);
    return h;
}
