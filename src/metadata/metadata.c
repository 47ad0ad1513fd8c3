#include "metadata.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "../doc.h"
#include "../util/buf.h"
#include "../util/text.h"
#include "../util/utf8.h"
#include "authors.h"
#include "dates.h"
#include "evidence.h"
#include "jsonld.h"

enum { MAX_AUTHORS = 24, MAX_TAGS = 32, MAX_DATES = 24 };
/* A standfirst is a sentence or two. */
enum { DECK_MAX_WORDS = 40 };
/* A deck is a sentence: shorter marked text is a label ("Analysis"). It
 * sits right under the headline: within the bytes of a headline, kicker,
 * byline and date; further on, "dek" elements are teasers' summaries. */
enum { MIN_DECK_BYTES = 20, DECK_AFTER_BYTES = 350 };
/* Text bytes after the first byline element that still belong to it. */
enum { BYLINE_SPAN = 400 };
/* How far from the headline's text a byline element may sit, in text
 * bytes: a deck, a date and a share bar fit; related stories do not. */
enum { BYLINE_AFTER_BYTES = 1500, BYLINE_BEFORE_BYTES = 600 };
/* Blocks around the headline where bylines and dates are shown. */
enum { BYLINE_BEFORE = 4, BYLINE_AFTER = 12, BYLINE_MAX_WORDS = 16, DATE_LINE_MAX_WORDS = 24 };

/* Keys of <meta> that carry each field, most specific first. */
static const char *const published_keys[] = {"article:published_time",
                                             "og:article:published_time",
                                             "datepublished",
                                             "published_time",
                                             "article:published",
                                             "pubdate",
                                             "publishdate",
                                             "publish-date",
                                             "publish_date",
                                             "date",
                                             "dc.date.issued",
                                             "dcterms.issued",
                                             "dc.date",
                                             "dcterms.date",
                                             "dc.date.created",
                                             "dcterms.created",
                                             "sailthru.date",
                                             "parsely-pub-date",
                                             "article.published",
                                             "article_date_original",
                                             "citation_publication_date",
                                             "citation_date",
                                             "og:pubdate",
                                             "datecreated",
                                             "uploaddate",
                                             "original-publish-date",
                                             "pub_date",
                                             "release_date",
                                             "cxenseparse:recs:publishtime"};
static const char *const modified_keys[] = {
    "article:modified_time", "og:updated_time",  "datemodified",
    "modified_time",         "dcterms.modified", "dc.date.modified",
    "last-modified",         "article.updated",  "lastmod"};
/* "author" comes late: sites often put the publisher there. */
static const char *const author_keys[] = {
    "article:author",    "citation_author",     "byl",        "sailthru.author",
    "parsely-author",    "cxenseparse:author",  "dc.creator", "dcterms.creator",
    "og:article:author", "article:author_name", "author",     "creator"};

typedef struct ctx {
    lede_doc *doc;
    arena *a;
    const meta_evidence *m;
    const block_stream *s;
    ld_info ld;
    size_t title_block; /* index of the title block, s->count if none */
    size_t first_content;
} ctx;

/* ---- small helpers ---------------------------------------------------- */

static bool same_text(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static bool is_url_like(const char *s)
{
    return s && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 ||
                 strncmp(s, "//", 2) == 0 || strncmp(s, "www.", 4) == 0);
}

/* Bytes of a space at s (ASCII, no-break, ideographic), 0 if none. */
static size_t space_at(const char *s)
{
    if (*s == ' ')
        return 1;
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3;
    return 0;
}

