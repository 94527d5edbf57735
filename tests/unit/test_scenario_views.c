/* test_scenario_views.c — what the scenario engine tells the app beyond
 * judging: display names of objects and measuring points (the `points:`
 * list and its diagnostics), the actions the active steps wait for, and
 * sockets refusing a place the way the interaction layer does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "event.h"
#include "scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_scenario_support.h"

/* Loads text; fails the test with the diagnostics if it does not load. */
static struct scenario *load_ok(const char *text, struct scenario_diags *d)
{
    struct scenario *sc = scenario_load_text(text, strlen(text), "views.yaml", d);
    if (!sc) {
        scenario_diags_print(d, stderr);
        fail_msg("the test scenario did not load");
    }
    return sc;
}

/* The diagnostics of loading (and checking) text, as printed. */
static char *diags_of(const char *text)
{
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load_text(text, strlen(text), "p.yaml", &d);
    if (sc) scenario_check(sc, &d);
    char *got = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&got, &len);
    scenario_diags_print(&d, f);
    fclose(f);
    scenario_free(&sc);
    scenario_diags_fini(&d);
    return got;
}

/* ---- sockets refuse like the interaction layer ---- */

static const char SOCKETS[] =
    "id: sockets\n"
    "version: \"1\"\n"
    "title: {fi: S, en: S}\n"
    "objects:\n"
    "  - {id: key, caps: [grabbable]}\n"
    "  - {id: plug, caps: [grabbable]}\n"
    "  - {id: cap, caps: [grabbable]}\n"
    "  - {id: lamp, caps: [switch]}\n"
    "  - {id: box, caps: [socket], accepts: [key, plug]}\n"
    "  - {id: shelf, caps: [socket], capacity: 2}\n"
    "state: {placed_plug: 0}\n"
    "signals:\n"
    "  - {id: plug_in_box, value: \"placed(plug, box) ? 1 : 0\"}\n"
    "  - {id: plug_held, value: \"held(plug) ? 1 : 0\"}\n"
    "  - {id: cap_placed, value: \"placed(cap) ? 1 : 0\"}\n"
    "  - {id: lamp_placed, value: \"placed(lamp) ? 1 : 0\"}\n"
    "effects:\n"
    "  - {on: {event: place, subject: plug}, set: {placed_plug: \"placed_plug + 1\"}}\n"
    "steps:\n"
    "  - {id: plug_boxed, " TEXT ", done_on: {event: place, subject: plug, target: box}}\n"
    "  - {id: never, " TEXT ", done_on: {event: grab, subject: cap}}\n"
    "rules:\n"
    "  - {id: plug_placed, severity: minor, message: {fi: m, en: m}, on: {event: place, subject: plug}}\n"
    "rubric: {pass_mark: 80}\n";

struct srun {
    struct scenario_diags d;
    struct scenario *sc;
    struct scenario_session *s;
    struct arena a;
    struct ev_queue q;
    double t;
};

static void srun_start(struct srun *r)
{
    memset(r, 0, sizeof *r);
    scenario_diags_init(&r->d);
    r->sc = load_ok(SOCKETS, &r->d);
    struct scenario_session_opts o = {.mode = SCENARIO_MODE_PRACTICE};
    r->s = scenario_session_create(r->sc, &o);
    arena_init(&r->a, "t", 4096);
    ev_queue_init(&r->q, &r->a);
    scenario_session_start(r->s, 0, &r->q);
}

static void srun_end(struct srun *r)
{
    scenario_session_destroy(&r->s);
    scenario_free(&r->sc);
    arena_fini(&r->a);
    scenario_diags_fini(&r->d);
}

static void sact(struct srun *r, enum ev_type type, const char *subject, const char *target)
{
    r->t += 1;
    struct ev e = {.type = type, .t_us = (int64_t)(r->t * 1e6), .hand = -1, .subject = subject, .target = target};
    scenario_session_step(r->s, &e, 1, e.t_us, &r->q);
}

static double val(const struct srun *r, const char *id)
{
    double v = NAN;
    assert_true(scenario_session_value(r->s, id, &v));
    return v;
}

static size_t violations(const struct srun *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->q.n; i++) n += r->q.v[i].type == EV_RULE_VIOLATED;
    return n;
}

