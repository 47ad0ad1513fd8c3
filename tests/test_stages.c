/* Unit tests of the pipeline's stages through their internal headers:
 * decode (bytes to UTF-8, binary and kind sniffing), the HTML and text
 * front ends (the block stream and its evidence), and classify + structure
 * on small hand-built inputs. Each test checks a contract stated in the
 * stage's header. */
#include <string.h>

#include "blocks/block.h"
#include "classify/classify.h"
#include "decode/decode.h"
#include "doc.h"
#include "harness.h"
#include "json_check.h"
#include "parse/html.h"
#include "parse/text.h"
#include "render/render.h"
#include "structure/structure.h"
#include "util/arena.h"

/* ---- arena ------------------------------------------------------------- */

/* Blocks of a megabyte and more have chunks of their own, grown by
 * realloc: growing one keeps its bytes, whichever block of the arena
 * grows, and the bytes arena_realloc adds read as zero. */
static void test_arena_large_blocks(test_run *t)
{
    enum { MB = 1024 * 1024 };
    arena *a = arena_new();
    char *x = arena_grow_bytes(a, NULL, 0, MB);
    unsigned char *y = arena_alloc(a, 2 * MB);
    char *small = arena_strdup(a, "small");
    CHECK(t, x && y && small);
    memset(x, 'x', MB);
    CHECK(t, y[0] == 0 && y[2 * MB - 1] == 0);
    memset(y, 'y', 2 * MB);
    x = arena_grow_bytes(a, x, MB, 8 * MB);
    y = arena_realloc(a, y, 2 * MB, 3 * MB);
    CHECK(t, x && y);
    CHECK(t, x[0] == 'x' && x[MB - 1] == 'x');
    CHECK(t, y[0] == 'y' && y[2 * MB - 1] == 'y' && y[2 * MB] == 0 && y[3 * MB - 1] == 0);
    x = arena_grow_bytes(a, x, 8 * MB, 9 * MB);
    CHECK(t, x && x[MB - 1] == 'x');
    /* A block grown past the threshold in a shared chunk is copied once. */
    char *z = arena_grow_bytes(a, NULL, 0, 100);
    memcpy(z, "grown", 6);
    z = arena_grow_bytes(a, z, 100, 4 * MB);
    z = arena_grow_bytes(a, z, 4 * MB, 5 * MB);
    CHECK_STR(t, z, "grown");
    CHECK_STR(t, small, "small");
    CHECK(t, arena_used(a) >= 9 * MB + 3 * MB + 5 * MB);
    arena_reset(a);
    CHECK(t, arena_used(a) == 0);
    CHECK_STR(t, arena_strdup(a, "again"), "again");
    arena_free(a);
}

/* ---- decode ------------------------------------------------------------ */

static const char *decode_str(arena *a, const char *data, size_t len, bool html,
                              const char **charset)
{
    decoded out;
    if (decode_to_utf8(a, data, len, html, &out) != LEDE_OK)
        return NULL;
    if (charset)
        *charset = out.charset;
    return out.text;
}

static void test_decode_utf8_and_bom(test_run *t)
{
    arena *a = arena_new();
    const char *cs = NULL;
    const char *s = decode_str(a, "caf\xC3\xA9", 5, false, &cs);
    CHECK_STR(t, s, "caf\xC3\xA9");
    CHECK_STR(t, cs, "UTF-8");
    s = decode_str(a, "\xEF\xBB\xBFhello", 8, false, NULL);
    CHECK_STR(t, s, "hello"); /* the BOM is not text */
    /* UTF-16LE and BE with BOMs */
    s = decode_str(a, "\xFF\xFEh\0\xE9\0", 6, false, NULL);
    CHECK_STR(t, s, "h\xC3\xA9");
    s = decode_str(a, "\xFE\xFF\0h\0\xE9", 6, false, NULL);
    CHECK_STR(t, s, "h\xC3\xA9");
    arena_free(a);
}

