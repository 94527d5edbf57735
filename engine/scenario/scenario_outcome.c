/* scenario_outcome.c — two runs of a session compared by what judged them.
 *
 * `paja test` runs a playthrough in the engine; `paja run --script` and the
 * simulated headset's player play the same actions through the input path.
 * They agree when the same steps completed, the same rules were broken,
 * the same hints shown, the same readings taken and the session finished
 * with the same result and score, in the same order. Times are not
 * compared (a player's frames fall where they fall) and neither are texts
 * (they are the same scenario's, in the same language); step_started and
 * score events follow from the others. */
#include "scenario.h"

#include "arena.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void scenario_evlist_init(struct scenario_evlist *l)
{
    memset(l, 0, sizeof *l);
    l->arena = xcalloc(1, sizeof *l->arena);
    arena_init(l->arena, "evlist", 16 * 1024);
}

void scenario_evlist_fini(struct scenario_evlist *l)
{
    if (l->arena) {
        arena_fini(l->arena);
        free(l->arena);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

static const char *dup(struct arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

void scenario_evlist_add(struct scenario_evlist *l, const struct ev *e)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    struct ev *c = &l->v[l->n++];
    *c = *e;
    c->subject = dup(l->arena, e->subject);
    c->target = dup(l->arena, e->target);
    c->detail = dup(l->arena, e->detail);
    c->unit = dup(l->arena, e->unit);
}

bool scenario_outcome_judges(enum ev_type t)
{
    return t == EV_STEP_COMPLETED || t == EV_RULE_VIOLATED || t == EV_HINT_SHOWN || t == EV_READING ||
           t == EV_FINISHED;
}

void scenario_outcome_add(struct scenario_evlist *outcome, const struct ev *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (scenario_outcome_judges(v[i].type)) scenario_evlist_add(outcome, &v[i]);
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Whether two readings agree: within rel of the larger magnitude, or
 * 1e-9 absolute (a 0 V reading against -0 V). */
static bool close_to(double a, double b, double rel)
{
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= rel * m + 1e-9;
}

static bool same_event(const struct ev *a, const struct ev *b, double reading_tol)
{
    if (a->type != b->type || !same_str(a->subject, b->subject)) return false;
    switch (a->type) {
    case EV_STEP_COMPLETED: return a->ival == b->ival;
    case EV_RULE_VIOLATED:
    case EV_HINT_SHOWN: return same_str(a->target, b->target) && a->ival == b->ival;
    case EV_READING:
        return same_str(a->target, b->target) && same_str(a->unit, b->unit) && close_to(a->value, b->value, reading_tol);
    /* Scores are rounded to 0.01 by the engine. */
    case EV_FINISHED: return same_str(a->detail, b->detail) && fabs(a->value - b->value) < 0.005 && a->ival == b->ival;
    default: return true;
    }
}

void scenario_outcome_describe(const struct ev *e, char *buf, size_t size)
{
    if (!e) {
        snprintf(buf, size, "nothing (it ended there)");
        return;
    }
    const char *s = e->subject ? e->subject : "-", *t = e->target ? e->target : NULL;
    switch (e->type) {
    case EV_STEP_COMPLETED:
        snprintf(buf, size, "step %s completed%s", s, e->ival ? " (done early)" : "");
        break;
    case EV_RULE_VIOLATED:
        if (strcmp(s, "out_of_order") == 0) snprintf(buf, size, "order slip out_of_order:%s (%s)", t ? t : "-", ev_severity_name(e->ival));
        else snprintf(buf, size, "rule %s broken (%s)%s%s", s, ev_severity_name(e->ival), t ? ", step " : "", t ? t : "");
        break;
    case EV_HINT_SHOWN: snprintf(buf, size, "hint for %s (request %d)", s, e->ival); break;
    case EV_READING:
        snprintf(buf, size, "reading %s at %s: %.6g%s%s", s, t ? t : "-", e->value, e->unit ? " " : "",
                 e->unit ? e->unit : "");
        break;
    case EV_FINISHED:
        snprintf(buf, size, "finished %s, score %.2f, %d critical", e->detail ? e->detail : "-", e->value, e->ival);
        break;
    default: snprintf(buf, size, "%s %s", ev_type_name(e->type), s); break;
    }
}

size_t scenario_outcome_diff(const struct scenario_evlist *got, const struct scenario_evlist *want, double reading_tol,
                             char *why, size_t size)
{
    size_t n = got->n > want->n ? got->n : want->n;
    for (size_t i = 0; i < n; i++) {
        const struct ev *g = i < got->n ? &got->v[i] : NULL, *w = i < want->n ? &want->v[i] : NULL;
        if (g && w && same_event(g, w, reading_tol)) continue;
        if (why && size) {
            char gs[256], ws[256];
            scenario_outcome_describe(g, gs, sizeof gs);
            scenario_outcome_describe(w, ws, sizeof ws);
            snprintf(why, size, "outcome event %zu: %s at %.3f s; paja test: %s%s", i + 1, gs,
                     g ? (double)g->t_us / 1e6 : 0.0, ws, "");
            if (!g) snprintf(why, size, "outcome event %zu: nothing; paja test: %s at %.3f s", i + 1, ws,
                             (double)w->t_us / 1e6);
        }
        return i;
    }
    if (why && size) snprintf(why, size, "the same %zu outcome events", n);
    return SIZE_MAX;
}
