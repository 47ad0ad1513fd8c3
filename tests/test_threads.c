/* Thread safety on real pages: every AEB dev page (HTML, and its scraped
 * text) is extracted once alone, then by four threads at once, each walking
 * the pages in a different order; every rendering must equal the one made
 * alone. Run under ThreadSanitizer it also finds data races.
 *
 *   test_threads AEB_DEV_DIR      (exit 77, "skipped", when it is missing) */
#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "harness.h"
#include "json_check.h"
#include "lede.h"

enum { THREADS = 4 };

typedef struct {
    char *data;
    size_t len;
    lede_input input;
    char *expected; /* JSON rendered by one thread alone */
} page;

typedef struct {
    page *pages;
    size_t count;
} page_set;

static void add_page(page_set *set, char *data, size_t len, lede_input input)
{
    set->pages = realloc(set->pages, (set->count + 1) * sizeof *set->pages);
    if (!set->pages)
        abort();
    set->pages[set->count++] = (page){data, len, input, NULL};
}

static char *read_gz(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16;
    char *data = malloc(cap);
    *len = 0;
    int n;
    while (data && (n = gzread(f, data + *len, (unsigned)(cap - *len))) > 0) {
        *len += (size_t)n;
        if (*len == cap)
            data = realloc(data, cap *= 2);
    }
    gzclose(f);
    return data;
}

static void load_html(page_set *set, const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/html", dir);
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name), len;
        if (n < 8 || strcmp(e->d_name + n - 8, ".html.gz") != 0)
            continue;
        snprintf(path, sizeof path, "%s/html/%s", dir, e->d_name);
        char *data = read_gz(path, &len);
        if (data)
            add_page(set, data, len, LEDE_INPUT_HTML);
    }
    closedir(d);
}

/* page-text.json is {ID: {"text": ...}}: every "text" becomes a page. */
static void load_texts(page_set *set, const char *dir)
{
    char path[4096];
    size_t len;
    snprintf(path, sizeof path, "%s/page-text.json", dir);
    char *json = read_gz(path, &len);
    if (!json)
        return;
    json_reader r = {json, json + len, 0};
    json_ws(&r);
    if (r.p < r.end && *r.p == '{')
        r.p++;
    for (;;) {
        json_ws(&r);
        if (!json_string(&r, NULL))
            break;
        json_ws(&r);
        if (r.p >= r.end || *r.p++ != ':')
            break;
        const char *object = r.p;
        if (!json_value(&r))
            break;
        char *text = json_get_string(object, (size_t)(r.p - object), "text");
        if (text)
            add_page(set, text, strlen(text), LEDE_INPUT_TEXT);
        json_ws(&r);
        if (r.p >= r.end || *r.p++ != ',')
            break;
    }
    free(json);
}

static char *render(const page *p)
{
    lede_options opts;
    lede_options_init(&opts);
    opts.input = p->input;
    lede_doc *doc = lede_extract(p->data, p->len, &opts);
    const char *json = doc ? lede_render(doc, LEDE_FORMAT_JSON, NULL) : NULL;
    char *copy = json ? strdup(json) : NULL;
    lede_doc_free(doc);
    return copy;
}

typedef struct {
    const page_set *set;
    size_t start;
    size_t mismatches;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    for (size_t k = 0; k < j->set->count; k++) {
        const page *p = &j->set->pages[(j->start + k) % j->set->count];
        char *json = render(p);
        if (!json || !p->expected || strcmp(json, p->expected) != 0)
            j->mismatches++;
        free(json);
    }
    return NULL;
}

static void test_concurrent_equals_alone(test_run *t, void *arg)
{
    page_set pages = *(page_set *)arg;
    for (size_t i = 0; i < pages.count; i++) {
        pages.pages[i].expected = render(&pages.pages[i]);
        CHECK(t, pages.pages[i].expected != NULL);
    }
    pthread_t threads[THREADS];
    job jobs[THREADS];
    for (size_t i = 0; i < THREADS; i++) {
        jobs[i] = (job){&pages, i * pages.count / THREADS, 0};
        CHECK(t, pthread_create(&threads[i], NULL, run_job, &jobs[i]) == 0);
    }
    for (size_t i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        if (!CHECK(t, jobs[i].mismatches == 0))
            printf("  thread %zu: %zu renderings differ from the single-threaded ones\n", i,
                   jobs[i].mismatches);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: test_threads AEB_DEV_DIR\n", stderr);
        return 2;
    }
    lede_init();
    page_set pages = {NULL, 0};
    load_html(&pages, argv[1]);
    load_texts(&pages, argv[1]);
    if (pages.count == 0) {
        printf("no pages under %s: skipped\n", argv[1]);
        return 77;
    }
    printf("%zu pages\n", pages.count);
    test_run t = {0, 0, 0};
    RUN_WITH(&t, test_concurrent_equals_alone, &pages);
    for (size_t i = 0; i < pages.count; i++) {
        free(pages.pages[i].data);
        free(pages.pages[i].expected);
    }
    free(pages.pages);
    return test_report(&t);
}
