/* test_scenario_session.c — the scenario engine over whole sessions: modes,
 * seeded variants, reload, scoring, the reference scenarios' playthroughs,
 * determinism, and the deliberately broken files under tests/data/scenarios
 * (exact diagnostics). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "event.h"
#include "fs.h"
#include "scenario.h"
#include "str.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_scenario_support.h"

/* ---- modes ---- */

static const char HINT_STEPS[] =
    "steps:\n"
    "  - {id: s1, " TEXT ", hint: {fi: h1, en: h1}, done_on: {event: press, subject: a}}\n"
    "  - {id: s2, " TEXT ", hint: {fi: h2, en: h2}, done_on: {event: press, subject: b}}\n";

static void guided_shows_hints_and_undoes_order_slips(void **state)
{
    (void)state;
    struct run r;
    run_start(&r, HINT_STEPS, NULL, NULL, SCENARIO_MODE_GUIDED, 1);
    assert_int_equal(count_out(&r, EV_HINT_SHOWN, "s1"), 1); /* shown as the step starts */
    act(&r, EV_PRESS, "b", NULL, 1);                         /* too early */
    assert_int_equal(count_out(&r, EV_RULE_VIOLATED, NULL), 0);
    assert_int_equal(count_out(&r, EV_HINT_SHOWN, "s2"), 1); /* explained */
    act(&r, EV_PRESS, "a", NULL, 2);
    assert_int_equal(st(&r, "s2"), SCENARIO_STEP_ACTIVE);   /* not credited: redo in order */
    act(&r, EV_PRESS, "b", NULL, 3);
    struct scenario_status s;
    scenario_session_status(r.s, &s);
    assert_int_equal(s.result, SCENARIO_RESULT_PASS);
    assert_true(s.score == 100);
    run_end(&r);
}

static void guided_highlights_follow_active_steps(void **state)
{
    (void)state;
    static const char STEPS[] =
        "steps:\n"
        "  - group: g\n"
        "    steps:\n"
        "      - {id: s1, " TEXT ", guide: [a, tool], done_on: {event: press, subject: a}}\n"
        "      - {id: s2, " TEXT ", guide: [tool, b], done_on: {event: press, subject: b}}\n"
        "  - {id: s3, " TEXT ", guide: [c], done_on: {event: press, subject: c}}\n";
    struct run r;
    run_start(&r, STEPS, NULL, NULL, SCENARIO_MODE_GUIDED, 1);
    const char *ids[8] = {0};
    assert_int_equal(scenario_session_guidance(r.s, ids, 8), 3); /* a, tool, b: each once */
    assert_string_equal(ids[0], "a");
    assert_string_equal(ids[1], "tool");
    assert_string_equal(ids[2], "b");
    assert_int_equal(scenario_session_guidance(r.s, ids, 1), 3); /* count even when max is smaller */
    act(&r, EV_PRESS, "a", NULL, 1);
    act(&r, EV_PRESS, "b", NULL, 2);
    assert_int_equal(scenario_session_guidance(r.s, ids, 8), 1);
    assert_string_equal(ids[0], "c");
    run_end(&r);
    run_start(&r, STEPS, NULL, NULL, SCENARIO_MODE_PRACTICE, 1);
    assert_int_equal(scenario_session_guidance(r.s, ids, 8), 0); /* no highlights outside guided */
    run_end(&r);
}

static void practice_hints_on_request_cost_points(void **state)
{
    (void)state;
    struct run r;
    run_start(&r, HINT_STEPS, NULL, NULL, SCENARIO_MODE_PRACTICE, 1);
    assert_int_equal(count_out(&r, EV_HINT_SHOWN, NULL), 0);
    act(&r, EV_HINT_REQUEST, NULL, NULL, 1);
    act(&r, EV_HINT_REQUEST, NULL, NULL, 2);
    assert_int_equal(count_out(&r, EV_HINT_SHOWN, "s1"), 2);
    act(&r, EV_PRESS, "a", NULL, 3);
    act(&r, EV_PRESS, "b", NULL, 4);
    struct scenario_status s;
    scenario_session_status(r.s, &s);
    assert_int_equal(s.hints, 2);
    assert_true(s.score == 96); /* hint_penalty 2 each */
    run_end(&r);
}