/* Bytes of a separator mark at s: bars, dashes, colons, guillemets. */
static size_t mark_at(const char *s, bool *needs_space)
{
    /* Letters and digits are no separators: the common case, cheaply. */
    unsigned char c0 = (unsigned char)s[0];
    if ((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z')
        return 0;
    if (c0 >= '0' && c0 <= '9')
        return 0;
    static const char *const marks[] = {
        "::", "|", "\xEF\xBD\x9C", "\xE2\x80\x93", "\xE2\x80\x94", "\xC2\xBB", "\xC2\xB7", "_", "-",
        ":",  "/", "\xEF\xBC\x9A"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        size_t n = strlen(marks[i]);
        if (strncmp(s, marks[i], n) == 0) {
            /* "-" and "/" join words ("Covid-19") unless spaced. */
            *needs_space = marks[i][0] == '-' || marks[i][0] == '/';
            return n;
        }
    }
    return 0;
}

/* Length of a title separator at s ("  | ", " - ", ": ", "_"), 0 if none. */
static size_t separator_at(const char *s)
{
    size_t n = 0, k;
    bool before = false, after = false, needs_space = false;
    while ((k = space_at(s + n)))
        n += k, before = true;
    size_t m = mark_at(s + n, &needs_space);
    if (!m)
        return 0;
    n += m;
    while ((k = space_at(s + n)))
        n += k, after = true;
    if (needs_space && !(before && after))
        return 0;
    if (s[n - 1] == ':' && !after && !before && n >= 2 && s[n] >= '0' && s[n] <= '9')
        return 0; /* "12:30" */
    return n;
}

static bool icontains(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return true;
    return false;
}

/* True when page_title is text with a site name before or after it:
 * "Text - Site", "Site | Text". The headline is the longer side, or the
 * other side names the site: in "Artist - Song Title" the shorter part is
 * no headline. */
static bool title_frames(const char *page_title, const char *text, const char *site)
{
    if (!page_title || !text || !*text)
        return false;
    size_t pl = strlen(page_title), tl = strlen(text);
    if (pl == tl)
        return strcmp(page_title, text) == 0;
    if (pl < tl)
        return false;
    size_t sep, stop = 0;
    /* "Headline。| Site": the title may end its sentence, the <h1> not */
    if (strncmp(page_title + tl, "\xE3\x80\x82", 3) == 0)
        stop = 3;
    else if (page_title[tl] == '.')
        stop = 1;
    if (strncmp(page_title, text, tl) == 0 &&
        ((sep = separator_at(page_title + tl)) ||
         (stop && (sep = separator_at(page_title + tl + stop))))) {
        if (!separator_at(page_title + tl))
            sep += stop;
        const char *rest = page_title + tl + sep;
        return tl > strlen(rest) || (site && *site && icontains(rest, site));
    }
    if (strcmp(page_title + pl - tl, text) != 0)
        return false;
    for (size_t k = 1; k <= 9 && k < pl - tl; k++)
        if (separator_at(page_title + pl - tl - k) == k) {
            size_t rest = pl - tl - k;
            return tl >= rest ||
                   (site && *site && strncasecmp(page_title, site, strlen(site)) == 0);
        }
    return false;
}

/* Page titles often read "Headline | Section | Site": with the site cut
 * at end - k (its separator k bytes long), the bytes of a short part set
 * off by the very same separator before it, else 0. Short = at most three
 * words and 24 bytes, and under half the headline's length, as channel
 * names are. */
static size_t section_part(const char *title, size_t end, size_t k)
{
    const char *sep = title + end - k;
    size_t stop = end - k, words = 1;
    for (size_t i = stop; i > k; i--) {
        const char *p = title + i - k;
        if (memcmp(p, sep, k) == 0 && separator_at(p) == k) {
            size_t part = stop - i, head = i - k;
            return part > 0 && part <= 24 && words <= 3 && 2 * part < head ? part + k : 0;
        }
        words += title[i - 1] == ' ';
    }
    return 0;
}

/* page_title without a site name: the separator-delimited end (or start)
 * part when it names the site, else the last part after a strong
 * separator when the headline side is the longer one. */
static const char *strip_site(arena *a, const char *title, const char *site)
{
    if (!title)
        return NULL;
    size_t len = strlen(title);
    if (site && *site) {
        size_t sl = strlen(site);
        if (len > sl && strcasecmp(title + len - sl, site) == 0) {
            for (size_t k = 1; k <= 9 && k < len - sl; k++)
                if (separator_at(title + len - sl - k) == k)
                    return text_collapse_dup(a, title,
                                             len - sl - k - section_part(title, len - sl, k));
        }
        if (len > sl && strncasecmp(title, site, sl) == 0) {
            size_t sep = separator_at(title + sl);
            if (sep && title[sl + sep])
                return text_collapse_dup(a, title + sl + sep, len - sl - sep);
        }
    }
    size_t cut = len;
    for (const char *p = title; *p; p++) {
        if (*p != ' ')
            continue;
        size_t sep = separator_at(p);
        bool strong = sep >= 3 && (strchr("|-", p[1]) || (unsigned char)p[1] >= 0x80);
        if (strong && (size_t)(p - title) > len - (size_t)(p - title) - sep)
            cut = (size_t)(p - title);
    }
    return cut == len ? title : text_collapse_dup(a, title, cut);
}

/* "Headline |" left by a site name after an empty part loses the bar. */
static const char *trim_separators(arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '|' || s[n - 1] == '-' || s[n - 1] == '_'))
        n--;
    return n == strlen(s) ? s : text_collapse_dup(a, s, n);
}

static const char *pair(const ctx *c, const char *key)
{
    return meta_pair_get(c->m, key);
}

/* ---- URLs ------------------------------------------------------------- */

/* ref resolved against base (RFC 3986 in its common cases). */
static const char *resolve_url(arena *a, const char *base, const char *ref)
{
    if (!ref || !*ref)
        return NULL;
    const char *scheme_end = strstr(ref, "://");
    if (scheme_end && strcspn(ref, "/?#") > (size_t)(scheme_end - ref))
        return ref;
    if (!base || !strstr(base, "://"))
        return NULL;
    const char *host = strstr(base, "://") + 3;
    size_t host_end = (size_t)(host - base) + strcspn(host, "/?#");
    buf out;
    buf_init(&out, a, strlen(base) + strlen(ref) + 2);
    if (ref[0] == '/' && ref[1] == '/') {
        buf_put(&out, base, (size_t)(host - base) - 2);
        buf_puts(&out, ref);
    } else if (ref[0] == '/') {
        buf_put(&out, base, host_end);
        buf_puts(&out, ref);
    } else {
        size_t path_end = host_end + strcspn(base + host_end, "?#");
        size_t dir = path_end;
        while (dir > host_end && base[dir - 1] != '/')
            dir--;
        if (dir == host_end) {
            buf_put(&out, base, host_end);
            buf_putc(&out, '/');
        } else {
            buf_put(&out, base, dir);
        }
        buf_puts(&out, ref);
    }
    return buf_cstr(&out);
}

/* text's letters start with a label of the page's host ("Vortex Cannon
 * Entertainment" on vortexcannon.org): sites are named as their domain. */
static bool spells_host(const char *url, const char *text)
{
    const char *h = url ? strstr(url, "://") : NULL;
    if (!h)
        return false;
    h += 3;
    char sq[64];
    size_t n = 0;
    for (; *text && n + 1 < sizeof sq; text++) {
        char ch = (char)(*text | 0x20);
        if ((ch >= 'a' && ch <= 'z') || (*text >= '0' && *text <= '9'))
            sq[n++] = (*text >= '0' && *text <= '9') ? *text : ch;
    }
    sq[n] = 0;
    size_t end = strcspn(h, "/?#:@");
    for (size_t i = 0; i < end;) {
        size_t len = strcspn(h + i, ".");
        if (len > end - i)
            len = end - i;
        if (len >= 4 && len <= n && strncmp(h + i, "www", 3) != 0 &&
            strncasecmp(h + i, sq, len) == 0)
            return true;
        i += len + 1;
    }
    return false;
}

