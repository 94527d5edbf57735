/* app_hud.h — screen-space panels of a scenario session (app-internal). */
#ifndef PAJA_APP_HUD_H
#define PAJA_APP_HUD_H

#include "ui.h"

struct app_session;

/* Appends the session's panels to q for a w x h screen: title and mode,
 * the current steps and a checklist (guided/practice), feedback lines,
 * what the ray points at (pointing, or NULL), the controls legend
 * (controls, or NULL when hidden) and, once finished, the end panel. */
void app_hud_session(const struct ui_font *f, struct ui_quads *q, struct app_session *s, const char *pointing,
                     const char *controls, int w, int h, float scale);

#endif
