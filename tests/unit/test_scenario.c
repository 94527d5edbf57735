/* test_scenario.c — the scenario engine's language and judging: expressions,
 * ordering and partial orders, objects, every rule severity, signals and
 * time. Modes, scoring, variants, reload, the reference scenarios and the
 * broken files are in test_scenario_session.c. */
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

/* ---- expression helpers ---- */

static double eval(const char *text)
{
    double v = -12345;
    char err[256];
    bool ok = scenario_expr_eval_const(text, &v, err, sizeof err);
    if (!ok) fail_msg("'%s' did not compile: %s", text, err);
    return v;
}

static void expect_error(const char *text, const char *want)
{
    double v = 0;
    char err[256] = "";
    bool ok = scenario_expr_eval_const(text, &v, err, sizeof err);
    if (ok) fail_msg("'%s' compiled but should not", text);
    if (strcmp(err, want) != 0) fail_msg("'%s': got \"%s\", want \"%s\"", text, err, want);
}

/* ---- expression language ---- */

static void expr_precedence_and_operators(void **state)
{
    (void)state;
    assert_true(eval("1 + 2 * 3") == 7);
    assert_true(eval("(1 + 2) * 3") == 9);
    assert_true(eval("10 - 4 - 3") == 3);         /* left associative */
    assert_true(eval("8 / 2 / 2") == 2);
    assert_true(eval("-2 * -3") == 6);
    assert_true(eval("2.5e2") == 250);
    assert_true(eval("1 / 0") == 0);              /* no inf/NaN */
    assert_true(eval("1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3") == 1);
    assert_true(eval("1 == 1 && 1 != 2") == 1);
    assert_true(eval("not true or true") == 1);   /* not binds tighter than or */
    assert_true(eval("!(true and false)") == 1);
    assert_true(eval("false or false") == 0);
    assert_true(eval("true ? 4 : 5") == 4);
    assert_true(eval("0 ? 4 : 1 ? 6 : 7") == 6);  /* right associative */
    assert_true(eval("min(3, 4) + max(3, 4) + abs(-2) + floor(2.7) + clamp(12, 0, 10)") == 3 + 4 + 2 + 2 + 10);
    assert_true(fabs(eval("exp(1)") - 2.718281828) < 1e-6);
    assert_true(eval("\"ab\" == \"ab\"") == 1);
    assert_true(eval("'ab' != \"ac\"") == 1);
}

static void expr_errors_have_columns(void **state)
{
    (void)state;
    expect_error("1 +", "column 4: the expression ends where a value was expected");
    expect_error("a = 1", "column 1: unknown name 'a' in expression (not a state variable, signal or built-in name)");
    expect_error("1 = 1", "column 3: '=' is not a comparison; write '==' to compare");
    expect_error("1 < 2 < 3", "column 7: comparisons cannot be chained; join them with 'and'");
    expect_error("mni(1, 2)", "column 1: unknown function 'mni'; did you mean 'min'?");
    expect_error("min(1)", "column 1: min() needs 2 arguments, got 1");
    expect_error("min(1, 2, 3)", "column 10: min() takes at most 2 arguments");
    expect_error("(1 + 2", "column 7: expected ')' to close the '(' at column 1");
    expect_error("\"abc", "column 1: text starting here is not closed with \"");
    expect_error("\"a\" + 1", "column 5: '+' needs numbers on both sides, not text");
    expect_error("\"a\" == 1", "column 5: '==' compares text with a number");
    expect_error("random(1, 2)", "column 1: random() can only be used in the values a variant sets");
    expect_error("done(x)", "column 1: done() needs a running scenario and cannot be used here");
    expect_error("1 2", "column 3: unexpected '2' after the end of the expression");
    expect_error("value > 1", "column 1: 'value' is only known in conditions that belong to an event (on:, done_on:)");
    expect_error("3abc", "column 2: unexpected 'a' after a number");
    /* Deep nesting is refused, not a stack overflow. */
    char deep[400];
    memset(deep, '(', 200);
    deep[200] = '1';
    memset(deep + 201, ')', 198);
    deep[399] = '\0';
    double v = 0;
    char err[256];
    assert_false(scenario_expr_eval_const(deep, &v, err, sizeof err));
    assert_non_null(strstr(err, "nested too deeply"));
}

