/* Unit tests of the public API (include/lede.h): options, extraction of a
 * small HTML page and a small text, rendering in every format, errors, and
 * valid UTF-8 JSON whatever the input bytes. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "json_check.h"
#include "lede.h"

static const char ARTICLE_HTML[] =
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>Council approves bridge repair | The Courier</title></head><body>"
    "<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li>"
    "<li><a href=\"/sports\">Sports</a></li><li><a href=\"/weather\">Weather</a></li></ul></nav>"
    "</header><main><article><h1>Council approves bridge repair</h1>"
    "<p>The city council voted 7-2 on Tuesday night to approve a $12 million plan to repair "
    "the Harbor Street bridge, ending more than a year of debate over the aging crossing.</p>"
    "<p>Engineers told council members that the bridge, which opened in 1961, has corroded "
    "support beams and a deck that no longer meets state load standards.</p>"
    "<p>\xE2\x80\x9CWe have patched this bridge for twenty years, and we cannot patch it any "
    "longer,\xE2\x80\x9D said council member Rosa Delgado, who sponsored the measure.</p>"
    "<p>Work is expected to begin in early spring and to last about 14 months, with one lane in "
    "each direction open during construction.</p>"
    "</article></main><footer><p>\xC2\xA9 2024 Courier Media. All rights reserved.</p>"
    "</footer></body></html>";

static const char ARTICLE_TEXT[] =
    "Reef surveys find coral recovering faster than expected\n\n"
    "Coral on several reefs in the western Pacific has recovered faster than scientists "
    "expected after a severe bleaching event three years ago, according to a study published "
    "on Monday.\n\n"
    "Researchers surveyed 48 sites in 2019 and again this year. At more than half of them, "
    "living coral cover had returned to at least 80 percent of its level before the "
    "bleaching.\n\n"
    "The team found that reefs with more plant-eating fish tended to recover sooner, because "
    "the fish kept algae from taking over the bare rock where young coral settles.\n\n"
    "Ocean temperatures in the region are forecast to stay above average through next "
    "summer.\n";

static lede_doc *extract_str(const char *s, lede_input input)
{
    lede_options opts;
    lede_options_init(&opts);
    opts.input = input;
    opts.source = "test-input";
    return lede_extract(s, strlen(s), &opts);
}

/* Every string field of a document is NULL or valid UTF-8. */
static void check_fields_utf8(test_run *t, const lede_doc *doc)
{
    const char *fields[] = {lede_doc_source(doc), lede_doc_url(doc),      lede_doc_title(doc),
                            lede_doc_deck(doc),   lede_doc_dateline(doc), lede_doc_language(doc),
                            lede_doc_body(doc),   lede_doc_error(doc),    lede_doc_warning(doc)};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (fields[i])
            CHECK(t, strict_utf8_valid(fields[i], strlen(fields[i])));
    for (size_t i = 0; i < lede_doc_paragraph_count(doc); i++) {
        const char *p = lede_doc_paragraph(doc, i);
        CHECK(t, p && strict_utf8_valid(p, strlen(p)));
    }
}

/* The JSON rendering is one valid line, and its fields agree with the
 * accessors. */
static void check_json(test_run *t, lede_doc *doc)
{
    size_t len = 0;
    const char *json = lede_render(doc, LEDE_FORMAT_JSON, &len);
    if (!CHECK(t, json != NULL))
        return;
    CHECK(t, len == strlen(json));
    CHECK(t, memchr(json, '\n', len) == NULL);
    if (!CHECK(t, json_valid(json, len))) {
        printf("  invalid JSON: %.300s\n", json);
        return;
    }
    CHECK(t, json_has_key(json, len, "source"));
    if (lede_doc_status(doc) != LEDE_OK) {
        char *error = json_get_string(json, len, "error");
        CHECK(t, error && error[0]);
        CHECK(t, !json_has_key(json, len, "body"));
        free(error);
        return;
    }
    char *body = json_get_string(json, len, "body");
    CHECK_STR(t, body, lede_doc_body(doc));
    free(body);
    if (lede_doc_title(doc)) {
        char *title = json_get_string(json, len, "title");
        CHECK_STR(t, title, lede_doc_title(doc));
        free(title);
    }
    CHECK(t, json_has_key(json, len, "paragraphs"));
}