/* text is title, a separator and the site's name as its host spells it. */
static bool framed_by_host(const ctx *c, const char *text, const char *title)
{
    size_t tl = strlen(title), sep;
    return strncmp(text, title, tl) == 0 && (sep = separator_at(text + tl)) &&
           spells_host(c->doc->url, text + tl + sep);
}

/* ---- title and deck --------------------------------------------------- */

/* text starts or ends with the site's name, set off by a separator. */
static bool carries_site(const char *text, const char *site)
{
    if (!site || !*site)
        return false;
    size_t len = strlen(text), sl = strlen(site);
    if (len <= sl)
        return false;
    if (strcasecmp(text + len - sl, site) == 0)
        for (size_t k = 1; k <= 9 && k < len - sl; k++)
            if (separator_at(text + len - sl - k) == k)
                return true;
    return strncasecmp(text, site, sl) == 0 && separator_at(text + sl);
}

/* The metadata titles written for this article (sharing and JSON-LD
 * headlines) lead the refs lists below. */
enum { ARTICLE_REFS = 4 };

static bool title_agrees_with(const ctx *c, const char *text, const char *site, size_t max_refs)
{
    /* A title still carrying the site's name is the page title, no headline. */
    if (!text || carries_site(text, site))
        return false;
    const char *refs[] = {pair(c, "og:title"),     pair(c, "twitter:title"), c->ld.headline,
                          c->s->hints.ld_headline, c->s->hints.html_title,   pair(c, "title"),
                          pair(c, "headline")};
    for (size_t i = 0; i < sizeof refs / sizeof *refs && i < max_refs; i++) {
        if (!refs[i])
            continue;
        if (title_frames(refs[i], text, site))
            return true;
        const char *stripped = strip_site(c->a, refs[i], site);
        if (same_text(stripped, text))
            return true;
    }
    return false;
}

static const char *site_name_of(const ctx *c)
{
    const char *site = pair(c, "og:site_name");
    if (!site)
        site = c->ld.site_name;
    if (!site)
        site = pair(c, "application-name");
    if (!site)
        site = pair(c, "al:android:app_name");
    return site;
}

/* The title is the site's own name, not a headline: it equals the site
 * name, or the page title frames a different text with it. */
static bool names_site(const ctx *c, const char *title, const char *site)
{
    if (!title)
        return true;
    if (site && strcmp(title, site) == 0)
        return true;
    const char *page = c->s->hints.html_title;
    if (!page || strcmp(page, title) == 0)
        return false;
    size_t pl = strlen(page), tl = strlen(title);
    if (pl <= tl)
        return false;
    /* "Headline - Site": the title is the end part after a separator */
    if (strcmp(page + pl - tl, title) == 0)
        for (size_t k = 1; k <= 9 && k < pl - tl; k++)
            if (separator_at(page + pl - tl - k) == k)
                return true;
    return strncmp(page, title, tl) == 0 && separator_at(page + tl) && pl - tl > tl &&
           !framed_by_host(c, page, title); /* "Site - a longer headline" */
}

static bool shown_as_heading(const ctx *c, const char *text)
{
    for (size_t i = 0; text && i < c->s->count; i++)
        if (c->s->items[i].kind == BLOCK_HEADING && same_text(c->s->items[i].text, text))
            return true;
    return false;
}

/* Bytes of s up to its next non-space, spaces skipped. */
static const char *skip_spaces(const char *s)
{
    size_t k;
    while ((k = space_at(s)))
        s += k;
    return s;
}

/* text is title continued: metadata titles are often cut to a length
 * limit for sharing, and the heading shows the whole headline (spaces
 * may differ between the two, as CJK pages space punctuation freely). */
static bool extends_title(const char *text, const char *title)
{
    enum { MIN_CUT_TITLE = 24 };
    if (strlen(title) < MIN_CUT_TITLE)
        return false;
    const char *t = skip_spaces(text), *p = skip_spaces(title);
    while (*p && *t == *p) {
        t = skip_spaces(t + 1);
        p = skip_spaces(p + 1);
    }
    return !*p && *t;
}

static bool title_agrees(const ctx *c, const char *text, const char *site)
{
    return title_agrees_with(c, text, site, SIZE_MAX);
}

/* The metadata title a heading of the page shows as it is: a page often
 * gives social networks another headline than its own (og:title written
 * for sharing), and the visible one is the headline. */
static const char *shown_meta_title(const ctx *c, const char *site, size_t *rank)
{
    const char *refs[] = {
        pair(c, "og:title"),     pair(c, "twitter:title"),  c->ld.headline,
        c->s->hints.ld_headline, pair(c, "sailthru.title"), pair(c, "parsely-title"),
        pair(c, "headline"),     pair(c, "title"),          c->s->hints.html_title};
    /* The most specific metadata title first: a page showing both its
     * sharing headline and its <title> text as headings (an SEO title in
     * the <h1>) has the sharing one as its headline. */
    for (size_t k = 0; k < sizeof refs / sizeof *refs; k++) {
        const char *t = refs[k] ? strip_site(c->a, refs[k], site) : NULL;
        if (!t || same_text(t, site))
            continue;
        /* The heading showing it as it is, else one continuing it. */
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < c->s->count; i++) {
                const block *b = &c->s->items[i];
                /* A linked heading only as it is: headlines link to their
                 * own page, teasers to others. */
                if (b->kind == BLOCK_HEADING && b->level <= 3 && (!pass || !b->link_len) &&
                    (pass ? extends_title(b->text, t) : same_text(t, b->text))) {
                    *rank = k;
                    return b->text;
                }
            }
    }
    return NULL;
}

