/* A minimal reader for one JSON Lines object: finds the string members the
 * user named (HTML, text, URL) and the raw value of the id member, and checks
 * that the rest is well-formed JSON. Nesting is walked without recursion, so
 * deep documents cannot exhaust the stack. */
#ifndef CORPUS_JSONL_H
#define CORPUS_JSONL_H

#include <stddef.h>

typedef struct jsonl_span {
    char *data; /* NULL when the member is absent or not a string */
    size_t len;
} jsonl_span;

typedef struct jsonl_fields {
    const char *html_name, *text_name, *url_name, *id_name;
    jsonl_span html, text, url; /* decoded UTF-8, NUL-terminated */
    jsonl_span id;              /* the raw JSON value, not NUL-terminated */
} jsonl_fields;

/* Parses the object in line[0..len) in place (string members are decoded
 * over their escaped form). Returns NULL or why the line is not an object. */
const char *jsonl_parse(char *line, size_t len, jsonl_fields *f);

#endif
