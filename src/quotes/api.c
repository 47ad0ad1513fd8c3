/* Public accessors for the quote stage's fields (declared in lede.h). */
#include "../doc.h"

#define LEDE_API __attribute__((visibility("default")))

LEDE_API size_t lede_doc_quote_count(const lede_doc *doc)
{
    return doc->quote_count;
}

static const doc_quote *quote_at(const lede_doc *doc, size_t i)
{
    return i < doc->quote_count ? &doc->quotes[i] : NULL;
}

LEDE_API const char *lede_doc_quote_text(const lede_doc *doc, size_t i)
{
    const doc_quote *q = quote_at(doc, i);
    return q ? q->text : NULL;
}

LEDE_API const char *lede_doc_quote_speaker(const lede_doc *doc, size_t i)
{
    const doc_quote *q = quote_at(doc, i);
    return q ? q->speaker : NULL;
}

LEDE_API const char *lede_doc_quote_speaker_mention(const lede_doc *doc, size_t i)
{
    const doc_quote *q = quote_at(doc, i);
    return q ? q->speaker_mention : NULL;
}

LEDE_API const char *lede_doc_quote_cue(const lede_doc *doc, size_t i)
{
    const doc_quote *q = quote_at(doc, i);
    return q ? q->cue : NULL;
}

LEDE_API size_t lede_doc_quote_paragraph(const lede_doc *doc, size_t i)
{
    const doc_quote *q = quote_at(doc, i);
    return q ? q->paragraph : 0;
}

LEDE_API int lede_doc_quote_partial(const lede_doc *doc, size_t i)
{
    const doc_quote *q = quote_at(doc, i);
    return q ? q->partial : 0;
}

LEDE_API size_t lede_doc_person_count(const lede_doc *doc)
{
    return doc->person_count;
}

LEDE_API const char *lede_doc_person_name(const lede_doc *doc, size_t i)
{
    return i < doc->person_count ? doc->people[i].name : NULL;
}

LEDE_API size_t lede_doc_person_mentions(const lede_doc *doc, size_t i)
{
    return i < doc->person_count ? doc->people[i].mentions : 0;
}

LEDE_API size_t lede_doc_person_role_count(const lede_doc *doc, size_t i)
{
    return i < doc->person_count ? doc->people[i].role_count : 0;
}

LEDE_API const char *lede_doc_person_role(const lede_doc *doc, size_t i, size_t r)
{
    if (i >= doc->person_count || r >= doc->people[i].role_count)
        return NULL;
    return doc->people[i].roles[r];
}

LEDE_API size_t lede_doc_place_count(const lede_doc *doc)
{
    return doc->place_count;
}

LEDE_API const char *lede_doc_place_name(const lede_doc *doc, size_t i)
{
    return i < doc->place_count ? doc->places[i].name : NULL;
}

LEDE_API const char *lede_doc_place_kind(const lede_doc *doc, size_t i)
{
    return i < doc->place_count ? doc->places[i].kind : NULL;
}
