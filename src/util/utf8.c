#include "utf8.h"

uint32_t utf8_decode(const char *str, size_t len, size_t *adv)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[0];
    *adv = 1;
    if (c < 0x80)
        return c;
    size_t need;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0) {
        need = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        need = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        need = 3, cp = c & 0x07, min = 0x10000;
    } else {
        return UTF8_REPLACEMENT;
    }
    if (len < need + 1)
        return UTF8_REPLACEMENT;
    for (size_t i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return UTF8_REPLACEMENT;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return UTF8_REPLACEMENT;
    *adv = need + 1;
    return cp;
}

size_t utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = UTF8_REPLACEMENT;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

bool utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t adv;
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if (cp == UTF8_REPLACEMENT && adv == 1)
            return false;
        i += adv;
    }
    return true;
}

bool utf8_is_space(uint32_t cp)
{
    if (cp <= 0x20)
        return true;
    switch (cp) {
    case 0x7F:
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
        return true;
    default:
        return cp >= 0x2000 && cp <= 0x200B;
    }
}

bool utf8_is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

bool utf8_is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    /* Latin-1 and Latin Extended-A capitals, Greek and Cyrillic capitals. */
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7))
        return true;
    if (cp >= 0x100 && cp <= 0x17F)
        return (cp & 1) == 0;
    if (cp >= 0x391 && cp <= 0x3A9)
        return true;
    if (cp >= 0x400 && cp <= 0x42F)
        return true;
    return false;
}

bool utf8_is_word(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
               cp == '_';
    if (cp == 0xD7 || cp == 0xF7)
        return false;
    if (cp >= 0xC0 && cp <= 0x24F)
        return true; /* Latin-1 letters, Latin Extended */
    if (cp >= 0x370 && cp <= 0x52F)
        return true; /* Greek, Cyrillic */
    if (cp >= 0x590 && cp <= 0x6FF)
        return !(cp >= 0x600 && cp <= 0x60F) && cp != 0x61F; /* Hebrew, Arabic letters */
    if (cp >= 0x900 && cp <= 0xDFF)
        return true; /* Indic scripts */
    if (cp >= 0xE00 && cp <= 0xE7F)
        return true; /* Thai */
    if (cp >= 0x1100 && cp <= 0x11FF)
        return true; /* Hangul Jamo */
    if (cp >= 0x1E00 && cp <= 0x1FFF)
        return true; /* Latin Extended Additional, Greek Extended */
    if (cp >= 0x3040 && cp <= 0x30FF)
        return true; /* Hiragana, Katakana */
    if (cp >= 0x3400 && cp <= 0x9FFF)
        return true; /* CJK ideographs */
    if (cp >= 0xAC00 && cp <= 0xD7AF)
        return true; /* Hangul syllables */
    if (cp >= 0xFF10 && cp <= 0xFF5A)
        return cp <= 0xFF19 || cp >= 0xFF21; /* full-width digits and letters */
    return false;
}

size_t utf8_length(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}
