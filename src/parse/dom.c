#include "dom.h"

#include <string.h>

typedef struct tag_entry {
    const char *name;
    dom_tag tag;
} tag_entry;

/* Sorted by name for binary search. Elements without an entry are inline
 * (span, b, custom elements): they neither split nor glue words. */
static const tag_entry TAGS[] = {
    {"a", TAG_A},
    {"address", TAG_ADDRESS},
    {"applet", TAG_SKIPPED},
    {"area", TAG_SKIPPED},
    {"article", TAG_ARTICLE},
    {"aside", TAG_ASIDE},
    {"audio", TAG_SKIPPED},
    {"blockquote", TAG_BLOCKQUOTE},
    {"body", TAG_BODY},
    {"br", TAG_BR},
    {"button", TAG_BUTTON},
    {"canvas", TAG_SKIPPED},
    {"caption", TAG_CAPTION},
    {"center", TAG_CENTER},
    {"datalist", TAG_SKIPPED},
    {"dd", TAG_DD},
    {"details", TAG_DETAILS},
    {"dialog", TAG_DIALOG},
    {"dir", TAG_UL},
    {"div", TAG_DIV},
    {"dl", TAG_DL},
    {"dt", TAG_DT},
    {"embed", TAG_SKIPPED},
    {"fieldset", TAG_FIELDSET},
    {"figcaption", TAG_FIGCAPTION},
    {"figure", TAG_FIGURE},
    {"footer", TAG_FOOTER},
    {"form", TAG_FORM},
    {"frameset", TAG_SKIPPED},
    {"h1", TAG_H1},
    {"h2", TAG_H2},
    {"h3", TAG_H3},
    {"h4", TAG_H4},
    {"h5", TAG_H5},
    {"h6", TAG_H6},
    {"head", TAG_HEAD},
    {"header", TAG_HEADER},
    {"hgroup", TAG_HGROUP},
    {"hr", TAG_HR},
    {"html", TAG_HTML},
    {"iframe", TAG_SKIPPED},
    {"img", TAG_SKIPPED},
    {"input", TAG_SKIPPED},
    {"li", TAG_LI},
    {"link", TAG_LINK},
    {"main", TAG_MAIN},
    {"map", TAG_SKIPPED},
    {"math", TAG_SKIPPED},
    {"menu", TAG_MENU},
    {"meta", TAG_META},
    {"nav", TAG_NAV},
    {"noembed", TAG_SKIPPED},
    {"noframes", TAG_SKIPPED},
    {"noscript", TAG_SKIPPED},
    {"object", TAG_SKIPPED},
    {"ol", TAG_OL},
    {"optgroup", TAG_SKIPPED},
    {"option", TAG_SKIPPED},
    {"p", TAG_P},
    {"picture", TAG_SKIPPED},
    {"pre", TAG_PRE},
    {"script", TAG_SCRIPT},
    {"section", TAG_SECTION},
    {"select", TAG_SKIPPED},
    {"source", TAG_SKIPPED},
    {"style", TAG_SKIPPED},
    {"summary", TAG_SUMMARY},
    {"svg", TAG_SKIPPED},
    {"table", TAG_TABLE},
    {"tbody", TAG_TBODY},
    {"td", TAG_TD},
    {"template", TAG_SKIPPED},
    {"textarea", TAG_SKIPPED},
    {"tfoot", TAG_TFOOT},
    {"th", TAG_TH},
    {"thead", TAG_THEAD},
    {"title", TAG_TITLE},
    {"tr", TAG_TR},
    {"track", TAG_SKIPPED},
    {"ul", TAG_UL},
    {"video", TAG_SKIPPED},
};

