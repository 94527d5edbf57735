/* app_state.c — `paja run`'s state machine (see app_state.h). */
#include "app_state.h"

#include <string.h>

void app_state_init(struct app_state *s, enum app_phase first, bool scripted)
{
    memset(s, 0, sizeof *s);
    s->phase = first;
    s->before_menu = APP_PHASE_PLAYING;
    s->scripted = scripted;
}

/* The state each signal leads to from each phase; APP_PHASE_COUNT: not
 * taken. ENDED is taken everywhere and MENU's CONTINUE returns to where
 * the menu opened; both are handled before the table. */
#define NO APP_PHASE_COUNT
static const enum app_phase NEXT[APP_PHASE_COUNT][APP_SIG_COUNT] = {
    /*                 BEGIN              MENU            CONTINUE RESTART            QUIT            FINISHED            SCRIPT_END      ENDED */
    [APP_PHASE_WORKSHOP] = {NO,           APP_PHASE_DONE, NO,      NO,                APP_PHASE_DONE, NO,                 NO,             NO},
    [APP_PHASE_START] = {APP_PHASE_PLAYING, NO,           NO,      NO,                APP_PHASE_DONE, NO,                 NO,             NO},
    [APP_PHASE_PLAYING] = {NO,            APP_PHASE_MENU, NO,      NO,                APP_PHASE_DONE, APP_PHASE_FINISHED, APP_PHASE_DONE, NO},
    [APP_PHASE_FINISHED] = {NO,           APP_PHASE_MENU, NO,      NO,                APP_PHASE_DONE, NO,                 APP_PHASE_DONE, NO},
    [APP_PHASE_MENU] = {NO,               NO,             NO,      APP_PHASE_PLAYING, APP_PHASE_DONE, NO,                 NO,             NO},
    [APP_PHASE_DONE] = {NO,               NO,             NO,      NO,                NO,             NO,                 NO,             NO},
};
#undef NO

bool app_state_signal(struct app_state *s, enum app_signal sig)
{
    if (sig < 0 || sig >= APP_SIG_COUNT || s->phase == APP_PHASE_DONE) return false;
    enum app_phase next;
    if (sig == APP_SIG_ENDED) next = APP_PHASE_DONE;
    else if (sig == APP_SIG_CONTINUE && s->phase == APP_PHASE_MENU) next = s->before_menu;
    else if (sig == APP_SIG_MENU && s->scripted) return false;
    else next = NEXT[s->phase][sig];
    if (next == APP_PHASE_COUNT) return false;
    if (next == APP_PHASE_MENU) s->before_menu = s->phase;
    s->phase = next;
    return true;
}

bool app_state_paused(const struct app_state *s)
{
    return s->phase == APP_PHASE_START || s->phase == APP_PHASE_MENU;
}

bool app_state_in_session(const struct app_state *s)
{
    return s->phase == APP_PHASE_PLAYING || s->phase == APP_PHASE_FINISHED || s->phase == APP_PHASE_MENU;
}

bool app_state_modal(const struct app_state *s)
{
    return s->phase == APP_PHASE_START || s->phase == APP_PHASE_MENU || s->phase == APP_PHASE_FINISHED;
}

void app_state_spend(struct app_state *s, int hand)
{
    if (hand >= 0 && hand < HAND_COUNT) s->spent[hand] = true;
}

static bool any_button(const struct hand_input *h)
{
    return h->primary || h->secondary || h->trigger_value > 0.0f || h->grip_value > 0.0f || h->menu;
}

void app_state_hands(struct app_state *s, struct hand_input hands[HAND_COUNT])
{
    for (int h = 0; h < HAND_COUNT; h++) {
        if (!s->spent[h]) continue;
        if (!any_button(&hands[h])) {
            s->spent[h] = false;
            continue;
        }
        hands[h].primary = hands[h].secondary = hands[h].menu = false;
        hands[h].trigger_value = hands[h].grip_value = 0.0f;
    }
}

const char *app_phase_name(enum app_phase p)
{
    static const char *const NAMES[APP_PHASE_COUNT] = {"none", "start", "play", "end", "menu", "done"};
    return p >= 0 && p < APP_PHASE_COUNT ? NAMES[p] : "?";
}
