/* Plain-text renderer: headline, deck and dateline, then the paragraphs
 * separated by blank lines, so the output reads like the article. */
#include "render.h"

void render_text(const lede_doc *doc, buf *out)
{
    if (doc->status != LEDE_OK) {
        buf_printf(out, "error: %s\n", doc->error);
        return;
    }
    if (doc->title)
        buf_printf(out, "%s\n\n", doc->title);
    if (doc->deck)
        buf_printf(out, "%s\n\n", doc->deck);
    for (size_t i = 0; i < doc->paragraph_count; i++) {
        if (i == 0 && doc->dateline)
            buf_printf(out, "%s — ", doc->dateline);
        const paragraph *p = &doc->paragraphs[i];
        if (p->kind == LEDE_PARA_LIST_ITEM)
            buf_puts(out, "- ");
        buf_printf(out, "%s\n\n", p->text);
    }
}
