#include "collect.h"

#include <string.h>
#include <strings.h>

#include "../util/text.h"
#include "../util/utf8.h"
#include "evidence.h"

/* Longest element text worth keeping: names, dates and headlines are
 * short; a longer "author" element is a biography box. */
enum { MAX_NAME_TEXT = 400, MAX_H1_TEXT = 1000 };

meta_evidence *meta_evidence_new(arena *a)
{
    meta_evidence *m = arena_alloc(a, sizeof *m);
    if (!m)
        return NULL;
    m->a = a;
    return m;
}

/* Room for one more item in a growing array (most pages need few). */
static bool grow(arena *a, void **items, size_t *cap, size_t count, size_t size, size_t max)
{
    if (count < *cap)
        return true;
    if (count >= max)
        return false;
    size_t n = *cap ? *cap * 2 : 16;
    void *p = arena_realloc(a, *items, *cap * size, n * size);
    if (!p)
        return false;
    *items = p;
    *cap = n;
    return true;
}

/* FNV-1a: the stage looks up some fifty keys among a page's <meta>s. */
uint32_t meta_key_hash(const char *key)
{
    uint32_t h = 2166136261u;
    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 16777619u;
    return h;
}

const char *meta_pair_get(const meta_evidence *m, const char *key)
{
    uint32_t h = meta_key_hash(key);
    for (size_t i = 0; m && i < m->pair_count; i++)
        if (m->pairs[i].hash == h && strcmp(m->pairs[i].key, key) == 0)
            return m->pairs[i].value;
    return NULL;
}

/* <meta> keys the stage reads (by prefix); the rest (viewport, robots,
 * verification codes, app ids) are not kept. */
