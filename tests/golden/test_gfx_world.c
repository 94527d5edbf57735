/* test_gfx_world.c — gfx_draw_quads_world and gfx_draw_lines checked on
 * pixels (headless llvmpipe through SDL offscreen), without reference
 * images: a panel lands where the projection says and looks like the same
 * quad on the screen, the scene hides it unless on_top, text from the real
 * font reads the right way round on it (mapped back through
 * ui_world_panel_hit), lines keep their pixel width at any distance, come
 * out sRGB-encoded, hide behind meshes and survive an end behind the eye.
 * Exit 77 when no GL context can be made. */
#include "arena.h"
#include "fs.h"
#include "gfx.h"
#include "gl_test.h"
#include "platform.h"
#include "ui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 128
#define H 128


struct ctx {
    struct gfx *g;
    struct gfx_target t;
    struct gfx_view view;
    mat4 clip_from_world;
    struct ui_font font;
    struct gfx_texture atlas;
    struct gfx_mesh box;
    struct gfx_material box_mat;
    uint8_t px[W * H * 4];
};

static const float ORANGE[4] = {1.0f, 0.5f, 0.0f, 1.0f}; /* sRGB-encoded, as ui colours are */

/* The eye at the origin looking down -z, 60 degrees, clearing to black. */
static void view_make(struct ctx *c)
{
    struct gfx_view *v = &c->view;
    memset(v, 0, sizeof *v);
    glm_mat4_identity(v->view_from_world);
    glm_perspective(glm_rad(60.0f), (float)W / H, 0.1f, 50.0f, v->clip_from_view);
    glm_vec4_copy((vec4){0, 0, 0, 1}, v->clear_color);
    glm_vec3_copy((vec3){0, 0, 1}, v->light_direction);
    glm_mat4_mul(v->clip_from_view, v->view_from_world, c->clip_from_world);
}

static const uint8_t *at(const struct ctx *c, int x, int y)
{
    return c->px + ((size_t)y * W + (size_t)x) * 4;
}

static bool is_black(const uint8_t *p)
{
    return p[0] < 8 && p[1] < 8 && p[2] < 8;
}

static bool near_rgb(const uint8_t *p, int r, int g, int b)
{
    return abs(p[0] - r) <= 3 && abs(p[1] - g) <= 3 && abs(p[2] - b) <= 3;
}

/* The screen pixel (column, row from the top) a world point projects to. */
static void project(const struct ctx *c, const vec3 world, int *x, int *y)
{
    vec4 p = {world[0], world[1], world[2], 1.0f}, clip;
    glm_mat4_mulv((vec4 *)c->clip_from_world, p, clip);
    *x = (int)floorf((clip[0] / clip[3] * 0.5f + 0.5f) * W);
    *y = (int)floorf((0.5f - clip[1] / clip[3] * 0.5f) * H);
}

/* One frame: the box at box_at (when given), then a panel, then lines. */
struct frame {
    const float *box_at;
    const struct screen_quad *quads;
    size_t quad_count;
    const struct ui_world_panel *panel;
    bool on_top;
    const struct gfx_line *lines;
    size_t line_count;
    float line_width;
    bool screen_quads; /* draw the quads on the screen instead */
};

static void render(struct ctx *c, const struct frame *f)
{
    gfx_pass_begin(c->g, &c->t, &c->view);
    if (f->box_at) {
        struct gfx_pbr_draw d = {.mesh = c->box, .material = &c->box_mat};
        glm_translate_make(d.world_from_model, (float *)f->box_at);
        gfx_draw_pbr(c->g, &d, 1, false);
    }
    if (f->quad_count && f->screen_quads) {
        gfx_draw_quads(c->g, c->atlas, f->quads, f->quad_count);
    } else if (f->quad_count) {
        gfx_draw_quads_world(c->g, c->atlas, f->quads, f->quad_count, f->panel->world_from_panel,
                             f->panel->metres_per_px, f->on_top);
    }
    if (f->line_count) gfx_draw_lines(c->g, f->lines, f->line_count, f->line_width);
    gfx_pass_end(c->g);
    gfx_target_read_rgba(c->g, &c->t, c->px);
}

/* A 100 x 60 pixel panel 3 m ahead, turned 25 degrees about y, lifted a
 * little: nothing about it lines up with the screen's pixels. */
static void panel_make(struct ui_world_panel *p)
{
    mat4 node;
    glm_translate_make(node, (vec3){0.2f, 0.1f, -3.0f});
    glm_rotate(node, glm_rad(25.0f), (vec3){0, 1, 0});
    ui_world_panel_on(p, (const vec4 *)node, 1.2f, 100.0f, 60.0f, 0.0f);
}