/* body is the paragraphs joined by one blank line. */
static void check_body_joins_paragraphs(test_run *t, const lede_doc *doc)
{
    size_t n = lede_doc_paragraph_count(doc), total = 1;
    for (size_t i = 0; i < n; i++)
        total += strlen(lede_doc_paragraph(doc, i)) + 2;
    char *joined = malloc(total), *p = joined;
    for (size_t i = 0; i < n; i++) {
        if (i) {
            memcpy(p, "\n\n", 2);
            p += 2;
        }
        size_t l = strlen(lede_doc_paragraph(doc, i));
        memcpy(p, lede_doc_paragraph(doc, i), l);
        p += l;
    }
    *p = '\0';
    CHECK_STR(t, lede_doc_body(doc), joined);
    free(joined);
}

static void test_version_and_status_strings(test_run *t)
{
    CHECK_STR(t, lede_version(), LEDE_VERSION);
    CHECK(t, lede_init() == 0); /* a second call is harmless */
    const lede_status all[] = {LEDE_OK,         LEDE_ERR_EMPTY, LEDE_ERR_TOO_LARGE,
                               LEDE_ERR_BINARY, LEDE_ERR_PARSE, LEDE_ERR_NOMEM};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        const char *s = lede_status_string(all[i]);
        CHECK(t, s && s[0]);
        for (size_t j = 0; j < i; j++)
            CHECK(t, s && strcmp(s, lede_status_string(all[j])) != 0);
    }
}

static void test_options_defaults(test_run *t)
{
    lede_options opts;
    memset(&opts, 0xAB, sizeof opts);
    lede_options_init(&opts);
    CHECK(t, opts.input == LEDE_INPUT_AUTO);
    CHECK(t, opts.url == NULL);
    CHECK(t, opts.source == NULL);
    CHECK(t, opts.max_bytes == 0);
    CHECK(t, opts.struct_size == sizeof opts);
}

/* A quote, its speaker, a place: scraped text, with or without the quotes
 * stage. */
static lede_doc *extract_bridge_story(int no_quotes)
{
    static const char text[] = "Maria Lopez spoke on Monday in Porto.\n\n"
                               "\"We will rebuild the bridge before winter,\" Lopez said.\n";
    lede_options opts;
    lede_options_init(&opts);
    opts.input = LEDE_INPUT_TEXT;
    opts.no_quotes = no_quotes;
    return lede_extract(text, sizeof text - 1, &opts);
}

/* The quote, people and place accessors, and their answers out of range. */
static void test_quotes_people_places(test_run *t)
{
    lede_doc *doc = extract_bridge_story(0);
    if (!CHECK(t, doc && lede_doc_quote_count(doc) == 1)) {
        lede_doc_free(doc);
        return;
    }
    CHECK_STR(t, lede_doc_quote_text(doc, 0), "We will rebuild the bridge before winter");
    CHECK_STR(t, lede_doc_quote_speaker(doc, 0), "Maria Lopez");
    CHECK_STR(t, lede_doc_quote_speaker_mention(doc, 0), "Lopez");
    CHECK_STR(t, lede_doc_quote_cue(doc, 0), "said");
    CHECK(t, lede_doc_quote_paragraph(doc, 0) == 1);
    CHECK(t, lede_doc_quote_partial(doc, 0) == 0);
    CHECK(t, lede_doc_quote_text(doc, 1) == NULL);
    CHECK(t, lede_doc_quote_speaker(doc, 1) == NULL);

    CHECK(t, lede_doc_person_count(doc) == 1);
    CHECK_STR(t, lede_doc_person_name(doc, 0), "Maria Lopez");
    CHECK(t, lede_doc_person_mentions(doc, 0) == 2);
    CHECK(t, lede_doc_person_name(doc, 1) == NULL);
    CHECK(t, lede_doc_place_count(doc) == 1);
    CHECK_STR(t, lede_doc_place_name(doc, 0), "Porto");
    CHECK_STR(t, lede_doc_place_kind(doc, 0), "city");
    CHECK(t, lede_doc_place_kind(doc, 1) == NULL);
    lede_doc_free(doc);
}

/* no_quotes skips the stage: the same article, no quotes, people or places,
 * and none of their fields in the JSON. */