static void exam_gives_no_hints(void **state)
{
    (void)state;
    struct run r;
    run_start(&r, HINT_STEPS, NULL, NULL, SCENARIO_MODE_EXAM, 1);
    act(&r, EV_HINT_REQUEST, NULL, NULL, 1);
    assert_int_equal(count_out(&r, EV_HINT_SHOWN, NULL), 0);
    act(&r, EV_PRESS, "b", NULL, 2); /* order slip: penalised in exams */
    assert_int_equal(count_out(&r, EV_RULE_VIOLATED, "out_of_order"), 1);
    run_end(&r);
}

/* ---- seeded variants ---- */

static const char VARIANTS[] =
    "variants:\n"
    "  - {id: fault, probability: 0.5, set: {flag: true}}\n"
    "  - {id: param, modes: [exam, practice], set: {v: \"random(100, 200)\"}}\n"
    "rubric: {pass_mark: 80}\n";

static void variants_are_reproducible_from_the_seed(void **state)
{
    (void)state;
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = load_parts(RULE_STEPS, NULL, VARIANTS, &d);
    int on = 0;
    bool seen_v[2] = {false, false};
    for (uint64_t seed = 0; seed < 400; seed++) {
        struct scenario_session_opts o = {.mode = SCENARIO_MODE_EXAM, .seed = seed};
        struct scenario_session *a = scenario_session_create(sc, &o);
        struct scenario_session *b = scenario_session_create(sc, &o);
        double va = 0, vb = 0, fa = 0;
        scenario_session_value(a, "v", &va);
        scenario_session_value(b, "v", &vb);
        scenario_session_value(a, "flag", &fa);
        assert_true(va == vb); /* same seed, same value, bit for bit */
        assert_true(va >= 100 && va < 200);
        seen_v[va < 150] = true;
        assert_int_equal(scenario_session_variant_on(a, "fault"), scenario_session_variant_on(b, "fault"));
        assert_int_equal(scenario_session_variant_on(a, "fault"), fa == 1);
        on += scenario_session_variant_on(a, "fault");
        scenario_session_destroy(&a);
        scenario_session_destroy(&b);
    }
    /* About half the seeds pick the fault; both halves of the range occur. */
    assert_true(on > 150 && on < 250);
    assert_true(seen_v[0] && seen_v[1]);
    /* Exam-only variants never appear in practice. */
    for (uint64_t seed = 0; seed < 50; seed++) {
        struct scenario_session_opts o = {.mode = SCENARIO_MODE_PRACTICE, .seed = seed};
        struct scenario_session *p = scenario_session_create(sc, &o);
        assert_false(scenario_session_variant_on(p, "fault"));
        assert_true(scenario_session_variant_on(p, "param"));
        scenario_session_destroy(&p);
    }
    scenario_free(&sc);
    scenario_diags_fini(&d);
}

/* ---- hot reload ---- */

