#include <math.h>

#include "features.h"
#include "score.h"

/* From scores to labels, in four steps:
 *  1. Blocks are sorted into good, bad and uncertain by their score.
 *  2. The article is one mostly contiguous stretch of the page: the
 *     stretch with the largest sum of weighted scores, searched after the
 *     headline when one is known and before any comment thread. Outside
 *     it nothing is content; furniture inside it (a sign-up box between
 *     two paragraphs) stays out by its own score.
 *  3. Uncertain blocks inside the stretch (short lines, subheadings) take
 *     the side of their nearest decided neighbours, as in jusText.
 *  4. A list that the story introduces with a colon line joins it.
 * Labels fixed by an earlier pass are kept throughout. */

#define GOOD_SCORE 0.5f
/* Words from which a line without terminal punctuation is no subheading. */
#define RUN_ON_WORDS 12
#define BAD_SCORE (-0.5f)
/* Cap on the weight of one block, so one long block (a comment, a legal
 * notice) cannot outweigh a whole article on its own. */
#define WEIGHT_CAP_CHARS 600.0f

typedef enum { SIDE_BAD = -1, SIDE_UNSURE = 0, SIDE_GOOD = 1 } side;

/* Least weight of an unexplained negative block (a short line that is
 * no known furniture): a run of such lines (the kickers, headlines and
 * sources of a teaser list) costs what its count says, not what its few
 * characters say, so teasers after a story do not join it. Known
 * furniture (credits, share buttons) keeps its small weight: stories are
 * interrupted by it all the time. */
#define UNEXPLAINED_WEIGHT_FLOOR 12.0f
/* Lowest score counted in the stretch search: a very negative block
 * (caption credit, share bar) inside a story must not cut it in two. */
#define SCORE_CLIP (-1.0f)

static float block_weight(const block *b)
{
    float c = (float)b->chars;
    float w = sqrtf(c < WEIGHT_CAP_CHARS ? c : WEIGHT_CAP_CHARS);
    if (b->score < 0.0f && !b->boiler_family && w < UNEXPLAINED_WEIGHT_FLOOR)
        return UNEXPLAINED_WEIGHT_FLOOR;
    return w;
}

static side side_of(const block *b)
{
    if (b->label == LABEL_CONTENT)
        return SIDE_GOOD;
    if (b->label != LABEL_UNDECIDED)
        return SIDE_BAD;
    if (b->score >= GOOD_SCORE)
        return SIDE_GOOD;
    if (b->score <= BAD_SCORE || b->boiler_family)
        return SIDE_BAD;
    /* A long line that stops without a full stop, among paragraphs that
     * have one, is a caption or a teaser, not a subheading. */
    if (b->words >= RUN_ON_WORDS && !b->ends_sentence)
        return SIDE_BAD;
    return SIDE_UNSURE;
}

/* Where a headline is labelled, the story starts after it; this head
 * start (in weighted score) lets the text right after the headline win
 * over an equally long stretch further down (a footer of disclaimers). */
#define HEADLINE_HEAD_START 100.0f
/* Paragraphs needed before a comment-thread header ends the story, so
 * that a comment counter beside the byline does not. */
#define GOOD_BEFORE_COMMENTS 2
#define PARAGRAPH_MIN_WORDS 20

static size_t headline_index(const block_stream *s)
{
    for (size_t i = 0; i < s->count; i++)
        if (s->items[i].label == LABEL_TITLE)
            return i;
    return s->count;
}

/* A comment-thread header that is not a sentence ("34 responses to ...",
 * "jane says:"). Related-link headings do not end the story: news sites
 * put "Related articles" boxes inside stories too. */
static bool ends_story(const block *b)
{
    return (b->boiler_family == BOILER_COMMENTS || b->boiler_family == BOILER_AUTHOR) &&
           !b->ends_sentence;
}

/* Comment threads follow the article: the first comment header after
 * some of the story ends the range in which the story is looked for. */
static size_t comments_start(const block_stream *s, size_t from)
{
    unsigned good = 0;
    for (size_t i = from; i < s->count; i++) {
        const block *b = &s->items[i];
        if (b->score >= GOOD_SCORE && b->words >= PARAGRAPH_MIN_WORDS)
            good++;
        else if (ends_story(b) && good >= GOOD_BEFORE_COMMENTS)
            return i;
    }
    return s->count;
}

/* Maximum-sum stretch [*first, *last] of the weighted scores (Kadane),
 * within [from, to). */
