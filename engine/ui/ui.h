/* ui.h — text and panels as plain quads.
 *
 * ui turns strings into textured quads over one glyph atlas (stb_truetype,
 * DejaVu Sans: all Finnish and Swedish letters) and lays out panels. It never
 * draws: gfx uploads the atlas once and draws the quads. Coordinates are in
 * pixels, origin top-left, y down (the app maps them to the screen or onto a
 * world-space panel).
 *
 *   struct ui_font f; ui_font_init(&f, ttf, ttf_size, 28.0f, err, sizeof err);
 *   struct ui_quads q = {0};
 *   ui_text(&f, &q, "Paina W liikkuaksesi", 20, 40, 1.0f, white);
 *   ... gfx draws q.v[0..q.n) with f.atlas ...
 */
#ifndef PAJA_UI_H
#define PAJA_UI_H

#include "types.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growable quad list (heap); reset every frame, freed at shutdown. */
struct ui_quads {
    struct screen_quad *v;
    size_t n, cap;
};

struct ui_glyph {
    uint32_t codepoint;
    float x0, y0, x1, y1; /* quad relative to the pen position on the baseline */
    float u0, v0, u1, v1;
    float advance;
};

#define UI_FONT_DIRECT 0x180u
struct ui_font {
    int atlas_w, atlas_h;
    uint8_t *atlas;       /* atlas_w*atlas_h coverage bytes; owned */
    float pixel_height;   /* the size glyphs were baked at */
    float ascent, descent, line_gap; /* pixels at scale 1 */
    struct ui_glyph *glyphs; /* sorted by codepoint; owned */
    size_t glyph_count;
    float white_u, white_v;  /* a fully covered texel for solid quads */
    /* Glyph index + 1 for code points below UI_FONT_DIRECT (0 = missing):
     * nearly every character of fi/en/sv text, looked up without a search
     * (the HUD lays out thousands of characters a frame). */
    uint16_t direct[UI_FONT_DIRECT];
};

/* Bakes the glyphs paja's texts need (Latin-1, Latin Extended-A and common
 * punctuation) from TrueType bytes. False with a message if the font cannot
 * be read. */
bool ui_font_init(struct ui_font *f, const uint8_t *ttf, size_t ttf_size, float pixel_height, char *err,
                  size_t err_size);
void ui_font_fini(struct ui_font *f);
/* The glyph for a code point; the replacement glyph ('?') if it is missing. */
const struct ui_glyph *ui_font_glyph(const struct ui_font *f, uint32_t codepoint);
/* Line height in pixels at scale. */
float ui_font_line_height(const struct ui_font *f, float scale);

/* Width in pixels of the widest line of UTF-8 text at scale. */
float ui_text_width(const struct ui_font *f, const char *text, float scale);
/* Appends quads for UTF-8 text; (x, y) is the top-left of the first line;
 * '\n' starts a new line. Returns the y just below the last line. */
float ui_text(const struct ui_font *f, struct ui_quads *q, const char *text, float x, float y, float scale,
              const float color[4]);

void ui_quads_reset(struct ui_quads *q);
void ui_quads_free(struct ui_quads *q);
struct screen_quad *ui_quads_push(struct ui_quads *q);
/* A solid rectangle (uses the font's white texel). */
void ui_rect(const struct ui_font *f, struct ui_quads *q, float x0, float y0, float x1, float y1,
             const float color[4]);

/* A text box on a translucent background: lines of text with padding,
 * anchored at a screen corner or centre. */
enum ui_anchor { UI_ANCHOR_TOP_LEFT, UI_ANCHOR_TOP_RIGHT, UI_ANCHOR_BOTTOM_LEFT, UI_ANCHOR_BOTTOM_RIGHT, UI_ANCHOR_CENTER };
struct ui_rectf { float x0, y0, x1, y1; };
struct ui_rectf ui_panel_text(const struct ui_font *f, struct ui_quads *q, const char *text, enum ui_anchor anchor,
                              float screen_w, float screen_h, float scale, const float text_color[4],
                              const float bg_color[4]);
/* Whether a pointer at (x, y) is inside r. */
bool ui_rect_contains(struct ui_rectf r, float x, float y);

/* World-space panels -------------------------------------------------------
 * The same pixel layouts, placed on a plane in the world (XR menus, labels on
 * parts); gfx_draw_quads_world draws them, ui_world_panel_hit turns a
 * pointer ray into panel pixels for ui_rect_contains. */

/* A panel in the world: a layout in panel pixels (origin top-left, y down,
 * as every ui function produces) on a plane. Pixel (x, y) is at
 * world_from_panel * (x * metres_per_px, -y * metres_per_px, 0, 1); the panel
 * faces its +z axis. */
struct ui_world_panel {
    mat4 world_from_panel;
    float metres_per_px;
    float width_px, height_px;
};
/* Where a ray (origin, direction; direction need not be unit length) meets
 * the panel, in panel pixels, and the distance along the normalised ray.
 * False when it misses: parallel, behind the origin, outside
 * [0,width_px) x [0,height_px), or hitting the back side (from behind).
 * Any of out_x, out_y, out_t may be NULL; a miss leaves them as they were. */
bool ui_world_panel_hit(const struct ui_world_panel *p, const vec3 origin, const vec3 dir, float *out_x,
                        float *out_y, float *out_t);
/* A panel of width_px x height_px pixels, centred distance metres in front of
 * the head along its view direction (-z of the pose), facing the head,
 * sized so that it spans fill (0..1] of the vertical field of view vfov
 * (radians) at that distance; upright: its x axis horizontal even when the
 * head rolls. */
void ui_world_panel_facing(struct ui_world_panel *p, const struct pose *head, float distance, float vfov,
                           float fill, float width_px, float height_px);
/* A panel centred on a world transform (e.g. a scene node): the node's +z
 * is the panel's normal, its +y the panel's up; width_m metres wide, height
 * from the pixel aspect. lift_m moves it along the normal (so text floats
 * just above a surface instead of z-fighting with it). A mat4 that is not
 * const itself needs a cast, (const vec4 *)m: C11 does not convert
 * pointers to arrays to pointers to const arrays. */
void ui_world_panel_on(struct ui_world_panel *p, const mat4 world_from_node, float width_m, float width_px,
                       float height_px, float lift_m);
/* The world position of panel pixel (x, y). */
void ui_world_panel_point(const struct ui_world_panel *p, float x, float y, vec3 out);

#endif