static void reload_keeps_progress_by_step_id(void **state)
{
    (void)state;
    struct run r;
    run_start(&r,
              "steps:\n"
              "  - {id: s1, " TEXT ", done_on: {event: press, subject: a}}\n"
              "  - {id: s2, " TEXT ", done_on: {event: press, subject: b}}\n"
              "  - {id: gone, " TEXT ", done_on: {event: press, subject: d}}\n",
              NULL,
              "effects:\n  - {on: {event: press, subject: a}, set: {v: 42}}\nrubric: {pass_mark: 80}\n",
              SCENARIO_MODE_PRACTICE, 1);
    act(&r, EV_PRESS, "a", NULL, 1);
    assert_int_equal(st(&r, "s1"), SCENARIO_STEP_DONE);
    assert_int_equal(st(&r, "s2"), SCENARIO_STEP_ACTIVE);
    /* The author inserts a new step before s2 and deletes "gone". */
    struct scenario *next = load_parts("steps:\n"
                                       "  - {id: s1, " TEXT ", done_on: {event: press, subject: a}}\n"
                                       "  - {id: new, " TEXT ", done_on: {event: press, subject: c}}\n"
                                       "  - {id: s2, " TEXT ", done_on: {event: press, subject: b}}\n",
                                       NULL, NULL, &r.d);
    size_t before = r.q.n;
    scenario_session_reload(r.s, next, 2 * 1000000, &r.q);
    scenario_free(&r.sc);
    r.sc = next;
    assert_int_equal(r.q.v[before].type, EV_RELOAD);
    assert_int_equal(st(&r, "s1"), SCENARIO_STEP_DONE);   /* kept */
    assert_int_equal(st(&r, "new"), SCENARIO_STEP_ACTIVE); /* started in its place */
    assert_int_equal(st(&r, "s2"), SCENARIO_STEP_PENDING); /* waits for it now */
    double v = 0;
    assert_true(scenario_session_value(r.s, "v", &v));
    assert_true(v == 42); /* state kept */
    act(&r, EV_PRESS, "c", NULL, 3);
    act(&r, EV_PRESS, "b", NULL, 4);
    struct scenario_status s;
    scenario_session_status(r.s, &s);
    assert_int_equal(s.result, SCENARIO_RESULT_PASS);
    run_end(&r);
}

/* ---- scoring ---- */

static void group_weights_spread_over_steps(void **state)
{
    (void)state;
    struct run r;
    run_start(&r,
              "steps:\n"
              "  - group: g\n"
              "    weight: 60\n"
              "    steps:\n"
              "      - {id: s1, " TEXT ", weight: 2, done_on: {event: press, subject: a}}\n"
              "      - {id: s2, " TEXT ", done_on: {event: press, subject: b}}\n"
              "  - {id: s3, " TEXT ", weight: 40, done_on: {event: press, subject: c}}\n",
              NULL, "rubric: {pass_mark: 90}\n", SCENARIO_MODE_PRACTICE, 1);
    act(&r, EV_PRESS, "a", NULL, 1);
    struct scenario_status s;
    scenario_session_status(r.s, &s);
    assert_true(s.score == 40); /* 60 * 2/3 of 100 */
    act(&r, EV_PRESS, "b", NULL, 2);
    scenario_session_status(r.s, &s);
    assert_true(s.score == 60);
    scenario_session_finish(r.s, 3 * 1000000, &r.q);
    scenario_session_status(r.s, &s);
    assert_int_equal(s.result, SCENARIO_RESULT_INCOMPLETE);
    assert_string_equal(scenario_session_explain(r.s), "Not finished: 2 of 3 required steps done.");
    run_end(&r);
}

static void pass_mark_is_inclusive(void **state)
{
    (void)state;
    struct run r;
    run_start(&r, RULE_STEPS, RULES, "rubric: {pass_mark: 90, penalties: {major: 10}}\n", SCENARIO_MODE_PRACTICE, 1);
    act(&r, EV_PRESS, "d", NULL, 1); /* major: -10 */
    act(&r, EV_PRESS, "a", NULL, 2);
    act(&r, EV_PRESS, "b", NULL, 3);
    struct scenario_status s;
    scenario_session_status(r.s, &s);
    assert_true(s.score == 90);
    assert_int_equal(s.result, SCENARIO_RESULT_PASS);
    run_end(&r);
    run_start(&r, RULE_STEPS, RULES, "rubric: {pass_mark: 90.5, penalties: {major: 10}}\n", SCENARIO_MODE_PRACTICE, 1);
    act(&r, EV_PRESS, "d", NULL, 1);
    act(&r, EV_PRESS, "a", NULL, 2);
    act(&r, EV_PRESS, "b", NULL, 3);
    scenario_session_status(r.s, &s);
    assert_int_equal(s.result, SCENARIO_RESULT_FAIL);
    assert_string_equal(scenario_session_explain(r.s), "Failed: 90 points, below the pass mark 90. Mistakes: 1 major, 0 minor.");
    run_end(&r);
}