static void expr_names_resolve_against_the_scenario(void **state)
{
    (void)state;
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct str_buf b = {0};
    str_buf_puts(&b, SCENARIO_TEST_BASE);
    str_buf_puts(&b, "steps:\n"
                     "  - {id: s1, " TEXT ", done_when: \"vv > 1\"}\n"
                     "  - {id: s2, " TEXT ", done_when: \"done(s3) and worn(glvoe)\"}\n"
                     "  - {id: s3, " TEXT ", done_when: \"inspected(glove, air_tset)\"}\n"
                     "  - {id: s4, " TEXT ", done_when: \"reading(tool, q) > 1\"}\n"
                     "rubric: {pass_mark: 50}\n");
    struct scenario *sc = scenario_load_text(b.data, b.len, "names.yaml", &d);
    assert_null(sc);
    struct str_buf out = {0};
    for (size_t i = 0; i < d.n; i++) str_buf_printf(&out, "%d:%d %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
    assert_string_equal(out.data,
                        "15:48 unknown name 'vv' in expression; did you mean 'v'?\n"
                        "16:66 worn(): no object 'glvoe'; did you mean 'glove'?\n"
                        "17:65 inspected(): object 'glove' has no feature 'air_tset'; did you mean 'air_test'?\n"
                        "18:62 reading(): object 'tool' has no reading at 'q'; did you mean 'p'?\n");
    str_buf_free(&out);
    str_buf_free(&b);
    scenario_diags_fini(&d);
}

/* 100k levels of "[[[[…" (200 KB) are refused while libyaml reads its
 * events, at the first opening too deep (column 65), not after the whole
 * document has been built (that took 45 s). The position proves where the
 * check happens: a check on the built tree would only know line 1. */
static void deeply_nested_yaml_refused_while_parsing(void **state)
{
    (void)state;
    enum { LEVELS = 100000 };
    char *text = malloc(2 * LEVELS + 2);
    memset(text, '[', LEVELS);
    memset(text + LEVELS, ']', LEVELS);
    text[2 * LEVELS] = '\n';
    text[2 * LEVELS + 1] = '\0';
    struct scenario_diags d;
    scenario_diags_init(&d);
    assert_null(scenario_load_text(text, 2 * LEVELS + 1, "deep.yaml", &d));
    assert_int_equal(d.n, 1);
    assert_int_equal(d.v[0].line, 1);
    assert_int_equal(d.v[0].col, 65);
    assert_non_null(strstr(d.v[0].msg, "nested more than 64 levels deep"));
    scenario_diags_fini(&d);
    /* 64 levels, the most a document may have, are not refused for depth. */
    memset(text, '[', 64);
    memset(text + 64, ']', 64);
    scenario_diags_init(&d);
    assert_null(scenario_load_text(text, 128, "deep64.yaml", &d));
    for (size_t i = 0; i < d.n; i++) assert_null(strstr(d.v[i].msg, "nested more than"));
    scenario_diags_fini(&d);
    free(text);
}

/* ---- ordering ---- */

static void sequence_steps_start_in_order(void **state)
{
    (void)state;
    struct run r;
    run_start(&r,
              "steps:\n"
              "  - {id: s1, " TEXT ", done_on: {event: press, subject: a}}\n"
              "  - {id: s2, " TEXT ", done_on: {event: press, subject: b}}\n",
              NULL, NULL, SCENARIO_MODE_PRACTICE, 1);
    assert_int_equal(st(&r, "s1"), SCENARIO_STEP_ACTIVE);
    assert_int_equal(st(&r, "s2"), SCENARIO_STEP_PENDING);
    act(&r, EV_PRESS, "a", NULL, 1);
    assert_int_equal(st(&r, "s1"), SCENARIO_STEP_DONE);
    assert_int_equal(st(&r, "s2"), SCENARIO_STEP_ACTIVE);
    act(&r, EV_PRESS, "b", NULL, 2);
    struct scenario_status s;
    scenario_session_status(r.s, &s);
    assert_true(s.finished);
    assert_int_equal(s.result, SCENARIO_RESULT_PASS);
    assert_int_equal(count_out(&r, EV_STEP_STARTED, NULL), 2);
    assert_int_equal(count_out(&r, EV_STEP_COMPLETED, NULL), 2);
    assert_int_equal(count_out(&r, EV_FINISHED, NULL), 1);
    run_end(&r);
}

static void any_order_group_then_partial_order(void **state)
{
    (void)state;
    /* "a and b in any order, both before c"; d only after b (after:). */
    static const char STEPS[] =
        "steps:\n"
        "  - group: g\n"
        "    order: any\n"
        "    steps:\n"
        "      - {id: sa, " TEXT ", done_on: {event: press, subject: a}}\n"
        "      - {id: sb, " TEXT ", done_on: {event: press, subject: b}}\n"
        "      - {id: sd, " TEXT ", after: [sb], done_on: {event: press, subject: d}}\n"
        "  - {id: sc, " TEXT ", done_on: {event: press, subject: c}}\n";
    struct run r;
    run_start(&r, STEPS, NULL, NULL, SCENARIO_MODE_PRACTICE, 1);
    assert_int_equal(st(&r, "sa"), SCENARIO_STEP_ACTIVE);
    assert_int_equal(st(&r, "sb"), SCENARIO_STEP_ACTIVE);
    assert_int_equal(st(&r, "sd"), SCENARIO_STEP_PENDING);
    size_t idx[4] = {0};
    assert_int_equal(scenario_session_active_steps(r.s, idx, 4), 2);
    assert_string_equal(scenario_step_id(r.sc, idx[0]), "sa");
    assert_string_equal(scenario_step_id(r.sc, idx[1]), "sb");
    act(&r, EV_PRESS, "b", NULL, 1); /* b first is fine: any order */
    assert_int_equal(st(&r, "sd"), SCENARIO_STEP_ACTIVE);
    assert_int_equal(count_out(&r, EV_RULE_VIOLATED, NULL), 0);
    act(&r, EV_PRESS, "d", NULL, 2);
    assert_int_equal(st(&r, "sc"), SCENARIO_STEP_PENDING); /* a still missing */
    act(&r, EV_PRESS, "a", NULL, 3);
    assert_int_equal(st(&r, "sc"), SCENARIO_STEP_ACTIVE);
    act(&r, EV_PRESS, "c", NULL, 4);
    struct scenario_status s;
    scenario_session_status(r.s, &s);
    assert_int_equal(s.result, SCENARIO_RESULT_PASS);
    assert_true(s.score == 100);
    run_end(&r);

    /* Doing d before b is out of order: a minor violation in practice, and
     * d is credited once b is done. */
    run_start(&r, STEPS, NULL, NULL, SCENARIO_MODE_PRACTICE, 1);
    act(&r, EV_PRESS, "d", NULL, 1);
    assert_int_equal(count_out(&r, EV_RULE_VIOLATED, "out_of_order"), 1);
    assert_int_equal(st(&r, "sd"), SCENARIO_STEP_PENDING);
    act(&r, EV_PRESS, "b", NULL, 2);
    assert_int_equal(st(&r, "sd"), SCENARIO_STEP_DONE);
    run_end(&r);
}

static void objects_can_start_in_sockets(void **state)
{
    (void)state;
    static const char TEXT_SC[] =
        "id: places\n"
        "version: \"1\"\n"
        "title: {fi: P, en: P}\n"
        "objects:\n"
        "  - {id: plug, caps: [grabbable], placed_in: port}\n"
        "  - {id: port, caps: [socket], accepts: [plug]}\n"
        "  - {id: shelf, caps: [socket]}\n"
        "steps:\n"
        "  - {id: s1, text: {fi: x, en: x}, done_when: \"not placed(plug)\"}\n"
        "  - {id: s2, text: {fi: x, en: x}, done_when: \"placed(plug, shelf)\"}\n"
        "rubric: {pass_mark: 80}\n";
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load_text(TEXT_SC, strlen(TEXT_SC), "places.yaml", &d);
    assert_non_null(sc);
    struct scenario_session_opts o = {.mode = SCENARIO_MODE_PRACTICE};
    struct scenario_session *s = scenario_session_create(sc, &o);
    struct arena a;
    arena_init(&a, "t", 4096);
    struct ev_queue q;
    ev_queue_init(&q, &a);
    scenario_session_start(s, 0, &q);
    /* The plug starts in its port, so s1 is not done at the start. */
    assert_int_equal(scenario_session_step_status(s, "s1"), SCENARIO_STEP_ACTIVE);
    struct ev e = {.type = EV_REMOVE, .t_us = 1000000, .hand = -1, .subject = "plug", .target = "port"};
    scenario_session_step(s, &e, 1, e.t_us, &q);
    assert_int_equal(scenario_session_step_status(s, "s1"), SCENARIO_STEP_DONE);
    struct ev p = {.type = EV_PLACE, .t_us = 2000000, .hand = -1, .subject = "plug", .target = "shelf"};
    scenario_session_step(s, &p, 1, p.t_us, &q);
    assert_int_equal(scenario_session_step_status(s, "s2"), SCENARIO_STEP_DONE);
    scenario_session_destroy(&s);
    scenario_free(&sc);
    arena_fini(&a);
    scenario_diags_fini(&d);
}

static void answers_zones_and_counts(void **state)
{
    (void)state;
    static const char TEXT_SC[] =
        "id: answers\n"
        "version: \"1\"\n"
        "title: {fi: V, en: A}\n"
        "objects:\n"
        "  - {id: q.wait, caps: [question]}\n"
        "  - {id: zone.safe, caps: [zone]}\n"
        "  - {id: meter, caps: [tool], readings: [{at: \"hv.*\", value: \"3\", unit: V}]}\n"
        "steps:\n"
        "  - {id: s1, text: {fi: x, en: x}, done_on: {event: answer, subject: q.wait, when: \"detail == '10 min'\"}}\n"
        "  - {id: s2, text: {fi: x, en: x}, done_on: {event: zone, subject: zone.safe}}\n"
        "  - {id: s3, text: {fi: x, en: x}, done_when: \"used(meter, 'hv.*') >= 2 and reading(meter, hv.a) == 3\"}\n"
        "rubric: {pass_mark: 80}\n";
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load_text(TEXT_SC, strlen(TEXT_SC), "answers.yaml", &d);
    scenario_diags_print(&d, stderr);
    assert_non_null(sc);
    struct scenario_session_opts o = {.mode = SCENARIO_MODE_PRACTICE};
    struct scenario_session *s = scenario_session_create(sc, &o);
    struct arena a;
    arena_init(&a, "t", 4096);
    struct ev_queue q;
    ev_queue_init(&q, &a);
    scenario_session_start(s, 0, &q);
    struct ev wrong = {.type = EV_ANSWER, .t_us = 1, .hand = -1, .subject = "q.wait", .detail = "5 min"};
    scenario_session_step(s, &wrong, 1, 1, &q);
    assert_int_equal(scenario_session_step_status(s, "s1"), SCENARIO_STEP_ACTIVE);
    struct ev right = {.type = EV_ANSWER, .t_us = 2, .hand = -1, .subject = "q.wait", .detail = "10 min"};
    scenario_session_step(s, &right, 1, 2, &q);
    assert_int_equal(scenario_session_step_status(s, "s1"), SCENARIO_STEP_DONE);
    struct ev zone = {.type = EV_ZONE, .t_us = 3, .hand = -1, .subject = "zone.safe"};
    scenario_session_step(s, &zone, 1, 3, &q);
    assert_int_equal(scenario_session_step_status(s, "s2"), SCENARIO_STEP_DONE);
    struct ev u1 = {.type = EV_USE, .t_us = 4, .hand = 0, .subject = "meter", .target = "hv.a"};
    struct ev u2 = {.type = EV_USE, .t_us = 5, .hand = 0, .subject = "meter", .target = "hv.b"};
    scenario_session_step(s, &u1, 1, 4, &q);
    assert_int_equal(scenario_session_step_status(s, "s3"), SCENARIO_STEP_ACTIVE);
    scenario_session_step(s, &u2, 1, 5, &q);
    assert_int_equal(scenario_session_step_status(s, "s3"), SCENARIO_STEP_DONE);
    struct scenario_status stt;
    scenario_session_status(s, &stt);
    assert_int_equal(stt.result, SCENARIO_RESULT_PASS);
    scenario_session_destroy(&s);
    scenario_free(&sc);
    arena_fini(&a);
    scenario_diags_fini(&d);
}

/* A repeated action judged as an author expects: a measurement that fails
 * the active step's `when` (too soon) is work on that step, not an order
 * slip against a later step with the same pattern; once the first step is
 * done, the same action completes the later one. */
static void repeated_action_is_no_order_slip(void **state)
{
    (void)state;
    static const char STEPS[] =
        "steps:\n"
        "  - {id: pull, " TEXT ", done_on: {event: press, subject: d}}\n"
        "  - {id: measure, " TEXT ", done_on: {event: use, subject: tool, target: p, when: \"volts < 1\"}}\n"
        "  - {id: again, " TEXT ", done_on: {event: use, subject: tool, target: p}}\n";
    struct run r;
    run_start(&r, STEPS, NULL, NULL, SCENARIO_MODE_PRACTICE, 1);
    act(&r, EV_PRESS, "d", NULL, 1);
    act(&r, EV_USE, "tool", "p", 2); /* 400 V * exp(-0.1): too soon */
    act(&r, EV_USE, "tool", "p", 3);
    assert_int_equal(count_out(&r, EV_RULE_VIOLATED, NULL), 0);
    assert_int_equal(st(&r, "again"), SCENARIO_STEP_PENDING);
    act(&r, EV_USE, "tool", "p", 200); /* discharged: completes measure only */
    assert_int_equal(st(&r, "measure"), SCENARIO_STEP_DONE);
    assert_int_equal(st(&r, "again"), SCENARIO_STEP_ACTIVE);
    act(&r, EV_USE, "tool", "p", 201);
    assert_int_equal(st(&r, "again"), SCENARIO_STEP_DONE);
    assert_int_equal(count_out(&r, EV_RULE_VIOLATED, NULL), 0);
    run_end(&r);
    /* Still an order slip when no active step is of that kind. */
    run_start(&r, STEPS, NULL, NULL, SCENARIO_MODE_PRACTICE, 1);
    act(&r, EV_USE, "tool", "p", 1);
    assert_int_equal(count_out(&r, EV_RULE_VIOLATED, "out_of_order"), 1);
    run_end(&r);
}

static void hands_wearing_and_variant_functions(void **state)
{
    (void)state;
    struct run r;
    run_start(&r,
              "steps:\n"
              "  - {id: s1, " TEXT ", done_when: \"held(tool) and worn(glove)\"}\n"
              "  - {id: s2, " TEXT ", done_when: \"not held(tool) and active(s2) and variant(fault)\"}\n",
              "rules:\n"
              "  - {id: bare_hands, severity: major, message: {fi: m, en: m}, when: \"held(tool) and not worn(glove)\"}\n",
              "variants:\n  - {id: fault, modes: [practice], set: {flag: true}}\nrubric: {pass_mark: 50}\n",
              SCENARIO_MODE_PRACTICE, 1);
    struct ev grab_l = {.type = EV_GRAB, .t_us = 1000000, .hand = 0, .subject = "tool"};
    scenario_session_step(r.s, &grab_l, 1, grab_l.t_us, &r.q);
    assert_int_equal(count_out(&r, EV_RULE_VIOLATED, "bare_hands"), 1);
    act(&r, EV_WEAR, "glove", NULL, 2);
    assert_int_equal(st(&r, "s1"), SCENARIO_STEP_DONE);
    /* Held in both hands; releasing one still holds it. */
    struct ev grab_r = {.type = EV_GRAB, .t_us = 3000000, .hand = 1, .subject = "tool"};
    struct ev rel_l = {.type = EV_RELEASE, .t_us = 4000000, .hand = 0, .subject = "tool"};
    scenario_session_step(r.s, &grab_r, 1, grab_r.t_us, &r.q);
    scenario_session_step(r.s, &rel_l, 1, rel_l.t_us, &r.q);
    assert_int_equal(st(&r, "s2"), SCENARIO_STEP_ACTIVE);
    struct ev rel_r = {.type = EV_RELEASE, .t_us = 5000000, .hand = 1, .subject = "tool"};
    scenario_session_step(r.s, &rel_r, 1, rel_r.t_us, &r.q);
    assert_int_equal(st(&r, "s2"), SCENARIO_STEP_DONE); /* variant(fault) is on in practice here */
    run_end(&r);
}

static void optional_steps_do_not_block(void **state)
{
    (void)state;
    struct run r;
    run_start(&r,
              "steps:\n"
              "  - {id: s1, " TEXT ", done_on: {event: press, subject: a}}\n"
              "  - {id: opt, " TEXT ", optional: true, done_on: {event: press, subject: b}}\n"
              "  - {id: s2, " TEXT ", done_on: {event: press, subject: c}}\n",
              NULL, NULL, SCENARIO_MODE_PRACTICE, 1);
    act(&r, EV_PRESS, "a", NULL, 1);
    assert_int_equal(st(&r, "s2"), SCENARIO_STEP_ACTIVE); /* does not wait for opt */
    act(&r, EV_PRESS, "c", NULL, 2);
    struct scenario_status s;
    scenario_session_status(r.s, &s);
    assert_true(s.finished);
    assert_int_equal(s.result, SCENARIO_RESULT_PASS);
    assert_int_equal(s.steps_required, 2);
    run_end(&r);
}

/* ---- rules and severities ---- */



static void every_severity_is_counted_and_penalised(void **state)
{
    (void)state;
    struct run r;
    run_start(&r, RULE_STEPS, RULES, NULL, SCENARIO_MODE_PRACTICE, 1);
    act(&r, EV_PRESS, "c", NULL, 1);
    act(&r, EV_PRESS, "d", NULL, 2);
    struct scenario_status s;
    scenario_session_status(r.s, &s);
    assert_int_equal(s.violations[EV_SEVERITY_MINOR], 1);
    assert_int_equal(s.violations[EV_SEVERITY_MAJOR], 1);
    assert_true(s.score == 0); /* no steps done yet; penalties floor at 0 */
    act(&r, EV_PRESS, "a", NULL, 3);
    scenario_session_status(r.s, &s);
    assert_true(s.score == 50 - 3 - 10);
    /* The critical rule's condition is false now (s1 done). */
    act(&r, EV_GRAB, "tool", NULL, 4);
    scenario_session_status(r.s, &s);
    assert_int_equal(s.violations[EV_SEVERITY_CRITICAL], 0);
    act(&r, EV_PRESS, "b", NULL, 5);
    scenario_session_status(r.s, &s);
    assert_int_equal(s.result, SCENARIO_RESULT_PASS); /* 100 - 13 = 87 >= 80 */
    assert_true(s.score == 87);
    /* The violation event carries the severity and the step. */
    for (size_t i = 0; i < r.q.n; i++)
        if (r.q.v[i].type == EV_RULE_VIOLATED && strcmp(r.q.v[i].subject, "r_major") == 0)
            assert_int_equal(r.q.v[i].ival, EV_SEVERITY_MAJOR);
    run_end(&r);
}

static void critical_fails_and_exam_stops(void **state)
{
    (void)state;
    struct run r;
    run_start(&r, RULE_STEPS, RULES, NULL, SCENARIO_MODE_PRACTICE, 1);
    act(&r, EV_GRAB, "tool", NULL, 1);
    act(&r, EV_PRESS, "a", NULL, 2);
    act(&r, EV_PRESS, "b", NULL, 3);
    struct scenario_status s;
    scenario_session_status(r.s, &s);
    assert_true(s.finished);
    assert_int_equal(s.violations[EV_SEVERITY_CRITICAL], 1);
    assert_int_equal(s.result, SCENARIO_RESULT_FAIL); /* practice goes on, but fails */
    for (size_t i = 0; i < r.q.n; i++)
        if (r.q.v[i].type == EV_RULE_VIOLATED) {
            assert_string_equal(r.q.v[i].subject, "r_crit");
            assert_string_equal(r.q.v[i].target, "s2");
            assert_int_equal(r.q.v[i].ival, EV_SEVERITY_CRITICAL);
        }
    assert_non_null(strstr(scenario_session_explain(r.s), "critical"));
    run_end(&r);

    run_start(&r, RULE_STEPS, RULES, NULL, SCENARIO_MODE_EXAM, 1);
    act(&r, EV_GRAB, "tool", NULL, 1);
    scenario_session_status(r.s, &s);
    assert_true(s.finished); /* exam: automatic fail at once */
    assert_int_equal(s.result, SCENARIO_RESULT_FAIL);
    act(&r, EV_PRESS, "a", NULL, 2); /* ignored after the end */
    assert_int_equal(st(&r, "s1"), SCENARIO_STEP_ACTIVE);
    run_end(&r);
}

static void critical_allowance_is_respected(void **state)
{
    (void)state;
    struct run r;
    run_start(&r, RULE_STEPS, RULES, "rubric: {pass_mark: 0, critical_allowed: 1, penalties: {critical: 50}}\n",
              SCENARIO_MODE_EXAM, 1);
    act(&r, EV_GRAB, "tool", NULL, 1);
    struct scenario_status s;
    scenario_session_status(r.s, &s);
    assert_false(s.finished); /* one critical is allowed here */
    act(&r, EV_PRESS, "a", NULL, 2);
    act(&r, EV_PRESS, "b", NULL, 3);
    scenario_session_status(r.s, &s);
    assert_int_equal(s.result, SCENARIO_RESULT_PASS);
    assert_true(s.score == 50);
    run_end(&r);
}

static void state_rules_fire_on_each_rising_edge(void **state)
{
    (void)state;
    struct run r;
    run_start(&r, RULE_STEPS, RULES,
              "effects:\n"
              "  - {on: {event: press, subject: c}, set: {v: \"v + 15\"}}\n"
              "  - {on: {event: press, subject: d}, set: {v: 0}}\n"
              "rubric: {pass_mark: 0}\n",
              SCENARIO_MODE_PRACTICE, 1);
    act(&r, EV_PRESS, "c", NULL, 1); /* v = 25: rises */
    act(&r, EV_PRESS, "c", NULL, 2); /* v = 40: still true, no new violation */
    assert_int_equal(count_out(&r, EV_RULE_VIOLATED, "r_state"), 1);
    act(&r, EV_PRESS, "d", NULL, 3); /* v = 0: falls */
    act(&r, EV_PRESS, "c", NULL, 4); /* v = 15 */
    act(&r, EV_PRESS, "c", NULL, 5); /* v = 30: rises again */
    assert_int_equal(count_out(&r, EV_RULE_VIOLATED, "r_state"), 2);
    run_end(&r);
}

/* ---- signals, readings, time ---- */

static void signals_follow_state_and_time(void **state)
{
    (void)state;
    struct run r;
    run_start(&r,
              "steps:\n"
              "  - {id: s1, " TEXT ", done_on: {event: use, subject: tool, target: p, when: \"reading > 25\"}}\n"
              "  - {id: s2, " TEXT ", done_when: \"volts < 1\"}\n",
              NULL, NULL, SCENARIO_MODE_PRACTICE, 1);
    double v = 0;
    assert_true(scenario_session_value(r.s, "volts", &v));
    assert_true(v == 400);
    act(&r, EV_USE, "tool", "p", 1); /* reading v*2 = 20: not enough */
    assert_int_equal(count_out(&r, EV_READING, "tool"), 1);
    assert_int_equal(st(&r, "s1"), SCENARIO_STEP_ACTIVE);
    /* A reading may use the action's value (a torque wrench's setting). */
    struct ev wrench = {.type = EV_USE, .t_us = 2000000, .hand = 1, .subject = "tool", .target = "p", .value = 7};
    scenario_session_step(r.s, &wrench, 1, wrench.t_us, &r.q);
    assert_int_equal(count_out(&r, EV_READING, "tool"), 2);
    assert_int_equal(st(&r, "s1"), SCENARIO_STEP_DONE); /* 20 + 7 > 25 */
    for (size_t i = 0; i < r.q.n; i++)
        if (r.q.v[i].type == EV_READING && r.q.v[i].t_us == 2000000) {
            assert_true(r.q.v[i].value == 27);
            assert_string_equal(r.q.v[i].unit, "V");
            assert_string_equal(r.q.v[i].target, "p");
        }
    act(&r, EV_PRESS, "d", NULL, 10); /* pulled_at = 10 */
    scenario_session_step(r.s, NULL, 0, 20 * 1000000, &r.q);
    assert_true(scenario_session_value(r.s, "volts", &v));
    assert_true(fabs(v - 400 * exp(-1.0)) < 1e-9);
    scenario_session_step(r.s, NULL, 0, 100 * 1000000, &r.q);
    assert_true(scenario_session_value(r.s, "volts", &v));
    assert_true(v < 1);
    assert_false(scenario_session_value(r.s, "nope", &v));
    run_end(&r);
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expr_precedence_and_operators),
        cmocka_unit_test(expr_errors_have_columns),
        cmocka_unit_test(expr_names_resolve_against_the_scenario),
        cmocka_unit_test(deeply_nested_yaml_refused_while_parsing),
        cmocka_unit_test(sequence_steps_start_in_order),
        cmocka_unit_test(any_order_group_then_partial_order),
        cmocka_unit_test(objects_can_start_in_sockets),
        cmocka_unit_test(answers_zones_and_counts),
        cmocka_unit_test(repeated_action_is_no_order_slip),
        cmocka_unit_test(hands_wearing_and_variant_functions),
        cmocka_unit_test(optional_steps_do_not_block),
        cmocka_unit_test(every_severity_is_counted_and_penalised),
        cmocka_unit_test(critical_fails_and_exam_stops),
        cmocka_unit_test(critical_allowance_is_respected),
        cmocka_unit_test(state_rules_fire_on_each_rising_edge),
        cmocka_unit_test(signals_follow_state_and_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