static void place_into_full_socket_is_refused(void **state)
{
    (void)state;
    struct srun r;
    srun_start(&r);
    /* The box (capacity 1) takes the key. */
    sact(&r, EV_PLACE, "key", "box");
    /* The plug, held, is put to the full box: let go, not placed. No rule,
     * effect or step sees a place. */
    sact(&r, EV_GRAB, "plug", NULL);
    assert_true(val(&r, "plug_held") == 1);
    sact(&r, EV_PLACE, "plug", "box");
    assert_true(val(&r, "plug_in_box") == 0);
    assert_true(val(&r, "plug_held") == 0);
    assert_true(val(&r, "placed_plug") == 0);
    assert_int_equal(violations(&r), 0);
    assert_int_equal(scenario_session_step_status(r.s, "plug_boxed"), SCENARIO_STEP_ACTIVE);
    /* Putting the key back where it already is needs no room. */
    sact(&r, EV_PLACE, "key", "box");
    /* The key out, and there is room: now the plug goes in. */
    sact(&r, EV_REMOVE, "key", "box");
    sact(&r, EV_PLACE, "plug", "box");
    assert_true(val(&r, "plug_in_box") == 1);
    assert_true(val(&r, "placed_plug") == 1);
    assert_int_equal(violations(&r), 1);
    assert_int_equal(scenario_session_step_status(r.s, "plug_boxed"), SCENARIO_STEP_DONE);
    /* A socket that does not accept the object refuses it too. */
    sact(&r, EV_PLACE, "cap", "box");
    assert_true(val(&r, "cap_placed") == 0);
    /* Capacity 2: two go in, the third is refused; the plug leaves the
     * box for the shelf (a place moves it), which makes the third. */
    sact(&r, EV_PLACE, "key", "shelf");
    sact(&r, EV_PLACE, "cap", "shelf");
    assert_true(val(&r, "cap_placed") == 1);
    sact(&r, EV_PLACE, "plug", "shelf");
    assert_true(val(&r, "plug_in_box") == 1);
    assert_true(val(&r, "placed_plug") == 1);
    assert_int_equal(violations(&r), 1);
    /* A socket without accepts takes only what can be carried: a switch
     * fixed in the scene is refused, as the input path refuses it. */
    sact(&r, EV_REMOVE, "cap", "shelf");
    sact(&r, EV_PLACE, "lamp", "shelf");
    assert_true(val(&r, "lamp_placed") == 0);
    sact(&r, EV_PLACE, "cap", "shelf");
    /* A place with no such socket never crashes and places nothing. */
    sact(&r, EV_PLACE, "cap", "no.such");
    sact(&r, EV_PLACE, "cap", NULL);
    assert_true(val(&r, "cap_placed") == 1);
    srun_end(&r);
}

/* ---- display names ---- */

static void names_of_objects_and_points(void **state)
{
    (void)state;
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load(PAJA_SOURCE_DIR "/scenarios/ev-hv-isolation", &d);
    assert_non_null(sc);
    assert_string_equal(scenario_name_of(sc, "hv.pos_neg", SCENARIO_LANG_EN), "HV+ ↔ HV−");
    assert_string_equal(scenario_name_of(sc, "hv.pos_chassis", SCENARIO_LANG_FI), "HV+ ↔ runko");
    assert_string_equal(scenario_name_of(sc, "hv.pos_chassis", SCENARIO_LANG_EN), "HV+ ↔ chassis");
    assert_string_equal(scenario_name_of(sc, "hv.neg_chassis", SCENARIO_LANG_SV), "HV− ↔ chassi");
    assert_string_equal(scenario_name_of(sc, "ref.proving_unit", SCENARIO_LANG_EN), "Proving unit (known voltage source)");
    assert_string_equal(scenario_name_of(sc, "ppe.face_shield", SCENARIO_LANG_SV), "Ansiktsskydd");
    /* An object without a name is shown by its id; unknown ids are NULL. */
    assert_string_equal(scenario_name_of(sc, "area.barrier_spot", SCENARIO_LANG_FI), "area.barrier_spot");
    assert_null(scenario_name_of(sc, "hv.pos_nge", SCENARIO_LANG_EN));
    assert_null(scenario_name_of(sc, NULL, SCENARIO_LANG_EN));
    assert_null(scenario_name_of(NULL, "hv.pos_neg", SCENARIO_LANG_EN));
    assert_string_equal(scenario_point_node(sc, "hv.pos_neg"), "hv.pos_neg");
    scenario_free(&sc);

    static const char TEXT_SC[] =
        "id: names\n"
        "version: \"1\"\n"
        "title: {fi: N, en: N}\n"
        "objects:\n"
        "  - {id: meter, caps: [tool], name: {fi: Mittari, en: Meter},\n"
        "     readings: [{at: p.a, value: \"1\"}, {at: p.b, value: \"2\"}, {at: p.c, value: \"3\"}, {at: \"q.*\", value: \"4\"}]}\n"
        "points:\n"
        "  - {id: p.a, node: Node_A, name: {fi: A-piste, en: Point A}}\n"
        "  - {id: p.b}\n"
        "  - {id: q.x, name: {fi: Q, en: Q}}\n"
        "steps:\n"
        "  - {id: s, " TEXT ", done_on: {event: use, subject: meter, target: p.a}}\n"
        "rubric: {pass_mark: 80}\n";
    sc = load_ok(TEXT_SC, &d);
    /* Swedish missing: English; English missing too: the id. */
    assert_string_equal(scenario_name_of(sc, "meter", SCENARIO_LANG_SV), "Meter");
    assert_string_equal(scenario_name_of(sc, "p.a", SCENARIO_LANG_FI), "A-piste");
    assert_string_equal(scenario_name_of(sc, "p.a", SCENARIO_LANG_SV), "Point A");
    assert_string_equal(scenario_name_of(sc, "p.b", SCENARIO_LANG_EN), "p.b");
    /* Read at but not listed: known, by its id. A pattern's point too. */
    assert_string_equal(scenario_name_of(sc, "p.c", SCENARIO_LANG_EN), "p.c");
    assert_string_equal(scenario_name_of(sc, "q.x", SCENARIO_LANG_EN), "Q");
    assert_null(scenario_name_of(sc, "p.d", SCENARIO_LANG_EN));
    /* The node defaults to the id. */
    assert_string_equal(scenario_point_node(sc, "p.a"), "Node_A");
    assert_string_equal(scenario_point_node(sc, "p.b"), "p.b");
    assert_string_equal(scenario_point_node(sc, "p.c"), "p.c");
    scenario_free(&sc);
    scenario_diags_fini(&d);
}

