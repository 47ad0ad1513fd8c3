/* lede command-line tool: parses options, reads each input (gunzipping
 * when needed) and prints what the library extracts. All extraction logic
 * lives in the library. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "lede.h"

typedef struct cli {
    lede_input input;
    lede_format format;
    const char *url;
    FILE *out;
} cli;

typedef struct bytes {
    char *data;
    size_t len;
} bytes;

static void usage(FILE *f)
{
    fputs("Usage: lede [OPTIONS] [FILE|-]...\n"
          "Extract the article (title, deck, dateline, body) from news pages,\n"
          "HTML or scraped text, gzip-compressed or not. No FILE, or -, reads stdin.\n\n"
          "  -i, --input auto|html|text     input kind (default: auto)\n"
          "  -f, --format json|text|markdown output format (default: json, JSON Lines)\n"
          "  -u, --url URL                  the page URL (one input only)\n"
          "  -o, --output FILE              write to FILE instead of stdout\n"
          "  -h, --help                     show this help\n"
          "  -V, --version                  show the version\n\n"
          "Exit status: 0 all inputs extracted, 1 some failed, 2 usage error.\n",
          f);
}

static int read_stream(FILE *f, bytes *b)
{
    size_t cap = 1 << 16;
    b->data = malloc(cap);
    b->len = 0;
    if (!b->data)
        return -1;
    for (;;) {
        if (b->len == cap) {
            cap *= 2;
            char *p = realloc(b->data, cap);
            if (!p)
                return -1;
            b->data = p;
        }
        size_t n = fread(b->data + b->len, 1, cap - b->len, f);
        b->len += n;
        if (n == 0)
            return ferror(f) ? -1 : 0;
    }
}

/* Inflates gzip data in place of the original; returns NULL on success or
 * the reason it failed (a truncated or corrupt stream). */
static const char *gunzip(bytes *b)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return "cannot start gzip decoder";
    size_t cap = b->len * 4 + 4096, len = 0;
    char *out = malloc(cap);
    if (!out) {
        inflateEnd(&z);
        return "out of memory";
    }
    z.next_in = (unsigned char *)b->data;
    z.avail_in = (uInt)b->len;
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        if (len == cap) {
            cap *= 2;
            char *p = realloc(out, cap);
            if (!p) {
                free(out);
                inflateEnd(&z);
                return "out of memory";
            }
            out = p;
        }
        z.next_out = (unsigned char *)out + len;
        z.avail_out = (uInt)(cap - len);
        rc = inflate(&z, Z_NO_FLUSH);
        len = cap - z.avail_out;
        if (rc == Z_BUF_ERROR && z.avail_in == 0)
            break;
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
            break;
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(out);
        return "truncated or corrupt gzip data";
    }
    free(b->data);
    b->data = out;
    b->len = len;
    return NULL;
}

static void print_error_record(const cli *c, const char *source, const char *reason)
{
    fprintf(stderr, "lede: %s: %s\n", source, reason);
    if (c->format != LEDE_FORMAT_JSON)
        return;
    fputs("{\"source\":\"", c->out);
    for (const char *p = source; *p; p++) {
        if (*p == '"' || *p == '\\')
            fputc('\\', c->out);
        if ((unsigned char)*p < 0x20)
            fprintf(c->out, "\\u%04x", *p);
        else
            fputc(*p, c->out);
    }
    fprintf(c->out, "\",\"error\":\"%s\"}\n", reason);
}

static int process(const cli *c, const char *path)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        print_error_record(c, path, strerror(errno));
        return 1;
    }
    bytes b;
    int rc = read_stream(f, &b);
    if (!is_stdin)
        fclose(f);
    if (rc != 0) {
        free(b.data);
        print_error_record(c, path, "read error");
        return 1;
    }
    if (b.len >= 2 && (unsigned char)b.data[0] == 0x1f && (unsigned char)b.data[1] == 0x8b) {
        const char *why = gunzip(&b);
        if (why) {
            free(b.data);
            print_error_record(c, path, why);
            return 1;
        }
    }
    lede_options opts;
    lede_options_init(&opts);
    opts.input = c->input;
    opts.url = c->url;
    opts.source = path;
    lede_doc *doc = lede_extract(b.data, b.len, &opts);
    free(b.data);
    if (!doc) {
        print_error_record(c, path, "out of memory");
        return 1;
    }
    size_t len;
    const char *text = lede_render(doc, c->format, &len);
    int failed = lede_doc_status(doc) != LEDE_OK;
    if (failed)
        fprintf(stderr, "lede: %s: %s\n", path, lede_doc_error(doc));
    if (text && (!failed || c->format == LEDE_FORMAT_JSON)) {
        fwrite(text, 1, len, c->out);
        if (c->format == LEDE_FORMAT_JSON)
            fputc('\n', c->out);
    }
    lede_doc_free(doc);
    return failed;
}

static int parse_enum(const char *arg, const char *const *names, int count)
{
    for (int i = 0; i < count; i++)
        if (strcmp(arg, names[i]) == 0)
            return i;
    return -1;
}

int main(int argc, char **argv)
{
    static const char *const inputs[] = {"auto", "html", "text"};
    static const char *const formats[] = {"json", "text", "markdown"};
    static const struct option longopts[] = {
        {"input", required_argument, NULL, 'i'}, {"format", required_argument, NULL, 'f'},
        {"url", required_argument, NULL, 'u'},   {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    cli c = {LEDE_INPUT_AUTO, LEDE_FORMAT_JSON, NULL, stdout};
    const char *output = NULL;
    int opt, v;
    while ((opt = getopt_long(argc, argv, "i:f:u:o:hV", longopts, NULL)) != -1) {
        switch (opt) {
        case 'i':
            if ((v = parse_enum(optarg, inputs, 3)) < 0) {
                fprintf(stderr, "lede: unknown input kind '%s'\n", optarg);
                return 2;
            }
            c.input = (lede_input)v;
            break;
        case 'f':
            if ((v = parse_enum(optarg, formats, 3)) < 0) {
                fprintf(stderr, "lede: unknown format '%s'\n", optarg);
                return 2;
            }
            c.format = (lede_format)v;
            break;
        case 'u':
            c.url = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("lede %s\n", lede_version());
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (c.url && argc - optind > 1) {
        fputs("lede: --url applies to a single input\n", stderr);
        return 2;
    }
    if (output && !(c.out = fopen(output, "wb"))) {
        fprintf(stderr, "lede: %s: %s\n", output, strerror(errno));
        return 2;
    }
    lede_init();
    int failed = 0;
    if (optind == argc)
        failed |= process(&c, "-");
    for (int i = optind; i < argc; i++)
        failed |= process(&c, argv[i]);
    if (c.out != stdout && fclose(c.out) != 0)
        failed = 1;
    return failed ? 1 : 0;
}
