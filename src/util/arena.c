#include "arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Chunks grow geometrically so a large page needs few mallocs, while a small
 * one costs a single 16 KiB chunk. A block of LARGE bytes or more gets a
 * chunk of its own (not smaller ones: on ordinary pages that costs page
 * faults for nothing): growing it is a realloc, which the C library does for
 * such sizes by remapping pages, so a big buffer that doubles is never held
 * twice; and its pages cost memory only once written. */
enum { FIRST_CHUNK = 16 * 1024, ALIGN = 16, LARGE = 1024 * 1024 };

typedef struct chunk {
    struct chunk *next;
    struct chunk *prev; /* own-chunk blocks only: they are unlinked to grow */
    size_t size;
    size_t used;
    max_align_t data[];
} chunk;

struct arena {
    chunk *head;
    chunk *large; /* chunks of one block each, newest first */
    size_t total;
};

static chunk *chunk_new(size_t size)
{
    chunk *c = malloc(sizeof(chunk) + size);
    if (!c)
        return NULL;
    c->next = c->prev = NULL;
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

static void chunks_free(chunk *c)
{
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
}

void arena_free(arena *a)
{
    if (!a)
        return;
    chunks_free(a->head);
    chunks_free(a->large);
    free(a);
}

void arena_reset(arena *a)
{
    chunks_free(a->large);
    a->large = NULL;
    while (a->head->next) {
        chunk *next = a->head->next;
        free(a->head);
        a->head = next;
    }
    a->head->used = 0;
    a->total = 0;
}

static void large_link(arena *a, chunk *c)
{
    c->prev = NULL;
    c->next = a->large;
    if (a->large)
        a->large->prev = c;
    a->large = c;
}

/* A block of its own chunk; zeroed by calloc, which skips clearing the
 * fresh pages the system hands out for such sizes. */
static void *large_alloc(arena *a, size_t size, bool zeroed)
{
    if (size > SIZE_MAX - sizeof(chunk))
        return NULL;
    chunk *c = zeroed ? calloc(1, sizeof(chunk) + size) : malloc(sizeof(chunk) + size);
    if (!c)
        return NULL;
    c->size = c->used = size;
    large_link(a, c);
    a->total += size;
    return c->data;
}

/* The own chunk holding the block at p, or NULL. */
static chunk *large_find(const arena *a, const void *p)
{
    for (chunk *c = a->large; c; c = c->next)
        if ((const void *)c->data == p)
            return c;
    return NULL;
}

static void *large_grow(arena *a, chunk *c, size_t new_size)
{
    if (new_size > SIZE_MAX - sizeof(chunk))
        return NULL;
    chunk *prev = c->prev, *next = c->next;
    chunk *n = realloc(c, sizeof(chunk) + new_size);
    if (!n)
        return NULL;
    /* Relinked at the list's front: a buffer that grows once tends to
     * grow again. */
    if (prev)
        prev->next = next;
    else
        a->large = next;
    if (next)
        next->prev = prev;
    a->total += new_size - n->size;
    n->size = n->used = new_size;
    large_link(a, n);
    return n->data;
}

/* Hands out size bytes without clearing them, for callers that overwrite
 * the whole block at once (string copies, growing buffers). */
static void *arena_alloc_uninit(arena *a, size_t size)
{
    if (size > SIZE_MAX / 2)
        return NULL;
    if (size >= LARGE)
        return large_alloc(a, size, false);
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
    if (size >= LARGE && size <= SIZE_MAX / 2)
        return large_alloc(a, size, true);
    void *p = arena_alloc_uninit(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *arena_grow_bytes(arena *a, void *old, size_t old_size, size_t new_size)
{
    if (new_size <= old_size)
        return old;
    /* Only a block made LARGE or more has a chunk of its own. */
    chunk *own = old && old_size >= LARGE ? large_find(a, old) : NULL;
    if (own)
        return large_grow(a, own, new_size);
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
