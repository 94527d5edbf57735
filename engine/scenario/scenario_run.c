/* scenario_run.c — the procedure state machine.
 *
 * A session is plain data judged from events: trainee actions update object
 * state (held, placed, worn, inspected, used), produce instrument readings,
 * may break event rules, run effects on state variables and complete steps.
 * After every event, and when time advances, the session "settles": steps
 * whose prerequisites are done become active, active steps whose conditions
 * hold complete, state rules are checked on their rising edge, and the
 * session finishes when every required step is done. Nothing here reads a
 * clock or a random source other than the seed, so the same events and seed
 * give the same outcome on every run. */
#include "scenario_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Bound on settle rounds: each round completes at least one step. */
#define SETTLE_MAX_ROUNDS(sc) ((sc)->step_count + 2)

static void emit(struct scenario_session *s, struct ev_queue *out, enum ev_type type, const char *subject,
                 const char *target, const char *detail, double value, int ival)
{
    struct ev e = {.type = type, .t_us = s->t_us, .hand = -1, .ival = ival, .subject = subject,
                   .target = target, .detail = detail, .value = value};
    if (out) ev_queue_push(out, &e);
}

static const char *tr(const struct scenario_session *s, const struct scenario_text *t)
{
    const char *r = scenario_text_get(t, s->opts.lang);
    return *r ? r : NULL;
}

static void apply_assigns(struct scenario_session *s, const struct sc_assign *set, size_t n, const struct expr_env *env)
{
    /* All values first, then all assignments, so "set: {a: b, b: a}"
     * swaps rather than depending on the order of keys. */
    double vals[64];
    for (size_t i = 0; i < n; i += 64) {
        size_t m = n - i < 64 ? n - i : 64;
        for (size_t k = 0; k < m; k++) vals[k] = expr_eval_num(set[i + k].value, env);
        for (size_t k = 0; k < m; k++) s->vars[set[i + k].var] = vals[k];
    }
}

static void session_alloc(struct scenario_session *s, const struct scenario *sc)
{
    s->sc = sc;
    s->vars = ARENA_PUSH_ARRAY(&s->arena, double, sc->var_count + 1);
    s->steps = ARENA_PUSH_ARRAY(&s->arena, struct step_state, sc->step_count + 1);
    s->rule_on = ARENA_PUSH_ARRAY(&s->arena, bool, sc->rule_count + 1);
    s->variant_on = ARENA_PUSH_ARRAY(&s->arena, bool, sc->variant_count + 1);
    s->objs = ARENA_PUSH_ARRAY(&s->arena, struct obj_state, sc->object_count + 1);
    for (size_t i = 0; i < sc->object_count; i++) s->objs[i].socket = sc->objects[i].start_socket;
    for (size_t i = 0; i < sc->var_count; i++) s->vars[i] = sc->vars[i].init;
}

struct scenario_session *scenario_session_create(const struct scenario *sc, const struct scenario_session_opts *o)
{
    struct scenario_session *s = xcalloc(1, sizeof *s);
    arena_init(&s->arena, "session", 16 * 1024);
    if (o) s->opts = *o;
    session_alloc(s, sc);
    /* Variants: one draw per variant in file order whatever the mode, so
     * adding a practice-only variant never changes which exam faults a
     * given seed picks for the variants before it. */
    uint64_t rng = s->opts.seed ^ 0x70616A61ull; /* "paja" */
    for (size_t i = 0; i < sc->variant_count; i++) {
        const struct sc_variant *v = &sc->variants[i];
        double u = scenario_rng_next(&rng);
        s->variant_on[i] = (v->modes & (1u << s->opts.mode)) && u < v->probability;
    }
    for (size_t i = 0; i < sc->variant_count; i++) {
        if (!s->variant_on[i]) continue;
        /* Each variant's random() values come from its own stream derived
         * from the seed and its position. */
        uint64_t vr = s->opts.seed * 0x9E3779B97F4A7C15ull + i + 1;
        struct expr_env env = {.s = s, .reading = NAN, .rng = &vr};
        apply_assigns(s, sc->variants[i].set, sc->variants[i].set_count, &env);
    }
    return s;
}

