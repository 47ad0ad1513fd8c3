/* Unit tests of text mode and the shared classify and structure stages:
 * each boilerplate family on hand-made text, non-English articles kept
 * whole, a menu page with no article, datelines, quotes, truncation and
 * language detection. Runs the public API with LEDE_INPUT_TEXT, and the
 * feature pass directly where a single block's evidence is checked. */
#include <stdlib.h>
#include <string.h>

#include "classify/features.h"
#include "harness.h"
#include "lede.h"
#include "parse/text.h"

static lede_doc *extract(const char *text)
{
    lede_options o;
    lede_options_init(&o);
    o.input = LEDE_INPUT_TEXT;
    return lede_extract(text, strlen(text), &o);
}

/* Four paragraphs of news prose, blank-line separated. */
#define STORY                                                                                      \
    "The city council voted on Tuesday to expand the bus network after a year of public "          \
    "hearings, officials said.\n\n"                                                                \
    "The plan adds twelve routes and extends service into the evening, which riders had asked "    \
    "for in a survey that was published in the spring.\n\n"                                        \
    "Opponents said the cost was too high and that the money should have gone to road repairs "    \
    "instead, but the measure passed with a wide margin.\n\n"                                      \
    "The first new routes are expected to open in March, and the rest will follow over the next "  \
    "two years as new buses arrive.\n\n"

static int body_has(const lede_doc *doc, const char *s)
{
    return strstr(lede_doc_body(doc), s) != NULL;
}

static uint16_t family_of(const char *line)
{
    arena *a = arena_new();
    block_stream s;
    blocks_init(&s, a, false);
    text_parse_blocks(line, strlen(line), &s);
    features_compute(&s);
    uint16_t f = s.count ? s.items[0].boiler_family : BOILER_NONE;
    arena_free(a);
    return f;
}

static void test_families(test_run *t)
{
    CHECK(t, family_of("Home") == BOILER_MENU);
    CHECK(t, family_of("Skip to main content") == BOILER_MENU);
    CHECK(t, family_of("Sign up for our daily newsletter") == BOILER_SIGNUP);
    CHECK(t, family_of("Get Today's Headlines in your inbox:") == BOILER_SIGNUP);
    CHECK(t, family_of("Next Score View the next score") == BOILER_SHARE);
    CHECK(t, family_of("Share this with Facebook") == BOILER_SHARE);
    CHECK(t, family_of("\xC2\xA9 2019 Example Media. All rights reserved.") == BOILER_LEGAL);
    CHECK(t, family_of("We use cookies to give you the best experience on our site.") ==
                 BOILER_COOKIE);
    CHECK(t, family_of("Related Articles") == BOILER_RELATED);
    CHECK(t, family_of("Read more: the council's plan in full") == BOILER_RELATED);
    CHECK(t, family_of("Photo: Jane Doe / Example Agency") == BOILER_CREDIT);
    CHECK(t, family_of("3 of 12 A shopper looks at extension cords") == BOILER_CREDIT);
    CHECK(t, family_of("Advertisement") == BOILER_AD);
    CHECK(t, family_of("34 responses to \xE2\x80\x9C"
                       "Council votes\xE2\x80\x9D") == BOILER_COMMENTS);
    CHECK(t, family_of("jane_doe says:") == BOILER_COMMENTS);
    CHECK(t, family_of("By Jane Doe | November 18, 2019 at 2:26 PM") == BOILER_BYLINE);
    CHECK(t, family_of("Updated 4:46 PM") == BOILER_BYLINE);
    CHECK(t, family_of("Compartir en Twitter") == BOILER_SHARE);
    CHECK(t, family_of("Follow Newsbeat on Instagram, Facebook and YouTube.") == BOILER_SHARE);
    CHECK(t, family_of("About the author") == BOILER_AUTHOR);
    CHECK(t, family_of("\xC3\x9C"
                       "ber Jane Doe") == BOILER_AUTHOR);
    CHECK(t, family_of("About Us") != BOILER_AUTHOR);
    /* The same words in prose are not furniture. */
    CHECK(t, family_of("By the time the police arrived, the crowd had left.") == BOILER_NONE);
    CHECK(t, family_of("The mayor said the council would share the cost with the county.") ==
                 BOILER_NONE);
    CHECK(t, family_of("Homeowners asked for more buses.") == BOILER_NONE);
}