static void choose_title(ctx *c)
{
    lede_doc *doc = c->doc;
    const char *site = site_name_of(c);
    size_t rank = 0;
    const char *shown = shown_meta_title(c, site, &rank);
    if (shown && !shown_as_heading(c, doc->title)) {
        doc->title = shown;
        return;
    }
    /* The article's own headline shown as a heading beats a heading only
     * the <title> names: <title> is often an SEO text set as the <h1>. */
    if (shown && rank < ARTICLE_REFS && !title_agrees_with(c, doc->title, site, ARTICLE_REFS)) {
        doc->title = shown;
        return;
    }
    if (title_agrees(c, doc->title, site))
        return;
    for (size_t i = 0; i < c->m->el_count; i++) {
        const meta_element *e = &c->m->els[i];
        if (e->kind == EL_H1 && e->text && title_agrees(c, e->text, site)) {
            doc->title = e->text;
            return;
        }
    }
    /* No metadata names the structure's title: a heading that shows one. */
    if (shown) {
        doc->title = shown;
        return;
    }
    const char *meta = pair(c, "og:title");
    if (!meta)
        meta = pair(c, "twitter:title");
    if (!meta)
        meta = c->ld.headline ? c->ld.headline : c->s->hints.ld_headline;
    meta = trim_separators(c->a, strip_site(c->a, meta, site));
    if (!meta)
        meta = trim_separators(c->a, strip_site(c->a, c->s->hints.html_title, site));
    if (!meta)
        return;
    if (names_site(c, doc->title, site) || carries_site(doc->title, site)) {
        /* "Site - Headline" where the page's <h1> is the site's name */
        const char *stripped = doc->title && !site ? strip_site(c->a, meta, doc->title) : NULL;
        doc->title = stripped && stripped != meta ? stripped : meta;
        return;
    }
    /* A shortened headline in large type, the full one in the metadata. */
    size_t tl = strlen(doc->title);
    if (strlen(meta) > tl && strncmp(meta, doc->title, tl) == 0 &&
        (meta[tl] == ' ' || meta[tl] == ':') && !framed_by_host(c, meta, doc->title))
        doc->title = meta;
}

/* The block showing the headline: the one with the title's text, else
 * the one structure labelled. */
static size_t find_title_block(const block_stream *s, const char *title)
{
    /* A heading first: the headline's text also shows in breadcrumbs
     * and page-top bars, far from the byline and date. */
    for (size_t i = 0; title && i < s->count; i++)
        if (s->items[i].kind == BLOCK_HEADING && strcmp(s->items[i].text, title) == 0)
            return i;
    for (size_t i = 0; title && i < s->count; i++)
        if (strcmp(s->items[i].text, title) == 0)
            return i;
    for (size_t i = 0; i < s->count; i++)
        if (s->items[i].label == LABEL_TITLE)
            return i;
    return s->count;
}

static size_t find_first_content(const block_stream *s)
{
    for (size_t i = 0; i < s->count; i++)
        if (s->items[i].label == LABEL_CONTENT)
            return i;
    return s->count;
}

static size_t word_count(const char *s)
{
    size_t n = 1;
    for (; *s; s++)
        n += *s == ' ';
    return n;
}

/* The deck a page describes itself with in its metadata, when the page
 * also shows it near the headline: a standfirst. */
/* Text offset of the headline's <h1> (the first <h1> otherwise). */
static uint32_t headline_pos(const ctx *c)
{
    uint32_t first = UINT32_MAX;
    for (size_t i = 0; i < c->m->el_count; i++) {
        const meta_element *e = &c->m->els[i];
        if (e->kind != EL_H1)
            continue;
        if (same_text(e->text, c->doc->title))
            return e->pos;
        if (first == UINT32_MAX)
            first = e->pos;
    }
    return first == UINT32_MAX ? 0 : first;
}

/* The first element after the headline that the template names a deck
 * ("deck", "dek", "standfirst"), unless it names the writers: the page
 * says what it is.
 * Further down such elements belong to teasers of other stories. */
static const char *marked_deck(const ctx *c)
{
    if (!c->m)
        return NULL;
    uint32_t from = headline_pos(c);
    for (size_t i = 0; i < c->m->el_count; i++) {
        const meta_element *e = &c->m->els[i];
        if (e->kind != EL_DECK || !e->text || e->pos < from)
            continue;
        if (e->pos - from > DECK_AFTER_BYTES)
            return NULL;
        bool names_writer = meta_has_byline_prefix(e->text);
        for (size_t k = 0; k < c->doc->meta.author_count && !names_writer; k++)
            names_writer = strstr(e->text, c->doc->meta.authors[k]) != NULL;
        if (strlen(e->text) >= MIN_DECK_BYTES && word_count(e->text) <= DECK_MAX_WORDS &&
            !same_text(e->text, c->doc->title) && !names_writer)
            return e->text;
    }
    return NULL;
}

static void choose_deck(ctx *c, const char *structure_title)
{
    lede_doc *doc = c->doc;
    /* The structure stage's deck followed a headline that was not one, or
     * is the byline: it names the writers. */
    if (!same_text(structure_title, doc->title))
        doc->deck = NULL;
    for (size_t i = 0; doc->deck && i < doc->meta.author_count; i++)
        if (strstr(doc->deck, doc->meta.authors[i]))
            doc->deck = NULL;
    const char *descs[] = {pair(c, "og:description"), pair(c, "description"),
                           pair(c, "twitter:description"), c->ld.description};
    const char *marked = marked_deck(c);
    if (marked) {
        doc->deck = marked;
        return;
    }
    for (size_t k = 0; k < sizeof descs / sizeof *descs; k++)
        if (same_text(descs[k], doc->deck))
            return;
    size_t lo = c->title_block < c->s->count ? c->title_block + 1 : 0;
    size_t hi = c->first_content < c->s->count ? c->first_content + 1 : c->s->count;
    if (hi > lo + BYLINE_AFTER)
        hi = lo + BYLINE_AFTER;
    for (size_t i = lo; i < hi; i++) {
        const block *b = &c->s->items[i];
        for (size_t k = 0; k < sizeof descs / sizeof *descs; k++)
            if (same_text(descs[k], b->text) && !same_text(b->text, doc->title) &&
                b->label != LABEL_CONTENT) {
                doc->deck = b->text;
                return;
            }
    }
    /* A short first paragraph that the page also gives as its summary is
     * a standfirst set in body type (it stays in the body as well); it
     * beats a deck line the page's summary does not confirm. */
    if (doc->paragraph_count > 1 && doc->paragraphs[0].kind == LEDE_PARA_TEXT) {
        const char *p0 = doc->paragraphs[0].text;
        for (size_t k = 0; k < sizeof descs / sizeof *descs; k++)
            if (same_text(descs[k], p0) && word_count(p0) <= DECK_MAX_WORDS) {
                doc->deck = p0;
                return;
            }
    }
}