static void test_decode_meta_charset(test_run *t)
{
    arena *a = arena_new();
    const char *cs = NULL;
    static const char meta[] = "<html><head><meta charset=\"windows-1252\"></head>"
                               "<body>\x93quoted\x94 caf\xE9</body></html>";
    const char *s = decode_str(a, meta, sizeof meta - 1, true, &cs);
    CHECK(t, s && strstr(s, "\xE2\x80\x9Cquoted\xE2\x80\x9D caf\xC3\xA9") != NULL);
    CHECK_STR(t, cs, "windows-1252");
    /* http-equiv; iso-8859-1 means windows-1252 on the web */
    static const char equiv[] = "<meta http-equiv=\"Content-Type\" content=\"text/html; "
                                "charset=ISO-8859-1\"><p>\x80 5</p>";
    s = decode_str(a, equiv, sizeof equiv - 1, true, &cs);
    CHECK(t, s && strstr(s, "\xE2\x82\xAC 5") != NULL);
    CHECK_STR(t, cs, "windows-1252");
    /* the meta prescan is for HTML only */
    s = decode_str(a, meta, sizeof meta - 1, false, &cs);
    CHECK(t, s && strict_utf8_valid(s, strlen(s)));
    arena_free(a);
}

static void test_decode_fallback_and_repair(test_run *t)
{
    arena *a = arena_new();
    const char *cs = NULL;
    /* not valid UTF-8 and no label: windows-1252 */
    const char *s = decode_str(a, "na\xEFve caf\xE9", 10, true, &cs);
    CHECK_STR(t, s, "na\xC3\xAFve caf\xC3\xA9");
    CHECK_STR(t, cs, "windows-1252");
    /* NUL bytes never reach the parsers */
    decoded out;
    CHECK(t, decode_to_utf8(a, "a\0b", 3, false, &out) == LEDE_OK);
    CHECK(t, out.len == strlen(out.text));
    CHECK(t, strict_utf8_valid(out.text, out.len));
    /* declared UTF-8 with bad bytes: valid UTF-8 out, good text kept */
    static const char bad[] = "<meta charset=utf-8><p>ok \xC0\xAF \xED\xA0\x80 fine</p>";
    s = decode_str(a, bad, sizeof bad - 1, true, NULL);
    CHECK(t, s && strict_utf8_valid(s, strlen(s)));
    CHECK(t, s && strstr(s, "ok ") && strstr(s, " fine"));
    arena_free(a);
}

static void test_decode_binary_and_kind(test_run *t)
{
    static const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
    static const char gz[] = "\x1F\x8B\x08\0\0\0\0\0\0\x03\xCB\x48\xCD\xC9\xC9\x07\0";
    static const char zip[] = "PK\x03\x04\x14\0\0\0\x08\0\0\0!\0\0\0\0\0\0\0\0\0\0\0";
    CHECK(t, decode_looks_binary(png, sizeof png - 1));
    CHECK(t, decode_looks_binary(gz, sizeof gz - 1));
    CHECK(t, decode_looks_binary(zip, sizeof zip - 1));
    static const char text[] = "Plain text, with caf\xC3\xA9 and\ttabs.\r\n";
    CHECK(t, !decode_looks_binary(text, sizeof text - 1));
    static const char latin[] = "caf\xE9 na\xEFve \x93quoted\x94";
    CHECK(t, !decode_looks_binary(latin, sizeof latin - 1));

    static const char *const html[] = {
        "<!DOCTYPE html><html><body>x</body></html>", "\n\n  <html lang=\"en\"><p>x</p>",
        "\xEF\xBB\xBF<!doctype html>", "<!-- comment --><div><p>x</p></div>",
        "<p>Just a paragraph.</p>\n<p>Another.</p>"};
    for (size_t i = 0; i < sizeof html / sizeof *html; i++)
        if (!CHECK(t, decode_sniff_kind(html[i], strlen(html[i])) == LEDE_INPUT_HTML))
            printf("  not sniffed as HTML: %s\n", html[i]);
    static const char *const plain[] = {
        "Headline\n\nA paragraph of text that says 3 < 4 and 5 > 2.\n",
        "Kerry says talks not likely\n\n    BANDAR SERI BEGAWAN, Brunei \xE2\x80\x94 A proposed",
        "Use the <b> tag for bold, a reader wrote in a letter about HTML.\n"};
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
        if (!CHECK(t, decode_sniff_kind(plain[i], strlen(plain[i])) == LEDE_INPUT_TEXT))
            printf("  not sniffed as text: %s\n", plain[i]);
}

/* ---- front ends -------------------------------------------------------- */

static block_stream parse(arena *a, const char *src, bool html)
{
    block_stream s;
    blocks_init(&s, a, html);
    lede_status st =
        html ? html_parse_blocks(src, strlen(src), &s) : text_parse_blocks(src, strlen(src), &s);
    if (st != LEDE_OK)
        s.count = 0;
    return s;
}

