#include "classify.h"

#include "features.h"
#include "score.h"

/* One pass per concern, each linear in the number of blocks: shape
 * features, a per-block score from shape and source evidence, then
 * neighbour smoothing and the final labels. */
void classify_blocks(block_stream *s)
{
    features_compute(s);
    score_shape(s);
    if (s->from_html)
        score_html_evidence(s);
    else
        score_text_layout(s);
    score_smooth_and_label(s);
}
