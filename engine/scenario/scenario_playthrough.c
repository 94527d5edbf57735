/* scenario_playthrough.c — scripted trainees: a playthrough file is a list
 * of semantic actions and waits plus the outcome it must produce. They run
 * headless on simulated time (an action takes step_s seconds, a wait is
 * advanced in tick_s ticks so time-based rules and signals are checked
 * along the way), which is what `paja test` and CI run. */
#include "scenario_load.h"

#include "fs.h"
#include "str.h"

#include <dirent.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PT_MAX_WAIT_S (7.0 * 24 * 3600)
#define PT_MAX_TICKS 1000000

struct pt_action {
    bool wait;
    double wait_s;
    struct ev ev;
};

struct playthrough {
    enum scenario_mode mode;
    enum scenario_lang lang;
    uint64_t seed;
    double step_s, tick_s;
    struct pt_action *actions;
    size_t action_count;
    /* Expectations; "has_" says whether the file states one. */
    bool has_result, has_score, has_violations, has_variants, has_hints;
    enum scenario_result result;
    double score_min, score_max;
    const char **violations; size_t violation_count;
    const char **variants; size_t variant_count;
    const char **completed; size_t completed_count;
    const char **not_completed; size_t not_completed_count;
    double hints;
};

static const char *const ACTIONS[] = {"grab", "release", "place", "remove", "use", "press", "inspect",
                                      "wear", "unwear", "zone", "answer", "hint_request", "wait"};
#define ACTION_COUNT (sizeof ACTIONS / sizeof ACTIONS[0])

static void check_ids(struct loader *L, const struct ynode *list, const char **ids, size_t n, const char *what,
                      const char **cands, size_t count, bool allow_order)
{
    for (size_t i = 0; i < n; i++) {
        if (allow_order && str_starts_with(ids[i], "out_of_order")) continue;
        bool ok = false;
        for (size_t k = 0; k < count; k++) ok |= strcmp(cands[k], ids[i]) == 0;
        if (!ok) unknown_ref(L, list->kind == YNODE_SEQ ? list->items[i] : list, what, ids[i], cands, count);
    }
}

