/* Places: capitalised runs found in the compiled gazetteer. Countries and
 * US states always count; a city name only where the text uses it as a
 * place ("in Geneva", "Moscow, Russia", a dateline), because thousands of
 * city names are also surnames or words ("Clinton", "Of"). */
#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"
#include "annotate.h"
#include "lexicon.h"

static const char LOCATIVES[][LIST_WORD] = {
    "across",  "around",     "at", "from",   "in",      "inside", "into",  "near",    "outside",
    "through", "throughout", "to", "toward", "towards", "via",    "visit", "visited", "visiting"};

/* Nouns whose "of" names a place ("the streets of Naples"), beside the
 * office nouns ("the mayor of Lisbon"). Sorted. */
static const char PLACE_OF_NOUNS[][LIST_WORD] = {"capital",   "center", "centre",    "city",
                                                 "outskirts", "people", "residents", "streets",
                                                 "suburbs",   "town"};

/* "the mayor of Lisbon", "the outskirts of Kyiv": a city after "of" that
 * follows an office or a place noun. */
static bool of_place(const annotator *an, uint32_t first)
{
    if (first < 2 || !tok_is(&an->t[first - 1], "of"))
        return false;
    const token *noun = &an->t[first - 2];
    return noun->para == an->t[first].para &&
           (is_office_noun(noun) || IN_LIST(noun, PLACE_OF_NOUNS));
}

/* A later item of a list that began with a place: "Paris, Berlin and
 * Rome" (with or without the serial comma). last_end is the end of the
 * place last taken. An item after a bare comma must itself be followed by
 * the list's comma or conjunction, since a comma also joins clauses
 * ("... to Mexico, Honda is coming"). */
static bool listed_after_place(const annotator *an, uint32_t first, uint32_t end, uint32_t last_end)
{
    if (!last_end || first < 2 || an->t[first - 1].para != an->t[first].para)
        return false;
    const token *joint = &an->t[first - 1];
    uint32_t at = first - 1;
    if (tok_is(joint, "and") || tok_is(joint, "or")) {
        if (at == last_end)
            return true;
        at--; /* the serial comma */
        return at == last_end && an->t[at].kind == TK_PUNCT && an->t[at].s[0] == ',';
    }
    if (joint->kind != TK_PUNCT || joint->s[0] != ',' || at != last_end || end >= an->n)
        return false;
    const token *after = &an->t[end];
    return (after->kind == TK_PUNCT && after->s[0] == ',') || tok_is(after, "and") ||
           tok_is(after, "or");
}

/* Whether the list goes on after the run ending at end with a capitalised
 * item the gazetteer does not know ("Washington, Clinton and Sanders"):
 * then it is a list of people, not of places. */
static bool list_goes_on_unplaced(const annotator *an, const cap_seq *next, uint32_t end)
{
    if (!next || end >= an->n)
        return false;
    uint32_t at = end;
    if (an->t[at].kind == TK_PUNCT && an->t[at].s[0] == ',')
        at++;
    if (at < an->n && (tok_is(&an->t[at], "and") || tok_is(&an->t[at], "or")))
        at++;
    return at > end && next->first == at && next->place == PLACE_NONE;
}

/* "Moscow, Russia": a city qualified by the country or region after its
 * comma, looked up once. */
static bool qualified_by_region(const annotator *an, const token *city, uint32_t end)
{
    if (end + 1 >= an->n)
        return false;
    const token *comma = &an->t[end], *next = &an->t[end + 1];
    if (comma->para != city->para || comma->kind != TK_PUNCT || comma->s[0] != ',' ||
        next->seq == NONE)
        return false;
    place_kind k = lexicon_place(next->s, tok_base_len(next));
    return k == PLACE_COUNTRY || k == PLACE_REGION;
}

static const char *kind_name(place_kind k)
{
    return k == PLACE_COUNTRY ? "country" : k == PLACE_REGION ? "region" : "city";
}

/* Whether the document lists text[0..len) already; the text holds no NUL.
 * The first bytes, compared inline, tell most names apart. */
static bool listed(const lede_doc *doc, const char *text, size_t len)
{
    for (size_t k = 0; k < doc->place_count; k++) {
        const char *name = doc->places[k].name;
        if (name[0] == text[0] && !strncmp(name, text, len) && !name[len])
            return true;
    }
    return false;
}

/* A place the document does not list yet. */
static void append_place(annotator *an, const char *name, place_kind kind, size_t *cap)
{
    lede_doc *doc = an->doc;
    if (doc->place_count == *cap) {
        size_t grown_cap = *cap ? *cap * 2 : 8;
        doc_place *grown =
            arena_realloc(an->out, doc->places, *cap * sizeof *grown, grown_cap * sizeof *grown);
        if (!grown)
            return;
        doc->places = grown;
        *cap = grown_cap;
    }
    doc->places[doc->place_count++] = (doc_place){name, kind_name(kind)};
}

static void add_place(annotator *an, const char *name, place_kind kind, size_t *cap)
{
    if (!listed(an->doc, name, strlen(name)))
        append_place(an, name, kind, cap);
}

/* "BANDAR SERI BEGAWAN" -> "Bandar Seri Begawan" (ASCII letters only; the
 * gazetteer's accented names stay unmatched in capitals). */