static void result_is_explained_in_each_language(void **state)
{
    (void)state;
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = load_parts(RULE_STEPS, RULES, NULL, &d);
    static const char *const WANT[SCENARIO_LANG_COUNT] = {
        "Hylätty: 1 kriittistä virhettä (ensimmäinen: r_crit), sallittu 0. Virheet: 1 vakavaa, 0 lievää.",
        "Failed: 1 critical violation(s) (first: r_crit); 0 allowed. Mistakes: 1 major, 0 minor.",
        "Underkänd: 1 kritiska fel (första: r_crit), 0 tillåtna. Fel: 1 allvarliga, 0 lindriga.",
    };
    for (int l = 0; l < SCENARIO_LANG_COUNT; l++) {
        struct scenario_session_opts o = {.mode = SCENARIO_MODE_PRACTICE, .lang = (enum scenario_lang)l};
        struct scenario_session *s = scenario_session_create(sc, &o);
        struct arena a;
        arena_init(&a, "t", 4096);
        struct ev_queue q;
        ev_queue_init(&q, &a);
        scenario_session_start(s, 0, &q);
        struct ev evs[2] = {{.type = EV_PRESS, .t_us = 1, .hand = -1, .subject = "d"},
                            {.type = EV_GRAB, .t_us = 2, .hand = -1, .subject = "tool"}};
        scenario_session_step(s, evs, 2, 3, &q);
        scenario_session_finish(s, 4, &q);
        assert_string_equal(scenario_session_explain(s), WANT[l]);
        /* finish() ends it with a "finished" event saying fail. */
        assert_int_equal(q.v[q.n - 1].type, EV_FINISHED);
        assert_string_equal(q.v[q.n - 1].detail, "fail");
        scenario_session_destroy(&s);
        arena_fini(&a);
    }
    scenario_free(&sc);
    scenario_diags_fini(&d);
}

/* ---- the reference scenario ---- */

static void reference_scenario_playthroughs_pass(void **state)
{
    (void)state;
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load(PAJA_SOURCE_DIR "/scenarios/ev-hv-isolation", &d);
    assert_non_null(sc);
    assert_int_equal(scenario_check(sc, &d), 0);
    assert_int_equal(d.errors, 0);
    assert_string_equal(scenario_get_id(sc), "ev-hv-isolation");
    assert_string_equal(scenario_get_file(sc), PAJA_SOURCE_DIR "/scenarios/ev-hv-isolation/scenario.yaml");
    assert_string_equal(scenario_get_dir(sc), PAJA_SOURCE_DIR "/scenarios/ev-hv-isolation");
    assert_string_equal(scenario_get_scene(sc), "ev-workshop.glb");
    assert_string_equal(scenario_get_title(sc, SCENARIO_LANG_SV), "Spänningsfrihet i elbilens högspänningssystem");
    size_t count = 0;
    size_t failed = scenario_playthroughs_run(sc, &d, NULL, NULL, NULL, &count);
    scenario_diags_print(&d, stderr);
    assert_int_equal(failed, 0);
    assert_true(count >= 5);
    scenario_free(&sc);
    scenario_diags_fini(&d);
}

static char *trace_of(const struct scenario *sc, const char *playthrough, size_t *out_len)
{
    struct scenario_diags d;
    scenario_diags_init(&d);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct scenario_playthrough_result r;
    assert_true(scenario_playthrough_run_file(sc, playthrough, &d, f, &r));
    fclose(f);
    scenario_diags_fini(&d);
    *out_len = len;
    return buf;
}

