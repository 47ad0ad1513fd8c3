/* Bad and hostile inputs, generated at run time: each must give an error
 * status or a sensible document, with valid UTF-8 output, and never crash,
 * hang (CTest's timeout) or leak (the sanitizer build's leak checker). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "json_check.h"
#include "lede.h"

static const char PARAGRAPH[] =
    "The city council voted on Tuesday night to approve a plan to repair the Harbor Street "
    "bridge, ending more than a year of debate over the aging crossing. Engineers said the "
    "support beams are corroded and the deck no longer meets state load standards.";

/* A growable byte buffer for building inputs. */
typedef struct {
    char *data;
    size_t len, cap;
} bytes;

static void put(bytes *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        while (b->len + n + 1 > b->cap)
            b->cap = b->cap ? b->cap * 2 : 4096;
        b->data = realloc(b->data, b->cap);
        if (!b->data)
            abort();
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void puts_b(bytes *b, const char *s)
{
    put(b, s, strlen(s));
}

static void repeat(bytes *b, const char *s, size_t times)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < times; i++)
        put(b, s, n);
}

/* Deterministic pseudo-random bytes (xorshift), so failures reproduce. */
static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* Appends article-like paragraph number i. Each paragraph differs (its
 * number, a random pick of sentences), so no rule about text repeated
 * across a page applies. */
static void put_paragraph(bytes *b, size_t i, uint64_t *state)
{
    static const char *const sentences[] = {
        "Engineers said the support beams are corroded and the deck fails load rules.",
        "Council members asked how long the lanes would stay closed during the work.",
        "The transportation department expects the repair to last about fourteen months.",
        "Residents of the east side said the detour would add twenty minutes to their commute.",
        "A public meeting on the construction schedule is planned for early next year.",
        "The mayor said the city would apply for a state grant to cover part of the cost.",
        "Two members argued that replacing the bridge would be cheaper over thirty years.",
        "Trucks heavier than ten tons have been barred from the crossing since March.",
    };
    char lead[96];
    snprintf(lead, sizeof lead, "In part %zu of the report on the Harbor Street bridge, ", i);
    puts_b(b, lead);
    for (int k = 0; k < 3; k++) {
        puts_b(b, sentences[next_random(state) % (sizeof sentences / sizeof *sentences)]);
        puts_b(b, k < 2 ? " " : "");
    }
}

static lede_doc *extract(const bytes *b, lede_input input)
{
    lede_options opts;
    lede_options_init(&opts);
    opts.input = input;
    opts.source = "generated";
    return lede_extract(b->data ? b->data : "", b->len, &opts);
}

/* Every rendering is valid; JSON parses; the fields are valid UTF-8. */
static void check_output(test_run *t, lede_doc *doc)
{
    if (!CHECK(t, doc != NULL))
        return;
    size_t len;
    const char *json = lede_render(doc, LEDE_FORMAT_JSON, &len);
    CHECK(t, json && json_valid(json, len));
    if (lede_doc_status(doc) != LEDE_OK)
        CHECK(t, json && json_has_key(json, len, "error"));
    const char *s = lede_render(doc, LEDE_FORMAT_TEXT, &len);
    CHECK(t, s && strict_utf8_valid(s, len));
    s = lede_render(doc, LEDE_FORMAT_MARKDOWN, &len);
    CHECK(t, s && strict_utf8_valid(s, len));
    const char *fields[] = {lede_doc_title(doc), lede_doc_deck(doc),  lede_doc_dateline(doc),
                            lede_doc_body(doc),  lede_doc_error(doc), lede_doc_warning(doc)};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (fields[i])
            CHECK(t, strict_utf8_valid(fields[i], strlen(fields[i])));
}

static int body_has(const lede_doc *doc, const char *needle)
{
    const char *body = lede_doc_body(doc);
    return body && strstr(body, needle) != NULL;
}