static const unsigned TAG_PROPS[TAG_COUNT] = {
    [TAG_ADDRESS] = TAGP_BLOCK, [TAG_SKIPPED] = TAGP_SKIP,     [TAG_ARTICLE] = TAGP_BLOCK,
    [TAG_ASIDE] = TAGP_BLOCK,   [TAG_BLOCKQUOTE] = TAGP_BLOCK, [TAG_BODY] = TAGP_BLOCK,
    [TAG_BUTTON] = TAGP_SKIP,   [TAG_CAPTION] = TAGP_BLOCK,    [TAG_CENTER] = TAGP_BLOCK,
    [TAG_DD] = TAGP_BLOCK,      [TAG_DETAILS] = TAGP_BLOCK,    [TAG_DIALOG] = TAGP_BLOCK,
    [TAG_UL] = TAGP_BLOCK,      [TAG_DIV] = TAGP_BLOCK,        [TAG_DL] = TAGP_BLOCK,
    [TAG_DT] = TAGP_BLOCK,      [TAG_FIELDSET] = TAGP_BLOCK,   [TAG_FIGCAPTION] = TAGP_BLOCK,
    [TAG_FIGURE] = TAGP_BLOCK,  [TAG_FOOTER] = TAGP_BLOCK,     [TAG_FORM] = TAGP_BLOCK,
    [TAG_H1] = TAGP_BLOCK,      [TAG_H2] = TAGP_BLOCK,         [TAG_H3] = TAGP_BLOCK,
    [TAG_H4] = TAGP_BLOCK,      [TAG_H5] = TAGP_BLOCK,         [TAG_H6] = TAGP_BLOCK,
    [TAG_HEAD] = TAGP_BLOCK,    [TAG_HEADER] = TAGP_BLOCK,     [TAG_HGROUP] = TAGP_BLOCK,
    [TAG_HR] = TAGP_BLOCK,      [TAG_HTML] = TAGP_BLOCK,       [TAG_LI] = TAGP_BLOCK,
    [TAG_MAIN] = TAGP_BLOCK,    [TAG_MENU] = TAGP_BLOCK,       [TAG_NAV] = TAGP_BLOCK,
    [TAG_OL] = TAGP_BLOCK,      [TAG_P] = TAGP_BLOCK,          [TAG_PRE] = TAGP_BLOCK,
    [TAG_SCRIPT] = TAGP_SKIP,   [TAG_SECTION] = TAGP_BLOCK,    [TAG_SUMMARY] = TAGP_BLOCK,
    [TAG_TABLE] = TAGP_BLOCK,   [TAG_TBODY] = TAGP_BLOCK,      [TAG_TD] = TAGP_CELL,
    [TAG_TFOOT] = TAGP_BLOCK,   [TAG_TH] = TAGP_CELL,          [TAG_THEAD] = TAGP_BLOCK,
    [TAG_TITLE] = TAGP_SKIP,    [TAG_TR] = TAGP_BLOCK,         [TAG_TEXT] = 0,
};