static void sessions_are_deterministic(void **state)
{
    (void)state;
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load(PAJA_SOURCE_DIR "/scenarios/ev-hv-isolation", &d);
    assert_non_null(sc);
    static const char *const FILES[] = {"perfect", "exam-faulty-glove", "skip-wait"};
    for (size_t i = 0; i < 3; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/scenarios/ev-hv-isolation/playthroughs/%s.yaml", PAJA_SOURCE_DIR, FILES[i]);
        size_t la = 0, lb = 0;
        char *a = trace_of(sc, path, &la);
        char *b = trace_of(sc, path, &lb);
        assert_true(la > 1000);
        assert_int_equal(la, lb);
        assert_memory_equal(a, b, la);
        free(a);
        free(b);
    }
    scenario_free(&sc);
    scenario_diags_fini(&d);
}

/* ---- broken files: exact diagnostics ---- */

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void broken_files_give_exact_diagnostics(void **state)
{
    (void)state;
    /* Paths in messages are relative to tests/data/scenarios, so the
     * expected files do not depend on where the source tree lives. */
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(PAJA_TEST_DATA "/scenarios"), 0);
    DIR *dir = opendir(".");
    assert_non_null(dir);
    char *names[256];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dir)) && n < 256)
        if (de->d_name[0] != '.' && fs_is_dir(de->d_name)) names[n++] = strdup(de->d_name);
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_name);
    assert_true(n >= 8);
    struct arena a;
    arena_init(&a, "broken", 4096);
    int mismatches = 0;
    for (size_t i = 0; i < n; i++) {
        char path[512], expected_path[512];
        snprintf(path, sizeof path, "%s/scenario.yaml", names[i]);
        snprintf(expected_path, sizeof expected_path, "%s/expected.txt", names[i]);
        char err[256];
        size_t len = 0;
        const char *want = fs_read_all(expected_path, &a, &len, err, sizeof err);
        if (!want) fail_msg("%s", err);
        struct scenario_diags d;
        scenario_diags_init(&d);
        struct scenario *sc = scenario_load(path, &d);
        if (sc) {
            scenario_check(sc, &d);
            scenario_playthroughs_check(sc, &d);
        }
        char *got = NULL;
        size_t glen = 0;
        FILE *f = open_memstream(&got, &glen);
        scenario_diags_print(&d, f);
        fclose(f);
        if (strcmp(got, want) != 0) {
            fprintf(stderr, "---- %s: got\n%s---- want\n%s", names[i], got, want);
            mismatches++;
        }
        assert_true(d.errors > 0); /* every one of them is broken */
        free(got);
        scenario_free(&sc);
        scenario_diags_fini(&d);
        free(names[i]);
    }
    arena_fini(&a);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(mismatches, 0);
}

static void junk_never_crashes(void **state)
{
    (void)state;
    static const char *const JUNK[] = {
        "", "[", "{", "- - - -", "id: [", "a: &x [*x]", "steps: 3", "steps: [3, [4]]",
        "id: x\nsteps:\n  - group: g\n    steps: 5\n", "\xff\xfe", "id: x\nrules: [{when: \"((((\"}]\n",
        "id: x\nobjects: [{id: a, readings: [{at: p}]}]\n", "&a [*a, *a]",
    };
    for (size_t i = 0; i < sizeof JUNK / sizeof JUNK[0]; i++) {
        struct scenario_diags d;
        scenario_diags_init(&d);
        struct scenario *sc = scenario_load_text(JUNK[i], strlen(JUNK[i]), "junk.yaml", &d);
        assert_null(sc);
        assert_true(d.errors > 0);
        scenario_diags_fini(&d);
    }
}

/* Writes a scenario and one playthrough into a temporary folder, loads,
 * checks (no errors, no warnings) and plays it (its expectation met). */
