/* scenario_check.c — `paja check`: lint a loaded scenario for what loading
 * alone does not catch: steps that can never start (order loops), steps
 * that can never complete and rules that can never fire (conditions that are
 * constant), rubric weights that cannot add up, and missing translations.
 * Loading already refuses unknown names, wrong types and event patterns no
 * object can produce. */
#include "scenario_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct check {
    const struct scenario *sc;
    struct scenario_diags *d;
    size_t errors;
    size_t sv_missing; /* texts without Swedish, reported once as a count */
};

static void cerr(struct check *c, struct src_pos p, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void cerr(struct check *c, struct src_pos p, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    scenario_diags_add(c->d, SCENARIO_DIAG_ERROR, c->sc->file, p.line, p.col, "%s", buf);
    c->errors++;
}

static void cwarn(struct check *c, struct src_pos p, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void cwarn(struct check *c, struct src_pos p, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    scenario_diags_add(c->d, SCENARIO_DIAG_WARNING, c->sc->file, p.line, p.col, "%s", buf);
}

/* Steps reachable = those whose prerequisites can all become done. A step
 * on an order loop never can, nor can anything after it. */
static void check_reachable(struct check *c)
{
    const struct scenario *sc = c->sc;
    bool *ok = xcalloc(sc->step_count + 1, sizeof *ok);
    bool changed = true;
    while (changed) {
        changed = false;
        for (size_t i = 0; i < sc->step_count; i++) {
            if (ok[i]) continue;
            bool all = true;
            for (size_t k = 0; k < sc->steps[i].prereq_count; k++) all &= ok[sc->steps[i].prereq[k]];
            if (all) ok[i] = changed = true;
        }
    }
    /* Waiting for an optional step makes it required in effect; usually
     * the author meant something else. */
    for (size_t i = 0; i < sc->step_count; i++)
        for (size_t k = 0; k < sc->steps[i].prereq_count; k++) {
            const struct sc_step *p = &sc->steps[sc->steps[i].prereq[k]];
            if (p->optional && !sc->steps[i].optional)
                cwarn(c, sc->steps[i].pos, "step '%s' waits for optional step '%s', so it cannot start until that is done",
                      sc->steps[i].id, p->id);
        }
    bool *seen = xcalloc(sc->step_count + 1, sizeof *seen);
    int *stack = xcalloc(sc->step_count + 1, sizeof *stack);
    for (size_t i = 0; i < sc->step_count; i++) {
        if (ok[i]) continue;
        const struct sc_step *st = &sc->steps[i];
        /* Name the blocked prerequisite that leads back to this step if
         * there is one (a loop), else the first blocked one. */
        const char *via = NULL, *loop_via = NULL;
        for (size_t k = 0; k < st->prereq_count; k++) {
            int p = st->prereq[k];
            if (ok[p]) continue;
            if (!via) via = sc->steps[p].id;
            memset(seen, 0, (sc->step_count + 1) * sizeof *seen);
            size_t top = 0;
            stack[top++] = p;
            seen[p] = true;
            while (top && !loop_via) {
                int x = stack[--top];
                if ((size_t)x == i) loop_via = sc->steps[p].id;
                for (size_t q = 0; q < sc->steps[x].prereq_count; q++) {
                    int y = sc->steps[x].prereq[q];
                    if (!seen[y]) {
                        seen[y] = true;
                        stack[top++] = y;
                    }
                }
            }
            if (loop_via) break;
        }
        if (loop_via)
            cerr(c, st->pos, "step '%s' can never start: it and '%s' wait for each other (a loop through 'after')",
                 st->id, loop_via);
        else
            cerr(c, st->pos, "step '%s' can never start: it waits for '%s', which can never start", st->id,
                 via ? via : "?");
    }
    free(seen);
    free(stack);
    free(ok);
}

/* Whether e is constant, either as written or because the state it reads
 * is never changed by any effect, step or variant. *out_why gets "" or a
 * note saying the latter. */
static bool cond_const(const struct check *c, const bool *frozen, const struct expr *e, double *out,
                       const char **out_why)
{
    *out_why = "";
    if (expr_is_const(e, out)) return true;
    if (!expr_is_const_in(e, c->sc, frozen, out)) return false;
    *out_why = " (it reads only state that no effect, step or variant ever changes)";
    return true;
}

static void check_conditions(struct check *c)
{
    const struct scenario *sc = c->sc;
    bool *frozen = xcalloc(sc->var_count + 1, sizeof *frozen);
    for (size_t i = 0; i < sc->var_count; i++) frozen[i] = true;
    for (size_t i = 0; i < sc->effect_count; i++)
        for (size_t k = 0; k < sc->effects[i].set_count; k++) frozen[sc->effects[i].set[k].var] = false;
    for (size_t i = 0; i < sc->step_count; i++)
        for (size_t k = 0; k < sc->steps[i].set_count; k++) frozen[sc->steps[i].set[k].var] = false;
    for (size_t i = 0; i < sc->variant_count; i++)
        for (size_t k = 0; k < sc->variants[i].set_count; k++) frozen[sc->variants[i].set[k].var] = false;
    double v = 0;
    const char *why = "";
    for (size_t i = 0; i < sc->step_count; i++) {
        const struct sc_step *st = &sc->steps[i];
        if (st->done_when && cond_const(c, frozen, st->done_when, &v, &why) && v == 0)
            cerr(c, st->pos, "step '%s' can never complete: its done_when is always false%s", st->id, why);
        if (st->has_done_on && st->done_on.when && cond_const(c, frozen, st->done_on.when, &v, &why) && v == 0)
            cerr(c, st->pos, "step '%s' can never complete: the 'when' of its done_on is always false%s", st->id, why);
    }
    for (size_t i = 0; i < sc->rule_count; i++) {
        const struct sc_rule *r = &sc->rules[i];
        const struct expr *w = r->has_on ? r->on.when : r->when;
        if (w && cond_const(c, frozen, w, &v, &why)) {
            if (v == 0)
                cerr(c, r->pos, "rule '%s' can never fire: its condition is always false%s", r->id, why);
            else if (!r->has_on)
                cerr(c, r->pos, "rule '%s' is broken from the start: its condition is always true%s", r->id, why);
        }
    }
    for (size_t i = 0; i < sc->variant_count; i++)
        if (sc->variants[i].probability == 0)
            cwarn(c, sc->variants[i].pos, "variant '%s' has probability 0, so no seed ever picks it",
                  sc->variants[i].id);
    free(frozen);
}

static void check_rubric(struct check *c)
{
    const struct scenario *sc = c->sc;
    double total = 0;
    size_t required = 0;
    for (size_t i = 0; i < sc->step_count; i++)
        if (!sc->steps[i].optional) {
            total += sc->steps[i].weight;
            required++;
        }
    if (required == 0)
        cerr(c, sc->rubric.pos, "every step is optional, so a session finishes before it starts");
    else if (total <= 0)
        cerr(c, sc->rubric.pos, "the weights of the required steps add up to 0, so the score cannot measure progress");
    for (size_t g = 0; g < sc->group_count; g++)
        if (sc->groups[g].weight == 0)
            cwarn(c, sc->groups[g].pos, "group '%s' has weight 0: its steps add nothing to the score", sc->groups[g].id);
    if (sc->rubric.penalty[EV_SEVERITY_MINOR] > sc->rubric.penalty[EV_SEVERITY_MAJOR] ||
        sc->rubric.penalty[EV_SEVERITY_MAJOR] > sc->rubric.penalty[EV_SEVERITY_CRITICAL])
        cwarn(c, sc->rubric.pos, "penalties should grow with severity (minor <= major <= critical)");
    bool has_critical = false;
    for (size_t i = 0; i < sc->rule_count; i++) has_critical |= sc->rules[i].severity == EV_SEVERITY_CRITICAL;
    if (!has_critical && sc->rule_count)
        cwarn(c, sc->rubric.pos, "no rule is critical; safety procedures usually have at least one");
}

static void need_text(struct check *c, struct src_pos p, const struct scenario_text *t, const char *what, const char *id)
{
    if (!t->s[SCENARIO_LANG_FI] && !t->s[SCENARIO_LANG_EN] && !t->s[SCENARIO_LANG_SV]) return;
    if (!t->s[SCENARIO_LANG_FI]) cerr(c, p, "%s of '%s' has no Finnish (fi) text", what, id);
    if (!t->s[SCENARIO_LANG_EN]) cerr(c, p, "%s of '%s' has no English (en) text", what, id);
    if (!t->s[SCENARIO_LANG_SV]) c->sv_missing++;
}

static void check_texts(struct check *c)
{
    const struct scenario *sc = c->sc;
    need_text(c, sc->title_pos, &sc->title, "the title", sc->id);
    for (size_t i = 0; i < sc->step_count; i++) {
        need_text(c, sc->steps[i].pos, &sc->steps[i].text, "the text", sc->steps[i].id);
        need_text(c, sc->steps[i].pos, &sc->steps[i].hint, "the hint", sc->steps[i].id);
    }
    for (size_t i = 0; i < sc->rule_count; i++) need_text(c, sc->rules[i].pos, &sc->rules[i].message, "the message", sc->rules[i].id);
    for (size_t i = 0; i < sc->point_count; i++) need_text(c, sc->points[i].pos, &sc->points[i].name, "the name", sc->points[i].id);
    if (c->sv_missing)
        cwarn(c, (struct src_pos){0, 0}, "%zu text%s no Swedish (sv) version; English is shown instead", c->sv_missing,
              c->sv_missing == 1 ? " has" : "s have");
}

size_t scenario_check(const struct scenario *sc, struct scenario_diags *diags)
{
    struct check c = {.sc = sc, .d = diags};
    size_t first = diags->n;
    check_reachable(&c);
    check_conditions(&c);
    check_rubric(&c);
    check_texts(&c);
    c.errors += scenario_check_inputs(sc, diags);
    scenario_diags_sort_from(diags, first);
    return c.errors;
}