static const block *find_block(const block_stream *s, const char *text)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->items[i].text, text) == 0)
            return &s->items[i];
    return NULL;
}

static void check_normalised(test_run *t, const block_stream *s)
{
    for (size_t i = 0; i < s->count; i++) {
        const block *b = &s->items[i];
        CHECK(t, b->len == strlen(b->text));
        CHECK(t, strict_utf8_valid(b->text, b->len));
        /* HTML keeps a single <br> as one newline between two lines. */
        const char *nl = strchr(b->text, '\n');
        CHECK(t, nl == NULL || (s->from_html && nl != b->text && nl[-1] != ' ' && nl[1] &&
                                nl[1] != ' ' && nl[1] != '\n'));
        CHECK(t, strstr(b->text, "  ") == NULL);
        CHECK(t, b->len == 0 || (b->text[0] != ' ' && b->text[b->len - 1] != ' '));
    }
}

static void test_html_blocks_text(test_run *t)
{
    arena *a = arena_new();
    block_stream s = parse(a,
                           "<html><head><title>The title</title><style>p{color:red}</style>"
                           "<script>var hidden = 'script text';</script></head><body>"
                           "<p>One  <b>bold</b>word and <a href=\"/x\">a link</a>,\n  spread"
                           "\tover lines &amp; entities &eacute;&#8220;&#x201D;&nbsp;end.</p>"
                           "<p>Before<br>after the break.</p>"
                           "<div>Div text<div>nested div</div>tail</div>"
                           "<noscript>Enable JavaScript</noscript>"
                           "</body></html>",
                           true);
    check_normalised(t, &s);
    CHECK(t, find_block(&s, "One boldword and a link, spread over lines & entities "
                            "\xC3\xA9\xE2\x80\x9C\xE2\x80\x9D\xC2\xA0"
                            "end.") != NULL ||
                 find_block(&s, "One boldword and a link, spread over lines & entities "
                                "\xC3\xA9\xE2\x80\x9C\xE2\x80\x9D end.") != NULL);
    CHECK(t, find_block(&s, "Before\nafter the break.") != NULL);
    CHECK(t, find_block(&s, "Div text") != NULL);
    CHECK(t, find_block(&s, "nested div") != NULL);
    CHECK(t, find_block(&s, "tail") != NULL);
    for (size_t i = 0; i < s.count; i++) {
        CHECK(t, strstr(s.items[i].text, "script text") == NULL);
        CHECK(t, strstr(s.items[i].text, "color:red") == NULL);
    }
    CHECK_STR(t, s.hints.html_title, "The title");
    const block *p = find_block(&s, "Before\nafter the break.");
    CHECK(t, p && p->kind == BLOCK_PARAGRAPH);
    arena_free(a);

    /* The block is judged as one, but each of its lines is a paragraph. */
    static const char article[] =
        "<html><body><article><h1>A headline for the story</h1>"
        "<p>The first paragraph of the story runs on for a good many words, as prose "
        "does, and it ends with a full stop.</p>"
        "<p>Before<br>after the break.</p>"
        "<p>The last paragraph of the story also runs on for a good many words before "
        "it ends.</p></article></body></html>";
    lede_doc *doc = lede_extract(article, sizeof article - 1, NULL);
    size_t count = lede_doc_paragraph_count(doc), before = count;
    for (size_t i = 0; i < count; i++)
        if (strcmp(lede_doc_paragraph(doc, i), "Before") == 0)
            before = i;
    CHECK(t, before + 1 < count);
    if (before + 1 < count) {
        CHECK_STR(t, lede_doc_paragraph(doc, before + 1), "after the break.");
        CHECK(t, lede_doc_paragraph_kind(doc, before) == LEDE_PARA_TEXT);
    }
    lede_doc_free(doc);
}

