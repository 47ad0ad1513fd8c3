#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Chunks grow geometrically so a large page needs few mallocs, while a small
 * one costs a single 16 KiB chunk. */
enum { FIRST_CHUNK = 16 * 1024, ALIGN = 16 };

typedef struct chunk {
    struct chunk *next;
    size_t size;
    size_t used;
    max_align_t data[];
} chunk;

struct arena {
    chunk *head;
    size_t total;
};

static chunk *chunk_new(size_t size)
{
    chunk *c = malloc(sizeof(chunk) + size);
    if (!c)
        return NULL;
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

arena *arena_new(void)
{
    arena *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->head = chunk_new(FIRST_CHUNK);
    if (!a->head) {
        free(a);
        return NULL;
    }
    return a;
}

void arena_free(arena *a)
{
    if (!a)
        return;
    chunk *c = a->head;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

/* Hands out size bytes without clearing them, for callers that overwrite
 * the whole block at once (string copies, growing buffers). */
static void *arena_alloc_uninit(arena *a, size_t size)
{
    if (size > SIZE_MAX / 2)
        return NULL;
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    chunk *c = a->head;
    if (c->size - c->used < size) {
        size_t want = c->size * 2;
        if (want < size)
            want = size;
        chunk *n = chunk_new(want);
        if (!n)
            return NULL;
        n->next = c;
        a->head = c = n;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    a->total += size;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    void *p = arena_alloc_uninit(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *arena_grow_bytes(arena *a, void *old, size_t old_size, size_t new_size)
{
    if (new_size <= old_size)
        return old;
    /* The newest allocation of the current chunk grows in place: the usual
     * case for a buffer being appended to. */
    chunk *c = a->head;
    size_t aligned_old = (old_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    size_t aligned_new = (new_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (old && (char *)old + aligned_old == (char *)c->data + c->used &&
        c->size - c->used >= aligned_new - aligned_old) {
        c->used += aligned_new - aligned_old;
        a->total += aligned_new - aligned_old;
        return old;
    }
    char *p = arena_alloc_uninit(a, new_size);
    if (p && old)
        memcpy(p, old, old_size);
    return p;
}

void *arena_realloc(arena *a, void *old, size_t old_size, size_t new_size)
{
    char *p = arena_grow_bytes(a, old, old_size, new_size);
    if (p && new_size > old_size)
        memset(p + old_size, 0, new_size - old_size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    char *p = arena_alloc_uninit(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

size_t arena_used(const arena *a)
{
    return a->total;
}
