/*
 * lede: turn raw news pages (HTML or scraped text) into clean articles.
 *
 * The whole public interface is this header. A document is extracted from a
 * byte buffer into its own arena; every string the API returns lives in that
 * arena and stays valid until lede_doc_free(). The library keeps no global
 * mutable state: after lede_init() has run once, any number of threads may
 * extract documents concurrently.
 */
#ifndef LEDE_H
#define LEDE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LEDE_VERSION "0.1.0"

/* ---- Simple interface -------------------------------------------------- */

/* What the input bytes are. AUTO sniffs the first bytes for markup. */
typedef enum { LEDE_INPUT_AUTO = 0, LEDE_INPUT_HTML, LEDE_INPUT_TEXT } lede_input;

/* Output formats of lede_render(). JSON is one line (JSON Lines). HTML is a
 * self-contained reader view of the article; EXPLAIN is an HTML report of
 * every block of the page with its label, score and evidence. */
typedef enum {
    LEDE_FORMAT_JSON = 0,
    LEDE_FORMAT_TEXT,
    LEDE_FORMAT_MARKDOWN,
    LEDE_FORMAT_HTML,
    LEDE_FORMAT_EXPLAIN
} lede_format;

/* Why an extraction failed. LEDE_OK documents may still have an empty body
 * (a page with no article); lede_doc_warning() then says why. */
typedef enum {
    LEDE_OK = 0,
    LEDE_ERR_EMPTY,     /* zero bytes, or only white space */
    LEDE_ERR_TOO_LARGE, /* larger than lede_options.max_bytes */
    LEDE_ERR_BINARY,    /* not text: control bytes, image or archive data */
    LEDE_ERR_PARSE,     /* the HTML parser gave up */
    LEDE_ERR_NOMEM      /* out of memory */
} lede_status;

/* Options grow at the end only. struct_size, set by lede_options_init(),
 * tells the library how much of the struct the caller's header had, so a
 * program built against an older lede.h keeps working with a newer
 * library: fields past struct_size take their defaults. A struct zeroed
 * by hand (struct_size 0) counts as this first version of the struct. */
typedef struct lede_options {
    size_t struct_size;  /* sizeof(lede_options), set by lede_options_init() */
    lede_input input;    /* LEDE_INPUT_AUTO by default */
    const char *url;     /* page URL when known, or NULL */
    const char *source;  /* name for the "source" field (path or "-"), or NULL */
    size_t max_bytes;    /* inputs above this are refused; 0 = the default (64 MiB) */
    const char *charset; /* charset label from the transport (HTTP Content-Type), or NULL */
    /* Non-zero skips the quotes stage (quotes, people, places) for runs
     * that want only the article; those fields are then left out of the
     * rendered output. 0 by default. */
    int no_quotes;
} lede_options;

typedef struct lede_doc lede_doc;

/* One-time library set-up (the HTML parser's tables). Call once before
 * starting threads; calling it again is harmless. Returns 0 on success. */
int lede_init(void);

/* Fills *opts with the defaults and sets opts->struct_size. */
void lede_options_init(lede_options *opts);

/* Extracts the article from data[0..len). Never returns NULL unless memory
 * for the document itself cannot be had; failures are reported through
 * lede_doc_status() on the returned document. opts may be NULL. */
lede_doc *lede_extract(const char *data, size_t len, const lede_options *opts);

/* Frees the document and every string it handed out. NULL is allowed. */
void lede_doc_free(lede_doc *doc);

/* ---- Document fields --------------------------------------------------- */

lede_status lede_doc_status(const lede_doc *doc);
/* Human-readable reason when status is not LEDE_OK, else NULL. */
const char *lede_doc_error(const lede_doc *doc);
/* Why a successful document has no body (e.g. "no article content found"),
 * else NULL. */
const char *lede_doc_warning(const lede_doc *doc);

/* The fields below are NULL when unknown. All strings are valid UTF-8. */
const char *lede_doc_source(const lede_doc *doc);
const char *lede_doc_url(const lede_doc *doc);
const char *lede_doc_title(const lede_doc *doc);
const char *lede_doc_deck(const lede_doc *doc);
const char *lede_doc_dateline(const lede_doc *doc);
const char *lede_doc_language(const lede_doc *doc);
/* Metadata (NULL or 0 when the page does not give them; never guessed).
 * Authors are person names, or an organisation when no person is
 * credited; dates are ISO 8601 with time and UTC offset when the page
 * gives them; tags are the page's keywords. lede_doc_url() is the
 * canonical URL when the page names one. */
