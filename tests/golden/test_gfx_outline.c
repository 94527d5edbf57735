/* test_gfx_outline.c — gfx_draw_outlines checked on pixels (headless
 * llvmpipe through SDL offscreen), without reference images. The
 * silhouette is taken from a render of the same scene without the outline
 * (unlit boxes on black), and every pixel is judged by its distance to it:
 * inside it nothing changes, within the width the band has the colour, well
 * beyond it nothing changes. Covers the hidden part's outline at
 * occluded_alpha (and none at 0), touching boxes sharing one outline, n = 0
 * changing nothing, a box reaching behind the eye, boxes far apart (each
 * worked on in its own rectangle), boxes whose rectangles overlap, more
 * boxes than the outline keeps rectangles for, a 4x MSAA target, and
 * draws after the outline (screen and world quads, lines, meshes) still
 * working. Exit 77 when no GL context can be made. */
#include "gfx.h"
#include "gl_test.h"
#include "platform.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 128
#define H 128


struct ctx {
    struct gfx *g;
    struct gfx_target *t; /* the one in use: single-sample or MSAA */
    struct gfx_target t1, t4;
    struct gfx_view view;
    struct gfx_mesh box;
    struct gfx_material blue, red;
    struct gfx_texture white;
};

static const float YELLOW[4] = {1, 1, 0, 1}; /* linear; sRGB 255 255 0 */

/* The eye at the origin looking down -z, 60 degrees, clearing to black. */
static void view_make(struct ctx *c)
{
    struct gfx_view *v = &c->view;
    memset(v, 0, sizeof *v);
    glm_mat4_identity(v->view_from_world);
    glm_perspective(glm_rad(60.0f), (float)W / H, 0.1f, 50.0f, v->clip_from_view);
    glm_vec4_copy((vec4){0, 0, 0, 1}, v->clear_color);
    glm_vec3_copy((vec3){0, 0, 1}, v->light_direction);
}

static struct gfx_pbr_draw box_at(const struct ctx *c, float x, float y, float z, const struct gfx_material *m)
{
    struct gfx_pbr_draw d = {.mesh = c->box, .material = m};
    glm_translate_make(d.world_from_model, (vec3){x, y, z});
    return d;
}

/* One frame: the scene's boxes, then (when outline is given) the outline of
 * `outlined`, then optionally more drawing after it. */
struct frame {
    const struct gfx_pbr_draw *scene;
    size_t scene_n;
    const struct gfx_pbr_draw *outlined;
    size_t outlined_n;
    bool outline;
    float width, occluded_alpha;
    bool draw_after; /* screen quad, world quad, line and a box after it */
};

static void render(struct ctx *c, const struct frame *f, uint8_t *px)
{
    gfx_pass_begin(c->g, c->t, &c->view);
    gfx_draw_pbr(c->g, f->scene, f->scene_n, false);
    if (f->outline) gfx_draw_outlines(c->g, f->outlined, f->outlined_n, YELLOW, f->width, f->occluded_alpha);
    if (f->draw_after) {
        /* A green square in the top-left corner, on the screen. */
        struct screen_quad q = {.x0 = 4, .y0 = 4, .x1 = 20, .y1 = 20, .u0 = 0, .v0 = 0, .u1 = 1, .v1 = 1,
                                .color = {0, 1, 0, 1}};
        gfx_draw_quads(c->g, c->white, &q, 1);
        /* A magenta panel across the bottom, 5 m away: behind the box at
         * (0, -0.9, -4), which must hide its middle. */
        mat4 panel;
        glm_translate_make(panel, (vec3){-2.0f, -0.6f, -5.0f});
        struct screen_quad pq = {.x0 = 0, .y0 = 0, .x1 = 400, .y1 = 100, .u1 = 1, .v1 = 1, .color = {1, 0, 1, 1}};
        gfx_draw_quads_world(c->g, c->white, &pq, 1, (const vec4 *)panel, 0.01f, false);
        /* A white line across the top. */
        struct gfx_line l = {.a = {-3, 1.3f, -4}, .b = {3, 1.3f, -4}, .color = {1, 1, 1, 1}};
        gfx_draw_lines(c->g, &l, 1, 3.0f);
        /* And a red box on the right, 3 m away. */
        struct gfx_pbr_draw d = box_at(c, 1.1f, 0.3f, -3.0f, &c->red);
        gfx_draw_pbr(c->g, &d, 1, false);
    }
    gfx_pass_end(c->g);
    gfx_target_read_rgba(c->g, c->t, px);
}

