/* app_outcome.c — a session record's outcome against a playthrough's (see
 * app_outcome.h). The record is read by the record module and the
 * playthrough played by the scenario engine; the two meet here, in app,
 * because scenario must not read records. The comparison itself is the one
 * `paja run --script` uses (scenario_outcome_diff), not a second one. */
#define LOG_TAG "app"
#include "app_outcome.h"

#include "app.h"

#include "arena.h"
#include "record.h"

#include <stdint.h>
#include <string.h>

bool app_outcome_from_record(const char *path, struct scenario_evlist *out, const char **scenario_id, char *err,
                             size_t err_size)
{
    struct arena a;
    arena_init(&a, "outcome-record", 64 * 1024);
    struct rec_record r;
    /* Poses are not outcomes; an altered or unsealed record is still read
     * (verify is the command that judges its integrity). */
    bool ok = rec_record_load_flags(path, NULL, REC_READ_NO_POSES, &a, &r, err, err_size);
    if (ok) {
        scenario_outcome_add(out, r.events, r.event_count);
        if (scenario_id) *scenario_id = r.header.scenario_id ? arena_strdup(out->arena, r.header.scenario_id) : NULL;
    }
    arena_fini(&a);
    return ok;
}

int app_outcome_check(const struct scenario *sc, const char *playthrough, const char *record, double reading_tol,
                      FILE *trace, FILE *out)
{
    struct scenario_evlist want, got;
    scenario_evlist_init(&want);
    scenario_evlist_init(&got);
    struct scenario_diags d;
    scenario_diags_init(&d);
    struct scenario_playthrough_result r;
    int rc = APP_EXIT_OK;
    char err[512];
    const char *rec_scenario = NULL;
    if (trace) fprintf(trace, "# %s\n", playthrough);
    if (!scenario_playthrough_play(sc, playthrough, &d, trace, NULL, &want, &r)) {
        scenario_diags_print(&d, stderr);
        fprintf(stderr, "paja test: the playthrough %s cannot be played\n", playthrough);
        rc = APP_EXIT_USAGE;
    } else if (!app_outcome_from_record(record, &got, &rec_scenario, err, sizeof err)) {
        fprintf(stderr, "paja test: %s: %s\n", record, err);
        rc = APP_EXIT_USAGE;
    } else if (rec_scenario && strcmp(rec_scenario, scenario_get_id(sc)) != 0) {
        fprintf(out, "FAIL %s/%s: the record %s is a session of scenario '%s', not '%s'\n", scenario_get_id(sc), r.name,
                record, rec_scenario, scenario_get_id(sc));
        rc = APP_EXIT_FINDING;
    } else {
        char why[640];
        size_t at = scenario_outcome_diff(&got, &want, reading_tol, why, sizeof why);
        if (at == SIZE_MAX) {
            fprintf(out,
                    "ok   %s/%s: the record reaches the same %zu outcome events as the playthrough (%s, score %.2f)\n",
                    scenario_get_id(sc), r.name, want.n, scenario_result_name(r.result), r.score);
        } else {
            fprintf(out, "FAIL %s/%s: the record %s does not reach the playthrough's outcome; first difference: %s\n",
                    scenario_get_id(sc), r.name, record, why);
            rc = APP_EXIT_FINDING;
        }
    }
    scenario_diags_fini(&d);
    scenario_evlist_fini(&want);
    scenario_evlist_fini(&got);
    return rc;
}
