#include "html.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "../metadata/collect.h"
#include "../util/buf.h"
#include "../util/text.h"
#include "../util/utf8.h"
#include "dom.h"
#include "html_blocks.h"

/* Attributes looked at per element; the rest are ignored so a tag with a
 * huge attribute list costs us nothing more. */
enum { MAX_ATTRS = 64 };
/* Attributes libxml2 gets to see per tag (see start_tag_end). */
enum { MAX_TAG_ATTRS = 256 };

/* Stack entries that are not nodes: an element inside a dropped subtree,
 * and an element deeper than DOM_MAX_DEPTH. */
#define SLOT_SKIPPED UINT32_MAX
#define SLOT_TOO_DEEP (UINT32_MAX - 1)

typedef enum { CAPTURE_NONE, CAPTURE_TITLE, CAPTURE_LD } capture_mode;

/* The prior of a recent class value: sites put a few class values on
 * hundreds of elements. Keyed by the value's hash and length (a false
 * hit needs both to agree by chance, and costs one element's prior). */
enum { CLASS_MEMOS = 256 };
typedef struct class_memo {
    uint32_t hash; /* 0 = empty */
    uint32_t len;
    int prior;
    uint16_t flags;
} class_memo;

typedef struct builder {
    dom tree;
    class_memo class_memos[CLASS_MEMOS];
    arena *a;        /* the document's: what outlives parsing */
    arena *scratch;  /* the tree and the parser's buffers */
    uint32_t *stack; /* open elements */
    size_t depth;
    size_t cap;
    uint32_t cur; /* innermost open element that is a node */
    size_t skip;  /* open elements inside a dropped subtree */
    capture_mode capture;
    buf title;
    buf ld; /* every JSON-LD script, one after another */
    bool have_title;
    page_hints *hints;
    const char *meta_description;
    const char *og_description;
    bool failed;
} builder;

/* The attributes lede reads, gathered in one pass over the element's
 * list (libxml2 gives HTML attribute names in lowercase). */
typedef struct attrs {
    const char *class_name, *id, *role, *itemprop, *style, *href, *aria_hidden;
    const char *lang, *type, *rel, *content, *name, *property, *http_equiv;
    bool hidden;
} attrs;

static void read_attrs(const xmlChar **atts, attrs *at)
{
    memset(at, 0, sizeof *at);
    if (!atts)
        return;
    for (int i = 0; atts[i] && i < 2 * MAX_ATTRS; i += 2) {
        const char *name = (const char *)atts[i];
        const char *value = atts[i + 1] ? (const char *)atts[i + 1] : "";
        const char **slot = NULL;
        switch (name[0]) {
        case 'a':
            slot = strcmp(name, "aria-hidden") ? NULL : &at->aria_hidden;
            break;
        case 'c':
            slot = !strcmp(name, "class")     ? &at->class_name
                   : !strcmp(name, "content") ? &at->content
                                              : NULL;
            break;
        case 'h':
            if (!strcmp(name, "hidden"))
                at->hidden = true;
            slot = !strcmp(name, "href")         ? &at->href
                   : !strcmp(name, "http-equiv") ? &at->http_equiv
                                                 : NULL;
            break;
        case 'i':
            slot = !strcmp(name, "id") ? &at->id : !strcmp(name, "itemprop") ? &at->itemprop : NULL;
            break;
        case 'l':
            slot = strcmp(name, "lang") ? NULL : &at->lang;
            break;
        case 'n':
            slot = strcmp(name, "name") ? NULL : &at->name;
            break;
        case 'p':
            slot = strcmp(name, "property") ? NULL : &at->property;
            break;
        case 'r':
            slot = !strcmp(name, "role") ? &at->role : !strcmp(name, "rel") ? &at->rel : NULL;
            break;
        case 's':
            slot = strcmp(name, "style") ? NULL : &at->style;
            break;
        case 't':
            slot = strcmp(name, "type") ? NULL : &at->type;
            break;
        case 'x':
            slot = strcmp(name, "xml:lang") ? NULL : &at->lang;
            break;
        default:
            break;
        }
        if (slot && !*slot)
            *slot = value;
    }
}