/* ---- authors ---------------------------------------------------------- */

typedef struct name_list {
    const char *names[MAX_AUTHORS];
    size_t count;
} name_list;

static void add_names(arena *a, name_list *l, const char *text)
{
    if (!text || is_url_like(text))
        return;
    const char *names[MAX_AUTHORS];
    size_t n = meta_split_names(a, text, names, MAX_AUTHORS);
    /* A user name ("jdoe", "@jdoe", "u/jdoe") is how forums and blogs
     * credit their writers. */
    if (!n && meta_is_handle(text))
        names[n++] = text;
    for (size_t i = 0; i < n && l->count < MAX_AUTHORS; i++) {
        bool dup = false;
        for (size_t j = 0; j < l->count && !dup; j++)
            dup = strcmp(l->names[j], names[i]) == 0;
        if (!dup)
            l->names[l->count++] = names[i];
    }
}

static bool in_byline_window(const ctx *c, size_t i)
{
    size_t t = c->title_block < c->s->count ? c->title_block : c->first_content;
    if (t >= c->s->count)
        return i < BYLINE_AFTER;
    return i + BYLINE_BEFORE >= t && i <= t + BYLINE_AFTER;
}

/* Names from the elements of one kind that form the article's byline: the
 * first one after the headline and those right after it. Author elements
 * further down credit related stories, photos and comments. */
static void add_element_names(const ctx *c, name_list *l, element_kind kind, uint32_t from)
{
    const meta_element *first = NULL;
    for (size_t i = 0; i < c->m->el_count && !first; i++)
        if (c->m->els[i].kind == kind && c->m->els[i].pos >= from &&
            c->m->els[i].pos - from <= BYLINE_AFTER_BYTES)
            first = &c->m->els[i];
    /* No byline after the headline: the last one right before it. */
    for (size_t i = c->m->el_count; i > 0 && !first; i--)
        if (c->m->els[i - 1].kind == kind && c->m->els[i - 1].pos < from &&
            from - c->m->els[i - 1].pos <= BYLINE_BEFORE_BYTES)
            first = &c->m->els[i - 1];
    /* Microdata stating the page item's author ahead of the headline
     * (video and product pages put it before any visible text). */
    for (size_t i = 0; i < c->m->el_count && !first && kind == EL_AUTHOR; i++)
        if (c->m->els[i].kind == kind && c->m->els[i].pos < from && c->m->els[i].value)
            first = &c->m->els[i];
    if (!first)
        return;
    for (size_t i = (size_t)(first - c->m->els); i < c->m->el_count; i++) {
        const meta_element *e = &c->m->els[i];
        if (e->pos > first->pos + BYLINE_SPAN)
            break;
        /* An author item's stated name beats its text (a name, a photo
         * caption and a biography in one box). */
        bool stated = kind == EL_AUTHOR && e->value;
        if (e->kind == kind)
            add_names(c->a, l, e->text && !stated ? e->text : e->value);
    }
}

/* name lowercased without spaces and punctuation: "Mike Cason" and the
 * user name "mikecason" compare equal. */
static void squeeze(const char *name, char *out, size_t cap)
{
    size_t n = 0;
    for (; *name && n + 1 < cap; name++) {
        char ch = *name;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if ((unsigned char)ch >= 0x80 || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            out[n++] = ch;
    }
    out[n] = 0;
}

static bool names_match(const char *x, const char *y)
{
    char a[128], b[128];
    squeeze(x, a, sizeof a);
    squeeze(y, b, sizeof b);
    return *a && *b && (strstr(a, b) || strstr(b, a));
}

static bool lists_overlap(const name_list *a, const name_list *b)
{
    for (size_t i = 0; i < a->count; i++)
        for (size_t j = 0; j < b->count; j++)
            if (names_match(a->names[i], b->names[j]))
                return true;
    return false;
}

static bool only_handles(const name_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        if (strchr(l->names[i], ' '))
            return false;
    return true;
}

/* Drops a name that joins others ("Jane Doe translated by Kim Lee" beside
 * "Jane Doe" and "Kim Lee"), and one-word credits beside full names: an
 * agency code ("TNN", "AP") or a first name next to the byline's names. */
static void tidy_names(name_list *l)
{
    bool full_name = false;
    for (size_t i = 0; i < l->count; i++)
        full_name |= word_count(l->names[i]) > 1;
    size_t n = 0;
    for (size_t i = 0; i < l->count; i++) {
        bool drop = full_name && word_count(l->names[i]) == 1 && l->count > 1;
        for (size_t j = 0; j < l->count && !drop; j++)
            drop = j != i && strlen(l->names[j]) < strlen(l->names[i]) &&
                   strstr(l->names[i], l->names[j]);
        if (!drop)
            l->names[n++] = l->names[i];
    }
    l->count = n;
}

/* Where author names come from, in order of trust when sources tie. */
enum { SRC_LD, SRC_META, SRC_VISIBLE, SRC_ITEMPROP, SRC_LINK, SRC_CLASS, SRC_COUNT };
/* JSON-LD and a visible "By" line are written for this article; <meta>
 * and microdata usually are; links and class names also catch related
 * stories and comments. */
static const int source_weight[SRC_COUNT] = {3, 2, 3, 2, 2, 1};

/* Names of src[k] that no other source names. */
static size_t unsupported_names(const name_list *src, int k)
{
    size_t alone = 0;
    for (size_t i = 0; i < src[k].count; i++) {
        bool seen = false;
        for (int o = 0; o < SRC_COUNT && !seen; o++)
            for (size_t j = 0; o != k && j < src[o].count && !seen; j++)
                seen = names_match(src[k].names[i], src[o].names[j]);
        alone += !seen;
    }
    return alone;
}

/* The host name of the page's URL (empty without one). */
static void host_of(const char *url, char *out, size_t cap)
{
    const char *h = url ? strstr(url, "://") : NULL;
    out[0] = 0;
    if (!h)
        return;
    h += 3;
    size_t n = strcspn(h, "/?#:@");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, h, n);
    out[n] = 0;
}

