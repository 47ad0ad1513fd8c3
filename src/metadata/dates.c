#include "dates.h"

#include <stdio.h>
#include <string.h>

#include "../util/utf8.h"

/* Month names and their usual abbreviations in the languages news is
 * most written in; matched on the lowercased word. Index = month - 1. */
static const char *const month_names[][12] = {
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"},
    {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
     "octobre", "novembre", "décembre"},
    {"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
     "november", "dezember"},
    {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
     "octubre", "noviembre", "diciembre"},
    {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
     "outubro", "novembro", "dezembro"},
    {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
     "ottobre", "novembre", "dicembre"},
    {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
     "oktober", "november", "december"},
    {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
     "października", "listopada", "grudnia"},
    {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
     "октября", "ноября", "декабря"},
    {"ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
     "kasım", "aralık"},
    {"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
     "oktober", "november", "desember"},
    {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
     "november", "december"},
};

/* Zone abbreviations common in datelines and timestamps. */
static const struct {
    const char *name;
    int minutes;
} zones[] = {{"utc", 0},    {"gmt", 0},    {"z", 0},      {"est", -300}, {"edt", -240},
             {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480},
             {"pdt", -420}, {"et", -300},  {"cet", 60},   {"cest", 120}, {"bst", 60},
             {"jst", 540},  {"kst", 540},  {"ist", 330},  {"msk", 180},  {"aest", 600},
             {"aedt", 660}, {"eet", 120},  {"eest", 180}, {"wib", 420},  {"hkt", 480},
             {"sgt", 480}};

typedef enum { T_NUM, T_MONTH, T_WORD, T_AMPM, T_ZONE, T_OFFSET, T_CJK } tok_kind;

typedef struct tok {
    uint8_t kind;
    uint8_t digits;   /* T_NUM */
    char after;       /* T_NUM: the ASCII character right after ('-', '/', '.', ':', ...) */
    uint32_t cjk;     /* T_NUM: the CJK unit right after (年 月 日 년 월 일), else 0 */
    long value;       /* number, month 1..12, 1 = pm, zone/offset minutes */
    bool abbreviated; /* T_MONTH: a short form */
} tok;

enum { MAX_TOKS = 48 };

static bool is_ascii_alpha(char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Lowercases Latin-1 and Cyrillic capitals too, enough for month names. */
static size_t lower_word(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        size_t adv;
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cp < 128 && cp >= 'A' && cp <= 'Z')
            cp += 32;
        else if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x410 && cp <= 0x42F))
            cp += 32;
        else if (cp == 0x15E)
            cp = 0x15F; /* Ş */
        char tmp[4];
        size_t k = utf8_encode(cp, tmp);
        if (n + k + 1 > cap)
            break;
        memcpy(out + n, tmp, k);
        n += k;
        i += adv;
    }
    out[n] = 0;
    return n;
}

/* Month 1..12 of a word, 0 when it is none. Short forms are the first
 * three or four letters ("Sept", "déc", "Okt"). */
static int month_of(const char *w, size_t n, bool *abbreviated)
{
    /* Every word of a date line passes here: a month name is 3 to 11
     * characters, and its first byte rules out most names at once. */
    if (n < 3 || n > 24)
        return 0;
    bool short_form = utf8_length(w, n) <= 4;
    for (size_t l = 0; l < sizeof month_names / sizeof *month_names; l++)
        for (int m = 0; m < 12; m++) {
            const char *name = month_names[l][m];
            if (name[0] != w[0] || name[1] != w[1])
                continue;
            size_t len = strlen(name);
            if (n == len && memcmp(w, name, n) == 0) {
                *abbreviated = false;
                return m + 1;
            }
            if (n < len && short_form && memcmp(w, name, n) == 0) {
                *abbreviated = true;
                return m + 1;
            }
        }
    return 0;
}

bool meta_is_month_word(const char *w, size_t n)
{
    char low[64];
    bool ab;
    if (n >= sizeof low)
        return false;
    size_t k = lower_word(w, n, low, sizeof low);
    return month_of(low, k, &ab) != 0;
}

static bool is_cjk_unit(uint32_t cp)
{
    return cp == 0x5E74 || cp == 0x6708 || cp == 0x65E5 || cp == 0xB144 || cp == 0xC6D4 ||
           cp == 0xC77C;
}

/* The tokens so far end in a time ("09:13", "09:13:00", "09:13:00.000"),
 * so a sign that follows starts a UTC offset, not a date part. */
static bool after_time(const tok *t, size_t n)
{
    if (n < 2 || t[n - 1].kind != T_NUM || t[n - 2].kind != T_NUM)
        return false;
    if (t[n - 2].after == ':')
        return true;
    return n >= 3 && t[n - 2].after == '.' && t[n - 3].kind == T_NUM && t[n - 3].after == ':';
}

