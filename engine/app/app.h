/* app.h — the composition root: command line, modes and the frame loop.
 * Exit codes (DESIGN.md §7): 0 success, 1 a finding, 2 bad usage or
 * unreadable input. */
#ifndef PAJA_APP_H
#define PAJA_APP_H

#include "types.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum app_exit { APP_EXIT_OK = 0, APP_EXIT_FINDING = 1, APP_EXIT_USAGE = 2 };

enum app_lang { APP_LANG_FI, APP_LANG_EN, APP_LANG_SV, APP_LANG_COUNT };

/* Everything `paja run` can be asked for. */
struct app_run_opts {
    bool headless;
    bool xr;
    bool seated;             /* headset: seated play, the view lifted to standing height */
    bool fullscreen;
    int frames;              /* stop after this many frames; 0 = until quit */
    int width, height;       /* window or headless target size */
    int msaa;                /* samples; 0 = default (gfx_choose_samples) */
    enum app_lang lang;
    const char *screenshot;  /* PNG path written from the last frame, or NULL */
    /* `paja run SCENARIO` (app_session.c); scenario NULL: the built-in workshop. */
    const char *scenario;    /* folder or scenario.yaml */
    int mode;                /* enum scenario_mode */
    const char *trainee;     /* NULL: the login name, else "anonymous" */
    uint64_t seed;
    const char *records;     /* folder for the record; NULL: the XDG data folder */
    const char *scene;       /* scene file instead of the one the scenario names */
    const char *script;      /* playthrough played through the input path, or NULL */
    const char *step_shots;  /* --script: a PNG per completed step into this folder */
    /* From the settings (app_settings.h) and their options. */
    const char *signing_key; /* private key that seals the record, or NULL */
    bool hot_reload;         /* scenario edits apply while running (never in exams) */
    bool mode_locked;        /* session.mode_lock: the start panel offers no other mode */
    /* All effective settings (app_settings.h; e.g. ->lrs for live delivery),
     * or NULL when app_run is driven without them (tests, benchmarks). */
    const struct app_settings *settings;
};

struct app_settings;

/* Pixels of the last frame, for tests (app_run fills it when non-NULL). */
struct app_capture {
    uint8_t *rgba;           /* width*height*4, rows top to bottom; free() it */
    int width, height;
    char renderer[160];      /* GL_RENDERER */
    char version[160];       /* GL_VERSION */
};

int app_main(int argc, char **argv);
/* Runs a scenario (opts.scenario) or the built-in workshop scene. */
int app_run(const struct app_run_opts *opts, struct app_capture *capture);
void app_run_opts_default(struct app_run_opts *opts);

/* app_find.c — `paja` alone runs this scenario. Looks for
 * scenarios/APP_DEFAULT_SCENARIO beside the executable (../../ and ../ of
 * build/<preset>/paja, ../share/paja of an installed bin/paja), in the
 * current folder, then in the installed data folder. False when none has a
 * scenario.yaml; out gets the resolved folder. */
#define APP_DEFAULT_SCENARIO "ev-hv-isolation"
bool app_find_default_scenario(char *out, size_t size);
/* The same places (PAJA_SCENARIOS first) for the scenario folder named id. */
bool app_find_scenario(const char *id, char *out, size_t size);

/* The scene search path, the same for every command (run, check, view):
 * the scenario's folder, $PAJA_ASSETS, the assets folder beside the
 * scenarios folder (SCENARIO/../../assets: the source tree, and installed
 * scenarios beside the installed assets), share/paja/assets beside the
 * executable's prefix, and the installed data folder's assets. Folders go
 * into out (at most max, in arena a); scenario_dir may be NULL (paja view). */
struct arena;
size_t app_scene_dirs(const char *scenario_dir, struct arena *a, const char **out, size_t max);
/* The first file called name on that path, or NULL; tried gets the folders
 * looked in, comma-separated, for the message that it was not found. */
const char *app_scene_find(const char *scenario_dir, const char *name, struct arena *a, char *tried, size_t size);

/* The views' near and far planes (metres): the renderer's projection, and
 * the test trace's (app_trace.c), which must match it pixel for pixel. */
#define APP_VIEW_NEAR_M 0.05f
#define APP_VIEW_FAR_M 100.0f

