/* Decode stage: raw input bytes to clean UTF-8 for the parsers.
 * Charset from a BOM, then (HTML only) <meta charset> / http-equiv in the
 * first 1024 bytes (16 KiB when the bytes are not UTF-8), else UTF-8 when
 * the bytes are valid UTF-8, else windows-1252. Labels follow the WHATWG
 * Encoding Standard (iso-8859-1 and ascii mean windows-1252). The content
 * overrules a label only where the label cannot be right: bytes that are
 * mostly well-formed multi-byte UTF-8 are UTF-8, and a UTF-8 label on bytes
 * without a single valid multi-byte character is windows-1252. Invalid
 * sequences and NUL bytes become U+FFFD, so any input gives valid UTF-8. */
#ifndef LEDE_DECODE_H
#define LEDE_DECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "../../include/lede.h"
#include "../util/arena.h"

typedef struct decoded {
    char *text; /* UTF-8, NUL-terminated, no NUL bytes inside */
    size_t len;
    const char *charset; /* the charset used, canonical WHATWG name */
} decoded;

/* True when the bytes are not text at all (images, archives, executables):
 * such input is refused rather than turned into mojibake. */
bool decode_looks_binary(const char *data, size_t len);

/* Guesses HTML or text from the first bytes (markup tags near the start). */
lede_input decode_sniff_kind(const char *data, size_t len);

/* Decodes data into out. Returns LEDE_OK or LEDE_ERR_NOMEM. */
lede_status decode_to_utf8(arena *a, const char *data, size_t len, bool html, decoded *out);

/* The same with the charset label the transport gave (the HTTP header's
 * charset parameter, from a WARC record, say), or NULL. */
lede_status decode_to_utf8_labelled(arena *a, const char *data, size_t len, bool html,
                                    const char *transport_label, decoded *out);

#endif