static size_t tokenize(const char *s, tok *t)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len && n < MAX_TOKS;) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            long v = 0;
            size_t start = i;
            while (i < len && s[i] >= '0' && s[i] <= '9') {
                if (i - start < 14)
                    v = v * 10 + (s[i] - '0');
                i++;
            }
            tok *k = &t[n++];
            memset(k, 0, sizeof *k);
            k->kind = T_NUM;
            k->digits = (uint8_t)(i - start > 255 ? 255 : i - start);
            k->value = v;
            k->after = i < len ? s[i] : 0;
            if (i < len && (unsigned char)s[i] >= 0x80) {
                size_t adv;
                uint32_t cp = utf8_decode(s + i, len - i, &adv);
                if (is_cjk_unit(cp)) {
                    k->cjk = cp;
                    i += adv;
                }
            }
            continue;
        }
        if ((c == '+' || c == '-') && after_time(t, n) && i + 2 < len && s[i + 1] >= '0' &&
            s[i + 1] <= '9' && s[i + 2] >= '0' && s[i + 2] <= '9' && i > 0 && s[i - 1] >= '0' &&
            s[i - 1] <= '9') {
            /* "+05:00", "-0500", "+05", and the broken "-500" (h mm) */
            size_t j = i + 1, digits = 0;
            int v = 0;
            while (j < len && digits < 4 && ((s[j] >= '0' && s[j] <= '9') || s[j] == ':')) {
                if (s[j] != ':')
                    v = v * 10 + (s[j] - '0'), digits++;
                j++;
            }
            int hh = digits <= 2 ? v : v / 100, mm = digits <= 2 ? 0 : v % 100;
            if (hh > 14 || mm > 59) {
                i = j;
                continue;
            }
            tok *k = &t[n++];
            memset(k, 0, sizeof *k);
            k->kind = T_OFFSET;
            k->value = (c == '-' ? -1 : 1) * (hh * 60 + mm);
            i = j;
            continue;
        }
        size_t adv;
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (is_ascii_alpha(c) || (cp >= 0xC0 && utf8_is_word(cp) && cp < 0x2E80)) {
            size_t start = i;
            while (i < len) {
                uint32_t d = utf8_decode(s + i, len - i, &adv);
                if (!(d < 128 ? is_ascii_alpha((char)d) : (utf8_is_word(d) && d < 0x2E80)))
                    break;
                i += adv;
            }
            char w[64];
            size_t wn = lower_word(s + start, i - start, w, sizeof w);
            tok *k = &t[n++];
            memset(k, 0, sizeof *k);
            k->kind = T_WORD;
            bool ab = false;
            int m = month_of(w, wn, &ab);
            if (m) {
                k->kind = T_MONTH;
                k->value = m;
                k->abbreviated = ab;
                continue;
            }
            /* "a.m." / "p.m." arrive as single letters */
            if ((strcmp(w, "am") == 0 || strcmp(w, "pm") == 0 ||
                 ((strcmp(w, "a") == 0 || strcmp(w, "p") == 0) && i + 2 < len && s[i] == '.' &&
                  (s[i + 1] | 0x20) == 'm'))) {
                k->kind = T_AMPM;
                k->value = w[0] == 'p';
                if (wn == 1)
                    i += 2;
                continue;
            }
            for (size_t z = 0; z < sizeof zones / sizeof *zones; z++)
                if (strcmp(w, zones[z].name) == 0) {
                    k->kind = T_ZONE;
                    k->value = zones[z].minutes;
                }
            /* "27th", "1st", "2nd", "3rd", "1er": an ordinal's suffix */
            if (n >= 2 && t[n - 2].kind == T_NUM && t[n - 2].digits <= 2 &&
                (strcmp(w, "st") == 0 || strcmp(w, "nd") == 0 || strcmp(w, "rd") == 0 ||
                 strcmp(w, "th") == 0 || strcmp(w, "er") == 0) &&
                start > 0 && s[start - 1] >= '0' && s[start - 1] <= '9')
                k->value = 1;
            /* "T" between ISO date and time, and "Z" right after a time */
            if (wn == 1 && w[0] == 't')
                n--;
            continue;
        }
        i += adv;
    }
    return n;
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid_ymd(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || y > 2099 || m < 1 || m > 12 || d < 1)
        return false;
    return d <= days[m - 1] + (m == 2 && leap(y));
}

static int year_of(const tok *k)
{
    if (k->kind != T_NUM)
        return -1;
    if (k->digits == 4)
        return (int)k->value;
    return -1;
}