/* The outlet itself rather than a writer: a newsroom credit ("Staff"),
 * the site's name, a name the page's host spells ("Xyz" on news.xyz.com)
 * or one of its desks ("Xyz Business"): sites fill author fields with
 * their own brand. */
static bool is_publisher(const char *name, const char *site, const char *host, const char *squeezed)
{
    if (meta_credit_owner(name))
        return true;
    char sq[128], ss[128];
    squeeze(name, sq, sizeof sq);
    if (site) {
        squeeze(site, ss, sizeof ss);
        if (strcmp(sq, ss) == 0)
            return true;
    }
    for (const char *p = sq; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return false;
    if (strlen(sq) >= 4 && strstr(squeezed, sq))
        return true;
    /* "Xyz Business" on xyz.com: a desk of the outlet. */
    size_t first = strcspn(name, " ");
    if (first < 3 || first == strlen(name))
        return false;
    for (const char *l = host; *l;) {
        size_t n = strcspn(l, ".");
        if (n == first && strncasecmp(l, name, n) == 0 && strncmp(l, "www", 3) != 0 &&
            strncmp(l, "com", 3) != 0 && strncmp(l, "net", 3) != 0 && strncmp(l, "org", 3) != 0)
            return true;
        l += n + (l[n] == '.');
    }
    return false;
}

/* Takes the publisher's names out of every source; returns the first
 * one, as an organisation (without "Staff"), for a page crediting no
 * one else. */
static const char *drop_publishers(const ctx *c, name_list *src)
{
    const char *site = site_name_of(c), *first = NULL;
    char host[128], squeezed[128];
    host_of(c->doc->url, host, sizeof host);
    squeeze(host, squeezed, sizeof squeezed);
    for (int k = 0; k < SRC_COUNT; k++) {
        size_t n = 0;
        for (size_t i = 0; i < src[k].count; i++) {
            const char *name = src[k].names[i];
            if (!is_publisher(name, site, host, squeezed)) {
                src[k].names[n++] = name;
                continue;
            }
            size_t owner = meta_credit_owner(name);
            if (!first)
                first = owner ? text_collapse_dup(c->a, name, owner) : name;
        }
        src[k].count = n;
    }
    return first;
}

/* A block near the headline showing only a handle ("@jdoe", "u/jdoe"):
 * social and forum posts credit their poster so. */
static const char *shown_handle(const ctx *c)
{
    for (size_t i = 0; i < c->s->count; i++) {
        const char *t = c->s->items[i].text;
        if (in_byline_window(c, i) && (t[0] == '@' || (t[0] == 'u' && t[1] == '/')) &&
            meta_is_handle(t))
            return t;
    }
    return NULL;
}

static void choose_authors(ctx *c)
{
    name_list src[SRC_COUNT];
    memset(src, 0, sizeof src);
    uint32_t from = c->m ? headline_pos(c) : 0;
    for (size_t i = 0; i < c->ld.person_count; i++)
        add_names(c->a, &src[SRC_LD], c->ld.persons[i]);
    if (c->m) {
        /* Every pair of the first key that names someone ("citation_author"
         * repeats per author). */
        for (size_t i = 0; i < sizeof author_keys / sizeof *author_keys; i++) {
            uint32_t h = meta_key_hash(author_keys[i]);
            for (size_t p = 0; p < c->m->pair_count; p++)
                if (c->m->pairs[p].hash == h && strcmp(c->m->pairs[p].key, author_keys[i]) == 0)
                    add_names(c->a, &src[SRC_META], c->m->pairs[p].value);
            if (src[SRC_META].count)
                break;
        }
        /* Twitter cards carry label/data pairs; blog and CMS software
         * fills one with "Written by" and the writer, in the site's
         * language. */
        static const char *const labels[][2] = {{"twitter:label1", "twitter:data1"},
                                                {"twitter:label2", "twitter:data2"}};
        for (size_t i = 0; !src[SRC_META].count && i < sizeof labels / sizeof *labels; i++) {
            const char *label = pair(c, labels[i][0]);
            if (label && meta_is_byline_label(label))
                add_names(c->a, &src[SRC_META], pair(c, labels[i][1]));
        }
        add_element_names(c, &src[SRC_ITEMPROP], EL_AUTHOR, from);
        add_element_names(c, &src[SRC_LINK], EL_REL_AUTHOR, from);
        add_element_names(c, &src[SRC_CLASS], EL_BYLINE, from);
    }
    /* Visible bylines: "By Jane Doe" next to the headline. */
    for (size_t i = 0; !src[SRC_VISIBLE].count && i < c->s->count; i++) {
        const block *b = &c->s->items[i];
        if (in_byline_window(c, i) && b->words <= BYLINE_MAX_WORDS &&
            meta_has_byline_prefix(b->text))
            add_names(c->a, &src[SRC_VISIBLE], b->text);
    }
    const char *publisher = drop_publishers(c, src);
    /* Each source scores its own weight plus the weights of the sources
     * that agree with it: the names most of the page supports win. */
    int best = -1, best_score = 0;
    size_t best_alone = 0;
    for (int k = 0; k < SRC_COUNT; k++) {
        if (!src[k].count)
            continue;
        int score = source_weight[k];
        for (int o = 0; o < SRC_COUNT; o++)
            if (o != k && src[o].count && lists_overlap(&src[k], &src[o]))
                score += source_weight[o];
        /* On a tie, the list with fewer names no other source shows: a
         * metadata field often lists every contributor (photographers,
         * stylists) where the byline credits the writer. */
        size_t alone = unsupported_names(src, k);
        if (score > best_score || (score == best_score && alone < best_alone)) {
            best = k;
            best_score = score;
            best_alone = alone;
        }
    }
    /* The same writers written out in full beat their user names. */
    for (int k = 0; best >= 0 && k < SRC_COUNT && only_handles(&src[best]); k++)
        if (k != best && src[k].count && !only_handles(&src[k]) &&
            lists_overlap(&src[k], &src[best]))
            best = k;
    name_list l = {{0}, 0};
    if (best >= 0)
        l = src[best];
    tidy_names(&l);
    /* A poster's handle, then an organisation, only when no person is
     * credited. */
    if (!l.count && (l.names[0] = shown_handle(c)))
        l.count = 1;
    if (!l.count && c->ld.org_count)
        l.names[l.count++] = c->ld.orgs[0];
    if (!l.count && publisher)
        l.names[l.count++] = publisher;
    if (!l.count)
        return;
    c->doc->meta.authors = arena_alloc(c->a, l.count * sizeof *l.names);
    if (!c->doc->meta.authors)
        return;
    memcpy(c->doc->meta.authors, l.names, l.count * sizeof *l.names);
    c->doc->meta.author_count = l.count;
}

/* ---- dates ------------------------------------------------------------ */

typedef struct date_list {
    meta_date d[MAX_DATES];
    size_t count;
} date_list;

static void add_date(date_list *l, const char *value, bool in_text)
{
    meta_date d;
    if (l->count < MAX_DATES && value &&
        (in_text ? meta_find_date(value, &d) : meta_parse_date(value, &d)))
        l->d[l->count++] = d;
}

static bool same_day(const meta_date *a, const meta_date *b)
{
    return a->y == b->y && a->mo == b->mo && a->d == b->d;
}

/* A date element's machine value without a UTC offset, and its visible
 * text showing the same day and time with a zone ("05:07 AM EDT"): the
 * page states the offset, so the value takes it. */
static void add_date_element(date_list *l, const meta_element *e)
{
    size_t before = l->count;
    add_date(l, e->value ? e->value : e->text, !e->value);
    if (l->count == before || !e->value || !e->text)
        return;
    meta_date *d = &l->d[before], shown;
    if (d->has_time && !d->has_tz && meta_find_date(e->text, &shown) && shown.has_tz &&
        same_day(d, &shown) && shown.h == d->h && shown.mi == d->mi) {
        d->tz_min = shown.tz_min;
        d->has_tz = true;
    }
}

/* Another candidate giving the same moment as p with a UTC offset: a
 * local time that differs from it by a whole zone offset (UTC-12 to
 * UTC+14, quarter hours), or for a bare day, a timestamp written on that
 * day. Sites print local time and keep the offset in their metadata, so
 * the offset-bearing form fixes the UTC day without inventing a zone. */
static const meta_date *with_offset(const meta_date *p, const date_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        const meta_date *q = &l->d[i];
        if (!q->has_tz || !q->has_time)
            continue;
        if (!p->has_time) {
            if (same_day(p, q))
                return q;
            continue;
        }
        int64_t delta = meta_date_minutes(p) - meta_date_minutes(q);
        if (delta >= -12 * 60 && delta <= 14 * 60 && delta % 15 == 0 && q->s == p->s)
            return q;
    }
    return NULL;
}