static void test_html_blocks_kinds_and_evidence(test_run *t)
{
    arena *a = arena_new();
    block_stream s = parse(a,
                           "<html lang=\"de\"><body><nav><ul><li><a href=\"/\">Home</a></li></ul>"
                           "</nav><article><h1>Headline here</h1><h3>Sub head</h3>"
                           "<p>Body text with <a href=\"/l\">a link</a> inside it.</p>"
                           "<ul><li>First item</li><li>Second item</li></ul>"
                           "<blockquote>A quoted passage.</blockquote>"
                           "<table><tr><td>Cell one</td><td>Cell two</td></tr></table>"
                           "<figure><img src=x><figcaption>A caption.</figcaption></figure>"
                           "</article></body></html>",
                           true);
    check_normalised(t, &s);
    CHECK_STR(t, s.hints.language, "de");
    const block *b = find_block(&s, "Headline here");
    CHECK(t, b && b->kind == BLOCK_HEADING && b->level == 1);
    CHECK(t, b && (b->dom_flags & DOMF_H1));
    CHECK(t, b && (b->dom_flags & DOMF_IN_ARTICLE));
    b = find_block(&s, "Sub head");
    CHECK(t, b && b->kind == BLOCK_HEADING && b->level == 3);
    b = find_block(&s, "Body text with a link inside it.");
    CHECK(t, b && b->kind == BLOCK_PARAGRAPH && b->link_len == strlen("a link"));
    CHECK(t, b && (b->dom_flags & DOMF_IN_ARTICLE) && !(b->dom_flags & DOMF_IN_BOILER));
    b = find_block(&s, "First item");
    CHECK(t, b && b->kind == BLOCK_LIST_ITEM);
    CHECK(t, find_block(&s, "Second item") != NULL);
    b = find_block(&s, "A quoted passage.");
    CHECK(t, b && b->kind == BLOCK_QUOTE);
    b = find_block(&s, "A caption.");
    CHECK(t, b && b->kind == BLOCK_CAPTION);
    int row = 0;
    for (size_t i = 0; i < s.count; i++)
        if (s.items[i].kind == BLOCK_TABLE_ROW && strstr(s.items[i].text, "Cell one") &&
            strstr(s.items[i].text, "Cell two"))
            row++;
    CHECK(t, row == 1); /* one block per table row */
    b = find_block(&s, "Home");
    CHECK(t, b && (b->dom_flags & DOMF_IN_BOILER) && b->link_len == b->len);
    arena_free(a);
}

/* JSON strings keep valid UTF-8 as it is, fast path or not, and replace
 * what is not UTF-8: a lone continuation byte, a cut sequence, a
 * surrogate, an overlong form. */