static bool pt_parse(struct loader *L, const struct ynode *root, struct playthrough *pt)
{
    const struct scenario *sc = L->sc;
    memset(pt, 0, sizeof *pt);
    pt->mode = SCENARIO_MODE_PRACTICE;
    pt->lang = SCENARIO_LANG_EN;
    pt->step_s = 1;
    pt->tick_s = 1;
    if (!want_kind(L, root, YNODE_MAP, "a playthrough")) return false;
    static const char *const KEYS[] = {"description", "mode", "seed", "lang", "step_s", "tick_s", "actions", "expect"};
    CHECK_KEYS(L, root, "a playthrough", KEYS);
    const struct ynode *v;
    if ((v = map_get(root, "mode")) && want_kind(L, v, YNODE_SCALAR, "'mode'") && !scenario_mode_parse(v->str, &pt->mode)) {
        static const char *MODES[] = {"guided", "practice", "exam"};
        unknown_ref(L, v, "mode", v->str, MODES, 3);
    }
    if ((v = map_get(root, "lang")) && want_kind(L, v, YNODE_SCALAR, "'lang'") && !scenario_lang_parse(v->str, &pt->lang))
        lerr(L, v, "lang is fi, en or sv, not '%s'", v->str);
    double d = 0;
    if ((v = map_get(root, "seed")) && read_number(L, v, "'seed'", &d)) {
        if (d < 0 || d != floor(d) || d > 9007199254740992.0)
            lerr(L, v, "seed is a whole number of at least 0");
        else
            pt->seed = (uint64_t)d;
    }
    if ((v = map_get(root, "step_s")) && read_number(L, v, "'step_s'", &pt->step_s) && (pt->step_s < 0 || pt->step_s > 3600))
        lerr(L, v, "step_s is from 0 to 3600 seconds");
    if ((v = map_get(root, "tick_s")) && read_number(L, v, "'tick_s'", &pt->tick_s) && (pt->tick_s < 0.01 || pt->tick_s > 3600))
        lerr(L, v, "tick_s is from 0.01 to 3600 seconds");
    const struct ynode *acts = map_get(root, "actions");
    if (!acts) {
        lerr(L, root, "the playthrough has no 'actions'");
    } else if (want_kind(L, acts, YNODE_SEQ, "'actions'")) {
        pt->actions = ARENA_PUSH_ARRAY(L->a, struct pt_action, acts->count + 1);
        for (size_t i = 0; i < acts->count; i++) {
            const struct ynode *a = acts->items[i];
            if (!want_kind(L, a, YNODE_MAP, "each action")) continue;
            static const char *const AKEYS[] = {"grab", "release", "place", "remove", "use", "press", "inspect",
                                                "wear", "unwear", "zone", "answer", "hint_request", "wait",
                                                "target", "value", "detail", "unit", "hand"};
            CHECK_KEYS(L, a, "an action", AKEYS);
            struct pt_action *pa = &pt->actions[pt->action_count];
            memset(pa, 0, sizeof *pa);
            pa->ev.hand = -1;
            int kinds = 0;
            for (size_t k = 0; k < ACTION_COUNT; k++) {
                const struct ynode *an = map_get(a, ACTIONS[k]);
                if (!an) continue;
                kinds++;
                if (strcmp(ACTIONS[k], "wait") == 0) {
                    pa->wait = true;
                    if (read_number(L, an, "'wait' (seconds)", &pa->wait_s) && (pa->wait_s < 0 || pa->wait_s > PT_MAX_WAIT_S))
                        lerr(L, an, "a wait is from 0 seconds to a week");
                    continue;
                }
                ev_type_parse(ACTIONS[k], &pa->ev.type);
                if (!want_kind(L, an, YNODE_SCALAR, "the action's object")) continue;
                pa->ev.subject = an->str[0] ? an->str : NULL;
                if (pa->ev.subject && pa->ev.type != EV_HINT_REQUEST && scenario_find_object(sc, pa->ev.subject) < 0)
                    unknown_ref(L, an, "object", pa->ev.subject, sc->object_ids, sc->object_count);
            }
            if (kinds != 1) {
                lerr(L, a, "each action has exactly one of: grab, release, place, remove, use, press, inspect, "
                           "wear, unwear, zone, answer, hint_request, wait");
                continue;
            }
            if ((v = map_get(a, "target")) && want_kind(L, v, YNODE_SCALAR, "'target'")) pa->ev.target = v->str;
            if ((v = map_get(a, "detail")) && want_kind(L, v, YNODE_SCALAR, "'detail'")) pa->ev.detail = v->str;
            if ((v = map_get(a, "unit")) && want_kind(L, v, YNODE_SCALAR, "'unit'")) pa->ev.unit = v->str;
            if ((v = map_get(a, "value"))) read_number(L, v, "'value'", &pa->ev.value);
            if ((v = map_get(a, "hand")) && want_kind(L, v, YNODE_SCALAR, "'hand'")) {
                if (strcmp(v->str, "left") == 0) pa->ev.hand = 0;
                else if (strcmp(v->str, "right") == 0) pa->ev.hand = 1;
                else lerr(L, v, "hand is left or right, not '%s'", v->str);
            }
            int so = pa->ev.subject ? scenario_find_object(sc, pa->ev.subject) : -1;
            if (pa->ev.type == EV_ANSWER && !pa->wait && so >= 0 && sc->objects[so].choice_count) {
                /* The input path answers with a choice: its id is the
                 * event's target and detail alike. */
                const struct sc_object *q = &sc->objects[so];
                const char *pick = pa->ev.target ? pa->ev.target : pa->ev.detail;
                const struct ynode *at = map_get(a, pa->ev.target ? "target" : "detail");
                bool ok = false;
                for (size_t k = 0; pick && k < q->choice_count; k++) ok |= strcmp(q->choices[k], pick) == 0;
                if (!pick)
                    lerr(L, a, "an answer names its choice as 'target' (one of the question's choices)");
                else if (!ok)
                    bad_choice(L, at, q, pick);
                pa->ev.target = pa->ev.detail = pick;
            }
            if (pa->ev.type == EV_INSPECT && !pa->wait && so >= 0 && pa->ev.target && sc->objects[so].feature_count) {
                const struct sc_object *o = &sc->objects[so];
                bool ok = false;
                for (size_t k = 0; k < o->feature_count; k++) ok |= strcmp(o->features[k], pa->ev.target) == 0;
                if (!ok) unknown_ref(L, map_get(a, "target"), "feature of that object", pa->ev.target, o->features,
                                     o->feature_count);
            }
            if ((pa->ev.type == EV_PLACE || pa->ev.type == EV_REMOVE) && !pa->wait) {
                if (!pa->ev.target)
                    lerr(L, a, "place and remove need a 'target' (the socket)");
                else if (scenario_find_object(sc, pa->ev.target) < 0)
                    unknown_ref(L, map_get(a, "target"), "socket", pa->ev.target, sc->object_ids, sc->object_count);
            }
            pt->action_count++;
        }
    }
    /* Waits advance in ticks; bound their number so a typo (a week of
     * 10 ms ticks) is an error rather than a run that seems to hang. */
    double total_wait = 0;
    for (size_t i = 0; i < pt->action_count; i++)
        if (pt->actions[i].wait) total_wait += pt->actions[i].wait_s;
    if (pt->tick_s > 0 && total_wait / pt->tick_s > PT_MAX_TICKS)
        lerr(L, root, "the waits add up to %.0f ticks of %g s; at most %d are run (raise tick_s)",
             total_wait / pt->tick_s, pt->tick_s, PT_MAX_TICKS);
    const struct ynode *ex = map_get(root, "expect");
    if (!ex) {
        lerr(L, root, "the playthrough has no 'expect' (what must come out of it)");
        return L->errors == 0;
    }
    if (!want_kind(L, ex, YNODE_MAP, "'expect'")) return false;
    static const char *const EKEYS[] = {"result", "score", "violations", "variants", "completed", "not_completed", "hints"};
    CHECK_KEYS(L, ex, "'expect'", EKEYS);
    if ((v = map_get(ex, "result")) && want_kind(L, v, YNODE_SCALAR, "'result'")) {
        pt->has_result = true;
        static const char *RES[] = {"pass", "fail", "incomplete"};
        if (strcmp(v->str, "pass") == 0) pt->result = SCENARIO_RESULT_PASS;
        else if (strcmp(v->str, "fail") == 0) pt->result = SCENARIO_RESULT_FAIL;
        else if (strcmp(v->str, "incomplete") == 0) pt->result = SCENARIO_RESULT_INCOMPLETE;
        else unknown_ref(L, v, "result", v->str, RES, 3);
    }
    if ((v = map_get(ex, "score"))) {
        pt->has_score = true;
        if (v->kind == YNODE_SEQ && v->count == 2) {
            read_number(L, v->items[0], "the lowest score", &pt->score_min);
            read_number(L, v->items[1], "the highest score", &pt->score_max);
            if (pt->score_min > pt->score_max) lerr(L, v, "the score range [min, max] is the wrong way round");
        } else if (v->kind == YNODE_SCALAR) {
            read_number(L, v, "'score'", &pt->score_min);
            pt->score_max = pt->score_min;
        } else {
            lerr(L, v, "'score' is a number or a range [min, max]");
        }
    }
    if ((v = map_get(ex, "violations"))) {
        pt->has_violations = true;
        pt->violations = read_str_list(L, v, "'violations'", &pt->violation_count);
        check_ids(L, v, pt->violations, pt->violation_count, "rule", sc->rule_ids, sc->rule_count, true);
    }
    if ((v = map_get(ex, "variants"))) {
        pt->has_variants = true;
        pt->variants = read_str_list(L, v, "'variants'", &pt->variant_count);
        check_ids(L, v, pt->variants, pt->variant_count, "variant", sc->variant_ids, sc->variant_count, false);
    }
    if ((v = map_get(ex, "completed"))) {
        pt->completed = read_str_list(L, v, "'completed'", &pt->completed_count);
        check_ids(L, v, pt->completed, pt->completed_count, "step", sc->step_ids, sc->step_count, false);
    }
    if ((v = map_get(ex, "not_completed"))) {
        pt->not_completed = read_str_list(L, v, "'not_completed'", &pt->not_completed_count);
        check_ids(L, v, pt->not_completed, pt->not_completed_count, "step", sc->step_ids, sc->step_count, false);
    }
    if ((v = map_get(ex, "hints"))) {
        pt->has_hints = true;
        read_number(L, v, "'hints'", &pt->hints);
    }
    return L->errors == 0;
}

