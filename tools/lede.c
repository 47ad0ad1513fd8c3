/* lede command-line tool: parses options, reads each input (uncompressing
 * gzip and zstd) and prints what the library extracts. All extraction logic lives
 * in the library; this file only moves bytes. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus.h"
#include "corpus/reader.h"
#include "lede.h"

/* The library refuses inputs above lede_options.max_bytes (64 MiB by
 * default); reading stops one byte past it, so a huge stream or a
 * decompression bomb costs no more memory than that before being refused. */
enum { INPUT_LIMIT = 64 * 1024 * 1024, READ_CHUNK = 64 * 1024 };

enum { EXIT_FAILED = 1, EXIT_USAGE = 2 };

typedef struct cli {
    lede_input input;
    lede_format format;
    const char *url;
    FILE *out;
    bool no_quotes;
} cli;

typedef struct bytes {
    char *data;
    size_t len;
    size_t cap;
} bytes;

static void usage(FILE *f)
{
    fputs("Usage: lede [OPTIONS] [FILE|-]...\n"
          "Extract the article (title, deck, dateline, body) from news pages, HTML or\n"
          "scraped text, plain or compressed with gzip or zstd. No FILE, or -, reads stdin.\n"
          "\n"
          "  -i, --input auto|html|text       input kind (default: auto, sniffed)\n"
          "  -f, --format json|text|markdown|html\n"
          "                                   output format (default: json, one JSON\n"
          "                                   object per line and input; html: a\n"
          "                                   reader view page)\n"
          "      --explain                    an HTML report of every block with its\n"
          "                                   decision, score and evidence, e.g.\n"
          "                                   lede --explain page.html -o report.html\n"
          "      --no-quotes                  skip quotes, people and places (faster)\n"
          "  -u, --url URL                    the page's URL (a single input only)\n"
          "  -o, --output FILE                write to FILE instead of standard output\n"
          "  -h, --help                       show this help and exit\n"
          "  -V, --version                    show the version and exit\n"
          "\n",
          f);
    fputs(corpus_usage, f);
    fputs("\n"
          "Exit status: 0 when every input was extracted, 1 when any failed,\n"
          "2 on a usage error.\n",
          f);
}

/* Makes room for at least `more` bytes after len, doubling so that reading
 * a large stream costs linear time. */
static bool reserve(bytes *b, size_t more)
{
    if (b->cap - b->len >= more)
        return true;
    size_t cap = b->cap ? b->cap : READ_CHUNK;
    while (cap - b->len < more)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return false;
    b->data = p;
    b->cap = cap;
    return true;
}

/* Reads all of path ("-" = standard input), uncompressing gzip or zstd,
 * up to INPUT_LIMIT + 1 bytes. Returns NULL, or the reason it failed in err.
 * Unlike crawl mode, damage anywhere fails the whole input: one page cut
 * short is not the page. */
static const char *read_input(const char *path, bytes *b, char *err, size_t errlen)
{
    reader *r = reader_open(path, err, errlen);
    if (!r)
        return err;
    /* A plain file's size is known: one allocation of the right size (the
     * extra byte sees the end of the file), no copying. */
    err[0] = '\0';
    uint64_t size = reader_file_size(r);
    if (reader_codec_of(r) == READER_PLAIN && size >= READ_CHUNK) {
        b->cap = size < INPUT_LIMIT ? (size_t)size + 1 : INPUT_LIMIT + 1;
        if (!(b->data = malloc(b->cap)))
            snprintf(err, errlen, "out of memory");
    }
    while (!err[0] && b->len <= INPUT_LIMIT) {
        if (!reserve(b, READ_CHUNK)) {
            snprintf(err, errlen, "out of memory");
            break;
        }
        size_t want = b->cap - b->len;
        if (want > INPUT_LIMIT + 1 - b->len)
            want = INPUT_LIMIT + 1 - b->len;
        size_t n = reader_read(r, b->data + b->len, want);
        b->len += n;
        if (n == want)
            continue;
        reader_event damage;
        if (reader_take_event(r, &damage))
            snprintf(err, errlen, "%s", damage.reason);
        else if (reader_io_error(r))
            snprintf(err, errlen, "%s", reader_io_error(r));
        break;
    }
    reader_close(r);
    return err[0] ? err : NULL;
}

