#include "html_blocks.h"

#include <string.h>

/* One open block-level element during the walk. */
typedef struct frame {
    uint32_t node;
    uint8_t kind;       /* block_kind its own text gets */
    uint8_t level;      /* heading level or list nesting */
    uint8_t list_depth; /* enclosing ul/ol */
} frame;

typedef struct walker {
    dom *d;
    block_stream *s;
    buf text;             /* the block being assembled */
    uint32_t link_len;    /* of which inside links */
    long prior_sum;       /* text bytes times their node's cum_prior */
    uint32_t boiler_len;  /* text bytes inside boilerplate elements */
    uint32_t article_len; /* text bytes inside article elements */
    size_t last_break;    /* text.len right after the last <br> (SIZE_MAX = none) */
    frame stack[DOM_MAX_DEPTH + 2];
    size_t top;
    uint32_t main_h1;
    bool failed;
} walker;

static bool is_heading(dom_tag t)
{
    return t >= TAG_H1 && t <= TAG_H6;
}

/* The kind of text directly inside a block-level element. Plain containers
 * (p, div, section) take the kind of an enclosing list item, quote or
 * caption, since sites wrap those in paragraphs; table rows are not passed
 * on, so layout tables keep their paragraphs. */
static frame frame_for(const frame *parent, uint32_t node, dom_tag tag)
{
    frame f = {node, BLOCK_PARAGRAPH, 0, parent->list_depth};
    switch (tag) {
    case TAG_H1:
    case TAG_H2:
    case TAG_H3:
    case TAG_H4:
    case TAG_H5:
    case TAG_H6:
        f.kind = BLOCK_HEADING;
        f.level = (uint8_t)(tag - TAG_H1 + 1);
        break;
    case TAG_UL:
    case TAG_OL:
    case TAG_MENU:
        if (f.list_depth < 255)
            f.list_depth++;
        break;
    case TAG_LI:
    case TAG_DT:
    case TAG_DD:
        f.kind = BLOCK_LIST_ITEM;
        f.level = f.list_depth ? f.list_depth : 1;
        break;
    case TAG_BLOCKQUOTE:
        f.kind = BLOCK_QUOTE;
        break;
    case TAG_PRE:
        f.kind = BLOCK_CODE;
        break;
    case TAG_TR:
        f.kind = BLOCK_TABLE_ROW;
        break;
    case TAG_FIGCAPTION:
    case TAG_CAPTION:
        f.kind = BLOCK_CAPTION;
        break;
    case TAG_TABLE:
        break;
    default:
        if (parent->kind != BLOCK_TABLE_ROW && parent->kind != BLOCK_PARAGRAPH) {
            f.kind = parent->kind;
            f.level = parent->level;
        }
        break;
    }
    return f;
}

static void flush(walker *w)
{
    buf *t = &w->text;
    while (t->len && (t->data[t->len - 1] == ' ' || t->data[t->len - 1] == '\n'))
        t->len--;
    w->last_break = SIZE_MAX;
    if (!t->len) {
        w->link_len = w->boiler_len = w->article_len = 0;
        w->prior_sum = 0;
        return;
    }
    const frame *f = &w->stack[w->top];
    const dom_node *n = &w->d->nodes[f->node];
    block_stream *s = w->s;
    block *b = blocks_push(s, t->data, t->len, (block_kind)f->kind);
    if (!b) {
        w->failed = true;
        return;
    }
    uint32_t len = (uint32_t)t->len;
    b->level = f->level;
    b->link_len = w->link_len > len ? len : w->link_len;
    b->dom_prior = (float)w->prior_sum / (float)len;
    b->container = n->parent;
    b->depth = n->depth;
    if (w->boiler_len * 2 > len)
        b->dom_flags |= DOMF_IN_BOILER;
    if (w->article_len * 2 > len)
        b->dom_flags |= DOMF_IN_ARTICLE;
    if (f->node == w->main_h1)
        b->dom_flags |= DOMF_H1;
    if (n->flags & DOMN_IN_MAIN)
        b->dom_flags |= DOMF_IN_MAIN;
    t->len = 0;
    w->link_len = w->boiler_len = w->article_len = 0;
    w->prior_sum = 0;
}

static bool ends_in_space(const buf *t)
{
    return t->len && (t->data[t->len - 1] == ' ' || t->data[t->len - 1] == '\n');
}

static void put_space(walker *w)
{
    buf *t = &w->text;
    if (t->len && !ends_in_space(t))
        buf_putc(t, ' ');
}

/* A single <br>: a new line inside the block, which is classified as one
 * unit (its short lines alone would look like furniture) and split into
 * paragraphs by structure. In a heading it is only a space. */
