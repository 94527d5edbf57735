/* scenario_load.c — scenario.yaml into a struct scenario: the file, the
 * generic YAML readers with their diagnostics, metadata, objects, state
 * variables, signals and effects. Steps, rules, variants and the rubric are
 * in scenario_load_steps.c.
 *
 * Loading runs in two passes so that anything may refer to anything else
 * regardless of the order in the file: pass 1 registers every id, pass 2
 * reads the details and resolves names, collecting every error rather than
 * stopping at the first (a person fixes a file faster seeing all of them). */
#include "scenario_load.h"

#include "fs.h"
#include "str.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const scenario_cap_names[CAP_NAMES_COUNT] = {"grabbable", "socket", "tool", "wearable",
                                                         "switch", "inspectable", "zone", "question"};

static void ldiag(struct loader *L, enum scenario_diag_level lv, const struct ynode *n, const char *fmt, va_list ap)
{
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    scenario_diags_add(L->diags, lv, L->file, n ? n->line : 0, n ? n->col : 0, "%s", buf);
}

void lerr(struct loader *L, const struct ynode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ldiag(L, SCENARIO_DIAG_ERROR, n, fmt, ap);
    va_end(ap);
    L->errors++;
}

void lwarn(struct loader *L, const struct ynode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ldiag(L, SCENARIO_DIAG_WARNING, n, fmt, ap);
    va_end(ap);
}

static const char *kind_name(enum ynode_kind k)
{
    return k == YNODE_MAP ? "a mapping (key: value)" : k == YNODE_SEQ ? "a list" : "a single value";
}

bool want_kind(struct loader *L, const struct ynode *n, enum ynode_kind kind, const char *what)
{
    if (n->kind == kind) return true;
    lerr(L, n, "%s should be %s, not %s", what, kind_name(kind), kind_name(n->kind));
    return false;
}

const struct ynode *map_get(const struct ynode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAP) return NULL;
    for (size_t i = 0; i < map->count; i++) {
        const struct ynode *k = ynode_key(map, i);
        if (k->kind == YNODE_SCALAR && strcmp(k->str, key) == 0) return ynode_val(map, i);
    }
    return NULL;
}

void check_keys(struct loader *L, const struct ynode *map, const char *what, const char *const *allowed, size_t n)
{
    for (size_t i = 0; i < map->count; i++) {
        const struct ynode *k = ynode_key(map, i);
        if (k->kind != YNODE_SCALAR) {
            lerr(L, k, "keys in %s must be plain names", what);
            continue;
        }
        bool ok = false;
        for (size_t j = 0; j < n; j++) ok |= strcmp(allowed[j], k->str) == 0;
        if (!ok) {
            const char *near = str_nearest(k->str, (const char *const *)allowed, n);
            if (near)
                lerr(L, k, "unknown key '%s' in %s; did you mean '%s'?", k->str, what, near);
            else
                lerr(L, k, "unknown key '%s' in %s", k->str, what);
            continue;
        }
        for (size_t j = 0; j < i; j++) {
            const struct ynode *k2 = ynode_key(map, j);
            if (k2->kind == YNODE_SCALAR && strcmp(k2->str, k->str) == 0) {
                lerr(L, k, "key '%s' appears twice in %s (first at line %d)", k->str, what, k2->line);
                break;
            }
        }
    }
}

const char *get_scalar(struct loader *L, const struct ynode *map, const char *key, bool required, const char *what)
{
    const struct ynode *v = map_get(map, key);
    if (!v) {
        if (required) lerr(L, map, "%s has no '%s'", what, key);
        return NULL;
    }
    char w[160];
    snprintf(w, sizeof w, "'%s' of %s", key, what);
    if (!want_kind(L, v, YNODE_SCALAR, w)) return NULL;
    return v->str;
}

static bool parse_num_text(const char *s, double *out)
{
    /* Plain decimal, locale-independent, through the expression parser's
     * constant folding so "10 * 60" also works for durations. */
    char err[8];
    double v = 0;
    if (!*s || !scenario_expr_eval_const(s, &v, err, sizeof err) || isnan(v) || isinf(v)) return false;
    *out = v;
    return true;
}

bool read_number(struct loader *L, const struct ynode *n, const char *what, double *out)
{
    if (!want_kind(L, n, YNODE_SCALAR, what)) return false;
    if (!parse_num_text(n->str, out)) {
        lerr(L, n, "%s should be a number, not '%s'", what, n->str);
        return false;
    }
    return true;
}

bool read_bool(struct loader *L, const struct ynode *n, const char *what, bool *out)
{
    if (!want_kind(L, n, YNODE_SCALAR, what)) return false;
    if (strcmp(n->str, "true") == 0) {
        *out = true;
        return true;
    }
    if (strcmp(n->str, "false") == 0) {
        *out = false;
        return true;
    }
    lerr(L, n, "%s should be true or false, not '%s'", what, n->str);
    return false;
}