static void test_no_quotes(test_run *t)
{
    lede_doc *doc = extract_bridge_story(1);
    if (!CHECK(t, doc && lede_doc_status(doc) == LEDE_OK)) {
        lede_doc_free(doc);
        return;
    }
    CHECK(t, lede_doc_paragraph_count(doc) == 2);
    CHECK(t, lede_doc_quote_count(doc) == 0);
    CHECK(t, lede_doc_person_count(doc) == 0);
    CHECK(t, lede_doc_place_count(doc) == 0);
    const char *json = lede_render(doc, LEDE_FORMAT_JSON, NULL);
    CHECK(t, json && strstr(json, "\"paragraphs\"") && !strstr(json, "\"quotes\"") &&
                 !strstr(json, "\"people\"") && !strstr(json, "\"places\""));
    lede_doc_free(doc);
}

/* A caller built against an older, shorter lede_options: the library must
 * not read past its struct_size, and fields beyond it take defaults. */
static void test_options_struct_size(test_run *t)
{
    static const char text[] = "A sentence long enough to be an article body.";
    lede_options opts;
    lede_options_init(&opts);
    opts.input = LEDE_INPUT_TEXT;
    opts.max_bytes = 4;
    lede_doc *full = lede_extract(text, sizeof text - 1, &opts);
    CHECK(t, full && lede_doc_status(full) == LEDE_ERR_TOO_LARGE);
    lede_doc_free(full);

    opts.struct_size = offsetof(lede_options, max_bytes);
    lede_doc *shorter = lede_extract(text, sizeof text - 1, &opts);
    CHECK(t, shorter && lede_doc_status(shorter) == LEDE_OK);
    CHECK(t, shorter && lede_doc_input(shorter) == LEDE_INPUT_TEXT);
    lede_doc_free(shorter);

    lede_options zeroed;
    memset(&zeroed, 0, sizeof zeroed); /* never passed to lede_options_init */
    zeroed.input = LEDE_INPUT_TEXT;
    zeroed.max_bytes = 4;
    lede_doc *legacy = lede_extract(text, sizeof text - 1, &zeroed);
    CHECK(t, legacy && lede_doc_status(legacy) == LEDE_ERR_TOO_LARGE);
    lede_doc_free(legacy);
}

static void test_extract_html(test_run *t)
{
    lede_options opts;
    lede_options_init(&opts);
    opts.url = "https://example.com/news/bridge";
    opts.source = "bridge.html";
    lede_doc *doc = lede_extract(ARTICLE_HTML, strlen(ARTICLE_HTML), &opts);
    if (!CHECK(t, doc != NULL))
        return;
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, lede_doc_error(doc) == NULL);
    CHECK(t, lede_doc_input(doc) == LEDE_INPUT_HTML); /* auto sniffed the markup */
    CHECK_STR(t, lede_doc_source(doc), "bridge.html");
    CHECK_STR(t, lede_doc_url(doc), "https://example.com/news/bridge");
    CHECK_STR(t, lede_doc_title(doc), "Council approves bridge repair");
    CHECK(t, lede_doc_paragraph_count(doc) == 4);
    if (lede_doc_paragraph_count(doc) > 0) {
        CHECK(t, strncmp(lede_doc_paragraph(doc, 0), "The city council voted 7-2", 26) == 0);
        CHECK(t, lede_doc_paragraph_kind(doc, 0) == LEDE_PARA_TEXT);
    }
    const char *body = lede_doc_body(doc);
    CHECK(t, body && strstr(body, "\xE2\x80\x9CWe have patched this bridge") != NULL);
    CHECK(t, body && strstr(body, "All rights reserved") == NULL);
    CHECK(t, body && strstr(body, "Weather") == NULL);
    CHECK(t, !lede_doc_truncated(doc));
    CHECK(t, lede_doc_warning(doc) == NULL);
    check_body_joins_paragraphs(t, doc);
    check_fields_utf8(t, doc);
    check_json(t, doc);
    lede_doc_free(doc);
}