dom_tag dom_tag_lookup(const char *name)
{
    size_t lo = 0, hi = sizeof TAGS / sizeof TAGS[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        /* First bytes inline: most steps end there, without a call. */
        int c = (unsigned char)name[0] - (unsigned char)TAGS[mid].name[0];
        if (c == 0 && name[0])
            c = strcmp(name + 1, TAGS[mid].name + 1);
        if (c == 0)
            return TAGS[mid].tag;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return TAG_UNKNOWN;
}

unsigned dom_tag_props(dom_tag tag)
{
    return (unsigned)tag < TAG_COUNT ? TAG_PROPS[tag] : 0;
}

bool dom_init(dom *d, arena *a, size_t nodes_hint, size_t text_hint)
{
    memset(d, 0, sizeof *d);
    d->a = a;
    /* The root, and room for small pages whatever the hints say. */
    nodes_hint += 1024;
    d->cap = nodes_hint < UINT32_MAX / 4 ? (uint32_t)nodes_hint : UINT32_MAX / 4;
    d->nodes = arena_alloc(a, d->cap * sizeof(dom_node));
    buf_init(&d->text, a, text_hint + 16 * 1024);
    if (!d->nodes || d->text.failed) {
        d->failed = true;
        return false;
    }
    d->count = 1;
    d->nodes[0].tag = TAG_ROOT;
    return true;
}

static uint32_t dom_new_node(dom *d, uint32_t parent, dom_tag tag)
{
    if (d->failed)
        return 0;
    if (d->count == d->cap) {
        if (d->cap > UINT32_MAX / 4) {
            d->failed = true;
            return 0;
        }
        uint32_t cap = d->cap * 2;
        dom_node *nodes =
            arena_realloc(d->a, d->nodes, d->cap * sizeof(dom_node), cap * sizeof(dom_node));
        if (!nodes) {
            d->failed = true;
            return 0;
        }
        d->nodes = nodes;
        d->cap = cap;
    }
    uint32_t id = d->count++;
    dom_node *n = &d->nodes[id];
    dom_node *p = &d->nodes[parent];
    memset(n, 0, sizeof *n);
    n->tag = (uint16_t)tag;
    n->parent = parent;
    n->end = id;
    n->depth = (uint16_t)(p->depth + 1);
    if (p->last_child)
        d->nodes[p->last_child].next = id;
    else
        p->first_child = id;
    p->last_child = id;
    return id;
}

uint32_t dom_add_element(dom *d, uint32_t parent, dom_tag tag)
{
    return dom_new_node(d, parent, tag);
}

void dom_close(dom *d, uint32_t node)
{
    if (node && node < d->count)
        d->nodes[node].end = d->count - 1;
}

/* Bytes of a white-space character at s (0 = not white space): ASCII white
 * space, NBSP and the Unicode spaces that render as a gap between words. */
static size_t space_len(const unsigned char *s, const unsigned char *end)
{
    unsigned char c = s[0];
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    if (c == 0xC2 && s + 1 < end && s[1] == 0xA0)
        return 2;
    if (c == 0xE2 && s + 2 < end && s[1] == 0x80 &&
        ((s[2] >= 0x80 && s[2] <= 0x8B) || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
        return 3;
    if (c == 0xE3 && s + 2 < end && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    return 0;
}

/* Invisible characters that would otherwise split a word: soft hyphen,
 * zero-width joiners, word joiner and the byte order mark. */
static size_t invisible_len(const unsigned char *s, const unsigned char *end)
{
    if (s[0] == 0xC2 && s + 1 < end && s[1] == 0xAD)
        return 2;
    if (s[0] == 0xE2 && s + 2 < end && s[1] == 0x80 && (s[2] == 0x8C || s[2] == 0x8D))
        return 3;
    if (s[0] == 0xE2 && s + 2 < end && s[1] == 0x81 && s[2] == 0xA0)
        return 3;
    if (s[0] == 0xEF && s + 2 < end && s[1] == 0xBB && s[2] == 0xBF)
        return 3;
    return 0;
}

void dom_add_text(dom *d, uint32_t parent, const char *s, size_t len)
{
    if (d->failed || !len)
        return;
    dom_node *p = &d->nodes[parent];
    uint32_t id = p->last_child;
    bool extend = id && d->nodes[id].tag == TAG_TEXT &&
                  d->nodes[id].text_off + d->nodes[id].text_len == d->text.len;
    if (!extend) {
        id = dom_new_node(d, parent, TAG_TEXT);
        if (!id)
            return;
        d->nodes[id].text_off = (uint32_t)d->text.len;
    }
    buf *t = &d->text;
    if (t->len + len + 1 > UINT32_MAX) {
        d->failed = true;
        return;
    }
    size_t before = t->len;
    bool space = extend && d->nodes[id].text_len && t->data[t->len - 1] == ' ';
    const unsigned char *u = (const unsigned char *)s, *end = u + len;
    while (u < end) {
        /* Copy the run of ordinary bytes at once. */
        const unsigned char *run = u;
        while (u<end && * u> ' ' && *u < 0x80)
            u++;
        if (u > run) {
            buf_put(t, (const char *)run, (size_t)(u - run));
            space = false;
            continue;
        }
        size_t n = space_len(u, end);
        if (n) {
            if (!space)
                buf_putc(t, ' ');
            space = true;
            u += n;
            continue;
        }
        n = invisible_len(u, end);
        if (n) {
            u += n;
            continue;
        }
        buf_putc(t, (char)*u++);
        space = false;
    }
    if (t->failed) {
        d->failed = true;
        return;
    }
    d->nodes[id].text_len += (uint32_t)(t->len - before);
}

typedef struct name_word {
    const char *word;
    uint8_t len;
    int8_t weight;
    bool prefix; /* also matches words that start with it ("comments", "sharebar") */
} name_word;

/* Words of class, id, role and itemprop values. Sites name their page
 * furniture with the same English words (WordPress, Drupal and most CMS
 * themes and ad or social plugins do), so these carry across the web.
 * Short words match exactly: "ad" must not match "header" or "adjust".
 * "next"/"prev" name the links to neighbouring posts under an article. */
static const name_word NAME_WORDS[] = {
    {"ad", 2, -3, false},           {"ads", 3, -3, false},
    {"advert", 6, -3, true},        {"affiliate", 9, -2, true},
    {"article", 7, 2, true},        {"aside", 5, -2, false},
    {"author", 6, -2, true},        {"banner", 6, -2, true},
    {"bio", 3, -2, false},          {"blog", 4, 1, false},
    {"body", 4, 1, false},          {"breadcrumb", 10, -3, true},
    {"byline", 6, -3, true},        {"caption", 7, -3, true},
    {"comment", 7, -3, true},       {"complementary", 13, -3, false},
    {"consent", 7, -3, true},       {"content", 7, 2, false},
    {"contentinfo", 11, -3, false}, {"cookie", 6, -3, true},
    {"copyright", 9, -3, true},     {"credit", 6, -3, true},
    {"disqus", 6, -3, true},        {"dropdown", 8, -2, true},
    {"entry", 5, 2, false},         {"footer", 6, -3, true},
    {"gallery", 7, -3, true},       {"gdpr", 4, -3, false},
    {"hentry", 6, 2, false},        {"login", 5, -2, true},
    {"main", 4, 2, false},          {"masthead", 8, -3, true},
    {"menu", 4, -3, true},          {"meta", 4, -2, false},
    {"modal", 5, -2, true},         {"nav", 3, -3, true},
    {"newsletter", 10, -3, true},   {"next", 4, -2, false},
    {"outbrain", 8, -4, true},      {"pagination", 10, -3, true},
    {"popular", 7, -2, true},       {"popup", 5, -3, true},
    {"post", 4, 1, false},          {"prev", 4, -2, true},
    {"promo", 5, -3, true},         {"recirc", 6, -3, true},
    {"recommend", 9, -3, true},     {"related", 7, -3, true},
    {"share", 5, -3, true},         {"sharing", 7, -3, true},
    {"sidebar", 7, -3, true},       {"signup", 6, -3, true},
    {"slideshow", 9, -3, true},     {"social", 6, -3, true},
    {"sponsor", 7, -3, true},       {"story", 5, 2, false},
    {"subscribe", 9, -3, true},     {"subscription", 12, -3, true},
    {"taboola", 7, -4, true},       {"tags", 4, -2, false},
    {"text", 4, 1, false},          {"toolbar", 7, -3, true},
    {"trending", 8, -3, true},      {"widget", 6, -2, true},
};

static int name_word_weight(const char *w, size_t n)
{
    size_t lo = 0, hi = sizeof NAME_WORDS / sizeof NAME_WORDS[0];
    /* Binary search for the last entry <= w, then check it and the entries
     * before it that are prefixes of w. */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const name_word *e = &NAME_WORDS[mid];
        /* First bytes inline: most steps end there, without a call. */
        int c = (unsigned char)e->word[0] - (unsigned char)w[0];
        if (c == 0)
            c = memcmp(e->word + 1, w + 1, (e->len < n ? e->len : n) - 1);
        if (c == 0)
            c = e->len < n ? -1 : (e->len > n ? 1 : 0);
        if (c <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i-- > 0;) {
        const name_word *e = &NAME_WORDS[i];
        if (e->word[0] != w[0])
            break;
        if (e->len <= n && memcmp(e->word, w, e->len) == 0 && (e->len == n || e->prefix))
            return e->weight;
    }
    return 0;
}

int dom_name_prior(const char *value, size_t len, uint16_t *flags)
{
    int pos = 0, neg = 0;
    char word[32];
    size_t i = 0;
    /* Long generated values (CSS-in-JS hashes, utility classes) say
     * nothing; a fixed cap keeps huge attributes linear. */
    if (len > 512)
        len = 512;
    while (i < len) {
        while (i < len &&
               !((value[i] >= 'a' && value[i] <= 'z') || (value[i] >= 'A' && value[i] <= 'Z')))
            i++;
        size_t n = 0;
        bool prev_lower = false;
        while (i < len &&
               ((value[i] >= 'a' && value[i] <= 'z') || (value[i] >= 'A' && value[i] <= 'Z'))) {
            char c = value[i];
            bool upper = c >= 'A' && c <= 'Z';
            if (upper && prev_lower)
                break; /* camelCase boundary: "relatedPosts" */
            if (n < sizeof word)
                word[n++] = upper ? (char)(c + 32) : c;
            prev_lower = !upper;
            i++;
        }
        if (n && n < sizeof word) {
            int w = name_word_weight(word, n);
            if (w > 0)
                pos += w;
            else
                neg += w;
        }
    }
    /* A widget named after what it sits in ("article-share",
     * "related-articles") is still the widget. */
    int sum = pos + neg;
    if (neg <= -3 && sum <= 0 && flags)
        *flags |= DOMN_BOILER_NAME;
    if (sum > 4)
        sum = 4;
    if (sum < -4)
        sum = -4;
    return sum;
}

bool dom_boiler_applies(const dom *d, const dom_node *n)
{
    return !(n->sub_text > d->nodes[0].sub_text / 2 && n->sub_text > 2000);
}

bool dom_finish(dom *d)
{
    if (d->failed)
        return false;
    dom_node *nodes = d->nodes;
    /* Subtree text sizes, children before parents (reverse pre-order). */
    for (uint32_t i = d->count; i-- > 1;) {
        dom_node *n = &nodes[i];
        if (n->tag == TAG_TEXT)
            n->sub_text = n->text_len;
        nodes[n->parent].sub_text += n->sub_text;
    }
    /* Inherited flags and priors, parents before children. A boilerplate
     * name on an element that holds most of the page is a page-wide class
     * ("comments-open", "has-sidebar" on a wrapper), not a widget. */
    for (uint32_t i = 1; i < d->count; i++) {
        dom_node *n = &nodes[i];
        const dom_node *p = &nodes[n->parent];
        bool wrapper = !dom_boiler_applies(d, n);
        uint16_t own = n->flags;
        n->flags = (uint16_t)((p->flags & DOMN_INHERITED) | own);
        if ((own & DOMN_BOILER_NAME) && !wrapper)
            n->flags |= DOMN_IN_BOILER;
        if (own & DOMN_ARTICLE_NAME)
            n->flags |= DOMN_IN_ARTICLE;
        int prior = wrapper && n->prior < 0 ? 0 : n->prior;
        int cum = p->cum_prior + prior;
        n->cum_prior = (int8_t)(cum > 8 ? 8 : (cum < -8 ? -8 : cum));
    }
    /* Link text per subtree. */
    for (uint32_t i = d->count; i-- > 1;) {
        dom_node *n = &nodes[i];
        if (n->tag == TAG_TEXT && (n->flags & DOMN_IN_LINK))
            n->sub_link = n->text_len;
        nodes[n->parent].sub_link += n->sub_link;
    }
    return true;
}
