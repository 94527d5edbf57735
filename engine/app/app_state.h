/* app_state.h — what `paja run` is doing, as one explicit state machine
 * (app-internal; DESIGN.md §3 "the app's own states").
 *
 *   WORKSHOP  the built-in scene, no scenario: nothing to pause or record;
 *             Esc (a controller's menu button) quits.
 *   START     the start panel over the previewed scenario; no session or
 *             record yet. BEGIN opens the session -> PLAYING; QUIT -> DONE.
 *   PLAYING   the session runs: the scene takes the hands, the clock runs.
 *             MENU -> MENU; FINISHED (the scenario ended) -> FINISHED.
 *   FINISHED  the end panel over the scene; the menu still opens.
 *   MENU      the Esc menu over PLAYING or FINISHED, which it returns to on
 *             CONTINUE; RESTART closes this session's record and opens a
 *             fresh one -> PLAYING; QUIT -> DONE.
 *   DONE      leave the loop; the record is closed and sealed.
 * START and MENU pause: the scenario clock stands and the scene gets no
 * input. A scripted run (--script) is PLAYING driven by its script; it has
 * no menu, and SCRIPT_END ends it. ENDED (the window closed, --frames
 * reached, the headset session ended or was lost) ends any state.
 *
 * A press that chose on a panel is no press in the scene either: the hand
 * that pressed stays "spent" until its buttons are all up (app_state_hands).
 * Pure logic: tests drive it with signals. */
#ifndef PAJA_APP_STATE_H
#define PAJA_APP_STATE_H

#include "types.h"

#include <stdbool.h>

enum app_phase { APP_PHASE_WORKSHOP, APP_PHASE_START, APP_PHASE_PLAYING, APP_PHASE_FINISHED, APP_PHASE_MENU,
                 APP_PHASE_DONE, APP_PHASE_COUNT };

enum app_signal {
    APP_SIG_BEGIN,      /* Start pressed on the start panel */
    APP_SIG_MENU,       /* Esc or a controller's menu button */
    APP_SIG_CONTINUE,   /* the menu's Continue (or Esc again) */
    APP_SIG_RESTART,    /* the menu's Restart */
    APP_SIG_QUIT,       /* a panel's Quit */
    APP_SIG_FINISHED,   /* the scenario came to its end */
    APP_SIG_SCRIPT_END, /* the playthrough's last action was played */
    APP_SIG_ENDED,      /* window closed, frame limit, headset session over */
    APP_SIG_COUNT
};

struct app_state {
    enum app_phase phase;
    enum app_phase before_menu;  /* PLAYING or FINISHED, where CONTINUE returns */
    bool scripted;               /* --script drives the hands; no menu */
    bool spent[HAND_COUNT];      /* a panel took this hand's press; until released */
};

void app_state_init(struct app_state *s, enum app_phase first, bool scripted);
/* Applies a signal; a signal the state does not take changes nothing.
 * Returns whether it was taken. */
bool app_state_signal(struct app_state *s, enum app_signal sig);
/* The scene is paused: no input, the scenario clock stands. */
bool app_state_paused(const struct app_state *s);
/* A session exists (PLAYING, FINISHED or MENU). */
bool app_state_in_session(const struct app_state *s);
/* A panel is up that the hands point at (START, MENU, FINISHED). */
bool app_state_modal(const struct app_state *s);
/* A panel took a hand's press this frame: that hand is spent until let go. */
void app_state_spend(struct app_state *s, int hand);
/* Masks the spent hands' buttons (and clears spent hands whose buttons are
 * all up), so interaction never sees a press that a panel took. */
void app_state_hands(struct app_state *s, struct hand_input hands[HAND_COUNT]);
const char *app_phase_name(enum app_phase p);

#endif