static bool not_after(const meta_date *d, const meta_date *limit)
{
    return !limit || meta_date_minutes(d) <= meta_date_minutes(limit) || same_day(d, limit);
}

/* The candidate that the visible page agrees with, else the first one;
 * candidates later than the page's stated update come last (a page is
 * not published after it was updated). */
static const meta_date *pick_date(const date_list *meta, const date_list *visible,
                                  const meta_date *modified)
{
    for (int pass = 0; pass < 2; pass++) {
        const meta_date *limit = pass == 0 ? modified : NULL;
        for (size_t i = 0; i < meta->count; i++)
            for (size_t j = 0; j < visible->count; j++)
                if (same_day(&meta->d[i], &visible->d[j]) && not_after(&meta->d[i], limit))
                    return &meta->d[i];
        for (size_t i = 0; i < meta->count; i++)
            if (not_after(&meta->d[i], limit))
                return &meta->d[i];
        if (!meta->count)
            for (size_t j = 0; j < visible->count; j++)
                if (not_after(&visible->d[j], limit))
                    return &visible->d[j];
    }
    return NULL;
}

/* Date elements (<time>, class "date") near the headline: the story's
 * own; further down they date related stories and comments. */
static bool near_headline(const meta_element *e, uint32_t from)
{
    return e->pos >= from ? e->pos - from <= BYLINE_AFTER_BYTES
                          : from - e->pos <= BYLINE_BEFORE_BYTES;
}

