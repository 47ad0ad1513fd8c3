#include "jsonl.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef struct cursor {
    char *p;
    char *end;
} cursor;

static void skip_ws(cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        c->p++;
}

static int hex_value(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

static bool read_hex4(const char *p, const char *end, uint32_t *out)
{
    if (end - p < 4)
        return false;
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(p[i]);
        if (h < 0)
            return false;
        v = v << 4 | (uint32_t)h;
    }
    *out = v;
    return true;
}

static char *put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | cp >> 18);
        *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* Reads a string at c->p (on its opening quote). With decode, writes the
 * unescaped UTF-8 over the string itself (never longer than the escaped
 * form) and NUL-terminates it. */
static bool read_string(cursor *c, bool decode, jsonl_span *out)
{
    char *p = c->p + 1;
    char *o = p;
    while (p < c->end && *p != '"') {
        if ((unsigned char)*p < 0x20)
            return false;
        if (*p != '\\') {
            if (decode)
                *o++ = *p;
            p++;
            continue;
        }
        if (c->end - p < 2)
            return false;
        char e = p[1];
        p += 2;
        uint32_t cp;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            cp = (uint32_t)e;
            break;
        case 'b':
            cp = '\b';
            break;
        case 'f':
            cp = '\f';
            break;
        case 'n':
            cp = '\n';
            break;
        case 'r':
            cp = '\r';
            break;
        case 't':
            cp = '\t';
            break;
        case 'u':
            if (!read_hex4(p, c->end, &cp))
                return false;
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo;
                if (c->end - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
                    read_hex4(p + 2, c->end, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                } else {
                    cp = 0xFFFD; /* a lone surrogate is not a character */
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            break;
        default:
            return false;
        }
        if (decode)
            o = put_utf8(o, cp);
    }
    if (p >= c->end)
        return false;
    if (decode) {
        *o = '\0';
        out->data = c->p + 1;
        out->len = (size_t)(o - (c->p + 1));
    }
    c->p = p + 1;
    return true;
}

static bool read_literal(cursor *c)
{
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if ((size_t)(c->end - c->p) >= n && memcmp(c->p, words[i], n) == 0) {
            c->p += n;
            return true;
        }
    }
    return false;
}

static bool read_number(cursor *c)
{
    char *start = c->p;
    if (c->p < c->end && *c->p == '-')
        c->p++;
    bool digits = false;
    while (c->p < c->end && ((*c->p >= '0' && *c->p <= '9') || *c->p == '.' || *c->p == 'e' ||
                             *c->p == 'E' || *c->p == '+' || *c->p == '-')) {
        digits |= *c->p >= '0' && *c->p <= '9';
        c->p++;
    }
    return digits && c->p > start;
}

/* Skips one value of any depth. Containers are tracked with a bit stack of
 * their kinds; beyond its depth the kinds are not checked, only counted. */
static bool skip_value(cursor *c)
{
    enum { TRACKED = 4096 };
    unsigned char is_object[TRACKED / 8] = {0};
    size_t depth = 0;
    bool expect_value = true;
    for (;;) {
        skip_ws(c);
        if (c->p >= c->end)
            return false;
        char ch = *c->p;
        if (expect_value) {
            if (ch == '{' || ch == '[') {
                if (depth < TRACKED) {
                    unsigned char bit = (unsigned char)(1u << (depth & 7));
                    if (ch == '{')
                        is_object[depth / 8] |= bit;
                    else
                        is_object[depth / 8] &= (unsigned char)~bit;
                }
                depth++;
                c->p++;
                skip_ws(c);
                if (c->p < c->end && (*c->p == '}' || *c->p == ']')) {
                    expect_value = false;
                    continue;
                }
                if (ch == '{') {
                    if (c->p >= c->end || *c->p != '"' || !read_string(c, false, NULL))
                        return false;
                    skip_ws(c);
                    if (c->p >= c->end || *c->p != ':')
                        return false;
                    c->p++;
                }
                continue;
            }
            bool ok = ch == '"'                               ? read_string(c, false, NULL)
                      : ch == '-' || (ch >= '0' && ch <= '9') ? read_number(c)
                                                              : read_literal(c);
            if (!ok)
                return false;
            expect_value = false;
            continue;
        }
        if (depth == 0)
            return true;
        bool tracked = depth <= TRACKED;
        bool in_object = tracked && ((is_object[(depth - 1) / 8] >> ((depth - 1) & 7)) & 1);
        if (tracked ? ch == (in_object ? '}' : ']') : ch == '}' || ch == ']') {
            depth--;
            c->p++;
            continue;
        }
        if (ch != ',')
            return false;
        c->p++;
        if (!tracked) {
            /* Too deep to know the container: accept an optional "name":. */
            skip_ws(c);
            if (c->p < c->end && *c->p == '"') {
                char *save = c->p;
                if (!read_string(c, false, NULL))
                    return false;
                skip_ws(c);
                if (c->p < c->end && *c->p == ':')
                    c->p++;
                else
                    c->p = save;
            }
        } else if (in_object) {
            skip_ws(c);
            if (c->p >= c->end || *c->p != '"' || !read_string(c, false, NULL))
                return false;
            skip_ws(c);
            if (c->p >= c->end || *c->p != ':')
                return false;
            c->p++;
        }
        expect_value = true;
    }
}

static bool name_is(const char *raw, size_t len, const char *name)
{
    return name && strlen(name) == len && memcmp(raw, name, len) == 0;
}

const char *jsonl_parse(char *line, size_t len, jsonl_fields *f)
{
    cursor c = {line, line + len};
    f->html = f->text = f->url = f->id = (jsonl_span){NULL, 0};
    skip_ws(&c);
    if (c.p >= c.end || *c.p != '{')
        return "not a JSON object";
    c.p++;
    skip_ws(&c);
    if (c.p < c.end && *c.p == '}')
        return NULL;
    for (;;) {
        skip_ws(&c);
        if (c.p >= c.end || *c.p != '"')
            return "invalid JSON";
        /* Names are compared escaped: field names with escapes are not
         * worth decoding for. */
        char *name = c.p + 1;
        if (!read_string(&c, false, NULL))
            return "invalid JSON";
        size_t name_len = (size_t)(c.p - 1 - name);
        skip_ws(&c);
        if (c.p >= c.end || *c.p != ':')
            return "invalid JSON";
        c.p++;
        skip_ws(&c);
        if (c.p >= c.end)
            return "invalid JSON";
        jsonl_span *target = name_is(name, name_len, f->html_name)   ? &f->html
                             : name_is(name, name_len, f->text_name) ? &f->text
                             : name_is(name, name_len, f->url_name)  ? &f->url
                                                                     : NULL;
        char *value = c.p;
        if (target && *c.p == '"') {
            if (!read_string(&c, true, target))
                return "invalid JSON";
        } else if (!skip_value(&c)) {
            return "invalid JSON";
        }
        if (name_is(name, name_len, f->id_name) && !target)
            f->id = (jsonl_span){value, (size_t)(c.p - value)};
        skip_ws(&c);
        if (c.p < c.end && *c.p == ',') {
            c.p++;
            continue;
        }
        if (c.p < c.end && *c.p == '}')
            break;
        return "invalid JSON";
    }
    c.p++;
    skip_ws(&c);
    return c.p == c.end ? NULL : "invalid JSON";
}
