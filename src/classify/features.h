/* Shape features of each block: word and character counts, stopword,
 * capital and digit shares, sentence ending, boilerplate phrase families,
 * repetition within the page. Language-neutral where no stopword list fits. */
#ifndef LEDE_FEATURES_H
#define LEDE_FEATURES_H

#include "../blocks/block.h"

void features_compute(block_stream *s);

#endif
