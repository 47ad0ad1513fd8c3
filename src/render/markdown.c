/* Markdown renderer: keeps the article's structure (headings, lists,
 * quotes, table rows, code) and escapes text that would read as markup. */
#include <string.h>

#include "render.h"

/* Escapes characters that start Markdown constructs at the beginning of a
 * line or inline (emphasis, links, code), so article text stays literal. */
static void put_escaped(buf *out, const char *s)
{
    const char *p = s;
    if (*p == '#' || *p == '>' || *p == '-' || *p == '+' || *p == '=')
        buf_putc(out, '\\');
    for (; *p; p++) {
        if (strchr("\\`*_[]<|", *p))
            buf_putc(out, '\\');
        buf_putc(out, *p);
    }
}

void render_markdown(const lede_doc *doc, buf *out)
{
    if (doc->status != LEDE_OK) {
        buf_printf(out, "<!-- error: %s -->\n", doc->error);
        return;
    }
    if (doc->title) {
        buf_puts(out, "# ");
        put_escaped(out, doc->title);
        buf_puts(out, "\n\n");
    }
    if (doc->deck) {
        buf_puts(out, "*");
        put_escaped(out, doc->deck);
        buf_puts(out, "*\n\n");
    }
    for (size_t i = 0; i < doc->paragraph_count; i++) {
        const paragraph *p = &doc->paragraphs[i];
        switch (p->kind) {
        case LEDE_PARA_HEADING:
            buf_puts(out, "## ");
            break;
        case LEDE_PARA_LIST_ITEM:
            buf_puts(out, "- ");
            break;
        case LEDE_PARA_QUOTE:
            buf_puts(out, "> ");
            break;
        case LEDE_PARA_TABLE_ROW:
            buf_puts(out, "| ");
            break;
        case LEDE_PARA_CODE:
            buf_puts(out, "    ");
            buf_puts(out, p->text);
            buf_puts(out, "\n\n");
            continue;
        case LEDE_PARA_TEXT:
            break;
        }
        if (i == 0 && doc->dateline) {
            put_escaped(out, doc->dateline);
            buf_puts(out, " — ");
        }
        put_escaped(out, p->text);
        /* Consecutive list items and table rows stay one list or table. */
        bool tight = i + 1 < doc->paragraph_count && doc->paragraphs[i + 1].kind == p->kind &&
                     (p->kind == LEDE_PARA_LIST_ITEM || p->kind == LEDE_PARA_TABLE_ROW);
        if (p->kind == LEDE_PARA_TABLE_ROW)
            buf_puts(out, " |");
        buf_puts(out, tight ? "\n" : "\n\n");
    }
}
