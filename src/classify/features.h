/* Shape features of each block: word and character counts, stopword,
 * capital and digit shares, sentence ending, boilerplate phrase families,
 * repetition within the page. Language-neutral where no stopword list fits. */
#ifndef LEDE_FEATURES_H
#define LEDE_FEATURES_H

#include "../blocks/block.h"

/* block.boiler_family: the kind of page furniture a short block's wording
 * names. Families keep apart what scoring may weigh differently. */
enum {
    BOILER_NONE = 0,
    BOILER_MENU,     /* navigation, log-in, search, "Home", "Skip to content" */
    BOILER_SIGNUP,   /* newsletter and subscription prompts */
    BOILER_SHARE,    /* share, follow and score/rating widgets */
    BOILER_LEGAL,    /* copyright, terms, privacy */
    BOILER_COOKIE,   /* cookie and consent notices */
    BOILER_RELATED,  /* "Related", "Read more", "Most popular" and similar lists */
    BOILER_CREDIT,   /* photo and image credits */
    BOILER_AD,       /* "Advertisement", "Sponsored" */
    BOILER_COMMENTS, /* comment threads and prompts */
    BOILER_BYLINE,   /* "By Jane Doe | November 18, 2019", "Updated 4:46 PM" */
    BOILER_AUTHOR,   /* "About the author", "About Jane Doe": an author's bio follows */
    BOILER_FAMILY_COUNT
};

/* block.stop_ratio when the page's language has no stopword list: scoring
 * then relies on language-neutral evidence only. */
#define STOP_RATIO_UNKNOWN (-1.0f)

/* Fills every block's shape features. When the page names no language,
 * sets s->hints.language to the one its stopwords show (when any does). */
void features_compute(block_stream *s);

#endif
