/*
 * lede-bench: times the library (not process start-up) over the AEB dev
 * pages held in memory, single-threaded.
 *
 *   lede-bench [--mode html|text] [--data DIR] [--rounds N] [--format F]
 *
 * html mode reads every DIR/html/ID.html.gz (gunzipped with zlib); text mode reads
 * the "text" of every page in DIR/page-text.json. Each round extracts every
 * page, renders it and frees it; the report gives the median and best round
 * as pages/s and MB/s of input, the quotes stage's share of the CPU time and
 * its time a page (each round is paired with one that skips it), and the
 * peak resident set size.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <zlib.h>

#include "lede.h"

typedef struct {
    char *data;
    size_t len;
} page;

typedef struct {
    page *items;
    size_t count, cap;
    size_t bytes;
} page_list;

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "lede-bench: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p)
        die("out of memory", NULL);
    return p;
}

static void page_list_add(page_list *pages, char *data, size_t len)
{
    if (pages->count == pages->cap) {
        pages->cap = pages->cap ? 2 * pages->cap : 64;
        pages->items = xrealloc(pages->items, pages->cap * sizeof *pages->items);
    }
    pages->items[pages->count].data = data;
    pages->items[pages->count].len = len;
    pages->count++;
    pages->bytes += len;
}

/* Reads a whole (possibly gzipped) file; zlib passes plain files through. */
static char *read_gz(const char *path, size_t *len_out)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        die("cannot open", path);
    size_t cap = 1 << 16, len = 0;
    char *data = xrealloc(NULL, cap);
    for (;;) {
        if (len == cap) {
            cap *= 2;
            data = xrealloc(data, cap);
        }
        int n = gzread(f, data + len, (unsigned)(cap - len));
        if (n < 0)
            die("cannot decompress", path);
        if (n == 0)
            break;
        len += (size_t)n;
    }
    gzclose(f);
    *len_out = len;
    return data;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_html(const char *dir, page_list *pages)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/html", dir);
    DIR *d = opendir(path);
    if (!d)
        die("cannot open directory", path);
    char **names = NULL;
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n > 8 && strcmp(e->d_name + n - 8, ".html.gz") == 0) {
            names = xrealloc(names, (count + 1) * sizeof *names);
            names[count++] = strdup(e->d_name);
        }
    }
    closedir(d);
    /* Sorted so that every run feeds the pages in the same order. */
    qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        size_t len;
        snprintf(path, sizeof path, "%s/html/%s", dir, names[i]);
        char *data = read_gz(path, &len);
        page_list_add(pages, data, len);
        free(names[i]);
    }
    free(names);
}

/* ---- A JSON reader just large enough for page-text.json ---------------- */

typedef struct {
    const char *p, *end;
} json_in;

static void skip_ws(json_in *in)
{
    while (in->p < in->end && (*in->p == ' ' || *in->p == '\n' || *in->p == '\r' || *in->p == '\t'))
        in->p++;
}