bool read_text(struct loader *L, const struct ynode *n, const char *what, struct scenario_text *out)
{
    memset(out, 0, sizeof *out);
    if (n->kind == YNODE_SCALAR) {
        lerr(L, n, "%s should give the text per language, e.g. {fi: \"...\", en: \"...\"}", what);
        return false;
    }
    if (!want_kind(L, n, YNODE_MAP, what)) return false;
    for (size_t i = 0; i < n->count; i++) {
        const struct ynode *k = ynode_key(n, i), *v = ynode_val(n, i);
        enum scenario_lang lang;
        if (k->kind != YNODE_SCALAR || !scenario_lang_parse(k->str, &lang)) {
            lerr(L, k, "unknown language '%s' in %s (use fi, en or sv)", k->kind == YNODE_SCALAR ? k->str : "?", what);
            continue;
        }
        if (out->s[lang]) {
            lerr(L, k, "%s gives '%s' twice", what, k->str);
            continue;
        }
        if (!want_kind(L, v, YNODE_SCALAR, what)) continue;
        if (!str_utf8_valid(v->str, v->len)) {
            lerr(L, v, "%s (%s) is not valid UTF-8 text", what, k->str);
            continue;
        }
        out->s[lang] = v->str;
    }
    return true;
}

const char *read_id(struct loader *L, const struct ynode *n, const char *what, bool for_expr)
{
    if (!want_kind(L, n, YNODE_SCALAR, what)) return NULL;
    char why[200];
    if (!scenario_id_valid(n->str, why, sizeof why)) {
        lerr(L, n, "%s '%s' is not a valid id: %s", what, n->str, why);
        return NULL;
    }
    if (for_expr && strchr(n->str, '-')) {
        lerr(L, n, "%s '%s' is used in expressions, so it cannot contain '-' (use '_')", what, n->str);
        return NULL;
    }
    return n->str;
}

const char **read_str_list(struct loader *L, const struct ynode *n, const char *what, size_t *out_count)
{
    *out_count = 0;
    if (n->kind == YNODE_SCALAR) {
        const char **v = ARENA_PUSH_ARRAY(L->a, const char *, 1);
        v[0] = n->str;
        *out_count = 1;
        return v;
    }
    if (!want_kind(L, n, YNODE_SEQ, what)) return NULL;
    const char **v = ARENA_PUSH_ARRAY(L->a, const char *, n->count + 1);
    size_t k = 0;
    for (size_t i = 0; i < n->count; i++) {
        if (!want_kind(L, n->items[i], YNODE_SCALAR, what)) continue;
        v[k++] = n->items[i]->str;
    }
    *out_count = k;
    return v;
}

struct expr *read_expr(struct loader *L, const struct ynode *n, unsigned flags, int signal_self)
{
    if (n->kind != YNODE_SCALAR) {
        lerr(L, n, "an expression should be a single value (text), e.g. \"done(step.id) and t > 60\"");
        return NULL;
    }
    if (!n->plain && !n->quoted_double && n->str[0] == '\0') {
        lerr(L, n, "the expression is empty");
        return NULL;
    }
    /* Columns inside the expression: a quoted scalar's text starts one
     * column after the quote. */
    struct expr_compile c = {.sc = L->sc, .flags = flags, .file = L->file, .line = n->line,
                             .col = n->col + (n->plain ? 0 : 1), .diags = L->diags, .arena = L->a,
                             .signal_self = signal_self};
    struct expr *e = expr_compile(&c, n->str);
    L->errors += c.errors;
    return e;
}

struct expr *read_cond(struct loader *L, const struct ynode *n, unsigned flags)
{
    struct expr *e = read_expr(L, n, flags, -1);
    if (e && e->type != EXPR_NUM) {
        lerr(L, n, "a condition must be true/false or a number, not text");
        return NULL;
    }
    return e;
}

void unknown_ref(struct loader *L, const struct ynode *n, const char *what, const char *name, const char **cands,
                 size_t count)
{
    const char *near = str_nearest(name, cands, count);
    if (near)
        lerr(L, n, "no %s '%s'; did you mean '%s'?", what, name, near);
    else
        lerr(L, n, "no %s '%s'", what, name);
}

void bad_choice(struct loader *L, const struct ynode *n, const struct sc_object *q, const char *pick)
{
    char list[512] = "";
    for (size_t i = 0; i < q->choice_count; i++) {
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, "%s%s", i ? ", " : "", q->choices[i]);
    }
    const char *near = str_nearest(pick, q->choices, q->choice_count);
    if (near)
        lerr(L, n, "'%s' is not a choice of question '%s' (%s); did you mean '%s'?", pick, q->id, list, near);
    else
        lerr(L, n, "'%s' is not a choice of question '%s' (%s)", pick, q->id, list);
}