static const uint8_t *at(const uint8_t *px, int x, int y)
{
    return px + ((size_t)y * W + (size_t)x) * 4;
}

static bool near_rgb(const uint8_t *p, int r, int g, int b, int tol)
{
    return abs(p[0] - r) <= tol && abs(p[1] - g) <= tol && abs(p[2] - b) <= tol;
}

static bool same_rgb(const uint8_t *a, const uint8_t *b)
{
    return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
}

/* Distance from each pixel to the nearest pixel where in[] is set, searched
 * within SEARCH pixels (every judgement needs less); SEARCH + 1 beyond. */
#define SEARCH 12
static void distance_to(const bool *in, float *out)
{
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            int best = (SEARCH + 1) * (SEARCH + 1);
            for (int v = y - SEARCH; v <= y + SEARCH; v++)
                for (int u = x - SEARCH; u <= x + SEARCH; u++)
                    if (u >= 0 && v >= 0 && u < W && v < H && in[v * W + u]) {
                        int d = (u - x) * (u - x) + (v - y) * (v - y);
                        if (d < best) best = d;
                    }
            out[y * W + x] = sqrtf((float)best);
        }
    }
}

static bool g_edge[W * H];

/* Pixels of the given colour (the unlit boxes' sRGB output), more than half
 * way there so MSAA's blended edges count by majority. Those edge pixels
 * (partly covered, blended with black) go in g_edge too: whether the
 * single-sample mask covers them depends on which samples they are, so the
 * band may or may not start there and judge() leaves them out. */
static void silhouette(const uint8_t *px, int r, int g, int b, bool *out)
{
    for (int i = 0; i < W * H; i++) {
        const uint8_t *p = px + (size_t)i * 4;
        out[i] = abs(p[0] - r) < 128 && abs(p[1] - g) < 128 && abs(p[2] - b) < 128;
        int level = r ? p[0] : g ? p[1] : p[2];
        g_edge[i] = level > 12 && level < 243;
    }
}

/* Judges `with` against `without` (the same frame without the outline),
 * leaving out g_edge's pixels: pixels of the outlined silhouette (d_sil 0)
 * and pixels beyond width + 2 are unchanged; pixels within width - 1 of its
 * visible part (d_vis) are the band's yellow; within width - 1 of the
 * silhouette but farther than width + 2 from its visible part they are
 * yellow at occluded_alpha over what was there. Returns how many of those
 * last there were. */
static int judge(const char *what, const uint8_t *with, const uint8_t *without, const float *d_sil,
                 const float *d_vis, float width, float occluded_alpha)
{
    int inside = 0, far = 0, band_bad = 0, hidden_bad = 0, band = 0, hidden = 0;
    for (int i = 0; i < W * H; i++) {
        const uint8_t *p = with + (size_t)i * 4, *q = without + (size_t)i * 4;
        if (g_edge[i]) continue;
        if (d_sil[i] == 0.0f) {
            inside += !same_rgb(p, q);
        } else if (d_sil[i] > width + 2.0f) {
            far += !same_rgb(p, q);
        } else if (d_vis[i] <= width - 1.0f) {
            band++;
            if (!near_rgb(p, 255, 255, 0, 3)) {
                if (!band_bad) printf("%s: band pixel (%d, %d) is %d %d %d\n", what, i % W, i / W, p[0], p[1], p[2]);
                band_bad++;
            }
        } else if (d_sil[i] <= width - 1.0f && d_vis[i] > width + 2.0f) {
            hidden++;
            int r = (int)lroundf(255.0f * occluded_alpha + (float)q[0] * (1.0f - occluded_alpha));
            int g = (int)lroundf(255.0f * occluded_alpha + (float)q[1] * (1.0f - occluded_alpha));
            int b = (int)lroundf((float)q[2] * (1.0f - occluded_alpha));
            hidden_bad += !near_rgb(p, r, g, b, 3);
        }
    }
    CHECK(inside == 0, "%s: %d pixels inside the silhouette changed", what, inside);
    CHECK(far == 0, "%s: %d pixels farther than width + 2 from the silhouette changed", what, far);
    CHECK(band > 0 && band_bad == 0, "%s: %d of %d band pixels are not the outline's colour", what, band_bad,
          band);
    CHECK(hidden_bad == 0, "%s: %d of %d pixels around the hidden part are not at occluded_alpha %g", what,
          hidden_bad, hidden, occluded_alpha);
    return hidden;
}