static void put_line_break(walker *w)
{
    buf *t = &w->text;
    const frame *f = &w->stack[w->top];
    if (f->kind == BLOCK_HEADING) {
        put_space(w);
        return;
    }
    while (t->len && t->data[t->len - 1] == ' ')
        t->len--;
    if (t->len && t->data[t->len - 1] != '\n')
        buf_putc(t, '\n');
}

static void put_text(walker *w, const dom_node *n)
{
    const char *s = w->d->text.data + n->text_off;
    size_t len = n->text_len;
    buf *t = &w->text;
    if (len && s[0] == ' ' && (!t->len || ends_in_space(t))) {
        s++;
        len--;
    }
    if (!len)
        return;
    buf_put(t, s, len);
    if (n->flags & DOMN_IN_LINK)
        w->link_len += (uint32_t)len;
    if (n->flags & DOMN_IN_BOILER)
        w->boiler_len += (uint32_t)len;
    if (n->flags & DOMN_IN_ARTICLE)
        w->article_len += (uint32_t)len;
    w->prior_sum += (long)n->cum_prior * (long)len;
}

/* An inline element inside running text that is nearly all link text
 * and long is a widget set into the paragraph (a person's card of recent
 * headlines, a tooltip of related links), shown on hover if at all. */
static bool inline_link_widget(const dom_node *n)
{
    return n->tag != TAG_A && n->sub_text >= 200 && n->sub_link * 10 >= n->sub_text * 9 &&
           !(n->flags & DOMN_IN_LINK);
}

/* Returns false when the element's children are to be skipped. */
static bool enter(walker *w, uint32_t id)
{
    const dom_node *n = &w->d->nodes[id];
    dom_tag tag = (dom_tag)n->tag;
    if (tag == TAG_TEXT) {
        put_text(w, n);
        return true;
    }
    unsigned props = dom_tag_props(tag);
    if (props & TAGP_BLOCK) {
        flush(w);
        if (w->top + 1 < sizeof w->stack / sizeof w->stack[0]) {
            w->stack[w->top + 1] = frame_for(&w->stack[w->top], id, tag);
            w->top++;
        }
    } else if (props & TAGP_CELL) {
        put_space(w);
    } else if (tag == TAG_BR) {
        /* Two breaks in a row separate blocks (sites without <p>
         * markup); one is a line break inside the block. */
        if (w->last_break == w->text.len) {
            flush(w);
        } else {
            put_line_break(w);
            w->last_break = w->text.len;
        }
    } else if (w->text.len && inline_link_widget(n)) {
        return false;
    }
    return true;
}

static void leave(walker *w, uint32_t id)
{
    const dom_node *n = &w->d->nodes[id];
    dom_tag tag = (dom_tag)n->tag;
    if (tag == TAG_TEXT)
        return;
    unsigned props = dom_tag_props(tag);
    if (props & TAGP_BLOCK) {
        flush(w);
        if (w->top && w->stack[w->top].node == id)
            w->top--;
    } else if (props & TAGP_CELL) {
        put_space(w);
    }
}

/* The page's main h1: the first one inside the article markup, else the
 * first outside boilerplate, else the first. */
static uint32_t find_main_h1(const dom *d)
{
    uint32_t first = 0, plain = 0;
    for (uint32_t i = 1; i < d->count; i++) {
        const dom_node *n = &d->nodes[i];
        if (n->tag != TAG_H1 || !n->sub_text)
            continue;
        if (n->flags & DOMN_IN_ARTICLE)
            return i;
        if (!first)
            first = i;
        if (!plain && !(n->flags & DOMN_IN_BOILER))
            plain = i;
    }
    return plain ? plain : first;
}

/* ---- Main content container (readability-style) ------------------------ */

static uint32_t count_commas(const char *s, uint32_t len)
{
    uint32_t c = 0;
    for (uint32_t i = 0; i < len; i++) {
        if (s[i] == ',')
            c++;
        /* U+FF0C fullwidth comma and U+3001 ideographic comma */
        else if ((unsigned char)s[i] == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBC &&
                 (unsigned char)s[i + 2] == 0x8C)
            c++;
        else if ((unsigned char)s[i] == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0x81)
            c++;
    }
    return c;
}

