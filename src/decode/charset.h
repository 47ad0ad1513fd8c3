/* Character encoding labels of the WHATWG Encoding Standard and the glibc
 * iconv names that decode them. */
#ifndef LEDE_CHARSET_H
#define LEDE_CHARSET_H

#include <stddef.h>

typedef struct charset {
    const char *name;  /* canonical WHATWG name, e.g. "windows-1252" */
    const char *iconv; /* name for iconv_open() */
} charset;

/* The encoding a label names (ASCII white space around it and letter case
 * ignored), or NULL for an unknown label. */
const charset *charset_from_label(const char *label, size_t len);

extern const charset charset_utf8;
extern const charset charset_utf16le;
extern const charset charset_utf16be;
extern const charset charset_windows1252;

#endif