void scenario_session_destroy(struct scenario_session **s)
{
    if (!s || !*s) return;
    free((*s)->uses);
    free((*s)->insp);
    arena_fini(&(*s)->arena);
    free(*s);
    *s = NULL;
}

/* Whether e is of the pattern's kind: its type, subject and target, not
 * looking at `when`. */
static bool match_shape(const struct sc_match *m, const struct ev *e)
{
    if ((unsigned)e->type >= 64 || !(m->types & (1ull << e->type))) return false;
    return scenario_pattern_match(m->subject, e->subject) && scenario_pattern_match(m->target, e->target);
}

static bool match(const struct sc_match *m, const struct ev *e, const struct expr_env *env)
{
    return match_shape(m, e) && (!m->when || expr_eval_num(m->when, env) != 0);
}

static void violate(struct scenario_session *s, struct ev_queue *out, const char *rule_id, const char *step_id,
                    int severity, const char *message)
{
    if (severity < EV_SEVERITY_MINOR || severity > EV_SEVERITY_CRITICAL) return;
    s->violations[severity]++;
    s->penalty += s->sc->rubric.penalty[severity];
    if (severity == EV_SEVERITY_CRITICAL && !s->first_critical) s->first_critical = rule_id;
    emit(s, out, EV_RULE_VIOLATED, rule_id, step_id, message, 0, severity);
}

static bool prereqs_done(const struct scenario_session *s, const struct sc_step *st)
{
    for (size_t k = 0; k < st->prereq_count; k++)
        if (s->steps[st->prereq[k]].status != SCENARIO_STEP_DONE) return false;
    return true;
}

static void maybe_finish(struct scenario_session *s, struct ev_queue *out, bool force)
{
    if (s->finished) return;
    const struct scenario *sc = s->sc;
    bool all = true;
    for (size_t i = 0; i < sc->step_count; i++)
        if (!sc->steps[i].optional && s->steps[i].status != SCENARIO_STEP_DONE) all = false;
    bool exam_fail = s->opts.mode == SCENARIO_MODE_EXAM &&
                     s->violations[EV_SEVERITY_CRITICAL] > (size_t)sc->rubric.critical_allowed;
    if (!all && !force && !exam_fail) return;
    s->finished = true;
    s->result = scenario_session_judge(s, all);
    double score = scenario_session_score(s);
    if (score != s->last_score) {
        s->last_score = score;
        emit(s, out, EV_SCORE, sc->id, NULL, NULL, score, 0);
    }
    emit(s, out, EV_FINISHED, sc->id, NULL, scenario_result_name(s->result), score,
         (int)s->violations[EV_SEVERITY_CRITICAL]);
}

static void settle(struct scenario_session *s, struct ev_queue *out)
{
    const struct scenario *sc = s->sc;
    struct expr_env env = {.s = s, .reading = NAN};
    for (size_t round = 0; round < SETTLE_MAX_ROUNDS(sc); round++) {
        bool changed = false;
        for (size_t i = 0; i < sc->step_count; i++) {
            const struct sc_step *st = &sc->steps[i];
            struct step_state *ss = &s->steps[i];
            if (ss->status == SCENARIO_STEP_PENDING && prereqs_done(s, st)) {
                ss->status = SCENARIO_STEP_ACTIVE;
                emit(s, out, EV_STEP_STARTED, st->id, NULL, tr(s, &st->text), st->weight, 0);
                if (s->opts.mode == SCENARIO_MODE_GUIDED && tr(s, &st->hint))
                    emit(s, out, EV_HINT_SHOWN, st->id, NULL, tr(s, &st->hint), 0, 0);
            }
            if (ss->status != SCENARIO_STEP_ACTIVE) continue;
            bool ok = st->has_done_on ? ss->latched : true;
            if (ok && st->done_when) ok = expr_eval_num(st->done_when, &env) != 0;
            if (!ok) continue;
            ss->status = SCENARIO_STEP_DONE;
            ss->t_done = s->t;
            apply_assigns(s, st->set, st->set_count, &env);
            emit(s, out, EV_STEP_COMPLETED, st->id, NULL, NULL, st->weight, ss->early);
            changed = true;
        }
        if (!changed) break;
    }
    /* State rules fire when their condition becomes true, and again only
     * after it has been false in between. */
    for (size_t i = 0; i < sc->rule_count; i++) {
        const struct sc_rule *r = &sc->rules[i];
        if (r->has_on || !r->when) continue;
        bool v = expr_eval_num(r->when, &env) != 0;
        if (v && !s->rule_on[i])
            violate(s, out, r->id, r->step >= 0 ? sc->steps[r->step].id : NULL, r->severity, tr(s, &r->message));
        s->rule_on[i] = v;
    }
    maybe_finish(s, out, false);
    if (!s->finished) {
        double score = scenario_session_score(s);
        if (score != s->last_score) {
            s->last_score = score;
            emit(s, out, EV_SCORE, sc->id, NULL, NULL, score, 0);
        }
    }
}