/* Finds the date in t[0..n); *end gets the index after it. */
static bool find_ymd(const tok *t, size_t n, meta_date *out, size_t *end)
{
    for (size_t i = 0; i < n; i++) {
        const tok *a = &t[i], *b = i + 1 < n ? &t[i + 1] : NULL, *c = i + 2 < n ? &t[i + 2] : NULL;
        int y, m, d;
        /* 2016年12月9日 */
        if (a->kind == T_NUM && a->cjk && b && b->kind == T_NUM && b->cjk && c &&
            c->kind == T_NUM && c->cjk && year_of(a) > 0) {
            y = (int)a->value, m = (int)b->value, d = (int)c->value;
            if (valid_ymd(y, m, d)) {
                *out = (meta_date){.y = y, .mo = m, .d = d};
                *end = i + 3;
                return true;
            }
        }
        if (!b || !c)
            continue;
        /* 2016-12-09, 2016/12/09, 2016.12.09 */
        if (year_of(a) > 0 && b->kind == T_NUM && c->kind == T_NUM &&
            (a->after == '-' || a->after == '/' || a->after == '.') && b->after == a->after &&
            b->digits <= 2 && c->digits <= 2) {
            y = (int)a->value, m = (int)b->value, d = (int)c->value;
            if (valid_ymd(y, m, d)) {
                *out = (meta_date){.y = y, .mo = m, .d = d};
                *end = i + 3;
                return true;
            }
        }
        /* 09.12.2016, 12/09/2016, 09-12-2016 */
        if (a->kind == T_NUM && b->kind == T_NUM && year_of(c) > 0 && a->digits <= 2 &&
            b->digits <= 2 && (a->after == '.' || a->after == '/' || a->after == '-') &&
            b->after == a->after) {
            int p = (int)a->value, q = (int)b->value;
            y = (int)c->value;
            /* Day first except with slashes, the US order, unless the
             * numbers say otherwise. */
            bool month_first = a->after == '/' ? q <= 12 || p > 12 : p > 12;
            if (p > 12)
                month_first = false;
            else if (q > 12)
                month_first = true;
            m = month_first ? p : q;
            d = month_first ? q : p;
            if (valid_ymd(y, m, d)) {
                *out = (meta_date){.y = y, .mo = m, .d = d};
                *end = i + 3;
                return true;
            }
        }
        /* December 9, 2016 / Dec. 9 2016 / Mon Aug 03 12:45:00 EDT 2015 */
        if (a->kind == T_MONTH && b->kind == T_NUM && b->digits <= 2) {
            size_t k = i + 2;
            while (k < n && k < i + 7 && year_of(&t[k]) < 0 &&
                   ((t[k].kind == T_NUM && t[k].digits <= 2) || t[k].kind == T_ZONE ||
                    t[k].kind == T_AMPM || t[k].kind == T_OFFSET ||
                    (k == i + 2 && t[k].kind == T_WORD && t[k].value == 1)))
                k++;
            y = k < n ? year_of(&t[k]) : -1, m = (int)a->value, d = (int)b->value;
            if (y > 0 && valid_ymd(y, m, d)) {
                *out = (meta_date){.y = y, .mo = m, .d = d};
                *end = k == i + 2 ? i + 3 : i + 2;
                return true;
            }
        }
        /* 9 December 2016, 9. Dezember 2016, 9 de diciembre de 2016 */
        if (a->kind == T_NUM && a->digits <= 2) {
            size_t j = i + 1;
            if (j < n && t[j].kind == T_WORD)
                j++; /* "de", "of" */
            if (j + 1 < n && t[j].kind == T_MONTH) {
                size_t k = j + 1;
                if (k < n && t[k].kind == T_WORD && k + 1 < n)
                    k++;
                if (year_of(&t[k]) > 0) {
                    y = (int)t[k].value, m = (int)t[j].value, d = (int)a->value;
                    if (valid_ymd(y, m, d)) {
                        *out = (meta_date){.y = y, .mo = m, .d = d};
                        *end = k + 1;
                        return true;
                    }
                }
            }
        }
    }
    return false;
}