static void push_slot(builder *b, uint32_t slot)
{
    if (b->depth == b->cap) {
        size_t cap = b->cap * 2;
        uint32_t *st = arena_realloc(b->scratch, b->stack, b->cap * sizeof *st, cap * sizeof *st);
        if (!st) {
            b->failed = true;
            return;
        }
        b->stack = st;
        b->cap = cap;
    }
    b->stack[b->depth++] = slot;
}

static void set_hint(builder *b, const char **field, const char *value)
{
    if (!*field && value)
        *field = text_collapse_dup(b->a, value, strlen(value));
}

static void read_meta(builder *b, const attrs *at)
{
    const char *content = at->content;
    if (!content)
        return;
    const char *key = at->property ? at->property : at->name;
    if (key) {
        if (text_ascii_ieq(key, "og:title") || text_ascii_ieq(key, "twitter:title"))
            set_hint(b, &b->hints->meta_title, content);
        else if (text_ascii_ieq(key, "description"))
            set_hint(b, &b->meta_description, content);
        else if (text_ascii_ieq(key, "og:description") ||
                 text_ascii_ieq(key, "twitter:description"))
            set_hint(b, &b->og_description, content);
    }
    const char *equiv = at->http_equiv;
    if (equiv && text_ascii_ieq(equiv, "content-language"))
        set_hint(b, &b->hints->language, content);
}

/* Elements hidden from readers by attribute or inline style. */
static bool is_hidden(const attrs *at)
{
    if (at->hidden || (at->aria_hidden && text_ascii_ieq(at->aria_hidden, "true")))
        return true;
    if (!at->style)
        return false;
    /* "display: none" with any spacing */
    char compact[256];
    size_t n = 0;
    for (const char *v = at->style; *v && n + 1 < sizeof compact; v++)
        if (*v != ' ' && *v != '\t' && *v != '\n' && *v != '\r')
            compact[n++] = (char)(*v | 0x20);
    compact[n] = 0;
    return strstr(compact, "display:none") || strstr(compact, "visibility:hidden");
}

/* Semantics of the element's tag, class, id, role and itemprop. */
static int class_prior(builder *b, const char *value, size_t len, uint32_t hash, uint16_t *flags)
{
    if (len > 256)
        return dom_name_prior(value, len, flags); /* the hash saw only 256 bytes */
    class_memo *m = &b->class_memos[hash % CLASS_MEMOS];
    if (m->hash != hash || m->len != len) {
        m->hash = hash;
        m->len = (uint32_t)len;
        m->flags = 0;
        m->prior = dom_name_prior(value, len, &m->flags);
    }
    *flags |= m->flags;
    return m->prior;
}

static void read_semantics(builder *b, dom_node *n, dom_tag tag, const attrs *at)
{
    uint16_t flags = 0;
    int prior = 0;
    switch (tag) {
    case TAG_ARTICLE:
    case TAG_MAIN:
        flags |= DOMN_ARTICLE_NAME;
        prior += 2;
        break;
    case TAG_NAV:
    case TAG_FOOTER:
    case TAG_ASIDE:
    case TAG_MENU:
        flags |= DOMN_BOILER_NAME;
        prior -= 3;
        break;
    case TAG_HEADER:
        prior -= 1;
        break;
    case TAG_A:
        if (at->href)
            flags |= DOMN_IN_LINK;
        break;
    default:
        break;
    }
    if (at->class_name && *at->class_name) {
        size_t len = strlen(at->class_name);
        /* FNV-1a: the class identifies a site's kind of element. */
        uint32_t h = 2166136261u;
        for (size_t i = 0; i < len && i < 256; i++)
            h = (h ^ (unsigned char)at->class_name[i]) * 16777619u;
        n->class_hash = h ? h : 1;
        prior += class_prior(b, at->class_name, len, n->class_hash, &flags);
    }
    if (at->id && *at->id)
        prior += dom_name_prior(at->id, strlen(at->id), &flags);
    if (at->itemprop && *at->itemprop) {
        if (text_ascii_icontains(at->itemprop, "articlebody")) {
            flags |= DOMN_ARTICLE_NAME;
            prior += 3;
        } else {
            prior += dom_name_prior(at->itemprop, strlen(at->itemprop), &flags);
        }
    }
    const char *role = at->role;
    if (role && (text_ascii_ieq(role, "main") || text_ascii_ieq(role, "article"))) {
        flags |= DOMN_ARTICLE_NAME;
        prior += 2;
    } else if (role && (text_ascii_ieq(role, "navigation") || text_ascii_ieq(role, "banner") ||
                        text_ascii_ieq(role, "contentinfo") ||
                        text_ascii_ieq(role, "complementary") || text_ascii_ieq(role, "menu") ||
                        text_ascii_ieq(role, "menubar") || text_ascii_ieq(role, "search") ||
                        text_ascii_ieq(role, "dialog") || text_ascii_ieq(role, "alertdialog"))) {
        flags |= DOMN_BOILER_NAME;
        prior -= 3;
    }
    n->flags |= flags;
    n->prior = (int8_t)(prior > 6 ? 6 : (prior < -6 ? -6 : prior));
}