void scenario_session_start(struct scenario_session *s, int64_t t_us, struct ev_queue *out)
{
    if (s->started) return;
    s->started = true;
    s->t_us = t_us;
    s->t = (double)t_us / 1e6;
    s->last_score = scenario_session_score(s);
    settle(s, out);
}

static struct use_count *use_slot(struct scenario_session *s, int object, const char *target)
{
    const char *t = target ? target : "";
    for (size_t i = 0; i < s->use_count; i++)
        if (s->uses[i].object == object && strcmp(s->uses[i].target, t) == 0) return &s->uses[i];
    if (s->use_count == s->use_cap) {
        s->use_cap = s->use_cap ? s->use_cap * 2 : 16;
        s->uses = xrealloc(s->uses, s->use_cap * sizeof *s->uses);
    }
    struct use_count *u = &s->uses[s->use_count++];
    u->object = object;
    u->target = arena_strdup(&s->arena, t);
    u->count = 0;
    u->last_reading = NAN;
    return u;
}

static void mark_inspected(struct scenario_session *s, int object, const char *feature)
{
    const char *f = feature ? feature : "";
    for (size_t i = 0; i < s->insp_count; i++)
        if (s->insp[i].object == object && strcmp(s->insp[i].feature, f) == 0) return;
    if (s->insp_count == s->insp_cap) {
        s->insp_cap = s->insp_cap ? s->insp_cap * 2 : 16;
        s->insp = xrealloc(s->insp, s->insp_cap * sizeof *s->insp);
    }
    s->insp[s->insp_count].object = object;
    s->insp[s->insp_count].feature = arena_strdup(&s->arena, f);
    s->insp_count++;
}

/* The hint for a hint request: the first active step that has one. */
static void hint_request(struct scenario_session *s, struct ev_queue *out)
{
    const struct scenario *sc = s->sc;
    if (s->opts.mode == SCENARIO_MODE_EXAM) return; /* no hints in an exam; the request itself is recorded */
    for (size_t i = 0; i < sc->step_count; i++) {
        if (s->steps[i].status != SCENARIO_STEP_ACTIVE || !tr(s, &sc->steps[i].hint)) continue;
        s->hints++;
        emit(s, out, EV_HINT_SHOWN, sc->steps[i].id, NULL, tr(s, &sc->steps[i].hint), 0, (int)s->hints);
        return;
    }
}