/* Base score of a candidate container from its tag and names. */
static float container_base(const dom_node *n)
{
    float base = 0;
    switch ((dom_tag)n->tag) {
    case TAG_DIV:
    case TAG_ARTICLE:
    case TAG_MAIN:
    case TAG_SECTION:
        base = 5;
        break;
    case TAG_PRE:
    case TAG_TD:
    case TAG_BLOCKQUOTE:
        base = 3;
        break;
    case TAG_ADDRESS:
    case TAG_OL:
    case TAG_UL:
    case TAG_DL:
    case TAG_DD:
    case TAG_DT:
    case TAG_LI:
    case TAG_FORM:
        base = -3;
        break;
    case TAG_H1:
    case TAG_H2:
    case TAG_H3:
    case TAG_H4:
    case TAG_H5:
    case TAG_H6:
    case TAG_TH:
        base = -5;
        break;
    default:
        break;
    }
    return base + 8.0f * n->prior + ((n->flags & DOMN_ARTICLE_NAME) ? 10.0f : 0.0f);
}

static bool is_container_tag(dom_tag t)
{
    return (dom_tag_props(t) & TAGP_BLOCK) && t != TAG_P && !is_heading(t) && t != TAG_PRE &&
           t != TAG_BLOCKQUOTE && t != TAG_LI && t != TAG_DT && t != TAG_DD && t != TAG_TR;
}

/* Nearest block-level ancestor of a text node: the element whose
 * paragraph the text belongs to. */
static uint32_t text_owner(const dom *d, uint32_t id)
{
    uint32_t p = d->nodes[id].parent;
    while (p && !(dom_tag_props((dom_tag)d->nodes[p].tag) & (TAGP_BLOCK | TAGP_CELL)))
        p = d->nodes[p].parent;
    return p;
}

/* Marks the subtree of root as main content. Boilerplate flags inherited
 * from outside it are dropped: the container that holds the article is
 * not furniture, whatever a wrapper around it is called. Inside it, a
 * furniture name only marks a minority of its text: widgets are inserted
 * into an article, while an element holding most of it is the article's
 * own wrapper ("gallery-body" of a photo post, "slideshow" of a list). */
static void mark_subtree(dom *d, uint32_t root)
{
    dom_node *nodes = d->nodes;
    nodes[root].flags = (uint16_t)((nodes[root].flags & ~DOMN_IN_BOILER) | DOMN_IN_MAIN);
    uint32_t most = nodes[root].sub_text / 2;
    for (uint32_t i = root + 1; i <= nodes[root].end; i++) {
        dom_node *n = &nodes[i];
        const dom_node *p = &nodes[n->parent];
        bool widget =
            (n->flags & DOMN_BOILER_NAME) && dom_boiler_applies(d, n) && n->sub_text <= most;
        bool boiler = (p->flags & DOMN_IN_BOILER) || widget;
        n->flags =
            (uint16_t)((n->flags & ~DOMN_IN_BOILER) | DOMN_IN_MAIN | (boiler ? DOMN_IN_BOILER : 0));
    }
}

/* A listing page (a blog's front page, a post followed by teasers of
 * others) puts several <article> elements in one container. The one that
 * holds the page's headline is the article; when the headline is outside
 * them all, the teasers are the nested articles and the article is the
 * rest. Marks the main content and returns true when the pattern is found. */
static bool mark_listing(dom *d, uint32_t top)
{
    uint32_t h1 = find_main_h1(d), chosen = 0, nested_text = 0;
    int articles = 0;
    dom_node *nodes = d->nodes;
    if (!h1 || h1 < top || h1 > nodes[top].end)
        return false;
    for (uint32_t i = top + 1; i <= nodes[top].end;) {
        if (nodes[i].tag != TAG_ARTICLE) {
            i++;
            continue;
        }
        if (nodes[i].sub_text > 500)
            articles++;
        nested_text += nodes[i].sub_text;
        if (h1 >= i && h1 <= nodes[i].end)
            chosen = i;
        i = nodes[i].end + 1;
    }
    if (articles < 2)
        return false;
    if (chosen) {
        mark_subtree(d, chosen);
        return true;
    }
    if (nodes[top].sub_text - nested_text < 400)
        return false;
    mark_subtree(d, top);
    for (uint32_t i = top + 1; i <= nodes[top].end; i++)
        if (nodes[i].tag == TAG_ARTICLE)
            for (uint32_t j = i; j <= nodes[i].end; j++)
                nodes[j].flags &= (uint16_t)~DOMN_IN_MAIN;
    return true;
}

/* When the page's headline sits in an <article> (or main, or
 * articleBody) with text of its own, and the best scoring container lies
 * elsewhere, that container is a list of teasers or comments that
 * outweighs a short article: the headline's article wins. */
static uint32_t prefer_headline_article(const dom *d, uint32_t top)
{
    const dom_node *nodes = d->nodes;
    uint32_t a = find_main_h1(d);
    while (a && !(nodes[a].flags & DOMN_ARTICLE_NAME))
        a = nodes[a].parent;
    if (!a || (top >= a && top <= nodes[a].end) || (a >= top && a <= nodes[top].end))
        return top;
    return nodes[a].sub_text - nodes[a].sub_link >= 500 ? a : top;
}

