/* JSON-LD: the article object of a page's ld+json scripts, read with
 * jansson and tolerant of the broken JSON pages carry. */
#ifndef LEDE_META_JSONLD_H
#define LEDE_META_JSONLD_H

#include <stdbool.h>
#include <stddef.h>

#include "evidence.h"

enum { LD_MAX_NAMES = 24, LD_MAX_KEYWORDS = 32 };

typedef struct ld_info {
    const char *headline;
    const char *description;
    const char *date_published;
    const char *date_modified;
    const char *section;
    const char *image;
    const char *url;
    const char *site_name; /* publisher's name */
    const char *language;
    const char *persons[LD_MAX_NAMES]; /* author persons */
    size_t person_count;
    const char *orgs[4]; /* authors that are organisations */
    size_t org_count;
    const char *keywords[LD_MAX_KEYWORDS];
    size_t keyword_count;
} ld_info;

/* Fills *out (zeroed first) from the page's scripts. */
void meta_jsonld(arena *a, const meta_evidence *m, ld_info *out);

#endif