static uint8_t g_with[W * H * 4], g_without[W * H * 4], g_alone[W * H * 4];
static bool g_sil[W * H], g_vis[W * H];
static float g_d_sil[W * H], g_d_vis[W * H];

static void box_gets_a_band_all_round(struct ctx *c, const char *target)
{
    struct gfx_pbr_draw d = box_at(c, 0.1f, 0.2f, -4.0f, &c->blue);
    struct frame f = {.scene = &d, .scene_n = 1, .outlined = &d, .outlined_n = 1};
    render(c, &f, g_without);
    silhouette(g_without, 0, 0, 255, g_sil);
    distance_to(g_sil, g_d_sil);
    const float widths[2] = {3.0f, 6.0f};
    for (int i = 0; i < 2; i++) {
        char what[96];
        snprintf(what, sizeof what, "%s, one box, width %g", target, widths[i]);
        f.outline = true;
        f.width = widths[i];
        f.occluded_alpha = 0.5f;
        render(c, &f, g_with);
        judge(what, g_with, g_without, g_d_sil, g_d_sil, widths[i], 0.5f);
    }
    /* n = 0, or only draws without a mesh: nothing at all changes. */
    struct gfx_pbr_draw none = {.mesh = {0}};
    glm_mat4_identity(none.world_from_model);
    struct frame empty[2] = {{.scene = &d, .scene_n = 1, .outlined = &d, .outlined_n = 0, .outline = true,
                              .width = 3.0f, .occluded_alpha = 1.0f},
                             {.scene = &d, .scene_n = 1, .outlined = &none, .outlined_n = 1, .outline = true,
                              .width = 3.0f, .occluded_alpha = 1.0f}};
    for (int k = 0; k < 2; k++) {
        render(c, &empty[k], g_with);
        CHECK(memcmp(g_with, g_without, sizeof g_with) == 0, "%s: an outline of %s changed the image", target,
              k ? "a draw with no mesh" : "no draws");
    }
}

static void box_through_the_eye_plane(struct ctx *c, const char *target)
{
    /* Boxes that reach behind the eye: their corners there cannot be
     * projected, yet the part in view gets its band like any other. A cube
     * beside the eye, and a long thin one passing just below and right of
     * it, whose far end is a speck in the middle of the view but whose near
     * part streaks to the corner of the screen. */
    struct gfx_pbr_draw d[2] = {box_at(c, 0.7f, 0.0f, -0.4f, &c->blue), box_at(c, 0.15f, -0.15f, -1.5f, &c->blue)};
    glm_scale(d[1].world_from_model, (vec3){0.2f, 0.2f, 4.0f});
    for (int i = 0; i < 2; i++) {
        struct frame f = {.scene = &d[i], .scene_n = 1, .outlined = &d[i], .outlined_n = 1};
        render(c, &f, g_without);
        silhouette(g_without, 0, 0, 255, g_sil);
        distance_to(g_sil, g_d_sil);
        f.outline = true;
        f.width = 3.0f;
        f.occluded_alpha = 0.5f;
        render(c, &f, g_with);
        char what[96];
        snprintf(what, sizeof what, "%s, %s through the eye plane", target, i ? "long box" : "box");
        judge(what, g_with, g_without, g_d_sil, g_d_sil, f.width, 0.5f);
    }
}

static void hidden_part_at_occluded_alpha(struct ctx *c, const char *target)
{
    /* A blue box, the right half of which hides behind a red box nearer the
     * eye that is tall enough to lie behind its outline there too. */
    struct gfx_pbr_draw a = box_at(c, 0.0f, 0.0f, -4.0f, &c->blue);
    struct gfx_pbr_draw scene[2] = {a, box_at(c, 0.5f, 0.0f, -2.5f, &c->red)};
    struct frame alone = {.scene = &a, .scene_n = 1};
    render(c, &alone, g_alone);
    silhouette(g_alone, 0, 0, 255, g_sil);
    distance_to(g_sil, g_d_sil);
    struct frame f = {.scene = scene, .scene_n = 2, .outlined = &a, .outlined_n = 1, .width = 3.0f};
    render(c, &f, g_without);
    static bool edge[W * H];
    memcpy(edge, g_edge, sizeof edge);
    silhouette(g_without, 0, 0, 255, g_vis);
    memcpy(g_edge, edge, sizeof edge); /* the outlined box's own edges */
    distance_to(g_vis, g_d_vis);
    const float alphas[2] = {0.5f, 0.0f};
    for (int i = 0; i < 2; i++) {
        char what[96];
        snprintf(what, sizeof what, "%s, half hidden, occluded_alpha %g", target, alphas[i]);
        f.outline = true;
        f.occluded_alpha = alphas[i];
        render(c, &f, g_with);
        int hidden = judge(what, g_with, g_without, g_d_sil, g_d_vis, f.width, alphas[i]);
        CHECK(hidden > 20, "%s: only %d pixels around the hidden part to judge", what, hidden);
    }
}

