/* fuzz_scenario.c — libFuzzer harness for the scenario loader, the
 * expression parser and the engine behind them.
 *
 * The first byte picks the target: odd → the bytes after it are one
 * expression (scenario_expr_eval_const); 2 (mod 4) → a playthrough run
 * against a small fixed scenario; otherwise → a scenario.yaml.
 * A scenario that loads is also linted and run: a session in each mode with
 * a seed from the input, fed one event of every trainee action on every
 * object (and a few targets), with time advancing, then reloaded onto
 * itself and finished. Nothing here may crash, read out of bounds, hit
 * undefined behaviour or leak. Built by run_fuzz_scenario.sh with clang. */
#include "arena.h"
#include "event.h"
#include "scenario.h"
#include "scenario_int.h" /* object ids, so events reach object state */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run_session(const struct scenario *sc, enum scenario_mode mode, uint64_t seed)
{
    struct scenario_session_opts o = {.mode = mode, .lang = (enum scenario_lang)(seed % 3), .seed = seed};
    struct scenario_session *s = scenario_session_create(sc, &o);
    struct arena a;
    arena_init(&a, "fuzz", 4096);
    struct ev_queue q;
    ev_queue_init(&q, &a);
    scenario_session_start(s, 0, &q);
    static const enum ev_type TYPES[] = {EV_GRAB, EV_RELEASE, EV_PLACE, EV_REMOVE, EV_USE, EV_PRESS,
                                         EV_INSPECT, EV_WEAR, EV_UNWEAR, EV_ZONE, EV_ANSWER, EV_HINT_REQUEST};
    static const char *const TARGETS[] = {NULL, "air_test", "hv.pos_neg", "p"};
    int64_t t = 0;
    size_t nobj = sc->object_count < 12 ? sc->object_count : 12;
    for (size_t ti = 0; ti < sizeof TYPES / sizeof TYPES[0]; ti++) {
        for (size_t oi = 0; oi < nobj + 2; oi++) {
            /* Subjects: the objects, then a step id (not an object: the
             * unknown-subject path) and NULL. Targets: other objects (sockets)
             * and a few fixed points. */
            const char *subj = oi < nobj ? sc->object_ids[oi]
                               : oi == nobj && scenario_step_count(sc) ? scenario_step_id(sc, 0) : NULL;
            const char *targ = (oi + ti) % 5 == 4 && sc->object_count ? sc->object_ids[(oi + ti) % sc->object_count]
                                                                      : TARGETS[(oi + ti) % 4];
            struct ev e = {.type = TYPES[ti], .t_us = t, .hand = (int32_t)(oi % 3) - 1, .subject = subj,
                           .target = targ, .detail = "x", .value = (double)oi};
            scenario_session_step(s, &e, 1, t, &q);
            t += 700000;
        }
        if (q.n > 4096) {
            arena_clear(&a);
            ev_queue_init(&q, &a);
        }
    }
    scenario_session_step(s, NULL, 0, t + 3600 * 1000000LL, &q);
    scenario_session_reload(s, sc, t + 3601 * 1000000LL, &q);
    struct scenario_status st;
    scenario_session_status(s, &st);
    (void)scenario_session_explain(s);
    scenario_session_finish(s, t + 3602 * 1000000LL, &q);
    scenario_session_destroy(&s);
    arena_fini(&a);
}

/* The scenario playthrough inputs run against: every kind of object. */
static const char FIXED[] =
    "id: fuzz\nversion: \"1\"\ntitle: {fi: F, en: F}\n"
    "objects:\n"
    "  - {id: a, caps: [switch, grabbable, wearable, inspectable, zone, question], features: [f]}\n"
    "  - {id: s, caps: [socket]}\n"
    "  - {id: t, caps: [tool, grabbable], readings: [{at: \"p*\", value: \"value + t\", unit: V}]}\n"
    "state: {x: 0}\n"
    "effects: [{on: {event: press, subject: a}, set: {x: \"x + 1\"}}]\n"
    "steps:\n"
    "  - {id: s1, text: {fi: a, en: a}, hint: {fi: h, en: h}, done_on: {event: press, subject: a}}\n"
    "  - group: g\n"
    "    steps:\n"
    "      - {id: s2, text: {fi: a, en: a}, done_on: {event: use, subject: t, when: \"reading > 1\"}}\n"
    "      - {id: s3, text: {fi: a, en: a}, optional: true, done_when: \"x > 2\"}\n"
    "rules:\n"
    "  - {id: r1, severity: critical, message: {fi: m, en: m}, on: {event: wear, subject: a}}\n"
    "  - {id: r2, severity: minor, message: {fi: m, en: m}, when: \"x > 5\"}\n"
    "variants: [{id: v, probability: 0.5, modes: [exam, practice], set: {x: \"random(0, 3)\"}}]\n"
    "rubric: {pass_mark: 50}\n";
static struct scenario *fixed;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 1 && (data[0] & 3) == 2) {
        if (!fixed) {
            struct scenario_diags d;
            scenario_diags_init(&d);
            fixed = scenario_load_text(FIXED, sizeof FIXED - 1, "fixed.yaml", &d);
            scenario_diags_fini(&d);
            if (!fixed) abort(); /* the harness itself is wrong */
        }
        struct scenario_diags d;
        scenario_diags_init(&d);
        struct scenario_playthrough_result r;
        (void)scenario_playthrough_run_text(fixed, (const char *)data + 1, size - 1, "fuzz-playthrough.yaml", &d,
                                            NULL, &r);
        scenario_diags_fini(&d);
        return 0;
    }
    if (size < 1) return 0;
    char *text = malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    if (data[0] & 1) {
        double v = 0;
        char err[256];
        (void)scenario_expr_eval_const(text, &v, err, sizeof err);
    } else {
        struct scenario_diags d;
        scenario_diags_init(&d);
        struct scenario *sc = scenario_load_text(text, size - 1, "fuzz.yaml", &d);
        if (sc) {
            scenario_check(sc, &d);
            uint64_t seed = size * 2654435761u;
            for (int m = 0; m < SCENARIO_MODE_COUNT; m++) run_session(sc, (enum scenario_mode)m, seed + (uint64_t)m);
        }
        scenario_free(&sc);
        scenario_diags_fini(&d);
    }
    free(text);
    return 0;
}