/* app_cmd_model.c — `paja info MODEL` and `paja view MODEL` (glTF). */
extern const char APP_INFO_HELP[];
int app_cmd_info(int argc, char **argv);
/* app_view.c — the model viewer; app_view is what golden tests drive. */
struct app_view_opts {
    const char *model;
    bool headless;
    int frames;              /* 0 = until quit (1 headless) */
    int width, height, msaa;
    const char *screenshot;  /* PNG path, or NULL */
    float yaw, pitch;        /* degrees around / above the model */
    float zoom;              /* 1 = the whole model fills the view */
    int animation;           /* pose by this animation, -1 = rest pose */
    float time;              /* seconds into it */
    bool shadows;
    float light_steps[3];    /* the key light's colour changed by this many
                                1/255 steps of itself, per channel (tests: a
                                deliberate small change must fail golden) */
    struct app_view_stats *stats; /* benchmarks: per-frame timings, or NULL */
};
/* Filled by app_view when opts.stats is set: each frame is finished
 * (glFinish) before it is timed, so wall time covers rasterisation. */
struct app_view_stats {
    double load_ms, setup_ms;  /* glTF read + scene build; window, GL context,
                                   shaders and GPU upload */
    double *frame_ms, *cpu_ms;  /* caller's arrays of cap entries: wall and
                                   main-thread CPU time of each frame */
    int cap, frames;
    uint32_t draws, triangles, culled; /* last frame */
};
extern const char APP_VIEW_HELP[];
void app_view_opts_default(struct app_view_opts *o);
int app_view(const struct app_view_opts *o, struct app_capture *capture);
int app_cmd_view(int argc, char **argv);

/* app_cmd_scenario.c — `paja check` (lint scenarios) and `paja test`
 * (run their playthroughs headless). */
extern const char APP_CHECK_HELP[];
extern const char APP_TEST_HELP[];
int app_cmd_check(int argc, char **argv);
int app_cmd_test(int argc, char **argv);

/* app_cmd_record.c — `paja verify` and `paja xapi` (session records). */
extern const char APP_VERIFY_HELP[];
extern const char APP_XAPI_HELP[];
int app_cmd_verify(int argc, char **argv);
int app_cmd_xapi(int argc, char **argv);
/* Record paths from the arguments marked in is_input: files as given,
 * folders expanded to their *.jsonl files (sorted). In arena a. */
struct arena;
size_t app_record_paths(int argc, char **argv, const bool *is_input, struct arena *a, char ***out, bool *out_bad);
/* app_cmd_key.c — `paja key new` (the sealing key pair). */
extern const char APP_KEY_HELP[];
int app_cmd_key(int argc, char **argv);
/* app_cmd_report.c — `paja report` (the teacher's report). */
extern const char APP_REPORT_HELP[];
int app_cmd_report(int argc, char **argv);

/* app_text.c — user-facing strings in Finnish, English and Swedish. */
enum app_text_id {
    TXT_CONTROLS, TXT_TITLE, TXT_POINTING_AT, TXT_HELP_HIDDEN, TXT_SESSION_CONTROLS,
    TXT_MENU_TITLE, TXT_MENU_CONTINUE, TXT_MENU_RESTART, TXT_MENU_QUIT,
    TXT_START_MODE, TXT_MODE_GUIDED, TXT_MODE_PRACTICE, TXT_MODE_EXAM, TXT_START_LANG, TXT_LANG_NAME,
    TXT_START_TRAINEE, TXT_START_BUTTON, TXT_START_KEYS, TXT_START_MODE_LOCKED, TXT_START_LOCKED_BY, TXT_XR_CONTROLS,
    TXT_COUNT
};
const char *app_text(enum app_lang lang, enum app_text_id id);
/* --lang value, or from PAJA_LANG / LC_ALL / LC_MESSAGES / LANG; English
 * when nothing says otherwise. */
bool app_lang_parse(const char *s, enum app_lang *out);
enum app_lang app_lang_from_env(void);
const char *app_lang_code(enum app_lang lang);

/* app_builtin_scene.c — the small workshop shown before scenarios exist. */
struct scene;
struct arena;
void app_builtin_scene_build(struct scene *s, struct arena *a);
/* Where the camera starts in it. */
void app_builtin_scene_start_pose(struct pose *out);
/* The localised display name of a node of the built-in scene, or NULL. */
const char *app_builtin_scene_label(const char *node_name, enum app_lang lang);

#endif