static void touching_boxes_share_one_outline(struct ctx *c, const char *target)
{
    /* Side by side, off the view's axis so one's side face shows: the seam
     * between them is inside the union's silhouette and gets no line. */
    struct gfx_pbr_draw d[2] = {box_at(c, -0.7f, 0.2f, -4.0f, &c->blue), box_at(c, 0.3f, 0.2f, -4.0f, &c->blue)};
    struct frame f = {.scene = d, .scene_n = 2, .outlined = d, .outlined_n = 2};
    render(c, &f, g_without);
    silhouette(g_without, 0, 0, 255, g_sil);
    distance_to(g_sil, g_d_sil);
    f.outline = true;
    f.width = 3.0f;
    f.occluded_alpha = 0.5f;
    render(c, &f, g_with);
    char what[96];
    snprintf(what, sizeof what, "%s, two touching boxes", target);
    judge(what, g_with, g_without, g_d_sil, g_d_sil, f.width, 0.5f);
}

/* The outline (judged as one box's) of the given boxes, all in the scene
 * and all outlined, at width 3 and 6. */
static void judge_boxes(struct ctx *c, const char *target, const char *name, const struct gfx_pbr_draw *d, size_t n)
{
    struct frame f = {.scene = d, .scene_n = n, .outlined = d, .outlined_n = n};
    render(c, &f, g_without);
    silhouette(g_without, 0, 0, 255, g_sil);
    distance_to(g_sil, g_d_sil);
    const float widths[2] = {3.0f, 6.0f};
    for (int i = 0; i < 2; i++) {
        char what[96];
        snprintf(what, sizeof what, "%s, %s, width %g", target, name, widths[i]);
        f.outline = true;
        f.width = widths[i];
        f.occluded_alpha = 0.5f;
        render(c, &f, g_with);
        judge(what, g_with, g_without, g_d_sil, g_d_sil, widths[i], 0.5f);
    }
}

static void far_apart_boxes_both_outlined(struct ctx *c, const char *target)
{
    /* Near the left and right edges, some 30 px apart: each gets its own
     * rectangle. Both bands must be whole, so judge() is not satisfied by
     * one of them: count the band's pixels on each side too (judge_boxes
     * leaves the last frame, width 6, in g_with). */
    struct gfx_pbr_draw d[2] = {box_at(c, -1.3f, 0.2f, -5.0f, &c->blue), box_at(c, 1.3f, -0.2f, -5.0f, &c->blue)};
    judge_boxes(c, target, "boxes far apart", d, 2);
    int side[2] = {0, 0};
    for (int i = 0; i < W * H; i++)
        if (g_d_sil[i] > 0.0f && g_d_sil[i] <= 5.0f && !g_edge[i] && near_rgb(g_with + (size_t)i * 4, 255, 255, 0, 3))
            side[i % W >= W / 2]++;
    CHECK(side[0] > 100 && side[1] > 100, "%s, boxes far apart: %d band pixels on the left, %d on the right", target,
          side[0], side[1]);
}

static void boxes_close_together(struct ctx *c, const char *target)
{
    /* Diagonal neighbours, the lower right one nearer and over the other's
     * corner: their rectangles overlap only partly, and the union's outline
     * runs through the overlap without a gap or a double blend. */
    struct gfx_pbr_draw d[2] = {box_at(c, -0.4f, 0.35f, -4.0f, &c->blue), box_at(c, 0.4f, -0.35f, -3.6f, &c->blue)};
    judge_boxes(c, target, "boxes with overlapping rectangles", d, 2);
    /* And apart by less than two widths: the bands meet between them. */
    struct gfx_pbr_draw e[2] = {box_at(c, -0.6f, 0.55f, -4.0f, &c->blue), box_at(c, 0.6f, -0.55f, -4.0f, &c->blue)};
    judge_boxes(c, target, "boxes with meeting bands", e, 2);
    /* Apart by a little more: at width 3 the band rectangles stay a few
     * pixels apart while the wider ones the earlier steps read overlap. */
    struct gfx_pbr_draw f[2] = {box_at(c, -0.9f, 0.0f, -5.0f, &c->blue), box_at(c, 0.9f, 0.0f, -5.0f, &c->blue)};
    judge_boxes(c, target, "boxes a band apart", f, 2);
}

