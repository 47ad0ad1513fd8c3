#include "structure.h"

#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"
#include "dateline.h"
#include "headline.h"

static lede_para_kind para_kind_of(uint8_t kind)
{
    switch (kind) {
    case BLOCK_HEADING:
        return LEDE_PARA_HEADING;
    case BLOCK_LIST_ITEM:
        return LEDE_PARA_LIST_ITEM;
    case BLOCK_QUOTE:
        return LEDE_PARA_QUOTE;
    case BLOCK_TABLE_ROW:
        return LEDE_PARA_TABLE_ROW;
    case BLOCK_CODE:
        return LEDE_PARA_CODE;
    default:
        return LEDE_PARA_TEXT;
    }
}

/* Typesetting of some papers writes a double quote as two single ones
 * (‘‘ … ’’); readers and tools expect the double quotation marks. All
 * other text is kept as written. */
static const char *fix_double_quotes(arena *a, const char *text)
{
    static const char open2[] = "\xE2\x80\x98\xE2\x80\x98", close2[] = "\xE2\x80\x99\xE2\x80\x99";
    if (!text || (!strstr(text, open2) && !strstr(text, close2)))
        return text;
    size_t len = strlen(text);
    char *out = arena_alloc(a, len + 1);
    if (!out)
        return text;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (i + 6 <= len && memcmp(text + i, open2, 6) == 0) {
            memcpy(out + o, "\xE2\x80\x9C", 3), o += 3, i += 6;
        } else if (i + 6 <= len && memcmp(text + i, close2, 6) == 0) {
            memcpy(out + o, "\xE2\x80\x9D", 3), o += 3, i += 6;
        } else {
            out[o++] = text[i++];
        }
    }
    out[o] = '\0';
    return out;
}

/* Words an unfinished last sentence has at least: the tail of a story
 * cut off by a scraper, not a sign-off ("Editing by Jane Doe"). */
#define TRUNCATED_TAIL_MIN_WORDS 4

static bool is_lowercase_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
           (cp >= 0x100 && cp <= 0x17F && (cp & 1)) || (cp >= 0x3AC && cp <= 0x3CE) ||
           (cp >= 0x430 && cp <= 0x45F);
}

/* The article stops mid-sentence when its last text paragraph ends in a
 * comma or a dash, or in a lower-case word (not a name, a URL, an e-mail
 * address or a number: the sign-offs and credits that end stories) after
 * a run of words with no terminal punctuation. */
static bool ends_mid_sentence(const char *text)
{
    size_t len = strlen(text);
    if (text[0] == '(' || text[0] == '[')
        return false; /* a bracketed note, not a sentence */
    /* Look through spaces, closing quotes and brackets. */
    while (len > 0) {
        size_t start = len - 1;
        while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
            start--;
        size_t adv;
        uint32_t cp = utf8_decode(text + start, len - start, &adv);
        if (!(utf8_is_space(cp) || cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
              cp == 0x201D || cp == 0x2019 || cp == 0xBB))
            break;
        len = start;
    }
    if (len == 0)
        return false;
    char last = text[len - 1];
    if (last == ',' || last == ';')
        return true;
    /* The last token must be a lower-case word. */
    size_t tok = len;
    while (tok > 0 && text[tok - 1] != ' ')
        tok--;
    for (size_t i = tok; i < len;) {
        size_t adv;
        uint32_t cp = utf8_decode(text + i, len - i, &adv);
        if (!is_lowercase_letter(cp) && cp != '-' && cp != 0x2019 && cp != '\'')
            return false;
        i += adv;
    }
    /* And the sentence it ends has run on for a few words. */
    unsigned words = 0;
    for (size_t i = len; i > 0 && words < TRUNCATED_TAIL_MIN_WORDS; i--) {
        char c = text[i - 1];
        if ((c == '.' || c == '!' || c == '?') && i < len && text[i] == ' ')
            return false;
        words += c == ' ';
    }
    return words >= TRUNCATED_TAIL_MIN_WORDS;
}

/* "pt-BR" -> "pt": the two-letter BCP 47 primary tag, or NULL. */
static const char *language_tag(arena *a, const char *lang)
{
    if (!lang)
        return NULL;
    char c0 = (char)(lang[0] | 0x20), c1 = (char)(lang[1] | 0x20);
    if (c0 < 'a' || c0 > 'z' || c1 < 'a' || c1 > 'z')
        return NULL;
    if (lang[2] && lang[2] != '-' && lang[2] != '_')
        return NULL;
    char tag[3] = {c0, c1, '\0'};
    return arena_strdup(a, tag);
}

/* A block's lines: HTML keeps a single <br> as a newline inside the
 * block, so the block is judged as one while each line reads as its own
 * paragraph. Appends one paragraph per non-empty line. */
static void push_lines(lede_doc *doc, const char *text, lede_para_kind kind)
{
    for (const char *line = text; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        const char *copy = nl ? arena_strndup(doc->a, line, len) : line;
        line += len + (nl != NULL);
        if (!copy || len == 0)
            continue;
        paragraph *p = &doc->paragraphs[doc->paragraph_count++];
        p->text = fix_double_quotes(doc->a, copy);
        p->kind = kind;
    }
}

static void collect_paragraphs(block_stream *s, lede_doc *doc)
{
    size_t n = 0;
    for (size_t i = 0; i < s->count; i++) {
        if (s->items[i].label != LABEL_CONTENT)
            continue;
        for (const char *c = s->items[i].text; c; c = strchr(c + 1, '\n'))
            n++;
    }
    if (n == 0)
        return;
    doc->paragraphs = arena_alloc(doc->a, n * sizeof *doc->paragraphs);
    if (!doc->paragraphs)
        return;
    bool first = true;
    for (size_t i = 0; i < s->count; i++) {
        const block *b = &s->items[i];
        if (b->label != LABEL_CONTENT)
            continue;
        const char *text = b->text;
        if (first) {
            text = dateline_split(doc->a, text, &doc->dateline);
            first = false;
        }
        push_lines(doc, text, para_kind_of(b->kind));
    }
    if (doc->paragraph_count == 0)
        return;
    const paragraph *last = &doc->paragraphs[doc->paragraph_count - 1];
    doc->truncated = last->kind == LEDE_PARA_TEXT && ends_mid_sentence(last->text);
}

void structure_document(block_stream *s, lede_doc *doc)
{
    headline h = headline_find(s);
    doc->title = fix_double_quotes(doc->a, h.title);
    doc->deck = fix_double_quotes(doc->a, h.deck);
    collect_paragraphs(s, doc);
    if (doc->paragraph_count == 0) {
        doc->body = "";
        doc->warning = "no article content found";
    }
    doc->language = language_tag(doc->a, s->hints.language);
}

void structure_body(lede_doc *doc)
{
    if (doc->paragraph_count == 0)
        return;
    size_t bytes = 1;
    for (size_t i = 0; i < doc->paragraph_count; i++)
        bytes += strlen(doc->paragraphs[i].text) + 2;
    buf body;
    buf_init(&body, doc->a, bytes);
    for (size_t i = 0; i < doc->paragraph_count; i++) {
        if (i)
            buf_put(&body, "\n\n", 2);
        buf_puts(&body, doc->paragraphs[i].text);
    }
    doc->body = buf_cstr(&body);
}
