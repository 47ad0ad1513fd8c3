/* The public accessors of the metadata fields (include/lede.h). */
#include "../doc.h"

#define LEDE_API __attribute__((visibility("default")))

LEDE_API size_t lede_doc_author_count(const lede_doc *doc)
{
    return doc->meta.author_count;
}

LEDE_API const char *lede_doc_author(const lede_doc *doc, size_t i)
{
    return i < doc->meta.author_count ? doc->meta.authors[i] : NULL;
}

LEDE_API const char *lede_doc_date_published(const lede_doc *doc)
{
    return doc->meta.date_published;
}

LEDE_API const char *lede_doc_date_modified(const lede_doc *doc)
{
    return doc->meta.date_modified;
}

LEDE_API const char *lede_doc_site_name(const lede_doc *doc)
{
    return doc->meta.site_name;
}

LEDE_API const char *lede_doc_description(const lede_doc *doc)
{
    return doc->meta.description;
}

LEDE_API const char *lede_doc_image(const lede_doc *doc)
{
    return doc->meta.image;
}

LEDE_API const char *lede_doc_section(const lede_doc *doc)
{
    return doc->meta.section;
}

LEDE_API size_t lede_doc_tag_count(const lede_doc *doc)
{
    return doc->meta.tag_count;
}

LEDE_API const char *lede_doc_tag(const lede_doc *doc, size_t i)
{
    return i < doc->meta.tag_count ? doc->meta.tags[i] : NULL;
}
