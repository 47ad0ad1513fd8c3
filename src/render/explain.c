/* Explain view: every block of the page in order, coloured by the decision
 * (content, boilerplate, title, deck, byline), with its score and the
 * evidence the classifier read, so a person can see why a paragraph was
 * kept or dropped. One self-contained HTML page; a few lines of script count
 * the blocks shown so that a browser check can compare them with the
 * data-block-count the page declares. */
#include <string.h>

#include "../classify/features.h"
#include "render.h"

static const char *const label_names[] = {[LABEL_UNDECIDED] = "undecided",
                                          [LABEL_CONTENT] = "content",
                                          [LABEL_BOILERPLATE] = "boilerplate",
                                          [LABEL_TITLE] = "title",
                                          [LABEL_DECK] = "deck",
                                          [LABEL_BYLINE] = "byline"};
enum { LABEL_NAME_COUNT = sizeof label_names / sizeof label_names[0] };

static const char *const kind_names[] = {
    [BLOCK_PARAGRAPH] = "paragraph", [BLOCK_HEADING] = "heading",
    [BLOCK_LIST_ITEM] = "list item", [BLOCK_QUOTE] = "quote",
    [BLOCK_TABLE_ROW] = "table row", [BLOCK_CODE] = "code",
    [BLOCK_CAPTION] = "caption"};

static const char *const family_names[BOILER_FAMILY_COUNT] = {
    [BOILER_MENU] = "menu",     [BOILER_SIGNUP] = "sign-up", [BOILER_SHARE] = "share",
    [BOILER_LEGAL] = "legal",   [BOILER_COOKIE] = "cookie",  [BOILER_RELATED] = "related",
    [BOILER_CREDIT] = "credit", [BOILER_AD] = "ad",          [BOILER_COMMENTS] = "comments"};

static const struct {
    unsigned flag;
    const char *name;
} dom_flag_names[] = {{DOMF_IN_ARTICLE, "in article"},
                      {DOMF_IN_BOILER, "in boilerplate container"},
                      {DOMF_IN_MAIN, "in main container"},
                      {DOMF_HIDDEN, "hidden"},
                      {DOMF_H1, "page h1"},
                      {DOMF_IN_LD_BODY, "in JSON-LD body"}};

static const char explain_style[] =
    "body{margin:0;font:14px/1.45 sans-serif;color:#222;background:#f6f6f6}"
    "header{padding:1em 1.5em;background:#fff;border-bottom:1px solid #ddd}"
    "h1{font-size:1.3em;margin:0 0 .3em}"
    ".legend span{display:inline-block;margin:.2em .6em .2em 0;padding:0 .5em;border-radius:3px}"
    "main{padding:1em 1.5em}"
    ".block{margin:0 0 .5em;padding:.4em .7em;border-left:6px "
    "solid;border-radius:3px;background:#fff}"
    ".block .meta{font-size:12px;color:#555}"
    ".block .text{margin:.2em 0}"
    ".block .evidence{font-size:12px;color:#666}"
    ".content{border-color:#2e8b57;background:#eef8f1}"
    ".boilerplate{border-color:#b0b0b0;background:#f0f0f0;color:#777}"
    ".title{border-color:#1f5fbf;background:#e9f0fb}"
    ".deck{border-color:#6a4fc0;background:#f0ecfa}"
    ".byline{border-color:#c07a1f;background:#fbf3e6}"
    ".undecided{border-color:#d33;background:#fdeeee}"
    ".hints{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.5em 0;"
    "font-size:13px}.hints dt{color:#666}.hints dd{margin:0}"
    "body:has(#hide-boilerplate:checked) .block.boilerplate{display:none}";

/* What the page says about itself, beside its blocks: the evidence the
 * headline and metadata choices weigh against the blocks. */
static void put_page_hints(const page_hints *h, buf *out)
{
    const struct {
        const char *name, *value;
    } hints[] = {{"&lt;title&gt;", h->html_title},     {"og/twitter title", h->meta_title},
                 {"JSON-LD headline", h->ld_headline}, {"description", h->meta_description},
                 {"canonical URL", h->canonical_url},  {"declared language", h->language}};
    bool any = false;
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        if (!hints[i].value)
            continue;
        buf_puts(out, any ? "" : "<dl class=\"hints\">\n");
        any = true;
        buf_printf(out, "<dt>%s</dt><dd>", hints[i].name);
        html_put(out, hints[i].value);
        buf_puts(out, "</dd>\n");
    }
    if (h->ld_body)
        buf_printf(out, "%s<dt>JSON-LD articleBody</dt><dd>%zu bytes</dd>\n",
                   any ? "" : "<dl class=\"hints\">\n", strlen(h->ld_body));
    if (any || h->ld_body)
        buf_puts(out, "</dl>\n");
}

static void put_label_legend(const lede_doc *doc, buf *out)
{
    size_t counts[LABEL_NAME_COUNT] = {0};
    for (size_t i = 0; i < doc->blocks.count; i++) {
        uint8_t label = doc->blocks.items[i].label;
        if (label < LABEL_NAME_COUNT)
            counts[label]++;
    }
    buf_puts(out, "<p class=\"legend\">");
    for (size_t l = 0; l < LABEL_NAME_COUNT; l++)
        buf_printf(out, "<span class=\"%s\">%s: %zu</span>", label_names[l], label_names[l],
                   counts[l]);
    buf_puts(out, "</p>\n");
}

