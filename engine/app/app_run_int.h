/* app_run_int.h — the state of one `paja run`, shared by the files that
 * make it (app-internal):
 *   app_run.c   setup and teardown, sessions opened, restarted and closed,
 *               screenshots, app_run() itself;
 *   app_loop.c  one frame, the one way DESIGN.md §3 draws it;
 *   app_draw.c  what a frame shows, drawn into each view's target;
 *   app_state.c which of its states the run is in. */
#ifndef PAJA_APP_RUN_INT_H
#define PAJA_APP_RUN_INT_H

#include "app.h"
#include "app_choice.h"
#include "app_guidance.h"
#include "app_menu.h"
#include "app_panels.h"
#include "app_scene_gltf.h"
#include "app_script.h"
#include "app_session.h"
#include "app_start.h"
#include "app_state.h"
#include "app_trace.h"

#include "arena.h"
#include "gfx.h"
#include "interact.h"
#include "scene.h"
#include "ui.h"
#include "xr.h"

/* Text is baked once at this size and scaled with the canvas height. */
#define APP_FONT_BAKE_PX 32.0f
/* Where there is no screen (a headset), the hud and the modal panels are
 * laid out on a canvas of this many pixels, covering this much of the
 * vertical view one metre ahead: text about a degree tall per line. */
#define APP_CANVAS_W 1280
#define APP_CANVAS_H 720
#define APP_CANVAS_VFOV_DEG 44.0f

struct run {
    const struct app_run_opts *opts;
    struct arena app_arena, frame_arena;
    struct plat *plat;
    struct gfx *gfx;
    struct xr *xr;
    struct xr_info xr_info;       /* what the backend is (screen, own images) */
    struct scene scene;
    struct gfx_mesh *meshes;      /* gfx handle per scene mesh */
    /* The app's own target (the window's image, or headless), and, where
     * the backend hands out images, one wrapping target per view. */
    struct gfx_target target;
    struct gfx_target view_targets[2];
    struct ui_font font;
    bool have_font;
    struct gfx_texture atlas;
    struct ui_quads quads;        /* the screen overlay (only where there is a screen) */
    struct app_panels panels;     /* panels in the world (board, displays, hud, modal) */
    struct app_follow follow;     /* where hud and modal stand in a headset */
    struct app_guidance guidance; /* guided mode's ghosts and probe lines */
    struct pose start_head;       /* where the trainee starts (board, recentre) */
    struct interact ix;
    struct interact_locomotion loco;
    int mouse_hand;               /* the hand a mouse or a script drives */
    int pointer_hand;             /* the hand that pointed or pressed last: "pointing at" */
    bool show_help, fullscreen;
    bool seated;                  /* seated play: recentre lifts the view to standing height */
    bool placed;                  /* the trainee was put at the start (place_trainee) */
    bool xr_ended;                /* the backend said EXITING or LOST */
    struct app_state st;
    struct app_session sess;      /* when a scenario runs (st says whether) */
    struct app_scene_gltf scene_gltf;
    struct app_script script;     /* --script: the playthrough driving a hand */
    struct pose script_head;
    uint32_t shots;               /* --screenshot-each-step: images written */
    /* The Esc menu: while it is open the scenario clock stands still
     * (clock: frame time less pauses, plus minutes waited with T). */
    struct app_menu menu;
    struct app_clock clock;
    struct app_session_opts so;   /* what a restart opens again */
    struct scene_node *start_nodes; /* the scene as set up, for a restart */
    struct app_session *done;     /* sessions restarted away from (see app_restart_session) */
    size_t done_n;
    /* The start panel: the scenario is loaded to show its scene and title,
     * the session and its record wait for Start. */
    struct app_start start;
    struct scenario *preview;
    enum app_lang lang;           /* on-screen text: --lang, or the start panel's */
    struct app_trace trace;       /* test hook: PAJA_TEST_TRACE (app_trace.h) */
    struct app_choice choice;     /* answers and feature picks on a world panel, zones (app_choice.h) */
    struct desk_input in;         /* the window's input this frame */
    bool menu_down[HAND_COUNT], hint_down[HAND_COUNT]; /* controller buttons last frame */
    int64_t last_t_us;            /* the scenario time of the last frame */
    int frame;
    bool ok;                      /* false once something the exit code reports failed */
};

/* The scenario whose scene is shown: the session's, or before Start the
 * start panel's preview; NULL in the built-in workshop. */
const struct scenario *app_shown_scenario(const struct run *r);

/* app_run_session.c */
/* Opens the session and its record; false (reason printed) when it cannot. */
bool app_open_session(struct run *r);
bool app_begin_session(struct run *r);
bool app_restart_session(struct run *r, int64_t t_us);

/* app_draw.c: screenshots of the app's target. */
bool app_write_screenshot(struct run *r, const char *path, struct app_capture *capture);
void app_screenshot_name(char *out, size_t size);

/* app_loop.c: one frame; false when the run is over. */
bool app_frame(struct run *r);
/* After the loop: a headset session still running is asked to end and
 * its frames run out (nothing drawn) until it has. */
void app_drain_xr(struct run *r);

/* app_draw.c */
/* Draws the frame's views, each into its own target (the backend's image
 * or the app's), the overlay only where there is a screen. Where the views
 * went to the backend's images, the left eye is then copied into the app's
 * target (a blit, not another render): the window mirrors it and
 * screenshots read it, as they read the app's own view otherwise. */
void app_draw_views(struct run *r, const struct xr_frame *xf);
/* The window shows the app's target; paces a desktop frame without vsync. */
void app_present(struct run *r, uint64_t frame_start_ns);

#endif