/* A time "9:13", "09:13:00", "9:13 p.m. EST", "09:13:00+05:00" in t. */
static void find_time(const tok *t, size_t n, size_t from, meta_date *out)
{
    for (size_t pass = 0; pass < 2; pass++) {
        size_t lo = pass == 0 ? from : 0, hi = pass == 0 ? n : from;
        for (size_t i = lo; i + 1 < hi + (pass == 0 ? 0 : 1) && i + 1 < n; i++) {
            const tok *a = &t[i], *b = &t[i + 1];
            if (a->kind != T_NUM || b->kind != T_NUM || a->after != ':' || a->digits > 2 ||
                b->digits != 2 || a->value > 23 || b->value > 59)
                continue;
            int h = (int)a->value, mi = (int)b->value, s = 0;
            size_t j = i + 2;
            if (b->after == ':' && j < n && t[j].kind == T_NUM && t[j].digits == 2 &&
                t[j].value <= 60) {
                s = (int)t[j].value;
                j++;
                /* fractions of seconds */
                if (t[j - 1].after == '.' && j < n && t[j].kind == T_NUM)
                    j++;
            }
            if (j < n && t[j].kind == T_AMPM && h <= 12) {
                if (t[j].value && h < 12)
                    h += 12;
                else if (!t[j].value && h == 12)
                    h = 0;
                j++;
            }
            out->h = h, out->mi = mi, out->s = s > 59 ? 59 : s;
            out->has_time = true;
            if (j < n && (t[j].kind == T_ZONE || t[j].kind == T_OFFSET)) {
                out->tz_min = (int)t[j].value;
                out->has_tz = true;
                if (t[j].kind == T_ZONE && j + 1 < n && t[j + 1].kind == T_OFFSET)
                    out->tz_min += (int)t[j + 1].value; /* "GMT+2" */
            }
            return;
        }
    }
}

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, meta_date *out)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    out->d = (int)(doy - (153 * mp + 2) / 5 + 1);
    out->mo = (int)(mp < 10 ? mp + 3 : mp - 9);
    out->y = (int)(y + (out->mo <= 2));
}

int64_t meta_date_minutes(const meta_date *d)
{
    int64_t m = days_from_civil(d->y, d->mo, d->d) * 1440;
    if (d->has_time)
        m += d->h * 60 + d->mi;
    if (d->has_tz)
        m -= d->tz_min;
    return m;
}

/* Unix seconds (10 digits) or milliseconds (13 digits) alone. */
static bool parse_epoch(const char *s, meta_date *out)
{
    size_t n = strlen(s);
    if (n != 10 && n != 13)
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    if (n == 13)
        v /= 1000;
    int64_t days = v / 86400, rem = v % 86400;
    memset(out, 0, sizeof *out);
    civil_from_days(days, out);
    out->h = (int)(rem / 3600), out->mi = (int)(rem % 3600 / 60), out->s = (int)(rem % 60);
    out->has_time = out->has_tz = true;
    return valid_ymd(out->y, out->mo, out->d);
}

static bool parse_tokens(const char *s, meta_date *out)
{
    tok t[MAX_TOKS];
    size_t n = tokenize(s, t), end = 0;
    if (!find_ymd(t, n, out, &end))
        return false;
    find_time(t, n, end, out);
    return true;
}

bool meta_parse_date(const char *s, meta_date *out)
{
    if (!s)
        return false;
    while (*s == ' ')
        s++;
    if (parse_epoch(s, out))
        return true;
    /* "20161209" alone */
    if (strlen(s) == 8 && strspn(s, "0123456789") == 8) {
        int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        int m = (s[4] - '0') * 10 + (s[5] - '0'), d = (s[6] - '0') * 10 + (s[7] - '0');
        *out = (meta_date){.y = y, .mo = m, .d = d};
        return valid_ymd(y, m, d);
    }
    return parse_tokens(s, out);
}

bool meta_find_date(const char *text, meta_date *out)
{
    return text && parse_tokens(text, out);
}

bool meta_url_date(const char *url, meta_date *out)
{
    if (!url)
        return false;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    for (; p && *p; p++) {
        if (*p != '/')
            continue;
        const char *q = p + 1;
        if (strspn(q, "0123456789") != 4 || (q[4] != '/' && q[4] != '-'))
            continue;
        char sep = q[4];
        int y = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
        size_t ml = strspn(q + 5, "0123456789");
        if (ml < 1 || ml > 2 || q[5 + ml] != sep)
            continue;
        int m = ml == 1 ? q[5] - '0' : (q[5] - '0') * 10 + (q[6] - '0');
        const char *r = q + 6 + ml;
        size_t dl = strspn(r, "0123456789");
        if (dl < 1 || dl > 2 || (r[dl] && r[dl] != '/' && r[dl] != '-' && r[dl] != '.'))
            continue;
        int d = dl == 1 ? r[0] - '0' : (r[0] - '0') * 10 + (r[1] - '0');
        if (valid_ymd(y, m, d)) {
            *out = (meta_date){.y = y, .mo = m, .d = d};
            return true;
        }
    }
    return false;
}

const char *meta_date_iso(arena *a, const meta_date *d)
{
    char tmp[40];
    if (!d->has_time)
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d->y, d->mo, d->d);
    else if (!d->has_tz)
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d", d->y, d->mo, d->d, d->h, d->mi,
                 d->s);
    else if (d->tz_min == 0)
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", d->y, d->mo, d->d, d->h, d->mi,
                 d->s);
    else {
        int off = d->tz_min < 0 ? -d->tz_min : d->tz_min;
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d->y, d->mo, d->d,
                 d->h, d->mi, d->s, d->tz_min < 0 ? '-' : '+', off / 60 % 100, off % 60);
    }
    return arena_strdup(a, tmp);
}
