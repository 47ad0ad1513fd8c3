#include "corpus.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pool.h"
#include "reader.h"
#include "split.h"

const char corpus_usage[] =
    "Crawl inputs (WARC, WET, JSON Lines; gzip or zstd; sniffed, or -i warc|jsonl):\n"
    "  -j, --jobs N                     worker threads (default: one per core)\n"
    "      --unordered                  write records as they finish, not in input order\n"
    "      --stats FILE                 write a JSON summary of the run to FILE\n"
    "      --max-record-bytes N         records above N bytes (K, M, G) are errors (20M)\n"
    "      --html-field NAME            JSON Lines member holding HTML (html)\n"
    "      --text-field NAME            JSON Lines member holding text (text)\n"
    "      --url-field NAME             JSON Lines member holding the URL (url)\n"
    "      --id-field NAME              JSON Lines member passed through as record_id (id)\n"
    "  -r, --recursive                  read the files under directory inputs\n"
    "      --files-from FILE            read input paths from FILE, one a line (- = stdin)\n"
    "      --dedup exact|near           mark articles whose body was already seen\n"
    "      --near-threshold X           Jaccard similarity for --dedup near (0.8)\n"
    "      --progress, --quiet          status line on stderr: force on, or off (default:\n"
    "                                   on when stderr is a terminal)\n";

void corpus_options_init(corpus_options *o)
{
    memset(o, 0, sizeof *o);
    o->input = LEDE_INPUT_AUTO;
    o->max_record_bytes = 20u * 1024 * 1024;
    o->html_field = "html";
    o->text_field = "text";
    o->url_field = "url";
    o->id_field = "id";
    o->progress = -1;
    o->near_threshold = 0.8;
    o->out = stdout;
}

static bool parse_size(const char *arg, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (errno || end == arg)
        return false;
    unsigned long long unit = 1;
    if (*end == 'K' || *end == 'k')
        unit = 1ull << 10;
    else if (*end == 'M' || *end == 'm')
        unit = 1ull << 20;
    else if (*end == 'G' || *end == 'g')
        unit = 1ull << 30;
    if (unit > 1)
        end++;
    if (*end || v == 0 || v > (1ull << 40) / unit)
        return false;
    *out = (size_t)(v * unit);
    return true;
}

int corpus_parse_input(corpus_options *o, const char *arg)
{
    if (strcmp(arg, "warc") == 0 || strcmp(arg, "wet") == 0)
        o->format = CORPUS_FORMAT_WARC;
    else if (strcmp(arg, "jsonl") == 0)
        o->format = CORPUS_FORMAT_JSONL;
    else
        return 0;
    o->requested = true;
    return 1;
}

int corpus_parse_option(corpus_options *o, int opt, const char *arg)
{
    char *end;
    switch (opt) {
    case 'j': {
        long n = strtol(arg, &end, 10);
        if (*end || n < 1 || n > 1024) {
            fprintf(stderr, "lede: bad thread count '%s'\n", arg);
            return -1;
        }
        o->threads = (int)n;
        break;
    }
    case 'r':
        o->recursive = true;
        break;
    case CORPUS_OPT_UNORDERED:
        o->unordered = true;
        break;
    case CORPUS_OPT_STATS:
        o->stats_path = arg;
        break;
    case CORPUS_OPT_MAX_RECORD_BYTES:
        if (!parse_size(arg, &o->max_record_bytes)) {
            fprintf(stderr, "lede: bad size '%s'\n", arg);
            return -1;
        }
        break;
    case CORPUS_OPT_HTML_FIELD:
        o->html_field = arg;
        break;
    case CORPUS_OPT_TEXT_FIELD:
        o->text_field = arg;
        break;
    case CORPUS_OPT_URL_FIELD:
        o->url_field = arg;
        break;
    case CORPUS_OPT_ID_FIELD:
        o->id_field = arg;
        break;
    case CORPUS_OPT_PROGRESS:
        o->progress = 1;
        return 1; /* output styling only: not a reason for crawl mode */
    case CORPUS_OPT_QUIET:
        o->progress = 0;
        return 1;
    case CORPUS_OPT_FILES_FROM:
        o->files_from = arg;
        break;
    case CORPUS_OPT_DEDUP:
        if (strcmp(arg, "exact") == 0)
            o->dedup = CORPUS_DEDUP_EXACT;
        else if (strcmp(arg, "near") == 0)
            o->dedup = CORPUS_DEDUP_NEAR;
        else {
            fprintf(stderr, "lede: unknown dedup mode '%s'\n", arg);
            return -1;
        }
        break;
    case CORPUS_OPT_NEAR_THRESHOLD: {
        double t = strtod(arg, &end);
        if (*end || !(t > 0 && t <= 1)) {
            fprintf(stderr, "lede: bad threshold '%s'\n", arg);
            return -1;
        }
        o->near_threshold = t;
        break;
    }
    default:
        return 0;
    }
    o->requested = true;
    return 1;
}