/* Length of the valid UTF-8 character at s, or 0 when s starts no valid one. */
static size_t utf8_char_len(const unsigned char *s, size_t len)
{
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    if (s[0] < 0xC2 || s[0] > 0xF4 || len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    }
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return n;
}

/* Writes s as a JSON string; bytes that are not UTF-8 (a file name can hold
 * any) become U+FFFD so that the output stays valid JSON. */
static void put_json_string(FILE *f, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t len = strlen(str);
    fputc('"', f);
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        size_t n;
        if (c == '"' || c == '\\') {
            fprintf(f, "\\%c", c);
            i++;
        } else if (c < 0x20) {
            fprintf(f, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            fputc(c, f);
            i++;
        } else if ((n = utf8_char_len(s + i, len - i)) > 0) {
            fwrite(s + i, 1, n, f);
            i += n;
        } else {
            fputs("\xEF\xBF\xBD", f);
            i++;
        }
    }
    fputc('"', f);
}

/* An input that never reached the library: the reason goes to standard
 * error and, in JSON, also into the output as its record. */
static void report_failure(const cli *c, const char *source, const char *reason)
{
    fprintf(stderr, "lede: %s: %s\n", source, reason);
    if (c->format != LEDE_FORMAT_JSON)
        return;
    fputs("{\"source\":", c->out);
    put_json_string(c->out, source);
    if (c->url) {
        fputs(",\"url\":", c->out);
        put_json_string(c->out, c->url);
    }
    fputs(",\"error\":", c->out);
    put_json_string(c->out, reason);
    fputs("}\n", c->out);
}

/* Extracts the article from b and prints it; true on success. The input
 * is freed once extracted, before the output is rendered beside the
 * document. */
static bool extract_and_print(const cli *c, const char *source, bytes *b)
{
    lede_options opts;
    lede_options_init(&opts);
    opts.input = c->input;
    opts.url = c->url;
    opts.source = source;
    opts.no_quotes = c->no_quotes;
    lede_doc *doc = lede_extract(b->data, b->len, &opts);
    free(b->data);
    b->data = NULL;
    if (!doc) {
        report_failure(c, source, "out of memory");
        return false;
    }
    bool ok = lede_doc_status(doc) == LEDE_OK;
    if (!ok)
        fprintf(stderr, "lede: %s: %s\n", source, lede_doc_error(doc));
    if (ok || c->format == LEDE_FORMAT_JSON) {
        size_t len;
        const char *text = lede_render(doc, c->format, &len);
        if (text) {
            fwrite(text, 1, len, c->out);
            if (c->format == LEDE_FORMAT_JSON)
                fputc('\n', c->out);
        } else {
            ok = false;
            fprintf(stderr, "lede: %s: out of memory\n", source);
        }
    }
    lede_doc_free(doc);
    return ok;
}

/* Reads one input (a path or "-") and processes it; true on success. */
static bool process(const cli *c, const char *path)
{
    bytes b = {NULL, 0, 0};
    char err[256];
    const char *why = read_input(path, &b, err, sizeof err);
    bool ok = false;
    if (why)
        report_failure(c, path, why);
    else
        ok = extract_and_print(c, path, &b);
    free(b.data);
    return ok;
}

static int parse_choice(const char *arg, const char *const *names, int count)
{
    for (int i = 0; i < count; i++) {
        if (strcmp(arg, names[i]) == 0)
            return i;
    }
    return -1;
}

