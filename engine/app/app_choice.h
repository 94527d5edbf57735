/* app_choice.h — the trainee's pickers on a world panel, and the actions
 * that need no hand on an object (app-internal).
 *
 * Every action the scenario format offers is playable with the mouse and
 * keyboard and with controllers (scenario_input.c says how). Most come from
 * interact; this file adds what interact does not know:
 *   answer   — select (left click, trigger or A/X) with a hand's ray on a
 *              question object opens a panel with its prompt and choices,
 *              placed in front of the head; select with the ray on a choice
 *              (or a number key 1-9 on the desktop) answers: EV_ANSWER,
 *              subject the question, target and detail the choice id.
 *              Select pointing off the panel closes it unanswered.
 *   inspect  — an object with several features that have no part of their
 *              own in the scene (no NODE.FEATURE node): interact's inspect
 *              of the whole object opens a panel listing them, and picking
 *              one emits EV_INSPECT with that feature.
 *   zone     — the head coming over a zone object's node footprint (its
 *              bounds seen from above): EV_ZONE.
 * It reads generic hand input (struct hand_input: a ray and buttons), so
 * the desktop's mouse ray and both controllers work alike. The select that
 * opens, answers or closes a panel is kept from interact until released,
 * so it never also grabs, uses or puts down.
 *
 * Hints are not here: H on the desktop, a controller's hint button where
 * the XR backend binds one (hand_input).
 *
 * The frame loop calls three hooks: app_choice_input before interact,
 * app_choice_events after it, app_choice_draw when rendering. */
#ifndef PAJA_APP_CHOICE_H
#define PAJA_APP_CHOICE_H

#include "event.h"
#include "gfx.h"
#include "interact.h"
#include "scenario.h"
#include "scene.h"
#include "types.h"
#include "ui.h"

#include <stdbool.h>
#include <stddef.h>

#define APP_CHOICE_MAX SCENARIO_MAX_CHOICES /* options on one panel (keys 1-9) */
#define APP_CHOICE_ZONES 64

enum app_choice_kind { APP_CHOICE_ANSWER, APP_CHOICE_FEATURE };

struct app_choice {
    bool open;
    enum app_choice_kind kind;
    const char *object;                 /* question or inspected object id (scenario strings) */
    size_t count;
    const char *ids[APP_CHOICE_MAX];    /* choice or feature ids */
    char title[320];
    char labels[APP_CHOICE_MAX][200];
    struct ui_world_panel at;           /* where the panel stands */
    struct ui_rectf rows[APP_CHOICE_MAX]; /* each option, in panel pixels */
    int hovered;                        /* option under a ray, -1 */
    int hand;                           /* the hand that opened it (typed picks) */
    struct ui_quads q;                  /* the panel laid out (needs a font) */
    /* per hand: select last frame (with hysteresis), swallowed until up */
    bool select_down[HAND_COUNT], swallow[HAND_COUNT];
    size_t queued;                      /* events in the queue after app_choice_input */
    /* zones: whether the head was inside each zone object last frame */
    bool zone_known;
    bool inside[APP_CHOICE_ZONES];
};

/* Before interact: answers and picks from the open panel (a hand's select
 * on an option, or digit 1-9 typed on the desktop, 0 for none), a question
 * object opened by select under a hand's ray (hovered as interact saw it
 * last frame). Emits EV_ANSWER / EV_INSPECT into out and clears the select
 * of hands it used. */
void app_choice_input(struct app_choice *c, const struct scenario *sc, enum scenario_lang lang,
                      const struct interact *ix, const struct pose *head, struct hand_input hands[HAND_COUNT],
                      int digit, int64_t t_us, struct ev_queue *out);
/* After interact: an inspect of a whole object with several part-less
 * features becomes a picker (the event is taken out of q); the head
 * entering a zone adds EV_ZONE. */
void app_choice_events(struct app_choice *c, const struct scenario *sc, enum scenario_lang lang,
                       const struct interact *ix, const struct scene *s, const struct pose *head, int64_t t_us,
                       struct ev_queue *q);
/* Lays the open panel out with font f and draws it over the scene. */
void app_choice_draw(struct app_choice *c, const struct ui_font *f, enum scenario_lang lang, struct gfx *g,
                     struct gfx_texture atlas);
/* Where option id sits on the open panel (world point), for scripted
 * players; false when no panel is open or it has no such option. */
bool app_choice_point(const struct app_choice *c, const char *id, vec3 out);
/* The features of interact object o that have no part of their own (out
 * gets the first max ids); an inspect of the whole object opens the picker
 * when there are two or more. */
size_t app_choice_partless(const struct interact *ix, uint32_t o, const char **out, size_t max);
void app_choice_free(struct app_choice *c);
/* The display name of the feature part (a NODE.FEATURE node) under a
 * hand's ray, or NULL: the HUD names it after the object, so a trainee
 * sees which feature a click inspects. */
const char *app_choice_feature_under(const struct interact *ix, const struct scene *s, const struct scenario *sc,
                                     enum scenario_lang lang, int hand);
/* The number key 1-9 typed this frame (platform text), or 0. */
int app_choice_digit(const char *typed);

#endif