int read_severity(struct loader *L, const struct ynode *n, bool allow_none)
{
    static const char *const SEV[] = {"none", "minor", "major", "critical"};
    if (!want_kind(L, n, YNODE_SCALAR, "severity")) return -1;
    for (int i = allow_none ? 0 : 1; i < 4; i++)
        if (strcmp(n->str, SEV[i]) == 0) return i;
    const char *near = str_nearest(n->str, SEV + (allow_none ? 0 : 1), allow_none ? 4 : 3);
    lerr(L, n, "severity '%s' is not one of %scritical, major, minor%s%s%s", n->str, allow_none ? "none, " : "",
         near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
    return -1;
}

/* Which capability an event needs of its subject (and, for place/remove,
 * of its target), so a pattern that can never match is caught at load. */
static unsigned subject_cap_for(enum ev_type t)
{
    switch (t) {
    case EV_GRAB: case EV_RELEASE: case EV_PLACE: case EV_REMOVE: return CAP_GRABBABLE;
    case EV_USE: return CAP_TOOL;
    case EV_PRESS: return CAP_SWITCH;
    case EV_INSPECT: return CAP_INSPECTABLE;
    case EV_WEAR: case EV_UNWEAR: return CAP_WEARABLE;
    case EV_ZONE: return CAP_ZONE;
    case EV_ANSWER: return CAP_QUESTION;
    default: return 0;
    }
}

static const char *cap_name(unsigned cap)
{
    for (int i = 0; i < CAP_NAMES_COUNT; i++)
        if (cap == 1u << i) return scenario_cap_names[i];
    return "?";
}

bool read_match(struct loader *L, const struct ynode *n, const char *what, struct sc_match *out)
{
    memset(out, 0, sizeof *out);
    out->pos.line = n->line;
    out->pos.col = n->col;
    if (!want_kind(L, n, YNODE_MAP, what)) return false;
    static const char *const KEYS[] = {"event", "subject", "target", "when"};
    CHECK_KEYS(L, n, what, KEYS);
    size_t before = L->errors;
    const struct ynode *ev = map_get(n, "event");
    if (!ev) {
        lerr(L, n, "%s has no 'event' (e.g. event: grab)", what);
        return false;
    }
    size_t ntypes = 0;
    const char **types = read_str_list(L, ev, "event", &ntypes);
    static const char *ACTIONS[] = {"grab", "release", "place", "remove", "use", "press", "inspect",
                                    "wear", "unwear", "zone", "answer", "hint_request"};
    for (size_t i = 0; i < ntypes; i++) {
        enum ev_type t;
        bool known = ev_type_parse(types[i], &t);
        bool action = false;
        for (size_t j = 0; j < sizeof ACTIONS / sizeof ACTIONS[0]; j++) action |= strcmp(ACTIONS[j], types[i]) == 0;
        if (!known || !action) {
            const struct ynode *at = ev->kind == YNODE_SEQ ? ev->items[i] : ev;
            unknown_ref(L, at, "trainee action", types[i], ACTIONS, sizeof ACTIONS / sizeof ACTIONS[0]);
            continue;
        }
        out->types |= 1ull << t;
    }
    const struct ynode *subj = map_get(n, "subject"), *targ = map_get(n, "target");
    if (subj && want_kind(L, subj, YNODE_SCALAR, "subject")) out->subject = subj->str;
    if (targ && want_kind(L, targ, YNODE_SCALAR, "target")) out->target = targ->str;
    const struct scenario *sc = L->sc;
    /* The subject must name (or, with '*', prefix) an object that can do
     * every listed action; otherwise the pattern never matches. */
    if (out->subject && !(out->types == (1ull << EV_HINT_REQUEST))) {
        size_t hits = 0;
        for (size_t i = 0; i < sc->object_count; i++) {
            if (!scenario_pattern_match(out->subject, sc->objects[i].id)) continue;
            hits++;
            for (int t = 0; t < EV_TYPE_COUNT; t++) {
                if (!(out->types & (1ull << t))) continue;
                unsigned need = subject_cap_for((enum ev_type)t);
                if (need && !(sc->objects[i].caps & need))
                    lerr(L, subj, "object '%s' cannot be the subject of '%s': it lacks the '%s' capability",
                         sc->objects[i].id, ev_type_name((enum ev_type)t), cap_name(need));
            }
        }
        const char *star = strchr(out->subject, '*');
        if (star && star[1] != '\0') {
            lerr(L, subj, "'*' may only end a pattern (it matches ids starting with what comes before it)");
        } else if (!hits) {
            if (star)
                lerr(L, subj, "subject pattern '%s' matches no object", out->subject);
            else
                unknown_ref(L, subj, "object", out->subject, sc->object_ids, sc->object_count);
        }
    }
    if (out->target && (out->types & ((1ull << EV_PLACE) | (1ull << EV_REMOVE)))) {
        int ti = scenario_find_object(sc, out->target);
        if (ti < 0 && !strchr(out->target, '*')) {
            unknown_ref(L, targ, "socket", out->target, sc->object_ids, sc->object_count);
        } else if (ti >= 0 && !(sc->objects[ti].caps & CAP_SOCKET)) {
            lerr(L, targ, "target '%s' is not a socket, so nothing can be placed into it", out->target);
        } else if (ti >= 0 && out->subject && !strchr(out->subject, '*') && sc->objects[ti].accept_count) {
            bool ok = false;
            for (size_t i = 0; i < sc->objects[ti].accept_count; i++)
                ok |= strcmp(sc->objects[ti].accepts[i], out->subject) == 0;
            if (!ok)
                lerr(L, targ, "socket '%s' does not accept '%s' (see its 'accepts')", out->target, out->subject);
        }
    }
    if (out->target && (out->types & (1ull << EV_INSPECT)) && out->subject) {
        int si = scenario_find_object(sc, out->subject);
        if (si >= 0 && sc->objects[si].feature_count) {
            const struct sc_object *o = &sc->objects[si];
            bool ok = false;
            for (size_t i = 0; i < o->feature_count; i++) ok |= scenario_pattern_match(out->target, o->features[i]);
            if (!ok) unknown_ref(L, targ, "feature of that object", out->target, o->features, o->feature_count);
        }
    }
    if (out->target && (out->types & (1ull << EV_ANSWER)) && out->subject && !strchr(out->target, '*')) {
        /* An answer's target is the choice picked. */
        int si = scenario_find_object(sc, out->subject);
        if (si >= 0 && sc->objects[si].choice_count) {
            const struct sc_object *o = &sc->objects[si];
            bool ok = false;
            for (size_t i = 0; i < o->choice_count; i++) ok |= strcmp(out->target, o->choices[i]) == 0;
            if (!ok) bad_choice(L, targ, o, out->target);
        }
    }
    const struct ynode *when = map_get(n, "when");
    if (when) out->when = read_cond(L, when, EXPR_CTX_EVENT);
    return L->errors == before;
}

bool read_assigns(struct loader *L, const struct ynode *n, unsigned flags, struct sc_assign **out, size_t *out_count)
{
    *out = NULL;
    *out_count = 0;
    if (!want_kind(L, n, YNODE_MAP, "'set'")) return false;
    struct sc_assign *v = ARENA_PUSH_ARRAY(L->a, struct sc_assign, n->count + 1);
    size_t k = 0;
    for (size_t i = 0; i < n->count; i++) {
        const struct ynode *key = ynode_key(n, i);
        if (key->kind != YNODE_SCALAR) {
            lerr(L, key, "'set' wants state variable names as keys");
            continue;
        }
        int var = scenario_find_var(L->sc, key->str);
        if (var < 0) {
            if (scenario_find_signal(L->sc, key->str) >= 0) {
                lerr(L, key, "'%s' is a signal (computed), so it cannot be set; set the state it is computed from",
                     key->str);
                continue;
            }
            unknown_ref(L, key, "state variable", key->str, L->sc->var_ids, L->sc->var_count);
            continue;
        }
        struct expr *e = read_expr(L, ynode_val(n, i), flags, -1);
        if (!e) continue;
        if (e->type != EXPR_NUM) {
            lerr(L, ynode_val(n, i), "state variables hold numbers or true/false, not text");
            continue;
        }
        v[k].var = var;
        v[k].value = e;
        k++;
    }
    *out = v;
    *out_count = k;
    return true;
}

/* ---- objects, state, signals, effects ---- */

/* A socket holds at most this many objects (a sanity bound for typos). */
#define SC_MAX_CAPACITY 1000

static const char *const OBJECT_KEYS[] = {"id", "node", "name", "caps", "features", "tool", "accepts",
                                          "capacity", "tolerance", "readings", "placed_in", "prompt", "choices"};

/* A list of ids, each a plain id or {id: ..., <text_key>: {fi, en, sv}}:
 * features (named on the trainee's picker) and a question's choices. */
static const char **read_named_list(struct loader *L, const struct ynode *n, const char *what, const char *text_key,
                                    size_t *out_count, struct scenario_text **out_texts)
{
    *out_count = 0;
    *out_texts = NULL;
    const struct ynode *one = n;
    size_t count = n->kind == YNODE_SEQ ? n->count : 1;
    if (n->kind == YNODE_MAP) one = n;
    else if (n->kind != YNODE_SCALAR && !want_kind(L, n, YNODE_SEQ, what)) return NULL;
    const char **ids = ARENA_PUSH_ARRAY(L->a, const char *, count + 1);
    struct scenario_text *texts = ARENA_PUSH_ARRAY(L->a, struct scenario_text, count + 1);
    size_t k = 0;
    for (size_t i = 0; i < count; i++) {
        const struct ynode *it = n->kind == YNODE_SEQ ? n->items[i] : one;
        const char *id = NULL;
        if (it->kind == YNODE_SCALAR) {
            id = it->str;
        } else if (it->kind == YNODE_MAP) {
            const char *const keys[] = {"id", text_key};
            check_keys(L, it, what, keys, 2);
            id = get_scalar(L, it, "id", true, what);
            const struct ynode *t = map_get(it, text_key);
            if (t) read_text(L, t, text_key, &texts[k]);
        } else {
            lerr(L, it, "each entry of %s is an id or {id: ..., %s: {fi: ..., en: ..., sv: ...}}", what, text_key);
        }
        if (!id) continue;
        bool dup = false;
        for (size_t j = 0; j < k && !dup; j++) dup = strcmp(ids[j], id) == 0;
        if (dup) {
            lerr(L, it, "'%s' is listed twice in %s", id, what);
            continue;
        }
        ids[k++] = id;
    }
    *out_count = k;
    *out_texts = texts;
    return ids;
}

static void register_list(struct loader *L, const struct ynode *seq, const char *what, const char *key,
                          bool for_expr, const char ***out_ids, size_t *out_count, const struct ynode ***out_nodes)
{
    *out_count = 0;
    if (!want_kind(L, seq, YNODE_SEQ, what)) return;
    *out_ids = ARENA_PUSH_ARRAY(L->a, const char *, seq->count + 1);
    *out_nodes = ARENA_PUSH_ARRAY(L->a, const struct ynode *, seq->count + 1);
    for (size_t i = 0; i < seq->count; i++) {
        const struct ynode *it = seq->items[i];
        char w[96];
        snprintf(w, sizeof w, "each entry of '%s'", what);
        if (!want_kind(L, it, YNODE_MAP, w)) continue;
        const struct ynode *idn = map_get(it, key);
        if (!idn) {
            lerr(L, it, "this entry of '%s' has no '%s'", what, key);
            continue;
        }
        const char *id = read_id(L, idn, key, for_expr);
        if (!id) continue;
        bool dup = false;
        for (size_t j = 0; j < *out_count; j++)
            if (strcmp((*out_ids)[j], id) == 0) {
                lerr(L, idn, "%s '%s' is defined twice (first at line %d)", key, id, (*out_nodes)[j]->line);
                dup = true;
            }
        if (dup) continue;
        (*out_nodes)[*out_count] = it;
        (*out_ids)[(*out_count)++] = id;
    }
}

static void load_objects(struct loader *L, const struct ynode *seq)
{
    struct scenario *sc = L->sc;
    const struct ynode **nodes = NULL;
    register_list(L, seq, "objects", "id", false, &sc->object_ids, &sc->object_count, &nodes);
    sc->objects = ARENA_PUSH_ARRAY(L->a, struct sc_object, sc->object_count + 1);
    for (size_t i = 0; i < sc->object_count; i++) {
        struct sc_object *o = &sc->objects[i];
        const struct ynode *n = nodes[i];
        CHECK_KEYS(L, n, "an object", OBJECT_KEYS);
        o->id = sc->object_ids[i];
        o->start_socket = -1;
        o->capacity = 1;
        o->pos = (struct src_pos){n->line, n->col};
        o->node = get_scalar(L, n, "node", false, "an object");
        const struct ynode *v;
        if ((v = map_get(n, "name"))) read_text(L, v, "'name'", &o->name);
        if ((v = map_get(n, "caps"))) {
            size_t nc = 0;
            const char **caps = read_str_list(L, v, "'caps'", &nc);
            for (size_t k = 0; k < nc; k++) {
                bool found = false;
                for (int c = 0; c < CAP_NAMES_COUNT; c++)
                    if (strcmp(caps[k], scenario_cap_names[c]) == 0) {
                        o->caps |= 1u << c;
                        found = true;
                    }
                if (!found)
                    unknown_ref(L, v->kind == YNODE_SEQ ? v->items[k] : v, "capability", caps[k],
                                (const char **)scenario_cap_names, CAP_NAMES_COUNT);
            }
        }
        if ((v = map_get(n, "features"))) {
            o->features = read_named_list(L, v, "'features'", "name", &o->feature_count, &o->feature_names);
            if (o->feature_count && !(o->caps & CAP_INSPECTABLE))
                lerr(L, v, "object '%s' has features but is not inspectable (add 'inspectable' to its caps)", o->id);
        }
        if ((v = map_get(n, "prompt"))) {
            read_text(L, v, "'prompt'", &o->prompt);
            if (!(o->caps & CAP_QUESTION)) lerr(L, v, "object '%s' has a prompt but is not a question (add 'question' to its caps)", o->id);
        }
        if ((v = map_get(n, "choices"))) {
            o->choices = read_named_list(L, v, "'choices'", "text", &o->choice_count, &o->choice_texts);
            if (!(o->caps & CAP_QUESTION)) lerr(L, v, "object '%s' has choices but is not a question (add 'question' to its caps)", o->id);
        }
        if ((v = map_get(n, "tool"))) {
            o->tool_kind = get_scalar(L, n, "tool", false, "an object");
            if (!(o->caps & CAP_TOOL)) lerr(L, v, "object '%s' names a tool kind but is not a tool (add 'tool' to its caps)", o->id);
        }
        if ((v = map_get(n, "accepts"))) {
            o->accepts = read_str_list(L, v, "'accepts'", &o->accept_count);
            if (!(o->caps & CAP_SOCKET)) lerr(L, v, "object '%s' accepts objects but is not a socket", o->id);
            for (size_t k = 0; k < o->accept_count; k++)
                if (scenario_find_object(sc, o->accepts[k]) < 0)
                    unknown_ref(L, v->kind == YNODE_SEQ ? v->items[k] : v, "object", o->accepts[k], sc->object_ids,
                                sc->object_count);
        }
        double cap = 0;
        if ((v = map_get(n, "capacity")) && read_number(L, v, "'capacity'", &cap)) {
            if (!(o->caps & CAP_SOCKET))
                lerr(L, v, "object '%s' has a capacity but is not a socket", o->id);
            else if (cap < 1 || cap != floor(cap) || cap > SC_MAX_CAPACITY)
                lerr(L, v, "capacity is how many objects the socket holds at once: a whole number from 1 to %d, "
                           "not %s", SC_MAX_CAPACITY, v->str);
            else
                o->capacity = (int)cap;
        }
        if ((v = map_get(n, "tolerance")) && want_kind(L, v, YNODE_MAP, "'tolerance'")) {
            static const char *const TOL[] = {"position_mm", "angle_deg"};
            CHECK_KEYS(L, v, "'tolerance'", TOL);
            const struct ynode *t;
            if ((t = map_get(v, "position_mm"))) read_number(L, t, "position_mm", &o->tol_pos_mm);
            if ((t = map_get(v, "angle_deg"))) read_number(L, t, "angle_deg", &o->tol_angle_deg);
        }
        if ((v = map_get(n, "readings")) && want_kind(L, v, YNODE_SEQ, "'readings'")) {
            o->readings = ARENA_PUSH_ARRAY(L->a, struct sc_reading, v->count + 1);
            for (size_t k = 0; k < v->count; k++) {
                const struct ynode *r = v->items[k];
                if (!want_kind(L, r, YNODE_MAP, "each reading")) continue;
                static const char *const RK[] = {"at", "value", "unit"};
                CHECK_KEYS(L, r, "a reading", RK);
                struct sc_reading *rd = &o->readings[o->reading_count];
                rd->target = get_scalar(L, r, "at", true, "a reading");
                rd->unit = get_scalar(L, r, "unit", false, "a reading");
                rd->pos = (struct src_pos){r->line, r->col};
                if (rd->target && map_get(r, "value")) o->reading_count++;
                else if (!map_get(r, "value")) lerr(L, r, "a reading has no 'value' (an expression)");
            }
        }
    }
}

/* Where objects start (placed_in), checked once every socket is known. */
static void load_object_places(struct loader *L, const struct ynode *seq)
{
    struct scenario *sc = L->sc;
    for (size_t i = 0; i < sc->object_count; i++) sc->objects[i].start_socket = -1;
    for (size_t k = 0; k < seq->count; k++) {
        const struct ynode *it = seq->items[k], *v = map_get(it, "placed_in"), *idn = map_get(it, "id");
        if (!v || !idn || idn->kind != YNODE_SCALAR || !want_kind(L, v, YNODE_SCALAR, "'placed_in'")) continue;
        int o = scenario_find_object(sc, idn->str), t = scenario_find_object(sc, v->str);
        if (o < 0) continue;
        if (t < 0) {
            unknown_ref(L, v, "socket", v->str, sc->object_ids, sc->object_count);
        } else if (!(sc->objects[t].caps & CAP_SOCKET)) {
            lerr(L, v, "'%s' is not a socket, so '%s' cannot start in it", v->str, idn->str);
        } else {
            bool ok = sc->objects[t].accept_count == 0;
            for (size_t a = 0; a < sc->objects[t].accept_count; a++) ok |= strcmp(sc->objects[t].accepts[a], idn->str) == 0;
            int in = 0;
            for (size_t j = 0; j < sc->object_count; j++) in += sc->objects[j].start_socket == t;
            if (!ok)
                lerr(L, v, "socket '%s' does not accept '%s' (see its 'accepts')", v->str, idn->str);
            else if (in >= sc->objects[t].capacity)
                lerr(L, v, "socket '%s' is full: it holds %d object%s at once (see its 'capacity'), so '%s' cannot "
                           "start in it too", v->str, sc->objects[t].capacity, sc->objects[t].capacity == 1 ? "" : "s",
                     idn->str);
            else
                sc->objects[o].start_socket = t;
        }
    }
}

/* Reading values are compiled after all objects, because they may call
 * reading() or placed() on objects defined later in the file. */
static void load_object_readings(struct loader *L, const struct ynode *seq)
{
    struct scenario *sc = L->sc;
    for (size_t i = 0; i < sc->object_count; i++) {
        struct sc_object *o = &sc->objects[i];
        const struct ynode *n = NULL;
        for (size_t k = 0; k < seq->count; k++) {
            const struct ynode *idn = map_get(seq->items[k], "id");
            if (idn && idn->kind == YNODE_SCALAR && strcmp(idn->str, o->id) == 0) n = seq->items[k];
        }
        const struct ynode *v = map_get(n, "readings");
        if (!v || v->kind != YNODE_SEQ) continue;
        size_t ri = 0;
        for (size_t k = 0; k < v->count && ri < o->reading_count; k++) {
            const struct ynode *val = map_get(v->items[k], "value");
            if (!val || !map_get(v->items[k], "at")) continue;
            /* A reading may depend on the action: value is e.g. the torque
             * wrench's setting, detail the chosen range. */
            struct expr *e = read_expr(L, val, EXPR_CTX_EVENT, -1);
            if (e && e->type != EXPR_NUM) lerr(L, val, "a reading's value must be a number");
            o->readings[ri++].value = e;
        }
    }
}

static const char *const RESERVED_NAMES[] = {"t", "value", "reading", "detail", "true", "false", "and", "or", "not"};

static bool reserved(const char *id)
{
    for (size_t i = 0; i < sizeof RESERVED_NAMES / sizeof RESERVED_NAMES[0]; i++)
        if (strcmp(RESERVED_NAMES[i], id) == 0) return true;
    return false;
}

static void load_state(struct loader *L, const struct ynode *map)
{
    struct scenario *sc = L->sc;
    if (!want_kind(L, map, YNODE_MAP, "'state'")) return;
    sc->vars = ARENA_PUSH_ARRAY(L->a, struct sc_var, map->count + 1);
    sc->var_ids = ARENA_PUSH_ARRAY(L->a, const char *, map->count + 1);
    for (size_t i = 0; i < map->count; i++) {
        const struct ynode *k = ynode_key(map, i), *v = ynode_val(map, i);
        const char *id = read_id(L, k, "state variable", true);
        if (!id) continue;
        if (reserved(id)) {
            lerr(L, k, "'%s' is a built-in name and cannot be a state variable", id);
            continue;
        }
        if (scenario_find_var(sc, id) >= 0) {
            lerr(L, k, "state variable '%s' is defined twice", id);
            continue;
        }
        double init = 0;
        bool b = false;
        if (v->kind == YNODE_SCALAR && (strcmp(v->str, "true") == 0 || strcmp(v->str, "false") == 0)) {
            read_bool(L, v, "a state variable's initial value", &b);
            init = b;
        } else if (!read_number(L, v, "a state variable's initial value", &init)) {
            continue;
        }
        sc->vars[sc->var_count] = (struct sc_var){id, init, {k->line, k->col}};
        sc->var_ids[sc->var_count++] = id;
    }
}

struct cycle_ctx {
    const struct scenario *sc;
    uint8_t *mark; /* 0 new, 1 on the path, 2 finished */
    int found;     /* signal index where a cycle was found, or -1 */
};

static void cycle_visit(void *user, int kind, int index);
static void cycle_dfs(struct cycle_ctx *c, int i)
{
    if (c->found >= 0 || c->mark[i] == 2) return;
    if (c->mark[i] == 1) {
        c->found = i;
        return;
    }
    c->mark[i] = 1;
    if (c->sc->signals[i].expr) expr_visit_refs(c->sc->signals[i].expr, cycle_visit, c);
    c->mark[i] = 2;
}
static void cycle_visit(void *user, int kind, int index)
{
    if (kind == X_SIGNAL) cycle_dfs(user, index);
}

static void load_signals(struct loader *L, const struct ynode *seq, bool register_only)
{
    struct scenario *sc = L->sc;
    if (register_only) {
        const struct ynode **nodes = NULL;
        register_list(L, seq, "signals", "id", true, &sc->signal_ids, &sc->signal_count, &nodes);
        sc->signals = ARENA_PUSH_ARRAY(L->a, struct sc_signal, sc->signal_count + 1);
        for (size_t i = 0; i < sc->signal_count; i++) {
            sc->signals[i].id = sc->signal_ids[i];
            sc->signals[i].pos = (struct src_pos){nodes[i]->line, nodes[i]->col};
            if (reserved(sc->signal_ids[i]) || scenario_find_var(sc, sc->signal_ids[i]) >= 0)
                lerr(L, map_get(nodes[i], "id"), "signal '%s' has the name of a state variable or built-in name",
                     sc->signal_ids[i]);
        }
        return;
    }
    for (size_t i = 0; i < sc->signal_count; i++) {
        const struct ynode *n = NULL;
        for (size_t k = 0; k < seq->count; k++) {
            const struct ynode *idn = map_get(seq->items[k], "id");
            if (idn && idn->kind == YNODE_SCALAR && strcmp(idn->str, sc->signal_ids[i]) == 0) n = seq->items[k];
        }
        static const char *const KEYS[] = {"id", "unit", "value", "text"};
        CHECK_KEYS(L, n, "a signal", KEYS);
        sc->signals[i].unit = get_scalar(L, n, "unit", false, "a signal");
        const struct ynode *v = map_get(n, "value");
        if (!v) {
            lerr(L, n, "signal '%s' has no 'value' (an expression)", sc->signal_ids[i]);
            continue;
        }
        sc->signals[i].expr = read_expr(L, v, 0, (int)i);
        if (sc->signals[i].expr && sc->signals[i].expr->type != EXPR_NUM)
            lerr(L, v, "a signal's value must be a number");
    }
    struct cycle_ctx c = {sc, ARENA_PUSH_ARRAY(L->a, uint8_t, sc->signal_count + 1), -1};
    for (size_t i = 0; i < sc->signal_count && c.found < 0; i++) cycle_dfs(&c, (int)i);
    if (c.found >= 0) {
        const struct sc_signal *s = &sc->signals[c.found];
        scenario_diags_add(L->diags, SCENARIO_DIAG_ERROR, L->file, s->pos.line, s->pos.col,
                           "signal '%s' is computed from itself through other signals", s->id);
        L->errors++;
        /* Break the loop so that nothing evaluates it. */
        for (size_t i = 0; i < sc->signal_count; i++) sc->signals[i].expr = NULL;
    }
}

static void load_effects(struct loader *L, const struct ynode *seq)
{
    struct scenario *sc = L->sc;
    if (!want_kind(L, seq, YNODE_SEQ, "'effects'")) return;
    sc->effects = ARENA_PUSH_ARRAY(L->a, struct sc_effect, seq->count + 1);
    for (size_t i = 0; i < seq->count; i++) {
        const struct ynode *n = seq->items[i];
        if (!want_kind(L, n, YNODE_MAP, "each effect")) continue;
        static const char *const KEYS[] = {"on", "set"};
        CHECK_KEYS(L, n, "an effect", KEYS);
        const struct ynode *on = map_get(n, "on"), *set = map_get(n, "set");
        if (!on || !set) {
            lerr(L, n, "an effect needs 'on' (the event) and 'set' (what changes)");
            continue;
        }
        struct sc_effect *e = &sc->effects[sc->effect_count];
        read_match(L, on, "'on'", &e->on);
        read_assigns(L, set, EXPR_CTX_EVENT, &e->set, &e->set_count);
        sc->effect_count++;
    }
}

static const char *const TOP_KEYS[] = {"id", "version", "title", "summary", "qualifications", "duration_min",
                                       "scene", "objects", "points", "state", "signals", "effects", "steps", "rules",
                                       "variants", "rubric"};

static void load_root(struct loader *L, const struct ynode *root)
{
    struct scenario *sc = L->sc;
    if (!want_kind(L, root, YNODE_MAP, "a scenario file")) return;
    CHECK_KEYS(L, root, "the scenario", TOP_KEYS);
    const struct ynode *v;
    if ((v = map_get(root, "id")))
        sc->id = read_id(L, v, "scenario id", false);
    else
        lerr(L, root, "the scenario has no 'id'");
    sc->version = get_scalar(L, root, "version", true, "the scenario");
    if ((v = map_get(root, "title"))) {
        read_text(L, v, "'title'", &sc->title);
        sc->title_pos = (struct src_pos){v->line, v->col};
    }
    else
        lerr(L, root, "the scenario has no 'title'");
    if ((v = map_get(root, "summary"))) read_text(L, v, "'summary'", &sc->summary);
    if ((v = map_get(root, "qualifications")))
        sc->qualifications = read_str_list(L, v, "'qualifications'", &sc->qualification_count);
    if ((v = map_get(root, "duration_min"))) read_number(L, v, "duration_min", &sc->duration_min);
    sc->scene = get_scalar(L, root, "scene", false, "the scenario");

    /* Pass 1: every id, so references may point forwards. */
    const struct ynode *objects = map_get(root, "objects"), *state = map_get(root, "state"),
                       *signals = map_get(root, "signals"), *steps = map_get(root, "steps"),
                       *rules = map_get(root, "rules"), *variants = map_get(root, "variants");
    if (state) load_state(L, state);
    if (signals) load_signals(L, signals, true);
    if (steps)
        load_steps_register(L, steps);
    else
        lerr(L, root, "the scenario has no 'steps'");
    if (rules) load_rules(L, rules, true);
    if (variants) load_variants(L, variants, true);
    if (objects) load_objects(L, objects);
    if (!sc->objects) sc->objects = ARENA_PUSH_ARRAY(L->a, struct sc_object, 1);
    if (!sc->object_ids) sc->object_ids = ARENA_PUSH_ARRAY(L->a, const char *, 1);
    if (!sc->var_ids) sc->var_ids = ARENA_PUSH_ARRAY(L->a, const char *, 1);
    if (!sc->vars) sc->vars = ARENA_PUSH_ARRAY(L->a, struct sc_var, 1);
    if (!sc->signal_ids) sc->signal_ids = ARENA_PUSH_ARRAY(L->a, const char *, 1);
    if (!sc->signals) sc->signals = ARENA_PUSH_ARRAY(L->a, struct sc_signal, 1);

    /* Pass 2: details and expressions. */
    if (objects && objects->kind == YNODE_SEQ) {
        load_object_places(L, objects);
        load_object_readings(L, objects);
    }
    if ((v = map_get(root, "points"))) load_points(L, v);
    if (signals && signals->kind == YNODE_SEQ) load_signals(L, signals, false);
    if ((v = map_get(root, "effects"))) load_effects(L, v);
    if (steps) load_steps(L, steps);
    if (rules) load_rules(L, rules, false);
    if (variants) load_variants(L, variants, false);
    load_rubric(L, map_get(root, "rubric"));
    if (!map_get(root, "rubric")) lerr(L, root, "the scenario has no 'rubric' (pass_mark, penalties)");
}

struct scenario *scenario_load_text(const char *text, size_t size, const char *file, struct scenario_diags *diags)
{
    struct scenario *sc = xcalloc(1, sizeof *sc);
    arena_init(&sc->arena, "scenario", 64 * 1024);
    sc->file = arena_strdup(&sc->arena, file);
    sc->dir = fs_dirname(&sc->arena, file);
    struct loader L = {.sc = sc, .a = &sc->arena, .file = sc->file, .diags = diags};
    struct ynode *root = ynode_parse(text, size, sc->file, &sc->arena, diags);
    if (!root) {
        scenario_free(&sc);
        return NULL;
    }
    size_t first = diags->n;
    load_root(&L, root);
    scenario_diags_sort_from(diags, first);
    if (L.errors) {
        scenario_free(&sc);
        return NULL;
    }
    return sc;
}

struct scenario *scenario_load(const char *path, struct scenario_diags *diags)
{
    struct arena tmp;
    arena_init(&tmp, "scenario-file", 64 * 1024);
    const char *file = path;
    if (fs_is_dir(path)) file = fs_join(&tmp, path, "scenario.yaml");
    char err[512];
    size_t size = 0;
    char *text = fs_read_all(file, &tmp, &size, err, sizeof err);
    struct scenario *sc = NULL;
    if (!text)
        scenario_diags_add(diags, SCENARIO_DIAG_ERROR, file, 0, 0, "%s", err);
    else
        sc = scenario_load_text(text, size, file, diags);
    arena_fini(&tmp);
    return sc;
}

void scenario_free(struct scenario **sc)
{
    if (!sc || !*sc) return;
    arena_fini(&(*sc)->arena);
    free(*sc);
    *sc = NULL;
}