static void points_diagnostics(void **state)
{
    (void)state;
    static const char HEAD[] =
        "id: pts\n"
        "version: \"1\"\n"
        "title: {fi: P, en: P}\n"
        "objects:\n"
        "  - {id: meter, node: Meter, caps: [tool, inspectable], features: [self_test],\n"
        "     readings: [{at: hv.pos_neg, value: \"1\"}, {at: self_test, value: \"1\"}]}\n"
        "steps:\n"
        "  - {id: s, " TEXT ", done_on: {event: use, subject: meter, target: hv.pos_neg}}\n"
        "rubric: {pass_mark: 80}\n";
    static const struct {
        const char *points, *want;
    } cases[] = {
        {"points:\n  - {id: hv.pos_nge, name: {fi: x, en: x}}\n",
         "p.yaml:11:10: error: no tool reads at 'hv.pos_nge' (see the tools' readings); did you mean 'hv.pos_neg'?\n"},
        {"points:\n  - {id: hv.pos_neg, nmae: {fi: x, en: x}}\n",
         "p.yaml:11:22: error: unknown key 'nmae' in a measuring point; did you mean 'name'?\n"},
        {"points:\n  - {id: meter}\n",
         "p.yaml:11:10: error: 'meter' is an object, not a measuring point: give its name in its entry under 'objects'\n"},
        {"points:\n  - {id: self_test}\n",
         "p.yaml:11:10: error: no tool reads at 'self_test': a point is the 'at' of a tool's reading\n"},
        {"points:\n  - {id: hv.pos_neg}\n  - {id: hv.pos_neg}\n",
         "p.yaml:12:10: error: point 'hv.pos_neg' is listed twice (first at line 11)\n"},
        {"points:\n  - {name: {fi: x, en: x}}\n",
         "p.yaml:11:5: error: this entry of 'points' has no 'id' (where a tool reads, e.g. id: hv.pos_neg)\n"},
        {"points: {id: hv.pos_neg}\n", NULL},
        {"points:\n  - {id: hv.pos_neg, name: {fi: x}}\n",
         "p.yaml:11:5: error: the name of 'hv.pos_neg' has no English (en) text\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = strlen(HEAD) + strlen(cases[i].points) + 1;
        char *text = malloc(n);
        snprintf(text, n, "%s%s", HEAD, cases[i].points);
        char *got = diags_of(text);
        if (cases[i].want) {
            /* The first line is the finding (a missing sv may follow). */
            if (strncmp(got, cases[i].want, strlen(cases[i].want)) != 0)
                fail_msg("case %zu: got\n%swant\n%s", i, got, cases[i].want);
        } else {
            assert_non_null(strstr(got, "error:"));
        }
        free(got);
        free(text);
    }
    /* A well-formed list loads with no findings but the Swedish count
     * (the title and the step's text; the point's name has sv). */
    size_t n = strlen(HEAD) + 64;
    char *text = malloc(n);
    snprintf(text, n, "%spoints:\n  - {id: hv.pos_neg, name: {fi: x, en: x, sv: x}}\n", HEAD);
    char *got = diags_of(text);
    assert_string_equal(got, "p.yaml: warning: 2 texts have no Swedish (sv) version; English is shown instead\n");
    free(got);
    free(text);
}

/* ---- what the active steps wait for ---- */

static size_t expected(const struct run *r, struct scenario_expect *out, size_t max)
{
    return scenario_session_expected(r->s, out, max);
}

static bool has(const struct scenario_expect *v, size_t n, const char *event, const char *subject, const char *target)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].event, event) == 0 && strcmp(v[i].subject, subject) == 0 &&
            (target ? v[i].target && strcmp(v[i].target, target) == 0 : !v[i].target))
            return true;
    return false;
}