static split_format split_format_of(corpus_format f)
{
    switch (f) {
    case CORPUS_FORMAT_WARC:
        return SPLIT_WARC;
    case CORPUS_FORMAT_JSONL:
        return SPLIT_JSONL;
    case CORPUS_FORMAT_PLAIN:
        return SPLIT_PLAIN;
    default:
        return SPLIT_AUTO;
    }
}

bool corpus_wanted(const corpus_options *o, char **inputs, int n)
{
    if (o->requested || o->format != CORPUS_FORMAT_AUTO)
        return true;
    for (int i = 0; i <= n; i++) {
        /* A pipe on stdin cannot be looked at twice (it needs -i warc|jsonl),
         * but a file on stdin can: reopening it starts a new file offset. */
        const char *path = i < n ? inputs[i] : n == 0 ? "-" : NULL;
        if (!path)
            break;
        if (strcmp(path, "-") == 0) {
            struct stat st;
            if (fstat(STDIN_FILENO, &st) != 0 || !S_ISREG(st.st_mode))
                continue;
            path = "/dev/stdin";
        }
        char err[128];
        reader *r = reader_open(path, err, sizeof err);
        if (!r)
            continue;
        split_format f = split_sniff(r);
        reader_close(r);
        if (f == SPLIT_WARC || f == SPLIT_JSONL)
            return true;
    }
    return false;
}

/* ---- Input list -------------------------------------------------------- */

typedef struct input_list {
    char **paths;
    size_t count, cap;
} input_list;

static bool add_input(input_list *l, const char *path)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **p = realloc(l->paths, cap * sizeof *p);
        if (!p)
            return false;
        l->paths = p;
        l->cap = cap;
    }
    if (!(l->paths[l->count] = strdup(path)))
        return false;
    l->count++;
    return true;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the regular files under dir, in name order so runs are repeatable. */