static void test_extract_text(test_run *t)
{
    lede_doc *doc = extract_str(ARTICLE_TEXT, LEDE_INPUT_AUTO);
    if (!CHECK(t, doc != NULL))
        return;
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, lede_doc_input(doc) == LEDE_INPUT_TEXT); /* auto recognised plain text */
    CHECK_STR(t, lede_doc_title(doc), "Reef surveys find coral recovering faster than expected");
    CHECK(t, lede_doc_paragraph_count(doc) == 4);
    if (lede_doc_paragraph_count(doc) == 4) {
        CHECK(t, strncmp(lede_doc_paragraph(doc, 0), "Coral on several reefs", 22) == 0);
        CHECK(t, strncmp(lede_doc_paragraph(doc, 3), "Ocean temperatures", 18) == 0);
    }
    CHECK(t, !lede_doc_truncated(doc));
    check_body_joins_paragraphs(t, doc);
    check_fields_utf8(t, doc);
    check_json(t, doc);
    lede_doc_free(doc);
}

static void test_truncated_text(test_run *t)
{
    static const char text[] =
        "Harbor bridge repair approved\n\n"
        "The city council voted on Tuesday night to approve a plan to repair the Harbor Street "
        "bridge, ending more than a year of debate over the aging crossing.\n\n"
        "Engineers told council members that the bridge has corroded support beams and a deck "
        "that no longer meets state load standards, and that trucks heavier than";
    lede_doc *doc = extract_str(text, LEDE_INPUT_TEXT);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, lede_doc_truncated(doc));
    check_json(t, doc);
    size_t len;
    const char *json = lede_render(doc, LEDE_FORMAT_JSON, &len);
    const char *truncated = json_get_literal(json, len, "truncated");
    CHECK_STR(t, truncated, "true");
    lede_doc_free(doc);
}

static void test_input_hint_is_obeyed(test_run *t)
{
    /* Markup forced through the text pipeline is treated as text. */
    lede_doc *doc = extract_str(ARTICLE_HTML, LEDE_INPUT_TEXT);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, lede_doc_input(doc) == LEDE_INPUT_TEXT);
    check_fields_utf8(t, doc);
    check_json(t, doc);
    lede_doc_free(doc);
    doc = extract_str(ARTICLE_TEXT, LEDE_INPUT_HTML);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, lede_doc_input(doc) == LEDE_INPUT_HTML);
    check_json(t, doc);
    lede_doc_free(doc);
}

static void test_render_formats(test_run *t)
{
    lede_doc *doc = extract_str(ARTICLE_HTML, LEDE_INPUT_HTML);
    size_t len = 0;

    const char *text = lede_render(doc, LEDE_FORMAT_TEXT, &len);
    if (CHECK(t, text != NULL)) {
        CHECK(t, len == strlen(text));
        CHECK(t, strict_utf8_valid(text, len));
        CHECK(t, strstr(text, "Council approves bridge repair") != NULL);
        CHECK(t, strstr(text, "The city council voted 7-2") != NULL);
        CHECK(t, strstr(text, "about 14 months") != NULL);
        CHECK(t, strchr(text, '<') == NULL);
    }
    const char *md = lede_render(doc, LEDE_FORMAT_MARKDOWN, &len);
    if (CHECK(t, md != NULL)) {
        CHECK(t, len == strlen(md));
        CHECK(t, strict_utf8_valid(md, len));
        CHECK(t, strncmp(md, "# Council approves bridge repair", 32) == 0);
        CHECK(t, strstr(md, "\n\nThe city council voted 7-2") != NULL);
    }
    /* Rendering again gives the same JSON; a NULL length is allowed. */
    const char *a = lede_render(doc, LEDE_FORMAT_JSON, NULL);
    char *first = a ? strdup(a) : NULL;
    const char *b = lede_render(doc, LEDE_FORMAT_JSON, &len);
    CHECK(t, first && b && strcmp(first, b) == 0);
    free(first);
    check_json(t, doc);
    lede_doc_free(doc);
}

