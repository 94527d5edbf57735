/* test_scenario_support.c — see test_scenario_support.h. */
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

/* A small scenario used by most tests: the parts below are spliced in. */
const char SCENARIO_TEST_BASE[] =
    "id: unit-test\n"
    "version: \"1\"\n"
    "title: {fi: Testi, en: Test}\n"
    "objects:\n"
    "  - {id: a, caps: [switch]}\n"
    "  - {id: b, caps: [switch]}\n"
    "  - {id: c, caps: [switch]}\n"
    "  - {id: d, caps: [switch]}\n"
    "  - {id: tool, caps: [grabbable, tool], readings: [{at: p, value: \"v * 2 + value\", unit: V}]}\n"
    "  - {id: glove, caps: [grabbable, wearable, inspectable], features: [air_test]}\n"
    "state: {v: 10, flag: false, pulled_at: -1}\n"
    "signals:\n"
    "  - {id: volts, unit: V, value: \"pulled_at < 0 ? 400 : 400 * exp(-(t - pulled_at) / 10)\"}\n";
/* Added unless a test brings its own effects. */
const char SCENARIO_TEST_BASE_EFFECTS[] =
    "effects:\n"
    "  - {on: {event: press, subject: d}, set: {pulled_at: t}}\n";

struct scenario *load_parts(const char *steps, const char *rules, const char *extra,
                                   struct scenario_diags *d)
{
    struct str_buf b = {0};
    str_buf_puts(&b, SCENARIO_TEST_BASE);
    str_buf_puts(&b, steps);
    if (rules) str_buf_puts(&b, rules);
    if (!extra || !strstr(extra, "effects:")) str_buf_puts(&b, SCENARIO_TEST_BASE_EFFECTS);
    if (extra) str_buf_puts(&b, extra);
    else str_buf_puts(&b, "rubric: {pass_mark: 80, penalties: {minor: 3, major: 10, critical: 50}, hint_penalty: 2}\n");
    struct scenario *sc = scenario_load_text(b.data, b.len, "test.yaml", d);
    if (!sc) {
        scenario_diags_print(d, stderr);
        fail_msg("the test scenario did not load");
    }
    str_buf_free(&b);
    return sc;
}


void run_start(struct run *r, const char *steps, const char *rules, const char *extra,
                      enum scenario_mode mode, uint64_t seed)
{
    memset(r, 0, sizeof *r);
    scenario_diags_init(&r->d);
    r->sc = load_parts(steps, rules, extra, &r->d);
    struct scenario_session_opts o = {.mode = mode, .lang = SCENARIO_LANG_EN, .seed = seed};
    r->s = scenario_session_create(r->sc, &o);
    arena_init(&r->a, "test", 4096);
    ev_queue_init(&r->q, &r->a);
    scenario_session_start(r->s, 0, &r->q);
}

void run_end(struct run *r)
{
    scenario_session_destroy(&r->s);
    scenario_free(&r->sc);
    arena_fini(&r->a);
    scenario_diags_fini(&r->d);
}

void act(struct run *r, enum ev_type type, const char *subject, const char *target, double t_s)
{
    struct ev e = {.type = type, .t_us = (int64_t)(t_s * 1e6), .hand = -1, .subject = subject, .target = target};
    scenario_session_step(r->s, &e, 1, e.t_us, &r->q);
}

size_t count_out(const struct run *r, enum ev_type type, const char *subject)
{
    size_t n = 0;
    for (size_t i = 0; i < r->q.n; i++)
        if (r->q.v[i].type == type && (!subject || (r->q.v[i].subject && strcmp(r->q.v[i].subject, subject) == 0))) n++;
    return n;
}

enum scenario_step_status st(const struct run *r, const char *id)
{
    return scenario_session_step_status(r->s, id);
}

/* Steps and rules shared by the severity tests and the scoring tests. */
const char RULE_STEPS[] =
    "steps:\n"
    "  - {id: s1, " TEXT ", done_on: {event: press, subject: a}}\n"
    "  - {id: s2, " TEXT ", done_on: {event: press, subject: b}}\n";
const char RULES[] =
    "rules:\n"
    "  - {id: r_minor, severity: minor, message: {fi: m, en: m}, on: {event: press, subject: c}}\n"
    "  - {id: r_major, severity: major, message: {fi: m, en: m}, on: {event: press, subject: d}}\n"
    "  - {id: r_crit, severity: critical, step: s2, message: {fi: m, en: m}, on: {event: grab, subject: tool, when: \"not done(s1)\"}}\n"
    "  - {id: r_state, severity: minor, message: {fi: m, en: m}, when: \"v > 20\"}\n";
