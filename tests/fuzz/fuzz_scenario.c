/* fuzz_scenario.c — libFuzzer harness for the scenario loader, the
 * expression parser and the engine behind them.
 *
 * The first byte picks the target: odd → the bytes after it are one
 * expression (scenario_expr_eval_const); even → they are a scenario.yaml.
 * A scenario that loads is also linted and run: a session in each mode with
 * a seed from the input, fed one event of every trainee action on every
 * object (and a few targets), with time advancing, then reloaded onto
 * itself and finished. Nothing here may crash, read out of bounds, hit
 * undefined behaviour or leak. Built by run_fuzz_scenario.sh with clang. */
#include "arena.h"
#include "event.h"
#include "scenario.h"

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
    size_t nsteps = scenario_step_count(sc);
    for (size_t ti = 0; ti < sizeof TYPES / sizeof TYPES[0]; ti++) {
        for (size_t oi = 0; oi < nsteps + 2 && oi < 8; oi++) {
            /* Subjects: step ids are not objects, which exercises the
             * "unknown subject" paths; NULL too. */
            const char *subj = oi < nsteps ? scenario_step_id(sc, oi) : NULL;
            struct ev e = {.type = TYPES[ti], .t_us = t, .hand = (int32_t)(oi % 3) - 1, .subject = subj,
                           .target = TARGETS[oi % 4], .detail = "x", .value = (double)oi};
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
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
