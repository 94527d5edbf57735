/* app_start.c — the start panel (see app_start.h). */
#include "app_start.h"

#include "scenario.h"

#include <stdio.h>
#include <string.h>

void app_start_init(struct app_start *s, int mode, enum app_lang lang)
{
    memset(s, 0, sizeof *s);
    s->mode = mode;
    s->lang = lang;
}

/* The same set `paja run --trainee` accepts: the id goes into file names
 * and xAPI accounts. */
static bool id_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '@' || c == '-';
}

static void next_mode(struct app_start *s)
{
    if (s->mode_locked) return; /* the institution chose the class's mode */
    s->mode = (s->mode + 1) % SCENARIO_MODE_COUNT;
}

static void next_lang(struct app_start *s)
{
    s->lang = (enum app_lang)((s->lang + 1) % APP_LANG_COUNT);
}

enum app_start_result app_start_update(struct app_start *s, const struct app_start_input *in)
{
    bool pressed = in->button && !s->button_was_down;
    s->button_was_down = in->button;
    s->hover = APP_START_PANEL;
    for (int i = APP_START_MODE; i < APP_START_ITEM_COUNT; i++)
        if (ui_rect_contains(s->items[i], in->x, in->y)) s->hover = i;
    if (in->esc) return APP_START_QUIT;
    size_t n = strlen(s->trainee);
    for (const char *t = in->text; t && *t; t++)
        if (id_char(*t) && n < APP_TRAINEE_MAX) s->trainee[n++] = *t;
    s->trainee[n] = '\0';
    if (in->backspace && n > 0) s->trainee[n - 1] = '\0';
    if (in->next_mode) next_mode(s);
    if (in->next_lang) next_lang(s);
    if (pressed && s->hover == APP_START_MODE) next_mode(s);
    if (pressed && s->hover == APP_START_LANG) next_lang(s);
    if (in->enter || (pressed && s->hover == APP_START_GO)) return APP_START_BEGIN;
    return APP_START_WAIT;
}

void app_start_layout(struct app_start *s, float w, float h, float line_h)
{
    /* Title, three rows and the Start button, each row a line and a half;
     * the keys line below. Wide enough for a long scenario title. */
    float rw = 24.0f * line_h, rh = 1.5f * line_h, gap = 0.4f * line_h, pad = line_h;
    if (rw > w - 2.0f * pad) rw = w - 2.0f * pad;
    float pw = rw + 2.0f * pad, ph = pad + line_h + gap + 4.0f * (rh + gap) + line_h + pad;
    float x0 = 0.5f * (w - pw), y0 = 0.5f * (h - ph);
    s->items[APP_START_PANEL] = (struct ui_rectf){x0, y0, x0 + pw, y0 + ph};
    float y = y0 + pad + line_h + gap;
    for (int i = APP_START_MODE; i < APP_START_ITEM_COUNT; i++) {
        float bw = i == APP_START_GO ? 0.4f * rw : rw;
        s->items[i] = (struct ui_rectf){x0 + pad, y, x0 + pad + bw, y + rh};
        y += rh + gap;
    }
}

void app_start_draw(struct app_start *s, const struct ui_font *f, struct ui_quads *q, const char *title, float w,
                    float h, float scale)
{
    static const enum app_text_id MODE[SCENARIO_MODE_COUNT] = {TXT_MODE_GUIDED, TXT_MODE_PRACTICE, TXT_MODE_EXAM};
    const float bg[4] = {0.02f, 0.03f, 0.05f, 0.92f}, row[4] = {0.16f, 0.18f, 0.22f, 1.0f};
    const float hot[4] = {0.35f, 0.28f, 0.12f, 1.0f}, go[4] = {0.15f, 0.42f, 0.22f, 1.0f};
    const float white[4] = {1.0f, 1.0f, 1.0f, 1.0f}, accent[4] = {1.0f, 0.78f, 0.35f, 1.0f};
    const float grey[4] = {0.7f, 0.72f, 0.76f, 1.0f};
    enum app_lang L = s->lang;
    float lh = ui_font_line_height(f, scale);
    app_start_layout(s, w, h, lh);
    struct ui_rectf p = s->items[APP_START_PANEL];
    ui_rect(f, q, p.x0, p.y0, p.x1, p.y1, bg);
    ui_text(f, q, title, p.x0 + lh, p.y0 + lh, scale, accent);
    char line[256];
    for (int i = APP_START_MODE; i < APP_START_ITEM_COUNT; i++) {
        struct ui_rectf r = s->items[i];
        ui_rect(f, q, r.x0, r.y0, r.x1, r.y1, s->hover == i ? hot : i == APP_START_GO ? go : row);
        switch (i) {
        case APP_START_MODE:
            snprintf(line, sizeof line, "%s%s%s", app_text(L, s->mode_locked ? TXT_START_MODE_LOCKED : TXT_START_MODE),
                     app_text(L, MODE[s->mode >= 0 && s->mode < SCENARIO_MODE_COUNT ? s->mode : 1]),
                     s->mode_locked ? app_text(L, TXT_START_LOCKED_BY) : "");
            break;
        case APP_START_LANG:
            snprintf(line, sizeof line, "%s%s", app_text(L, TXT_START_LANG), app_text(L, TXT_LANG_NAME));
            break;
        case APP_START_TRAINEE:
            /* The underscore is the text cursor: typing always goes here. */
            snprintf(line, sizeof line, "%s%s_", app_text(L, TXT_START_TRAINEE), s->trainee);
            break;
        default: snprintf(line, sizeof line, "%s", app_text(L, TXT_START_BUTTON)); break;
        }
        ui_text(f, q, line, r.x0 + 0.5f * lh, r.y0 + 0.25f * lh, scale, white);
    }
    ui_text(f, q, app_text(L, TXT_START_KEYS), p.x0 + lh, s->items[APP_START_GO].y1 + 0.4f * lh, scale * 0.8f, grey);
}