static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    builder *b = ctx;
    if (b->failed)
        return;
    if (b->skip) {
        push_slot(b, SLOT_SKIPPED);
        b->skip++;
        return;
    }
    dom_tag tag = dom_tag_lookup((const char *)xname);
    attrs at;
    read_attrs(atts, &at);
    switch (tag) {
    case TAG_HTML: {
        const char *lang = at.lang;
        if (lang && *lang && !b->hints->language)
            set_hint(b, &b->hints->language, lang);
        break;
    }
    case TAG_META:
        read_meta(b, &at);
        break;
    case TAG_LINK: {
        const char *rel = at.rel;
        const char *href = at.href;
        if (rel && href && text_ascii_ieq(rel, "canonical"))
            set_hint(b, &b->hints->canonical_url, href);
        break;
    }
    case TAG_TITLE:
        if (!b->have_title)
            b->capture = CAPTURE_TITLE;
        break;
    case TAG_SCRIPT: {
        const char *type = at.type;
        if (type && text_ascii_icontains(type, "ld+json")) {
            b->capture = CAPTURE_LD;
            buf_putc(&b->ld, '\n');
        }
        break;
    }
    default:
        break;
    }
    meta_on_start(b->hints->meta, (const char *)xname, (const char **)atts, b->depth,
                  b->tree.text.len, b->ld.len);
    if ((dom_tag_props(tag) & TAGP_SKIP) || is_hidden(&at)) {
        push_slot(b, SLOT_SKIPPED);
        b->skip = 1;
        return;
    }
    if (b->tree.nodes[b->cur].depth >= DOM_MAX_DEPTH) {
        push_slot(b, SLOT_TOO_DEEP);
        return;
    }
    uint32_t id = dom_add_element(&b->tree, b->cur, tag);
    if (!id) {
        b->failed = true;
        return;
    }
    read_semantics(b, &b->tree.nodes[id], tag, &at);
    push_slot(b, id);
    b->cur = id;
}

static void on_end(void *ctx, const xmlChar *name)
{
    (void)name; /* libxml2 reports every close, implied ones included */
    builder *b = ctx;
    if (b->failed || !b->depth)
        return;
    uint32_t slot = b->stack[--b->depth];
    if (slot == SLOT_SKIPPED) {
        if (--b->skip == 0) {
            if (b->capture == CAPTURE_TITLE && b->title.len)
                b->have_title = true;
            b->capture = CAPTURE_NONE;
        }
    } else if (slot != SLOT_TOO_DEEP) {
        dom_close(&b->tree, slot);
        b->cur = b->tree.nodes[slot].parent;
    }
    meta_on_end(b->hints->meta, b->depth, &b->tree.text, &b->ld);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    builder *b = ctx;
    if (b->failed || len <= 0)
        return;
    if (b->capture == CAPTURE_TITLE)
        buf_put(&b->title, (const char *)ch, (size_t)len);
    else if (b->capture == CAPTURE_LD)
        buf_put(&b->ld, (const char *)ch, (size_t)len);
    if (b->skip)
        return;
    dom_add_text(&b->tree, b->cur, (const char *)ch, (size_t)len);
}

/* ---- Input repairs libxml2 would otherwise get wrong ------------------- */