static void test_empty_input(test_run *t)
{
    bytes b = {0};
    for (int kind = LEDE_INPUT_AUTO; kind <= LEDE_INPUT_TEXT; kind++) {
        lede_doc *doc = extract(&b, (lede_input)kind);
        CHECK(t, lede_doc_status(doc) == LEDE_ERR_EMPTY);
        check_output(t, doc);
        lede_doc_free(doc);
    }
}

static void test_binary_garbage(test_run *t)
{
    bytes b = {0};
    uint64_t state = 0x9E3779B97F4A7C15u;
    for (size_t i = 0; i < (1u << 20); i++) {
        char c = (char)(next_random(&state) >> 56);
        put(&b, &c, 1);
    }
    for (int kind = LEDE_INPUT_AUTO; kind <= LEDE_INPUT_TEXT; kind++) {
        lede_doc *doc = extract(&b, (lede_input)kind);
        CHECK(t, lede_doc_status(doc) == LEDE_ERR_BINARY);
        check_output(t, doc);
        lede_doc_free(doc);
    }
    free(b.data);
}

/* Random printable bytes with markup characters: the HTML and text paths
 * must survive anything that is not rejected as binary. */
static void test_random_markup(test_run *t)
{
    static const char alphabet[] = "<>/=\"' abcdefghijklmnop!-&;#\n\t.DIVPdivp\xC3\xA9";
    uint64_t state = 42;
    for (int round = 0; round < 50; round++) {
        bytes b = {0};
        size_t n = 1 + next_random(&state) % 20000;
        for (size_t i = 0; i < n; i++) {
            char c = alphabet[next_random(&state) % (sizeof alphabet - 1)];
            put(&b, &c, 1);
        }
        lede_doc *doc = extract(&b, round % 2 ? LEDE_INPUT_HTML : LEDE_INPUT_TEXT);
        lede_status st = lede_doc_status(doc);
        CHECK(t, st == LEDE_OK || st == LEDE_ERR_BINARY || st == LEDE_ERR_PARSE ||
                     st == LEDE_ERR_EMPTY);
        check_output(t, doc);
        lede_doc_free(doc);
        free(b.data);
    }
}

/* A 50 MB article page: under the default 64 MiB limit, so it is parsed. */
static void test_fifty_megabyte_page(test_run *t)
{
    bytes b = {0};
    puts_b(&b, "<html><head><title>A very long article</title></head><body>"
               "<nav><ul><li><a href=\"/\">Home</a></li></ul></nav><article>"
               "<h1>A very long article</h1>");
    uint64_t state = 1;
    for (size_t i = 0; b.len < (50u << 20); i++) {
        puts_b(&b, "<p>");
        put_paragraph(&b, i, &state);
        puts_b(&b, "</p>\n");
    }
    puts_b(&b, "<p>The last paragraph of the very long article ends here.</p></article>"
               "</body></html>");
    CHECK(t, b.len >= (50u << 20));
    lede_doc *doc = extract(&b, LEDE_INPUT_AUTO);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, lede_doc_paragraph_count(doc) > 1000);
    CHECK(t, body_has(doc, "ends here."));
    check_output(t, doc);
    lede_doc_free(doc);

    /* Over the limit it is refused, not parsed. */
    lede_options opts;
    lede_options_init(&opts);
    opts.max_bytes = 10u << 20;
    doc = lede_extract(b.data, b.len, &opts);
    CHECK(t, lede_doc_status(doc) == LEDE_ERR_TOO_LARGE);
    check_output(t, doc);
    lede_doc_free(doc);
    free(b.data);
}

/* Generated pages repeat one sentence with a number in its middle: the
 * paragraphs agree on their first and last bytes, which the repeat count
 * hashes. That must stay linear (it once compared every pair: minutes
 * for a large page), and the paragraphs are still no repeats. */