static void test_debris_between_paragraphs(test_run *t)
{
    lede_doc *doc =
        extract("Menu\nHome\nNews\nSports\n\n"
                "Council expands the bus network\n\n" STORY "Get Today's Headlines in your inbox:\n"
                "The day's top stories delivered every morning.\n"
                "Thank you for signing up! Sign up for more newsletters here\n\n"
                "Riders groups welcomed the vote and said they would keep pressing "
                "for lower fares in the coming budget talks.\n\n"
                "The council will review the new routes after a year and publish "
                "ridership figures for each of them every quarter.\n\n"
                "Related Articles\nBus fares to rise\nNew bridge opens\n\n"
                "\xC2\xA9 2019 Example Media. All rights reserved.\n");
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK(t, body_has(doc, "The city council voted on Tuesday"));
    CHECK(t, body_has(doc, "lower fares in the coming budget talks."));
    CHECK(t, !body_has(doc, "inbox"));
    CHECK(t, !body_has(doc, "delivered every morning"));
    CHECK(t, !body_has(doc, "Sign up"));
    CHECK(t, !body_has(doc, "Menu"));
    CHECK(t, !body_has(doc, "Bus fares to rise"));
    CHECK(t, !body_has(doc, "All rights reserved"));
    CHECK_STR(t, lede_doc_title(doc), "Council expands the bus network");
    CHECK_STR(t, lede_doc_language(doc), "en");
    CHECK(t, !lede_doc_truncated(doc));
    lede_doc_free(doc);
}

static void test_comment_thread_ends_story(test_run *t)
{
    lede_doc *doc = extract(STORY "12 Comments\n\n"
                                  "bob_smith says:\nNovember 19, 2019 at 6:34 am\n\n"
                                  "This is the worst decision the council has made in years and "
                                  "everyone I know agrees with me about it.\n\n");
    CHECK(t, body_has(doc, "as new buses arrive."));
    CHECK(t, !body_has(doc, "worst decision"));
    lede_doc_free(doc);
}

static void test_dateline_quotes_truncated(test_run *t)
{
    lede_doc *doc = extract("Storm closes the port\n\n"
                            "WASHINGTON (AP) \xE2\x80\x94 The port was closed on Monday as a storm "
                            "moved up the coast, the coast guard said in a statement.\n\n"
                            "Officials said the closure was \xE2\x80\x98\xE2\x80\x98necessary and "
                            "temporary\xE2\x80\x99\xE2\x80\x99 and that ships would wait offshore "
                            "until the winds eased later in the week.\n\n"
                            "Dock workers were sent home early, and the union said it would ask "
                            "for the lost hours to be paid because the");
    CHECK_STR(t, lede_doc_dateline(doc), "WASHINGTON (AP)");
    CHECK(t, lede_doc_paragraph_count(doc) >= 1 &&
                 strncmp(lede_doc_paragraph(doc, 0), "The port was closed", 19) == 0);
    CHECK(t, body_has(doc, "\xE2\x80\x9Cnecessary and temporary\xE2\x80\x9D"));
    CHECK(t, lede_doc_truncated(doc));
    lede_doc_free(doc);
}