int main(int argc, char **argv)
{
    /* In the order of the lede_input and lede_format enums. */
    static const char *const inputs[] = {"auto", "html", "text"};
    static const char *const formats[] = {"json", "text", "markdown", "html"};
    static const struct option long_options[] = {{"input", required_argument, NULL, 'i'},
                                                 {"format", required_argument, NULL, 'f'},
                                                 {"url", required_argument, NULL, 'u'},
                                                 {"output", required_argument, NULL, 'o'},
                                                 {"help", no_argument, NULL, 'h'},
                                                 {"version", no_argument, NULL, 'V'},
                                                 {"explain", no_argument, NULL, 'E'},
                                                 {"no-quotes", no_argument, NULL, 'Q'},
                                                 CORPUS_LONG_OPTIONS,
                                                 {NULL, 0, NULL, 0}};
    cli c = {LEDE_INPUT_AUTO, LEDE_FORMAT_JSON, NULL, stdout, false};
    const char *output = NULL;
    int opt, choice;
    corpus_options crawl;
    corpus_options_init(&crawl);
    while ((opt = getopt_long(argc, argv, "i:f:u:o:hV" CORPUS_SHORT_OPTIONS, long_options, NULL)) !=
           -1) {
        switch (opt) {
        case 'i':
            if (corpus_parse_input(&crawl, optarg))
                break;
            if ((choice = parse_choice(optarg, inputs, 3)) < 0) {
                fprintf(stderr, "lede: unknown input kind '%s' (auto, html or text)\n", optarg);
                return EXIT_USAGE;
            }
            c.input = (lede_input)choice;
            break;
        case 'f':
            if ((choice = parse_choice(optarg, formats, 4)) < 0) {
                fprintf(stderr, "lede: unknown format '%s' (json, text, markdown or html)\n",
                        optarg);
                return EXIT_USAGE;
            }
            c.format = (lede_format)choice;
            break;
        case 'u':
            c.url = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            usage(stdout);
            return EXIT_SUCCESS;
        case 'V':
            printf("lede %s\n", lede_version());
            return EXIT_SUCCESS;
        case 'E':
            c.format = LEDE_FORMAT_EXPLAIN;
            break;
        case 'Q':
            c.no_quotes = true;
            break;
        default:
            if ((choice = corpus_parse_option(&crawl, opt, optarg)) > 0)
                break;
            if (choice == 0)
                fputs("Try 'lede --help' for more information.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (c.url && argc - optind > 1) {
        fputs("lede: --url names one page, but several inputs were given\n", stderr);
        return EXIT_USAGE;
    }
    if (output && !(c.out = fopen(output, "wb"))) {
        fprintf(stderr, "lede: %s: %s\n", output, strerror(errno));
        return EXIT_USAGE;
    }
    if (lede_init() != 0) {
        fputs("lede: cannot initialise the library\n", stderr);
        return EXIT_FAILED;
    }
    /* WARC, WET and JSON Lines inputs (or crawl options) go to crawl mode. */
    if (corpus_wanted(&crawl, argv + optind, argc - optind)) {
        if (c.format != LEDE_FORMAT_JSON) {
            fputs("lede: crawl inputs give JSON Lines only\n", stderr);
            return EXIT_USAGE;
        }
        crawl.input = c.input;
        crawl.no_quotes = c.no_quotes;
        crawl.out = c.out;
        int status = corpus_run(&crawl, argv + optind, argc - optind);
        if (c.out != stdout && fclose(c.out) != 0)
            status = EXIT_USAGE;
        return status;
    }
    bool all_ok = true;
    if (optind == argc)
        all_ok = process(&c, "-");
    for (int i = optind; i < argc; i++)
        all_ok &= process(&c, argv[i]);
    /* A full disk or a closed pipe must not pass for success. */
    if (fflush(c.out) != 0 || ferror(c.out)) {
        fprintf(stderr, "lede: %s: %s\n", output ? output : "standard output", strerror(errno));
        all_ok = false;
    }
    if (c.out != stdout && fclose(c.out) != 0)
        all_ok = false;
    return all_ok ? EXIT_SUCCESS : EXIT_FAILED;
}