static void test_json_string_utf8(test_run *t)
{
    arena *a = arena_new();
    buf out;
    buf_init(&out, a, 64);
    json_put_string(&out, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x93\xB0 \xEF\xBF\xBD");
    CHECK_STR(t, buf_cstr(&out),
              "\"caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x93\xB0 \xEF\xBF\xBD\"");
    buf_clear(&out);
    json_put_string(&out, "a\x80"
                          "b\xED\xA0\x80"
                          "c\xE0\x80\x80"
                          "d\xE2\x80");
    const char *json = buf_cstr(&out);
    CHECK(t, json && json_valid(json, strlen(json)) && strict_utf8_valid(json, strlen(json)));
    CHECK(t, json && json[1] == 'a' &&
                 strstr(json, "\xEF\xBF\xBD"
                              "b") &&
                 strstr(json, "d\xEF\xBF\xBD"));
    arena_free(a);
}

static void test_text_blocks_layout(test_run *t)
{
    arena *a = arena_new();
    block_stream s = parse(a,
                           "Menu\n"
                           "Headline of the story\n"
                           "\n"
                           "\n"
                           "    The first paragraph, indented by four spaces.\n"
                           "\n"
                           "Second   paragraph\twith odd  spacing.\n",
                           false);
    check_normalised(t, &s);
    CHECK(t, !s.from_html);
    const block *b = find_block(&s, "The first paragraph, indented by four spaces.");
    CHECK(t, b && b->indent == 4);
    CHECK(t, b && b->blank_before == 2);
    b = find_block(&s, "Second paragraph with odd spacing.");
    CHECK(t, b && b->blank_before == 1 && b->indent == 0);
    CHECK(t, s.count >= 3 && strcmp(s.items[0].text, "Menu") == 0);
    for (size_t i = 0; i < s.count; i++)
        CHECK(t, s.items[i].link_len == 0 && s.items[i].dom_flags == 0);
    arena_free(a);
}

/* ---- classify + structure ---------------------------------------------- */

/* Runs a text through parse, classify and structure into a bare document. */
static lede_doc *structure_text(arena *a, const char *text)
{
    lede_doc *doc = arena_alloc(a, sizeof *doc);
    memset(doc, 0, sizeof *doc);
    doc->a = a;
    doc->input = LEDE_INPUT_TEXT;
    blocks_init(&doc->blocks, a, false);
    if (text_parse_blocks(text, strlen(text), &doc->blocks) != LEDE_OK)
        return doc;
    classify_blocks(&doc->blocks);
    structure_document(&doc->blocks, doc);
    return doc;
}

static void test_classify_labels(test_run *t)
{
    arena *a = arena_new();
    block_stream *s = &structure_text(a, "Home\nNews\nSports\nWeather\nLog In\n\n"
                                         "Council approves bridge repair plan\n\n"
                                         "The city council voted on Tuesday night to approve a "
                                         "plan to repair the Harbor Street bridge, ending more "
                                         "than a year of debate over the aging crossing.\n\n"
                                         "Engineers told council members that the bridge has "
                                         "corroded support beams and a deck that no longer "
                                         "meets state load standards.\n\n"
                                         "Privacy Policy | Terms of Use\n")
                           ->blocks;
    for (size_t i = 0; i < s->count; i++) {
        const block *b = &s->items[i];
        CHECK(t, b->label != LABEL_UNDECIDED);
        bool article = strncmp(b->text, "The city council", 16) == 0 ||
                       strncmp(b->text, "Engineers told", 14) == 0;
        bool menu = strcmp(b->text, "Home") == 0 || strcmp(b->text, "Log In") == 0 ||
                    strncmp(b->text, "Privacy Policy", 14) == 0;
        if (article && !CHECK(t, b->label == LABEL_CONTENT))
            printf("  article block labelled %d: %s\n", b->label, b->text);
        if (menu && !CHECK(t, b->label == LABEL_BOILERPLATE))
            printf("  menu block labelled %d: %s\n", b->label, b->text);
    }
    arena_free(a);
}

static void test_structure_dateline_quotes_truncated(test_run *t)
{
    arena *a = arena_new();
    lede_doc *doc = structure_text(
        a, "Council approves bridge repair plan\n\n"
           "Vote ends a year of debate over the aging crossing\n\n"
           "    HARBOR CITY, Maine (AP) \xE2\x80\x94 The city council voted on Tuesday night to "
           "approve a plan to repair the Harbor Street bridge, officials said.\n\n"
           "    \xE2\x80\x98\xE2\x80\x98We cannot patch it any longer,\xE2\x80\x99\xE2\x80\x99 "
           "said council member Rosa Delgado, who sponsored the measure on Tuesday.\n\n"
           "    Work is expected to begin in early spring, and one lane in each direction will "
           "stay open while the");
    CHECK_STR(t, doc->title, "Council approves bridge repair plan");
    CHECK_STR(t, doc->deck, "Vote ends a year of debate over the aging crossing");
    CHECK_STR(t, doc->dateline, "HARBOR CITY, Maine (AP)");
    CHECK(t, doc->paragraph_count == 3);
    if (doc->paragraph_count == 3) {
        CHECK(t, strncmp(doc->paragraphs[0].text, "The city council voted", 22) == 0);
        CHECK(t, strncmp(doc->paragraphs[1].text,
                         "\xE2\x80\x9CWe cannot patch it any longer,\xE2\x80\x9D", 35) == 0);
    }
    CHECK(t, doc->truncated);
    arena_free(a);

    a = arena_new();
    doc = structure_text(a, "A complete story\n\n"
                            "The council voted on Tuesday night to approve a plan to repair the "
                            "Harbor Street bridge, ending a year of debate.\n\n"
                            "Work is expected to begin in early spring and to last about 14 "
                            "months, officials said on Wednesday.\n");
    CHECK(t, !doc->truncated);
    CHECK(t, doc->dateline == NULL);
    arena_free(a);
}

int main(void)
{
    test_run t = {0, 0, 0};
    if (lede_init() != 0) {
        puts("lede_init failed");
        return 1;
    }
    RUN(&t, test_arena_large_blocks);
    RUN(&t, test_decode_utf8_and_bom);
    RUN(&t, test_decode_meta_charset);
    RUN(&t, test_decode_fallback_and_repair);
    RUN(&t, test_decode_binary_and_kind);
    RUN(&t, test_html_blocks_text);
    RUN(&t, test_html_blocks_kinds_and_evidence);
    RUN(&t, test_text_blocks_layout);
    RUN(&t, test_json_string_utf8);
    RUN(&t, test_classify_labels);
    RUN(&t, test_structure_dateline_quotes_truncated);
    return test_report(&t);
}