static void test_non_english(test_run *t)
{
    lede_doc *doc = extract(
        "Startseite\nPolitik\nSport\n\n"
        "Der Stadtrat hat am Dienstag beschlossen, das Busnetz auszubauen, nachdem es ein Jahr "
        "lang \xC3\xB6"
        "ffentliche Anh\xC3\xB6rungen gegeben hatte.\n\n"
        "Der Plan sieht zw\xC3\xB6lf neue Linien vor und verl\xC3\xA4ngert den Betrieb bis in "
        "den Abend, was sich die Fahrg\xC3\xA4ste in einer Umfrage gew\xC3\xBCnscht hatten.\n\n"
        "Die ersten neuen Linien sollen im M\xC3\xA4rz starten, die \xC3\xBC"
        "brigen folgen in "
        "den n\xC3\xA4"
        "chsten zwei Jahren, wenn neue Busse geliefert werden.\n\n"
        "Impressum\nDatenschutz\n");
    CHECK_STR(t, lede_doc_language(doc), "de");
    CHECK(t, body_has(doc, "Der Stadtrat hat am Dienstag"));
    CHECK(t, body_has(doc, "wenn neue Busse geliefert werden."));
    CHECK(t, !body_has(doc, "Impressum"));
    lede_doc_free(doc);

    /* A language without a stopword list: language-neutral evidence, and
     * the sentences still come through; the script names the language. */
    doc = extract("\xCE\x91\xCF\x81\xCF\x87\xCE\xB9\xCE\xBA\xCE\xAE\n\n"
                  "\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD\xE3\x81\xAF\xE7\x81\xAB\xE6\x9B\x9C"
                  "\xE6\x97\xA5\xE3\x80\x81\xE3\x83\x90\xE3\x82\xB9\xE8\xB7\xAF\xE7\xB7\x9A"
                  "\xE3\x82\x92\xE6\x8B\xA1\xE5\xA4\xA7\xE3\x81\x99\xE3\x82\x8B\xE8\xA8\x88"
                  "\xE7\x94\xBB\xE3\x82\x92\xE7\x99\xBA\xE8\xA1\xA8\xE3\x81\x97\xE3\x81\x9F"
                  "\xE3\x80\x82\xE6\x96\xB0\xE3\x81\x97\xE3\x81\x84\xE8\xB7\xAF\xE7\xB7\x9A"
                  "\xE3\x81\xAF\xE4\xB8\x89\xE6\x9C\x88\xE3\x81\xAB\xE9\x96\x8B\xE9\x80\x9A"
                  "\xE3\x81\x99\xE3\x82\x8B\xE4\xBA\x88\xE5\xAE\x9A\xE3\x81\xA0\xE3\x80\x82\n");
    CHECK(t, lede_doc_paragraph_count(doc) == 1);
    CHECK_STR(t, lede_doc_language(doc), "ja"); /* from the script */
    lede_doc_free(doc);

    /* Korean has no list: sentence punctuation and length keep a story of
     * short paragraphs whole, and the script names the language. */
    doc = extract(
        "\xED\x99\x88\n"
        "\xEB\x89\xB4\xEC\x8A\xA4\n"
        "\xEC\x8A\xA4\xED\x8F\xAC\xEC\xB8\xA0\n\n"
        "\xEC\x84\x9C\xEC\x9A\xB8\xEC\x8B\x9C\xEB\x8A\x94 \xED\x99\x94\xEC\x9A\x94\xEC\x9D\xBC "
        "\xEB\xB2\x84\xEC\x8A\xA4 \xEB\x85\xB8\xEC\x84\xA0"
        "\xEC\x9D\x84 \xED\x99\x95\xEB\x8C\x80\xED\x95\x98\xEB\x8A\x94 "
        "\xEA\xB3\x84\xED\x9A\x8D\xEC\x9D\x84 \xEB\xB0\x9C\xED\x91\x9C\xED\x96\x88"
        "\xEB\x8B\xA4. \xEC\x83\x88 \xEB\x85\xB8\xEC\x84\xA0\xEC\x9D\x80 \xEB\x82\xB4\xEB\x85\x84 "
        "3\xEC\x9B\x94"
        "\xEC\x97\x90 \xEA\xB0\x9C\xED\x86\xB5\xEB\x90\xA0 "
        "\xEC\x98\x88\xEC\xA0\x95\xEC\x9D\xB4\xEB\x8B\xA4.\n\n"
        "\xEC\x8B\x9C \xEA\xB4\x80\xEA\xB3\x84\xEC\x9E\x90\xEB\x8A\x94 "
        "\xEC\x8B\x9C\xEB\xAF\xBC\xEB\x93\xA4\xEC\x9D\xB4 \xEC\xA0\x80\xEB\x85\x81"
        " \xEC\x8B\x9C\xEA\xB0\x84\xEC\x97\x90\xEB\x8F\x84 \xEB\xB2\x84\xEC\x8A\xA4\xEB\xA5\xBC "
        "\xED\x83\x88 \xEC\x88\x98 "
        "\xEC\x9E\x88\xEB\x8F\x84\xEB\xA1\x9D \xEC\x9A\xB4\xED\x96\x89 "
        "\xEC\x8B\x9C\xEA\xB0\x84\xEC\x9D\x84 \xEB\x8A\x98\xEB\xA6\xAC\xEA\xB2\xA0"
        "\xEB\x8B\xA4\xEA\xB3\xA0 \xEB\xA7\x90\xED\x96\x88\xEB\x8B\xA4.\n\n"
        "\xEB\xB0\x98\xEB\x8C\x80 \xEC\xB8\xA1\xEC\x9D\x80 \xEB\xB9\x84\xEC\x9A\xA9\xEC\x9D\xB4 "
        "\xEB\x84\x88\xEB\xAC\xB4 \xEB\xA7\x8E"
        "\xEC\x9D\xB4 \xEB\x93\xA0\xEB\x8B\xA4\xEA\xB3\xA0 "
        "\xEC\xA3\xBC\xEC\x9E\xA5\xED\x96\x88\xEC\xA7\x80\xEB\xA7\x8C, \xEA\xB3\x84"
        "\xED\x9A\x8D\xEC\x9D\x80 \xED\x81\xB0 \xED\x91\x9C\xEC\xB0\xA8\xEB\xA1\x9C "
        "\xED\x86\xB5\xEA\xB3\xBC\xEB\x90\x98\xEC\x97\x88\xEB\x8B\xA4"
        ".\n\n"
        "\xC2\xA9 2024 Example Media. All rights reserved.\n");
    CHECK(t, lede_doc_paragraph_count(doc) == 3);
    CHECK(t, body_has(doc, "\xED\x86\xB5\xEA\xB3\xBC\xEB\x90\x98\xEC\x97\x88\xEB\x8B\xA4."));
    CHECK(t, !body_has(doc, "All rights reserved"));
    CHECK_STR(t, lede_doc_language(doc), "ko");
    lede_doc_free(doc);
}