static void guide_scenario_is_valid(const char *scenario, size_t slen, const char *pt, size_t plen, const char *pt_name)
{
    char err[256];
    char dir[] = "/tmp/paja-guide-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], pdir[256], ppath[320];
    snprintf(path, sizeof path, "%s/scenario.yaml", dir);
    snprintf(pdir, sizeof pdir, "%s/playthroughs", dir);
    snprintf(ppath, sizeof ppath, "%s/%s.yaml", pdir, pt_name);
    assert_true(fs_write_atomic(path, scenario, slen, err, sizeof err));
    assert_true(fs_mkdir_p(pdir, err, sizeof err));
    assert_true(fs_write_atomic(ppath, pt, plen, err, sizeof err));
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load(dir, &d);
    scenario_diags_print(&d, stderr);
    assert_non_null(sc);
    assert_int_equal(scenario_check(sc, &d), 0);
    scenario_diags_print(&d, stderr);
    assert_int_equal(d.warnings, 0);
    size_t count = 0;
    struct scenario_playthrough_result r;
    assert_true(scenario_playthrough_run_file(sc, ppath, &d, NULL, &r));
    if (!r.ok) fail_msg("%s: %s", pt_name, r.message);
    assert_int_equal(scenario_playthroughs_run(sc, &d, NULL, NULL, NULL, &count), 0);
    assert_int_equal(count, 1);
    scenario_free(&sc);
    scenario_diags_fini(&d);
    unlink(ppath);
    rmdir(pdir);
    unlink(path);
    rmdir(dir);
}

/* The authoring guide's complete small example and its worked example
 * (a repeated measurement and a decision), each with its playthrough,
 * must load, pass the lint and meet their expectations, so the
 * documentation cannot drift from the loader and the engine. */
static void guide_example_is_valid(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, "guide", 4096);
    char err[256];
    size_t len = 0;
    const char *md = fs_read_all(PAJA_SOURCE_DIR "/scenarios/README.md", &a, &len, err, sizeof err);
    assert_non_null(md);
    const char *blocks[4] = {NULL};
    size_t lens[4] = {0};
    const char *p = md;
    for (int i = 0; i < 4; i++) {
        const char *start = strstr(p, "```yaml\n");
        assert_non_null(start);
        start += 8;
        const char *end = strstr(start, "```");
        assert_non_null(end);
        blocks[i] = start;
        lens[i] = (size_t)(end - start);
        p = end + 3;
    }
    guide_scenario_is_valid(blocks[0], lens[0], blocks[1], lens[1], "perfect");
    assert_non_null(strstr(blocks[2], "id: dc-link-check"));
    guide_scenario_is_valid(blocks[2], lens[2], blocks[3], lens[3], "too-soon");
    arena_fini(&a);
}

/* The guide's table of actions per input device is the code's table. */
static void guide_action_table_is_the_code_table(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, "guide", 4096);
    char err[256];
    size_t len = 0;
    const char *md = fs_read_all(PAJA_SOURCE_DIR "/scenarios/README.md", &a, &len, err, sizeof err);
    assert_non_null(md);
    char *table = NULL;
    size_t tlen = 0;
    FILE *f = open_memstream(&table, &tlen);
    scenario_action_inputs_print(f, true);
    fclose(f);
    if (!strstr(md, table)) fail_msg("scenarios/README.md lacks the table scenario_input.c prints:\n%s", table);
    /* Every trainee action is in it, playable on every device. */
    size_t n = 0;
    const struct scenario_action_input *t = scenario_action_inputs(&n);
    assert_int_equal(n, 12);
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < SCENARIO_INPUT_COUNT; d++) assert_non_null(t[i].how[d]);
    free(table);
    arena_fini(&a);
}

/* Two runs compared by their outcome: the same playthrough twice agrees;
 * one changed event is found, by index, with both sides in words. */
