/* Classify stage, shared by both modes: computes each block's shape
 * features, scores it from those and its source evidence, smooths across
 * neighbours, and labels it content or boilerplate. */
#ifndef LEDE_CLASSIFY_H
#define LEDE_CLASSIFY_H

#include "../blocks/block.h"

void classify_blocks(block_stream *s);

#endif
