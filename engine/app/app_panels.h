/* app_panels.h — the session's panels in the world (app-internal).
 *
 * Three kinds, all laid out in pixels by ui like any other text and put on
 * a plane in the world (ui_world_panel):
 *   board   — the procedure sheet on a stand beside the work (app_hud_board),
 *             hidden by what stands in front of it;
 *   display — an instrument's own display shows its last reading;
 *   hud     — where there is no screen (a headset): the words a desktop
 *             shows as an overlay (the current step, feedback, what the ray
 *             points at, the controls) on a canvas in front, over the scene;
 *   modal   — the start panel, the Esc menu and the end panel, in front of
 *             the head and over everything, pointed at with any hand's ray.
 * On the desktop the modal canvas is the window itself placed so that it
 * fills the view exactly, so it looks as a screen overlay would. In a
 * headset the hud and modal canvases stand at a comfortable distance and
 * follow the head lazily (struct app_follow): they stay put while the
 * trainee looks around a little and glide back in front when the head has
 * turned or walked away. */
#ifndef PAJA_APP_PANELS_H
#define PAJA_APP_PANELS_H

#include "gfx.h"
#include "scene.h"
#include "ui.h"

#include <stdbool.h>

struct app_session;
struct arena;

struct app_world_text {
    struct ui_quads q;
    struct ui_world_panel at;
    bool on;
    bool on_top; /* drawn over the scene (modal panels) */
};

enum app_panel_kind { APP_PANEL_BOARD, APP_PANEL_DISPLAY, APP_PANEL_HUD, APP_PANEL_MODAL, APP_PANEL_COUNT };

struct app_panels {
    struct app_world_text p[APP_PANEL_COUNT];
};

/* Clears every panel for a new frame (nothing is drawn unless set again). */
void app_panels_begin(struct app_panels *ps);
/* Where the procedure board stands: the scene's node "Procedure_Board"
 * (its +z faces the reader, the sheet centred on its origin) when it has
 * one, else ahead and to the left of where the trainee starts (start_head),
 * turned towards them. scene may be NULL. */
void app_panels_board_frame(const struct scene *scene, const struct pose *start_head, mat4 out);
/* Adds a stand for the board (node "Procedure_Board" with a backing and two
 * legs) to a scene that has none; false when it has one. Before meshes are
 * uploaded. */
bool app_panels_add_board_stand(struct scene *s, struct arena *a, const struct pose *start_head);
/* The procedure board (app_hud_board) on its stand. */
void app_panels_board(struct app_panels *ps, const struct ui_font *f, struct app_session *s,
                      const struct scene *scene, const struct pose *start_head);
/* The session's last reading on the display of the instrument that took
 * it: the first node under the instrument's node whose name ends in
 * "Display" (the reading lies on its +y face). Nothing when the scene has no
 * such node; the HUD's feedback line still says it. */
void app_panels_display(struct app_panels *ps, const struct ui_font *f, const struct app_session *s,
                        const struct scene *scene, const char *tool_node);
/* The modal canvas: w x h pixels filling `fill` of the vertical field of
 * view vfov (radians) one metre in front of head. Returns the quads to lay
 * the panel out into (cleared). */
struct ui_quads *app_panels_modal(struct app_panels *ps, const struct pose *head, float vfov, float fill, int w,
                                  int h);
/* The hud canvas (headset): as app_panels_modal, in its own slot, drawn
 * over the scene and under the modal canvas. */
struct ui_quads *app_panels_hud(struct app_panels *ps, const struct pose *head, float vfov, float fill, int w, int h);

/* A lazily following anchor: an eye position and a level heading (no pitch
 * or roll, so panels stand upright). It stays while the head is within
 * APP_FOLLOW_ANGLE of its heading and APP_FOLLOW_DIST_M of its position;
 * beyond, it glides to the head (most of the way in a quarter second) until
 * it is close again. The first update places it at once. */
#define APP_FOLLOW_ANGLE_DEG 25.0f
#define APP_FOLLOW_DIST_M 0.35f
struct app_follow {
    struct pose at;
    bool placed, moving;
};
void app_follow_update(struct app_follow *f, const struct pose *head, float dt_s);

/* Where the aim ray (pose, -z forward) meets the modal canvas, in its
 * pixels; false (and -1, -1) when there is none or the ray misses. */
bool app_panels_modal_pointer(const struct app_panels *ps, const struct pose *aim, float *x, float *y);
/* Which hand points at the modal canvas, so a panel is used with either
 * hand: among the active hands whose aim meets it, one pressing (pressed)
 * before one that is not, then prefer (the hand that pointed last). -1 (and
 * x, y -1) when none; else x, y where, in canvas pixels. */
int app_panels_modal_hand(const struct app_panels *ps, const struct hand_input hands[HAND_COUNT],
                          const bool pressed[HAND_COUNT], int prefer, float *x, float *y);
/* Draws the panels that are on into the current pass: the ones in the
 * scene (board, display), or the modal one (after any screen overlay, so it
 * covers it). */
void app_panels_draw(const struct app_panels *ps, struct gfx *g, struct gfx_texture atlas, bool modal);
void app_panels_free(struct app_panels *ps);

#endif