static void trace_events(FILE *f, const char *dir, const struct ev *v, size_t n)
{
    if (!f) return;
    for (size_t i = 0; i < n; i++) {
        const struct ev *e = &v[i];
        fprintf(f, "%lld %s %s subject=%s target=%s detail=%s unit=%s value=%.17g ival=%d hand=%d\n",
                (long long)e->t_us, dir, ev_type_name(e->type), e->subject ? e->subject : "-",
                e->target ? e->target : "-", e->detail ? e->detail : "-", e->unit ? e->unit : "-", e->value, e->ival,
                e->hand);
    }
}

static void appendf(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void appendf(char *buf, size_t cap, const char *fmt, ...)
{
    size_t n = strlen(buf);
    if (n + 1 >= cap) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, cap - n, fmt, ap);
    va_end(ap);
}

/* Runs pt and compares the outcome with its expectations. */
static void pt_execute(const struct scenario *sc, const struct playthrough *pt, FILE *trace,
                       struct scenario_evlist *actions, struct scenario_evlist *outcome,
                       struct scenario_playthrough_result *r)
{
    struct scenario_session_opts o = {.mode = pt->mode, .lang = pt->lang, .seed = pt->seed};
    struct scenario_session *s = scenario_session_create(sc, &o);
    struct arena frame;
    arena_init(&frame, "playthrough", 16 * 1024);
    struct ev_queue q;
    ev_queue_init(&q, &frame);
    /* Violations in order, as "rule" or "out_of_order:step". */
    struct str_buf got = {0};
    size_t got_count = 0;
    int64_t t_us = 0;
    int64_t step_us = (int64_t)llround(pt->step_s * 1e6), tick_us = (int64_t)llround(pt->tick_s * 1e6);
    if (tick_us < 1) tick_us = 1;
    scenario_session_start(s, 0, &q);
    for (size_t i = 0; i <= pt->action_count; i++) {
        trace_events(trace, "out", q.v, q.n);
        if (outcome) scenario_outcome_add(outcome, q.v, q.n);
        for (size_t k = 0; k < q.n; k++) {
            if (q.v[k].type != EV_RULE_VIOLATED) continue;
            if (got_count++) str_buf_puts(&got, ", ");
            str_buf_puts(&got, q.v[k].subject);
            if (strcmp(q.v[k].subject, "out_of_order") == 0 && q.v[k].target) {
                str_buf_puts(&got, ":");
                str_buf_puts(&got, q.v[k].target);
            }
        }
        ev_queue_clear(&q);
        arena_clear(&frame);
        ev_queue_init(&q, &frame);
        if (i == pt->action_count) break;
        const struct pt_action *a = &pt->actions[i];
        if (a->wait && actions) {
            /* For players: a wait is an EV_NONE from now, value seconds. */
            struct ev w = {.type = EV_NONE, .t_us = t_us, .hand = -1, .value = a->wait_s};
            scenario_evlist_add(actions, &w);
        }
        if (a->wait) {
            int64_t end = t_us + (int64_t)llround(a->wait_s * 1e6);
            while (t_us < end) {
                t_us = t_us + tick_us < end ? t_us + tick_us : end;
                scenario_session_step(s, NULL, 0, t_us, &q);
            }
            continue;
        }
        struct ev e = a->ev;
        e.t_us = t_us;
        trace_events(trace, "in", &e, 1);
        if (actions) scenario_evlist_add(actions, &e);
        scenario_session_step(s, &e, 1, t_us, &q);
        t_us += step_us;
    }
    scenario_session_finish(s, t_us, &q);
    trace_events(trace, "out", q.v, q.n);
    if (outcome) scenario_outcome_add(outcome, q.v, q.n);
    for (size_t k = 0; k < q.n; k++)
        if (q.v[k].type == EV_RULE_VIOLATED) {
            if (got_count++) str_buf_puts(&got, ", ");
            str_buf_puts(&got, q.v[k].subject);
        }

