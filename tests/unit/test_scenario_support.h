/* test_scenario_support.h — a small scenario spliced together from parts, and
 * a session harness, shared by the scenario engine's test binaries
 * (test_scenario.c: language and rules; test_scenario_session.c: modes,
 * scoring, reload, reference scenarios, broken files). */
#ifndef PAJA_TEST_SCENARIO_SUPPORT_H
#define PAJA_TEST_SCENARIO_SUPPORT_H

#include "arena.h"
#include "event.h"
#include "scenario.h"

#include <stddef.h>
#include <stdint.h>

/* The base scenario (objects a..d, tool, glove; state; a decaying signal) and
 * its default effects; load_parts splices steps, rules and extras after it. */
extern const char SCENARIO_TEST_BASE[];
extern const char SCENARIO_TEST_BASE_EFFECTS[];

/* Steps a..d and one rule of each severity (see test_scenario_support.c). */
extern const char RULE_STEPS[];
extern const char RULES[];

#define TEXT "text: {fi: x, en: x}"

/* Runs events against a session and collects the output. */
struct run {
    struct scenario *sc;
    struct scenario_session *s;
    struct arena a;
    struct ev_queue q;
    struct scenario_diags d;
};

/* Loads BASE + steps + rules + extra (default effects and rubric unless
 * extra brings its own); fails the test with the diagnostics if it does not
 * load. The caller frees it with scenario_free. */
struct scenario *load_parts(const char *steps, const char *rules, const char *extra, struct scenario_diags *d);
void run_start(struct run *r, const char *steps, const char *rules, const char *extra, enum scenario_mode mode,
               uint64_t seed);
void run_end(struct run *r);
/* One trainee action at t_s seconds. */
void act(struct run *r, enum ev_type type, const char *subject, const char *target, double t_s);
/* How many output events of type (and subject, unless NULL) so far. */
size_t count_out(const struct run *r, enum ev_type type, const char *subject);
enum scenario_step_status st(const struct run *r, const char *id);

#endif