static void test_menu_page_has_no_article(test_run *t)
{
    lede_doc *doc = extract("Home\nNews\nSports\nWeather\nContact us\nLog in\nSearch\n");
    CHECK(t, lede_doc_status(doc) == LEDE_OK);
    CHECK_STR(t, lede_doc_body(doc), "");
    CHECK_STR(t, lede_doc_warning(doc), "no article content found");
    lede_doc_free(doc);
}

static void test_wrapped_lines_join(test_run *t)
{
    arena *a = arena_new();
    block_stream s;
    blocks_init(&s, a, false);
    static const char text[] = "A paragraph that was wrapped by hand at a fixed width of\n"
                               "about sixty columns, as old text files are.\n\n"
                               "    Indented line\n";
    CHECK(t, text_parse_blocks(text, sizeof text - 1, &s) == LEDE_OK);
    CHECK(t, s.count == 2);
    if (s.count == 2) {
        CHECK(t, s.items[0].lines == 2);
        CHECK(t, s.items[1].indent == 4 && s.items[1].blank_before == 1);
        CHECK_STR(t, s.items[1].text, "Indented line");
    }
    arena_free(a);
}

int main(void)
{
    test_run t = {0};
    lede_init();
    RUN(&t, test_families);
    RUN(&t, test_debris_between_paragraphs);
    RUN(&t, test_comment_thread_ends_story);
    RUN(&t, test_dateline_quotes_truncated);
    RUN(&t, test_non_english);
    RUN(&t, test_menu_page_has_no_article);
    RUN(&t, test_wrapped_lines_join);
    return test_report(&t);
}