static void test_paragraphs_alike_at_both_ends(test_run *t)
{
    enum { PARAGRAPHS = 100000 };
    bytes b = {0};
    puts_b(&b, "Council approves bridge repair\n\n");
    char line[256];
    for (size_t i = 0; i < PARAGRAPHS; i++) {
        int n = snprintf(line, sizeof line,
                         "The council voted on Tuesday to approve the repair of the old bridge, "
                         "item %06zu, said the mayor after the meeting ended.\n\n",
                         i);
        put(&b, line, (size_t)n);
    }
    lede_doc *doc = extract(&b, LEDE_INPUT_TEXT);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, lede_doc_paragraph_count(doc) >= PARAGRAPHS);
    check_output(t, doc);
    lede_doc_free(doc);
    free(b.data);
}

/* A generated page naming tens of thousands of different people (a
 * directory, a list of quotes) must not make the name look-ups quadratic:
 * the people list stops growing at its cap, quotes still come out. */
static void test_many_distinct_people(test_run *t)
{
    enum { PARAGRAPHS = 40000 };
    bytes b = {0};
    puts_b(&b, "Voices from the town meeting\n\n");
    char line[256];
    uint64_t state = 7;
    for (size_t i = 0; i < PARAGRAPHS; i++) {
        char surname[9];
        surname[0] = (char)('A' + next_random(&state) % 26);
        for (int k = 1; k < 8; k++)
            surname[k] = (char)('a' + next_random(&state) % 26);
        surname[8] = '\0';
        int n = snprintf(line, sizeof line,
                         "\"We will rebuild the bridge,\" said Anna %s, who lives near it.\n\n",
                         surname);
        put(&b, line, (size_t)n);
    }
    lede_doc *doc = extract(&b, LEDE_INPUT_TEXT);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, lede_doc_quote_count(doc) >= PARAGRAPHS);
    CHECK(t, lede_doc_person_count(doc) > 0 && lede_doc_person_count(doc) <= 2048);
    check_output(t, doc);
    lede_doc_free(doc);
    free(b.data);
}

/* One paragraph of a megabyte full of quotes and pronouns: a pronoun's
 * person is looked for a bounded way back, not to the document's start. */
static void test_one_paragraph_of_pronouns(test_run *t)
{
    enum { SENTENCES = 20000 };
    bytes b = {0};
    puts_b(&b, "Voices from the town meeting\n\n");
    char line[256];
    for (size_t i = 0; i < SENTENCES; i++) {
        int n = snprintf(line, sizeof line,
                         "\u201cWe will go,\u201d said John Smith. He added \u201cmore\u201d "
                         "and then \u201cagain %zu\u201d. ",
                         i);
        put(&b, line, (size_t)n);
    }
    lede_doc *doc = extract(&b, LEDE_INPUT_TEXT);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, lede_doc_quote_count(doc) >= SENTENCES);
    check_output(t, doc);
    lede_doc_free(doc);
    free(b.data);
}

/* Opening quotation marks that never close, thousands in one paragraph:
 * each quote's search for a speaker is bounded, not the whole paragraph. */
static void test_unclosed_quotes_in_one_paragraph(test_run *t)
{
    enum { MARKS = 20000 };
    bytes b = {0};
    puts_b(&b, "<html><body><article><h1>Open quotes</h1><p>");
    char line[128];
    for (size_t i = 0; i < MARKS; i++) {
        int n =
            snprintf(line, sizeof line, "\u201cOpen quote %zu without close, said Mary Jones ", i);
        put(&b, line, (size_t)n);
    }
    puts_b(&b, "</p></article></body></html>");
    lede_doc *doc = extract(&b, LEDE_INPUT_HTML);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, lede_doc_paragraph_count(doc) >= 1);
    check_output(t, doc);
    lede_doc_free(doc);
    free(b.data);
}

/* Deep nesting must not overflow a recursive walk. The article at the
 * bottom is still found, or the parser reports that it gave up. */