static const char *title_case(annotator *an, const char *s, size_t len)
{
    char *out = arena_strndup(an->out, s, len);
    if (!out)
        return NULL;
    bool start = true;
    for (size_t i = 0; i < len; i++) {
        char c = out[i];
        if (c >= 'A' && c <= 'Z' && !start)
            out[i] = (char)(c - 'A' + 'a');
        start = c == ' ' || c == '-';
    }
    return out;
}

/* The country names that take "the" in English: plurals and descriptive
 * names ("the United States", "the Netherlands", "the Czech Republic"). */
static bool takes_article(const char *name)
{
    size_t len = strlen(name);
    return (len > 1 && name[len - 1] == 's') || !strncmp(name, "United ", 7) ||
           strstr(name, "Republic") != NULL;
}

/* The dateline ("BANDAR SERI BEGAWAN, Brunei"): every comma-separated part
 * that the gazetteer knows is a place. */
static void dateline_places(annotator *an, const char *line, size_t len, size_t *cap)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && line[j] != ',')
            j++;
        size_t a = i, b = j;
        while (a < b && (line[a] == ' ' || line[a] == '\t'))
            a++;
        while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t'))
            b--;
        if (b > a) {
            const char *name = title_case(an, line + a, b - a);
            place_kind k = name ? lexicon_place(name, b - a) : PLACE_NONE;
            if (k == PLACE_NONE)
                k = lexicon_place(line + a, b - a), name = arena_strndup(an->out, line + a, b - a);
            if (k != PLACE_NONE && name)
                add_place(an, name, k, cap);
        }
        i = j + 1;
    }
}

/* A dateline at the start of the first paragraphs: upper-case words then a
 * comma or a dash. */
static void leading_dateline(annotator *an, size_t *cap)
{
    for (uint32_t p = 0; p < an->doc->paragraph_count && p < 6; p++) {
        uint32_t first = an->para_first[p], end = an->para_first[p + 1];
        uint32_t k = first;
        while (k < end && an->t[k].kind == TK_WORD && an->t[k].upper)
            k++;
        if (k == first || k >= end || an->t[k].kind != TK_PUNCT)
            continue;
        /* up to the dash that ends a dateline */
        uint32_t stop = k;
        while (stop < end && stop - first < 12 &&
               !(an->t[stop].kind == TK_PUNCT && an->t[stop].s[0] != ','))
            stop++;
        const char *from = an->t[first].s;
        const char *to = an->t[stop - 1].s + an->t[stop - 1].len;
        dateline_places(an, from, (size_t)(to - from), cap);
    }
}

void places_find(annotator *an)
{
    size_t cap = 0;
    if (an->doc->dateline)
        dateline_places(an, an->doc->dateline, strlen(an->doc->dateline), &cap);
    leading_dateline(an, &cap);
    /* No runs, no array: a null pointer may not be offset, even by zero. */
    if (!an->nseq)
        return;
    uint32_t last_end = 0;
    /* Nothing below adds runs: their bounds in locals, not read again
     * after every call. */
    const cap_seq *seqs = an->seqs, *seqs_end = seqs + an->nseq;
    for (const cap_seq *s = seqs; s < seqs_end; s++) {
        /* Most runs are no place: decided by the run alone, without
         * reading its tokens. */
        place_kind kind = (place_kind)s->place;
        if (kind == PLACE_NONE || s->person != NONE || s->name_first > s->first)
            continue;
        const token *a = &an->t[s->first], *b = &an->t[s->end - 1];
        if (a->upper && s->end - s->first > 1)
            continue; /* headline capitals: handled as datelines */
        size_t len = (size_t)(b->s + tok_base_len(b) - a->s);
        const token *before = s->first > 0 ? &an->t[s->first - 1] : NULL;
        if (before && before->para != a->para)
            before = NULL;
        if (kind == PLACE_CITY) {
            /* After a locative, qualified, listed with places or after "the
             * mayor of": each test only when those before it fail. */
            bool used_as_place =
                (before && IN_LIST(before, LOCATIVES)) || qualified_by_region(an, a, s->end) ||
                (listed_after_place(an, s->first, s->end, last_end) &&
                 !list_goes_on_unplaced(an, s + 1 < seqs_end ? s + 1 : NULL, s->end)) ||
                of_place(an, s->first);
            if (!used_as_place)
                continue;
            if (people_by_word(an, b) != NONE)
                continue; /* "in Clinton's words" */
        }
        bool the = kind == PLACE_COUNTRY && before && tok_is(before, "the");
        if (!the && listed(an->doc, a->s, len)) {
            last_end = s->end; /* named before: no copy */
            continue;
        }
        const char *name = arena_strndup(an->out, a->s, len);
        if (name && the && takes_article(name)) {
            buf out;
            buf_init(&out, an->out, len + 5);
            buf_puts(&out, "the ");
            buf_puts(&out, name);
            name = buf_cstr(&out);
        }
        if (!name)
            continue;
        if (the)
            add_place(an, name, kind, &cap);
        else
            append_place(an, name, kind, &cap); /* not listed, as tested above */
        last_end = s->end;
    }
}
