/* app_outcome.h — a session record's outcome against a playthrough's.
 *
 * `paja test PLAYTHROUGH --record FILE` asks: does this record (a trainee's
 * session, a `paja run --script` run, the simulated headset's player) reach
 * what the playthrough reaches in the scenario engine? Both sides become a
 * scenario outcome (step completions, violations, hints, readings, result
 * and score, in order) and scenario_outcome_diff names the first event that
 * differs. */
#ifndef PAJA_APP_OUTCOME_H
#define PAJA_APP_OUTCOME_H

#include "scenario.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The outcome events of the record at path (its judging events in the order
 * written), appended to out (initialised). scenario_id, when not NULL, gets
 * the record's scenario id (copied into out's arena; NULL when absent).
 * False with a message in err when the file is not a readable record. */
bool app_outcome_from_record(const char *path, struct scenario_evlist *out, const char **scenario_id, char *err,
                             size_t err_size);

/* Plays the playthrough in the engine, reads the record and compares the
 * two outcomes (readings within reading_tol, relative). Prints one line to
 * out: "ok   SCENARIO/NAME: ..." or "FAIL SCENARIO/NAME: ... first
 * difference: ...". Returns 0 when they agree, 1 when they differ or the
 * record is of another scenario, 2 when the playthrough or the record cannot
 * be read (the reason on stderr). */
int app_outcome_check(const struct scenario *sc, const char *playthrough, const char *record, double reading_tol,
                      FILE *trace, FILE *out);

#endif
