#include "block.h"

#include <stdint.h>
#include <string.h>

void blocks_init(block_stream *s, arena *a, bool from_html)
{
    memset(s, 0, sizeof *s);
    s->a = a;
    s->from_html = from_html;
}

bool blocks_reserve(block_stream *s, size_t n)
{
    if (n <= s->cap)
        return true;
    if (n > SIZE_MAX / sizeof(block))
        return false;
    block *items = arena_grow_bytes(s->a, s->items, s->cap * sizeof(block), n * sizeof(block));
    if (!items)
        return false;
    s->items = items;
    s->cap = n;
    return true;
}

block *blocks_push(block_stream *s, const char *text, size_t len, block_kind kind)
{
    if (len > UINT32_MAX)
        return NULL;
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        block *items =
            arena_grow_bytes(s->a, s->items, s->cap * sizeof(block), cap * sizeof(block));
        if (!items)
            return NULL;
        s->items = items;
        s->cap = cap;
    }
    const char *copy = arena_strndup(s->a, text, len);
    if (!copy)
        return NULL;
    block *b = &s->items[s->count++];
    memset(b, 0, sizeof *b);
    b->text = copy;
    b->len = (uint32_t)len;
    b->kind = (uint8_t)kind;
    return b;
}