static void out_of_order(struct scenario_session *s, struct ev_queue *out, size_t si)
{
    const struct scenario *sc = s->sc;
    const struct sc_step *st = &sc->steps[si];
    struct step_state *ss = &s->steps[si];
    /* The first prerequisite still missing, named in the explanation. */
    const char *missing = NULL;
    for (size_t k = 0; k < st->prereq_count && !missing; k++)
        if (s->steps[st->prereq[k]].status != SCENARIO_STEP_DONE) missing = sc->steps[st->prereq[k]].id;
    const char *msg = tr(s, &st->order_message);
    if (!msg) {
        const struct scenario_text *mt = missing ? &sc->steps[scenario_find_step(sc, missing)].text : NULL;
        msg = arena_printf(&s->arena, "%s -> %s", mt ? scenario_text_get(mt, s->opts.lang) : "",
                           scenario_text_get(&st->text, s->opts.lang));
    }
    if (s->opts.mode == SCENARIO_MODE_GUIDED) {
        /* Guided: explain and do not credit it, so the trainee redoes it
         * in order; no penalty while learning. */
        emit(s, out, EV_HINT_SHOWN, st->id, missing, msg, 0, 0);
        return;
    }
    ss->latched = true;
    ss->early = true;
    if (st->order_severity) violate(s, out, "out_of_order", st->id, st->order_severity, msg);
}

/* Whether socket (an object index, or -1) would refuse obj, the way the
 * interaction layer does (interact_socket_accepts): a target that is no
 * socket, an object the socket does not accept, or a socket already holding
 * its capacity of other objects. */
static bool place_refused(const struct scenario_session *s, int obj, int socket)
{
    const struct scenario *sc = s->sc;
    if (socket < 0 || socket == obj || !(sc->objects[socket].caps & CAP_SOCKET)) return true;
    const struct sc_object *so = &sc->objects[socket];
    /* Without accepts, a socket takes anything that can be carried to it
     * (interact_socket_accepts), nothing fixed in the scene. */
    if (!so->accept_count && !(sc->objects[obj].caps & CAP_GRABBABLE)) return true;
    if (so->accept_count) {
        bool ok = false;
        for (size_t k = 0; k < so->accept_count && !ok; k++) ok = strcmp(so->accepts[k], sc->objects[obj].id) == 0;
        if (!ok) return true;
    }
    if (s->objs[obj].socket == socket) return false; /* already in it: no room needed */
    int in = 0;
    for (size_t j = 0; j < sc->object_count; j++) in += s->objs[j].socket == socket;
    return in >= (so->capacity > 0 ? so->capacity : 1);
}

