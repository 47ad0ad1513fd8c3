#include "jsonld.h"

#include <jansson.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/text.h"
#include "authors.h"

/* How deep into nested objects the article is looked for. */
enum { MAX_LD_DEPTH = 8 };

/* Article types rank above pages and other things with a headline. */
static int type_rank(json_t *obj)
{
    static const char *const article_types[] = {"NewsArticle",
                                                "Article",
                                                "BlogPosting",
                                                "ReportageNewsArticle",
                                                "AnalysisNewsArticle",
                                                "OpinionNewsArticle",
                                                "ReviewNewsArticle",
                                                "BackgroundNewsArticle",
                                                "ScholarlyArticle",
                                                "TechArticle",
                                                "LiveBlogPosting",
                                                "SocialMediaPosting",
                                                "Report",
                                                "Review",
                                                "Blog",
                                                "DiscussionForumPosting"};
    json_t *type = json_object_get(obj, "@type");
    int best = json_object_get(obj, "headline") ? 1 : 0;
    for (size_t i = 0; i < (json_is_array(type) ? json_array_size(type) : 1); i++) {
        json_t *t = json_is_array(type) ? json_array_get(type, i) : type;
        const char *s = json_string_value(t);
        if (!s)
            continue;
        for (size_t k = 0; k < sizeof article_types / sizeof *article_types; k++)
            if (strcmp(s, article_types[k]) == 0)
                return 3;
        if (strstr(s, "Article") || strstr(s, "Posting"))
            return 3;
        if (strcmp(s, "WebPage") == 0 || strcmp(s, "ItemPage") == 0 || strstr(s, "Object"))
            best = best > 2 ? best : 2;
    }
    return best;
}

static void find_article(json_t *v, int depth, json_t **best, int *best_rank)
{
    if (depth > MAX_LD_DEPTH)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) find_article(item, depth + 1, best, best_rank);
        return;
    }
    if (!json_is_object(v))
        return;
    int rank = type_rank(v);
    /* The first object of the best rank: later ones are related stories. */
    if (rank > *best_rank) {
        *best = v;
        *best_rank = rank;
    }
    json_t *graph = json_object_get(v, "@graph");
    if (graph)
        find_article(graph, depth + 1, best, best_rank);
    json_t *main = json_object_get(v, "mainEntity");
    if (main)
        find_article(main, depth + 1, best, best_rank);
}

static const char *dup_text(arena *a, const char *s)
{
    return s ? text_collapse_dup(a, s, strlen(s)) : NULL;
}

/* A string, or the first string of an array, or an object's name/url. */
static const char *string_of(arena *a, json_t *v, const char *member)
{
    if (json_is_array(v))
        v = json_array_get(v, 0);
    if (json_is_object(v) && member)
        v = json_object_get(v, member);
    if (json_is_array(v))
        v = json_array_get(v, 0);
    return dup_text(a, json_string_value(v));
}

static bool type_is(json_t *obj, const char *name)
{
    json_t *type = json_object_get(obj, "@type");
    if (json_is_array(type))
        type = json_array_get(type, 0);
    const char *s = json_string_value(type);
    return s && strcmp(s, name) == 0;
}

static void add_person(arena *a, ld_info *out, const char *name)
{
    const char *names[LD_MAX_NAMES];
    size_t n = meta_split_names(a, name, names, LD_MAX_NAMES);
    for (size_t i = 0; i < n && out->person_count < LD_MAX_NAMES; i++)
        out->persons[out->person_count++] = names[i];
}

static void read_authors(arena *a, json_t *v, ld_info *out, int depth)
{
    if (depth > 3)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) read_authors(a, item, out, depth + 1);
        return;
    }
    if (json_is_string(v)) {
        add_person(a, out, json_string_value(v));
        return;
    }
    if (!json_is_object(v))
        return;
    const char *name = string_of(a, json_object_get(v, "name"), NULL);
    if (!name) {
        const char *given = string_of(a, json_object_get(v, "givenName"), NULL);
        const char *family = string_of(a, json_object_get(v, "familyName"), NULL);
        if (given && family) {
            buf b;
            buf_init(&b, a, 64);
            buf_printf(&b, "%s %s", given, family);
            name = buf_cstr(&b);
        }
    }
    if (!name)
        return;
    if (type_is(v, "Organization") || type_is(v, "NewsMediaOrganization")) {
        if (out->org_count < 4)
            out->orgs[out->org_count++] = name;
    } else {
        add_person(a, out, name);
    }
}

static void read_keywords(arena *a, json_t *v, ld_info *out)
{
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item)
        {
            const char *k = dup_text(a, json_string_value(item));
            if (k && out->keyword_count < LD_MAX_KEYWORDS)
                out->keywords[out->keyword_count++] = k;
        }
        return;
    }
    const char *s = json_string_value(v);
    while (s && *s && out->keyword_count < LD_MAX_KEYWORDS) {
        const char *e = strchr(s, ',');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        const char *k = text_collapse_dup(a, s, n);
        if (k)
            out->keywords[out->keyword_count++] = k;
        s = e ? e + 1 : NULL;
    }
}