/* The evidence line: what the parser saw (DOM or layout) and what the shape
 * features measured. */
static void put_evidence(const block_stream *s, const block *b, buf *out)
{
    buf_puts(out, "<div class=\"evidence\">");
    if (s->from_html) {
        buf_printf(out, "link density %.2f &middot; DOM prior %+.2f &middot; depth %u",
                   b->len ? (double)b->link_len / b->len : 0.0, (double)b->dom_prior,
                   (unsigned)b->depth);
        for (size_t f = 0; f < sizeof dom_flag_names / sizeof dom_flag_names[0]; f++) {
            if (b->dom_flags & dom_flag_names[f].flag)
                buf_printf(out, " &middot; %s", dom_flag_names[f].name);
        }
    } else {
        buf_printf(out, "indent %u &middot; blank lines before %u &middot; lines %u",
                   (unsigned)b->indent, (unsigned)b->blank_before, (unsigned)b->lines);
    }
    buf_printf(out,
               "<br>%u words &middot; stopwords %.0f%% &middot; capitalised %.0f%% &middot; "
               "digits %.0f%% &middot; %s",
               b->words, 100.0 * b->stop_ratio, 100.0 * b->caps_ratio, 100.0 * b->digit_ratio,
               b->ends_sentence ? "ends a sentence" : "no sentence end");
    if (b->boiler_family) {
        const char *family =
            b->boiler_family < BOILER_FAMILY_COUNT ? family_names[b->boiler_family] : NULL;
        if (family)
            buf_printf(out, " &middot; boilerplate phrasing: %s", family);
        else
            buf_printf(out, " &middot; boilerplate phrasing #%u", (unsigned)b->boiler_family);
    }
    if (b->repeats)
        buf_printf(out, " &middot; same text as %u other block%s", (unsigned)b->repeats,
                   b->repeats == 1 ? "" : "s");
    buf_puts(out, "</div>\n");
}

static void put_block(const block_stream *s, size_t index, buf *out)
{
    const block *b = &s->items[index];
    const char *label = b->label < LABEL_NAME_COUNT ? label_names[b->label] : "undecided";
    const char *kind =
        b->kind < sizeof kind_names / sizeof kind_names[0] ? kind_names[b->kind] : "block";
    buf_printf(out,
               "<section class=\"block %s\" data-label=\"%s\" data-score=\"%.3f\">\n"
               "<div class=\"meta\">#%zu &middot; <b>%s</b> &middot; score %+.2f &middot; %s",
               label, label, (double)b->score, index + 1, label, (double)b->score, kind);
    if (b->kind == BLOCK_HEADING || (b->kind == BLOCK_LIST_ITEM && b->level > 1))
        buf_printf(out, " %u", (unsigned)b->level);
    buf_puts(out, "</div>\n<p class=\"text\">");
    html_put_escaped(out, b->text, b->len);
    buf_puts(out, "</p>\n");
    put_evidence(s, b, out);
    buf_puts(out, "</section>\n");
}

void render_explain(const lede_doc *doc, buf *out)
{
    const block_stream *s = &doc->blocks;
    size_t count = doc->status == LEDE_OK ? s->count : 0;
    buf_puts(out,
             "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>lede explain: ");
    html_put(out, doc->source ? doc->source : doc->url ? doc->url : "page");
    buf_printf(out,
               "</title>\n<style>%s</style>\n</head>\n<body data-block-count=\"%zu\">\n<header>\n",
               explain_style, count);
    buf_puts(out, "<h1>");
    html_put(out, doc->status == LEDE_OK && doc->title ? doc->title : "(no headline)");
    buf_puts(out, "</h1>\n<p>");
    if (doc->source || doc->url) {
        html_put(out, doc->source ? doc->source : doc->url);
        buf_puts(out, " &middot; ");
    }
    if (doc->status != LEDE_OK) {
        buf_puts(out, "not extracted: ");
        html_put(out, doc->error);
    } else {
        buf_printf(out, "%s input &middot; %zu blocks (<span id=\"shown-blocks\">?</span> shown)",
                   s->from_html ? "HTML" : "text", count);
        if (doc->language)
            buf_printf(out, " &middot; language %s", doc->language);
        for (size_t i = 0; i < doc->meta.author_count; i++) {
            buf_puts(out, i ? ", " : " &middot; by ");
            html_put(out, doc->meta.authors[i]);
        }
        if (doc->meta.date_published) {
            buf_puts(out, " &middot; published ");
            html_put(out, doc->meta.date_published);
        }
        if (doc->warning) {
            buf_puts(out, " &middot; ");
            html_put(out, doc->warning);
        }
    }
    buf_puts(out, "</p>\n");
    if (doc->status == LEDE_OK) {
        put_page_hints(&s->hints, out);
        put_label_legend(doc, out);
        buf_puts(out, "<label><input type=\"checkbox\" id=\"hide-boilerplate\"> hide "
                      "boilerplate</label>\n");
    }
    buf_puts(out, "</header>\n<main>\n");
    for (size_t i = 0; i < count; i++)
        put_block(s, i, out);
    buf_puts(out, "</main>\n<script>\n"
                  "document.getElementById('shown-blocks') &&\n"
                  "  (document.getElementById('shown-blocks').textContent =\n"
                  "     document.querySelectorAll('section.block').length);\n"
                  "</script>\n</body>\n</html>\n");
}