static bool wanted_key(const char *k)
{
    static const char *const prefixes[] = {"og:",
                                           "twitter:",
                                           "article:",
                                           "dc.",
                                           "dcterms.",
                                           "date",
                                           "pub",
                                           "author",
                                           "byl",
                                           "sailthru",
                                           "parsely-",
                                           "citation_",
                                           "description",
                                           "keywords",
                                           "news_keywords",
                                           "application-name",
                                           "section",
                                           "title",
                                           "headline",
                                           "creator",
                                           "modified",
                                           "published",
                                           "last",
                                           "release_date",
                                           "original-publish",
                                           "al:android:app",
                                           "cxenseparse:",
                                           "upload",
                                           "article.",
                                           "article_"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
        if (strncasecmp(k, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    return false;
}

static void add_pair(meta_evidence *m, const char *key, const char *value)
{
    if (!wanted_key(key))
        return;
    if (!grow(m->a, (void **)&m->pairs, &m->pair_cap, m->pair_count, sizeof *m->pairs,
              META_MAX_PAIRS))
        return;
    size_t klen = strlen(key);
    char *k = arena_strndup(m->a, key, klen);
    const char *v = text_collapse_dup(m->a, value, strlen(value));
    if (!k || !v)
        return;
    for (size_t i = 0; i < klen; i++)
        if (k[i] >= 'A' && k[i] <= 'Z')
            k[i] = (char)(k[i] + 32);
    m->pairs[m->pair_count++] = (meta_pair){k, v, meta_key_hash(k)};
}

/* Words of a class or id value: "c-byline__name" -> c, byline, name. */
typedef struct name_words {
    bool byline;   /* byline, author, authors, byl, writer */
    bool not_name; /* bio, avatar, image, ... : about the author, not the name */
    bool date;     /* date, time, timestamp, published, posted, updated, ... */
    bool deck;     /* deck, dek, standfirst, subheadline, ... */
} name_words;

static bool is_word(const char *w, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

static bool starts(const char *w, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && memcmp(w, lit, k) == 0;
}

/* Names about the author rather than the name itself. */
static bool not_name_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "bio",  "avatar",      "image",    "img",    "photo",   "pic",    "picture", "thumb",
        "desc", "description", "about",    "social", "follow",  "more",   "list",    "box",
        "card", "comment",     "comments", "posts",  "related", "twitter"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (is_word(w, n, words[i]))
            return true;
    return false;
}

/* Tested per word of every class and id on the page: a switch on the
 * first letter keeps it to a comparison or two. */
static void scan_word(const char *w, size_t n, name_words *nw)
{
    switch (w[0]) {
    case 'a':
        /* "author", "authors", "authorname"; not "authority" */
        nw->byline |= starts(w, n, "author") && !starts(w, n, "authorit");
        break;
    case 'b':
        nw->byline |= starts(w, n, "byl");
        break;
    case 'w':
        nw->byline |= is_word(w, n, "writer");
        break;
    case 'd':
        nw->date |= is_word(w, n, "date") || is_word(w, n, "datetime");
        nw->deck |= is_word(w, n, "deck") || is_word(w, n, "dek");
        break;
    case 's':
        /* The names templates give the line under a headline, English
         * whatever the page's language. */
        /* Not "subtitle": type scales name a text size so ("subtitle-2"),
         * and cards their second line. */
        nw->deck |= is_word(w, n, "standfirst") || is_word(w, n, "subheadline") ||
                    is_word(w, n, "subhead") || is_word(w, n, "strapline");
        break;
    case 't':
        nw->date |= is_word(w, n, "time") || is_word(w, n, "timestamp");
        break;
    case 'p':
        nw->date |= is_word(w, n, "published") || is_word(w, n, "publish") ||
                    is_word(w, n, "pubdate") || is_word(w, n, "posted");
        /* Aggregators credit the outlet a story comes from as its
         * "provider" where a byline would stand. */
        nw->byline |= is_word(w, n, "provider");
        break;
    case 'u':
        nw->date |= is_word(w, n, "updated");
        break;
    case 'm':
        nw->date |= is_word(w, n, "modified");
        break;
    default:
        break;
    }
}

/* Lowercase ASCII letter of each byte, 0 for the rest: class and id
 * values are split into words at every non-letter. */
#define L2(c) [c] = c, [c - 32] = c
static const char letter_lower[256] = {
    L2('a'), L2('b'), L2('c'), L2('d'), L2('e'), L2('f'), L2('g'), L2('h'), L2('i'),
    L2('j'), L2('k'), L2('l'), L2('m'), L2('n'), L2('o'), L2('p'), L2('q'), L2('r'),
    L2('s'), L2('t'), L2('u'), L2('v'), L2('w'), L2('x'), L2('y'), L2('z')};
#undef L2

/* First letters of the words each pass looks for (bit = letter - 'a'). */
#define BIT(c) (1u << ((c) - 'a'))
enum {
    FIRST_NAME_WORD = BIT('a') | BIT('b') | BIT('w') | BIT('d') | BIT('t') | BIT('p') | BIT('u') |
                      BIT('m') | BIT('s'),
    FIRST_NOT_NAME = BIT('a') | BIT('b') | BIT('c') | BIT('d') | BIT('f') | BIT('i') | BIT('l') |
                     BIT('m') | BIT('p') | BIT('r') | BIT('s') | BIT('t')
};
#undef BIT

/* Every class and id on the page passes here once per pass: one table
 * look-up per byte, and only words with a wanted first letter are copied. */
static void scan_words(const char *v, name_words *nw, bool second_pass)
{
    uint32_t wanted = second_pass ? FIRST_NOT_NAME : FIRST_NAME_WORD;
    const unsigned char *p = (const unsigned char *)v;
    while (*p) {
        while (*p && !letter_lower[*p])
            p++;
        const unsigned char *s = p;
        while (letter_lower[*p])
            p++;
        size_t n = (size_t)(p - s);
        if (!n || n > 15 || !(wanted & (1u << (letter_lower[*s] - 'a'))))
            continue;
        char word[16];
        for (size_t i = 0; i < n; i++)
            word[i] = letter_lower[s[i]];
        if (second_pass)
            nw->not_name |= not_name_word(word, n);
        else
            scan_word(word, n, nw);
    }
}

/* Sites link a byline's names to the writer's page: ".../author/jane-doe". */
static bool author_href(const char *href)
{
    static const char *const paths[] = {
        "author/",  "authors/",    "autor/",     "autoren/",    "auteur/",      "auteurs/",
        "autore/",  "autori/",     "writers/",   "journalist/", "journalists/", "by/",
        "editors/", "redakteure/", "redaktion/", "u/",          "staff/"};
    if (!href)
        return false;
    /* Every link of the page passes here: look only after each slash, and
     * only where the next letter starts one of the paths. */
    for (const char *p = href; *p; p++) {
        if (*p != '/')
            continue;
        char c = (char)(p[1] | 0x20);
        if (c != 'a' && c != 'w' && c != 'j' && c != 'b' && c != 'e' && c != 'r' && c != 'u' &&
            c != 's')
            continue;
        char seg[16];
        size_t n = 0;
        while (n + 1 < sizeof seg && p[1 + n] && p[1 + n] != '/')
            seg[n] = (char)(p[1 + n] | 0x20), n++;
        if (p[1 + n] != '/')
            continue;
        seg[n++] = '/';
        for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
            if (paths[i][0] == c && strlen(paths[i]) == n && memcmp(seg, paths[i], n) == 0)
                return true;
    }
    return false;
}

static void push_open(meta_evidence *m, size_t depth, size_t text_len, size_t ld_len, int kind,
                      bool ld, const char *value)
{
    if (m->open_count == META_MAX_OPEN)
        return;
    open_element *o = &m->open[m->open_count++];
    o->depth = (uint32_t)depth;
    o->text_off = (uint32_t)text_len;
    o->ld_off = (uint32_t)ld_len;
    o->kind = (uint8_t)kind;
    o->ld = ld;
    o->value = value ? arena_strdup(m->a, value) : NULL;
}

/* Microdata gives an author item's name as a hidden property:
 * <span itemprop="author" itemscope><meta itemprop="name" content="...">. */
static void set_item_name(meta_evidence *m, const char *itemprop, const char *content)
{
    if (!itemprop || !content || !*content || !m->open_count)
        return;
    open_element *o = &m->open[m->open_count - 1];
    if (o->kind == EL_AUTHOR && !o->ld && !o->value && text_ascii_ieq(itemprop, "name"))
        o->value = arena_strdup(m->a, content);
}

void meta_on_start(meta_evidence *m, const char *name, const char **atts, size_t depth,
                   size_t text_len, size_t ld_len)
{
    if (!m || text_len > UINT32_MAX || ld_len > UINT32_MAX)
        return;
    const char *itemprop = NULL, *rel = NULL, *klass = NULL, *id = NULL, *datetime = NULL;
    const char *content = NULL, *property = NULL, *mname = NULL, *type = NULL, *href = NULL;
    bool pubdate = false;
    for (int i = 0; atts && atts[i] && i < 128; i += 2) {
        const char *k = atts[i], *v = atts[i + 1] ? atts[i + 1] : "";
        /* Every attribute of the page passes here: one letter decides. */
        switch (k[0] | 0x20) {
        case 'i':
            if (text_ascii_ieq(k, "itemprop"))
                itemprop = v;
            else if (text_ascii_ieq(k, "id"))
                id = v;
            break;
        case 'r':
            if (text_ascii_ieq(k, "rel"))
                rel = v;
            break;
        case 'c':
            if (text_ascii_ieq(k, "class"))
                klass = v;
            else if (text_ascii_ieq(k, "content"))
                content = v;
            break;
        case 'd':
            if (text_ascii_ieq(k, "datetime"))
                datetime = v;
            break;
        case 'p':
            if (text_ascii_ieq(k, "property"))
                property = v;
            else if (text_ascii_ieq(k, "pubdate"))
                pubdate = true;
            break;
        case 'n':
            if (text_ascii_ieq(k, "name"))
                mname = v;
            break;
        case 't':
            if (text_ascii_ieq(k, "type"))
                type = v;
            break;
        case 'h':
            if (text_ascii_ieq(k, "href"))
                href = v;
            break;
        default:
            break;
        }
    }
    char first = (char)(name[0] | 0x20);
    if (first == 'm' && text_ascii_ieq(name, "meta")) {
        const char *key = property ? property : mname ? mname : itemprop;
        if (key && *key && content)
            add_pair(m, key, content);
        set_item_name(m, itemprop, content);
        return;
    }
    if (first == 's' && text_ascii_ieq(name, "script")) {
        if (type && text_ascii_icontains(type, "ld+json"))
            push_open(m, depth, text_len, ld_len, 0, true, NULL);
        return;
    }
    if (first == 'l' && text_ascii_ieq(name, "link")) {
        if (rel && href && text_ascii_ieq(rel, "author") && !m->rel_author_href)
            m->rel_author_href = arena_strdup(m->a, href);
        set_item_name(m, itemprop, content);
        return;
    }
    int kind = -1;
    const char *value = datetime ? datetime : content;
    if (first == 'h' && text_ascii_ieq(name, "h1")) {
        kind = EL_H1;
    } else if (itemprop && (text_ascii_icontains(itemprop, "author") ||
                            text_ascii_icontains(itemprop, "creator"))) {
        kind = EL_AUTHOR;
    } else if (itemprop && text_ascii_icontains(itemprop, "datepublished")) {
        kind = EL_DATE_PUB;
    } else if (itemprop && text_ascii_icontains(itemprop, "datemodified")) {
        kind = EL_DATE_MOD;
    } else if (datetime && *datetime) {
        kind = pubdate ? EL_DATE_PUB : EL_TIME;
    } else if ((rel && text_ascii_icontains(rel, "author")) ||
               (first == 'a' && !name[1] && author_href(href))) {
        kind = EL_REL_AUTHOR;
    } else if (klass || id) {
        name_words w = {false, false, false, false};
        if (klass)
            scan_words(klass, &w, false);
        if (id)
            scan_words(id, &w, false);
        if (w.byline && klass)
            scan_words(klass, &w, true);
        if (w.byline && id)
            scan_words(id, &w, true);
        if (w.byline && !w.not_name)
            kind = EL_BYLINE;
        else if (w.date && !w.byline)
            kind = EL_DATE_CLASS;
        else if (w.deck && !w.byline)
            kind = EL_DECK;
    }
    if (kind >= 0)
        push_open(m, depth, text_len, ld_len, kind, false, value);
}

void meta_on_end(meta_evidence *m, size_t depth, const buf *text, const buf *ld)
{
    if (!m || !m->open_count || m->open[m->open_count - 1].depth != depth)
        return;
    open_element *o = &m->open[--m->open_count];
    if (o->ld) {
        if (m->ld_count < META_MAX_LD && ld->len > o->ld_off)
            m->ld[m->ld_count++] = arena_strndup(m->a, ld->data + o->ld_off, ld->len - o->ld_off);
        return;
    }
    if (!grow(m->a, (void **)&m->els, &m->el_cap, m->el_count, sizeof *m->els, META_MAX_ELEMENTS))
        return;
    size_t len = text->len > o->text_off ? text->len - o->text_off : 0;
    size_t max = o->kind == EL_H1 || o->kind == EL_DECK ? MAX_H1_TEXT : MAX_NAME_TEXT;
    const char *t =
        len && len <= max ? text_collapse_dup(m->a, text->data + o->text_off, len) : NULL;
    if (!t && !o->value)
        return;
    meta_element *e = &m->els[m->el_count++];
    e->text = t;
    e->value = o->value;
    e->pos = o->text_off;
    e->kind = o->kind;
}
