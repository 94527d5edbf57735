/* scenario_expr.c — the condition language: lexer, recursive-descent parser
 * with name resolution and type checks, and a tree-walking evaluator.
 *
 * Grammar (also in scenarios/README.md):
 *   expr    := or [ '?' expr ':' expr ]
 *   or      := and { ('or' | '||') and }
 *   and     := not { ('and' | '&&') not }
 *   not     := ('not' | '!') not | cmp
 *   cmp     := sum [ ('==' | '!=' | '<' | '<=' | '>' | '>=') sum ]
 *   sum     := term { ('+' | '-') term }
 *   term    := unary { ('*' | '/') unary }
 *   unary   := '-' unary | primary
 *   primary := NUMBER | STRING | NAME | NAME '(' args ')' | '(' expr ')'
 * Names are resolved when the scenario loads, so a misspelt name is a load
 * error with a suggestion, never a silent zero at run time. */
#include "scenario_int.h"

#include "str.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define EXPR_MAX_DEPTH 48

enum arg_kind { ARG_EXPR, ARG_STEP, ARG_OBJECT, ARG_TARGET, ARG_VARIANT };

struct fn_def {
    const char *name;
    enum expr_fn fn;
    int min_args, max_args;
    enum arg_kind kinds[3];
    bool needs_scenario;
};

static const struct fn_def FNS[] = {
    {"done", FN_DONE, 1, 1, {ARG_STEP}, true},
    {"active", FN_ACTIVE, 1, 1, {ARG_STEP}, true},
    {"since", FN_SINCE, 1, 1, {ARG_STEP}, true},
    {"worn", FN_WORN, 1, 1, {ARG_OBJECT}, true},
    {"held", FN_HELD, 1, 1, {ARG_OBJECT}, true},
    {"placed", FN_PLACED, 1, 2, {ARG_OBJECT, ARG_OBJECT}, true},
    {"inspected", FN_INSPECTED, 2, 2, {ARG_OBJECT, ARG_TARGET}, true},
    {"used", FN_USED, 1, 2, {ARG_OBJECT, ARG_TARGET}, true},
    {"reading", FN_READING, 2, 2, {ARG_OBJECT, ARG_TARGET}, true},
    {"variant", FN_VARIANT, 1, 1, {ARG_VARIANT}, true},
    {"min", FN_MIN, 2, 2, {ARG_EXPR, ARG_EXPR}, false},
    {"max", FN_MAX, 2, 2, {ARG_EXPR, ARG_EXPR}, false},
    {"abs", FN_ABS, 1, 1, {ARG_EXPR}, false},
    {"exp", FN_EXP, 1, 1, {ARG_EXPR}, false},
    {"floor", FN_FLOOR, 1, 1, {ARG_EXPR}, false},
    {"clamp", FN_CLAMP, 3, 3, {ARG_EXPR, ARG_EXPR, ARG_EXPR}, false},
    {"random", FN_RANDOM, 2, 2, {ARG_EXPR, ARG_EXPR}, false},
};
#define FN_DEF_COUNT (sizeof FNS / sizeof FNS[0])

struct parser {
    struct expr_compile *c;
    const char *text;
    const char *p;
    int depth;
    bool failed;
};