static void solid_panel_lands_where_projected(struct ctx *c)
{
    struct ui_world_panel p;
    panel_make(&p);
    struct ui_quads q = {0};
    ui_rect(&c->font, &q, 0, 0, p.width_px, p.height_px, ORANGE);
    struct frame f = {.quads = q.v, .quad_count = q.n, .panel = &p};
    render(c, &f);
    /* Panel pixels well inside and well outside its edges (15 panel pixels
     * are about 6 screen pixels here), projected through the view. */
    const float inside[][2] = {{15, 15}, {85, 15}, {15, 45}, {85, 45}, {50, 30}};
    const float outside[][2] = {{-15, 30}, {115, 30}, {50, -15}, {50, 75}};
    for (size_t i = 0; i < sizeof inside / sizeof inside[0]; i++) {
        vec3 w;
        int x, y;
        ui_world_panel_point(&p, inside[i][0], inside[i][1], w);
        project(c, w, &x, &y);
        const uint8_t *px = at(c, x, y);
        CHECK(near_rgb(px, 255, 128, 0), "panel pixel (%g, %g) at (%d, %d) is %d %d %d, not orange",
              inside[i][0], inside[i][1], x, y, px[0], px[1], px[2]);
    }
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        vec3 w;
        int x, y;
        ui_world_panel_point(&p, outside[i][0], outside[i][1], w);
        project(c, w, &x, &y);
        CHECK(is_black(at(c, x, y)), "outside the panel (%g, %g) at (%d, %d) is drawn", outside[i][0],
              outside[i][1], x, y);
    }
    /* Translucent, it blends like the same quad on the screen does. */
    const float half[4] = {0.2f, 0.8f, 0.6f, 0.5f};
    ui_quads_reset(&q);
    ui_rect(&c->font, &q, 0, 0, p.width_px, p.height_px, half);
    render(c, &f);
    uint8_t world[4];
    memcpy(world, at(c, W / 2, H / 2), 4);
    ui_quads_reset(&q);
    ui_rect(&c->font, &q, 0, 0, W, H, half);
    struct frame s = {.quads = q.v, .quad_count = q.n, .screen_quads = true};
    render(c, &s);
    const uint8_t *screen = at(c, W / 2, H / 2);
    CHECK(near_rgb(world, screen[0], screen[1], screen[2]) && near_rgb(world, 26, 102, 77),
          "translucent world quad %d %d %d, on the screen %d %d %d, expected 26 102 77", world[0], world[1],
          world[2], screen[0], screen[1], screen[2]);
    ui_quads_free(&q);
}

static void scene_hides_panel_unless_on_top(struct ctx *c)
{
    struct ui_world_panel p;
    panel_make(&p);
    struct ui_quads q = {0};
    ui_rect(&c->font, &q, 0, 0, p.width_px, p.height_px, ORANGE);
    /* The box sits 2 m ahead, between the eye and the panel's middle but
     * clear of its top-left corner. */
    const float box_at[3] = {0.45f, 0.1f, -2.0f};
    vec3 mid, corner;
    ui_world_panel_point(&p, 50, 30, mid);
    ui_world_panel_point(&p, 8, 8, corner);
    int mx, my, cx, cy;
    project(c, mid, &mx, &my);
    project(c, corner, &cx, &cy);
    struct frame f = {.box_at = box_at, .quads = q.v, .quad_count = q.n, .panel = &p};
    render(c, &f);
    CHECK(near_rgb(at(c, mx, my), 0, 0, 255), "the box in front does not hide the panel's middle");
    CHECK(near_rgb(at(c, cx, cy), 255, 128, 0), "the panel's corner beside the box is not drawn");
    f.on_top = true;
    render(c, &f);
    CHECK(near_rgb(at(c, mx, my), 255, 128, 0), "an on_top panel is hidden by the box");
    /* Behind the panel the box stays hidden, depth-tested or not. */
    const float behind[3] = {0.2f, 0.1f, -6.0f};
    f.box_at = behind;
    f.on_top = false;
    render(c, &f);
    CHECK(near_rgb(at(c, mx, my), 255, 128, 0), "a box behind the panel shows through it");
    ui_quads_free(&q);
}

