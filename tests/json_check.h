/* Test helpers: strict UTF-8 validation and a small JSON reader that checks
 * syntax and pulls string members out of a top-level object. */
#ifndef LEDE_TEST_JSON_CHECK_H
#define LEDE_TEST_JSON_CHECK_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
static inline bool strict_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1, cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2, cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3, cp = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= len)
            return false;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

typedef struct json_reader {
    const char *p, *end;
    int depth;
} json_reader;

static inline void json_ws(json_reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static inline int json_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads a string; when out is not NULL, stores its decoded UTF-8 there
 * (malloc'd). Lone surrogate escapes are rejected. */
static inline bool json_string(json_reader *r, char **out)
{
    if (r->p >= r->end || *r->p != '"')
        return false;
    r->p++;
    size_t cap = (size_t)(r->end - r->p) + 1, n = 0;
    char *buf = out ? malloc(cap) : NULL;
    while (r->p < r->end && *r->p != '"') {
        unsigned char c = (unsigned char)*r->p;
        if (c < 0x20)
            goto fail;
        if (c != '\\') {
            if (buf)
                buf[n++] = (char)c;
            r->p++;
            continue;
        }
        if (r->end - r->p < 2)
            goto fail;
        char e = r->p[1];
        r->p += 2;
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e && simple) {
            static const char decoded[] = "\"\\/\b\f\n\r\t";
            if (buf)
                buf[n++] = decoded[simple - "\"\\/bfnrt"];
            continue;
        }
        if (e != 'u' || r->end - r->p < 4)
            goto fail;
        unsigned cp = 0;
        for (int k = 0; k < 4; k++) {
            int h = json_hex(r->p[k]);
            if (h < 0)
                goto fail;
            cp = cp << 4 | (unsigned)h;
        }
        r->p += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            goto fail;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned lo = 0;
            if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u')
                goto fail;
            for (int k = 0; k < 4; k++) {
                int h = json_hex(r->p[2 + k]);
                if (h < 0)
                    goto fail;
                lo = lo << 4 | (unsigned)h;
            }
            if (lo < 0xDC00 || lo > 0xDFFF)
                goto fail;
            r->p += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (buf) {
            if (cp < 0x80) {
                buf[n++] = (char)cp;
            } else if (cp < 0x800) {
                buf[n++] = (char)(0xC0 | cp >> 6);
                buf[n++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                buf[n++] = (char)(0xE0 | cp >> 12);
                buf[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
                buf[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                buf[n++] = (char)(0xF0 | cp >> 18);
                buf[n++] = (char)(0x80 | (cp >> 12 & 0x3F));
                buf[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
                buf[n++] = (char)(0x80 | (cp & 0x3F));
            }
        }
    }
    if (r->p >= r->end)
        goto fail;
    r->p++;
    if (buf) {
        buf[n] = '\0';
        *out = buf;
    }
    return true;
fail:
    free(buf);
    return false;
}

static inline bool json_value(json_reader *r);

static inline bool json_literal(json_reader *r, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return false;
    r->p += n;
    return true;
}

static inline bool json_number(json_reader *r)
{
    const char *start = r->p;
    if (r->p < r->end && *r->p == '-')
        r->p++;
    while (r->p < r->end && ((*r->p >= '0' && *r->p <= '9') || *r->p == '.' || *r->p == 'e' ||
                             *r->p == 'E' || *r->p == '+' || *r->p == '-'))
        r->p++;
    return r->p > start;
}

static inline bool json_container(json_reader *r, char close, bool object)
{
    if (++r->depth > 256)
        return false;
    r->p++;
    json_ws(r);
    if (r->p < r->end && *r->p == close) {
        r->p++;
        r->depth--;
        return true;
    }
    for (;;) {
        json_ws(r);
        if (object) {
            if (!json_string(r, NULL))
                return false;
            json_ws(r);
            if (r->p >= r->end || *r->p++ != ':')
                return false;
        }
        if (!json_value(r))
            return false;
        json_ws(r);
        if (r->p >= r->end)
            return false;
        char c = *r->p++;
        if (c == close)
            break;
        if (c != ',')
            return false;
    }
    r->depth--;
    return true;
}

static inline bool json_value(json_reader *r)
{
    json_ws(r);
    if (r->p >= r->end)
        return false;
    switch (*r->p) {
    case '{':
        return json_container(r, '}', true);
    case '[':
        return json_container(r, ']', false);
    case '"':
        return json_string(r, NULL);
    case 't':
        return json_literal(r, "true");
    case 'f':
        return json_literal(r, "false");
    case 'n':
        return json_literal(r, "null");
    default:
        return json_number(r);
    }
}

/* A whole text that is exactly one valid JSON value in valid UTF-8. */
static inline bool json_valid(const char *s, size_t len)
{
    if (!strict_utf8_valid(s, len))
        return false;
    json_reader r = {s, s + len, 0};
    if (!json_value(&r))
        return false;
    json_ws(&r);
    return r.p == r.end;
}

/* Positions r at the value of the top-level member `key`; false when the
 * object has no such member or is malformed before it. */
static inline bool json_find_member(json_reader *r, const char *key)
{
    json_ws(r);
    if (r->p >= r->end || *r->p++ != '{')
        return false;
    for (;;) {
        char *name = NULL;
        json_ws(r);
        if (!json_string(r, &name))
            return false;
        bool match = strcmp(name, key) == 0;
        free(name);
        json_ws(r);
        if (r->p >= r->end || *r->p++ != ':')
            return false;
        json_ws(r);
        if (match)
            return true;
        if (!json_value(r))
            return false;
        json_ws(r);
        if (r->p >= r->end || *r->p++ != ',')
            return false;
    }
}

static inline bool json_has_key(const char *s, size_t len, const char *key)
{
    json_reader r = {s, s + len, 0};
    return json_find_member(&r, key);
}

/* The decoded value of the string member `key` of a top-level object
 * (malloc'd), or NULL when there is none or it is not a string. */
static inline char *json_get_string(const char *s, size_t len, const char *key)
{
    json_reader r = {s, s + len, 0};
    char *value = NULL;
    if (!json_find_member(&r, key) || r.p >= r.end || *r.p != '"' || !json_string(&r, &value))
        return NULL;
    return value;
}

/* The text of the literal member `key` ("true", "false", "null"), or NULL. */
static inline const char *json_get_literal(const char *s, size_t len, const char *key)
{
    static const char *const words[] = {"true", "false", "null"};
    json_reader r = {s, s + len, 0};
    if (!json_find_member(&r, key))
        return NULL;
    for (size_t i = 0; i < 3; i++)
        if (json_literal(&r, words[i]))
            return words[i];
    return NULL;
}

#endif
