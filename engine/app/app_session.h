/* app_session.h — app-internal glue between a scenario, interaction, the
 * session record and the HUD (`paja run SCENARIO`). Not a module API: only
 * engine/app and its tests include it. */
#ifndef PAJA_APP_SESSION_H
#define PAJA_APP_SESSION_H

#include "app.h"
#include "event.h"
#include "interact.h"
#include "scenario.h"

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct scene;
struct rec_writer;

/* ---- app_session_objects.c: scenario objects -> interact descriptors ---- */

/* The interaction view of a scenario: one descriptor per scenario object
 * (zones and questions have no hand interaction and are left out) plus one
 * point object per fixed reading point of its tools (e.g. "hv.pos_neg"),
 * which on the desktop is where the trainee points the tester. Strings are
 * borrowed from the scenario (which must outlive them). */
struct app_objects {
    struct interact_object *v;
    uint32_t n;
    uint32_t missing;      /* objects whose scene node was not found (left out) */
};

/* Builds the descriptors against scene s (node names resolved there) in
 * arena a. Objects whose node is missing are left out with a warning. */
void app_objects_build(const struct scenario *sc, const struct scene *s, struct arena *a, struct app_objects *out);

/* Adds a simple placeholder box, named by the scenario's node name, for
 * every object (and tool reading point) the scene lacks, laid out in rows
 * on a table in front of the start position, so a scenario is playable on
 * the built-in workshop before its .glb exists. Returns how many it added;
 * the world matrices are updated. */
uint32_t app_scene_add_placeholders(struct scene *s, struct arena *a, const struct scenario *sc);

/* The display name of the object or measuring point with that id in lang
 * (scenario_name_of); the id itself when it has none. */
const char *app_scenario_object_name(const struct scenario *sc, const char *id, enum scenario_lang lang);

/* ---- app_scene_check.c: paja check against the scene ---- */

/* Adds an error (at the object's or point's file:line:col, with the nearest
 * node name) for every object and fixed measuring point whose node the
 * scene lacks. scene_name names the scene in the messages. Returns how many. */
size_t app_scene_check(const struct scenario *sc, const struct scene *s, const char *scene_name,
                       struct scenario_diags *d);

/* ---- app_session.c: one trainee's run of a scenario ---- */

/* The scenario clock of a windowed session: frame time, less the time the
 * Esc menu (or the start panel) stood open, plus the minutes the trainee
 * chose to wait (T). It never runs backwards. */
struct app_clock {
    int64_t paused_us;  /* frame time spent paused */
    int64_t waited_us;  /* time skipped ahead by waiting */
    int64_t last_raw_us;
    bool started;
};
/* Scenario time for a frame at raw_us (the xr frame time); paused frames
 * add their time to the pause instead. */
int64_t app_clock_frame(struct app_clock *c, int64_t raw_us, bool paused);
/* The trainee waits: the clock jumps by us from now on. */
void app_clock_wait(struct app_clock *c, int64_t us);

/* One press of "wait" (T) jumps the scenario clock a minute: the DC-link
 * capacitors' 10 minutes need not be watched in real time. The record
 * keeps an EV_UI event, subject APP_WAIT_SUBJECT, value the seconds, so a
 * teacher tells a skip from a real wait. */
#define APP_WAIT_US (60 * 1000000LL)
#define APP_WAIT_SUBJECT "wait"

struct app_session_opts {
    const char *scenario_path;  /* folder or scenario.yaml */
    enum scenario_mode mode;
    enum scenario_lang lang;
    const char *trainee;        /* NULL: login name or "anonymous" */
    uint64_t seed;
    const char *records_dir;    /* NULL: $XDG_DATA_HOME/paja/records */
    const char *device;         /* "desktop", "headless" */
    const char *input;          /* "mouse", "script" */
    const char *signing_key;    /* private key that seals the record, or NULL */
    bool hot_reload;            /* edits to scenario.yaml apply (never in exams) */
};

/* What the HUD shows of the last outcomes (copied: events are per frame).
 * Each line is shown until its own time is up: a reading only matters
 * while the probes are on the point, a mistake's explanation needs time to
 * be read (and stays in the record and the report anyway). */
