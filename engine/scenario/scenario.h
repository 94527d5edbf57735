/* scenario.h — procedures as data, judged from events (DESIGN.md §4).
 *
 * A scenario is a folder holding scenario.yaml (format: scenarios/README.md,
 * schema: scenarios/schema.json) and playthroughs/NAME.yaml. This module loads
 * it with every authoring error collected (file:line:col, a plain message,
 * the nearest valid name), and runs it as an event-driven state machine:
 * trainee actions (struct ev from event.h) and simulated time go in; step
 * started/completed, rule violated, hint shown, reading, score and finished
 * events come out. It uses only core and libyaml: no scene, interact, GL,
 * SDL or OpenXR, so it runs headless under ctest.
 *
 * Memory: a struct scenario owns one arena holding everything loaded; all
 * strings it hands out (ids, texts) live until scenario_free. A session owns
 * its own arena (each reload adds the new per-step state to it; reloads are
 * rare author edits, so it is not compacted). Events a session emits borrow
 * strings from the scenario and the session: consume or copy them before
 * freeing the scenario they came from (after a reload, the old one) or the
 * session.
 *
 *   struct scenario_diags d; scenario_diags_init(&d);
 *   struct scenario *sc = scenario_load("scenarios/ev-hv-isolation", &d);
 *   if (!sc) { scenario_diags_print(&d, stderr); ... }
 *   struct scenario_session_opts o = {.mode = SCENARIO_MODE_EXAM, .seed = 42};
 *   struct scenario_session *s = scenario_session_create(sc, &o);
 *   scenario_session_start(s, 0, &out);
 *   per frame: scenario_session_step(s, in.v, in.n, t_us, &out);
 */
#ifndef PAJA_SCENARIO_H
#define PAJA_SCENARIO_H

#include "event.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Checks an author-written id ("hv.service_plug", "ev-hv-isolation"):
 * 1–64 characters of a–z, 0–9, '.', '_' and '-', starting with a letter,
 * no two separators in a row and none at the end. Ids are what records and
 * xAPI activity IRIs refer to, so they must stay stable, readable and safe
 * in a URL. On failure writes why into why (if non-NULL). */
bool scenario_id_valid(const char *id, char *why, size_t why_size);

/* ---- diagnostics ---- */

enum scenario_diag_level { SCENARIO_DIAG_ERROR, SCENARIO_DIAG_WARNING };

struct scenario_diag {
    enum scenario_diag_level level;
    const char *file; /* as given to the loader */
    int line, col;    /* 1-based; 0 when the problem has no position */
    const char *msg;  /* one sentence a person understands */
};

/* A list of diagnostics; owns its strings (in its own arena). */
struct scenario_diags {
    struct scenario_diag *v;
    size_t n, cap;
    size_t errors, warnings;
    struct arena *arena;
};