/* HTML5 maps the numeric references &#128;..&#159; to windows-1252
 * characters (writers meant the curly quotes and dashes); libxml2 drops
 * them, gluing words. */
static const uint16_t CP1252_HIGH[32] = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

/* Length of a "&#150;"-style reference in the windows-1252 range at s, with
 * its code point in *cp; 0 when there is none. */
static size_t c1_reference(const char *s, const char *end, uint32_t *cp)
{
    const char *p = s + 2;
    if (end - s < 4 || s[0] != '&' || s[1] != '#')
        return 0;
    unsigned v = 0;
    int digits = 0;
    if (*p == 'x' || *p == 'X') {
        for (p++; p < end && digits < 6; p++, digits++) {
            char c = *p;
            unsigned d;
            if (c >= '0' && c <= '9')
                d = (unsigned)(c - '0');
            else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
                d = (unsigned)((c | 0x20) - 'a' + 10);
            else
                break;
            v = v * 16 + d;
        }
    } else {
        for (; p < end && digits < 7 && *p >= '0' && *p <= '9'; p++, digits++)
            v = v * 10 + (unsigned)(*p - '0');
    }
    if (!digits || v < 0x80 || v > 0x9F)
        return 0;
    if (p < end && *p == ';')
        p++;
    *cp = CP1252_HIGH[v - 0x80];
    return (size_t)(p - s);
}

/* "</br>" is a line break to browsers and nothing to libxml2. */
static bool is_end_br(const char *s, const char *end)
{
    return end - s >= 5 && s[0] == '<' && s[1] == '/' && (s[2] | 0x20) == 'b' &&
           (s[3] | 0x20) == 'r' && (s[4] == '>' || s[4] == ' ');
}

static bool ascii_iprefix(const char *s, const char *end, const char *lower)
{
    for (; *lower; s++, lower++)
        if (s >= end || (*s | 0x20) != *lower)
            return false;
    return true;
}

static const char *find_bytes(const char *p, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    while (p && end - p >= (ptrdiff_t)n) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p || end - p < (ptrdiff_t)n)
            return NULL;
        if (memcmp(p, needle, n) == 0)
            return p;
        p++;
    }
    return NULL;
}

