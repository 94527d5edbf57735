/* scenario_load_steps.c — steps and groups (with the order they imply),
 * rules, exam variants and the rubric; see scenario_load.c for the passes. */
#include "scenario_load.h"

#include "str.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const STEP_KEYS[] = {"id", "text", "hint", "guide", "done_on", "done_when", "after",
                                        "optional", "weight", "set", "out_of_order", "order_message"};
static const char *const GROUP_KEYS[] = {"group", "title", "order", "weight", "after", "steps"};

static bool is_group(const struct ynode *n)
{
    return n->kind == YNODE_MAP && map_get(n, "group") != NULL;
}

static void register_step(struct loader *L, const struct ynode *n, int group)
{
    struct scenario *sc = L->sc;
    if (!want_kind(L, n, YNODE_MAP, "each step")) return;
    const struct ynode *idn = map_get(n, "id");
    if (!idn) {
        lerr(L, n, "this step has no 'id'");
        return;
    }
    const char *id = read_id(L, idn, "step id", true);
    if (!id) return;
    int prev = scenario_find_step(sc, id);
    if (prev >= 0) {
        lerr(L, idn, "step id '%s' is used twice (first at line %d)", id, sc->steps[prev].pos.line);
        return;
    }
    for (size_t g = 0; g < sc->group_count; g++)
        if (strcmp(sc->groups[g].id, id) == 0) {
            lerr(L, idn, "step id '%s' is already the name of a group", id);
            return;
        }
    struct sc_step *st = &sc->steps[sc->step_count];
    st->id = id;
    st->group = group;
    st->pos = (struct src_pos){n->line, n->col};
    L->step_nodes[sc->step_count] = n;
    sc->step_ids[sc->step_count++] = id;
}

void load_steps_register(struct loader *L, const struct ynode *steps)
{
    struct scenario *sc = L->sc;
    if (!want_kind(L, steps, YNODE_SEQ, "'steps'")) return;
    size_t cap = 1, gcap = 1;
    for (size_t i = 0; i < steps->count; i++) {
        const struct ynode *it = steps->items[i];
        const struct ynode *inner = map_get(it, "steps");
        if (is_group(it) && inner && inner->kind == YNODE_SEQ) cap += inner->count;
        else cap++;
        gcap++;
    }
    sc->steps = ARENA_PUSH_ARRAY(L->a, struct sc_step, cap);
    sc->step_ids = ARENA_PUSH_ARRAY(L->a, const char *, cap);
    L->step_nodes = ARENA_PUSH_ARRAY(L->a, const struct ynode *, cap);
    sc->groups = ARENA_PUSH_ARRAY(L->a, struct sc_group, gcap);
    L->group_nodes = ARENA_PUSH_ARRAY(L->a, const struct ynode *, gcap);
    for (size_t i = 0; i < steps->count; i++) {
        const struct ynode *it = steps->items[i];
        if (!is_group(it)) {
            register_step(L, it, -1);
            continue;
        }
        const struct ynode *gn = map_get(it, "group");
        const char *gid = read_id(L, gn, "group id", true);
        if (!gid) continue;
        bool dup = false;
        for (size_t g = 0; g < sc->group_count; g++) dup |= strcmp(sc->groups[g].id, gid) == 0;
        if (dup) {
            lerr(L, gn, "group '%s' is defined twice", gid);
            continue;
        }
        int g = (int)sc->group_count++;
        sc->groups[g].id = gid;
        sc->groups[g].weight = -1;
        sc->groups[g].pos = (struct src_pos){it->line, it->col};
        L->group_nodes[g] = it;
        const struct ynode *inner = map_get(it, "steps");
        if (!inner) {
            lerr(L, it, "group '%s' has no 'steps'", gid);
            continue;
        }
        if (!want_kind(L, inner, YNODE_SEQ, "a group's 'steps'")) continue;
        if (inner->count == 0) lerr(L, inner, "group '%s' has no steps", gid);
        for (size_t k = 0; k < inner->count; k++) {
            if (is_group(inner->items[k])) {
                lerr(L, inner->items[k], "groups cannot be nested; use 'after:' for finer order");
                continue;
            }
            register_step(L, inner->items[k], g);
        }
    }
}

