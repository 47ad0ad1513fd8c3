/* The metadata stage: who wrote the article, when it was published and
 * updated, which outlet, section and tags; runs after structure. */
#ifndef LEDE_METADATA_H
#define LEDE_METADATA_H

#include <stddef.h>

#include "../../include/lede.h"

typedef struct doc_meta {
    const char **authors;
    size_t author_count;
    const char *date_published; /* ISO 8601 */
    const char *date_modified;
    const char *site_name;
    const char *description;
    const char *image; /* lead image URL */
    const char *section;
    const char **tags;
    size_t tag_count;
} doc_meta;

/* Weighs the evidence of the document's parse (HTML metadata, JSON-LD,
 * visible bylines and dates near the headline) into doc->meta, and may
 * replace a title the structure stage took from a page header with the
 * headline that the metadata and a visible <h1> agree on. */
void metadata_extract(lede_doc *doc);

#endif