static void test_markdown_keeps_structure(test_run *t)
{
    static const char page[] =
        "<html><head><title>Garden</title></head><body><article><h1>Get your garden ready</h1>"
        "<p>The first frost is only weeks away in much of the region, and a few hours of work now "
        "can save a lot of replanting in the spring, garden experts said on Monday.</p>"
        "<h2>Clean up, but not too much</h2>"
        "<ul><li>Cut back perennials once their leaves have died down.</li>"
        "<li>Spread a thick layer of mulch around shrubs and young trees.</li></ul>"
        "<blockquote><p>Leaves and hollow stems shelter the insects your garden needs next "
        "year, so leave some of them where they fall.</p></blockquote>"
        "<p>Bulbs such as tulips and daffodils should go into the ground before the soil "
        "freezes, usually by the middle of November.</p></article></body></html>";
    lede_doc *doc = extract_str(page, LEDE_INPUT_HTML);
    size_t n = lede_doc_paragraph_count(doc);
    int heading = 0, item = 0, quote = 0;
    for (size_t i = 0; i < n; i++) {
        heading += lede_doc_paragraph_kind(doc, i) == LEDE_PARA_HEADING;
        item += lede_doc_paragraph_kind(doc, i) == LEDE_PARA_LIST_ITEM;
        quote += lede_doc_paragraph_kind(doc, i) == LEDE_PARA_QUOTE;
    }
    CHECK(t, heading == 1);
    CHECK(t, item == 2);
    CHECK(t, quote == 1);
    const char *md = lede_render(doc, LEDE_FORMAT_MARKDOWN, NULL);
    CHECK(t, md && strstr(md, "## Clean up, but not too much") != NULL);
    CHECK(t, md && strstr(md, "- Cut back perennials") != NULL);
    CHECK(t, md && strstr(md, "> Leaves and hollow stems") != NULL);
    lede_doc_free(doc);
}

static void test_errors(test_run *t)
{
    lede_options opts;
    lede_options_init(&opts);
    opts.source = "bad";

    lede_doc *doc = lede_extract("", 0, &opts);
    CHECK(t, lede_doc_status(doc) == LEDE_ERR_EMPTY);
    CHECK(t, lede_doc_error(doc) != NULL);
    check_json(t, doc);
    lede_doc_free(doc);

    doc = lede_extract(" \n\t\r\n  ", 7, &opts);
    CHECK(t, lede_doc_status(doc) == LEDE_ERR_EMPTY);
    check_json(t, doc);
    lede_doc_free(doc);

    doc = lede_extract(NULL, 0, NULL); /* no data and no options */
    CHECK(t, doc != NULL && lede_doc_status(doc) == LEDE_ERR_EMPTY);
    lede_doc_free(doc);

    static const unsigned char png[64] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
                                          0,    0,   0,   13,  'I',  'H',  'D',  'R'};
    doc = lede_extract((const char *)png, sizeof png, &opts);
    CHECK(t, lede_doc_status(doc) == LEDE_ERR_BINARY);
    CHECK(t, lede_doc_error(doc) != NULL);
    check_json(t, doc);
    lede_doc_free(doc);

    opts.max_bytes = 100;
    doc = lede_extract(ARTICLE_HTML, strlen(ARTICLE_HTML), &opts);
    CHECK(t, lede_doc_status(doc) == LEDE_ERR_TOO_LARGE);
    CHECK(t, lede_doc_paragraph_count(doc) == 0);
    check_json(t, doc);
    const char *text = lede_render(doc, LEDE_FORMAT_TEXT, NULL);
    CHECK(t, text != NULL);
    lede_doc_free(doc);

    lede_doc_free(NULL);
}

static void test_no_article_warns(test_run *t)
{
    static const char page[] =
        "<html><head><title>Sections</title></head><body><nav><ul>"
        "<li><a href=\"/a\">News</a></li><li><a href=\"/b\">Sports</a></li>"
        "<li><a href=\"/c\">Weather</a></li><li><a href=\"/d\">Contact</a></li></ul></nav>"
        "<footer>\xC2\xA9 2024 Example Media</footer></body></html>";
    lede_doc *doc = extract_str(page, LEDE_INPUT_HTML);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, lede_doc_paragraph_count(doc) == 0);
    CHECK_STR(t, lede_doc_body(doc), "");
    CHECK(t, lede_doc_warning(doc) != NULL);
    check_json(t, doc);
    size_t len;
    const char *json = lede_render(doc, LEDE_FORMAT_JSON, &len);
    char *warning = json_get_string(json, len, "warning");
    CHECK(t, warning && warning[0]);
    free(warning);
    lede_doc_free(doc);
}

static void test_json_escaping(test_run *t)
{
    /* Quotes, backslashes, tabs and control bytes in the text must come out
     * as valid JSON that decodes to the field's value. */
    static const char text[] = "A \"quoted\" \\ title\twith a tab\n\n"
                               "The first paragraph has \"quotes\", a back\\slash, a tab\there "
                               "and a bell\x07 byte, and it is long enough to be kept as the "
                               "body of this small test article.\n\n"
                               "The second paragraph ends the article with a full stop.\n";
    lede_doc *doc = extract_str(text, LEDE_INPUT_TEXT);
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    check_fields_utf8(t, doc);
    check_json(t, doc);
    lede_doc_free(doc);
}