    struct scenario_status st;
    scenario_session_status(s, &st);
    r->result = st.result;
    r->score = st.score;
    r->mode = pt->mode;
    r->lang = pt->lang;
    r->seed = pt->seed;
    r->tick_us = tick_us;
    r->ok = true;
    r->message[0] = '\0';
    size_t cap = sizeof r->message;
    if (pt->has_result && st.result != pt->result) {
        r->ok = false;
        appendf(r->message, cap, "result %s, expected %s; ", scenario_result_name(st.result),
                scenario_result_name(pt->result));
    }
    if (pt->has_score && (st.score < pt->score_min - 1e-9 || st.score > pt->score_max + 1e-9)) {
        r->ok = false;
        if (pt->score_min == pt->score_max)
            appendf(r->message, cap, "score %.2f, expected %.2f; ", st.score, pt->score_min);
        else
            appendf(r->message, cap, "score %.2f, expected %.2f..%.2f; ", st.score, pt->score_min, pt->score_max);
    }
    if (pt->has_violations) {
        struct str_buf want = {0};
        for (size_t i = 0; i < pt->violation_count; i++) {
            if (i) str_buf_puts(&want, ", ");
            str_buf_puts(&want, pt->violations[i]);
        }
        const char *g = got.data ? got.data : "", *w = want.data ? want.data : "";
        if (strcmp(g, w) != 0) {
            r->ok = false;
            appendf(r->message, cap, "violations [%s], expected [%s]; ", g, w);
        }
        str_buf_free(&want);
    }
    if (pt->has_variants) {
        for (size_t i = 0; i < sc->variant_count; i++) {
            bool want = false;
            for (size_t k = 0; k < pt->variant_count; k++) want |= strcmp(pt->variants[k], sc->variants[i].id) == 0;
            if (want != s->variant_on[i]) {
                r->ok = false;
                appendf(r->message, cap, "variant %s is %s, expected %s; ", sc->variants[i].id,
                        s->variant_on[i] ? "on" : "off", want ? "on" : "off");
            }
        }
    }
    for (size_t i = 0; i < pt->completed_count; i++)
        if (scenario_session_step_status(s, pt->completed[i]) != SCENARIO_STEP_DONE) {
            r->ok = false;
            appendf(r->message, cap, "step %s not completed; ", pt->completed[i]);
        }
    for (size_t i = 0; i < pt->not_completed_count; i++)
        if (scenario_session_step_status(s, pt->not_completed[i]) == SCENARIO_STEP_DONE) {
            r->ok = false;
            appendf(r->message, cap, "step %s completed, expected not; ", pt->not_completed[i]);
        }
    if (pt->has_hints && (double)st.hints != pt->hints) {
        r->ok = false;
        appendf(r->message, cap, "%zu hints, expected %.0f; ", st.hints, pt->hints);
    }
    if (r->ok)
        snprintf(r->message, cap, "%s %s %.2f, %zu critical, %zu major, %zu minor", scenario_mode_name(pt->mode),
                 scenario_result_name(st.result), st.score, st.violations[EV_SEVERITY_CRITICAL],
                 st.violations[EV_SEVERITY_MAJOR], st.violations[EV_SEVERITY_MINOR]);
    else if (strlen(r->message) >= 2 && r->message[strlen(r->message) - 2] == ';')
        r->message[strlen(r->message) - 2] = '\0';
    str_buf_free(&got);
    arena_fini(&frame);
    scenario_session_destroy(&s);
}

