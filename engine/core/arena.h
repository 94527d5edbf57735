/* arena.h — bump allocators with lifetimes.
 *
 * paja owns memory by lifetime, not by object: the app arena lives for the
 * process, the scenario arena until the scenario is unloaded, the frame arena
 * is cleared every frame. Allocations are never freed one by one.
 * Out of memory aborts with a message, so callers never check for NULL.
 *
 *   struct arena a; arena_init(&a, "frame", 64 * 1024);
 *   float *v = ARENA_PUSH_ARRAY(&a, float, 16);   // zeroed
 *   arena_clear(&a);                              // everything gone, memory kept
 *   arena_fini(&a);
 */
#ifndef PAJA_ARENA_H
#define PAJA_ARENA_H

#include <stddef.h>
#include <stdint.h>

struct arena_block;

struct arena {
    const char *name;          /* for OOM and statistics messages */
    size_t block_size;         /* default size of a new block */
    struct arena_block *head;  /* current block; older ones chained behind it */
    size_t used_total;         /* bytes handed out since the last clear */
    size_t reserved_total;     /* bytes held from malloc */
};

/* A position in an arena to roll back to (temporary allocations). */
struct arena_mark {
    struct arena_block *block;
    size_t used;
    size_t used_total;
};

void arena_init(struct arena *a, const char *name, size_t block_size);
void arena_fini(struct arena *a);

/* Returns size bytes aligned to align (a power of two), zeroed. Never NULL. */
void *arena_push(struct arena *a, size_t size, size_t align);
/* Same, not zeroed: for buffers the caller fills completely at once. */
void *arena_push_nozero(struct arena *a, size_t size, size_t align);

/* Copies a string (or n bytes of it, then NUL) into the arena. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Forgets every allocation; keeps the first block for reuse, frees the rest. */
void arena_clear(struct arena *a);

struct arena_mark arena_mark(const struct arena *a);
/* Rolls back to a mark taken earlier from the same arena. */
void arena_reset_to(struct arena *a, struct arena_mark m);

#define ARENA_PUSH_STRUCT(a, T) ((T *)arena_push((a), sizeof(T), _Alignof(T)))
#define ARENA_PUSH_ARRAY(a, T, n) ((T *)arena_push((a), sizeof(T) * (size_t)(n), _Alignof(T)))

/* The process-wide out-of-memory handler: logs and aborts. Also used by code
 * that calls malloc directly (growable arrays). */
_Noreturn void core_oom(const char *what, size_t size);
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);

#endif
