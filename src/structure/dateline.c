#include "dateline.h"

#include <stdbool.h>
#include <string.h>

#include "../util/utf8.h"

/* A dateline is a place name set in capitals, optionally followed by a
 * region after a comma and a news agency in brackets, then a dash (or a
 * colon when the whole of it is in capitals). It is short: a longer
 * capitalised opening is a sentence. */
#define DATELINE_MAX_BYTES 80
#define DATELINE_MAX_WORDS 8

static const char *const dash_separators[] = {" \xE2\x80\x94 ", " \xE2\x80\x93 ", " -- ", " - ",
                                              " \xE2\x80\x94",  "\xE2\x80\x94 "};

/* Capitalised openers that are labels, not places ("DEAR ABBY:",
 * "UPDATE:", "WATCH -"): a column's salutation or a story's tag. */
static const char *const label_openers[] = {
    "DEAR ",  "UPDATE", "BREAKING", "EXCLUSIVE", "WATCH", "PHOTOS", "VIDEO",
    "EDITOR", "NOTE",   "OPINION",  "ANALYSIS",  "LIVE",  "READ",   "Q&A"};

static bool is_label_opener(const char *p, size_t len)
{
    for (size_t i = 0; i < sizeof label_openers / sizeof *label_openers; i++) {
        size_t n = strlen(label_openers[i]);
        if (len >= n && strncmp(p, label_openers[i], n) == 0)
            return true;
    }
    return false;
}

/* Checks the words of prefix[0..len): the first all in capitals (two
 * letters at least), the others capitalised, bracketed or after a comma;
 * sets *all_caps when every letter is a capital. */
static bool dateline_words(const char *p, size_t len, bool *all_caps)
{
    size_t words = 0, i = 0, letters_first = 0;
    bool first_caps = true, after_comma = false, in_parens = false;
    *all_caps = true;
    while (i < len) {
        while (i < len && (p[i] == ' ' || p[i] == ','))
            after_comma |= p[i++] == ',';
        if (i >= len)
            break;
        words++;
        size_t adv;
        uint32_t cp = utf8_decode(p + i, len - i, &adv);
        if (cp == '(')
            in_parens = true;
        else if (!utf8_is_upper(cp) && !after_comma && words > 1)
            return false;
        while (i < len && p[i] != ' ' && p[i] != ',') {
            cp = utf8_decode(p + i, len - i, &adv);
            if (cp == '(')
                in_parens = true;
            else if (cp == ')')
                in_parens = false;
            else if (cp == '.' || cp == '\'' || cp == '-' || cp == 0x2019)
                ;
            else if (!utf8_is_word(cp) || utf8_is_digit(cp))
                return false;
            else if (!utf8_is_upper(cp)) {
                if (!in_parens)
                    *all_caps = false;
                if (words == 1)
                    first_caps = false;
            } else if (words == 1) {
                letters_first++;
            }
            i += adv;
        }
        after_comma = false;
    }
    return words > 0 && words <= DATELINE_MAX_WORDS && first_caps && letters_first >= 2 &&
           !is_label_opener(p, len);
}

const char *dateline_split(arena *a, const char *text, const char **dateline)
{
    size_t limit = strnlen(text, DATELINE_MAX_BYTES + 8);
    for (size_t s = 0; s < sizeof dash_separators / sizeof *dash_separators; s++) {
        const char *sep = strstr(text, dash_separators[s]);
        if (!sep || (size_t)(sep - text) > DATELINE_MAX_BYTES || (size_t)(sep - text) >= limit)
            continue;
        size_t plen = (size_t)(sep - text);
        while (plen > 0 && text[plen - 1] == ' ')
            plen--;
        bool all_caps;
        if (plen == 0 || !dateline_words(text, plen, &all_caps))
            continue;
        const char *rest = sep + strlen(dash_separators[s]);
        while (*rest == ' ')
            rest++;
        if (!*rest)
            return text;
        const char *d = arena_strndup(a, text, plen);
        if (d)
            *dateline = d;
        return d ? rest : text;
    }
    /* "NEW DELHI: ..." only when the prefix is all capitals. */
    const char *colon = strchr(text, ':');
    if (colon && (size_t)(colon - text) <= DATELINE_MAX_BYTES && colon[1] == ' ') {
        size_t plen = (size_t)(colon - text);
        bool all_caps;
        if (plen > 0 && dateline_words(text, plen, &all_caps) && all_caps) {
            const char *d = arena_strndup(a, text, plen);
            if (d) {
                *dateline = d;
                return colon + 2;
            }
        }
    }
    return text;
}