static void check_deep(test_run *t, const char *open, const char *close, size_t depth)
{
    bytes b = {0};
    puts_b(&b, "<html><head><title>Deep</title></head><body>");
    repeat(&b, open, depth);
    uint64_t state = 3;
    for (size_t i = 0; i < 4; i++) {
        puts_b(&b, "<p>");
        put_paragraph(&b, i, &state);
        puts_b(&b, "</p>");
    }
    if (close)
        repeat(&b, close, depth);
    puts_b(&b, "</body></html>");
    lede_doc *doc = extract(&b, LEDE_INPUT_HTML);
    CHECK(t, lede_doc_status(doc) == LEDE_OK || lede_doc_status(doc) == LEDE_ERR_PARSE);
    if (lede_doc_status(doc) == LEDE_OK && !body_has(doc, "Harbor Street bridge"))
        printf("  nesting %s x %zu: the article text was lost\n", open, depth),
            t->current_failures++;
    check_output(t, doc);
    lede_doc_free(doc);
    free(b.data);
}

static void test_nested_divs(test_run *t)
{
    check_deep(t, "<div>", "</div>", 100000);
    check_deep(t, "<div>", NULL, 100000); /* never closed */
}

static void test_nested_inline_and_lists(test_run *t)
{
    check_deep(t, "<span>", "</span>", 100000);
    check_deep(t, "<b><i>", NULL, 50000);
    check_deep(t, "<ul><li>", "</li></ul>", 20000);
    check_deep(t, "<table><tr><td>", "</td></tr></table>", 20000);
    check_deep(t, "<blockquote>", "</blockquote>", 50000);
}

/* Builds the same article as HTML or as text, with `inject` written into
 * the middle of every paragraph. */
static void build_article(bytes *b, bool html, size_t paragraphs, const char *inject,
                          size_t inject_len)
{
    uint64_t state = 11;
    puts_b(b, html ? "<html><body><article><h1>A report on the bridge</h1>\n"
                   : "A report on the bridge\n\n");
    for (size_t i = 0; i < paragraphs; i++) {
        puts_b(b, html ? "<p>" : "");
        put_paragraph(b, i, &state);
        put(b, inject, inject_len);
        puts_b(b, " The work will take fourteen months, officials said.");
        puts_b(b, html ? "</p>\n" : "\n\n");
    }
    puts_b(b, html ? "</article></body></html>\n" : "");
}

static void test_invalid_utf8(test_run *t)
{
    /* lone continuation bytes, an overlong form, a surrogate, a code point
     * above U+10FFFF, a cut sequence */
    static const char bad[] = " \x80\xBF \xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80 \xE2\x82";
    for (int html = 1; html >= 0; html--) {
        bytes b = {0};
        build_article(&b, html, 200, bad, sizeof bad - 1);
        put(&b, "\xF0\x9F", 2); /* cut at the very end */
        lede_doc *doc = extract(&b, html ? LEDE_INPUT_HTML : LEDE_INPUT_TEXT);
        CHECK(t, lede_doc_status(doc) == LEDE_OK);
        CHECK(t, body_has(doc, "Harbor Street bridge"));
        check_output(t, doc);
        lede_doc_free(doc);
        free(b.data);
    }
}

static void test_nul_bytes(test_run *t)
{
    /* A few NUL bytes inside an otherwise normal page: the text around them
     * survives and no NUL reaches the output. */
    for (int html = 1; html >= 0; html--) {
        bytes b = {0};
        build_article(&b, html, 6, "\0", 1);
        lede_doc *doc = extract(&b, LEDE_INPUT_AUTO);
        CHECK(t, lede_doc_status(doc) == LEDE_OK);
        CHECK(t, lede_doc_input(doc) == (html ? LEDE_INPUT_HTML : LEDE_INPUT_TEXT));
        CHECK(t, body_has(doc, "fourteen months"));
        check_output(t, doc);
        lede_doc_free(doc);
        free(b.data);
    }

    /* Mostly NUL bytes: binary. */
    bytes z = {0};
    char zeros[4096] = {0};
    puts_b(&z, "<p>");
    for (int i = 0; i < 64; i++)
        put(&z, zeros, sizeof zeros);
    lede_doc *doc = extract(&z, LEDE_INPUT_AUTO);
    CHECK(t, lede_doc_status(doc) == LEDE_ERR_BINARY);
    check_output(t, doc);
    lede_doc_free(doc);
    free(z.data);
}

/* UTF-16 with a byte-order mark is text, not binary: the BOM names the
 * encoding. */