static bool add_tree(input_list *l, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d || depth > 64) {
        if (d)
            closedir(d);
        return add_input(l, dir); /* reported as an error record */
    }
    input_list names = {0};
    struct dirent *e;
    bool ok = true;
    while (ok && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            ok = add_input(&names, e->d_name);
    closedir(d);
    if (names.count)
        qsort(names.paths, names.count, sizeof *names.paths, compare_names);
    for (size_t i = 0; i < names.count; i++) {
        size_t n = strlen(dir) + strlen(names.paths[i]) + 2;
        char *path = malloc(n);
        if (!path) {
            ok = false;
        } else {
            snprintf(path, n, "%s/%s", dir, names.paths[i]);
            struct stat st;
            if (ok && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
                ok = add_tree(l, path, depth + 1);
            else if (ok)
                ok = add_input(l, path);
            free(path);
        }
        free(names.paths[i]);
    }
    free(names.paths);
    return ok;
}

static bool add_path(input_list *l, const char *path, bool recursive)
{
    struct stat st;
    if (recursive && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return add_tree(l, path, 0);
    return add_input(l, path);
}

static bool read_files_from(input_list *l, const char *list, bool recursive)
{
    FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
    if (!f) {
        fprintf(stderr, "lede: %s: %s\n", list, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    bool ok = true;
    while (ok && (n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0)
            ok = add_path(l, line, recursive);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return ok;
}

static void free_inputs(input_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->paths[i]);
    free(l->paths);
}

/* ---- Running ----------------------------------------------------------- */

typedef struct run {
    const corpus_options *o;
    pool *pool;
    bool progress;
    struct timespec start;
    double last_progress;
    uint64_t total_size;  /* sum of the inputs' sizes, 0 when unknown */
    uint64_t raw_done;    /* compressed bytes of finished inputs */
    uint64_t stream_done; /* decompressed bytes of finished inputs */
    reader *current;
} run;

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static uint64_t raw_read(const run *r)
{
    return r->raw_done + (r->current ? reader_raw_bytes(r->current) : 0);
}

static void show_progress(run *r, const pool_counts *counts)
{
    double now = seconds_since(&r->start);
    if (!counts && now - r->last_progress < 0.5)
        return;
    r->last_progress = now;
    pool_counts c;
    if (counts)
        c = *counts;
    else
        pool_snapshot(r->pool, &c);
    double mb = (double)raw_read(r) / 1e6;
    double secs = now > 0.001 ? now : 0.001;
    fprintf(stderr, "\r%llu records, %.1f MB read, %.1f MB/s, %.1f articles/s, %llu errors",
            (unsigned long long)c.records_out, mb, mb / secs, (double)c.articles / secs,
            (unsigned long long)c.errors);
    if (r->total_size) {
        double done = (double)raw_read(r) / (double)r->total_size;
        double eta = done > 0 ? now / done - now : 0;
        fprintf(stderr, ", %.0f%%, ETA %.0fs", done * 100, eta > 0 ? eta : 0);
    }
    fputs(counts ? "\033[K\n" : "\033[K", stderr);
}

static bool emit(void *ctx, record *rec)
{
    run *r = ctx;
    bool ok = pool_submit(r->pool, rec);
    if (r->progress)
        show_progress(r, NULL);
    return ok;
}

static bool run_input(run *r, const char *path)
{
    char err[256];
    reader *rd = reader_open(path, err, sizeof err);
    if (!rd) {
        record *rec = record_new(RECORD_ERROR, path, 0);
        if (!rec)
            return false;
        rec->reason = "cannot open input";
        rec->detail = strdup(err);
        return emit(r, rec);
    }
    r->current = rd;
    split_config cfg = {split_format_of(r->o->format), r->o->max_record_bytes, emit, r};
    bool ok = split_stream(rd, path, &cfg);
    if (ok && reader_io_error(rd)) {
        record *rec = record_new(RECORD_ERROR, path, reader_offset(rd));
        if (rec) {
            rec->reason = "read error";
            rec->detail = strdup(reader_io_error(rd));
            ok = emit(r, rec);
        }
    }
    r->raw_done += reader_raw_bytes(rd);
    r->stream_done += reader_offset(rd);
    r->current = NULL;
    reader_close(rd);
    return ok;
}

static void put_reasons(FILE *f, const char *name, const reason_count *t)
{
    fprintf(f, ",\"%s\":{", name);
    for (int i = 0; i < POOL_MAX_REASONS && t[i].reason; i++) {
        sbuf key = {0};
        sbuf_put_json_string(&key, t[i].reason, strlen(t[i].reason));
        fprintf(f, "%s%s:%llu", i ? "," : "", key.data ? key.data : "\"\"",
                (unsigned long long)t[i].count);
        sbuf_free(&key);
    }
    fputc('}', f);
}

static bool write_stats(const run *r, const pool_counts *c, int threads, size_t inputs)
{
    FILE *f = fopen(r->o->stats_path, "w");
    if (!f) {
        fprintf(stderr, "lede: %s: %s\n", r->o->stats_path, strerror(errno));
        return false;
    }
    double secs = seconds_since(&r->start);
    fprintf(f,
            "{\"inputs\":%zu,\"threads\":%d,\"records_in\":%llu,\"records_out\":%llu,"
            "\"articles\":%llu,\"errors\":%llu,\"skipped\":%llu,\"duplicates\":%llu",
            inputs, threads, (unsigned long long)c->records_in, (unsigned long long)c->records_out,
            (unsigned long long)c->articles, (unsigned long long)c->errors,
            (unsigned long long)c->skipped, (unsigned long long)c->duplicates);
    put_reasons(f, "errors_by_reason", c->error_reasons);
    put_reasons(f, "skipped_by_reason", c->skip_reasons);
    fprintf(f,
            ",\"bytes_read\":%llu,\"bytes_decompressed\":%llu,\"bytes_written\":%llu,"
            "\"seconds\":%.3f,\"records_per_second\":%.1f,\"mb_per_second\":%.2f}\n",
            (unsigned long long)r->raw_done, (unsigned long long)r->stream_done,
            (unsigned long long)c->bytes_written, secs,
            secs > 0 ? (double)c->records_out / secs : 0.0,
            secs > 0 ? (double)r->raw_done / 1e6 / secs : 0.0);
    return fclose(f) == 0;
}

static int default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

int corpus_run(const corpus_options *o, char **inputs, int n)
{
    if (lede_init() != 0) {
        fputs("lede: library set-up failed\n", stderr);
        return 2;
    }
    input_list list = {0};
    bool ok = true;
    for (int i = 0; ok && i < n; i++)
        ok = add_path(&list, inputs[i], o->recursive);
    if (ok && o->files_from)
        ok = read_files_from(&list, o->files_from, o->recursive);
    if (ok && list.count == 0 && !o->files_from)
        ok = add_input(&list, "-");
    if (!ok) {
        free_inputs(&list);
        return 2;
    }
    run r = {.o = o};
    clock_gettime(CLOCK_MONOTONIC, &r.start);
    r.progress = o->progress == 1 || (o->progress == -1 && isatty(STDERR_FILENO));
    for (size_t i = 0; i < list.count; i++) {
        struct stat st;
        if (stat(list.paths[i], &st) == 0 && S_ISREG(st.st_mode))
            r.total_size += (uint64_t)st.st_size;
        else if (strcmp(list.paths[i], "-") == 0) {
            r.total_size = 0; /* unknown: no percentage */
            break;
        }
    }
    int threads = o->threads ? o->threads : default_threads();
    if (!(r.pool = pool_start(o, threads))) {
        fputs("lede: cannot start worker threads\n", stderr);
        free_inputs(&list);
        return 2;
    }
    for (size_t i = 0; ok && i < list.count; i++)
        ok = run_input(&r, list.paths[i]);
    pool_counts c;
    pool_finish(r.pool, &c);
    r.pool = NULL;
    if (r.progress)
        show_progress(&r, &c);
    if (fflush(o->out) != 0 || c.output_failed) {
        fputs("lede: write error\n", stderr);
        ok = false;
    }
    if (o->stats_path && !write_stats(&r, &c, threads, list.count))
        ok = false;
    free_inputs(&list);
    if (!ok)
        return 2;
    return c.errors ? 1 : 0;
}
