/* test_review_report.c — the teacher's report: class aggregation (attempts,
 * step marks, medians), integrity marks, HTML that is self-contained and
 * escaped, the tidy CSV, both languages. Records come from the real writer
 * (synthetic sessions, test_record_util.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_record_util.h"

#include "arena.h"
#include "review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char KEY32[32] = "0123456789abcdef0123456789abcdef";

/* One session file: trainee, start, steps done, result. */
static void session(const char *path, const char *trainee, const char *start, const char *session_id, int steps,
                    const char *result, double score, const struct rec_key *key, bool close)
{
    struct rec_header h;
    trec_header(&h, trainee);
    h.start_utc = start;
    h.session = session_id;
    char err[256];
    struct rec_writer *w = rec_writer_create(path, &h, key, err, sizeof err);
    assert_non_null(w);
    int64_t end = trec_session_write(w, steps, result, score);
    if (close) assert_true(rec_writer_close(&w, end, err, sizeof err));
    else rec_writer_abandon(&w);
}

struct fx {
    char dir[256];
    char *paths[8];
    size_t n;
    struct arena a;
    struct rec_key key;
    struct review_class c;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    trec_tmpdir(f->dir);
    rec_key_from_bytes(KEY32, 32, &f->key);
    arena_init(&f->a, "review", 1 << 16);
    char p[400];
#define ADD(...)                                                        \
    do {                                                                \
        snprintf(p, sizeof p, "%s/%zu.jsonl", f->dir, f->n);            \
        f->paths[f->n++] = strdup(p);                                   \
        session(p, __VA_ARGS__);                                        \
    } while (0)
    /* Aino: two attempts (second passes); <Eve>: one, cut short; =cmd: one
     * with only 2 steps; plus a record altered afterwards and a non-record. */
    ADD("aino", "2026-03-14T09:00:00.000Z", "11111111-1111-4111-8111-111111111111", 5, "failed", 40, &f->key, true);
    ADD("aino", "2026-03-15T09:00:00.000Z", "22222222-2222-4222-8222-222222222222", 5, "passed", 95, &f->key, true);
    ADD("<script>alert(1)</script>", "2026-03-14T10:00:00.000Z", "33333333-3333-4333-8333-333333333333", 3,
        "passed", 0, &f->key, false);
    ADD("=cmd|' /C calc'!A0", "2026-03-14T11:00:00.000Z", "44444444-4444-4444-8444-444444444444", 2, "failed", 10,
        &f->key, true);
    ADD("ville", "2026-03-14T12:00:00.000Z", "55555555-5555-4555-8555-555555555555", 5, "passed", 80, &f->key, true);
#undef ADD
    /* Alter Ville's record: change one reading in place. */
    size_t size = 0;
    char *d = trec_slurp(f->paths[4], &size);
    char *v = strstr(d, "\"value\":0.4");
    assert_non_null(v);
    v[10] = '9';
    trec_spit(f->paths[4], d, size);
    free(d);
    snprintf(p, sizeof p, "%s/junk.jsonl", f->dir);
    trec_spit(p, "not a record\n", 13);
    f->paths[f->n++] = strdup(p);
    review_class_load(f->paths, f->n, &f->key, &f->a, NULL, NULL, &f->c);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    for (size_t i = 0; i < f->n; i++) free(f->paths[i]);
    arena_fini(&f->a);
    trec_rmdir(f->dir);
    free(f);
    return 0;
}

static const struct review_session *find(const struct review_class *c, const char *trainee, int attempt)
{
    for (size_t i = 0; i < c->session_count; i++) {
        const struct review_session *s = &c->sessions[i];
        if (s->loaded && !strcmp(s->rec.header.trainee, trainee) && s->attempt == attempt) return s;
    }
    fail_msg("no session %s/%d", trainee, attempt);
    return NULL;
}