static void test_invalid_utf8_gives_valid_output(test_run *t)
{
    /* Lone continuation bytes, an overlong slash, a UTF-16 surrogate, 0xFF,
     * a truncated sequence at the end. */
    static const char text[] = "Bad bytes \x80\xBF here and \xC0\xAF there\n\n"
                               "This paragraph carries \xED\xA0\x80 a surrogate, a \xFF byte and "
                               "\xF8\x88\x80\x80\x80 a five-byte form, but it is still prose that "
                               "a reader could follow from one end to the other.\n\n"
                               "It ends with a cut sequence \xE2\x80";
    for (int kind = 0; kind < 2; kind++) {
        lede_doc *doc = extract_str(text, kind ? LEDE_INPUT_HTML : LEDE_INPUT_TEXT);
        CHECK(t, lede_doc_status(doc) == LEDE_OK || lede_doc_status(doc) == LEDE_ERR_BINARY);
        check_fields_utf8(t, doc);
        check_json(t, doc);
        size_t len;
        const char *s = lede_render(doc, LEDE_FORMAT_TEXT, &len);
        CHECK(t, s && strict_utf8_valid(s, len));
        s = lede_render(doc, LEDE_FORMAT_MARKDOWN, &len);
        CHECK(t, s && strict_utf8_valid(s, len));
        lede_doc_free(doc);
    }
}

static void test_paragraph_accessors_out_of_range(test_run *t)
{
    lede_doc *doc = extract_str(ARTICLE_TEXT, LEDE_INPUT_TEXT);
    size_t n = lede_doc_paragraph_count(doc);
    CHECK(t, lede_doc_paragraph(doc, n) == NULL);
    CHECK(t, lede_doc_paragraph(doc, (size_t)-1) == NULL);
    lede_doc_free(doc);
}

/* Documents extracted concurrently equal the one extracted alone: the
 * library keeps no global mutable state. */
typedef struct {
    const char *expected;
    int mismatches;
} thread_job;

static void *extract_repeatedly(void *arg)
{
    thread_job *job = arg;
    for (int i = 0; i < 20; i++) {
        lede_doc *doc = extract_str(i % 2 ? ARTICLE_TEXT : ARTICLE_HTML,
                                    i % 2 ? LEDE_INPUT_TEXT : LEDE_INPUT_HTML);
        const char *json = lede_render(doc, LEDE_FORMAT_JSON, NULL);
        if (i % 2 == 0 && (!json || strcmp(json, job->expected) != 0))
            job->mismatches++;
        lede_doc_free(doc);
    }
    return NULL;
}

static void test_threads(test_run *t)
{
    lede_doc *doc = extract_str(ARTICLE_HTML, LEDE_INPUT_HTML);
    char *expected = strdup(lede_render(doc, LEDE_FORMAT_JSON, NULL));
    lede_doc_free(doc);
    enum { THREADS = 4 };
    pthread_t threads[THREADS];
    thread_job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i].expected = expected;
        jobs[i].mismatches = 0;
        CHECK(t, pthread_create(&threads[i], NULL, extract_repeatedly, &jobs[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        CHECK(t, jobs[i].mismatches == 0);
    }
    free(expected);
}

int main(void)
{
    test_run t = {0, 0, 0};
    if (lede_init() != 0) {
        puts("lede_init failed");
        return 1;
    }
    RUN(&t, test_version_and_status_strings);
    RUN(&t, test_options_defaults);
    RUN(&t, test_options_struct_size);
    RUN(&t, test_quotes_people_places);
    RUN(&t, test_no_quotes);
    RUN(&t, test_extract_html);
    RUN(&t, test_extract_text);
    RUN(&t, test_truncated_text);
    RUN(&t, test_input_hint_is_obeyed);
    RUN(&t, test_render_formats);
    RUN(&t, test_markdown_keeps_structure);
    RUN(&t, test_errors);
    RUN(&t, test_no_article_warns);
    RUN(&t, test_json_escaping);
    RUN(&t, test_invalid_utf8_gives_valid_output);
    RUN(&t, test_paragraph_accessors_out_of_range);
    RUN(&t, test_threads);
    return test_report(&t);
}