static void choose_dates(ctx *c)
{
    date_list pub = {.count = 0}, mod = {.count = 0}, vis = {.count = 0};
    add_date(&pub, c->ld.date_published, false);
    add_date(&mod, c->ld.date_modified, false);
    if (c->m) {
        uint32_t from = headline_pos(c);
        for (size_t i = 0; i < sizeof published_keys / sizeof *published_keys; i++)
            add_date(&pub, pair(c, published_keys[i]), false);
        for (size_t i = 0; i < sizeof modified_keys / sizeof *modified_keys; i++)
            add_date(&mod, pair(c, modified_keys[i]), false);
        for (size_t i = 0; i < c->m->el_count; i++) {
            const meta_element *e = &c->m->els[i];
            const char *v = e->value ? e->value : e->text;
            if (e->kind == EL_DATE_PUB)
                add_date_element(&pub, e);
            else if (e->kind == EL_DATE_MOD)
                add_date(&mod, v, !e->value);
            else if (e->kind == EL_TIME && near_headline(e, from))
                add_date_element(&vis, e);
            else if (e->kind == EL_DATE_CLASS && near_headline(e, from))
                add_date(&vis, e->text, true);
        }
    }
    for (size_t i = 0; i < c->s->count; i++) {
        const block *b = &c->s->items[i];
        /* A date line has digits (classify counted them). */
        if (in_byline_window(c, i) && b->words <= DATE_LINE_MAX_WORDS && b->digit_ratio > 0)
            add_date(&vis, b->text, true);
    }
    meta_date url_date;
    if (meta_url_date(c->doc->url, &url_date) && vis.count < MAX_DATES)
        vis.d[vis.count++] = url_date;
    const meta_date *m = mod.count ? &mod.d[0] : NULL;
    const meta_date *p = pick_date(&pub, &vis, m);
    if (p && !p->has_tz) {
        const meta_date *q = with_offset(p, &pub);
        p = q ? q : p;
        q = p->has_tz ? NULL : with_offset(p, &vis);
        p = q ? q : p;
    }
    /* An update before the publication is a stale value. */
    if (m && p && !not_after(p, m))
        m = NULL;
    if (p)
        c->doc->meta.date_published = meta_date_iso(c->a, p);
    if (m)
        c->doc->meta.date_modified = meta_date_iso(c->a, m);
}

/* ---- the rest --------------------------------------------------------- */

static void add_tag(ctx *c, const char **tags, size_t *n, const char *tag)
{
    if (!tag || *n >= MAX_TAGS)
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp(tags[i], tag) == 0)
            return;
    tags[(*n)++] = tag;
    (void)c;
}

static void add_tag_list(ctx *c, const char **tags, size_t *n, const char *list)
{
    while (list && *list) {
        const char *e = strchr(list, ',');
        size_t len = e ? (size_t)(e - list) : strlen(list);
        add_tag(c, tags, n, text_collapse_dup(c->a, list, len));
        list = e ? e + 1 : NULL;
    }
}

static void choose_rest(ctx *c)
{
    lede_doc *doc = c->doc;
    doc_meta *out = &doc->meta;
    out->site_name = site_name_of(c);
    out->description = pair(c, "description");
    if (!out->description)
        out->description = pair(c, "og:description");
    if (!out->description)
        out->description = pair(c, "twitter:description");
    if (!out->description)
        out->description = c->ld.description;
    const char *image = pair(c, "og:image");
    if (!image)
        image = pair(c, "og:image:url");
    if (!image)
        image = pair(c, "twitter:image");
    if (!image)
        image = pair(c, "twitter:image:src");
    if (!image)
        image = c->ld.image;
    out->image = resolve_url(c->a, doc->url, image);
    out->section = pair(c, "article:section");
    if (!out->section)
        out->section = c->ld.section;
    if (!out->section)
        out->section = pair(c, "section");
    const char **tags = arena_alloc(c->a, MAX_TAGS * sizeof *tags);
    size_t n = 0;
    if (tags) {
        for (size_t i = 0; c->m && i < c->m->pair_count; i++)
            if (strcmp(c->m->pairs[i].key, "article:tag") == 0)
                add_tag(c, tags, &n, c->m->pairs[i].value);
        for (size_t i = 0; i < c->ld.keyword_count; i++)
            add_tag(c, tags, &n, c->ld.keywords[i]);
        if (!n)
            add_tag_list(c, tags, &n, pair(c, "news_keywords"));
        if (!n)
            add_tag_list(c, tags, &n, pair(c, "keywords"));
        out->tags = tags;
        out->tag_count = n;
    }
    const char *canonical = c->s->hints.canonical_url;
    if (!canonical)
        canonical = pair(c, "og:url");
    if (!canonical)
        canonical = c->ld.url;
    canonical = resolve_url(c->a, doc->url, canonical);
    if (canonical)
        doc->url = canonical;
    if (!doc->language && c->ld.language) {
        const char *l = c->ld.language;
        if (((l[0] | 0x20) >= 'a' && (l[0] | 0x20) <= 'z') &&
            ((l[1] | 0x20) >= 'a' && (l[1] | 0x20) <= 'z') && (!l[2] || l[2] == '-' || l[2] == '_'))
            doc->language = arena_strndup(c->a, l, 2);
    }
}

void metadata_extract(lede_doc *doc)
{
    ctx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.a = doc->a;
    c.s = &doc->blocks;
    c.m = doc->blocks.hints.meta;
    c.title_block = find_title_block(c.s, doc->title);
    c.first_content = find_first_content(c.s);
    meta_jsonld(c.a, c.m, &c.ld);
    const char *structure_title = doc->title;
    if (c.m) {
        choose_title(&c);
        c.title_block = find_title_block(c.s, doc->title);
    }
    choose_authors(&c);
    if (c.m)
        choose_deck(&c, structure_title);
    choose_dates(&c);
    choose_rest(&c);
}
