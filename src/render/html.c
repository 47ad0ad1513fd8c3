/* Reader view: the article as one self-contained HTML page (inline style, no
 * scripts, no outside resources, so no lead image), like a browser's reader
 * mode: site, headline, deck, byline and date, then the body. Quotes the
 * quotes stage attributed carry their speaker in data-speaker. */
#include <string.h>

#include "render.h"

void html_put_escaped(buf *out, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *esc;
        switch (s[i]) {
        case '&':
            esc = "&amp;";
            break;
        case '<':
            esc = "&lt;";
            break;
        case '>':
            esc = "&gt;";
            break;
        case '"':
            esc = "&quot;";
            break;
        case '\'':
            esc = "&#39;";
            break;
        default:
            continue;
        }
        buf_put(out, s + run, i - run);
        buf_puts(out, esc);
        run = i + 1;
    }
    buf_put(out, s + run, len - run);
}

void html_put(buf *out, const char *s)
{
    html_put_escaped(out, s, strlen(s));
}

static const char reader_style[] =
    "body{margin:0;background:#fbfaf7;color:#1d1d1d;font:19px/1.6 Georgia,serif}"
    "article{max-width:38em;margin:0 auto;padding:2em 1.2em 4em}"
    "h1{font-size:2em;line-height:1.2;margin:0 0 .3em}"
    ".deck{font-size:1.2em;color:#444;margin:0 0 1em}"
    ".site{font:13px sans-serif;letter-spacing:.08em;text-transform:uppercase;color:#777;"
    "margin:0 0 1em}"
    ".byline{font:15px/1.4 sans-serif;color:#555;margin:0 0 1.6em}"
    ".dateline{font-variant:small-caps;font-weight:bold}"
    "blockquote{margin:1em 0;padding-left:1em;border-left:3px solid #bbb;color:#333}"
    "pre{overflow-x:auto;font-size:.8em;background:#f0eee8;padding:.6em}"
    "table{border-collapse:collapse;font-size:.85em}td{border:1px solid #ccc;padding:.2em .5em}"
    ".quote{background:#f3ecd9}"
    ".quote[data-speaker]::after{content:\" \\2014 \" attr(data-speaker);"
    "font:13px sans-serif;color:#7a6a3a}"
    ".notice{font:15px sans-serif;color:#8a3b12}";

/* Paragraph text with the quotes of paragraph `index` wrapped in spans.
 * Quotes come in text order, so each is searched after the previous one. */
static void put_paragraph_text(const lede_doc *doc, size_t index, const char *text, buf *out)
{
    size_t len = strlen(text), at = 0;
    for (size_t q = 0; q < doc->quote_count; q++) {
        const doc_quote *quote = &doc->quotes[q];
        if (quote->paragraph != index || !quote->text[0])
            continue;
        const char *hit = strstr(text + at, quote->text);
        if (!hit)
            continue;
        size_t start = (size_t)(hit - text), qlen = strlen(quote->text);
        html_put_escaped(out, text + at, start - at);
        buf_puts(out, "<span class=\"quote\"");
        if (quote->speaker) {
            buf_puts(out, " data-speaker=\"");
            html_put(out, quote->speaker);
            buf_puts(out, "\" title=\"");
            html_put(out, quote->speaker);
            buf_putc(out, '"');
        }
        buf_putc(out, '>');
        html_put_escaped(out, hit, qlen);
        buf_puts(out, "</span>");
        at = start + qlen;
    }
    html_put_escaped(out, text + at, len - at);
}

/* The first block labelled byline, for pages whose metadata names no
 * author: the structure stage found it on the page. */
static const char *byline_block(const lede_doc *doc)
{
    for (size_t i = 0; i < doc->blocks.count; i++) {
        if (doc->blocks.items[i].label == LABEL_BYLINE)
            return doc->blocks.items[i].text;
    }
    return NULL;
}

/* "By A, B and C · <time>2024-05-01</time>": the authors from the metadata
 * (else the page's byline line) and the publication date. */