/* "<script" or "<style" (name lowercase, after the '<') ending the name. */
static bool raw_text_tag(const char *s, const char *end, const char *name)
{
    size_t n = strlen(name);
    if (!ascii_iprefix(s, end, name) || end - s <= (ptrdiff_t)n)
        return false;
    char c = s[n];
    return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The '>' ending the tag that starts at s, skipping quoted values. */
static bool is_tag_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Byte ranges of a start tag that libxml2 need not see. */
enum { MAX_DROPS = 32 };
typedef struct tag_drops {
    const char *start[MAX_DROPS];
    const char *end[MAX_DROPS];
    int count;
    const char *cut; /* drop from here to the '>' */
} tag_drops;

/* The attributes lede reads: read_attrs above and meta_on_start in
 * metadata/collect.c (add a name here when either starts reading one).
 * The others (data-*, src, srcset, alt, sizes, event handlers...) are a
 * fifth of a page's bytes once scripts are out, and libxml2 would scan
 * and copy each of them. */
typedef struct attr_name {
    const char *name;
    size_t len;
} attr_name;
#define ATTR(s)                                                                                    \
    {                                                                                              \
        s, sizeof(s) - 1                                                                           \
    }
static const attr_name READ_ATTRS[] = {
    ATTR("aria-hidden"), ATTR("class"),      ATTR("content"), ATTR("datetime"), ATTR("hidden"),
    ATTR("href"),        ATTR("http-equiv"), ATTR("id"),      ATTR("itemprop"), ATTR("lang"),
    ATTR("name"),        ATTR("property"),   ATTR("pubdate"), ATTR("rel"),      ATTR("role"),
    ATTR("style"),       ATTR("type"),       ATTR("xml:lang")};
#undef ATTR

static bool attr_is_read(const char *p, const char *end)
{
    const char *e = p;
    while (e < end && *e != '=' && *e != '>' && *e != '/' && !is_tag_space(*e))
        e++;
    size_t n = (size_t)(e - p);
    for (size_t i = 0; i < sizeof READ_ATTRS / sizeof *READ_ATTRS; i++)
        if (READ_ATTRS[i].len == n && ascii_iprefix(p, end, READ_ATTRS[i].name))
            return true;
    return false;
}

/* The '>' ending the start tag whose name begins at s, skipping quoted
 * values; NULL when the tag never ends. Fills *drops with the attributes
 * lede never reads and, when the tag has more than MAX_TAG_ATTRS
 * attributes, where the rest starts: libxml2 checks each attribute
 * against all earlier ones. */
static const char *start_tag_end(const char *s, const char *end, tag_drops *drops)
{
    size_t words = 0;
    bool space = false, after_equals = false, dropping = false;
    const char *space_start = s;
    drops->count = 0;
    drops->cut = NULL;
    for (const char *p = s; p < end; p++) {
        char c = *p;
        if (c == '>' || (c == '/' && p + 1 < end && p[1] == '>')) {
            if (dropping)
                drops->end[drops->count++] = p;
            dropping = false;
            if (c == '>')
                return p;
            continue;
        }
        /* A quote opens a value only right after '=', as in libxml2 and
         * HTML5; elsewhere it is a stray character of a broken name. */
        if ((c == '"' || c == '\'') && after_equals) {
            p = memchr(p + 1, c, (size_t)(end - p - 1));
            if (!p)
                return NULL;
            space = after_equals = false;
            continue;
        }
        if (is_tag_space(c)) {
            if (!space)
                space_start = p;
            space = true;
            continue;
        }
        if (space && c != '=' && !after_equals) {
            /* A new attribute starts at p; neighbouring drops join. */
            if (++words > MAX_TAG_ATTRS && !drops->cut)
                drops->cut = space_start;
            bool drop = !drops->cut && !attr_is_read(p, end);
            if (dropping && !drop) {
                drops->end[drops->count++] = space_start;
                dropping = false;
            } else if (!dropping && drop && drops->count < MAX_DROPS) {
                drops->start[drops->count] = space_start;
                dropping = true;
            }
        }
        after_equals = c == '=';
        space = false;
    }
    return NULL;
}

/* Start of "</name" closing raw text at p, or end. */
static const char *raw_text_close(const char *p, const char *end, const char *name)
{
    size_t n = strlen(name);
    while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
        if (end - p > (ptrdiff_t)(n + 2) && p[1] == '/' && ascii_iprefix(p + 2, end, name))
            return p;
        p++;
    }
    return end;
}

static bool tag_is_json_ld(const char *s, const char *e)
{
    for (const char *p = s; p + 7 <= e; p++)
        if ((*p | 0x20) == 'l' && ascii_iprefix(p, e, "ld+json"))
            return true;
    return false;
}

/* Sizes of the tree libxml2 will build, counted while copying its input:
 * the node array and the text buffer are then allocated once at about
 * their final size instead of doubling (each doubling leaves the old copy
 * in the arena: three to four times the final size in all). */
typedef struct tree_estimate {
    size_t elements;  /* start tags */
    size_t text_runs; /* '<' not right after a '>' */
    size_t markup;    /* bytes of start tags and comments */
} tree_estimate;

/* Copies the input for libxml2 with changes a browser would agree with:
 *  - script, style and inline SVG bodies are left out: half the bytes of a
 *    news page, scanned by libxml2 a character at a time, and never text
 *    (HTML5 ends scripts only at their end tag, so a self-closed <script/>
 *    no longer spills code into the text); JSON-LD stays for page_hints;
 *  - &#128;..&#159; become the windows-1252 characters HTML5 maps them to;
 *  - "</br>" becomes a break;
 *  - attributes lede never reads, and those past MAX_TAG_ATTRS on one
 *    tag, are dropped.
 * Comments are skipped whole so that markup inside them stays inert. */
