/* ui_panel.c — quad lists, rectangles and text panels (see ui.h). */
#include "ui.h"

#include "arena.h"

#include <stdlib.h>

void ui_quads_reset(struct ui_quads *q)
{
    q->n = 0;
}

void ui_quads_free(struct ui_quads *q)
{
    free(q->v);
    q->v = NULL;
    q->n = q->cap = 0;
}

struct screen_quad *ui_quads_push(struct ui_quads *q)
{
    if (q->n == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 256;
        q->v = xrealloc(q->v, q->cap * sizeof *q->v);
    }
    return &q->v[q->n++];
}

void ui_rect(const struct ui_font *f, struct ui_quads *q, float x0, float y0, float x1, float y1,
             const float color[4])
{
    struct screen_quad *qd = ui_quads_push(q);
    *qd = (struct screen_quad){x0, y0, x1, y1, f->white_u, f->white_v, f->white_u, f->white_v,
                           {color[0], color[1], color[2], color[3]}};
}

struct ui_rectf ui_panel_text(const struct ui_font *f, struct ui_quads *q, const char *text, enum ui_anchor anchor,
                              float screen_w, float screen_h, float scale, const float text_color[4],
                              const float bg_color[4])
{
    float pad = 0.5f * f->pixel_height * scale, margin = pad;
    float lines = 1.0f;
    for (const char *p = text; *p; p++)
        if (*p == '\n') lines += 1.0f;
    float w = ui_text_width(f, text, scale) + 2.0f * pad;
    float h = lines * ui_font_line_height(f, scale) + 2.0f * pad;
    float x = margin, y = margin;
    switch (anchor) {
    case UI_ANCHOR_TOP_LEFT: break;
    case UI_ANCHOR_TOP_RIGHT: x = screen_w - margin - w; break;
    case UI_ANCHOR_BOTTOM_LEFT: y = screen_h - margin - h; break;
    case UI_ANCHOR_BOTTOM_RIGHT: x = screen_w - margin - w; y = screen_h - margin - h; break;
    case UI_ANCHOR_CENTER: x = 0.5f * (screen_w - w); y = 0.5f * (screen_h - h); break;
    }
    struct ui_rectf r = {x, y, x + w, y + h};
    ui_rect(f, q, r.x0, r.y0, r.x1, r.y1, bg_color);
    ui_text(f, q, text, x + pad, y + pad, scale, text_color);
    return r;
}

bool ui_rect_contains(struct ui_rectf r, float x, float y)
{
    return x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1;
}
