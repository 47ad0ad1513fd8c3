#include <string.h>

#include "../structure/title_separators.h"
#include "features.h"
#include "score.h"

/* Layout evidence of scraped text. Where a page's text keeps indentation,
 * the article's paragraphs share one indent (the seed indents its story,
 * not the page furniture around it); where paragraphs are separated by
 * blank lines, lines packed together without one are the items of a menu
 * or a widget. */

/* Blocks scoring above this are the confident prose that sets the page's
 * norms of indent and spacing. */
#define PROSE_SCORE 0.8f
#define INDENT_MATCH_BONUS 0.2f
#define INDENT_MISMATCH_PENALTY 0.5f
#define PACKED_LINE_PENALTY 0.3f
/* Lines packed three or more together, on a page whose paragraphs stand
 * apart, are the items of a list: teasers, menus, link lists. */
#define LIST_GROUP_LINES 3
#define LIST_GROUP_PENALTY 0.6f
#define CARD_LABEL_REPEATS 2
#define CARD_LABEL_WORDS 6
#define CARD_PENALTY 0.8f
/* Lines packed under a furniture heading are its items. */
#define HEADED_LIST_PENALTY 1.0f

static uint16_t prose_indent(const block_stream *s, bool *varies)
{
    /* Weighted vote over the few indents a page uses. */
    enum { SLOTS = 8 };
    uint16_t indent[SLOTS] = {0};
    uint32_t weight[SLOTS] = {0};
    size_t used = 0;
    *varies = false;
    for (size_t i = 0; i < s->count; i++) {
        const block *b = &s->items[i];
        if (b->indent != s->items[0].indent)
            *varies = true;
        if (b->score < PROSE_SCORE)
            continue;
        size_t k = 0;
        while (k < used && indent[k] != b->indent)
            k++;
        if (k == used) {
            if (used == SLOTS)
                continue;
            indent[used++] = b->indent;
        }
        weight[k] += b->chars;
    }
    size_t best = 0;
    for (size_t k = 1; k < used; k++)
        if (weight[k] > weight[best])
            best = k;
    return indent[best];
}

/* Whether the confident prose of the page is set off by blank lines. */
static bool prose_blank_separated(const block_stream *s)
{
    uint32_t blank = 0, packed = 0;
    for (size_t i = 1; i < s->count; i++) {
        if (s->items[i].score < PROSE_SCORE)
            continue;
        if (s->items[i].blank_before)
            blank++;
        else
            packed++;
    }
    return blank > 2 * packed;
}

#define ANCHOR_MIN_BYTES 10

/* Scraped page text opens with the page's <title>, "Headline - Site". A
 * later block that is exactly its headline part is the story's headline,
 * and the story follows it: labelling it fixes the anchor that smoothing
 * and structure build on. */
static void label_headline(block_stream *s)
{
    const char *page_title = s->items[0].text;
    for (size_t i = 1; i < s->count; i++) {
        const block *b = &s->items[i];
        if (b->len < ANCHOR_MIN_BYTES || strncmp(page_title, b->text, b->len) != 0)
            continue;
        const char *rest = page_title + b->len;
        bool match = *rest == '\0';
        for (size_t k = 0; !match && k < TITLE_SEPARATOR_COUNT; k++)
            match = strncmp(rest, title_separators[k], strlen(title_separators[k])) == 0;
        if (match && s->items[i].label == LABEL_UNDECIDED) {
            s->items[i].label = LABEL_TITLE;
            return;
        }
    }
}

/* "Related links:", "Most popular", "Sign up for our newsletter": a
 * furniture heading; the lines packed under it are its items. */
static bool is_list_header(const block *b)
{
    switch (b->boiler_family) {
    case BOILER_RELATED:
    case BOILER_SIGNUP:
    case BOILER_SHARE:
    case BOILER_COMMENTS:
        return !b->ends_sentence || b->words < 6;
    default:
        return false;
    }
}

/* A short line repeated on the page ("Tuesday November 19, 2019", an
 * author's name, "Report") packed with other lines marks a card of a
 * listing: teaser summaries sit packed under such labels, while story
 * paragraphs stand apart. */
static bool is_card_label(const block *b)
{
    return b->repeats >= CARD_LABEL_REPEATS && b->words <= CARD_LABEL_WORDS;
}

void score_text_layout(block_stream *s)
{
    if (s->count == 0)
        return;
    label_headline(s);
    bool varies;
    uint16_t indent = prose_indent(s, &varies);
    bool blank_separated = prose_blank_separated(s);
    size_t group_end = 0, group = 0;
    uint16_t header_family = BOILER_NONE;
    bool card = false;
    for (size_t i = 0; i < s->count; i++) {
        block *b = &s->items[i];
        if (varies)
            b->score += b->indent == indent ? INDENT_MATCH_BONUS : -INDENT_MISMATCH_PENALTY;
        if (!blank_separated)
            continue;
        if (i >= group_end) {
            group_end = i + 1;
            while (group_end < s->count && !s->items[group_end].blank_before)
                group_end++;
            group = group_end - i;
            header_family = BOILER_NONE;
            card = false;
            for (size_t k = i; k < group_end; k++)
                card |= is_card_label(&s->items[k]);
        }
        if (card && !is_card_label(b))
            b->score -= CARD_PENALTY;
        if (header_family && !b->boiler_family) {
            /* Items packed under a furniture heading belong to its family. */
            b->boiler_family = header_family;
            b->score -= HEADED_LIST_PENALTY;
        } else if (is_list_header(b)) {
            header_family = b->boiler_family;
        }
        if (group >= LIST_GROUP_LINES)
            b->score -= LIST_GROUP_PENALTY;
        else if (group > 1 && b->score < PROSE_SCORE)
            b->score -= PACKED_LINE_PENALTY;
    }
}
