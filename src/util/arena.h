/* Bump allocator: every allocation of one document comes from its arena and
 * is released at once by arena_free(). No per-object frees, no leaks. */
#ifndef LEDE_ARENA_H
#define LEDE_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
/* Returns zeroed memory aligned for any type, or NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);
/* Copies s[0..len) and appends a NUL. */
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);
/* Grows a block previously returned by arena_alloc (copying when needed);
 * the added bytes are zeroed. */
void *arena_realloc(arena *a, void *old, size_t old_size, size_t new_size);
/* The same for byte buffers that write the added bytes next: they are left
 * as they are, which saves clearing them. */
void *arena_grow_bytes(arena *a, void *old, size_t old_size, size_t new_size);
/* Releases every block at once but keeps the arena's first chunk, for an
 * arena reused by the next stage. */
void arena_reset(arena *a);
/* Bytes handed out so far, for limits and statistics. */
size_t arena_used(const arena *a);

#endif