/* Chooses the main content container on the tree, as readability does:
 * every paragraph scores its container (1 + commas + length, less its
 * link share), and half, then a third, goes to the containers above; the
 * best container, less its own link density, wins, with the siblings that
 * score near it. Returns false when out of memory. */
static bool select_main(dom *d, arena *a, size_t *blocks_estimate)
{
    uint32_t count = d->count;
    uint32_t *text = arena_alloc(a, (size_t)count * sizeof *text);
    uint32_t *link = arena_alloc(a, (size_t)count * sizeof *link);
    uint32_t *commas = arena_alloc(a, (size_t)count * sizeof *commas);
    float *score = arena_alloc(a, (size_t)count * sizeof *score);
    uint8_t *seen = arena_alloc(a, count);
    if (!text || !link || !commas || !score || !seen)
        return false;
    /* A block starts where text changes owner (or at a <br>): the size
     * of the block array, allocated once. */
    uint32_t last_owner = UINT32_MAX;
    *blocks_estimate = 16;
    for (uint32_t i = 1; i < count; i++) {
        const dom_node *n = &d->nodes[i];
        *blocks_estimate += n->tag == TAG_BR;
        if (n->tag != TAG_TEXT || !n->text_len)
            continue;
        uint32_t o = text_owner(d, i);
        bool blank = n->text_len == 1 && d->text.data[n->text_off] == ' ';
        if (o != last_owner && !blank) {
            last_owner = o;
            ++*blocks_estimate;
        }
        text[o] += n->text_len;
        if (n->flags & DOMN_IN_LINK)
            link[o] += n->text_len;
        commas[o] += count_commas(d->text.data + n->text_off, n->text_len);
    }
    for (uint32_t i = 1; i < count; i++) {
        const dom_node *n = &d->nodes[i];
        dom_tag tag = (dom_tag)n->tag;
        if (text[i] < 25 || is_heading(tag) || tag == TAG_FIGCAPTION || tag == TAG_CAPTION)
            continue;
        float ld = (float)link[i] / (float)text[i];
        if (ld > 0.5f)
            continue;
        float size = (float)text[i] / 100.0f;
        float sc = (1.0f + (float)commas[i] + (size > 3 ? 3 : size)) * (1.0f - ld);
        /* Text straight inside a container counts for the container. */
        uint32_t up = is_container_tag(tag) ? i : n->parent;
        for (int level = 0; up && level < 5; level++, up = d->nodes[up].parent) {
            if (!seen[up]) {
                seen[up] = 1;
                score[up] = container_base(&d->nodes[up]);
            }
            score[up] += sc / (level == 0 ? 1.0f : (level == 1 ? 2.0f : 3.0f * (float)level));
        }
    }
    uint32_t top = 0;
    float best = 0;
    for (uint32_t i = 1; i < count; i++) {
        if (!seen[i])
            continue;
        const dom_node *n = &d->nodes[i];
        float ld = n->sub_text ? (float)n->sub_link / (float)n->sub_text : 0;
        score[i] *= 1.0f - ld;
        if (score[i] > best) {
            best = score[i];
            top = i;
        }
    }
    if (!top)
        return true;
    top = prefer_headline_article(d, top);
    if (mark_listing(d, top))
        return true;
    /* Siblings that score well, or hold plain prose, belong to the article
     * too (articles split by ads or inline widgets). */
    uint32_t parent = d->nodes[top].parent;
    float threshold = best * 0.2f > 10 ? best * 0.2f : 10;
    for (uint32_t c = d->nodes[parent].first_child; c; c = d->nodes[c].next) {
        const dom_node *n = &d->nodes[c];
        bool take = c == top;
        /* Another <article> beside the article is another story. */
        bool other_story = n->tag == TAG_ARTICLE && d->nodes[top].tag == TAG_ARTICLE;
        if (!take && !other_story && n->tag != TAG_TEXT && seen[c] && score[c] >= threshold)
            take = true;
        if (!take && n->tag == TAG_P && n->sub_text > 80 && n->sub_link * 4 < n->sub_text)
            take = true;
        if (take)
            mark_subtree(d, c);
    }
    /* Articles cut into sections by figures or ads repeat the markup of
     * the chosen container elsewhere: same tag, same class. */
    const dom_node *t = &d->nodes[top];
    if (!t->class_hash)
        return true;
    for (uint32_t i = 1; i < count; i++) {
        const dom_node *n = &d->nodes[i];
        if (seen[i] && n->tag == t->tag && n->class_hash == t->class_hash &&
            !(n->flags & (DOMN_IN_MAIN | DOMN_IN_BOILER)) && score[i] >= 10) {
            mark_subtree(d, i);
            i = n->end;
        }
    }
    return true;
}

