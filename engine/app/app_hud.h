/* app_hud.h — a scenario session's texts laid out as panels (app-internal). */
#ifndef PAJA_APP_HUD_H
#define PAJA_APP_HUD_H

#include "ui.h"

struct app_session;

/* Appends the session's overlay to q for a w x h screen: title and mode,
 * the current steps (guided/practice), feedback lines still in their time,
 * what the ray points at (pointing, or NULL) and the controls legend
 * (controls, or NULL when hidden). */
void app_hud_session(const struct ui_font *f, struct ui_quads *q, struct app_session *s, const char *pointing,
                     const char *controls, int w, int h, float scale);
/* The procedure board: title, the current steps in full and every step
 * with its state (guided/practice; a notice in exams), laid out from (0, 0)
 * at the font's baked size; *out_w x *out_h is its size in pixels. */
void app_hud_board(const struct ui_font *f, struct ui_quads *q, struct app_session *s, float *out_w, float *out_h);
/* The end panel (result, score, the reasons, how to quit), centred on a
 * w x h canvas. */
void app_hud_end(const struct ui_font *f, struct ui_quads *q, struct app_session *s, int w, int h, float scale);

#endif
