/* UTF-8 helpers shared by every stage. Inputs reaching the stages after
 * decode are valid UTF-8, but these functions stay safe on any bytes. */
#ifndef LEDE_UTF8_H
#define LEDE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes one code point at s[0..len), len > 0. Sets *adv to the bytes
 * consumed (>= 1). Invalid sequences give U+FFFD and consume one byte. */
uint32_t utf8_decode(const char *s, size_t len, size_t *adv);
/* Writes cp as UTF-8 into out (4 bytes room); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);
/* True when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t len);
/* White space for text normalisation: ASCII space and controls, NBSP,
 * the Unicode spaces, line and paragraph separators, zero-width space. */
bool utf8_is_space(uint32_t cp);
/* Letters and digits (a word character), Unicode-aware for the scripts
 * news uses; ideographs count as word characters. */
bool utf8_is_word(uint32_t cp);
bool utf8_is_upper(uint32_t cp);
bool utf8_is_digit(uint32_t cp);
/* Counts code points. */
size_t utf8_length(const char *s, size_t len);

#endif
