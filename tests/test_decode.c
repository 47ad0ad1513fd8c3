/* Unit tests of the decode stage (src/decode): charset detection by BOM,
 * <meta> and content, conversion, replacement of bad bytes and NULs, binary
 * detection and HTML/text sniffing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/decode/decode.h"
#include "../src/util/utf8.h"
#include "harness.h"

/* Decodes s[0..len) and checks the promises every result keeps: status OK,
 * valid UTF-8, NUL-terminated at len with no NUL inside. */
static decoded decode_checked(test_run *t, arena *a, const char *s, size_t len, bool html)
{
    decoded out;
    CHECK(t, decode_to_utf8(a, s, len, html, &out) == LEDE_OK);
    CHECK(t, out.text != NULL);
    if (!out.text)
        return out;
    CHECK(t, utf8_valid(out.text, out.len));
    CHECK(t, strlen(out.text) == out.len);
    return out;
}

#define DECODE(t, a, lit, html) decode_checked((t), (a), (lit), sizeof(lit) - 1, (html))

static void test_byte_order_marks(test_run *t)
{
    arena *a = arena_new();
    decoded d = DECODE(t, a, "\xEF\xBB\xBFhi \xC3\xA9", false);
    CHECK_STR(t, d.text, "hi \xC3\xA9");
    CHECK_STR(t, d.charset, "UTF-8");
    d = DECODE(t, a, "\xFF\xFEh\0i\0 \0\xE9\0", false);
    CHECK_STR(t, d.text, "hi \xC3\xA9");
    CHECK_STR(t, d.charset, "UTF-16LE");
    d = DECODE(t, a, "\xFE\xFF\0h\0i\0 \0\xE9", false);
    CHECK_STR(t, d.text, "hi \xC3\xA9");
    CHECK_STR(t, d.charset, "UTF-16BE");
    /* A BOM wins over a <meta> that says otherwise. */
    d = DECODE(t, a, "\xEF\xBB\xBF<meta charset=koi8-r><p>caf\xC3\xA9", true);
    CHECK_STR(t, d.charset, "UTF-8");
    arena_free(a);
}

static void test_meta_labels(test_run *t)
{
    arena *a = arena_new();
    /* iso-8859-1 means windows-1252: 0x80 is the euro sign, 0x93/0x94 quotes. */
    decoded d = DECODE(t, a, "<meta charset=\"ISO-8859-1\"><p>\x93\x80 5\x94 caf\xE9", true);
    CHECK_STR(t, d.charset, "windows-1252");
    CHECK(t, strstr(d.text, "\xE2\x80\x9C\xE2\x82\xAC 5\xE2\x80\x9D caf\xC3\xA9") != NULL);
    d = DECODE(t, a,
               "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">"
               "<p>\xF0\xD2\xC9",
               true);
    CHECK_STR(t, d.charset, "KOI8-R");
    CHECK(t, strstr(d.text, "\xD0\x9F\xD1\x80\xD0\xB8") != NULL); /* При */
    d = DECODE(t, a,
               "<META CONTENT='text/html;charset=Shift_JIS' HTTP-EQUIV='content-type'>"
               "<p>\x93\xFA\x96\x7B",
               true);
    CHECK_STR(t, d.charset, "Shift_JIS");
    CHECK(t, strstr(d.text, "\xE6\x97\xA5\xE6\x9C\xAC") != NULL); /* 日本 */
    d = DECODE(t, a, "<meta charset=gb2312><p>\xD6\xD0\xCE\xC4", true);
    CHECK_STR(t, d.charset, "GBK");
    CHECK(t, strstr(d.text, "\xE4\xB8\xAD\xE6\x96\x87") != NULL); /* 中文 */
    d = DECODE(t, a, "<meta charset=euc-kr><p>\xC7\xD1\xB1\xB9", true);
    CHECK_STR(t, d.charset, "EUC-KR");
    CHECK(t, strstr(d.text, "\xED\x95\x9C\xEA\xB5\xAD") != NULL); /* 한국 */
    d = DECODE(t, a, "<meta charset=big5><p>\xA4\xA4\xA4\xE5", true);
    CHECK_STR(t, d.charset, "Big5");
    CHECK(t, strstr(d.text, "\xE4\xB8\xAD\xE6\x96\x87") != NULL);
    /* A UTF-16 label read from ASCII bytes cannot be true: UTF-8. */
    d = DECODE(t, a, "<meta charset=utf-16><p>caf\xC3\xA9", true);
    CHECK_STR(t, d.charset, "UTF-8");
    arena_free(a);
}

static void test_meta_prescan_skips(test_run *t)
{
    arena *a = arena_new();
    /* Declarations inside comments and attribute values do not count. */
    decoded d = DECODE(t, a, "<!-- <meta charset=koi8-r> --><p>caf\xE9", true);
    CHECK_STR(t, d.charset, "windows-1252");
    d = DECODE(t, a, "<a title='<meta charset=koi8-r>'>x</a><p>caf\xE9", true);
    CHECK_STR(t, d.charset, "windows-1252");
    /* Text input never reads <meta>. */
    d = DECODE(t, a, "<meta charset=koi8-r> caf\xE9", false);
    CHECK_STR(t, d.charset, "windows-1252");
    /* An unknown label falls back to the content. */
    d = DECODE(t, a, "<meta charset=no-such-thing><p>caf\xC3\xA9", true);
    CHECK_STR(t, d.charset, "UTF-8");
    arena_free(a);
}