size_t lede_doc_author_count(const lede_doc *doc);
const char *lede_doc_author(const lede_doc *doc, size_t i);
const char *lede_doc_date_published(const lede_doc *doc);
const char *lede_doc_date_modified(const lede_doc *doc);
const char *lede_doc_site_name(const lede_doc *doc);
const char *lede_doc_description(const lede_doc *doc);
const char *lede_doc_image(const lede_doc *doc);
const char *lede_doc_section(const lede_doc *doc);
size_t lede_doc_tag_count(const lede_doc *doc);
const char *lede_doc_tag(const lede_doc *doc, size_t i);
/* The input kind that was used (HTML or TEXT, never AUTO). */
lede_input lede_doc_input(const lede_doc *doc);
/* Non-zero when the article text ends mid-sentence. */
int lede_doc_truncated(const lede_doc *doc);

/* Paragraph kinds, for renderers that keep structure. */
typedef enum {
    LEDE_PARA_TEXT = 0,
    LEDE_PARA_HEADING,
    LEDE_PARA_LIST_ITEM,
    LEDE_PARA_QUOTE,
    LEDE_PARA_TABLE_ROW,
    LEDE_PARA_CODE
} lede_para_kind;

size_t lede_doc_paragraph_count(const lede_doc *doc);
const char *lede_doc_paragraph(const lede_doc *doc, size_t i);
lede_para_kind lede_doc_paragraph_kind(const lede_doc *doc, size_t i);
/* The paragraphs joined by one blank line ("" when there are none). */
const char *lede_doc_body(const lede_doc *doc);

/* Quotes in reading order, with who said them (i from 0 to count - 1;
 * out of range gives NULL or 0). text is the words inside the marks;
 * speaker the full name (or an organisation), NULL when the article does
 * not say; speaker_mention the attributing words ("Kerry", "he"); cue the
 * verb ("said", "according to"); paragraph an index for
 * lede_doc_paragraph(); partial is non-zero for a quote embedded in the
 * writer's sentence. Accessors rather than a struct, so that quotes can
 * gain fields without breaking compiled callers. */
size_t lede_doc_quote_count(const lede_doc *doc);
const char *lede_doc_quote_text(const lede_doc *doc, size_t i);
const char *lede_doc_quote_speaker(const lede_doc *doc, size_t i);
const char *lede_doc_quote_speaker_mention(const lede_doc *doc, size_t i);
const char *lede_doc_quote_cue(const lede_doc *doc, size_t i);
size_t lede_doc_quote_paragraph(const lede_doc *doc, size_t i);
int lede_doc_quote_partial(const lede_doc *doc, size_t i);
/* People the article names: full name, roles ("Secretary of State"), and
 * how often they are mentioned. */
size_t lede_doc_person_count(const lede_doc *doc);
const char *lede_doc_person_name(const lede_doc *doc, size_t i);
size_t lede_doc_person_mentions(const lede_doc *doc, size_t i);
size_t lede_doc_person_role_count(const lede_doc *doc, size_t i);
const char *lede_doc_person_role(const lede_doc *doc, size_t i, size_t r);
/* Places: the name as the article gives it and its kind ("country",
 * "region" or "city"). */
size_t lede_doc_place_count(const lede_doc *doc);
const char *lede_doc_place_name(const lede_doc *doc, size_t i);
const char *lede_doc_place_kind(const lede_doc *doc, size_t i);

/* ---- Rendering --------------------------------------------------------- */

/* Renders the document (or its error record) in the given format. The
 * result lives in the document's arena; *len (if not NULL) gets its length.
 * JSON output is one line without the trailing newline. */
const char *lede_render(lede_doc *doc, lede_format format, size_t *len);

/* ---- Misc -------------------------------------------------------------- */

const char *lede_version(void);
/* Static text for a status code. */
const char *lede_status_string(lede_status status);

#ifdef __cplusplus
}
#endif

#endif /* LEDE_H */