static bool main_stretch(const block_stream *s, size_t from, size_t to, float head_start,
                         size_t *first, size_t *last)
{
    float best = 0.0f, run = head_start;
    size_t start = from;
    bool found = false;
    for (size_t i = from; i < to; i++) {
        const block *b = &s->items[i];
        float sc = b->score < SCORE_CLIP ? SCORE_CLIP : b->score;
        float v = b->label == LABEL_UNDECIDED ? sc * block_weight(b)
                  : b->label == LABEL_CONTENT ? GOOD_SCORE * block_weight(b)
                                              : BAD_SCORE * block_weight(b);
        if (run <= 0.0f) {
            run = 0.0f;
            start = i;
        }
        run += v;
        if (run > best) {
            best = run;
            *first = start;
            *last = i;
            found = true;
        }
    }
    return found;
}

/* "Follow us on Instagram.", then "Listen live at 12:45 - or listen back
 * here.": stories end in the publication's promos, a share or sign-up
 * line followed by a short line. What follows such a line right
 * at the stretch's end is promo, not story. */
#define PROMO_TAIL_BLOCKS 1
#define PROMO_TAIL_WORDS 20

static bool is_promo_line(const block *b)
{
    return b->boiler_family == BOILER_SHARE || b->boiler_family == BOILER_SIGNUP;
}

static size_t trim_promo_tail(const block_stream *s, size_t first, size_t last)
{
    for (size_t i = last, after = 0; i > first && after <= PROMO_TAIL_BLOCKS; i--, after++) {
        const block *b = &s->items[i];
        if (is_promo_line(b))
            return i - 1;
        if (b->words > PROMO_TAIL_WORDS || b->label != LABEL_UNDECIDED)
            break;
    }
    return last;
}

/* The nearest decided side in direction dir from i, within [lo, hi]. */
static side neighbour_side(const side *sides, size_t i, int dir, size_t lo, size_t hi)
{
    for (size_t j = i;;) {
        if ((dir < 0 && j == lo) || (dir > 0 && j == hi))
            return SIDE_UNSURE;
        j = dir < 0 ? j - 1 : j + 1;
        if (sides[j] != SIDE_UNSURE)
            return sides[j];
    }
}

/* A story's own list ("The tour dates:", then one line per date) reads
 * like a menu, line by line. What gives it away is the line that
 * introduces it: it follows the story's text and ends in a colon. The
 * list is the lines packed under it, or the packed group right after it. */
#define LIST_INTRO_MAX_WORDS 25
#define LIST_MAX_ITEMS 100

static bool introduces_list(const block *b)
{
    return !b->boiler_family && b->words >= 2 && b->words <= LIST_INTRO_MAX_WORDS &&
           b->text[b->len - 1] == ':';
}

static void keep_introduced_lists(block_stream *s, const bool *open)
{
    for (size_t i = 1; i + 1 < s->count; i++) {
        if (!open[i] || s->items[i].label == LABEL_CONTENT ||
            s->items[i - 1].label != LABEL_CONTENT || !introduces_list(&s->items[i]))
            continue;
        size_t j = i + 1, end = j + 1;
        while (end < s->count && !s->items[end].blank_before && end - j < LIST_MAX_ITEMS)
            end++;
        if (end - j < 2)
            continue;
        bool furniture = false;
        for (size_t k = j; k < end; k++)
            furniture |= !open[k] || s->items[k].boiler_family != 0;
        if (furniture)
            continue;
        for (size_t k = i; k < end; k++)
            s->items[k].label = LABEL_CONTENT;
        i = end - 1;
    }
}

void score_smooth_and_label(block_stream *s)
{
    size_t first = 0, last = 0;
    if (s->count == 0)
        return;
    size_t from = headline_index(s);
    float head_start = 0.0f;
    if (from < s->count)
        head_start = HEADLINE_HEAD_START, from++;
    else
        from = 0;
    bool have = main_stretch(s, from, comments_start(s, from), head_start, &first, &last);
    if (have)
        last = trim_promo_tail(s, first, last);
    side *sides = arena_alloc(s->a, s->count * sizeof *sides);
    if (!sides)
        return;
    bool *open = arena_alloc(s->a, s->count * sizeof *open);
    if (!open)
        return;
    for (size_t i = 0; i < s->count; i++) {
        sides[i] = side_of(&s->items[i]);
        open[i] = s->items[i].label == LABEL_UNDECIDED;
    }
    for (size_t i = 0; i < s->count; i++) {
        block *b = &s->items[i];
        if (!open[i])
            continue;
        bool inside = have && i >= first && i <= last;
        side d = sides[i];
        if (inside && d == SIDE_UNSURE) {
            side before = neighbour_side(sides, i, -1, first, last);
            side after = neighbour_side(sides, i, +1, first, last);
            d = before == SIDE_GOOD && after != SIDE_BAD      ? SIDE_GOOD
                : after == SIDE_GOOD && before == SIDE_UNSURE ? SIDE_GOOD
                                                              : SIDE_BAD;
        }
        b->label = inside && d == SIDE_GOOD ? LABEL_CONTENT : LABEL_BOILERPLATE;
    }
    keep_introduced_lists(s, open);
}