#define APP_FEEDBACK_LINES 4
#define APP_FEEDBACK_READING_US (6 * 1000000LL)
#define APP_FEEDBACK_TEXT_US (20 * 1000000LL)
struct app_feedback {
    char text[APP_FEEDBACK_LINES][320];
    int64_t t_us[APP_FEEDBACK_LINES];
    int64_t until_us[APP_FEEDBACK_LINES]; /* shown while frame time < this */
    bool warn[APP_FEEDBACK_LINES]; /* a violation (drawn in the warning colour) */
    uint32_t n;                    /* lines in use, newest last */
};
/* Whether feedback line i is still shown at t_us. */
bool app_feedback_visible(const struct app_feedback *f, uint32_t i, int64_t t_us);

/* The last reading of an instrument, for its own display in the scene. */
struct app_reading {
    bool have;
    char tool[128];   /* object id of the instrument */
    char text[64];    /* "0.4 V" */
    char target[160]; /* the point or feature, by its display name */
    int64_t t_us;
};

struct app_session {
    struct scenario *sc;
    struct scenario_session *run;
    struct app_session_opts opts;
    struct rec_writer *rec;
    char record_path[1024];
    struct app_feedback feedback;
    struct app_reading reading;
    bool finished;
    char result_text[512];      /* the end panel's explanation, copied */
    int64_t last_t_us;
    int64_t start_us;           /* when the scenario clock started */
    /* Hot reload: the file's last change, when it was last looked at, and
     * the scenarios replaced so far (interaction descriptors and scene node
     * names still borrow their strings, so they live to the end). */
    int64_t file_mtime_ns;
    int64_t last_poll_us;
    struct scenario **retired;
    size_t retired_count;
    uint32_t reloads;
    bool started;               /* app_session_start was called */
    uint32_t violations;        /* rule violations so far (a controller pulses on each) */
    uint32_t changes_noted;     /* edits not applied (exam, or hot reload off) */
    bool seal_key_failed;       /* a signing key was set but could not be read */
    uint32_t steps_completed;   /* so far (screenshots per step) */
    struct scenario_evlist *outcome; /* when set, every judging event is added (--script) */
    char last_step[128];        /* id of the last step completed */
    /* The record is sealed in the frame the scenario finishes, so its
     * result can reach the school's LRS while the end panel shows
     * (app_delivery.h); app_session_close then only reports. */
    bool sealed, seal_ok;
};

/* Loads the scenario (diagnostics to stderr) and opens its record. Returns
 * APP_EXIT_OK, or APP_EXIT_USAGE with the reason printed. */
int app_session_open(struct app_session *s, const struct app_session_opts *o);
/* Starts the scenario clock at t_us (first steps, guided hints). */
void app_session_start(struct app_session *s, int64_t t_us);
/* One frame: the trainee's events (from interact, plus a hint request when
 * asked) go to the scenario; they and its outcomes go to the record with
 * the same timestamps, and the head and both hands (hands or an entry
 * NULL: not tracked) as a pose sample; the HUD's feedback is updated. */
void app_session_frame(struct app_session *s, const struct ev *in, size_t n, bool hint_request, int64_t t_us,
                       const struct pose *head, const struct pose *const hands[HAND_COUNT],
                       struct arena *frame_arena);
/* Hot reload (DESIGN.md §4): at most once a second of frame time, or now
 * when force is set, checks whether scenario.yaml changed; if it did and
 * loads cleanly, swaps it under the running session (steps, rules, texts;
 * state kept by id) and records the reload. In exam mode, or with hot
 * reload turned off (session.hot_reload), the scenario stays as it was at
 * the start: a change is recorded as a `scenario_changed` event (detail:
 * the new content hash) and not applied. A file with errors is reported
 * and the session goes on with the scenario it has. Objects' interaction
 * (capabilities, sockets) keeps the descriptors it started with. Returns
 * true when a new scenario took over. */
bool app_session_poll_reload(struct app_session *s, int64_t t_us, bool force);
/* Finishes the session if still running, writes summary and seal and
 * prints where the record is (done already, in the frame the scenario
 * finished, when it did). Safe to call once after open succeeded. */
bool app_session_close(struct app_session *s, int64_t t_us);
void app_session_free(struct app_session *s);

/* The default folder for records: $XDG_DATA_HOME/paja/records, else
 * $HOME/.local/share/paja/records, else ./paja-records. */
void app_records_default_dir(char *out, size_t size);

/* A trainee id goes into file names and xAPI accounts: 1 to 64 letters,
 * digits or . _ @ -. Checked for --trainee and for the login name that is
 * the default alike. */
bool app_trainee_valid(const char *s);
/* The trainee id when none was given: the login name ($USER, $LOGNAME,
 * getlogin()) when it passes app_trainee_valid, else "anonymous" with a
 * warning on stderr that says to give --trainee. */
const char *app_default_trainee(void);

#endif