static void perr(struct parser *P, const char *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void perr(struct parser *P, const char *at, const char *fmt, ...)
{
    if (P->failed) return;
    P->failed = true;
    P->c->errors++;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    int col = P->c->col + (int)(at - P->text);
    if (P->c->diags)
        scenario_diags_add(P->c->diags, SCENARIO_DIAG_ERROR, P->c->file, P->c->line, col, "%s", buf);
}

static void skip_ws(struct parser *P)
{
    while (*P->p == ' ' || *P->p == '\t' || *P->p == '\n' || *P->p == '\r') P->p++;
}

static bool is_name_start(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_'; }
static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static bool is_name_char(char ch) { return is_name_start(ch) || is_digit(ch) || ch == '.'; }
/* Arguments naming ids may also hold '-' (ids allow it) and a trailing '*'. */
static bool is_id_char(char ch) { return is_name_char(ch) || ch == '-'; }

static bool accept(struct parser *P, const char *tok)
{
    skip_ws(P);
    size_t n = strlen(tok);
    if (strncmp(P->p, tok, n) != 0) return false;
    /* A word operator must not be the start of a longer name ("order"). */
    if (is_name_start(tok[0]) && is_name_char(P->p[n])) return false;
    P->p += n;
    return true;
}

static struct expr *node(struct parser *P, enum expr_op op, enum expr_type type)
{
    struct expr *e = ARENA_PUSH_STRUCT(P->c->arena, struct expr);
    e->op = (uint8_t)op;
    e->type = (uint8_t)type;
    e->index = -1;
    e->index2 = -1;
    return e;
}

/* Locale-independent decimal parsing (a Finnish locale would make strtod
 * expect a decimal comma). */
static double parse_number(const char **pp)
{
    const char *p = *pp;
    double v = 0;
    while (is_digit(*p)) v = v * 10 + (*p++ - '0');
    if (*p == '.' && is_digit(p[1])) {
        p++;
        double scale = 1;
        double frac = 0;
        while (is_digit(*p)) {
            frac = frac * 10 + (*p++ - '0');
            scale *= 10;
        }
        v += frac / scale;
    }
    if ((*p == 'e' || *p == 'E') && (is_digit(p[1]) || ((p[1] == '-' || p[1] == '+') && is_digit(p[2])))) {
        p++;
        int sign = 1;
        if (*p == '-' || *p == '+') sign = *p++ == '-' ? -1 : 1;
        int ex = 0;
        while (is_digit(*p)) {
            if (ex < 400) ex = ex * 10 + (*p - '0');
            p++;
        }
        for (int i = 0; i < ex; i++) v = sign > 0 ? v * 10 : v / 10;
    }
    *pp = p;
    return v;
}

static struct expr *parse_expr(struct parser *P);

static const char *const RESERVED[] = {"t", "value", "reading", "detail", "true", "false", "and", "or", "not"};

static void unknown_name(struct parser *P, const char *at, const char *name)
{
    const struct scenario *sc = P->c->sc;
    const char *cands[512];
    size_t n = 0;
    /* t, value, reading and detail (the first four) exist only in a scenario. */
    for (size_t i = sc ? 0 : 4; i < sizeof RESERVED / sizeof RESERVED[0]; i++) cands[n++] = RESERVED[i];
    for (size_t i = 0; i < FN_DEF_COUNT && n < 512; i++) cands[n++] = FNS[i].name;
    if (sc) {
        for (size_t i = 0; i < sc->var_count && n < 512; i++) cands[n++] = sc->var_ids[i];
        for (size_t i = 0; i < sc->signal_count && n < 512; i++) cands[n++] = sc->signal_ids[i];
    }
    const char *near = str_nearest(name, cands, n);
    if (near)
        perr(P, at, "unknown name '%s' in expression; did you mean '%s'?", name, near);
    else
        perr(P, at, "unknown name '%s' in expression (not a state variable, signal or built-in name)", name);
}

static const char *parse_id_arg(struct parser *P, const char **out_at)
{
    skip_ws(P);
    *out_at = P->p;
    if (*P->p == '"' || *P->p == '\'') {
        char q = *P->p++;
        const char *s = P->p;
        while (*P->p && *P->p != q) P->p++;
        if (*P->p != q) {
            perr(P, *out_at, "string is not closed with %c", q);
            return NULL;
        }
        const char *r = arena_strndup(P->c->arena, s, (size_t)(P->p - s));
        P->p++;
        return r;
    }
    const char *s = P->p;
    while (is_id_char(*P->p)) P->p++;
    if (*P->p == '*') P->p++;
    if (P->p == s) {
        perr(P, s, "expected a name here");
        return NULL;
    }
    return arena_strndup(P->c->arena, s, (size_t)(P->p - s));
}

static int resolve_id(struct parser *P, const char *at, const char *id, enum arg_kind kind, const char *fname)
{
    const struct scenario *sc = P->c->sc;
    const char **ids = NULL;
    size_t n = 0;
    int idx = -1;
    const char *what = "";
    switch (kind) {
    case ARG_STEP: ids = sc->step_ids; n = sc->step_count; idx = scenario_find_step(sc, id); what = "step"; break;
    case ARG_OBJECT: ids = sc->object_ids; n = sc->object_count; idx = scenario_find_object(sc, id); what = "object"; break;
    case ARG_VARIANT: ids = sc->variant_ids; n = sc->variant_count; idx = scenario_find_variant(sc, id); what = "variant"; break;
    default: return -1;
    }
    if (idx >= 0) return idx;
    const char *near = str_nearest(id, ids, n);
    if (near)
        perr(P, at, "%s(): no %s '%s'; did you mean '%s'?", fname, what, id, near);
    else
        perr(P, at, "%s(): no %s '%s'", fname, what, id);
    return -1;
}

static struct expr *parse_call(struct parser *P, const char *at, const char *name)
{
    const struct fn_def *f = NULL;
    for (size_t i = 0; i < FN_DEF_COUNT; i++)
        if (strcmp(FNS[i].name, name) == 0) f = &FNS[i];
    if (!f) {
        const char *cands[FN_DEF_COUNT];
        for (size_t i = 0; i < FN_DEF_COUNT; i++) cands[i] = FNS[i].name;
        const char *near = str_nearest(name, cands, FN_DEF_COUNT);
        if (near)
            perr(P, at, "unknown function '%s'; did you mean '%s'?", name, near);
        else
            perr(P, at, "unknown function '%s'", name);
        return NULL;
    }
    if (f->needs_scenario && !P->c->sc) {
        perr(P, at, "%s() needs a running scenario and cannot be used here", name);
        return NULL;
    }
    if (f->fn == FN_RANDOM && !(P->c->flags & EXPR_CTX_RANDOM)) {
        perr(P, at, "random() can only be used in the values a variant sets");
        return NULL;
    }
    struct expr *e = node(P, X_CALL, EXPR_NUM);
    e->fn = (uint8_t)f->fn;
    struct expr *eargs[3] = {NULL, NULL, NULL};
    int nargs = 0;
    skip_ws(P);
    if (!accept(P, ")")) {
        for (;;) {
            if (nargs >= f->max_args) {
                perr(P, P->p, "%s() takes at most %d argument%s", name, f->max_args, f->max_args == 1 ? "" : "s");
                return NULL;
            }
            enum arg_kind k = f->kinds[nargs];
            if (k == ARG_EXPR) {
                struct expr *a = parse_expr(P);
                if (!a) return NULL;
                if (a->type != EXPR_NUM) {
                    perr(P, at, "%s() wants numbers, not text", name);
                    return NULL;
                }
                eargs[nargs] = a;
            } else {
                const char *aat = NULL;
                const char *id = parse_id_arg(P, &aat);
                if (!id) return NULL;
                if (k == ARG_TARGET) {
                    e->str = id;
                    /* Features and reading points are checked against the
                     * object named in the first argument. */
                    const struct sc_object *o = e->index >= 0 ? &P->c->sc->objects[e->index] : NULL;
                    if (o && f->fn == FN_INSPECTED && o->feature_count) {
                        bool found = false;
                        for (size_t i = 0; i < o->feature_count; i++) found |= strcmp(o->features[i], id) == 0;
                        if (!found) {
                            const char *near = str_nearest(id, o->features, o->feature_count);
                            perr(P, aat, "inspected(): object '%s' has no feature '%s'%s%s%s", o->id, id,
                                 near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
                            return NULL;
                        }
                    }
                    if (o && f->fn == FN_READING) {
                        bool found = false;
                        const char *pts[256];
                        size_t np = 0;
                        for (size_t i = 0; i < o->reading_count; i++) {
                            found |= scenario_pattern_match(o->readings[i].target, id);
                            if (np < 256) pts[np++] = o->readings[i].target;
                        }
                        if (!found) {
                            const char *near = str_nearest(id, pts, np);
                            perr(P, aat, "reading(): object '%s' has no reading at '%s'%s%s%s", o->id, id,
                                 near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
                            return NULL;
                        }
                    }
                } else {
                    int idx = resolve_id(P, aat, id, k, name);
                    if (idx < 0) return NULL;
                    if (nargs == 0)
                        e->index = idx;
                    else
                        e->index2 = idx;
                }
            }
            nargs++;
            skip_ws(P);
            if (accept(P, ")")) break;
            if (!accept(P, ",")) {
                perr(P, P->p, "expected ',' or ')' in the arguments of %s()", name);
                return NULL;
            }
        }
    }
    if (nargs < f->min_args) {
        perr(P, at, "%s() needs %d argument%s, got %d", name, f->min_args, f->min_args == 1 ? "" : "s", nargs);
        return NULL;
    }
    e->nargs = (uint8_t)nargs;
    e->a = eargs[0];
    e->b = eargs[1];
    e->c = eargs[2];
    return e;
}

static struct expr *parse_primary(struct parser *P)
{
    skip_ws(P);
    const char *at = P->p;
    if (is_digit(*P->p) || (*P->p == '.' && is_digit(P->p[1]))) {
        struct expr *e = node(P, X_NUM, EXPR_NUM);
        e->num = parse_number(&P->p);
        if (is_name_char(*P->p)) {
            perr(P, P->p, "unexpected '%c' after a number", *P->p);
            return NULL;
        }
        return e;
    }
    if (*P->p == '"' || *P->p == '\'') {
        char q = *P->p++;
        const char *s = P->p;
        while (*P->p && *P->p != q) P->p++;
        if (*P->p != q) {
            perr(P, at, "text starting here is not closed with %c", q);
            return NULL;
        }
        struct expr *e = node(P, X_STR, EXPR_STR);
        e->str = arena_strndup(P->c->arena, s, (size_t)(P->p - s));
        P->p++;
        return e;
    }
    if (*P->p == '(') {
        P->p++;
        struct expr *e = parse_expr(P);
        if (!e) return NULL;
        if (!accept(P, ")")) {
            perr(P, P->p, "expected ')' to close the '(' at column %d", P->c->col + (int)(at - P->text));
            return NULL;
        }
        return e;
    }
    if (is_name_start(*P->p)) {
        const char *s = P->p;
        while (is_name_char(*P->p)) P->p++;
        char name[128];
        size_t n = (size_t)(P->p - s);
        if (n >= sizeof name) {
            perr(P, at, "name is too long");
            return NULL;
        }
        memcpy(name, s, n);
        name[n] = '\0';
        skip_ws(P);
        if (*P->p == '(') {
            P->p++;
            return parse_call(P, at, name);
        }
        if (strcmp(name, "true") == 0 || strcmp(name, "false") == 0) {
            struct expr *e = node(P, X_NUM, EXPR_NUM);
            e->num = name[0] == 't';
            return e;
        }
        if (strcmp(name, "t") == 0 && P->c->sc) return node(P, X_TIME, EXPR_NUM);
        if (strcmp(name, "value") == 0 || strcmp(name, "reading") == 0 || strcmp(name, "detail") == 0) {
            if (!(P->c->flags & EXPR_CTX_EVENT)) {
                perr(P, at, "'%s' is only known in conditions that belong to an event (on:, done_on:)", name);
                return NULL;
            }
            if (name[0] == 'v') return node(P, X_EV_VALUE, EXPR_NUM);
            if (name[0] == 'r') return node(P, X_EV_READING, EXPR_NUM);
            return node(P, X_EV_DETAIL, EXPR_STR);
        }
        const struct scenario *sc = P->c->sc;
        int i = sc ? scenario_find_var(sc, name) : -1;
        if (i >= 0) {
            struct expr *e = node(P, X_VAR, EXPR_NUM);
            e->index = i;
            return e;
        }
        i = sc ? scenario_find_signal(sc, name) : -1;
        if (i >= 0) {
            if (i == P->c->signal_self) {
                perr(P, at, "signal '%s' cannot be computed from itself", name);
                return NULL;
            }
            struct expr *e = node(P, X_SIGNAL, EXPR_NUM);
            e->index = i;
            return e;
        }
        unknown_name(P, at, name);
        return NULL;
    }
    if (*P->p == '\0')
        perr(P, at, "the expression ends where a value was expected");
    else
        perr(P, at, "unexpected '%c' where a value was expected", *P->p);
    return NULL;
}

static struct expr *parse_unary(struct parser *P)
{
    if (++P->depth > EXPR_MAX_DEPTH) {
        perr(P, P->p, "expression is nested too deeply");
        return NULL;
    }
    skip_ws(P);
    const char *at = P->p;
    struct expr *r;
    if (*P->p == '-') {
        P->p++;
        struct expr *a = parse_unary(P);
        if (!a) return NULL;
        if (a->type != EXPR_NUM) {
            perr(P, at, "'-' needs a number, not text");
            return NULL;
        }
        r = node(P, X_NEG, EXPR_NUM);
        r->a = a;
    } else {
        r = parse_primary(P);
    }
    P->depth--;
    return r;
}

static struct expr *binary(struct parser *P, enum expr_op op, struct expr *a, struct expr *b, const char *at,
                           const char *opname)
{
    bool cmp_eq = op == X_EQ || op == X_NE;
    if (cmp_eq) {
        if (a->type != b->type) {
            perr(P, at, "'%s' compares text with a number", opname);
            return NULL;
        }
    } else if (a->type != EXPR_NUM || b->type != EXPR_NUM) {
        perr(P, at, "'%s' needs numbers on both sides, not text", opname);
        return NULL;
    }
    struct expr *e = node(P, op, EXPR_NUM);
    e->a = a;
    e->b = b;
    return e;
}

static struct expr *parse_term(struct parser *P)
{
    struct expr *a = parse_unary(P);
    while (a) {
        skip_ws(P);
        const char *at = P->p;
        enum expr_op op;
        if (accept(P, "*"))
            op = X_MUL;
        else if (accept(P, "/"))
            op = X_DIV;
        else
            break;
        struct expr *b = parse_unary(P);
        if (!b) return NULL;
        a = binary(P, op, a, b, at, op == X_MUL ? "*" : "/");
    }
    return P->failed ? NULL : a;
}

static struct expr *parse_sum(struct parser *P)
{
    struct expr *a = parse_term(P);
    while (a) {
        skip_ws(P);
        const char *at = P->p;
        enum expr_op op;
        if (accept(P, "+"))
            op = X_ADD;
        else if (accept(P, "-"))
            op = X_SUB;
        else
            break;
        struct expr *b = parse_term(P);
        if (!b) return NULL;
        a = binary(P, op, a, b, at, op == X_ADD ? "+" : "-");
    }
    return P->failed ? NULL : a;
}

static struct expr *parse_cmp(struct parser *P)
{
    struct expr *a = parse_sum(P);
    if (!a) return NULL;
    skip_ws(P);
    const char *at = P->p;
    static const struct { const char *tok; enum expr_op op; } OPS[] = {
        {"==", X_EQ}, {"!=", X_NE}, {"<=", X_LE}, {">=", X_GE}, {"<", X_LT}, {">", X_GT}};
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++) {
        if (accept(P, OPS[i].tok)) {
            struct expr *b = parse_sum(P);
            if (!b) return NULL;
            struct expr *e = binary(P, OPS[i].op, a, b, at, OPS[i].tok);
            if (!e) return NULL;
            skip_ws(P);
            if (P->p[0] == '<' || P->p[0] == '>' || (P->p[0] == '=' && P->p[1] == '=') ||
                (P->p[0] == '!' && P->p[1] == '=')) {
                perr(P, P->p, "comparisons cannot be chained; join them with 'and'");
                return NULL;
            }
            return e;
        }
    }
    if (*P->p == '=' && P->p[1] != '=') {
        perr(P, at, "'=' is not a comparison; write '==' to compare");
        return NULL;
    }
    return a;
}

static struct expr *parse_not(struct parser *P)
{
    skip_ws(P);
    const char *at = P->p;
    bool neg = false;
    if (P->p[0] == '!' && P->p[1] != '=') {
        P->p++;
        neg = true;
    } else {
        neg = accept(P, "not");
    }
    if (neg) {
        if (++P->depth > EXPR_MAX_DEPTH) {
            perr(P, at, "expression is nested too deeply");
            return NULL;
        }
        struct expr *a = parse_not(P);
        P->depth--;
        if (!a) return NULL;
        if (a->type != EXPR_NUM) {
            perr(P, at, "'not' needs a condition, not text");
            return NULL;
        }
        struct expr *e = node(P, X_NOT, EXPR_NUM);
        e->a = a;
        return e;
    }
    return parse_cmp(P);
}

static struct expr *parse_and(struct parser *P)
{
    struct expr *a = parse_not(P);
    while (a) {
        skip_ws(P);
        const char *at = P->p;
        if (!accept(P, "&&") && !accept(P, "and")) break;
        struct expr *b = parse_not(P);
        if (!b) return NULL;
        a = binary(P, X_AND, a, b, at, "and");
    }
    return P->failed ? NULL : a;
}

static struct expr *parse_or(struct parser *P)
{
    struct expr *a = parse_and(P);
    while (a) {
        skip_ws(P);
        const char *at = P->p;
        if (!accept(P, "||") && !accept(P, "or")) break;
        struct expr *b = parse_and(P);
        if (!b) return NULL;
        a = binary(P, X_OR, a, b, at, "or");
    }
    return P->failed ? NULL : a;
}

static struct expr *parse_expr(struct parser *P)
{
    if (++P->depth > EXPR_MAX_DEPTH) {
        perr(P, P->p, "expression is nested too deeply");
        return NULL;
    }
    struct expr *a = parse_or(P);
    if (a && accept(P, "?")) {
        const char *at = P->p;
        struct expr *b = parse_expr(P);
        if (!b) return NULL;
        if (!accept(P, ":")) {
            perr(P, P->p, "expected ':' for the '?' before column %d", P->c->col + (int)(at - P->text));
            return NULL;
        }
        struct expr *c = parse_expr(P);
        if (!c) return NULL;
        if (a->type != EXPR_NUM) {
            perr(P, at, "the condition before '?' must be a number or condition");
            return NULL;
        }
        if (b->type != c->type) {
            perr(P, at, "both sides of ':' must be numbers, or both text");
            return NULL;
        }
        struct expr *e = node(P, X_COND, (enum expr_type)b->type);
        e->a = a;
        e->b = b;
        e->c = c;
        a = e;
    }
    P->depth--;
    return P->failed ? NULL : a;
}

struct expr *expr_compile(struct expr_compile *c, const char *text)
{
    struct parser P = {.c = c, .text = text, .p = text};
    struct expr *e = parse_expr(&P);
    if (e && !P.failed) {
        skip_ws(&P);
        if (*P.p) {
            if (*P.p == '=' )
                perr(&P, P.p, "'=' is not a comparison; write '==' to compare");
            else
                perr(&P, P.p, "unexpected '%c' after the end of the expression", *P.p);
        }
    }
    return P.failed ? NULL : e;
}

/* Constant folding. With an environment, state variables that nothing ever
 * sets (frozen) count as constants with their initial values, and signals
 * as what they are computed from; t and the session functions never do. */
struct const_env {
    const struct scenario *sc;
    const bool *frozen;
};

static bool is_const_in(const struct expr *e, const struct const_env *ce, double *out)
{
    double a = 0, b = 0, c = 0;
    switch ((enum expr_op)e->op) {
    case X_NUM: *out = e->num; return true;
    case X_VAR:
        if (!ce || !ce->frozen[e->index]) return false;
        *out = ce->sc->vars[e->index].init;
        return true;
    case X_SIGNAL:
        return ce && ce->sc->signals[e->index].expr && is_const_in(ce->sc->signals[e->index].expr, ce, out);
    case X_NOT: if (!is_const_in(e->a, ce, &a)) return false; *out = a == 0; return true;
    case X_NEG: if (!is_const_in(e->a, ce, &a)) return false; *out = -a; return true;
    case X_AND:
        /* false and anything is constant false. */
        if (is_const_in(e->a, ce, &a) && a == 0) { *out = 0; return true; }
        if (is_const_in(e->b, ce, &b) && b == 0) { *out = 0; return true; }
        if (is_const_in(e->a, ce, &a) && is_const_in(e->b, ce, &b)) { *out = (a != 0) && (b != 0); return true; }
        return false;
    case X_OR:
        if (is_const_in(e->a, ce, &a) && a != 0) { *out = 1; return true; }
        if (is_const_in(e->b, ce, &b) && b != 0) { *out = 1; return true; }
        if (is_const_in(e->a, ce, &a) && is_const_in(e->b, ce, &b)) { *out = (a != 0) || (b != 0); return true; }
        return false;
    case X_ADD: case X_SUB: case X_MUL: case X_DIV:
    case X_LT: case X_LE: case X_GT: case X_GE:
        if (!is_const_in(e->a, ce, &a) || !is_const_in(e->b, ce, &b)) return false;
        switch ((enum expr_op)e->op) {
        case X_ADD: *out = a + b; break;
        case X_SUB: *out = a - b; break;
        case X_MUL: *out = a * b; break;
        case X_DIV: *out = b == 0 ? 0 : a / b; break;
        case X_LT: *out = a < b; break;
        case X_LE: *out = a <= b; break;
        case X_GT: *out = a > b; break;
        default: *out = a >= b; break;
        }
        return true;
    case X_EQ: case X_NE:
        if (e->a->type == EXPR_STR) {
            if (e->a->op != X_STR || e->b->op != X_STR) return false;
            *out = (strcmp(e->a->str, e->b->str) == 0) == (e->op == X_EQ);
            return true;
        }
        if (!is_const_in(e->a, ce, &a) || !is_const_in(e->b, ce, &b)) return false;
        *out = (a == b) == (e->op == X_EQ);
        return true;
    case X_COND:
        if (!is_const_in(e->a, ce, &a)) return false;
        return e->b->type == EXPR_NUM && is_const_in(a != 0 ? e->b : e->c, ce, out);
    case X_CALL:
        switch ((enum expr_fn)e->fn) {
        case FN_MIN: case FN_MAX:
            if (!is_const_in(e->a, ce, &a) || !is_const_in(e->b, ce, &b)) return false;
            *out = e->fn == FN_MIN ? (a < b ? a : b) : (a > b ? a : b);
            return true;
        case FN_ABS: if (!is_const_in(e->a, ce, &a)) return false; *out = fabs(a); return true;
        case FN_EXP: if (!is_const_in(e->a, ce, &a)) return false; *out = exp(a); return true;
        case FN_FLOOR: if (!is_const_in(e->a, ce, &a)) return false; *out = floor(a); return true;
        case FN_CLAMP:
            if (!is_const_in(e->a, ce, &a) || !is_const_in(e->b, ce, &b) || !is_const_in(e->c, ce, &c)) return false;
            *out = a < b ? b : a > c ? c : a;
            return true;
        default: return false;
        }
    default:
        return false;
    }
}

bool expr_is_const(const struct expr *e, double *out)
{
    return is_const_in(e, NULL, out);
}

bool expr_is_const_in(const struct expr *e, const struct scenario *sc, const bool *frozen, double *out)
{
    struct const_env ce = {sc, frozen};
    return is_const_in(e, &ce, out);
}

void expr_visit_refs(const struct expr *e, void (*fn)(void *user, int kind, int index), void *user)
{
    if (!e) return;
    if (e->op == X_VAR || e->op == X_SIGNAL) fn(user, e->op, e->index);
    expr_visit_refs(e->a, fn, user);
    expr_visit_refs(e->b, fn, user);
    expr_visit_refs(e->c, fn, user);
}

/* ---- evaluation ---- */

static double call_eval(const struct expr *e, const struct expr_env *env)
{
    const struct scenario_session *s = env->s;
    switch ((enum expr_fn)e->fn) {
    case FN_DONE: return s->steps[e->index].status == SCENARIO_STEP_DONE;
    case FN_ACTIVE: return s->steps[e->index].status == SCENARIO_STEP_ACTIVE;
    case FN_SINCE:
        return s->steps[e->index].status == SCENARIO_STEP_DONE ? s->t - s->steps[e->index].t_done : -1;
    case FN_WORN: return s->objs[e->index].worn;
    case FN_HELD: return s->objs[e->index].held != 0;
    case FN_PLACED:
        if (e->index2 >= 0) return s->objs[e->index].socket == e->index2;
        return s->objs[e->index].socket >= 0;
    case FN_INSPECTED:
        for (size_t i = 0; i < s->insp_count; i++)
            if (s->insp[i].object == e->index && strcmp(s->insp[i].feature, e->str) == 0) return 1;
        return 0;
    case FN_USED: {
        int n = 0;
        for (size_t i = 0; i < s->use_count; i++)
            if (s->uses[i].object == e->index && scenario_pattern_match(e->str, s->uses[i].target))
                n += s->uses[i].count;
        return n;
    }
    case FN_READING:
        for (size_t i = 0; i < s->use_count; i++)
            if (s->uses[i].object == e->index && strcmp(e->str, s->uses[i].target) == 0)
                return s->uses[i].last_reading;
        return NAN;
    case FN_VARIANT: return s->variant_on[e->index];
    case FN_MIN: { double a = expr_eval_num(e->a, env), b = expr_eval_num(e->b, env); return a < b ? a : b; }
    case FN_MAX: { double a = expr_eval_num(e->a, env), b = expr_eval_num(e->b, env); return a > b ? a : b; }
    case FN_ABS: return fabs(expr_eval_num(e->a, env));
    case FN_EXP: return exp(expr_eval_num(e->a, env));
    case FN_FLOOR: return floor(expr_eval_num(e->a, env));
    case FN_CLAMP: {
        double a = expr_eval_num(e->a, env), lo = expr_eval_num(e->b, env), hi = expr_eval_num(e->c, env);
        return a < lo ? lo : a > hi ? hi : a;
    }
    case FN_RANDOM: {
        double lo = expr_eval_num(e->a, env), hi = expr_eval_num(e->b, env);
        if (!env->rng) return lo;
        return lo + (hi - lo) * scenario_rng_next(env->rng);
    }
    case FN_COUNT_: break;
    }
    return 0;
}

double expr_eval_num(const struct expr *e, const struct expr_env *env)
{
    switch ((enum expr_op)e->op) {
    case X_NUM: return e->num;
    case X_STR: return NAN;
    case X_VAR: return env->s->vars[e->index];
    case X_SIGNAL: {
        struct expr_env senv = {.s = env->s, .reading = NAN};
        return expr_eval_num(env->s->sc->signals[e->index].expr, &senv);
    }
    case X_TIME: return env->s->t;
    case X_EV_VALUE: return env->ev ? env->ev->value : 0;
    case X_EV_READING: return env->reading;
    case X_EV_DETAIL: return NAN;
    case X_NOT: return expr_eval_num(e->a, env) == 0;
    case X_NEG: return -expr_eval_num(e->a, env);
    case X_AND: return expr_eval_num(e->a, env) != 0 && expr_eval_num(e->b, env) != 0;
    case X_OR: return expr_eval_num(e->a, env) != 0 || expr_eval_num(e->b, env) != 0;
    case X_ADD: return expr_eval_num(e->a, env) + expr_eval_num(e->b, env);
    case X_SUB: return expr_eval_num(e->a, env) - expr_eval_num(e->b, env);
    case X_MUL: return expr_eval_num(e->a, env) * expr_eval_num(e->b, env);
    case X_DIV: {
        /* Division by zero gives 0 rather than inf/NaN, so a signal never
         * poisons every comparison that reads it. */
        double d = expr_eval_num(e->b, env);
        return d == 0 ? 0 : expr_eval_num(e->a, env) / d;
    }
    case X_EQ: case X_NE:
        if (e->a->type == EXPR_STR) {
            bool eq = strcmp(expr_eval_str(e->a, env), expr_eval_str(e->b, env)) == 0;
            return eq == (e->op == X_EQ);
        }
        return (expr_eval_num(e->a, env) == expr_eval_num(e->b, env)) == (e->op == X_EQ);
    case X_LT: return expr_eval_num(e->a, env) < expr_eval_num(e->b, env);
    case X_LE: return expr_eval_num(e->a, env) <= expr_eval_num(e->b, env);
    case X_GT: return expr_eval_num(e->a, env) > expr_eval_num(e->b, env);
    case X_GE: return expr_eval_num(e->a, env) >= expr_eval_num(e->b, env);
    case X_COND: return expr_eval_num(e->a, env) != 0 ? expr_eval_num(e->b, env) : expr_eval_num(e->c, env);
    case X_CALL: return call_eval(e, env);
    }
    return 0;
}

const char *expr_eval_str(const struct expr *e, const struct expr_env *env)
{
    switch ((enum expr_op)e->op) {
    case X_STR: return e->str;
    case X_EV_DETAIL: return env->ev && env->ev->detail ? env->ev->detail : "";
    case X_COND: return expr_eval_num(e->a, env) != 0 ? expr_eval_str(e->b, env) : expr_eval_str(e->c, env);
    default: return "";
    }
}

bool scenario_expr_eval_const(const char *text, double *out_value, char *err, size_t err_size)
{
    struct arena a;
    arena_init(&a, "expr", 4096);
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct expr_compile c = {.file = "", .line = 1, .col = 1, .diags = &d, .arena = &a, .signal_self = -1};
    struct expr *e = expr_compile(&c, text);
    bool ok = e != NULL;
    if (ok) {
        /* No scenario: only constant-foldable expressions can get here. */
        double v = 0;
        if (e->type == EXPR_STR)
            v = NAN;
        else if (!expr_is_const(e, &v))
            v = NAN;
        *out_value = v;
    } else if (err && err_size) {
        snprintf(err, err_size, "column %d: %s", d.n ? d.v[0].col : 1, d.n ? d.v[0].msg : "error");
    }
    scenario_diags_fini(&d);
    arena_fini(&a);
    return ok;
}