static const char *base_name(struct arena *a, const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (str_ends_with(b, ".yaml")) n -= 5;
    return arena_strndup(a, b, n);
}

static bool play_text(const struct scenario *sc, const char *text, size_t size, const char *file,
                      struct scenario_diags *diags, FILE *trace, struct scenario_evlist *actions,
                      struct scenario_evlist *outcome, struct scenario_playthrough_result *out)
{
    memset(out, 0, sizeof *out);
    struct arena a;
    arena_init(&a, "playthrough", 16 * 1024);
    snprintf(out->name, sizeof out->name, "%s", base_name(&a, file));
    struct loader L = {.sc = (struct scenario *)sc, .a = &a, .file = file, .diags = diags};
    size_t first = diags->n;
    struct ynode *root = ynode_parse(text, size, file, &a, diags);
    struct playthrough pt;
    bool ok = false;
    if (root && pt_parse(&L, root, &pt)) {
        pt_execute(sc, &pt, trace, actions, outcome, out);
        ok = true;
    }
    scenario_diags_sort_from(diags, first);
    if (!ok) snprintf(out->message, sizeof out->message, "cannot load the playthrough (see the errors above)");
    arena_fini(&a);
    return ok;
}

bool scenario_playthrough_run_text(const struct scenario *sc, const char *text, size_t size, const char *file,
                                   struct scenario_diags *diags, FILE *trace, struct scenario_playthrough_result *out)
{
    return play_text(sc, text, size, file, diags, trace, NULL, NULL, out);
}