static void handle_event(struct scenario_session *s, const struct ev *e, struct ev_queue *out)
{
    const struct scenario *sc = s->sc;
    int obj = scenario_find_object(sc, e->subject);
    /* 0. A place the socket refuses never happens. The input path then
     * emits only EV_RELEASE (the object is let go where it is, no EV_PLACE),
     * so a scripted event stream (paja test) is judged as that release: it
     * is not placed, and no rule, effect or step waiting for the place sees
     * it. */
    struct ev refused;
    if (obj >= 0 && e->type == EV_PLACE && place_refused(s, obj, scenario_find_object(sc, e->target))) {
        refused = *e;
        refused.type = EV_RELEASE;
        refused.target = NULL;
        e = &refused;
    }
    /* 1. Object state: what the action did to the world. */
    if (obj >= 0) {
        struct obj_state *os = &s->objs[obj];
        int hand_bit = e->hand >= 0 && e->hand < 2 ? 1 << e->hand : 4;
        switch (e->type) {
        case EV_GRAB: os->held |= hand_bit; break;
        case EV_RELEASE: os->held &= ~hand_bit; if (e->hand < 0) os->held = 0; break;
        case EV_PLACE: os->socket = scenario_find_object(sc, e->target); os->held = 0; break;
        case EV_REMOVE: os->socket = -1; break;
        case EV_WEAR: os->worn = true; break;
        case EV_UNWEAR: os->worn = false; break;
        case EV_INSPECT: mark_inspected(s, obj, e->target); break;
        default: break;
        }
    }
    /* 2. Instrument readings: a tool used on a point, or a feature inspected. */
    double reading = NAN;
    if (obj >= 0 && (e->type == EV_USE || e->type == EV_INSPECT)) {
        const struct sc_object *o = &sc->objects[obj];
        struct use_count *u = e->type == EV_USE ? use_slot(s, obj, e->target) : NULL;
        if (u) u->count++;
        for (size_t i = 0; i < o->reading_count; i++) {
            if (!o->readings[i].value || !scenario_pattern_match(o->readings[i].target, e->target)) continue;
            struct expr_env renv = {.s = s, .ev = e, .reading = NAN};
            reading = expr_eval_num(o->readings[i].value, &renv);
            if (!u) u = use_slot(s, obj, e->target);
            u->last_reading = reading;
            struct ev r = {.type = EV_READING, .t_us = s->t_us, .hand = e->hand, .subject = o->id,
                           .target = u->target, .unit = o->readings[i].unit, .value = reading};
            if (out) ev_queue_push(out, &r);
            break;
        }
    }
    if (e->type == EV_HINT_REQUEST) hint_request(s, out);
    struct expr_env env = {.s = s, .ev = e, .reading = reading};
    /* 3. Event rules see the world as the action left it, before effects.
     * rule_on doubles as "has fired" for rules marked once. */
    for (size_t i = 0; i < sc->rule_count && !s->finished; i++) {
        const struct sc_rule *r = &sc->rules[i];
        if (!r->has_on || (r->once && s->rule_on[i]) || !match(&r->on, e, &env)) continue;
        s->rule_on[i] = true;
        violate(s, out, r->id, r->step >= 0 ? sc->steps[r->step].id : NULL, r->severity, tr(s, &r->message));
    }
    /* 4. Effects on state variables. */
    for (size_t i = 0; i < sc->effect_count; i++)
        if (match(&sc->effects[i].on, e, &env))
            apply_assigns(s, sc->effects[i].set, sc->effects[i].set_count, &env);
    /* 5. Steps completed by this event. An event that completes an active
     * step is not also held against a later step with the same pattern
     * (proving the tester before measuring is not "proving it after"), and
     * an early action is held against one pending step only. An event of
     * an active step's kind (type, subject, target) that fails only its
     * `when` is the trainee working on that step — measuring too soon,
     * trying again — so it is no order slip for a later step either: an
     * author writing "measure until it reads below 1 V" then "measure again
     * at the end" expects the repeats to count for the first. */
    bool credited = false;
    for (size_t i = 0; i < sc->step_count; i++) {
        const struct sc_step *st = &sc->steps[i];
        struct step_state *ss = &s->steps[i];
        if (!st->has_done_on || ss->status != SCENARIO_STEP_ACTIVE) continue;
        if (!ss->latched && match(&st->done_on, e, &env)) ss->latched = credited = true;
        else if (match_shape(&st->done_on, e)) credited = true;
    }
    for (size_t i = 0; i < sc->step_count && !credited; i++) {
        const struct sc_step *st = &sc->steps[i];
        struct step_state *ss = &s->steps[i];
        if (!st->has_done_on || ss->status != SCENARIO_STEP_PENDING || ss->latched) continue;
        if (!match(&st->done_on, e, &env)) continue;
        /* One action counts for one step: the earliest one waiting. */
        out_of_order(s, out, i);
        break;
    }
}

void scenario_session_step(struct scenario_session *s, const struct ev *in, size_t n, int64_t t_us,
                           struct ev_queue *out)
{
    if (!s->started) scenario_session_start(s, n ? in[0].t_us : t_us, out);
    for (size_t i = 0; i < n && !s->finished; i++) {
        /* Time never runs backwards: a late-stamped event counts as now. */
        if (in[i].t_us > s->t_us) {
            s->t_us = in[i].t_us;
            s->t = (double)s->t_us / 1e6;
        }
        handle_event(s, &in[i], out);
        settle(s, out);
    }
    if (!s->finished && t_us > s->t_us) {
        s->t_us = t_us;
        s->t = (double)t_us / 1e6;
        settle(s, out);
    }
}

void scenario_session_finish(struct scenario_session *s, int64_t t_us, struct ev_queue *out)
{
    if (s->finished) return;
    if (t_us > s->t_us) {
        s->t_us = t_us;
        s->t = (double)t_us / 1e6;
    }
    maybe_finish(s, out, true);
}

