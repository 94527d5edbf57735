/* app_menu.h — the Esc menu of a scenario session (Continue / Restart /
 * Quit). The state logic is pure (synthetic input in, a choice out) so
 * tests drive it without a window; app_run feeds it the platform's input
 * and draws it over the paused scene. */
#ifndef PAJA_APP_MENU_H
#define PAJA_APP_MENU_H

#include "app.h"
#include "ui.h"

#include <stdbool.h>
#include <stdint.h>

enum app_menu_choice { APP_MENU_NONE, APP_MENU_CONTINUE, APP_MENU_RESTART, APP_MENU_QUIT, APP_MENU_CHOICE_COUNT };

/* One frame of what the menu listens to. */
struct app_menu_input {
    bool esc;          /* plat_commands.menu: Esc with the mouse free */
    const char *text;  /* typed text this frame (letter keys), or NULL */
    bool enter;
    float x, y;        /* pointer, window pixels */
    bool button;       /* left button held (a click is its press) */
};

struct app_menu {
    bool open;
    bool button_was_down;
    /* Where each item was laid out last (app_menu_layout), for hit tests;
     * items[APP_MENU_NONE] is the whole panel. */
    struct ui_rectf items[APP_MENU_CHOICE_COUNT];
    int hover;         /* the item under the pointer, APP_MENU_NONE if none */
};

/* Opens on Esc; while open: Esc again or a click on Continue continues, R
 * or Restart restarts, Q or Quit quits, Enter takes the item under the
 * pointer (Continue when none). A choice closes the menu. A click that
 * was already held when the menu opened is not a click. */
enum app_menu_choice app_menu_update(struct app_menu *m, const struct app_menu_input *in);
/* Lays the panel out centred in a w x h window; line_h is the text's line
 * height in pixels. Pure arithmetic, so tests can click on items. */
void app_menu_layout(struct app_menu *m, float w, float h, float line_h);
/* Lays out and draws the open menu. */
void app_menu_draw(struct app_menu *m, const struct ui_font *f, struct ui_quads *q, enum app_lang lang, float w,
                   float h, float scale);

#endif