bool scenario_playthrough_run_file(const struct scenario *sc, const char *path, struct scenario_diags *diags,
                                   FILE *trace, struct scenario_playthrough_result *out)
{
    return scenario_playthrough_play(sc, path, diags, trace, NULL, NULL, out);
}

bool scenario_playthrough_play(const struct scenario *sc, const char *path, struct scenario_diags *diags, FILE *trace,
                               struct scenario_evlist *actions, struct scenario_evlist *outcome,
                               struct scenario_playthrough_result *out)
{
    struct arena a;
    arena_init(&a, "playthrough-file", 16 * 1024);
    char err[512];
    size_t size = 0;
    char *text = fs_read_all(path, &a, &size, err, sizeof err);
    bool ok = false;
    if (!text) {
        memset(out, 0, sizeof *out);
        snprintf(out->name, sizeof out->name, "%s", base_name(&a, path));
        scenario_diags_add(diags, SCENARIO_DIAG_ERROR, path, 0, 0, "%s", err);
        snprintf(out->message, sizeof out->message, "cannot load the playthrough (see the errors above)");
    } else {
        ok = play_text(sc, text, size, path, diags, trace, actions, outcome, out);
    }
    arena_fini(&a);
    return ok;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The playthrough files of sc, sorted by name, in arena a (heap array;
 * the caller frees it). */
static const char **list_playthroughs(const struct scenario *sc, struct arena *a, size_t *out_n)
{
    const char *dir = fs_join(a, sc->dir, "playthroughs");
    *out_n = 0;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    const char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || !str_ends_with(de->d_name, ".yaml")) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[n++] = fs_join(a, dir, de->d_name);
    }
    closedir(d);
    /* Sorted, so the report reads the same on every file system. */
    if (n) qsort(names, n, sizeof *names, cmp_str);
    *out_n = n;
    return names;
}

size_t scenario_playthroughs_run(const struct scenario *sc, struct scenario_diags *diags, FILE *trace,
                                 void (*report)(const struct scenario_playthrough_result *r, void *user),
                                 void *user, size_t *out_count)
{
    struct arena a;
    arena_init(&a, "playthroughs", 4096);
    size_t n = 0, failed = 0;
    const char **names = list_playthroughs(sc, &a, &n);
    for (size_t i = 0; i < n; i++) {
        struct scenario_playthrough_result r;
        if (trace) fprintf(trace, "# %s\n", names[i]);
        bool loaded = scenario_playthrough_run_file(sc, names[i], diags, trace, &r);
        if (!loaded || !r.ok) failed++;
        if (report) report(&r, user);
    }
    *out_count = n;
    free(names);
    arena_fini(&a);
    return failed;
}

size_t scenario_playthroughs_check(const struct scenario *sc, struct scenario_diags *diags)
{
    struct arena a;
    arena_init(&a, "playthroughs", 4096);
    size_t n = 0, bad = 0;
    const char **names = list_playthroughs(sc, &a, &n);
    for (size_t i = 0; i < n; i++) {
        struct arena pa;
        arena_init(&pa, "playthrough-file", 16 * 1024);
        char err[512];
        size_t size = 0;
        char *text = fs_read_all(names[i], &pa, &size, err, sizeof err);
        size_t first = diags->n;
        if (!text) {
            scenario_diags_add(diags, SCENARIO_DIAG_ERROR, names[i], 0, 0, "%s", err);
            bad++;
        } else {
            struct loader L = {.sc = (struct scenario *)sc, .a = &pa, .file = names[i], .diags = diags};
            struct ynode *root = ynode_parse(text, size, names[i], &pa, diags);
            struct playthrough pt;
            if (!root || !pt_parse(&L, root, &pt)) bad++;
        }
        scenario_diags_sort_from(diags, first);
        arena_fini(&pa);
    }
    free(names);
    arena_fini(&a);
    return bad;
}
