#include <stdint.h>
#include <string.h>

#include "features.h"
#include "score.h"

/* DOM evidence on top of the shape score. The parser has chosen the main
 * content container the way readability does (paragraph text and commas
 * per container, link density, names); here each block is judged within
 * it: the article is the main container's prose minus the widgets that
 * sites put inside it, plus stray prose the container choice missed. */

/* Link share above which a block is navigation, whatever its length:
 * prose links a few words per sentence, menus and "related" lists are
 * nearly all link text. */
#define LINK_DENSE 0.5f
/* Prose outside the main container must clear this score (shape plus DOM)
 * and length to count: it is usually a second article, a teaser or a
 * comment. */
#define OUTSIDE_MIN_SCORE 1.0f
#define OUTSIDE_MIN_WORDS 30

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static float dom_score(const block *b, float link_density)
{
    float s = b->score;
    s += clampf(b->dom_prior * 0.3f, -1.2f, 1.0f);
    if (b->dom_flags & DOMF_IN_BOILER)
        s -= 1.0f;
    if (b->dom_flags & DOMF_IN_ARTICLE)
        s += 0.3f;
    if (b->dom_flags & DOMF_IN_LD_BODY)
        s += 1.5f;
    s -= link_density * 2.5f;
    return s;
}

/* A printed address ("Copy this URL", permalinks, the reporter's
 * e-mail): one token of a link or mail address, no words. */
static bool bare_address(const block *b)
{
    if (b->len < 6 || memchr(b->text, ' ', b->len) || memchr(b->text, '\n', b->len))
        return false;
    return strncmp(b->text, "http://", 7) == 0 || strncmp(b->text, "https://", 8) == 0 ||
           memchr(b->text, '@', b->len) != NULL;
}

/* Inside the main container: everything but widgets, captions and
 * furniture lines. */
static block_label judge_inside(const block *b, float ld)
{
    bool witnessed = b->dom_flags & DOMF_IN_LD_BODY;
    if (b->kind == BLOCK_CAPTION)
        return LABEL_BOILERPLATE;
    /* A sentence whose subject is a link is still prose; a list of
     * headlines does not read as sentences. */
    bool linked_sentence = b->ends_sentence && b->words >= 8 && b->stop_ratio >= 0.2f && ld < 0.8f;
    if (ld > LINK_DENSE && !linked_sentence)
        return LABEL_BOILERPLATE;
    if (witnessed)
        return LABEL_CONTENT;
    if (b->dom_flags & DOMF_IN_BOILER)
        return LABEL_BOILERPLATE;
    if (b->boiler_family && b->words < 20)
        return LABEL_BOILERPLATE;
    if (b->kind == BLOCK_HEADING || b->kind == BLOCK_LIST_ITEM || b->kind == BLOCK_TABLE_ROW)
        return LABEL_CONTENT;
    if (bare_address(b))
        return LABEL_BOILERPLATE;
    /* Bylines, dates and labels: a few words that are not a sentence. */
    if (b->words <= 3 && !b->ends_sentence)
        return LABEL_BOILERPLATE;
    if (b->score < -1.0f)
        return LABEL_BOILERPLATE;
    return LABEL_CONTENT;
}

/* Prose the container choice missed: a paragraph of sentences outside
 * boilerplate. Teasers (list items) and quotes of other pages are not. */
static bool stray_prose(const block *b, float ld)
{
    return (b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_QUOTE) && ld <= 0.2f &&
           !(b->dom_flags & DOMF_IN_BOILER) && b->score >= OUTSIDE_MIN_SCORE &&
           b->words >= OUTSIDE_MIN_WORDS;
}

static float link_density(const block *b)
{
    return b->len ? (float)b->link_len / (float)b->len : 0.0f;
}

/* Outside the main container only stray prose counts, and only where an
 * article's own text would be: between two parts of the main container,
 * or running straight into its start (a lead paragraph set apart). After
 * the article come comments and teasers. */
