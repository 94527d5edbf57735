/* app_start.h — the start panel of `paja run SCENARIO` on the desktop when
 * no --trainee was given: the scenario's title, mode and language to pick,
 * the trainee id to type, and Start. The record starts only when Start is
 * pressed, so a trainee who walks away from the panel leaves no record.
 * The state logic is pure (synthetic input in, a result out) for tests. */
#ifndef PAJA_APP_START_H
#define PAJA_APP_START_H

#include "app.h"
#include "ui.h"

#include <stdbool.h>

enum app_start_item { APP_START_PANEL, APP_START_MODE, APP_START_LANG, APP_START_TRAINEE, APP_START_GO,
                      APP_START_ITEM_COUNT };
enum app_start_result { APP_START_WAIT, APP_START_BEGIN, APP_START_QUIT };

struct app_start_input {
    bool esc;            /* quit without a record */
    const char *text;    /* typed text: goes into the trainee id */
    bool backspace, enter;
    bool next_mode, next_lang; /* F2, F3 */
    float x, y;          /* pointer, window pixels */
    bool button;         /* left button held (a click is its press) */
};

#define APP_TRAINEE_MAX 64
struct app_start {
    int mode;            /* enum scenario_mode */
    bool mode_locked;    /* session.mode_lock: the mode row shows it, F2 and clicks change nothing */
    enum app_lang lang;
    char trainee[APP_TRAINEE_MAX + 1]; /* empty: the session's default (login name) */
    bool button_was_down;
    int hover;           /* enum app_start_item under the pointer */
    struct ui_rectf items[APP_START_ITEM_COUNT]; /* last layout, for hit tests */
};

void app_start_init(struct app_start *s, int mode, enum app_lang lang);
/* Typed characters outside the trainee id's set (letters, digits, . _ @ -)
 * are ignored, and so is typing past 64; clicking the mode or language row
 * (or F2, F3) steps to the next one; Enter or a click on Start begins. */
enum app_start_result app_start_update(struct app_start *s, const struct app_start_input *in);
/* Centred layout in a w x h window with text lines line_h pixels high. */
void app_start_layout(struct app_start *s, float w, float h, float line_h);
void app_start_draw(struct app_start *s, const struct ui_font *f, struct ui_quads *q, const char *title, float w,
                    float h, float scale);

#endif