static void class_is_aggregated(void **state)
{
    struct fx *f = *state;
    const struct review_class *c = &f->c;
    assert_int_equal(c->session_count, 6);
    assert_int_equal(c->unreadable, 1);
    /* Steps in order of first appearance across the class. */
    assert_int_equal(c->step_count, 5);
    assert_string_equal(c->steps[0].id, "ppe");
    assert_string_equal(c->steps[3].id, "verify_zero");
    /* Attempts by start time per trainee. */
    const struct review_session *a1 = find(c, "aino", 1), *a2 = find(c, "aino", 2);
    assert_string_equal(a1->rec.summary.result, "failed");
    assert_string_equal(a2->rec.summary.result, "passed");
    /* The synthetic session: minor violation in step 2, critical in 4. */
    assert_int_equal(a2->steps[0].mark, REVIEW_MARK_OK);
    assert_int_equal(a2->steps[1].mark, REVIEW_MARK_ERRORS);
    assert_int_equal(a2->steps[3].mark, REVIEW_MARK_CRITICAL);
    assert_int_equal(a2->steps[2].hints, 1);
    /* Each step: 3 s of movement + 1 s to completion. */
    assert_true(a2->steps[0].duration_us == 4000060);
    const struct review_session *cmd = find(c, "=cmd|' /C calc'!A0", 1);
    assert_int_equal(cmd->steps[2].mark, REVIEW_MARK_NONE);
    assert_true(cmd->steps[2].duration_us < 0);
    /* Step 1 reached by all 5 readable sessions; critical in step 4 by the
     * 4 sessions (aino ×2, ville, not <script> with 3 steps or =cmd) that got there. */
    assert_int_equal(c->steps[0].sessions_reached, 5);
    assert_int_equal(c->steps[3].sessions_reached, 3);
    assert_int_equal(c->steps[3].critical, 3);
    assert_int_equal(c->steps[1].sessions_with_errors, 5);
    assert_true(c->steps[0].median_us == 4000060);
    /* Integrity per record. */
    assert_int_equal(a1->rec.check.integrity, REC_INTEGRITY_VERIFIED);
    assert_int_equal(find(c, "<script>alert(1)</script>", 1)->rec.check.integrity, REC_INTEGRITY_UNSEALED);
    assert_int_equal(find(c, "ville", 1)->rec.check.integrity, REC_INTEGRITY_ALTERED);
    assert_string_equal(find(c, "<script>alert(1)</script>", 1)->rec.summary.result, "passed");
}

