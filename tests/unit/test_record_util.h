/* test_record_util.h — shared helpers for the record unit tests: temporary
 * folders, a synthetic session (the scenario engine's events, made up), and
 * the group runners that test_record_main.c calls. */
#ifndef PAJA_TEST_RECORD_UTIL_H
#define PAJA_TEST_RECORD_UTIL_H

#include "record.h"

#include <stdbool.h>
#include <stddef.h>

/* A fresh folder under $TMPDIR (or /tmp); the caller removes it with
 * trec_rmdir. out must hold 256 bytes. */
void trec_tmpdir(char *out);
void trec_rmdir(const char *dir);

/* The fixed header of the synthetic sessions (deterministic: fixed session
 * id and start time, so two runs write identical bytes). */
void trec_header(struct rec_header *h, const char *trainee);

/* Writes a synthetic session of `steps` steps through w, with the fields
 * the scenario engine fills (event.h): for each step a grab, a use with a
 * reading, step started (with instruction text)/completed; a minor
 * violation on step 2, a critical one on step 4 (target: the step) and a
 * hint on step 3; poses at 60 Hz. Ends with "finished", whose detail is the
 * engine's word for result ("passed" → "pass"). Returns the end time. */
int64_t trec_session_write(struct rec_writer *w, int steps, const char *result, double score);
/* Creates path and writes a whole closed session into it. */
void trec_session_file(const char *path, const struct rec_key *key, const char *trainee, int steps,
                       const char *result, double score);

/* Whole file into malloc'd memory (NUL-terminated). */
char *trec_slurp(const char *path, size_t *out_size);
void trec_spit(const char *path, const char *data, size_t size);

int trec_run_writer_tests(void);
int trec_run_verify_tests(void);
int trec_run_crash_tests(void);
int trec_run_xapi_tests(void);
int trec_run_outbox_tests(void);

#endif