/* A small growable list of step indices (heap; freed by the caller). */
struct ilist { int *v; size_t n, cap; };

static void il_add(struct ilist *l, int x)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == x) return;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = x;
}

static void il_set(struct ilist *dst, const struct ilist *src)
{
    dst->n = 0;
    for (size_t i = 0; i < src->n; i++) il_add(dst, src->v[i]);
}

static int find_group(const struct scenario *sc, const char *id)
{
    for (size_t g = 0; g < sc->group_count; g++)
        if (strcmp(sc->groups[g].id, id) == 0) return (int)g;
    return -1;
}

/* after: [step or group ids] -> indices into l. */
static void read_after(struct loader *L, const struct ynode *n, int self, struct ilist *l)
{
    struct scenario *sc = L->sc;
    size_t count = 0;
    const char **ids = read_str_list(L, n, "'after'", &count);
    for (size_t i = 0; i < count; i++) {
        const struct ynode *at = n->kind == YNODE_SEQ ? n->items[i] : n;
        int s = scenario_find_step(sc, ids[i]);
        if (s >= 0) {
            if (s == self)
                lerr(L, at, "step '%s' cannot come after itself", ids[i]);
            else
                il_add(l, s);
            continue;
        }
        int g = find_group(sc, ids[i]);
        if (g >= 0) {
            for (size_t k = 0; k < sc->step_count; k++)
                if (sc->steps[k].group == g && (int)k != self) il_add(l, (int)k);
            continue;
        }
        const char *cands[1024];
        size_t nc = 0;
        for (size_t k = 0; k < sc->step_count && nc < 1024; k++) cands[nc++] = sc->step_ids[k];
        for (size_t k = 0; k < sc->group_count && nc < 1024; k++) cands[nc++] = sc->groups[k].id;
        unknown_ref(L, at, "step or group", ids[i], cands, nc);
    }
}

static void load_step_details(struct loader *L, int si, const struct ilist *base)
{
    struct scenario *sc = L->sc;
    struct sc_step *st = &sc->steps[si];
    const struct ynode *n = L->step_nodes[si];
    CHECK_KEYS(L, n, "a step", STEP_KEYS);
    const struct ynode *v;
    if ((v = map_get(n, "text")))
        read_text(L, v, "a step's 'text'", &st->text);
    else
        lerr(L, n, "step '%s' has no 'text'", st->id);
    if ((v = map_get(n, "hint"))) read_text(L, v, "a step's 'hint'", &st->hint);
    if ((v = map_get(n, "order_message"))) read_text(L, v, "'order_message'", &st->order_message);
    if ((v = map_get(n, "guide"))) {
        st->guide = read_str_list(L, v, "'guide'", &st->guide_count);
        for (size_t k = 0; k < st->guide_count; k++)
            if (scenario_find_object(sc, st->guide[k]) < 0)
                unknown_ref(L, v->kind == YNODE_SEQ ? v->items[k] : v, "object", st->guide[k], sc->object_ids,
                            sc->object_count);
    }
    bool b = false;
    if ((v = map_get(n, "optional")) && read_bool(L, v, "'optional'", &b)) st->optional = b;
    st->weight = 1;
    if ((v = map_get(n, "weight")) && read_number(L, v, "'weight'", &st->weight) && st->weight < 0)
        lerr(L, v, "a weight cannot be negative");
    st->order_severity = EV_SEVERITY_MINOR;
    if ((v = map_get(n, "out_of_order"))) {
        int sev = read_severity(L, v, true);
        if (sev >= 0) st->order_severity = sev;
    }
    const struct ynode *on = map_get(n, "done_on"), *when = map_get(n, "done_when");
    if (on) {
        read_match(L, on, "'done_on'", &st->done_on);
        st->has_done_on = true;
    }
    if (when) st->done_when = read_cond(L, when, 0);
    if (!on && !when) lerr(L, n, "step '%s' has neither 'done_on' (an event) nor 'done_when' (a condition)", st->id);
    if ((v = map_get(n, "set"))) read_assigns(L, v, 0, &st->set, &st->set_count);
    struct ilist pre = {0};
    il_set(&pre, base);
    if ((v = map_get(n, "after"))) read_after(L, v, si, &pre);
    st->prereq = ARENA_PUSH_ARRAY(L->a, int, pre.n + 1);
    for (size_t i = 0; i < pre.n; i++) st->prereq[i] = pre.v[i];
    st->prereq_count = pre.n;
    free(pre.v);
}