static void test_utf16_bom(test_run *t)
{
    bytes ascii = {0};
    build_article(&ascii, true, 4, "", 0);
    bytes b = {0};
    put(&b, "\xFF\xFE", 2);
    for (size_t i = 0; i < ascii.len; i++) {
        char unit[2] = {ascii.data[i], 0};
        put(&b, unit, 2);
    }
    lede_doc *doc = extract(&b, LEDE_INPUT_AUTO);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, body_has(doc, "Harbor Street bridge"));
    check_output(t, doc);
    lede_doc_free(doc);
    free(b.data);
    free(ascii.data);
}

static void test_huge_lines_and_attributes(test_run *t)
{
    /* 10 MB of text on one line. */
    bytes line = {0};
    repeat(&line, "word ", 2u << 20);
    lede_doc *doc = extract(&line, LEDE_INPUT_TEXT);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    check_output(t, doc);
    lede_doc_free(doc);
    free(line.data);

    /* A million short lines. */
    bytes lines = {0};
    repeat(&lines, "a\n\n", 1000000);
    doc = extract(&lines, LEDE_INPUT_TEXT);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    check_output(t, doc);
    lede_doc_free(doc);
    free(lines.data);

    /* A 5 MB attribute value and a thousand attributes on one tag. */
    bytes attr = {0};
    puts_b(&attr, "<html><body><div class=\"");
    repeat(&attr, "x", 5u << 20);
    puts_b(&attr, "\"");
    for (int i = 0; i < 1000; i++) {
        char a[32];
        snprintf(a, sizeof a, " data-a%d=\"%d\"", i, i);
        puts_b(&attr, a);
    }
    puts_b(&attr, "><p>");
    puts_b(&attr, PARAGRAPH);
    puts_b(&attr, "</p></div></body></html>");
    doc = extract(&attr, LEDE_INPUT_HTML);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    check_output(t, doc);
    lede_doc_free(doc);
    free(attr.data);
}

static void test_unterminated_constructs(test_run *t)
{
    static const char *const pages[] = {
        "<html><body><!-- an unterminated comment <p>text</p>",
        "<html><body><script>var x = '</p>'; <p>never closed",
        "<html><body><p>Text then <a href=\"unterminated",
        "<html><body><p>&#xFFFFFFFF; &#0; &#xD800; &#55296; &bogus; &amp</p>",
        "<![CDATA[ <p>x</p> ]]> <?php echo 1; ?> <!DOCTYPE",
        "<html><body><textarea><p>inside a textarea</p>",
        "<svg><p>foreign</p><math><mi>x</mi></math></svg><p>after</p>",
        "<",
        "&",
        "</p></div></body></html>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        bytes b = {0};
        puts_b(&b, pages[i]);
        lede_doc *doc = extract(&b, LEDE_INPUT_HTML);
        CHECK(t, lede_doc_status(doc) == LEDE_OK || lede_doc_status(doc) == LEDE_ERR_PARSE);
        check_output(t, doc);
        lede_doc_free(doc);
        free(b.data);
    }
}

int main(void)
{
    test_run t = {0, 0, 0};
    if (lede_init() != 0) {
        puts("lede_init failed");
        return 1;
    }
    RUN(&t, test_empty_input);
    RUN(&t, test_binary_garbage);
    RUN(&t, test_random_markup);
    RUN(&t, test_fifty_megabyte_page);
    RUN(&t, test_paragraphs_alike_at_both_ends);
    RUN(&t, test_many_distinct_people);
    RUN(&t, test_one_paragraph_of_pronouns);
    RUN(&t, test_unclosed_quotes_in_one_paragraph);
    RUN(&t, test_nested_divs);
    RUN(&t, test_nested_inline_and_lists);
    RUN(&t, test_invalid_utf8);
    RUN(&t, test_nul_bytes);
    RUN(&t, test_utf16_bom);
    RUN(&t, test_huge_lines_and_attributes);
    RUN(&t, test_unterminated_constructs);
    return test_report(&t);
}