static void more_boxes_than_rects(struct ctx *c, const char *target)
{
    /* Twelve small boxes in a 4 x 3 grid, apart enough for a rectangle
     * each: more than the outline keeps, so they share one. */
    struct gfx_pbr_draw d[12];
    for (int i = 0; i < 12; i++) {
        d[i] = box_at(c, -1.95f + 1.3f * (float)(i % 4), -1.3f + 1.3f * (float)(i / 4), -5.0f, &c->blue);
        glm_scale(d[i].world_from_model, (vec3){0.35f, 0.35f, 0.35f});
    }
    judge_boxes(c, target, "twelve boxes", d, 12);
}

static void draws_after_it_still_work(struct ctx *c, const char *target)
{
    /* The same frame with and without the outline, with a screen quad, a
     * world panel, a line and a box drawn after it: away from the outline
     * the two match, and what came after is there. */
    struct gfx_pbr_draw d = box_at(c, 0.0f, -0.9f, -4.0f, &c->blue);
    struct frame f = {.scene = &d, .scene_n = 1, .outlined = &d, .outlined_n = 1, .draw_after = true};
    render(c, &f, g_without);
    struct frame alone = {.scene = &d, .scene_n = 1};
    render(c, &alone, g_alone);
    silhouette(g_alone, 0, 0, 255, g_sil);
    distance_to(g_sil, g_d_sil);
    f.outline = true;
    f.width = 3.0f;
    f.occluded_alpha = 1.0f;
    render(c, &f, g_with);
    int differ = 0;
    for (int i = 0; i < W * H; i++) differ += g_d_sil[i] > 5.0f && !same_rgb(g_with + i * 4, g_without + i * 4);
    CHECK(differ == 0, "%s: %d pixels away from the outline differ when it is drawn", target, differ);
    CHECK(near_rgb(at(g_with, 12, 12), 0, 255, 0, 3), "%s: the screen quad after the outline is missing", target);
    CHECK(near_rgb(at(g_with, 25, 90), 255, 0, 255, 3), "%s: the world panel after the outline is missing", target);
    CHECK(near_rgb(at(g_with, W / 2, 95), 0, 0, 255, 3), "%s: the panel shows through the box", target);
    CHECK(near_rgb(at(g_with, 100, 50), 255, 0, 0, 3), "%s: the box after the outline is missing", target);
    int line = 0;
    for (int y = 0; y < H / 2; y++) line += near_rgb(at(g_with, 30, y), 255, 255, 255, 3);
    CHECK(line >= 2, "%s: the line after the outline is missing", target);
}

int main(void)
{
    static struct ctx c;
    struct plat *p = gl_test_start("gfx_outline", W, H, &c.g);
    if (!gfx_target_init(c.g, &c.t1, W, H, 1) || !gfx_target_init(c.g, &c.t4, W, H, 4)) {
        printf("FAIL: no %dx%d targets\n", W, H);
        return 1;
    }
    c.box = gl_test_cube(c.g);
    struct gfx_material *mats[2] = {&c.blue, &c.red};
    const vec4 colors[2] = {{0, 0, 1, 1}, {1, 0, 0, 1}};
    for (int i = 0; i < 2; i++) {
        gfx_material_default(mats[i]);
        mats[i]->unlit = true;
        /* The mask ignores materials and draws both faces; so does the
         * scene then, which matters where the near plane opens a box. */
        mats[i]->double_sided = true;
        glm_vec4_copy((float *)colors[i], mats[i]->base_color);
    }
    const uint8_t white = 255;
    c.white = gfx_texture_create_r8(c.g, 1, 1, &white);
    view_make(&c);

    struct gfx_target *targets[2] = {&c.t1, &c.t4};
    for (int i = 0; i < 2; i++) {
        c.t = targets[i];
        char name[32];
        snprintf(name, sizeof name, "%dx", c.t->samples);
        box_gets_a_band_all_round(&c, name);
        box_through_the_eye_plane(&c, name);
        hidden_part_at_occluded_alpha(&c, name);
        touching_boxes_share_one_outline(&c, name);
        far_apart_boxes_both_outlined(&c, name);
        boxes_close_together(&c, name);
        more_boxes_than_rects(&c, name);
        draws_after_it_still_work(&c, name);
    }

    gfx_target_fini(c.g, &c.t1);
    gfx_target_fini(c.g, &c.t4);
    return gl_test_finish("gfx_outline", &p, &c.g);
}