void load_steps(struct loader *L, const struct ynode *steps)
{
    struct scenario *sc = L->sc;
    if (steps->kind != YNODE_SEQ) return;
    /* Items run in sequence: each one waits for the required steps of the
     * item before it. An any-order group's steps all wait for the same
     * thing; a sequence group chains its own steps. */
    struct ilist prev = {0}, cur = {0}, tmp = {0};
    int next_step = 0;
    for (size_t i = 0; i < steps->count; i++) {
        const struct ynode *it = steps->items[i];
        if (!is_group(it)) {
            if (next_step >= (int)sc->step_count || L->step_nodes[next_step] != it) continue; /* failed to register */
            int si = next_step++;
            load_step_details(L, si, &prev);
            if (!sc->steps[si].optional) {
                prev.n = 0;
                il_add(&prev, si);
            }
            continue;
        }
        int g = -1;
        for (size_t k = 0; k < sc->group_count; k++)
            if (L->group_nodes[k] == it) g = (int)k;
        if (g < 0) continue;
        struct sc_group *gr = &sc->groups[g];
        CHECK_KEYS(L, it, "a group", GROUP_KEYS);
        const struct ynode *v;
        if ((v = map_get(it, "title"))) read_text(L, v, "a group's 'title'", &gr->title);
        gr->any_order = true;
        if ((v = map_get(it, "order")) && want_kind(L, v, YNODE_SCALAR, "'order'")) {
            if (strcmp(v->str, "sequence") == 0)
                gr->any_order = false;
            else if (strcmp(v->str, "any") != 0) {
                static const char *ORD[] = {"any", "sequence"};
                const char *near = str_nearest(v->str, ORD, 2);
                lerr(L, v, "a group's order is 'any' or 'sequence', not '%s'%s%s%s", v->str,
                     near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
            }
        }
        if ((v = map_get(it, "weight")) && read_number(L, v, "'weight'", &gr->weight) && gr->weight < 0)
            lerr(L, v, "a weight cannot be negative");
        struct ilist base = {0};
        il_set(&base, &prev);
        if ((v = map_get(it, "after"))) read_after(L, v, -1, &base);
        cur.n = 0;
        il_set(&tmp, &base);
        while (next_step < (int)sc->step_count && sc->steps[next_step].group == g) {
            int si = next_step++;
            load_step_details(L, si, gr->any_order ? &base : &tmp);
            if (sc->steps[si].optional) continue;
            il_add(&cur, si);
            if (!gr->any_order) {
                tmp.n = 0;
                il_add(&tmp, si);
            }
        }
        if (cur.n) {
            if (gr->any_order)
                il_set(&prev, &cur);
            else
                il_set(&prev, &tmp);
        }
        free(base.v);
        /* Spread the group's weight over its required steps in proportion
         * to their own weights. */
        if (gr->weight >= 0) {
            double sum = 0;
            for (size_t k = 0; k < sc->step_count; k++)
                if (sc->steps[k].group == g && !sc->steps[k].optional) sum += sc->steps[k].weight;
            for (size_t k = 0; k < sc->step_count; k++)
                if (sc->steps[k].group == g && !sc->steps[k].optional)
                    sc->steps[k].weight = sum > 0 ? gr->weight * sc->steps[k].weight / sum : 0;
        }
    }
    free(prev.v);
    free(cur.v);
    free(tmp.v);
}

void load_rules(struct loader *L, const struct ynode *rules, bool register_only)
{
    struct scenario *sc = L->sc;
    if (register_only) {
        if (!want_kind(L, rules, YNODE_SEQ, "'rules'")) return;
        sc->rules = ARENA_PUSH_ARRAY(L->a, struct sc_rule, rules->count + 1);
        sc->rule_ids = ARENA_PUSH_ARRAY(L->a, const char *, rules->count + 1);
        for (size_t i = 0; i < rules->count; i++) {
            const struct ynode *n = rules->items[i];
            if (!want_kind(L, n, YNODE_MAP, "each rule")) continue;
            const struct ynode *idn = map_get(n, "id");
            if (!idn) {
                lerr(L, n, "this rule has no 'id'");
                continue;
            }
            const char *id = read_id(L, idn, "rule id", false);
            if (!id) continue;
            bool dup = false;
            for (size_t k = 0; k < sc->rule_count; k++)
                if (strcmp(sc->rule_ids[k], id) == 0) {
                    lerr(L, idn, "rule id '%s' is used twice (first at line %d)", id, sc->rules[k].pos.line);
                    dup = true;
                }
            if (dup) continue;
            sc->rules[sc->rule_count].id = id;
            sc->rules[sc->rule_count].pos = (struct src_pos){n->line, n->col};
            sc->rule_ids[sc->rule_count++] = id;
        }
        return;
    }
    for (size_t i = 0; i < sc->rule_count; i++) {
        struct sc_rule *r = &sc->rules[i];
        const struct ynode *n = NULL;
        for (size_t k = 0; k < rules->count && !n; k++)
            if (rules->items[k]->line == r->pos.line && rules->items[k]->col == r->pos.col) n = rules->items[k];
        static const char *const KEYS[] = {"id", "severity", "message", "step", "on", "when", "once"};
        CHECK_KEYS(L, n, "a rule", KEYS);
        const struct ynode *v;
        r->step = -1;
        if ((v = map_get(n, "severity")))
            r->severity = read_severity(L, v, false);
        else
            lerr(L, n, "rule '%s' has no 'severity' (critical, major or minor)", r->id);
        if ((v = map_get(n, "message")))
            read_text(L, v, "a rule's 'message'", &r->message);
        else
            lerr(L, n, "rule '%s' has no 'message'", r->id);
        if ((v = map_get(n, "step")) && want_kind(L, v, YNODE_SCALAR, "'step'")) {
            r->step = scenario_find_step(sc, v->str);
            if (r->step < 0) unknown_ref(L, v, "step", v->str, sc->step_ids, sc->step_count);
        }
        bool once = false;
        if ((v = map_get(n, "once")) && read_bool(L, v, "'once'", &once)) r->once = once;
        const struct ynode *on = map_get(n, "on"), *when = map_get(n, "when");
        if (once && !on) lerr(L, v, "'once' is for rules with 'on'; a 'when' rule already fires once each time its condition becomes true");
        if (on && when) {
            lerr(L, when, "rule '%s' has both 'on' and 'when'; put the condition inside 'on' as its 'when'", r->id);
        } else if (on) {
            r->has_on = true;
            read_match(L, on, "a rule's 'on'", &r->on);
        } else if (when) {
            r->when = read_cond(L, when, 0);
        } else {
            lerr(L, n, "rule '%s' needs 'on' (an event that breaks it) or 'when' (a state that breaks it)", r->id);
        }
    }
}

void load_variants(struct loader *L, const struct ynode *variants, bool register_only)
{
    struct scenario *sc = L->sc;
    if (register_only) {
        if (!want_kind(L, variants, YNODE_SEQ, "'variants'")) return;
        sc->variants = ARENA_PUSH_ARRAY(L->a, struct sc_variant, variants->count + 1);
        sc->variant_ids = ARENA_PUSH_ARRAY(L->a, const char *, variants->count + 1);
        for (size_t i = 0; i < variants->count; i++) {
            const struct ynode *n = variants->items[i];
            if (!want_kind(L, n, YNODE_MAP, "each variant")) continue;
            const struct ynode *idn = map_get(n, "id");
            if (!idn) {
                lerr(L, n, "this variant has no 'id'");
                continue;
            }
            const char *id = read_id(L, idn, "variant id", false);
            if (!id) continue;
            if (scenario_find_variant(sc, id) >= 0) {
                lerr(L, idn, "variant id '%s' is used twice", id);
                continue;
            }
            sc->variants[sc->variant_count].id = id;
            sc->variants[sc->variant_count].pos = (struct src_pos){n->line, n->col};
            sc->variant_ids[sc->variant_count++] = id;
        }
        return;
    }
    for (size_t i = 0; i < sc->variant_count; i++) {
        struct sc_variant *va = &sc->variants[i];
        const struct ynode *n = NULL;
        for (size_t k = 0; k < variants->count && !n; k++)
            if (variants->items[k]->line == va->pos.line && variants->items[k]->col == va->pos.col)
                n = variants->items[k];
        static const char *const KEYS[] = {"id", "probability", "modes", "set", "text"};
        CHECK_KEYS(L, n, "a variant", KEYS);
        const struct ynode *v;
        va->probability = 1;
        if ((v = map_get(n, "probability")) && read_number(L, v, "'probability'", &va->probability) &&
            (va->probability < 0 || va->probability > 1))
            lerr(L, v, "a probability is between 0 and 1, not %g", va->probability);
        va->modes = 1u << SCENARIO_MODE_EXAM;
        if ((v = map_get(n, "modes"))) {
            va->modes = 0;
            size_t nm = 0;
            const char **modes = read_str_list(L, v, "'modes'", &nm);
            for (size_t k = 0; k < nm; k++) {
                enum scenario_mode m;
                if (scenario_mode_parse(modes[k], &m)) {
                    va->modes |= 1u << m;
                } else {
                    static const char *MODES[] = {"guided", "practice", "exam"};
                    unknown_ref(L, v->kind == YNODE_SEQ ? v->items[k] : v, "mode", modes[k], MODES, 3);
                }
            }
        }
        if ((v = map_get(n, "set")))
            read_assigns(L, v, EXPR_CTX_RANDOM, &va->set, &va->set_count);
        else
            lerr(L, n, "variant '%s' has no 'set' (the state it changes)", va->id);
        if ((v = map_get(n, "text"))) read_text(L, v, "a variant's 'text'", &va->text);
    }
}

void load_rubric(struct loader *L, const struct ynode *n)
{
    struct sc_rubric *r = &L->sc->rubric;
    r->pass_mark = 80;
    r->critical_allowed = 0;
    r->penalty[EV_SEVERITY_MINOR] = 3;
    r->penalty[EV_SEVERITY_MAJOR] = 10;
    r->penalty[EV_SEVERITY_CRITICAL] = 100;
    if (!n || !want_kind(L, n, YNODE_MAP, "'rubric'")) return;
    r->pos = (struct src_pos){n->line, n->col};
    static const char *const KEYS[] = {"pass_mark", "critical_allowed", "penalties", "hint_penalty"};
    CHECK_KEYS(L, n, "the rubric", KEYS);
    const struct ynode *v;
    if ((v = map_get(n, "pass_mark")) && read_number(L, v, "'pass_mark'", &r->pass_mark) &&
        (r->pass_mark < 0 || r->pass_mark > 100))
        lerr(L, v, "pass_mark is a percentage from 0 to 100, not %g", r->pass_mark);
    double d = 0;
    if ((v = map_get(n, "critical_allowed")) && read_number(L, v, "'critical_allowed'", &d)) {
        if (d < 0 || d != floor(d) || d > 1000)
            lerr(L, v, "critical_allowed is a whole number of at least 0");
        else
            r->critical_allowed = (int)d;
    }
    if ((v = map_get(n, "hint_penalty")) && read_number(L, v, "'hint_penalty'", &r->hint_penalty) &&
        r->hint_penalty < 0)
        lerr(L, v, "hint_penalty cannot be negative");
    if ((v = map_get(n, "penalties")) && want_kind(L, v, YNODE_MAP, "'penalties'")) {
        static const char *const SEV[] = {"minor", "major", "critical"};
        CHECK_KEYS(L, v, "'penalties'", SEV);
        for (int s = 0; s < 3; s++) {
            const struct ynode *p = map_get(v, SEV[s]);
            if (p && read_number(L, p, SEV[s], &r->penalty[s + 1]) && r->penalty[s + 1] < 0)
                lerr(L, p, "a penalty cannot be negative");
        }
    }
}