static void judge_outside(block_stream *s, size_t first_main, size_t last_main)
{
    for (size_t i = 0; i < s->count; i++) {
        block *b = &s->items[i];
        if (b->label != LABEL_UNDECIDED)
            continue;
        bool inside_span = i > first_main && i < last_main;
        b->label =
            (b->dom_flags & DOMF_IN_LD_BODY) || (inside_span && stray_prose(b, link_density(b)))
                ? LABEL_CONTENT
                : LABEL_BOILERPLATE;
    }
    for (size_t i = first_main; i-- > 0;) {
        block *b = &s->items[i];
        if (!stray_prose(b, link_density(b)))
            break;
        b->label = LABEL_CONTENT;
    }
}

/* Between the main container's start and its first sentence of prose sit
 * the story's header lines: bylines, dates (short lines with figures that
 * are not sentences) and the standfirst (a sentence set as a heading).
 * They are not body text; structure may still take the deck. */
static void drop_header_lines(block_stream *s, size_t first_main)
{
    for (size_t i = first_main; i < s->count; i++) {
        block *b = &s->items[i];
        if (!(b->dom_flags & DOMF_IN_MAIN) || b->label != LABEL_CONTENT)
            continue;
        if (b->kind != BLOCK_HEADING && b->words >= 10 && b->ends_sentence)
            return;
        bool dateline =
            b->kind == BLOCK_PARAGRAPH && !b->ends_sentence &&
            ((b->words < 10 && b->digit_ratio > 0.0f) || (b->words < 25 && b->digit_ratio > 0.15f));
        bool standfirst = b->kind == BLOCK_HEADING && b->words >= 12;
        if (dateline || standfirst)
            b->label = LABEL_BOILERPLATE;
    }
}

/* After the story's last paragraph come its trailer lines: "Follow us
 * on ...", "Listen live at ...", the reporter's e-mail. Short lines that
 * carry a link, at the very end, are not body. */
static void drop_trailer_lines(block_stream *s)
{
    for (size_t i = s->count; i-- > 0;) {
        block *b = &s->items[i];
        if (b->label != LABEL_CONTENT)
            continue;
        bool trailer =
            bare_address(b) || (b->kind == BLOCK_PARAGRAPH && b->words < 20 && b->link_len > 0);
        if (!trailer)
            return;
        b->label = LABEL_BOILERPLATE;
    }
}

/* A section front or a gallery has no article: what is left after the
 * furniture is gone are labels ("1h ago", "Photos"), not one sentence,
 * and too few words to be a list worth reading. */
#define NO_ARTICLE_MAX_WORDS 50
static void drop_if_no_article(block_stream *s)
{
    uint32_t words = 0;
    for (size_t i = 0; i < s->count; i++) {
        const block *b = &s->items[i];
        if (b->label != LABEL_CONTENT)
            continue;
        if (b->words >= 8 && b->ends_sentence)
            return;
        words += b->words;
    }
    if (words >= NO_ARTICLE_MAX_WORDS)
        return;
    for (size_t i = 0; i < s->count; i++)
        if (s->items[i].label == LABEL_CONTENT)
            s->items[i].label = LABEL_BOILERPLATE;
}

void score_html_evidence(block_stream *s)
{
    size_t first_main = SIZE_MAX, last_main = 0;
    for (size_t i = 0; i < s->count; i++) {
        if (s->items[i].dom_flags & DOMF_IN_MAIN) {
            if (first_main == SIZE_MAX)
                first_main = i;
            last_main = i;
        }
    }
    bool have_main = first_main != SIZE_MAX;
    for (size_t i = 0; i < s->count; i++) {
        block *b = &s->items[i];
        float ld = link_density(b);
        b->score = dom_score(b, ld);
        if (!have_main)
            continue; /* no container stood out: shape and smoothing decide */
        if (b->dom_flags & DOMF_H1) {
            /* The headline, not body text; structure takes the title. */
            b->label = LABEL_BOILERPLATE;
            continue;
        }
        if (b->dom_flags & DOMF_IN_MAIN)
            b->label = (uint8_t)judge_inside(b, ld);
    }
    if (!have_main)
        return;
    judge_outside(s, first_main, last_main);
    drop_header_lines(s, first_main);
    drop_trailer_lines(s);
    drop_if_no_article(s);
}