void scenario_diags_init(struct scenario_diags *d);
void scenario_diags_fini(struct scenario_diags *d);
void scenario_diags_add(struct scenario_diags *d, enum scenario_diag_level level, const char *file, int line,
                        int col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Sorts the diagnostics from index first on by file position (stable;
 * those without a position go last), so a report reads top to bottom even
 * though the loader finds problems in several passes. */
void scenario_diags_sort_from(struct scenario_diags *d, size_t first);
/* "file:line:col: error: msg\n" per diagnostic, in list order. */
void scenario_diags_print(const struct scenario_diags *d, FILE *f);

/* ---- languages, modes ---- */

enum scenario_lang { SCENARIO_LANG_FI, SCENARIO_LANG_EN, SCENARIO_LANG_SV, SCENARIO_LANG_COUNT };
enum scenario_mode { SCENARIO_MODE_GUIDED, SCENARIO_MODE_PRACTICE, SCENARIO_MODE_EXAM, SCENARIO_MODE_COUNT };

const char *scenario_lang_code(enum scenario_lang lang);
bool scenario_lang_parse(const char *s, enum scenario_lang *out);
const char *scenario_mode_name(enum scenario_mode mode);
bool scenario_mode_parse(const char *s, enum scenario_mode *out);

/* A text in each language; NULL where the author gave none. */
struct scenario_text {
    const char *s[SCENARIO_LANG_COUNT];
};
/* The text in lang, else English, else Finnish, else Swedish, else "". */
const char *scenario_text_get(const struct scenario_text *t, enum scenario_lang lang);

/* ---- the loaded scenario (read-only after loading) ---- */

struct scenario;

/* Loads path: a scenario folder or its scenario.yaml. Every problem found is
 * added to diags (which may already hold others). Returns NULL when there is
 * any error; warnings alone do not stop loading. The caller owns the result
 * and frees it with scenario_free. */
struct scenario *scenario_load(const char *path, struct scenario_diags *diags);
/* Same from text in memory; file is only used in diagnostics. */
struct scenario *scenario_load_text(const char *text, size_t size, const char *file, struct scenario_diags *diags);
void scenario_free(struct scenario **sc);

/* Lints a loaded scenario beyond what loading needs: unreachable steps,
 * rules that can never fire, rubric weights, missing translations. Adds
 * findings to diags; returns the number of errors added. */
size_t scenario_check(const struct scenario *sc, struct scenario_diags *diags);

/* Descriptive read-only views; strings valid until scenario_free. */
const char *scenario_get_id(const struct scenario *sc);
const char *scenario_get_version(const struct scenario *sc);
const char *scenario_get_title(const struct scenario *sc, enum scenario_lang lang);
const char *scenario_get_dir(const struct scenario *sc); /* folder it came from */
/* The scenario.yaml it was loaded from (as given), e.g. for the record
 * header's content hash (record's rec_sha256_hex over its bytes). */
const char *scenario_get_file(const struct scenario *sc);
const char *scenario_get_scene(const struct scenario *sc); /* scene file name, or NULL */
size_t scenario_step_count(const struct scenario *sc);
const char *scenario_step_id(const struct scenario *sc, size_t i);
const char *scenario_step_text(const struct scenario *sc, size_t i, enum scenario_lang lang);
size_t scenario_rule_count(const struct scenario *sc);
const char *scenario_rule_id(const struct scenario *sc, size_t i);
size_t scenario_variant_count(const struct scenario *sc);
const char *scenario_variant_id(const struct scenario *sc, size_t i);
/* The display name of an object or measuring point in lang (falling back
 * to English, then the id); NULL when the id is unknown. Measuring points
 * are where tools read (readings' `at`), named in the `points:` list. */
const char *scenario_name_of(const struct scenario *sc, const char *id, enum scenario_lang lang);
/* The scene node name of a measuring point: its `node:` in `points:`, else
 * the id itself (also for ids not listed there); NULL for a NULL id. */
const char *scenario_point_node(const struct scenario *sc, const char *id);

/* ---- objects, for the app (scene cross-check, pickers on world panels) ---- */

/* One object as written: where, bound to which scene node, with which
 * capabilities. Strings live as long as the scenario. */
struct scenario_object_info {
    const char *id;
    const char *node;     /* scene node name, or NULL when none is given */
    int line, col;        /* of its entry in scenario.yaml */
    const char *caps[8];  /* capability names, as written in caps: */
    size_t cap_count;
    bool question, zone;
    size_t feature_count; /* inspectable features */
    size_t choice_count;  /* a question's choices */
};
size_t scenario_object_count(const struct scenario *sc);
bool scenario_object_info(const struct scenario *sc, size_t i, struct scenario_object_info *out);
/* Index of the object with that id, or -1. */
int scenario_object_index(const struct scenario *sc, const char *id);
/* Object i's feature k: its id, and its display name in lang (its `name:`
 * in features, else the id). NULL out of range. */
const char *scenario_feature_id(const struct scenario *sc, size_t i, size_t k);
const char *scenario_feature_name(const struct scenario *sc, size_t i, size_t k, enum scenario_lang lang);
/* Question i: what it asks (its prompt, else its name, else its id), and
 * choice k's id (what an answer event carries as target and detail) and
 * text in lang (else the id). NULL out of range. */
const char *scenario_question_prompt(const struct scenario *sc, size_t i, enum scenario_lang lang);
const char *scenario_choice_id(const struct scenario *sc, size_t i, size_t k);
const char *scenario_choice_text(const struct scenario *sc, size_t i, size_t k, enum scenario_lang lang);

/* Every reading of every object, in file order (for the scene check: the
 * fixed points tools read at are scene nodes too). */
struct scenario_point_info {
    const char *tool;     /* the object whose reading it is */
    const char *at;       /* the reading's at */
    bool is_point;        /* a fixed measuring point (not a feature, pattern or object) */
    bool listed;          /* named in points: (line, col are that entry's) */
    const char *node;     /* is_point: its scene node name */
    int line, col;
};
size_t scenario_reading_point_count(const struct scenario *sc);
bool scenario_reading_point(const struct scenario *sc, size_t r, struct scenario_point_info *out);

/* ---- which actions each input device produces (scenario_input.c) ---- */

enum scenario_input { SCENARIO_INPUT_DESKTOP, SCENARIO_INPUT_CONTROLLERS, SCENARIO_INPUT_COUNT };
/* A question's panel shows at most this many choices (keys 1-9). */
#define SCENARIO_MAX_CHOICES 9
/* One trainee action: how a trainee does it with each device (NULL: that
 * device cannot, and `paja check` refuses scenarios using it), and what the
 * scenario must give for it (NULL: nothing beyond the capability). */
struct scenario_action_input {
    const char *action; /* "grab" ... "hint_request", as in MATCH and playthroughs */
    const char *how[SCENARIO_INPUT_COUNT];
    const char *needs;
};
/* The table, one entry per trainee action, in the guide's order. */
const struct scenario_action_input *scenario_action_inputs(size_t *count);
const struct scenario_action_input *scenario_action_input_of(const char *action);
const char *scenario_input_name(enum scenario_input d); /* "mouse and keyboard", "controllers" */
/* The table as text for `paja help run`, or as the guide's Markdown table. */
void scenario_action_inputs_print(FILE *f, bool markdown);
/* `paja check`'s part: patterns using an action some device cannot
 * produce, questions without choices, objects without a node. Adds errors
 * to d; returns how many. (scenario_check calls it.) */
size_t scenario_check_inputs(const struct scenario *sc, struct scenario_diags *d);

/* ---- expressions (exposed for tests, tools and the fuzzer) ---- */

/* Parses and evaluates a constant expression (no names except true/false
 * and the pure functions min, max, abs, exp, floor, clamp). Returns false and
 * a message with the column (1-based) on error. Strings evaluate to NAN. */
bool scenario_expr_eval_const(const char *text, double *out_value, char *err, size_t err_size);

/* ---- running a session ---- */

enum scenario_result { SCENARIO_RESULT_NONE, SCENARIO_RESULT_PASS, SCENARIO_RESULT_FAIL, SCENARIO_RESULT_INCOMPLETE };
const char *scenario_result_name(enum scenario_result r);

enum scenario_step_status { SCENARIO_STEP_PENDING, SCENARIO_STEP_ACTIVE, SCENARIO_STEP_DONE };

struct scenario_session_opts {
    enum scenario_mode mode;
    enum scenario_lang lang; /* language of texts put into events */
    uint64_t seed;           /* picks exam variant faults; logged in the record */
};

struct scenario_session;

/* The session borrows sc, which must outlive it (or be replaced with
 * scenario_session_reload). Free with scenario_session_destroy. */
struct scenario_session *scenario_session_create(const struct scenario *sc, const struct scenario_session_opts *o);
void scenario_session_destroy(struct scenario_session **s);

/* Starts the clock at t_us: emits step_started for the first steps (and in
 * guided mode their hints). */
void scenario_session_start(struct scenario_session *s, int64_t t_us, struct ev_queue *out);
/* Feeds the trainee's events (each with its own t_us, in order, none later
 * than t_us) and advances simulated time to t_us; rules are checked after
 * every event and at t_us. Outcomes are appended to out. Events after the
 * session finished are ignored. */
void scenario_session_step(struct scenario_session *s, const struct ev *in, size_t n, int64_t t_us,
                           struct ev_queue *out);
/* Ends the session now if it has not finished (result incomplete, or fail
 * when a critical violation exceeded the allowance). */
void scenario_session_finish(struct scenario_session *s, int64_t t_us, struct ev_queue *out);

/* Replaces the scenario under a running session with new_sc (a re-read of
 * its folder): steps, variables, objects and rules are matched by id and
 * keep their state; new steps start pending; removed ones are dropped.
 * Emits a reload event and any step_started that the new order implies.
 * new_sc must outlive the session; the old one may be freed afterwards. */
void scenario_session_reload(struct scenario_session *s, const struct scenario *new_sc, int64_t t_us,
                             struct ev_queue *out);

/* A summary of where the session stands. */
struct scenario_status {
    bool finished;
    enum scenario_result result;
    double score;          /* 0..100 */
    size_t violations[4];  /* by severity: [EV_SEVERITY_MINOR..CRITICAL] */
    size_t hints;          /* hints shown on request */
    size_t steps_done, steps_required_done, steps_required;
};
void scenario_session_status(const struct scenario_session *s, struct scenario_status *out);
enum scenario_step_status scenario_session_step_status(const struct scenario_session *s, const char *step_id);
/* Current value of a state variable or signal by id; false if none. */
bool scenario_session_value(const struct scenario_session *s, const char *id, double *out);
/* The steps active now (started, not done), as indices for scenario_step_id
 * and scenario_step_text, in file order; at most max written. Returns how
 * many there are. For the on-screen step list. */
size_t scenario_session_active_steps(const struct scenario_session *s, size_t *out_idx, size_t max);
/* Guided mode's highlights: the object ids in the guide lists of the active
 * steps, each once, in step order; at most max are written to out_ids.
 * Returns how many there are (0 outside guided mode: practice and exam show
 * no highlights). The ids live as long as the scenario. */
size_t scenario_session_guidance(const struct scenario_session *s, const char **out_ids, size_t max);
/* What the active steps are waiting for, as plain (event, subject, target)
 * triples from their done_on patterns where subject and target are exact ids
 * (no wildcards), e.g. {"place", "hv.service_plug", "cabinet.lockbox"} or
 * {"use", "tool.tester", "hv.pos_neg"}; target is NULL where the pattern
 * names none (e.g. {"press", "doc.protocol", NULL}). One triple per event
 * type of a pattern, each triple once, in step order. Steps whose event
 * already happened (waiting on done_when) and steps with only done_when are
 * left out, and so are patterns with '*'. Any mode: the caller decides
 * whether to show them (guided mode's ghosts and probe lines). Up to max
 * are written; returns how many there are. Empty for a finished session.
 * The strings live as long as the scenario. */
struct scenario_expect {
    const char *event, *subject, *target;
};
size_t scenario_session_expected(const struct scenario_session *s, struct scenario_expect *out, size_t max);
/* Whether variant id was picked by the seed for this session. */
bool scenario_session_variant_on(const struct scenario_session *s, const char *id);
/* The result in words, in the session language (e.g. "Failed: 1 critical
 * violation (…); 0 are allowed."); valid until the next call on s. */
const char *scenario_session_explain(struct scenario_session *s);

/* ---- playthroughs ---- */

/* The outcome of one playthrough file. */
struct scenario_playthrough_result {
    char name[128];        /* file name without .yaml */
    bool ok;               /* every expectation met */
    enum scenario_result result;
    double score;
    char message[1024];    /* why it failed, or a one-line summary */
    enum scenario_mode mode; /* how the file set up the session */
    enum scenario_lang lang;
    uint64_t seed;
    int64_t tick_us;       /* time resolution while waiting */
};

/* Runs every playthrough in the scenario's playthroughs/ folder (sorted by
 * name) and calls report for each. Load errors in a playthrough file go to
 * diags and count as a failure. trace: as for scenario_playthrough_run_file,
 * or NULL. Returns the number of playthroughs that failed; *out_count gets
 * how many ran. */
size_t scenario_playthroughs_run(const struct scenario *sc, struct scenario_diags *diags, FILE *trace,
                                 void (*report)(const struct scenario_playthrough_result *r, void *user),
                                 void *user, size_t *out_count);
/* Same from text in memory; file names it in diagnostics (and the result's
 * name). Used by tests and the fuzzer. */
bool scenario_playthrough_run_text(const struct scenario *sc, const char *text, size_t size, const char *file,
                                   struct scenario_diags *diags, FILE *trace, struct scenario_playthrough_result *out);
/* Loads every playthrough of the scenario without running it, reporting
 * errors (unknown keys, actions, objects, rules, steps, variants) to diags.
 * Returns the number of files with errors. */
size_t scenario_playthroughs_check(const struct scenario *sc, struct scenario_diags *diags);
/* Runs one playthrough file. If trace is not NULL, every event in and out is
 * written to it, one line each (used to check determinism). False when the
 * file could not be loaded (diags says why). */
bool scenario_playthrough_run_file(const struct scenario *sc, const char *path, struct scenario_diags *diags,
                                   FILE *trace, struct scenario_playthrough_result *out);

/* ---- outcomes: two runs compared by what judged them ---- */

/* A list of events copied out of their queues (strings owned by the list). */
struct arena;
struct scenario_evlist {
    struct ev *v;
    size_t n, cap;
    struct arena *arena;
};
void scenario_evlist_init(struct scenario_evlist *l);
void scenario_evlist_fini(struct scenario_evlist *l);
void scenario_evlist_add(struct scenario_evlist *l, const struct ev *e);

/* Whether an event of this type judges a session: step_completed,
 * rule_violated, hint_shown, reading and finished. (step_started and score
 * follow from them.) */
bool scenario_outcome_judges(enum ev_type t);
/* Appends the judging events among v[0..n) to outcome: feed it every event
 * a session emits (its start, each step, its finish). */
void scenario_outcome_add(struct scenario_evlist *outcome, const struct ev *v, size_t n);
/* Compares two outcomes event by event, in order: type and subject, and
 * step_completed's early flag; a violation's or hint's step and severity
 * or count; a reading's point, unit and value (within reading_tol of the
 * larger magnitude: 0 for runs on the same clock, such as --script, more
 * for a player whose frames fall elsewhere on a decaying signal); the
 * result, score (to 0.01) and critical count. Times and texts are not
 * compared. Returns SIZE_MAX when they agree, else the index of the first
 * event that differs, with a sentence naming both in why (may be NULL). */
size_t scenario_outcome_diff(const struct scenario_evlist *got, const struct scenario_evlist *want, double reading_tol,
                             char *why, size_t size);
/* One outcome event in words ("step verify completed"); e NULL: the end. */
void scenario_outcome_describe(const struct ev *e, char *buf, size_t size);

/* Plays a playthrough as scenario_playthrough_run_file does and also hands
 * back what a player of the input path needs to reproduce it: its trainee
 * actions in order with their times, and its waits as EV_NONE entries (t_us
 * when the wait starts, value its seconds; the engine advances through it in
 * tick_us steps, settling at each) (actions), and the engine's outcome
 * (outcome). Between actions without a wait the engine's time jumps, and it
 * finishes right after the last action. Either list may be NULL; both must
 * be initialised. The result's mode, lang, seed and tick_us say how the
 * session was set up. */
bool scenario_playthrough_play(const struct scenario *sc, const char *path, struct scenario_diags *diags, FILE *trace,
                               struct scenario_evlist *actions, struct scenario_evlist *outcome,
                               struct scenario_playthrough_result *out);

#endif
