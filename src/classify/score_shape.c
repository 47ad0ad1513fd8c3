#include "features.h"
#include "score.h"

/* Evidence from the text itself, the same for HTML and scraped text. An
 * article is made of sentences: long runs of words with a language's
 * function words, ending in terminal punctuation. Page furniture is short,
 * names things (capitals, digits, few function words), repeats, and uses
 * the stock phrasing of menus, widgets and notices. */

/* Share of stopwords at which a block reads as prose of the page language:
 * running text in the languages with lists sits at 0.3 to 0.5, headlines
 * and link lists of names at 0.0 to 0.2. */
#define PROSE_STOP_RATIO 0.235f
/* Capitalised share above which a block is a list of names or Title Case
 * link text rather than prose (German nouns keep prose below it). */
#define TITLE_CASE_RATIO 0.7f
#define DIGIT_HEAVY_RATIO 0.25f

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static float length_term(uint32_t words)
{
    if (words < 3)
        return -0.6f;
    if (words < 6)
        return -0.35f;
    if (words < 10)
        return -0.1f;
    if (words < 20)
        return 0.2f;
    if (words < 40)
        return 0.5f;
    return 0.8f;
}

static float boiler_term(uint16_t family)
{
    switch (family) {
    case BOILER_NONE:
        return 0.0f;
    case BOILER_CREDIT:
    case BOILER_RELATED:
        return -1.2f;
    default:
        return -1.6f;
    }
}

/* A line without a full stop that still reads as running language (lower
 * case words, function words) is a list item or a clause, not a label. */
#define FRAGMENT_TERM (-0.1f)
static bool fragment_like(const block *b)
{
    return b->stop_ratio >= PROSE_STOP_RATIO && b->caps_ratio < 0.4f;
}

static float shape_score(const block *b)
{
    if (b->words == 0)
        return -1.5f;
    float s = length_term(b->words);
    if (b->words >= 4)
        s += b->ends_sentence ? 0.4f : fragment_like(b) ? FRAGMENT_TERM : -0.3f;
    if (b->stop_ratio != STOP_RATIO_UNKNOWN) {
        if (b->words >= 6)
            s += clampf((b->stop_ratio - PROSE_STOP_RATIO) * 3.0f, -0.8f, 0.6f);
    } else if (b->words >= 6 && b->ends_sentence) {
        /* No function words to go by: sentence punctuation on a block
         * of some length is the language-neutral sign of prose. */
        s += 0.3f;
    }
    if (b->words >= 4 && b->caps_ratio > TITLE_CASE_RATIO)
        s -= 0.5f;
    if (b->digit_ratio > DIGIT_HEAVY_RATIO)
        s -= 0.5f;
    if (b->repeats)
        s -= 0.6f;
    return s + boiler_term(b->boiler_family);
}

void score_shape(block_stream *s)
{
    for (size_t i = 0; i < s->count; i++)
        s->items[i].score = shape_score(&s->items[i]);
}