static void put_byline(const lede_doc *doc, buf *out)
{
    const doc_meta *m = &doc->meta;
    const char *line = m->author_count ? NULL : byline_block(doc);
    if (!m->author_count && !line && !m->date_published)
        return;
    buf_puts(out, "<p class=\"byline\">");
    if (line)
        html_put(out, line);
    for (size_t i = 0; i < m->author_count; i++) {
        buf_puts(out, i == 0 ? "By " : i + 1 == m->author_count ? " and " : ", ");
        buf_puts(out, "<span class=\"author\">");
        html_put(out, m->authors[i]);
        buf_puts(out, "</span>");
    }
    if (m->date_published) {
        if (line || m->author_count)
            buf_puts(out, " &middot; ");
        buf_puts(out, "<time datetime=\"");
        html_put(out, m->date_published);
        buf_puts(out, "\">");
        /* The calendar date is what a reader wants; the full timestamp
         * stays in the attribute. */
        size_t date_len = strlen(m->date_published);
        html_put_escaped(out, m->date_published, date_len > 10 ? 10 : date_len);
        buf_puts(out, "</time>");
    }
    buf_puts(out, "</p>\n");
}

static const char *run_open(lede_para_kind kind)
{
    switch (kind) {
    case LEDE_PARA_LIST_ITEM:
        return "<ul>\n";
    case LEDE_PARA_TABLE_ROW:
        return "<table>\n";
    default:
        return "";
    }
}

static const char *run_close(lede_para_kind kind)
{
    switch (kind) {
    case LEDE_PARA_LIST_ITEM:
        return "</ul>\n";
    case LEDE_PARA_TABLE_ROW:
        return "</table>\n";
    default:
        return "";
    }
}

/* The tags around one paragraph of the given kind. */
static const char *para_open(lede_para_kind kind, const char **close)
{
    switch (kind) {
    case LEDE_PARA_HEADING:
        *close = "</h2>\n";
        return "<h2>";
    case LEDE_PARA_LIST_ITEM:
        *close = "</li>\n";
        return "<li>";
    case LEDE_PARA_QUOTE:
        *close = "</blockquote>\n";
        return "<blockquote>";
    case LEDE_PARA_TABLE_ROW:
        *close = "</td></tr>\n";
        return "<tr><td>";
    case LEDE_PARA_CODE:
        *close = "</pre>\n";
        return "<pre>";
    case LEDE_PARA_TEXT:
        break;
    }
    *close = "</p>\n";
    return "<p>";
}

static void put_paragraphs(const lede_doc *doc, buf *out)
{
    for (size_t i = 0; i < doc->paragraph_count; i++) {
        const paragraph *p = &doc->paragraphs[i];
        /* Runs of list items and table rows share one list or table. */
        bool opens = i == 0 || doc->paragraphs[i - 1].kind != p->kind;
        bool closes = i + 1 == doc->paragraph_count || doc->paragraphs[i + 1].kind != p->kind;
        if (opens)
            buf_puts(out, run_open(p->kind));
        const char *close_para;
        buf_puts(out, para_open(p->kind, &close_para));
        if (i == 0 && doc->dateline) {
            buf_puts(out, "<span class=\"dateline\">");
            html_put(out, doc->dateline);
            buf_puts(out, "</span> \xE2\x80\x94 ");
        }
        put_paragraph_text(doc, i, p->text, out);
        buf_puts(out, close_para);
        if (closes)
            buf_puts(out, run_close(p->kind));
    }
}

void render_html(const lede_doc *doc, buf *out)
{
    buf_puts(out, "<!DOCTYPE html>\n<html");
    if (doc->status == LEDE_OK && doc->language) {
        buf_puts(out, " lang=\"");
        html_put(out, doc->language);
        buf_putc(out, '"');
    }
    buf_puts(out, ">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>");
    const char *title = doc->status == LEDE_OK ? doc->title : NULL;
    html_put(out, title ? title : doc->source ? doc->source : "lede");
    buf_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<article>\n", reader_style);
    if (doc->status != LEDE_OK) {
        buf_puts(out, "<p class=\"notice\">lede could not read this page: ");
        html_put(out, doc->error);
        buf_puts(out, "</p>\n</article>\n</body>\n</html>\n");
        return;
    }
    if (doc->meta.site_name) {
        buf_puts(out, "<p class=\"site\">");
        html_put(out, doc->meta.site_name);
        buf_puts(out, "</p>\n");
    }
    if (title) {
        buf_puts(out, "<h1>");
        html_put(out, title);
        buf_puts(out, "</h1>\n");
    }
    if (doc->deck) {
        buf_puts(out, "<p class=\"deck\">");
        html_put(out, doc->deck);
        buf_puts(out, "</p>\n");
    }
    put_byline(doc, out);
    put_paragraphs(doc, out);
    if (doc->warning) {
        buf_puts(out, "<p class=\"notice\">");
        html_put(out, doc->warning);
        buf_puts(out, "</p>\n");
    }
    buf_puts(out, "</article>\n</body>\n</html>\n");
}