static void outcomes_are_compared_event_by_event(void **state)
{
    (void)state;
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load(PAJA_SOURCE_DIR "/scenarios/ev-hv-isolation", &d);
    assert_non_null(sc);
    struct scenario_evlist a1, o1, a2, o2;
    scenario_evlist_init(&a1);
    scenario_evlist_init(&o1);
    scenario_evlist_init(&a2);
    scenario_evlist_init(&o2);
    struct scenario_playthrough_result r;
    const char *pt = PAJA_SOURCE_DIR "/scenarios/ev-hv-isolation/playthroughs/minor-slip.yaml";
    assert_true(scenario_playthrough_play(sc, pt, &d, NULL, &a1, &o1, &r));
    assert_true(r.ok);
    assert_int_equal(r.mode, SCENARIO_MODE_PRACTICE);
    assert_true(scenario_playthrough_play(sc, pt, &d, NULL, &a2, &o2, &r));
    assert_true(a1.n > 5);
    assert_int_equal(a1.n, a2.n);
    char why[512];
    assert_true(scenario_outcome_diff(&o1, &o2, 0, why, sizeof why) == SIZE_MAX);
    /* Only judging events are kept: no step_started, no score. */
    for (size_t i = 0; i < o1.n; i++) assert_true(scenario_outcome_judges(o1.v[i].type));
    assert_int_equal(o1.v[o1.n - 1].type, EV_FINISHED);
    /* A violation that did not happen, and a reading off by a volt. */
    size_t viol = SIZE_MAX, read = SIZE_MAX;
    for (size_t i = 0; i < o2.n; i++) {
        if (o2.v[i].type == EV_RULE_VIOLATED && viol == SIZE_MAX) viol = i;
        if (o2.v[i].type == EV_READING && read == SIZE_MAX) read = i;
    }
    assert_true(viol != SIZE_MAX && read != SIZE_MAX);
    o2.v[read].value += 1.0;
    size_t first = read < viol ? read : viol;
    o2.v[viol].subject = "other_rule";
    assert_int_equal(scenario_outcome_diff(&o1, &o2, 0, why, sizeof why), first);
    assert_non_null(strstr(why, "paja test:"));
    /* A reading within the tolerance given agrees. */
    o2.v[viol].subject = o1.v[viol].subject;
    double big = fabs(o1.v[read].value) + 1.0;
    assert_true(scenario_outcome_diff(&o1, &o2, 1.0 / big * 1.01, why, sizeof why) == SIZE_MAX);
    /* A run that stopped early differs where it stopped. */
    o2.v[read].value = o1.v[read].value;
    o2.n = 3;
    assert_int_equal(scenario_outcome_diff(&o2, &o1, 0, why, sizeof why), 3);
    assert_non_null(strstr(why, "nothing"));
    scenario_evlist_fini(&a1);
    scenario_evlist_fini(&o1);
    scenario_evlist_fini(&a2);
    scenario_evlist_fini(&o2);
    scenario_free(&sc);
    scenario_diags_fini(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(guided_shows_hints_and_undoes_order_slips),
        cmocka_unit_test(guided_highlights_follow_active_steps),
        cmocka_unit_test(practice_hints_on_request_cost_points),
        cmocka_unit_test(exam_gives_no_hints),
        cmocka_unit_test(variants_are_reproducible_from_the_seed),
        cmocka_unit_test(reload_keeps_progress_by_step_id),
        cmocka_unit_test(group_weights_spread_over_steps),
        cmocka_unit_test(pass_mark_is_inclusive),
        cmocka_unit_test(result_is_explained_in_each_language),
        cmocka_unit_test(reference_scenario_playthroughs_pass),
        cmocka_unit_test(sessions_are_deterministic),
        cmocka_unit_test(broken_files_give_exact_diagnostics),
        cmocka_unit_test(junk_never_crashes),
        cmocka_unit_test(guide_example_is_valid),
        cmocka_unit_test(guide_action_table_is_the_code_table),
        cmocka_unit_test(outcomes_are_compared_event_by_event),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