void scenario_session_reload(struct scenario_session *s, const struct scenario *new_sc, int64_t t_us,
                             struct ev_queue *out)
{
    const struct scenario *old = s->sc;
    struct scenario_session prev = *s;
    session_alloc(s, new_sc);
    for (size_t i = 0; i < new_sc->var_count; i++) {
        int j = scenario_find_var(old, new_sc->vars[i].id);
        if (j >= 0) s->vars[i] = prev.vars[j];
    }
    for (size_t i = 0; i < new_sc->step_count; i++) {
        int j = scenario_find_step(old, new_sc->steps[i].id);
        if (j >= 0) s->steps[i] = prev.steps[j];
    }
    /* An active step whose new prerequisites are not done goes back to
     * pending; settle() restarts it in its new place. */
    for (size_t i = 0; i < new_sc->step_count; i++)
        if (s->steps[i].status == SCENARIO_STEP_ACTIVE && !prereqs_done(s, &new_sc->steps[i]))
            s->steps[i].status = SCENARIO_STEP_PENDING;
    for (size_t i = 0; i < new_sc->rule_count; i++)
        for (size_t j = 0; j < old->rule_count; j++)
            if (strcmp(new_sc->rules[i].id, old->rules[j].id) == 0) s->rule_on[i] = prev.rule_on[j];
    for (size_t i = 0; i < new_sc->variant_count; i++) {
        int j = scenario_find_variant(old, new_sc->variants[i].id);
        if (j >= 0) s->variant_on[i] = prev.variant_on[j];
    }
    int *remap = xcalloc(old->object_count + 1, sizeof *remap);
    for (size_t j = 0; j < old->object_count; j++) remap[j] = scenario_find_object(new_sc, old->objects[j].id);
    for (size_t j = 0; j < old->object_count; j++) {
        if (remap[j] < 0) continue;
        s->objs[remap[j]] = prev.objs[j];
        s->objs[remap[j]].socket = prev.objs[j].socket >= 0 ? remap[prev.objs[j].socket] : -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < s->use_count; i++)
        if (remap[s->uses[i].object] >= 0) {
            s->uses[k] = s->uses[i];
            s->uses[k++].object = remap[s->uses[i].object];
        }
    s->use_count = k;
    k = 0;
    for (size_t i = 0; i < s->insp_count; i++)
        if (remap[s->insp[i].object] >= 0) {
            s->insp[k] = s->insp[i];
            s->insp[k++].object = remap[s->insp[i].object];
        }
    s->insp_count = k;
    free(remap);
    /* The first critical rule id may belong to the old scenario's arena. */
    if (s->first_critical) s->first_critical = arena_strdup(&s->arena, s->first_critical);
    if (t_us > s->t_us) {
        s->t_us = t_us;
        s->t = (double)t_us / 1e6;
    }
    emit(s, out, EV_RELOAD, new_sc->id, NULL, new_sc->version, 0, 0);
    if (s->started && !s->finished) settle(s, out);
}

void scenario_session_status(const struct scenario_session *s, struct scenario_status *out)
{
    memset(out, 0, sizeof *out);
    out->finished = s->finished;
    out->result = s->result;
    out->score = scenario_session_score(s);
    memcpy(out->violations, s->violations, sizeof out->violations);
    out->hints = s->hints;
    for (size_t i = 0; i < s->sc->step_count; i++) {
        bool done = s->steps[i].status == SCENARIO_STEP_DONE;
        out->steps_done += done;
        if (!s->sc->steps[i].optional) {
            out->steps_required++;
            out->steps_required_done += done;
        }
    }
}

enum scenario_step_status scenario_session_step_status(const struct scenario_session *s, const char *step_id)
{
    int i = scenario_find_step(s->sc, step_id);
    return i >= 0 ? (enum scenario_step_status)s->steps[i].status : SCENARIO_STEP_PENDING;
}

bool scenario_session_value(const struct scenario_session *s, const char *id, double *out)
{
    int i = scenario_find_var(s->sc, id);
    if (i >= 0) {
        *out = s->vars[i];
        return true;
    }
    i = scenario_find_signal(s->sc, id);
    if (i >= 0 && s->sc->signals[i].expr) {
        struct expr_env env = {.s = (struct scenario_session *)s, .reading = NAN};
        *out = expr_eval_num(s->sc->signals[i].expr, &env);
        return true;
    }
    return false;
}