/* ---- JSON-LD articleBody as a witness ---------------------------------- */

static void mark_ld_body(block_stream *s)
{
    const char *ld = s->hints.ld_body;
    if (!ld)
        return;
    for (size_t i = 0; i < s->count; i++) {
        block *b = &s->items[i];
        if (b->len < 30)
            continue;
        /* The first 40 bytes (cut at a character boundary) identify the
         * paragraph; markup or entities later in it may differ. */
        char probe[48];
        size_t n = b->len < 40 ? b->len : 40;
        while (n < b->len && ((unsigned char)b->text[n] & 0xC0) == 0x80)
            n--;
        for (size_t k = 0; k < n; k++)
            probe[k] = b->text[k] == '\n' ? ' ' : b->text[k];
        probe[n] = 0;
        if (strstr(ld, probe))
            b->dom_flags |= DOMF_IN_LD_BODY;
    }
}

static void mark_boiler_subtree(dom *d, uint32_t root)
{
    d->nodes[root].flags |= DOMN_BOILER_NAME;
    for (uint32_t i = root; i <= d->nodes[root].end; i++)
        d->nodes[i].flags |= DOMN_IN_BOILER;
}

/* Teaser cards: three or more sibling elements of one tag and class, each
 * a short text with a link in it (a headline linking elsewhere and a
 * blurb). Lists of other stories look like this on every CMS; the
 * article's own paragraphs are neither that short nor that linked. */
static bool is_card(const dom_node *m)
{
    return m->sub_text && m->sub_text < 400 && m->sub_link * 100 >= m->sub_text * 15 &&
           m->sub_link < m->sub_text;
}

static bool same_kind(const dom_node *a, const dom_node *b)
{
    return a->tag == b->tag && a->class_hash == b->class_hash;
}

static void mark_card_lists(dom *d)
{
    dom_node *nodes = d->nodes;
    for (uint32_t p = 0; p < d->count; p++) {
        if (nodes[p].tag == TAG_TEXT)
            continue;
        /* Runs of consecutive same-kind siblings (text between them
         * ignored): each child is looked at once. */
        uint32_t c = nodes[p].first_child;
        while (c) {
            if (nodes[c].tag == TAG_TEXT || !nodes[c].class_hash) {
                c = nodes[c].next;
                continue;
            }
            uint32_t run = 0, cards = 0, o = c, last = c;
            for (; o; o = nodes[o].next) {
                if (nodes[o].tag == TAG_TEXT)
                    continue;
                if (!same_kind(&nodes[o], &nodes[c]))
                    break;
                run++;
                cards += is_card(&nodes[o]);
                last = o;
            }
            if (run >= 3 && cards * 4 >= run * 3)
                for (uint32_t m = c; m; m = nodes[m].next) {
                    if (nodes[m].tag != TAG_TEXT)
                        mark_boiler_subtree(d, m);
                    if (m == last)
                        break;
                }
            c = o;
        }
    }
}

bool html_emit_blocks(dom *d, block_stream *s)
{
    mark_card_lists(d);
    size_t blocks_estimate;
    if (!select_main(d, d->a, &blocks_estimate))
        return false;
    if (s->count == 0 && s->cap < blocks_estimate) {
        block *items = arena_alloc(s->a, blocks_estimate * sizeof *items);
        if (!items)
            return false;
        s->items = items;
        s->cap = blocks_estimate;
    }
    walker w;
    memset(&w, 0, sizeof w);
    w.d = d;
    w.s = s;
    w.last_break = SIZE_MAX;
    w.main_h1 = find_main_h1(d);
    buf_init(&w.text, d->a, 4096); /* the tree's arena: scratch, like the tree */
    w.stack[0].node = 0;
    w.stack[0].kind = BLOCK_PARAGRAPH;
    uint32_t n = d->nodes[0].first_child;
    while (n && !w.failed) {
        if (enter(&w, n) && d->nodes[n].first_child) {
            n = d->nodes[n].first_child;
            continue;
        }
        for (;;) {
            leave(&w, n);
            if (d->nodes[n].next) {
                n = d->nodes[n].next;
                break;
            }
            n = d->nodes[n].parent;
            if (!n)
                break;
        }
    }
    flush(&w);
    if (w.failed || w.text.failed)
        return false;
    mark_ld_body(s);
    return true;
}
