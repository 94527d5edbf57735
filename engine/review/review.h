/* review.h — the teacher's report: a class of session records aggregated
 * into one self-contained HTML file (inline CSS and SVG, no network) and a
 * tidy CSV (one row per trainee × attempt × step).
 *
 *   struct review_class c;
 *   review_class_load(paths, n, key_or_NULL, arena, progress_fn, user, &c);
 *   review_html(&c, REVIEW_LANG_FI, &html);   review_csv(&c, &csv);
 *
 * Everything lives in the arena given to review_class_load. Trainee ids and
 * scenario texts are untrusted and always escaped. */
#ifndef PAJA_REVIEW_H
#define PAJA_REVIEW_H

#include "record.h"
#include "str.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* Appends s with & < > " ' escaped for HTML text and attribute values. */
void review_html_escape(struct str_buf *out, const char *s);
/* Appends s as one RFC 4180 CSV field: quoted when it holds a comma, quote,
 * CR or LF; and, against spreadsheet formula injection, prefixed with ' when
 * it starts with = + - @ or a tab. Meant for text; write numbers as
 * numbers so a negative value stays a number. */
void review_csv_field(struct str_buf *out, const char *s);

enum review_lang { REVIEW_LANG_FI, REVIEW_LANG_EN };

/* How one session did on one step of the class's step list. */
enum review_mark {
    REVIEW_MARK_NONE,     /* not reached */
    REVIEW_MARK_OK,       /* completed without violations */
    REVIEW_MARK_ERRORS,   /* completed, with minor/major violations */
    REVIEW_MARK_CRITICAL, /* a critical violation during the step */
    REVIEW_MARK_OPEN,     /* started, never completed */
};

struct review_step_result {
    enum review_mark mark;
    int64_t duration_us;  /* -1 when not completed */
    int errors, critical, hints;
};

struct review_session {
    const char *path;
    bool loaded;              /* false: unreadable, see error */
    const char *error;
    struct rec_record rec;
    int attempt;              /* 1-based, per trainee and scenario, by start time */
    struct review_step_result *steps; /* one per class step */
    /* Whether its result counts: with a key given, only a record whose seal
     * the key checked (VERIFIED); without a key nothing is proven, and the
     * report says so (review_class.key_given). */
    bool trusted;
    int reloads;              /* scenario hot reloads during the session */
    int scenario_changes;     /* changes on disk noted, not applied (exams, hot reload off) */
    /* The header's scenario hash against the scenario the caller checked it
     * with (the app: --scenario, or the installed one): 0 not checked, 1 the
     * same, -1 different. scenario_note says with what, for a person. */
    int scenario_match;
    const char *scenario_note;
};

struct review_step {
    const char *id;           /* step id from the records */
    int sessions_reached, sessions_completed, sessions_with_errors;
    int errors, critical;
    int64_t median_us;        /* of completed durations; -1 when none */
};

struct review_class {
    struct review_session *sessions; /* sorted by trainee, then start */
    size_t session_count;
    struct review_step *steps;       /* in order of first appearance */
    size_t step_count;
    int unreadable;
    bool key_given;                  /* records were checked with a key */
};

typedef void (*review_progress_fn)(size_t done, size_t total, void *user);

/* Loads and aggregates records. Unreadable ones are kept (loaded false) so
 * the report can list them. progress may be NULL. */
void review_class_load(char *const *paths, size_t n, const struct rec_key *key, struct arena *a,
                       review_progress_fn progress, void *user, struct review_class *out);
/* The same, each record checked with the key of ring its seal names
 * (rec_keyring_pick); key_given when the ring holds a key. */
void review_class_load_ring(char *const *paths, size_t n, const struct rec_keyring *ring, struct arena *a,
                            review_progress_fn progress, void *user, struct review_class *out);

/* A session's result as the report may show it: trusted, or with a key
 * given and the record not verified, not at all. */
bool review_result_counts(const struct review_class *c, const struct review_session *s);

/* The HTML report. generated_utc is printed in the footer (pass the time,
 * so tests get stable output). */
void review_html(const struct review_class *c, enum review_lang lang, const char *generated_utc,
                 struct str_buf *out);
/* The tidy CSV: trainee, attempt, step rows. */
void review_csv(const struct review_class *c, struct str_buf *out);

/* "1 min 05 s", "12.3 s": a duration for people. */
void review_duration_text(int64_t us, char out[32]);

#endif
