/* test_app_outcome.c — a session record's outcome against a playthrough's
 * (engine/app/app_outcome.c, `paja test PLAYTHROUGH --record FILE`): the
 * outcome events come back from a record as they were written (every field
 * the comparison reads), a record holding what the engine reaches agrees,
 * and a record with one event missing or changed is caught at that event,
 * named on the FAIL line. CPU only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "app.h"
#include "app_outcome.h"
#include "record.h"
#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EVERY_ACTION PAJA_SOURCE_DIR "/tests/data/every-action"
#define PLAYTHROUGH EVERY_ACTION "/playthroughs/every-action.yaml"

/* Writes a record of scenario id holding the actions and outcomes given
 * (skip: the index of one outcome event left out, or SIZE_MAX). */
static void write_record(const char *path, const char *id, const struct scenario_evlist *events, size_t skip,
                         double score_shift)
{
    struct rec_header h = {.scenario_id = id,
                           .scenario_version = "1",
                           .trainee = "t",
                           .mode = "practice",
                           .seed = 1,
                           .device = "headless",
                           .input = "script",
                           .lang = "en"};
    char err[256];
    unlink(path);
    struct rec_writer *w = rec_writer_create(path, &h, NULL, err, sizeof err);
    assert_non_null(w);
    for (size_t i = 0; i < events->n; i++) {
        if (i == skip) continue;
        struct ev e = events->v[i];
        if (e.type == EV_FINISHED) e.value += score_shift;
        assert_true(rec_writer_append(w, &e));
    }
    assert_true(rec_writer_close(&w, events->n ? events->v[events->n - 1].t_us : 0, err, sizeof err));
}

/* The engine's outcome of the every-action playthrough. */
static struct scenario *engine_outcome(struct scenario_evlist *want)
{
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario *sc = scenario_load(EVERY_ACTION, &d);
    assert_non_null(sc);
    struct scenario_playthrough_result r;
    assert_true(scenario_playthrough_play(sc, PLAYTHROUGH, &d, NULL, NULL, want, &r));
    assert_true(r.ok);
    scenario_diags_fini(&d);
    return sc;
}

static char *check(const struct scenario *sc, const char *rec, int *rc)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);
    *rc = app_outcome_check(sc, PLAYTHROUGH, rec, 0.0, NULL, out);
    fclose(out);
    return buf;
}

static void a_record_gives_back_its_outcome_events(void **state)
{
    (void)state;
    struct scenario_evlist want, got;
    scenario_evlist_init(&want);
    scenario_evlist_init(&got);
    struct scenario *sc = engine_outcome(&want);
    /* Every judging kind is in it: completions, a violation, a hint, readings, the end. */
    int kinds[EV_TYPE_COUNT] = {0};
    for (size_t i = 0; i < want.n; i++)
        kinds[want.v[i].type]++;
    assert_true(kinds[EV_STEP_COMPLETED] >= 10 && kinds[EV_RULE_VIOLATED] >= 1 && kinds[EV_HINT_SHOWN] >= 1 &&
                kinds[EV_READING] >= 2 && kinds[EV_FINISHED] == 1);
    char path[] = "/tmp/paja-outcome-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_record(path, "every-action", &want, SIZE_MAX, 0.0);
    const char *id = NULL;
    char err[256];
    assert_true(app_outcome_from_record(path, &got, &id, err, sizeof err));
    assert_string_equal(id, "every-action");
    assert_int_equal(got.n, want.n);
    for (size_t i = 0; i < got.n; i++) {
        assert_int_equal(got.v[i].type, want.v[i].type);
        assert_int_equal(got.v[i].ival, want.v[i].ival);
        assert_true(got.v[i].value == want.v[i].value);
    }
    char why[640];
    assert_true(scenario_outcome_diff(&got, &want, 0.0, why, sizeof why) == SIZE_MAX);
    /* Not a record: an error, no events. */
    assert_false(app_outcome_from_record(PLAYTHROUGH, &got, NULL, err, sizeof err));
    assert_true(err[0] != '\0');
    unlink(path);
    scenario_free(&sc);
    scenario_evlist_fini(&want);
    scenario_evlist_fini(&got);
}

static void a_record_that_differs_is_caught_at_its_first_difference(void **state)
{
    (void)state;
    struct scenario_evlist want;
    scenario_evlist_init(&want);
    struct scenario *sc = engine_outcome(&want);
    char path[] = "/tmp/paja-outcome-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    int rc;
    char *out;

    write_record(path, "every-action", &want, SIZE_MAX, 0.0);
    out = check(sc, path, &rc);
    assert_int_equal(rc, APP_EXIT_OK);
    assert_non_null(strstr(out, "ok   every-action/every-action: the record reaches the same"));
    free(out);

    /* The hint left out: the difference is named at the hint. */
    size_t hint = SIZE_MAX;
    for (size_t i = 0; i < want.n && hint == SIZE_MAX; i++)
        if (want.v[i].type == EV_HINT_SHOWN) hint = i;
    write_record(path, "every-action", &want, hint, 0.0);
    out = check(sc, path, &rc);
    assert_int_equal(rc, APP_EXIT_FINDING);
    char at[64];
    snprintf(at, sizeof at, "outcome event %zu:", hint + 1);
    assert_non_null(strstr(out, "FAIL every-action/every-action"));
    assert_non_null(strstr(out, at));
    assert_non_null(strstr(out, "paja test: hint for measure"));
    free(out);

    /* Another score at the end: caught at the finish. */
    write_record(path, "every-action", &want, SIZE_MAX, -3.0);
    out = check(sc, path, &rc);
    assert_int_equal(rc, APP_EXIT_FINDING);
    assert_non_null(strstr(out, "paja test: finished pass, score 96.00"));
    free(out);

    /* A record of another scenario is not compared. */
    write_record(path, "battery-12v-replacement", &want, SIZE_MAX, 0.0);
    out = check(sc, path, &rc);
    assert_int_equal(rc, APP_EXIT_FINDING);
    assert_non_null(strstr(out, "is a session of scenario 'battery-12v-replacement'"));
    free(out);

    /* No record there: unreadable input. */
    unlink(path);
    out = check(sc, path, &rc);
    assert_int_equal(rc, APP_EXIT_USAGE);
    free(out);
    scenario_free(&sc);
    scenario_evlist_fini(&want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_record_gives_back_its_outcome_events),
        cmocka_unit_test(a_record_that_differs_is_caught_at_its_first_difference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
