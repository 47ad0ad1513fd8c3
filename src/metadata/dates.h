/* Dates of pages: parsing the forms metadata and visible text use, and
 * writing them as ISO 8601. */
#ifndef LEDE_META_DATES_H
#define LEDE_META_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"

typedef struct meta_date {
    int y, mo, d, h, mi, s;
    int tz_min;    /* offset east of UTC in minutes, when has_tz */
    bool has_time; /* h:mi:s are known */
    bool has_tz;
} meta_date;

/* A date written as a metadata value: ISO 8601, RFC 2822, Unix seconds or
 * milliseconds, "December 9, 2016 9:13 AM EST", "9. Dezember 2016",
 * "2016年12月9日", "09.12.2016". Relative dates ("3 hours ago") and values
 * without a year, month and day are not dates. */
bool meta_parse_date(const char *s, meta_date *out);

/* The first date written in a line of visible text (as above, inside
 * other words: "Updated Dec. 9, 2016, 9:13 a.m."). */
bool meta_find_date(const char *text, meta_date *out);

/* "/2016/12/09/" or "/2016-12-09/" in a URL path. */
bool meta_url_date(const char *url, meta_date *out);

/* True when w[0..n) names a month ("December", "déc", "Okt"). */
bool meta_is_month_word(const char *w, size_t n);

/* Minutes since 1970-01-01 UTC (a value without offset counts as UTC). */
int64_t meta_date_minutes(const meta_date *d);

/* "2016-12-09", "2016-12-09T09:13:00" or "2016-12-09T09:13:00-05:00". */
const char *meta_date_iso(arena *a, const meta_date *d);

#endif
