/* arena.c — bump allocator with chained blocks (see arena.h). */
#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    struct arena_block *prev;
    size_t size;   /* usable bytes in data[] */
    size_t used;
    _Alignas(max_align_t) unsigned char data[];
};

_Noreturn void core_oom(const char *what, size_t size)
{
    /* No logging module here on purpose: it may itself need memory. */
    fprintf(stderr, "paja: out of memory allocating %zu bytes for %s\n", size, what ? what : "?");
    abort();
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) core_oom("malloc", size);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) core_oom("calloc", n * size);
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) core_oom("realloc", size);
    return q;
}

void arena_init(struct arena *a, const char *name, size_t block_size)
{
    memset(a, 0, sizeof *a);
    a->name = name;
    a->block_size = block_size ? block_size : 64 * 1024;
}

void arena_fini(struct arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *prev = b->prev;
        free(b);
        b = prev;
    }
    a->head = NULL;
    a->used_total = 0;
    a->reserved_total = 0;
}

static struct arena_block *block_new(struct arena *a, size_t min_size)
{
    size_t size = a->block_size > min_size ? a->block_size : min_size;
    if (size > SIZE_MAX - sizeof(struct arena_block)) core_oom(a->name, size);
    struct arena_block *b = malloc(sizeof *b + size);
    if (!b) core_oom(a->name, size);
    b->prev = a->head;
    b->size = size;
    b->used = 0;
    a->head = b;
    a->reserved_total += size;
    return b;
}

/* Offset in b->data of the next free byte aligned to align, measured on the
 * absolute address so alignments above max_align_t hold too. */
static size_t aligned_offset(const struct arena_block *b, size_t align)
{
    uintptr_t at = (uintptr_t)(b->data + b->used);
    uintptr_t aligned = (at + (align - 1)) & ~(uintptr_t)(align - 1);
    return b->used + (size_t)(aligned - at);
}

void *arena_push_nozero(struct arena *a, size_t size, size_t align)
{
    if (align == 0) align = 1;
    struct arena_block *b = a->head;
    size_t start = 0;
    if (b) start = aligned_offset(b, align);
    if (!b || start > b->size || size > b->size - start) {
        /* Worst case padding is align-1 past the block's own alignment. */
        if (size > SIZE_MAX - align) core_oom(a->name, size);
        b = block_new(a, size + align);
        start = aligned_offset(b, align);
    }
    void *p = b->data + start;
    a->used_total += (start - b->used) + size;
    b->used = start + size;
    return p;
}

void *arena_push(struct arena *a, size_t size, size_t align)
{
    void *p = arena_push_nozero(a, size, align);
    memset(p, 0, size);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *d = arena_push_nozero(a, n + 1, 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *d = arena_push_nozero(a, (size_t)n + 1, 1);
    vsnprintf(d, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return d;
}

void arena_clear(struct arena *a)
{
    /* Keep the oldest block (usually the only one) to avoid malloc churn
     * on the per-frame arena. */
    struct arena_block *b = a->head;
    struct arena_block *keep = NULL;
    while (b) {
        struct arena_block *prev = b->prev;
        if (prev == NULL) {
            keep = b;
        } else {
            a->reserved_total -= b->size;
            free(b);
        }
        b = prev;
    }
    if (keep) keep->used = 0;
    a->head = keep;
    a->used_total = 0;
}

struct arena_mark arena_mark(const struct arena *a)
{
    struct arena_mark m = {a->head, a->head ? a->head->used : 0, a->used_total};
    return m;
}

void arena_reset_to(struct arena *a, struct arena_mark m)
{
    while (a->head && a->head != m.block) {
        struct arena_block *prev = a->head->prev;
        a->reserved_total -= a->head->size;
        free(a->head);
        a->head = prev;
    }
    if (a->head) a->head->used = m.used;
    a->used_total = m.used_total;
}
