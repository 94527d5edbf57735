/* review_class.c — loads records and aggregates a class: attempts per
 * trainee, the step list, each session's result per step, and per step where
 * the class struggles (errors, median time). See review.h.
 *
 * Violations count against the step the scenario engine names in their
 * target, hints against their subject step (event.h); without one, against
 * the step that was running (the last started and not yet completed). A
 * step completed without a start event is timed from the previous
 * completion. */
#include "review.h"

#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int step_index(struct review_class *c, size_t *cap, struct arena *a, const char *id, bool add)
{
    if (!id) return -1;
    for (size_t i = 0; i < c->step_count; i++)
        if (strcmp(c->steps[i].id, id) == 0) return (int)i;
    if (!add) return -1;
    if (c->step_count == *cap) {
        struct review_step *n = ARENA_PUSH_ARRAY(a, struct review_step, *cap * 2);
        memcpy(n, c->steps, *cap * sizeof *n);
        c->steps = n;
        *cap *= 2;
    }
    struct review_step *s = &c->steps[c->step_count];
    memset(s, 0, sizeof *s);
    s->id = id;
    s->median_us = -1;
    return (int)c->step_count++;
}

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int session_cmp(const void *pa, const void *pb)
{
    const struct review_session *a = pa, *b = pb;
    if (a->loaded != b->loaded) return a->loaded ? -1 : 1;
    int c = cmp_str(a->rec.header.trainee, b->rec.header.trainee);
    if (c) return c;
    c = cmp_str(a->rec.header.scenario_id, b->rec.header.scenario_id);
    if (c) return c;
    c = cmp_str(a->rec.header.start_utc, b->rec.header.start_utc);
    return c ? c : cmp_str(a->path, b->path);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static void session_steps(struct review_class *c, struct review_session *s, struct arena *a)
{
    s->steps = ARENA_PUSH_ARRAY(a, struct review_step_result, c->step_count ? c->step_count : 1);
    for (size_t i = 0; i < c->step_count; i++) s->steps[i].duration_us = -1;
    /* Several steps can run at once (any-order groups), so each keeps its
     * own start time. */
    int cur = -1;
    int64_t last_done = 0;
    size_t cap = c->step_count;
    int64_t *started = ARENA_PUSH_ARRAY(a, int64_t, c->step_count ? c->step_count : 1);
    for (size_t i = 0; i < c->step_count; i++) started[i] = -1;
    for (size_t i = 0; i < s->rec.event_count; i++) {
        const struct ev *e = &s->rec.events[i];
        int k;
        switch (e->type) {
        case EV_STEP_STARTED:
            cur = step_index(c, &cap, a, e->subject, false);
            if (cur >= 0 && started[cur] < 0) started[cur] = e->t_us;
            if (cur >= 0 && s->steps[cur].mark == REVIEW_MARK_NONE) s->steps[cur].mark = REVIEW_MARK_OPEN;
            break;
        case EV_STEP_COMPLETED:
            k = step_index(c, &cap, a, e->subject, false);
            if (k < 0) break;
            s->steps[k].duration_us = e->t_us - (started[k] >= 0 ? started[k] : last_done);
            s->steps[k].mark = s->steps[k].critical ? REVIEW_MARK_CRITICAL
                               : s->steps[k].errors ? REVIEW_MARK_ERRORS
                                                    : REVIEW_MARK_OK;
            last_done = e->t_us;
            if (k == cur) cur = -1;
            break;
        case EV_RULE_VIOLATED:
            /* The engine names the step in target; else the running one. */
            k = e->target ? step_index(c, &cap, a, e->target, false) : -1;
            if (k < 0) k = cur;
            if (k < 0) break;
            s->steps[k].errors++;
            /* Completed and then broken, or tried out of order before it
             * was started: either way the matrix must not hide it. */
            if (s->steps[k].mark == REVIEW_MARK_OK) s->steps[k].mark = REVIEW_MARK_ERRORS;
            if (s->steps[k].mark == REVIEW_MARK_NONE) s->steps[k].mark = REVIEW_MARK_OPEN;
            if (e->ival == EV_SEVERITY_CRITICAL) {
                s->steps[k].critical++;
                s->steps[k].mark = REVIEW_MARK_CRITICAL;
            }
            break;
        case EV_HINT_SHOWN:
            k = e->subject ? step_index(c, &cap, a, e->subject, false) : -1;
            if (k < 0) k = cur;
            if (k >= 0) s->steps[k].hints++;
            break;
        default: break;
        }
    }
}

void review_class_load(char *const *paths, size_t n, const struct rec_key *key, struct arena *a,
                       review_progress_fn progress, void *user, struct review_class *out)
{
    struct rec_keyring ring = {key, key ? 1 : 0};
    review_class_load_ring(paths, n, &ring, a, progress, user, out);
}

void review_class_load_ring(char *const *paths, size_t n, const struct rec_keyring *ring, struct arena *a,
                            review_progress_fn progress, void *user, struct review_class *out)
{
    memset(out, 0, sizeof *out);
    bool key = ring && ring->n;
    out->key_given = key;
    out->sessions = ARENA_PUSH_ARRAY(a, struct review_session, n ? n : 1);
    out->session_count = n;
    size_t cap = 16;
    out->steps = ARENA_PUSH_ARRAY(a, struct review_step, cap);
    for (size_t i = 0; i < n; i++) {
        struct review_session *s = &out->sessions[i];
        char err[512] = "";
        s->path = arena_strdup(a, paths[i]);
        s->loaded = rec_record_load_ring(paths[i], ring, REC_READ_NO_POSES, a, &s->rec, err, sizeof err);
        if (!s->loaded) {
            s->error = arena_strdup(a, err);
            out->unreadable++;
        } else {
            s->trusted = key && s->rec.check.integrity == REC_INTEGRITY_VERIFIED;
            for (size_t k = 0; k < s->rec.event_count; k++) {
                const struct ev *e = &s->rec.events[k];
                if (e->type == EV_STEP_STARTED || e->type == EV_STEP_COMPLETED) step_index(out, &cap, a, e->subject, true);
                if (e->type == EV_RELOAD) s->reloads++;
                if (e->type == EV_SCENARIO_CHANGED) s->scenario_changes++;
            }
        }
        if (progress) progress(i + 1, n, user);
    }
    qsort(out->sessions, n, sizeof *out->sessions, session_cmp);

    int64_t *durations = ARENA_PUSH_ARRAY(a, int64_t, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        struct review_session *s = &out->sessions[i];
        if (!s->loaded) continue;
        s->attempt = 1;
        if (i > 0 && out->sessions[i - 1].loaded &&
            cmp_str(out->sessions[i - 1].rec.header.trainee, s->rec.header.trainee) == 0 &&
            cmp_str(out->sessions[i - 1].rec.header.scenario_id, s->rec.header.scenario_id) == 0)
            s->attempt = out->sessions[i - 1].attempt + 1;
        session_steps(out, s, a);
    }
    for (size_t k = 0; k < out->step_count; k++) {
        struct review_step *st = &out->steps[k];
        size_t nd = 0;
        for (size_t i = 0; i < n; i++) {
            const struct review_session *s = &out->sessions[i];
            if (!s->loaded) continue;
            const struct review_step_result *r = &s->steps[k];
            if (r->mark != REVIEW_MARK_NONE) st->sessions_reached++;
            if (r->duration_us >= 0) {
                st->sessions_completed++;
                durations[nd++] = r->duration_us;
            }
            if (r->errors) st->sessions_with_errors++;
            st->errors += r->errors;
            st->critical += r->critical;
        }
        if (nd) {
            qsort(durations, nd, sizeof *durations, cmp_i64);
            st->median_us = nd % 2 ? durations[nd / 2] : (durations[nd / 2 - 1] + durations[nd / 2]) / 2;
        }
    }
}

bool review_result_counts(const struct review_class *c, const struct review_session *s)
{
    return !c->key_given || s->trusted;
}

void review_duration_text(int64_t us, char out[32])
{
    if (us < 0) {
        snprintf(out, 32, "–");
        return;
    }
    int64_t ds = (us + 50000) / 100000; /* tenths of a second */
    if (ds < 600) snprintf(out, 32, "%d.%d s", (int)(ds / 10), (int)(ds % 10));
    else snprintf(out, 32, "%d min %02d s", (int)(ds / 600), (int)(ds / 10 % 60));
}