static void html_is_self_contained_escaped_and_marked(void **state)
{
    struct fx *f = *state;
    struct str_buf h = {0};
    review_html(&f->c, REVIEW_LANG_EN, "2026-03-16T08:00:00.000Z", &h);
    assert_non_null(strstr(h.data, "<!DOCTYPE html>"));
    assert_non_null(strstr(h.data, "</html>"));
    /* Untrusted ids never become markup. */
    assert_null(strstr(h.data, "<script>"));
    assert_non_null(strstr(h.data, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    /* Nothing is fetched: no external references, no scripts. */
    assert_null(strstr(h.data, "src="));
    assert_null(strstr(h.data, "href=\"http"));
    assert_null(strstr(h.data, "<link"));
    /* Each integrity state shows. */
    assert_non_null(strstr(h.data, "class=\"i-verified\""));
    assert_non_null(strstr(h.data, "class=\"i-unsealed\""));
    assert_non_null(strstr(h.data, "class=\"i-altered\""));
    assert_non_null(strstr(h.data, "ALTERED ("));
    assert_non_null(strstr(h.data, "Where the class struggles"));
    assert_non_null(strstr(h.data, "junk.jsonl"));
    assert_non_null(strstr(h.data, "<svg"));
    assert_non_null(strstr(h.data, "hv.bus+"));
    assert_non_null(strstr(h.data, "Passed"));
    assert_non_null(strstr(h.data, "Failed"));

    struct str_buf fi = {0};
    review_html(&f->c, REVIEW_LANG_FI, "2026-03-16T08:00:00.000Z", &fi);
    assert_non_null(strstr(fi.data, "<html lang=\"fi\">"));
    assert_non_null(strstr(fi.data, "Missä ryhmä kompastelee"));
    assert_non_null(strstr(fi.data, "Hyväksytty"));
    assert_non_null(strstr(fi.data, "Varmennettu"));
    assert_null(strstr(fi.data, "Where the class struggles"));
    /* Deterministic for the same input. */
    struct str_buf again = {0};
    review_html(&f->c, REVIEW_LANG_FI, "2026-03-16T08:00:00.000Z", &again);
    assert_string_equal(fi.data, again.data);
    str_buf_free(&again);
    str_buf_free(&fi);
    str_buf_free(&h);
}

static void csv_is_tidy(void **state)
{
    struct fx *f = *state;
    struct str_buf b = {0};
    review_csv(&f->c, &b);
    size_t rows = 0;
    for (const char *p = b.data; *p; p++) rows += *p == '\n';
    /* Header + 5 readable sessions × 5 steps. */
    assert_int_equal(rows, 1 + 5 * 5);
    assert_true(strncmp(b.data, "trainee,attempt,session,", 24) == 0);
    assert_non_null(strstr(b.data, "aino,2,22222222-2222-4222-8222-222222222222,ev-battery/hv-isolation,practice,"
                                   "2026-03-15T09:00:00.000Z,4,verify_zero,critical,4.00,1,1,0,4.00,passed,95,100,"
                                   "verified,yes\r\n"));
    /* Formula injection is defused; unreached steps are rows. */
    assert_non_null(strstr(b.data, "\"'=cmd|' /C calc'!A0\",1,"));
    assert_non_null(strstr(b.data, ",3,lockout,not_reached,,0,0,0,4.00,failed,10,100,verified,yes\r\n"));
    /* With a key given, an altered record's result and score stay out. */
    assert_non_null(strstr(b.data, ",untrusted,,100,altered,no\r\n"));
    str_buf_free(&b);
}

/* With a key, only verified sessions show a result: Ville's altered pass
 * and the cut-short one say "not trustworthy" instead, with no score; a
 * scenario mismatch, reloads and edits noted are marked. Without a key the
 * results show under a notice that none is proven. */
static void untrusted_results_are_not_shown(void **state)
{
    struct fx *f = *state;
    struct review_session *ville = NULL;
    for (size_t i = 0; i < f->c.session_count; i++)
        if (f->c.sessions[i].loaded && !strcmp(f->c.sessions[i].rec.header.trainee, "ville")) ville = &f->c.sessions[i];
    assert_non_null(ville);
    assert_false(ville->trusted);
    assert_false(review_result_counts(&f->c, ville));
    assert_true(review_result_counts(&f->c, find(&f->c, "aino", 2)));
    ville->scenario_match = -1;
    ville->scenario_note = "the record ran scenario hash 123, x/scenario.yaml has 456";
    ville->reloads = 2;
    ville->scenario_changes = 1;
    struct str_buf h = {0};
    review_html(&f->c, REVIEW_LANG_EN, "2026-03-16T08:00:00.000Z", &h);
    /* Aino's verified pass, and no other: Ville passed 80 in his file. */
    size_t passes = 0;
    for (const char *p = h.data; (p = strstr(p, ">Passed<")); p++) passes++;
    assert_int_equal(passes, 2); /* class row and session view */
    assert_non_null(strstr(h.data, ">Not trustworthy<"));
    assert_non_null(strstr(h.data, "DIFFERENT SCENARIO"));
    assert_non_null(strstr(h.data, "Scenario reloaded during the session: 2"));
    assert_non_null(strstr(h.data, "the change was not applied): 1"));
    assert_null(strstr(h.data, "no result here is proven"));
    str_buf_free(&h);
    struct str_buf fi = {0};
    review_html(&f->c, REVIEW_LANG_FI, "2026-03-16T08:00:00.000Z", &fi);
    assert_non_null(strstr(fi.data, ">Ei luotettava<"));
    str_buf_free(&fi);
    /* No key: every result shows, under the notice. */
    f->c.key_given = false;
    struct str_buf n = {0};
    review_html(&f->c, REVIEW_LANG_EN, "2026-03-16T08:00:00.000Z", &n);
    assert_non_null(strstr(n.data, "no result here is proven"));
    assert_null(strstr(n.data, ">Not trustworthy<"));
    str_buf_free(&n);
}

static void durations_for_people(void **state)
{
    (void)state;
    char d[32];
    review_duration_text(4000060, d);
    assert_string_equal(d, "4.0 s");
    review_duration_text(65000000, d);
    assert_string_equal(d, "1 min 05 s");
    review_duration_text(-1, d);
    assert_string_equal(d, "–");
}

/* Parallel steps in the report: each timed from its own start; a violation
 * marks the step its target names, even after that step was completed. */
static void parallel_steps_and_targeted_violations(void **state)
{
    (void)state;
    char dir[256], file[300], err[256];
    trec_tmpdir(dir);
    snprintf(file, sizeof file, "%s/p.jsonl", dir);
    struct rec_header h;
    trec_header(&h, "p1");
    struct rec_writer *w = rec_writer_create(file, &h, NULL, err, sizeof err);
    struct ev e = {.type = EV_STEP_STARTED, .t_us = 0, .hand = -1, .subject = "a"};
    rec_writer_append(w, &e);
    e.subject = "b";
    rec_writer_append(w, &e);
    struct ev c = {.type = EV_STEP_COMPLETED, .t_us = 2000000, .hand = -1, .subject = "b"};
    rec_writer_append(w, &c);
    c.t_us = 5000000;
    c.subject = "a";
    rec_writer_append(w, &c);
    struct ev v = {.type = EV_RULE_VIOLATED, .t_us = 6000000, .hand = -1, .ival = 1, .subject = "late", .target = "b"};
    rec_writer_append(w, &v);
    /* A step tried out of order, never started here (another trainee did
     * it): shown, not hidden. */
    struct ev early = {.type = EV_RULE_VIOLATED, .t_us = 6500000, .hand = -1, .ival = 1,
                       .subject = "out_of_order", .target = "d"};
    rec_writer_append(w, &early);
    assert_true(rec_writer_close(&w, 7000000, err, sizeof err));
    char other[300];
    snprintf(other, sizeof other, "%s/q.jsonl", dir);
    trec_header(&h, "q1");
    w = rec_writer_create(other, &h, NULL, err, sizeof err);
    struct ev d = {.type = EV_STEP_COMPLETED, .t_us = 1000000, .hand = -1, .subject = "a"};
    rec_writer_append(w, &d);
    d.subject = "b";
    rec_writer_append(w, &d);
    d.subject = "d";
    rec_writer_append(w, &d);
    assert_true(rec_writer_close(&w, 2000000, err, sizeof err));
    struct arena a;
    arena_init(&a, "p", 1 << 16);
    char *paths[2] = {file, other};
    struct review_class c2;
    review_class_load(paths, 2, NULL, &a, NULL, NULL, &c2);
    assert_int_equal(c2.step_count, 3);
    assert_string_equal(c2.sessions[0].rec.header.trainee, "p1");
    assert_int_equal(c2.sessions[0].steps[2].mark, REVIEW_MARK_OPEN);
    assert_int_equal(c2.sessions[0].steps[2].errors, 1);
    assert_string_equal(c2.steps[0].id, "a");
    assert_true(c2.sessions[0].steps[0].duration_us == 5000000);
    assert_true(c2.sessions[0].steps[1].duration_us == 2000000);
    assert_int_equal(c2.sessions[0].steps[0].mark, REVIEW_MARK_OK);
    assert_int_equal(c2.sessions[0].steps[1].mark, REVIEW_MARK_ERRORS);
    assert_int_equal(c2.steps[1].errors, 1);
    arena_fini(&a);
    trec_rmdir(dir);
}

/* Waits skipped ahead with T (ui events "wait") are counted in the session's
 * "why" part with their total, in both languages; a session with none says
 * nothing about waits. */
static void waits_skipped_ahead_are_shown(void **state)
{
    (void)state;
    char dir[256], file[300], plain[300], err[256];
    trec_tmpdir(dir);
    snprintf(file, sizeof file, "%s/w.jsonl", dir);
    snprintf(plain, sizeof plain, "%s/x.jsonl", dir);
    struct rec_header h;
    trec_header(&h, "w1");
    struct rec_writer *w = rec_writer_create(file, &h, NULL, err, sizeof err);
    struct ev e = {.type = EV_STEP_STARTED, .t_us = 0, .hand = -1, .subject = "wait_step"};
    rec_writer_append(w, &e);
    for (int i = 0; i < 3; i++) {
        struct ev u = {.type = EV_UI, .t_us = 1000000 + i * 61000000LL, .hand = -1, .subject = "wait", .value = 60};
        rec_writer_append(w, &u);
    }
    struct ev done = {.type = EV_STEP_COMPLETED, .t_us = 200000000, .hand = -1, .subject = "wait_step"};
    rec_writer_append(w, &done);
    assert_true(rec_writer_close(&w, 201000000, err, sizeof err));
    trec_header(&h, "x1");
    w = rec_writer_create(plain, &h, NULL, err, sizeof err);
    rec_writer_append(w, &done);
    assert_true(rec_writer_close(&w, 201000000, err, sizeof err));
    struct arena a;
    arena_init(&a, "w", 1 << 16);
    char *paths[2] = {file, plain};
    struct review_class c;
    review_class_load(paths, 2, NULL, &a, NULL, NULL, &c);
    struct str_buf en = {0}, fi = {0};
    review_html(&c, REVIEW_LANG_EN, "2026-03-16T08:00:00.000Z", &en);
    review_html(&c, REVIEW_LANG_FI, "2026-03-16T08:00:00.000Z", &fi);
    char d[32], want[96];
    review_duration_text(180000000, d);
    snprintf(want, sizeof want, "Waits skipped with T: 3 (%s)", d);
    assert_non_null(strstr(en.data, want));
    snprintf(want, sizeof want, "Odotuksia ohitettu T-näppäimellä: 3 (%s)", d);
    assert_non_null(strstr(fi.data, want));
    /* Only the session that waited says so. */
    const char *first = strstr(en.data, "Waits skipped");
    assert_null(strstr(first + 1, "Waits skipped"));
    str_buf_free(&en);
    str_buf_free(&fi);
    arena_fini(&a);
    trec_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(class_is_aggregated, setup, teardown),
        cmocka_unit_test_setup_teardown(html_is_self_contained_escaped_and_marked, setup, teardown),
        cmocka_unit_test_setup_teardown(csv_is_tidy, setup, teardown),
        cmocka_unit_test_setup_teardown(untrusted_results_are_not_shown, setup, teardown),
        cmocka_unit_test(durations_for_people),
        cmocka_unit_test(parallel_steps_and_targeted_violations),
        cmocka_unit_test(waits_skipped_ahead_are_shown),
    };
    return cmocka_run_group_tests_name("review report", tests, NULL, NULL);
}