static void read_article(arena *a, json_t *obj, ld_info *out)
{
    out->headline = string_of(a, json_object_get(obj, "headline"), NULL);
    if (!out->headline && type_rank(obj) == 3)
        out->headline = string_of(a, json_object_get(obj, "name"), NULL);
    out->description = string_of(a, json_object_get(obj, "description"), NULL);
    out->date_published = string_of(a, json_object_get(obj, "datePublished"), NULL);
    if (!out->date_published)
        out->date_published = string_of(a, json_object_get(obj, "dateCreated"), NULL);
    if (!out->date_published)
        out->date_published = string_of(a, json_object_get(obj, "uploadDate"), NULL);
    out->date_modified = string_of(a, json_object_get(obj, "dateModified"), NULL);
    out->section = string_of(a, json_object_get(obj, "articleSection"), NULL);
    out->image = string_of(a, json_object_get(obj, "image"), "url");
    if (!out->image)
        out->image = string_of(a, json_object_get(obj, "thumbnailUrl"), NULL);
    out->url = string_of(a, json_object_get(obj, "url"), NULL);
    if (!out->url)
        out->url = string_of(a, json_object_get(obj, "mainEntityOfPage"), "@id");
    out->site_name = string_of(a, json_object_get(obj, "publisher"), "name");
    out->language = string_of(a, json_object_get(obj, "inLanguage"), NULL);
    json_t *author = json_object_get(obj, "author");
    if (!author)
        author = json_object_get(obj, "creator");
    read_authors(a, author, out, 0);
    read_keywords(a, json_object_get(obj, "keywords"), out);
}

/* Common breakage: HTML comment or CDATA wrappers, raw control
 * characters inside strings, trailing commas. Returns a repaired copy. */
static char *repair(arena *a, const char *s, size_t len, size_t *out_len)
{
    char *out = arena_alloc(a, len + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\' && i + 1 < len) {
                out[n++] = c;
                out[n++] = s[++i];
                continue;
            }
            if (c == '"')
                in_string = false;
            out[n++] = (unsigned char)c < 0x20 ? ' ' : c;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == ',') {
            size_t j = i + 1;
            while (j < len && (s[j] == ' ' || s[j] == '\n' || s[j] == '\r' || s[j] == '\t'))
                j++;
            if (j < len && (s[j] == '}' || s[j] == ']'))
                continue;
        }
        out[n++] = c;
    }
    out[n] = 0;
    *out_len = n;
    return out;
}

/* Parses every JSON value in s[0..len) and looks for the article. */
static void parse_values(const char *s, size_t len, json_t **roots, size_t *count, size_t max)
{
    while (len && *count < max) {
        while (len && *s != '{' && *s != '[')
            s++, len--;
        if (!len)
            break;
        json_error_t err;
        json_t *v = json_loadb(s, len, JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &err);
        if (!v)
            break;
        roots[(*count)++] = v;
        size_t used = (size_t)err.position;
        if (used == 0 || used > len)
            break;
        s += used, len -= used;
    }
}

void meta_jsonld(arena *a, const meta_evidence *m, ld_info *out)
{
    memset(out, 0, sizeof *out);
    if (!m || !m->ld_count)
        return;
    json_t *roots[META_MAX_LD * 2];
    size_t count = 0;
    for (size_t i = 0; i < m->ld_count; i++) {
        const char *s = m->ld[i];
        /* Breadcrumbs, logos and search boxes need no parsing. */
        if (!strstr(s, "headline") && !strstr(s, "Article") && !strstr(s, "author") &&
            !strstr(s, "datePublished") && !strstr(s, "@graph") && !strstr(s, "WebSite") &&
            !strstr(s, "NewsMediaOrganization") && !strstr(s, "Posting"))
            continue;
        size_t len = strlen(s), before = count;
        parse_values(s, len, roots, &count, sizeof roots / sizeof *roots);
        if (count == before) {
            size_t fixed_len;
            char *fixed = repair(a, s, len, &fixed_len);
            if (fixed)
                parse_values(fixed, fixed_len, roots, &count, sizeof roots / sizeof *roots);
        }
    }
    json_t *best = NULL;
    int rank = 0;
    for (size_t i = 0; i < count; i++)
        find_article(roots[i], 0, &best, &rank);
    if (best)
        read_article(a, best, out);
    /* The site's name also sits in a WebSite or Organization object. */
    for (size_t i = 0; i < count && !out->site_name; i++) {
        json_t *v = roots[i];
        if (json_is_object(v) && (type_is(v, "WebSite") || type_is(v, "NewsMediaOrganization")))
            out->site_name = string_of(a, json_object_get(v, "name"), NULL);
    }
    for (size_t i = 0; i < count; i++)
        json_decref(roots[i]);
}