static void expected_actions_on_ev(void **state)
{
    (void)state;
    struct run r;
    memset(&r, 0, sizeof r);
    scenario_diags_init(&r.d);
    r.sc = scenario_load(PAJA_SOURCE_DIR "/scenarios/ev-hv-isolation", &r.d);
    assert_non_null(r.sc);
    struct scenario_session_opts o = {.mode = SCENARIO_MODE_GUIDED, .seed = 1};
    r.s = scenario_session_create(r.sc, &o);
    arena_init(&r.a, "t", 4096);
    ev_queue_init(&r.q, &r.a);
    scenario_session_start(r.s, 0, &r.q);
    struct scenario_expect v[16];
    /* At the start the PPE group is active: the glove test names its
     * subject by a pattern (ppe.gloves*), so it is left out. */
    size_t n = expected(&r, v, 16);
    assert_int_equal(n, 3);
    assert_true(has(v, n, "wear", "ppe.leather_protectors", NULL));
    assert_true(has(v, n, "wear", "ppe.face_shield", NULL));
    assert_true(has(v, n, "place", "area.barrier", "area.barrier_spot"));
    /* A short array gets the first ones; the count is still all. */
    struct scenario_expect one[1];
    assert_int_equal(scenario_session_expected(r.s, one, 1), 3);
    assert_string_equal(one[0].event, v[0].event);
    assert_int_equal(scenario_session_expected(r.s, NULL, 0), 3);

    act(&r, EV_INSPECT, "ppe.gloves", "air_test", 1);
    act(&r, EV_WEAR, "ppe.gloves", NULL, 2);
    act(&r, EV_WEAR, "ppe.leather_protectors", NULL, 3);
    act(&r, EV_WEAR, "ppe.face_shield", NULL, 4);
    n = expected(&r, v, 16);
    assert_int_equal(n, 1);
    assert_true(has(v, n, "place", "area.barrier", "area.barrier_spot"));
    act(&r, EV_PLACE, "area.barrier", "area.barrier_spot", 5);
    /* Switching the ignition off is a condition (done_when), no action. */
    assert_int_equal(expected(&r, v, 16), 0);
    act(&r, EV_PRESS, "vehicle.ignition", NULL, 6);
    n = expected(&r, v, 16);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].event, "place");
    assert_string_equal(v[0].subject, "vehicle.key");
    assert_string_equal(v[0].target, "cabinet.lockbox");
    act(&r, EV_PLACE, "vehicle.key", "cabinet.lockbox", 7);
    n = expected(&r, v, 16);
    assert_int_equal(n, 1);
    assert_true(has(v, n, "remove", "lv.negative_clamp", "lv.negative_post"));

    /* Finished: nothing is expected any more. */
    scenario_session_finish(r.s, 8000000, &r.q);
    assert_int_equal(expected(&r, v, 16), 0);
    run_end(&r);
}

static void expected_measurements_and_duplicates(void **state)
{
    (void)state;
    /* Two active steps waiting for the same use give it once; a step whose
     * event happened but waits on its condition gives nothing. */
    struct run r;
    run_start(&r,
              "steps:\n"
              "  - group: g\n"
              "    steps:\n"
              "      - {id: m1, " TEXT ", done_on: {event: use, subject: tool, target: p}}\n"
              "      - {id: m2, " TEXT ", done_on: {event: use, subject: tool, target: p}}\n"
              "      - {id: both, " TEXT ", done_on: {event: [wear, inspect], subject: glove}}\n"
              "      - {id: latch, " TEXT ", done_on: {event: press, subject: a}, done_when: \"v > 10\"}\n",
              NULL, NULL, SCENARIO_MODE_PRACTICE, 0);
    struct scenario_expect v[8];
    size_t n = scenario_session_expected(r.s, v, 8);
    assert_int_equal(n, 4);
    assert_true(has(v, n, "use", "tool", "p"));
    assert_true(has(v, n, "wear", "glove", NULL));
    assert_true(has(v, n, "inspect", "glove", NULL));
    assert_true(has(v, n, "press", "a", NULL));
    act(&r, EV_PRESS, "a", NULL, 1);
    n = scenario_session_expected(r.s, v, 8);
    assert_int_equal(n, 3);
    assert_false(has(v, n, "press", "a", NULL));
    run_end(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(place_into_full_socket_is_refused),
        cmocka_unit_test(names_of_objects_and_points),
        cmocka_unit_test(points_diagnostics),
        cmocka_unit_test(expected_actions_on_ev),
        cmocka_unit_test(expected_measurements_and_duplicates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
