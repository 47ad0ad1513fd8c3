/* Renderers: one file per output format, all reading the finished document. */
#ifndef LEDE_RENDER_H
#define LEDE_RENDER_H

#include "../doc.h"
#include "../util/buf.h"

void render_json(const lede_doc *doc, buf *out);
void render_text(const lede_doc *doc, buf *out);
void render_markdown(const lede_doc *doc, buf *out);
void render_html(const lede_doc *doc, buf *out);
void render_explain(const lede_doc *doc, buf *out);

/* Appends s as a JSON string literal (quotes included). */
void json_put_string(buf *out, const char *s);
/* Appends s[0..len) (or the C string s) with HTML's special characters
 * escaped, for text and attribute values alike. */
void html_put_escaped(buf *out, const char *s, size_t len);
void html_put(buf *out, const char *s);

#endif
