/* event.c — event names and the per-frame event queue (see event.h). */
#include "event.h"

#include "arena.h"

#include <string.h>

static const char *const EV_NAMES[] = {
#define EV_NAME(e, name) name,
    EV_TYPES(EV_NAME)
#undef EV_NAME
};

const char *ev_type_name(enum ev_type t)
{
    if ((unsigned)t >= EV_TYPE_COUNT) return "unknown";
    return EV_NAMES[t];
}

bool ev_type_parse(const char *name, enum ev_type *out)
{
    for (int i = 0; i < EV_TYPE_COUNT; i++) {
        if (strcmp(EV_NAMES[i], name) == 0) {
            *out = (enum ev_type)i;
            return true;
        }
    }
    return false;
}

const char *ev_severity_name(int severity)
{
    switch (severity) {
    case EV_SEVERITY_MINOR: return "minor";
    case EV_SEVERITY_MAJOR: return "major";
    case EV_SEVERITY_CRITICAL: return "critical";
    default: return "unknown";
    }
}

void ev_queue_init(struct ev_queue *q, struct arena *a)
{
    memset(q, 0, sizeof *q);
    q->arena = a;
}

struct ev *ev_queue_push(struct ev_queue *q, const struct ev *e)
{
    if (q->n == q->cap) {
        /* Grow by copying into a larger arena block; the old one is simply
         * abandoned until the arena is cleared (cheap for per-frame use). */
        size_t cap = q->cap ? q->cap * 2 : 32;
        struct ev *v = ARENA_PUSH_ARRAY(q->arena, struct ev, cap);
        if (q->n) memcpy(v, q->v, q->n * sizeof *v);
        q->v = v;
        q->cap = cap;
    }
    q->v[q->n] = *e;
    return &q->v[q->n++];
}

void ev_queue_clear(struct ev_queue *q)
{
    /* The caller clears the arena itself; after that the storage is gone. */
    q->v = NULL;
    q->n = 0;
    q->cap = 0;
}