static void test_late_meta(test_run *t)
{
    /* A label behind a long inline script still counts when the bytes are
     * not UTF-8. */
    char page[4096];
    size_t n = 0;
    const char *head = "<html><head><script>";
    memcpy(page, head, strlen(head));
    n += strlen(head);
    memset(page + n, 'x', 2000);
    n += 2000;
    const char *tail = "</script><meta charset=koi8-r></head><p>\xF0\xD2\xC9";
    memcpy(page + n, tail, strlen(tail));
    n += strlen(tail);
    arena *a = arena_new();
    decoded d = decode_checked(t, a, page, n, true);
    CHECK_STR(t, d.charset, "KOI8-R");
    arena_free(a);
}

static void test_content_decides(test_run *t)
{
    arena *a = arena_new();
    decoded d = DECODE(t, a, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D", false);
    CHECK_STR(t, d.charset, "UTF-8");
    d = DECODE(t, a, "caf\xE9 \x93q\x94", false);
    CHECK_STR(t, d.charset, "windows-1252");
    CHECK_STR(t, d.text, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D");
    /* Valid UTF-8 with a stale Latin-1 label is UTF-8. */
    d = DECODE(t, a, "<meta charset=iso-8859-1><p>caf\xC3\xA9", true);
    CHECK_STR(t, d.charset, "UTF-8");
    CHECK(t, strstr(d.text, "caf\xC3\xA9") != NULL);
    /* Mostly UTF-8 with one stray byte: U+FFFD for it, not mojibake for
     * the rest. */
    d = DECODE(t, a, "\xC3\xA9t\xC3\xA9 \xE9 na\xC3\xAFve", false);
    CHECK_STR(t, d.charset, "UTF-8");
    CHECK_STR(t, d.text, "\xC3\xA9t\xC3\xA9 \xEF\xBF\xBD na\xC3\xAFve");
    arena_free(a);
}

static void test_utf8_label_on_bad_bytes(test_run *t)
{
    arena *a = arena_new();
    decoded d = DECODE(t, a, "<meta charset=utf-8><p>caf\xE9 ok \xC3\xA9", true);
    CHECK_STR(t, d.charset, "UTF-8");
    CHECK(t, strstr(d.text, "caf\xEF\xBF\xBD ok \xC3\xA9") != NULL);
    /* Not one valid multi-byte character: the label is wrong, and the page
     * reads as windows-1252. */
    d = DECODE(t, a, "<meta charset=utf-8><p>caf\xE9 cr\xE8me", true);
    CHECK_STR(t, d.charset, "windows-1252");
    CHECK(t, strstr(d.text, "caf\xC3\xA9 cr\xC3\xA8me") != NULL);
    /* Bad multi-byte input in a legacy encoding gives U+FFFD too. */
    d = DECODE(t, a, "<meta charset=shift_jis><p>\x93\xFF\x82", true);
    CHECK(t, strstr(d.text, "\xEF\xBF\xBD") != NULL);
    arena_free(a);
}

static void test_nul_bytes(test_run *t)
{
    arena *a = arena_new();
    decoded d = DECODE(t, a, "a\0b<p>\0", true);
    CHECK_STR(t, d.text,
              "a\xEF\xBF\xBD"
              "b<p>\xEF\xBF\xBD");
    d = DECODE(t, a, "caf\xE9\0", false);
    CHECK_STR(t, d.text, "caf\xC3\xA9\xEF\xBF\xBD");
    d = DECODE(t, a, "\xFF\xFEx\0\0\0y\0", false);
    CHECK_STR(t, d.text, "x\xEF\xBF\xBDy");
    d = DECODE(t, a, "", false);
    CHECK_STR(t, d.text, "");
    arena_free(a);
}

/* Any bytes at all decode to valid UTF-8 without NULs. */
static void test_any_input(test_run *t)
{
    static const char *const pieces[] = {
        "<meta charset=", "shift_jis>", "utf-16", "koi8-r", "euc-kr>", "iso-2022-jp>", "\x1B$B",
        "\xEF\xBB\xBF",   "\xFF\xFE",   "<!--",   "-->",    "'",       "\"",           "\xC3\xA9",
        "\xE2\x80",       "<p>",        "big5>",  "gbk>"};
    uint32_t x = 12345;
    char buf[512];
    int bad = 0;
    for (int round = 0; round < 20000 && !bad; round++) {
        size_t n = 0;
        x = x * 1103515245u + 12345u;
        int parts = (x >> 16) & 15;
        for (int p = 0; p < parts; p++) {
            x = x * 1103515245u + 12345u;
            if ((x >> 16) & 1) {
                const char *s = pieces[(x >> 8) % (sizeof pieces / sizeof pieces[0])];
                size_t l = strlen(s);
                if (n + l < sizeof buf) {
                    memcpy(buf + n, s, l);
                    n += l;
                }
            } else {
                for (int k = (x >> 20) & 31; k > 0 && n < sizeof buf; k--) {
                    x = x * 1103515245u + 12345u;
                    buf[n++] = (char)(x >> 16);
                }
            }
        }
        arena *a = arena_new();
        decoded d;
        if (decode_to_utf8(a, buf, n, round & 1, &d) != LEDE_OK || !utf8_valid(d.text, d.len) ||
            strlen(d.text) != d.len)
            bad = 1;
        arena_free(a);
    }
    CHECK(t, !bad);
}

#define BINARY(lit) decode_looks_binary((lit), sizeof(lit) - 1)

static void test_binary(test_run *t)
{
    CHECK(t, BINARY("\x89PNG\r\n\x1A\n\0\0\0\rIHDR"));
    CHECK(t, BINARY("\xFF\xD8\xFF\xE0\0\x10JFIF"));
    CHECK(t, BINARY("GIF89a\x01\0\x01\0"));
    CHECK(t, BINARY("%PDF-1.7\n"));
    CHECK(t, BINARY("PK\x03\x04\x14\0"));
    CHECK(t, BINARY("\x1F\x8B\x08\0"));
    CHECK(t, BINARY("\x7F"
                    "ELF\x02\x01\x01"));
    CHECK(t, !BINARY(""));
    CHECK(t, !BINARY("<html><body><p>Hello</p></body></html>"));
    CHECK(t, !BINARY("\xFF\xFE<\0h\0t\0m\0l\0>\0"));
    /* A few stray NULs do not make a page binary. */
    char page[2048];
    memset(page, 'a', sizeof page);
    page[100] = page[900] = page[1500] = '\0';
    CHECK(t, !decode_looks_binary(page, sizeof page));
    /* Random bytes are. */
    uint32_t x = 7;
    for (size_t i = 0; i < sizeof page; i++) {
        x = x * 1103515245u + 12345u;
        page[i] = (char)(x >> 16);
    }
    CHECK(t, decode_looks_binary(page, sizeof page));
}

#define KIND(lit) decode_sniff_kind((lit), sizeof(lit) - 1)

static void test_sniff_kind(test_run *t)
{
    CHECK(t, KIND("<!DOCTYPE html><html>") == LEDE_INPUT_HTML);
    CHECK(t, KIND("\xEF\xBB\xBF\n  <html lang=en>") == LEDE_INPUT_HTML);
    CHECK(t, KIND("<div class=a>text</div>") == LEDE_INPUT_HTML);
    CHECK(t, KIND("junk before\n<html><head>") == LEDE_INPUT_HTML);
    CHECK(t, KIND("\xFF\xFE<\0h\0t\0m\0l\0>\0") == LEDE_INPUT_HTML);
    CHECK(t, KIND("Kerry says Syria peace talks not likely\n\nBANDAR SERI BEGAWAN") ==
                 LEDE_INPUT_TEXT);
    /* One tag named in prose is not markup; two are. */
    CHECK(t, KIND("Use the <p> element for paragraphs.") == LEDE_INPUT_TEXT);
    CHECK(t, KIND("Use <div> and <p> for layout.") == LEDE_INPUT_HTML);
    /* Tracking pixels leaked into scraped text: one kind of tag, repeated. */
    CHECK(t, KIND("Opinion\n<img height=\"1\" src=\"a\"> <img height=\"1\" src=\"b\">\nText") ==
                 LEDE_INPUT_TEXT);
    CHECK(t, KIND("") == LEDE_INPUT_TEXT);
    CHECK(t, KIND("a < b and c > d") == LEDE_INPUT_TEXT);
}

/* The transport's label (an HTTP header's charset) comes before <meta>,
 * and an unknown one is ignored. */
static void test_transport_label(test_run *t)
{
    arena *a = arena_new();
    static const char page[] = "<meta charset=\"koi8-r\"><p>caf\xE9 \x93q\x94</p>";
    decoded d;
    CHECK(t, decode_to_utf8_labelled(a, page, sizeof page - 1, true, "iso-8859-1", &d) == LEDE_OK);
    CHECK_STR(t, d.charset, "windows-1252");
    CHECK(t, strstr(d.text, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D") != NULL);
    CHECK(t, decode_to_utf8_labelled(a, page, sizeof page - 1, true, "no-such-charset", &d) ==
                 LEDE_OK);
    CHECK_STR(t, d.charset, "KOI8-R");
    arena_free(a);
}

int main(void)
{
    test_run t = {0, 0, 0};
    RUN(&t, test_byte_order_marks);
    RUN(&t, test_meta_labels);
    RUN(&t, test_meta_prescan_skips);
    RUN(&t, test_late_meta);
    RUN(&t, test_transport_label);
    RUN(&t, test_content_decides);
    RUN(&t, test_utf8_label_on_bad_bytes);
    RUN(&t, test_nul_bytes);
    RUN(&t, test_any_input);
    RUN(&t, test_binary);
    RUN(&t, test_sniff_kind);
    return test_report(&t);
}