static const char *prepare_input(arena *a, const char *html, size_t len, size_t *out_len,
                                 tree_estimate *est)
{
    memset(est, 0, sizeof *est);
    const char *end = html + len, *from = html;
    buf out;
    buf_init(&out, a, len + 64);
    const char *lt = memchr(html, '<', len);
    const char *amp = memchr(html, '&', len);
    while (lt || amp) {
        uint32_t cp;
        size_t n;
        if (amp && (!lt || amp < lt)) {
            if ((n = c1_reference(amp, end, &cp)) > 0) {
                char tmp[4];
                buf_put(&out, from, (size_t)(amp - from));
                buf_put(&out, tmp, utf8_encode(cp, tmp));
                from = amp + n;
            }
            amp = memchr(amp + 1, '&', (size_t)(end - amp - 1));
            continue;
        }
        const char *next = lt + 1;
        est->text_runs += lt > html && lt[-1] != '>';
        if (end - lt >= 4 && lt[1] == '!' && lt[2] == '-' && lt[3] == '-') {
            const char *close = find_bytes(lt + 4, end, "-->");
            next = close ? close + 3 : end;
            est->markup += (size_t)(next - lt);
        } else if (is_end_br(lt, end)) {
            buf_put(&out, from, (size_t)(lt - from));
            buf_put(&out, "<br/", 4);
            from = lt + 4;
        } else if ((lt[1] | 0x20) >= 'a' && (lt[1] | 0x20) <= 'z') {
            tag_drops drops;
            const char *gt = start_tag_end(lt + 1, end, &drops);
            if (gt) {
                next = gt + 1;
                est->elements++;
                est->markup += (size_t)(next - lt);
                for (int i = 0; i < drops.count; i++) {
                    buf_put(&out, from, (size_t)(drops.start[i] - from));
                    from = drops.end[i];
                }
                if (drops.cut) {
                    buf_put(&out, from, (size_t)(drops.cut - from));
                    from = gt;
                }
                const char *name = NULL;
                if (raw_text_tag(lt + 1, end, "script"))
                    name = "script";
                else if (raw_text_tag(lt + 1, end, "style"))
                    name = "style";
                else if (raw_text_tag(lt + 1, end, "svg"))
                    name = "svg";
                if (name) {
                    const char *close = raw_text_close(gt + 1, end, name);
                    if (!tag_is_json_ld(lt, gt)) {
                        buf_put(&out, from, (size_t)(gt + 1 - from));
                        from = close;
                    }
                    next = close;
                }
            }
        }
        lt = next < end ? memchr(next, '<', (size_t)(end - next)) : NULL;
        if (amp && amp < next)
            amp = next < end ? memchr(next, '&', (size_t)(end - next)) : NULL;
    }
    buf_put(&out, from, (size_t)(end - from));
    if (out.failed)
        return NULL;
    *out_len = out.len;
    return buf_cstr(&out);
}

/* ---- JSON-LD ----------------------------------------------------------- */

static unsigned hex4(const char *p, const char *end)
{
    unsigned v = 0;
    if (end - p < 4)
        return UINT32_MAX;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            v |= (unsigned)((c | 0x20) - 'a' + 10);
        else
            return UINT32_MAX;
    }
    return v;
}

/* Decodes the JSON string starting at the opening quote p into out. */
static void json_string(const char *p, const char *end, buf *out)
{
    for (p++; p < end && *p != '"'; p++) {
        if (*p != '\\') {
            buf_putc(out, *p);
            continue;
        }
        if (++p >= end)
            break;
        char tmp[4];
        switch (*p) {
        case 'n':
        case 'r':
        case 't':
        case 'b':
        case 'f':
            buf_putc(out, ' ');
            break;
        case 'u': {
            unsigned cp = hex4(p + 1, end);
            if (cp == UINT32_MAX)
                break;
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && end - p > 6 && p[1] == '\\' && p[2] == 'u') {
                unsigned lo = hex4(p + 3, end);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = UTF8_REPLACEMENT;
            if (cp == 0)
                cp = ' ';
            buf_put(out, tmp, utf8_encode(cp, tmp));
            break;
        }
        default:
            buf_putc(out, *p);
            break;
        }
    }
}

/* The string value of the longest (or first) "key": "..." pair in the
 * JSON-LD scripts. A tolerant scan: it needs no valid JSON around the pair. */
