/* app_menu.c — the Esc menu (see app_menu.h). */
#include "app_menu.h"

#include <ctype.h>
#include <string.h>

static enum app_menu_choice choose(struct app_menu *m, enum app_menu_choice c)
{
    if (c != APP_MENU_NONE) m->open = false;
    return c;
}

enum app_menu_choice app_menu_update(struct app_menu *m, const struct app_menu_input *in)
{
    bool pressed = in->button && !m->button_was_down;
    m->button_was_down = in->button;
    if (!m->open) {
        if (in->esc) m->open = true;
        m->hover = APP_MENU_NONE;
        return APP_MENU_NONE;
    }
    m->hover = APP_MENU_NONE;
    for (int i = APP_MENU_CONTINUE; i < APP_MENU_CHOICE_COUNT; i++)
        if (ui_rect_contains(m->items[i], in->x, in->y)) m->hover = i;
    if (in->esc) return choose(m, APP_MENU_CONTINUE);
    /* Letters as typed, so they follow the keyboard layout the user sees. */
    for (const char *t = in->text; t && *t; t++) {
        int c = tolower((unsigned char)*t);
        if (c == 'r') return choose(m, APP_MENU_RESTART);
        if (c == 'q') return choose(m, APP_MENU_QUIT);
        if (c == 'c') return choose(m, APP_MENU_CONTINUE);
    }
    if (in->enter) return choose(m, m->hover != APP_MENU_NONE ? (enum app_menu_choice)m->hover : APP_MENU_CONTINUE);
    if (pressed && m->hover != APP_MENU_NONE) return choose(m, (enum app_menu_choice)m->hover);
    return APP_MENU_NONE;
}

void app_menu_layout(struct app_menu *m, float w, float h, float line_h)
{
    /* A title row and three buttons, each a line and a half tall, wide
     * enough for the longest label in any language. */
    float bw = 12.0f * line_h, bh = 1.5f * line_h, gap = 0.4f * line_h, pad = line_h;
    float pw = bw + 2.0f * pad, ph = pad + line_h + gap + 3.0f * (bh + gap) + pad - gap;
    float x0 = 0.5f * (w - pw), y0 = 0.5f * (h - ph);
    m->items[APP_MENU_NONE] = (struct ui_rectf){x0, y0, x0 + pw, y0 + ph};
    float y = y0 + pad + line_h + gap;
    for (int i = APP_MENU_CONTINUE; i < APP_MENU_CHOICE_COUNT; i++) {
        m->items[i] = (struct ui_rectf){x0 + pad, y, x0 + pad + bw, y + bh};
        y += bh + gap;
    }
}

void app_menu_draw(struct app_menu *m, const struct ui_font *f, struct ui_quads *q, enum app_lang lang, float w,
                   float h, float scale)
{
    static const enum app_text_id LABEL[APP_MENU_CHOICE_COUNT] = {
        [APP_MENU_CONTINUE] = TXT_MENU_CONTINUE, [APP_MENU_RESTART] = TXT_MENU_RESTART,
        [APP_MENU_QUIT] = TXT_MENU_QUIT};
    const float dim[4] = {0.0f, 0.0f, 0.0f, 0.45f}, bg[4] = {0.02f, 0.03f, 0.05f, 0.9f};
    const float button[4] = {0.16f, 0.18f, 0.22f, 1.0f}, hot[4] = {0.35f, 0.28f, 0.12f, 1.0f};
    const float white[4] = {1.0f, 1.0f, 1.0f, 1.0f}, accent[4] = {1.0f, 0.78f, 0.35f, 1.0f};
    float lh = ui_font_line_height(f, scale);
    app_menu_layout(m, w, h, lh);
    /* The scene stays visible but dimmed: the session is paused, not gone. */
    ui_rect(f, q, 0.0f, 0.0f, w, h, dim);
    struct ui_rectf p = m->items[APP_MENU_NONE];
    ui_rect(f, q, p.x0, p.y0, p.x1, p.y1, bg);
    ui_text(f, q, app_text(lang, TXT_MENU_TITLE), p.x0 + lh, p.y0 + lh, scale, accent);
    for (int i = APP_MENU_CONTINUE; i < APP_MENU_CHOICE_COUNT; i++) {
        struct ui_rectf r = m->items[i];
        ui_rect(f, q, r.x0, r.y0, r.x1, r.y1, m->hover == i ? hot : button);
        ui_text(f, q, app_text(lang, LABEL[i]), r.x0 + 0.5f * lh, r.y0 + 0.25f * lh, scale, white);
    }
}
