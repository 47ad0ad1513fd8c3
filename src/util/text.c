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