static const char *ld_string(arena *a, const char *ld, size_t len, const char *key, bool longest)
{
    const char *end = ld + len, *best = NULL;
    size_t best_len = 0, klen = strlen(key);
    for (const char *p = ld; p < end;) {
        const char *q = memchr(p, '"', (size_t)(end - p));
        if (!q)
            break;
        p = q + 1;
        if ((size_t)(end - p) <= klen || memcmp(p, key, klen) != 0 || p[klen] != '"')
            continue;
        const char *v = p + klen + 1;
        while (v < end && (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r'))
            v++;
        if (v >= end || *v != ':')
            continue;
        for (v++; v < end && (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r');)
            v++;
        if (v >= end || *v != '"')
            continue;
        /* Length of the raw string, to compare candidates cheaply. */
        const char *e = v + 1;
        while (e < end && *e != '"')
            e += *e == '\\' ? 2 : 1;
        if (e > end)
            e = end;
        if ((size_t)(e - v) > best_len) {
            best = v;
            best_len = (size_t)(e - v);
        }
        p = e;
        if (!longest)
            break;
    }
    if (!best)
        return NULL;
    buf out;
    buf_init(&out, a, best_len + 1);
    json_string(best, end, &out);
    if (out.failed || !utf8_valid(out.data, out.len))
        return NULL;
    return text_collapse_dup(a, out.data, out.len);
}

/* ---- Entry point ------------------------------------------------------- */

static lede_status parse_with_scratch(const char *html, size_t len, block_stream *out,
                                      arena *scratch)
{
    arena *a = out->a;
    size_t fixed_len;
    tree_estimate est;
    const char *input = prepare_input(scratch, html, len, &fixed_len, &est);
    if (!input || fixed_len > INT_MAX)
        return LEDE_ERR_NOMEM;

    builder b;
    memset(&b, 0, sizeof b);
    b.a = a;
    b.scratch = scratch;
    b.hints = &out->hints;
    out->hints.meta = meta_evidence_new(a);
    b.cap = 256;
    b.stack = arena_alloc(scratch, b.cap * sizeof *b.stack);
    buf_init(&b.title, scratch, 256);
    buf_init(&b.ld, scratch, 1024);
    /* Every node is an element or a run of text; the text is what is
     * left of the input without tags (white space collapses further).
     * Real pages have 12 bytes or more per node once scripts are out; at
     * most that is reserved, so that nesting past DOM_MAX_DEPTH (elements
     * never made) reserves little. */
    size_t nodes = est.elements + est.text_runs;
    if (nodes > fixed_len / 12)
        nodes = fixed_len / 12;
    size_t text_bytes = fixed_len > est.markup ? fixed_len - est.markup : 0;
    if (!b.stack || !dom_init(&b.tree, scratch, nodes, text_bytes) || b.title.failed || b.ld.failed)
        return LEDE_ERR_NOMEM;

    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(input, (int)fixed_len);
    if (!ctxt)
        return LEDE_ERR_PARSE;
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_text;
    memcpy(ctxt->sax, &sax, sizeof sax);
    ctxt->userData = &b;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
                                 XML_PARSE_HUGE);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(ctxt);
    htmlFreeParserCtxt(ctxt);

    if (b.failed || b.tree.failed || b.title.failed || b.ld.failed)
        return LEDE_ERR_NOMEM;
    page_hints *h = &out->hints;
    if (b.title.len)
        h->html_title = text_collapse_dup(a, b.title.data, b.title.len);
    h->meta_description = b.meta_description ? b.meta_description : b.og_description;
    if (b.ld.len) {
        h->ld_body = ld_string(a, b.ld.data, b.ld.len, "articleBody", true);
        h->ld_headline = ld_string(a, b.ld.data, b.ld.len, "headline", false);
    }
    if (!dom_finish(&b.tree) || !html_emit_blocks(&b.tree, out))
        return LEDE_ERR_NOMEM;
    return LEDE_OK;
}

lede_status html_parse_blocks(const char *html, size_t len, block_stream *out)
{
    if (len > INT_MAX)
        return LEDE_ERR_PARSE;
    /* The copy for libxml2 and the tree are needed only until the blocks
     * are made (they copy their text): they live in an arena released
     * here, so that a big page's later stages never hold them too. */
    arena *scratch = arena_new();
    if (!scratch)
        return LEDE_ERR_NOMEM;
    lede_status st = parse_with_scratch(html, len, out, scratch);
    arena_free(scratch);
    return st;
}