static void text_reads_right_way_round(struct ctx *c)
{
    /* Large glyphs facing the eye but turned: each lit screen pixel, traced
     * back onto the panel, must fall on a glyph's quad. Mirrored or
     * upside-down text would put the ink where the layout has none. */
    struct ui_world_panel p;
    mat4 node;
    glm_translate_make(node, (vec3){0.0f, 0.0f, -2.0f});
    glm_rotate(node, glm_rad(-20.0f), (vec3){0, 1, 0});
    ui_world_panel_on(&p, (const vec4 *)node, 1.8f, 160.0f, 40.0f, 0.0f);
    const float white[4] = {1, 1, 1, 1};
    struct ui_quads q = {0};
    ui_text(&c->font, &q, "PajA 7L", 4.0f, 2.0f, 1.0f, white);
    struct frame f = {.quads = q.v, .quad_count = q.n, .panel = &p};
    render(c, &f);
    mat4 world_from_clip;
    glm_mat4_inv(c->clip_from_world, world_from_clip);
    int lit = 0, off_glyph = 0;
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            if (at(c, x, y)[0] < 160) continue;
            lit++;
            vec4 ndc = {((float)x + 0.5f) / W * 2.0f - 1.0f, 1.0f - ((float)y + 0.5f) / H * 2.0f, 1.0f, 1.0f};
            vec4 far;
            glm_mat4_mulv(world_from_clip, ndc, far);
            vec3 dir = {far[0] / far[3], far[1] / far[3], far[2] / far[3]}, eye = {0, 0, 0};
            float u, v;
            bool on_glyph = false;
            if (ui_world_panel_hit(&p, eye, dir, &u, &v, NULL)) {
                for (size_t i = 0; i < q.n && !on_glyph; i++)
                    on_glyph = u >= q.v[i].x0 - 1.5f && u <= q.v[i].x1 + 1.5f && v >= q.v[i].y0 - 1.5f &&
                               v <= q.v[i].y1 + 1.5f;
            }
            off_glyph += !on_glyph;
        }
    }
    CHECK(lit > 150, "only %d text pixels drawn", lit);
    CHECK(off_glyph == 0, "%d of %d text pixels lie outside every glyph's quad", off_glyph, lit);
    ui_quads_free(&q);
}

/* Rows lit in column x, and the topmost one. */
static int lit_rows(const struct ctx *c, int x, int *first)
{
    int n = 0;
    *first = -1;
    for (int y = 0; y < H; y++) {
        if (is_black(at(c, x, y))) continue;
        if (*first < 0) *first = y;
        n++;
    }
    return n;
}

static void lines_keep_pixel_width_and_encoding(struct ctx *c)
{
    /* Linear 0.2140 is sRGB 0.5 (128): the encoding pbr.frag applies. */
    const float grey = 0.21404f;
    const float widths[2] = {3.0f, 8.0f};
    const float depths[2] = {-1.5f, -9.0f};
    for (int wi = 0; wi < 2; wi++) {
        for (int di = 0; di < 2; di++) {
            struct gfx_line l = {.a = {-3, 0.05f, depths[di]}, .b = {3, 0.05f, depths[di]},
                                 .color = {grey, grey, grey, 1}};
            struct frame f = {.lines = &l, .line_count = 1, .line_width = widths[wi]};
            render(c, &f);
            int first, n = lit_rows(c, W / 2 + 9, &first);
            CHECK(fabsf((float)n - widths[wi]) <= 1.0f, "a %g px line %g m away is %d px thick", widths[wi],
                  -depths[di], n);
            if (first >= 0)
                CHECK(near_rgb(at(c, W / 2 + 9, first + n / 2), 128, 128, 128), "line colour %d, not sRGB 128",
                      at(c, W / 2 + 9, first + n / 2)[0]);
        }
    }
}

static void lines_hide_behind_meshes(struct ctx *c)
{
    const float box_at[3] = {0.0f, 0.0f, -2.0f};
    struct gfx_line l[2] = {
        {.a = {-4, 0, -4}, .b = {4, 0, -4}, .color = {1, 0, 0, 1}},       /* behind the box */
        {.a = {0.2f, -1, -1}, .b = {0.2f, 1, -1}, .color = {0, 1, 0, 1}}, /* in front, upright */
    };
    struct frame f = {.box_at = box_at, .lines = l, .line_count = 2, .line_width = 4.0f};
    render(c, &f);
    vec3 hidden = {-0.2f, 0, -4}, beside = {-1.8f, 0, -4};
    int x, y;
    project(c, hidden, &x, &y);
    CHECK(near_rgb(at(c, x, y), 0, 0, 255), "the red line shows through the box");
    project(c, beside, &x, &y);
    CHECK(near_rgb(at(c, x, y), 255, 0, 0), "the red line beside the box is not drawn");
    vec3 front = {0.2f, 0.1f, -1};
    project(c, front, &x, &y);
    CHECK(near_rgb(at(c, x, y), 0, 255, 0), "the green line in front of the box is hidden");
}