bool scenario_session_variant_on(const struct scenario_session *s, const char *id)
{
    int i = scenario_find_variant(s->sc, id);
    return i >= 0 && s->variant_on[i];
}

size_t scenario_session_guidance(const struct scenario_session *s, const char **out_ids, size_t max)
{
    if (s->opts.mode != SCENARIO_MODE_GUIDED || s->finished) return 0;
    const struct scenario *sc = s->sc;
    size_t n = 0;
    for (size_t i = 0; i < sc->step_count; i++) {
        if (s->steps[i].status != SCENARIO_STEP_ACTIVE) continue;
        for (size_t k = 0; k < sc->steps[i].guide_count; k++) {
            const char *id = sc->steps[i].guide[k];
            /* Seen earlier among the active steps' guides? (Not among
             * out_ids, which may be shorter than the full list.) */
            bool dup = false;
            for (size_t pi = 0; pi <= i && !dup; pi++) {
                if (s->steps[pi].status != SCENARIO_STEP_ACTIVE) continue;
                size_t end = pi == i ? k : sc->steps[pi].guide_count;
                for (size_t pk = 0; pk < end && !dup; pk++) dup = strcmp(sc->steps[pi].guide[pk], id) == 0;
            }
            if (dup) continue;
            if (n < max) out_ids[n] = id;
            n++;
        }
    }
    return n;
}

size_t scenario_session_active_steps(const struct scenario_session *s, size_t *out_idx, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < s->sc->step_count; i++) {
        if (s->steps[i].status != SCENARIO_STEP_ACTIVE) continue;
        if (n < max) out_idx[n] = i;
        n++;
    }
    return n;
}

/* Whether a pattern names one id exactly (no '*', not omitted). */
static bool exact_id(const char *p)
{
    return p && *p && !strchr(p, '*');
}

/* The triple step i waits for with event type t, if it is active, has not
 * seen its event yet (a latched step waits only on done_when) and names
 * its subject (and target, if any) exactly. */
static bool expect_at(const struct scenario_session *s, size_t i, int t, struct scenario_expect *e)
{
    const struct sc_step *st = &s->sc->steps[i];
    if (s->steps[i].status != SCENARIO_STEP_ACTIVE || s->steps[i].latched || !st->has_done_on) return false;
    const struct sc_match *m = &st->done_on;
    if (!(m->types & (1ull << t)) || !exact_id(m->subject) || (m->target && !exact_id(m->target))) return false;
    *e = (struct scenario_expect){ev_type_name((enum ev_type)t), m->subject, m->target};
    return true;
}

static bool same_expect(const struct scenario_expect *a, const struct scenario_expect *b)
{
    return strcmp(a->event, b->event) == 0 && strcmp(a->subject, b->subject) == 0 &&
           (a->target == b->target || (a->target && b->target && strcmp(a->target, b->target) == 0));
}

size_t scenario_session_expected(const struct scenario_session *s, struct scenario_expect *out, size_t max)
{
    if (!s || s->finished) return 0;
    const int types = EV_TYPE_COUNT < 64 ? EV_TYPE_COUNT : 64;
    size_t n = 0;
    for (size_t i = 0; i < s->sc->step_count; i++)
        for (int t = 0; t < types; t++) {
            struct scenario_expect e, prev;
            if (!expect_at(s, i, t, &e)) continue;
            /* Each triple once, though two active steps may wait for it;
             * compared with the earlier steps, not with out, which may
             * have been too short to hold them. */
            bool dup = false;
            for (size_t pi = 0; pi <= i && !dup; pi++)
                for (int pt = 0; pt < (pi == i ? t : types) && !dup; pt++)
                    dup = expect_at(s, pi, pt, &prev) && same_expect(&prev, &e);
            if (dup) continue;
            if (out && n < max) out[n] = e;
            n++;
        }
    return n;
}