static int expect(json_in *in, char c)
{
    skip_ws(in);
    if (in->p < in->end && *in->p == c) {
        in->p++;
        return 1;
    }
    return 0;
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Parses a JSON string; returns a malloc'd UTF-8 copy (NULL on error).
 * Decoded text is never longer than its escaped form, so one buffer of the
 * source length suffices. */
static char *read_string(json_in *in, size_t *len_out)
{
    if (!expect(in, '"'))
        return NULL;
    const char *start = in->p;
    while (in->p < in->end && *in->p != '"')
        in->p += (*in->p == '\\') ? 2 : 1;
    if (in->p >= in->end)
        return NULL;
    char *out = xrealloc(NULL, (size_t)(in->p - start) + 1);
    size_t n = 0;
    for (const char *s = start; s < in->p; s++) {
        if (*s != '\\') {
            out[n++] = *s;
            continue;
        }
        s++;
        switch (*s) {
        case 'n':
            out[n++] = '\n';
            break;
        case 't':
            out[n++] = '\t';
            break;
        case 'r':
            out[n++] = '\r';
            break;
        case 'b':
            out[n++] = '\b';
            break;
        case 'f':
            out[n++] = '\f';
            break;
        case 'u': {
            unsigned cp, lo;
            if (in->p - s < 5 || !hex4(s + 1, &cp))
                goto fail;
            s += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && in->p - s >= 7 && s[1] == '\\' && s[2] == 'u' &&
                hex4(s + 3, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                s += 6;
            } else if (cp >= 0xD800 && cp < 0xE000) {
                cp = 0xFFFD; /* a lone surrogate */
            }
            n += put_utf8(out + n, cp);
            break;
        }
        default:
            out[n++] = *s;
            break; /* \" \\ \/ */
        }
    }
    in->p++;
    out[n] = '\0';
    *len_out = n;
    return out;
fail:
    free(out);
    return NULL;
}

/* {ID: {"text": "...", ...}, ...}: every "text" value becomes a page. */
static void load_text(const char *dir, page_list *pages)
{
    char path[4096];
    size_t len, slen;
    snprintf(path, sizeof path, "%s/page-text.json", dir);
    char *json = read_gz(path, &len);
    json_in in = {json, json + len};
    if (!expect(&in, '{'))
        die("not a JSON object", path);
    while (!expect(&in, '}')) {
        free(read_string(&in, &slen));
        if (!expect(&in, ':') || !expect(&in, '{'))
            die("unexpected JSON layout", path);
        while (!expect(&in, '}')) {
            char *key = read_string(&in, &slen);
            char *value;
            if (!key || !expect(&in, ':') || !(value = read_string(&in, &slen)))
                die("unexpected JSON layout (string values expected)", path);
            if (strcmp(key, "text") == 0)
                page_list_add(pages, value, slen);
            else
                free(value);
            free(key);
            expect(&in, ',');
        }
        expect(&in, ',');
    }
    free(json);
}

/* ---- Timing -------------------------------------------------------------- */

static double clock_seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct {
    size_t output_bytes, failed, empty;
} round_result;

static round_result run_round(const page_list *pages, const lede_options *opts, lede_format format)
{
    round_result r = {0, 0, 0};
    for (size_t i = 0; i < pages->count; i++) {
        lede_doc *doc = lede_extract(pages->items[i].data, pages->items[i].len, opts);
        if (!doc)
            die("lede_extract returned NULL", NULL);
        size_t len = 0;
        lede_render(doc, format, &len);
        r.output_bytes += len;
        if (lede_doc_status(doc) != LEDE_OK)
            r.failed++;
        else if (lede_doc_paragraph_count(doc) == 0)
            r.empty++;
        lede_doc_free(doc);
    }
    return r;
}

static void usage(void)
{
    fputs("usage: lede-bench [--mode html|text] [--data DIR] [--rounds N] "
          "[--format json|text|markdown]\n"
          "  DIR defaults to ../shared/data/aeb-dev; N to 10\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *mode = "html", *dir = "../shared/data/aeb-dev";
    lede_format format = LEDE_FORMAT_JSON;
    long rounds = 10;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!val)
            usage();
        if (strcmp(arg, "--mode") == 0)
            mode = val;
        else if (strcmp(arg, "--data") == 0)
            dir = val;
        else if (strcmp(arg, "--rounds") == 0)
            rounds = strtol(val, NULL, 10);
        else if (strcmp(arg, "--format") == 0)
            format = strcmp(val, "text") == 0       ? LEDE_FORMAT_TEXT
                     : strcmp(val, "markdown") == 0 ? LEDE_FORMAT_MARKDOWN
                                                    : LEDE_FORMAT_JSON;
        else
            usage();
        i++;
    }
    if (rounds < 1 || (strcmp(mode, "html") != 0 && strcmp(mode, "text") != 0))
        usage();

    if (lede_init() != 0)
        die("lede_init failed", NULL);
    page_list pages = {0};
    lede_options opts;
    lede_options_init(&opts);
    if (strcmp(mode, "html") == 0) {
        load_html(dir, &pages);
        opts.input = LEDE_INPUT_HTML;
    } else {
        load_text(dir, &pages);
        opts.input = LEDE_INPUT_TEXT;
    }
    if (pages.count == 0)
        die("no pages found in", dir);

    /* One untimed round warms caches and the allocator. */
    round_result first = run_round(&pages, &opts, format);
    /* Wall clock is the measure; the thread's CPU time is printed beside
     * it because on a shared machine other processes inflate wall time. */
    /* Each round is followed by one without the quotes stage, so that
     * the stage's share is measured under the same machine load. */
    lede_options bare = opts;
    bare.no_quotes = 1;
    run_round(&pages, &bare, format);
    double *times = xrealloc(NULL, (size_t)rounds * sizeof *times);
    double *cpu = xrealloc(NULL, (size_t)rounds * sizeof *cpu);
    double *cpu_bare = xrealloc(NULL, (size_t)rounds * sizeof *cpu_bare);
    for (long r = 0; r < rounds; r++) {
        double t0 = clock_seconds(CLOCK_MONOTONIC);
        double c0 = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
        run_round(&pages, &opts, format);
        cpu[r] = clock_seconds(CLOCK_THREAD_CPUTIME_ID) - c0;
        times[r] = clock_seconds(CLOCK_MONOTONIC) - t0;
        c0 = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
        run_round(&pages, &bare, format);
        cpu_bare[r] = clock_seconds(CLOCK_THREAD_CPUTIME_ID) - c0;
    }
    qsort(times, (size_t)rounds, sizeof *times, compare_doubles);
    qsort(cpu, (size_t)rounds, sizeof *cpu, compare_doubles);
    qsort(cpu_bare, (size_t)rounds, sizeof *cpu_bare, compare_doubles);
    double median = times[rounds / 2], best = times[0], cpu_median = cpu[rounds / 2];
    double bare_median = cpu_bare[rounds / 2];
    double mb = (double)pages.bytes / 1e6;

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("lede-bench %s: %zu pages, %.2f MB in memory, %ld rounds, %zu failed, %zu empty\n", mode,
           pages.count, mb, rounds, first.failed, first.empty);
    printf("median round %.1f ms: %.0f pages/s, %.1f MB/s\n", median * 1e3,
           (double)pages.count / median, mb / median);
    printf("best round   %.1f ms: %.0f pages/s, %.1f MB/s\n", best * 1e3,
           (double)pages.count / best, mb / best);
    printf("median CPU   %.1f ms: %.0f pages/s, %.1f MB/s\n", cpu_median * 1e3,
           (double)pages.count / cpu_median, mb / cpu_median);
    /* The share moves with the rest of the pipeline's cost as much as with
     * the stage's own: its time a page is printed beside it. */
    printf("quotes stage +%.1f%% CPU a page, %.1f us (median CPU %.1f ms with --no-quotes)\n",
           100.0 * (cpu_median - bare_median) / bare_median,
           (cpu_median - bare_median) / (double)pages.count * 1e6, bare_median * 1e3);
    /* On a virtual machine whose neighbours come and go, the medians of
     * two builds can differ by more than a change's effect; the fastest
     * rounds of each kind are the steadier comparison. */
    printf("quotes stage +%.1f%% CPU a page, %.1f us by the fastest rounds (%.1f and %.1f ms)\n",
           100.0 * (cpu[0] - cpu_bare[0]) / cpu_bare[0],
           (cpu[0] - cpu_bare[0]) / (double)pages.count * 1e6, cpu[0] * 1e3, cpu_bare[0] * 1e3);
    printf("peak RSS %.1f MB (input %.1f MB)\n", (double)ru.ru_maxrss / 1024.0, mb);

    for (size_t i = 0; i < pages.count; i++)
        free(pages.items[i].data);
    free(pages.items);
    free(times);
    free(cpu);
    free(cpu_bare);
    return 0;
}
