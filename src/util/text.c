#include "text.h"

#include <stdbool.h>
#include <string.h>

#include "utf8.h"

const char *text_collapse_dup(arena *a, const char *s, size_t len)
{
    char *out = arena_alloc(a, len + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    bool space = true;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        /* Most bytes are ASCII letters and punctuation: copied as they are. */
        if (c > ' ' && c < 0x7F) {
            out[n++] = (char)c;
            space = false;
            i++;
            continue;
        }
        size_t adv;
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (utf8_is_space(cp)) {
            if (!space)
                out[n++] = ' ';
            space = true;
        } else {
            memcpy(out + n, s + i, adv);
            n += adv;
            space = false;
        }
        i += adv;
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = 0;
    return n ? out : NULL;
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

bool text_ascii_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (ascii_lower(*a) != ascii_lower(*b))
            return false;
    return *a == *b;
}

bool text_ascii_icontains(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && ascii_lower(s[i]) == needle[i])
            i++;
        if (i == n)
            return true;
    }
    return false;
}