/* Lit pixels, and how many of them stray more than 3 px from the ray that
 * starts at screen pixel (sx, sy) and heads along (dx, dy). */
static int lit_off_ray(const struct ctx *c, int sx, int sy, float dx, float dy, int *wrong)
{
    int lit = 0;
    *wrong = 0;
    float len = sqrtf(dx * dx + dy * dy);
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            if (is_black(at(c, x, y))) continue;
            lit++;
            float ox = (float)(x - sx), oy = (float)(y - sy);
            float along = len > 0 ? (ox * dx + oy * dy) / len : 0.0f;
            float off = len > 0 ? fabsf(-ox * dy + oy * dx) / len : sqrtf(ox * ox + oy * oy);
            if (along < -3.0f || off > 3.0f) (*wrong)++;
        }
    }
    return lit;
}

static void line_through_the_eye_plane_draws_its_visible_part(struct ctx *c)
{
    /* From 3 m ahead, down and right, to behind the eye or into its plane:
     * on screen it runs from its far end off to the bottom-right (right and
     * down in screen pixels). An end in the eye's plane (w = 0) cannot be
     * projected at all; clipped at the near plane it never has to be. */
    const float ends_z[2] = {5.0f, 0.0f};
    for (int i = 0; i < 2; i++) {
        struct gfx_line l[2] = {
            {.a = {0.3f, -0.2f, -3.0f}, .b = {0.3f, -0.2f, ends_z[i]}, .color = {1, 1, 1, 1}},
            {.a = {-1, 0.5f, 1.0f}, .b = {1, 0.5f, 2.0f}, .color = {1, 1, 1, 1}}, /* wholly behind */
        };
        struct frame f = {.lines = l, .line_count = 2, .line_width = 3.0f};
        render(c, &f);
        int sx, sy, wrong;
        project(c, l[0].a, &sx, &sy);
        int lit = lit_off_ray(c, sx, sy, 0.3f, 0.2f, &wrong);
        CHECK(!is_black(at(c, sx, sy)), "end at z %g: the far end of the line is not drawn", ends_z[i]);
        CHECK(lit > 3 * 20, "end at z %g: only %d pixels of the line drawn", ends_z[i], lit);
        CHECK(wrong == 0, "end at z %g: %d of %d lit pixels are off the line's visible part", ends_z[i], wrong, lit);
    }
    /* A pointer ray ending at the eye itself is seen end-on: at most a dot
     * where it points, nothing across the view. */
    struct gfx_line ray = {.a = {0.3f, -0.2f, -3.0f}, .b = {0, 0, 0}, .color = {1, 1, 1, 1}};
    struct frame f = {.lines = &ray, .line_count = 1, .line_width = 3.0f};
    render(c, &f);
    int sx, sy, wrong;
    project(c, ray.a, &sx, &sy);
    int lit = lit_off_ray(c, sx, sy, 0.0f, 0.0f, &wrong);
    CHECK(wrong == 0, "a ray ending at the eye lights %d pixels away from where it points (%d lit)", wrong, lit);
}

int main(void)
{
    char err[1024];
    static struct ctx c;
    struct plat *p = gl_test_start("gfx_world", W, H, &c.g);
    if (!gfx_target_init(c.g, &c.t, W, H, 1)) {
        printf("FAIL: no %dx%d target\n", W, H);
        return 1;
    }
    struct arena a;
    arena_init(&a, "font", 0);
    size_t size = 0;
    char *ttf = fs_read_all(PAJA_FONT_PATH, &a, &size, err, sizeof err);
    if (!ttf || !ui_font_init(&c.font, (const uint8_t *)ttf, size, 32.0f, err, sizeof err)) {
        printf("FAIL: font: %s\n", err);
        return 1;
    }
    c.atlas = gfx_texture_create_r8(c.g, c.font.atlas_w, c.font.atlas_h, c.font.atlas);
    /* The unit cube, double-sided, unlit blue. */
    c.box = gl_test_cube(c.g);
    gfx_material_default(&c.box_mat);
    c.box_mat.unlit = true;
    c.box_mat.double_sided = true;
    glm_vec4_copy((vec4){0, 0, 1, 1}, c.box_mat.base_color);
    view_make(&c);

    solid_panel_lands_where_projected(&c);
    scene_hides_panel_unless_on_top(&c);
    text_reads_right_way_round(&c);
    lines_keep_pixel_width_and_encoding(&c);
    lines_hide_behind_meshes(&c);
    line_through_the_eye_plane_draws_its_visible_part(&c);

    ui_font_fini(&c.font);
    arena_fini(&a);
    gfx_target_fini(c.g, &c.t);
    return gl_test_finish("gfx_world", &p, &c.g);
}
