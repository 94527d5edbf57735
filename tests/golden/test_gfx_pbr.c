/* test_gfx_pbr.c — behaviour of gfx_draw_pbr checked on pixels (headless
 * llvmpipe through SDL offscreen), without reference images: sorted
 * blending is independent of submission order, MASK discards below the
 * cutoff, single-sided back faces are culled and double-sided ones drawn,
 * vertex colours multiply, a failed mesh draws nothing and a failed texture
 * reads as white, frustum culling counts what it skips, and
 * gfx_mesh_update_vertices moves geometry, the shadow map is kept while
 * nothing moves and follows a moved caster, and the anti-aliasing default
 * (gfx_choose_samples) is one sample on llvmpipe. Exit 77 when no GL context can
 * be made (no llvmpipe / EGL on this machine). */
#include "gfx.h"
#include "gl_test.h"
#include "platform.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 64
#define H 64


/* A unit quad in the z = z0 plane facing +z (counter-clockwise seen from +z). */
struct quad {
    struct mesh_vertex v[4];
    uint32_t idx[6];
    float colors[4][4];
    struct mesh_data md;
};

static void quad_make(struct quad *q, float z0, float half, const float *color)
{
    memset(q, 0, sizeof *q);
    const float p[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    for (int i = 0; i < 4; i++) {
        q->v[i].position[0] = p[i][0] * half;
        q->v[i].position[1] = p[i][1] * half;
        q->v[i].position[2] = z0;
        q->v[i].normal[2] = 1.0f;
        q->v[i].uv[0] = (p[i][0] + 1) * 0.5f;
        q->v[i].uv[1] = (p[i][1] + 1) * 0.5f;
        if (color) memcpy(q->colors[i], color, sizeof q->colors[i]);
    }
    const uint32_t idx[6] = {0, 1, 2, 0, 2, 3};
    memcpy(q->idx, idx, sizeof idx);
    q->md.vertices = q->v;
    q->md.vertex_count = 4;
    q->md.indices = q->idx;
    q->md.index_count = 6;
    q->md.bounds_min[0] = q->md.bounds_min[1] = -half;
    q->md.bounds_max[0] = q->md.bounds_max[1] = half;
    q->md.bounds_min[2] = q->md.bounds_max[2] = z0;
    if (color) q->md.colors = q->colors;
}

struct ctx {
    struct gfx *g;
    struct gfx_target t;
    struct gfx_view view;
    uint8_t px[W * H * 4];
};

static void view_make(struct gfx_view *v)
{
    memset(v, 0, sizeof *v);
    vec3 eye = {0, 0, 3}, center = {0, 0, 0}, up = {0, 1, 0};
    glm_lookat(eye, center, up, v->view_from_world);
    glm_perspective(glm_rad(60.0f), 1.0f, 0.1f, 20.0f, v->clip_from_view);
    glm_vec3_copy(eye, v->camera_position);
    glm_vec4_copy((vec4){0, 0, 0, 1}, v->clear_color);
    glm_vec3_copy((vec3){0, 0, 1}, v->light_direction);
    glm_vec3_copy((vec3){1, 1, 1}, v->light_color);
    glm_vec3_copy((vec3){0.3f, 0.3f, 0.3f}, v->sky_color);
    glm_vec3_copy((vec3){0.3f, 0.3f, 0.3f}, v->ground_color);
}

static const uint8_t *render(struct ctx *c, const struct gfx_pbr_draw *d, size_t n)
{
    gfx_pass_begin(c->g, &c->t, &c->view);
    gfx_draw_pbr(c->g, d, n, false);
    gfx_pass_end(c->g);
    gfx_target_read_rgba(c->g, &c->t, c->px);
    return c->px;
}

static const uint8_t *center(const struct ctx *c)
{
    return c->px + ((size_t)(H / 2) * W + W / 2) * 4;
}

static void unlit(struct gfx_material *m, float r, float g, float b, float a)
{
    gfx_material_default(m);
    m->unlit = true; /* colour out = base colour (sRGB-encoded): easy to predict */
    m->base_color[0] = r;
    m->base_color[1] = g;
    m->base_color[2] = b;
    m->base_color[3] = a;
}

static void draw_at(struct gfx_pbr_draw *d, struct gfx_mesh m, const struct gfx_material *mat)
{
    memset(d, 0, sizeof *d);
    d->mesh = m;
    glm_mat4_identity(d->world_from_model);
    d->material = mat;
}

int main(void)
{
    static struct ctx c;
    struct plat *p = gl_test_start("gfx_pbr", W, H, &c.g);
    if (!gfx_target_init(c.g, &c.t, W, H, 1)) {
        printf("FAIL: no %dx%d target\n", W, H);
        return 1;
    }
    view_make(&c.view);

    struct quad near_q, far_q, white_q;
    quad_make(&near_q, 0.5f, 0.5f, NULL);
    quad_make(&far_q, 0.0f, 0.8f, NULL);
    const float purple[4] = {1, 0, 1, 1};
    quad_make(&white_q, 0.0f, 0.8f, purple);
    struct gfx_mesh near_m = gfx_mesh_create(c.g, &near_q.md), far_m = gfx_mesh_create(c.g, &far_q.md);
    struct gfx_mesh colored_m = gfx_mesh_create(c.g, &white_q.md);

    /* Sorted blending: both orders of submission give the same pixels, and
     * the near red half-covers the far green. */
    struct gfx_material red, green;
    unlit(&red, 1, 0, 0, 0.5f);
    unlit(&green, 0, 1, 0, 0.5f);
    red.alpha_mode = green.alpha_mode = GFX_ALPHA_BLEND;
    struct gfx_pbr_draw d[2];
    draw_at(&d[0], near_m, &red);
    draw_at(&d[1], far_m, &green);
    uint8_t a[4];
    render(&c, d, 2);
    memcpy(a, center(&c), 4);
    struct gfx_pbr_draw rev[2] = {d[1], d[0]};
    render(&c, rev, 2);
    const uint8_t *b = center(&c);
    CHECK(memcmp(a, b, 3) == 0, "blend depends on submission order: %u,%u,%u vs %u,%u,%u", a[0], a[1], a[2], b[0],
          b[1], b[2]);
    /* far green over black, then near red over that: red > green > 0. */
    CHECK(a[0] > a[1] && a[1] > 20 && a[2] < 5, "blend result %u,%u,%u is not red over green", a[0], a[1], a[2]);

    /* MASK: alpha 0.3 under cutoff 0.5 is discarded; 0.7 is kept, opaque. */
    struct gfx_material mask;
    unlit(&mask, 0, 0, 1, 0.3f);
    mask.alpha_mode = GFX_ALPHA_MASK;
    draw_at(&d[0], far_m, &mask);
    render(&c, d, 1);
    CHECK(center(&c)[2] == 0, "masked-out pixel drawn (blue %u)", center(&c)[2]);
    mask.base_color[3] = 0.7f;
    render(&c, d, 1);
    CHECK(center(&c)[2] == 255 && center(&c)[3] == 255, "masked-in pixel %u alpha %u", center(&c)[2], center(&c)[3]);

    /* Back faces: a quad turned away is culled unless double-sided. */
    struct gfx_material one;
    unlit(&one, 1, 1, 0, 1);
    draw_at(&d[0], far_m, &one);
    glm_rotate_make(d[0].world_from_model, glm_rad(180.0f), (vec3){0, 1, 0});
    render(&c, d, 1);
    CHECK(center(&c)[0] == 0, "single-sided back face drawn (%u)", center(&c)[0]);
    one.double_sided = true;
    render(&c, d, 1);
    CHECK(center(&c)[0] == 255 && center(&c)[1] == 255, "double-sided back face missing (%u,%u)", center(&c)[0],
          center(&c)[1]);

    /* Vertex colours multiply the base colour: white x purple = purple. */
    struct gfx_material white;
    unlit(&white, 1, 1, 1, 1);
    draw_at(&d[0], colored_m, &white);
    render(&c, d, 1);
    CHECK(center(&c)[0] == 255 && center(&c)[1] == 0 && center(&c)[2] == 255, "vertex colour: %u,%u,%u",
          center(&c)[0], center(&c)[1], center(&c)[2]);

    /* A failed texture reads as white: the base colour factor alone. */
    struct gfx_texture bad = gfx_texture_create_rgba8(c.g, 0, 0, NULL, true, NULL);
    struct gfx_material textured;
    unlit(&textured, 0, 1, 0, 1);
    textured.base_color_tex.tex = bad;
    draw_at(&d[0], far_m, &textured);
    render(&c, d, 1);
    CHECK(center(&c)[1] == 255 && center(&c)[0] == 0, "failed texture not white: %u,%u", center(&c)[0], center(&c)[1]);
    /* A real 1x1 red texture multiplies: green x red = black. */
    const uint8_t red_px[4] = {255, 0, 0, 255};
    textured.base_color_tex.tex = gfx_texture_create_rgba8(c.g, 1, 1, red_px, true, NULL);
    render(&c, d, 1);
    CHECK(center(&c)[0] == 0 && center(&c)[1] == 0, "texture did not multiply: %u,%u", center(&c)[0], center(&c)[1]);

    /* A mesh with an index out of range fails and draws nothing. */
    struct quad broken;
    quad_make(&broken, 0.0f, 0.8f, NULL);
    broken.idx[2] = 99;
    struct gfx_mesh broken_m = gfx_mesh_create(c.g, &broken.md);
    draw_at(&d[0], broken_m, &white);
    render(&c, d, 1);
    CHECK(center(&c)[0] == 0 && gfx_get_stats(c.g).draws == 0, "failed mesh drew something");

    /* Frustum culling: a quad behind the camera is skipped and counted. */
    draw_at(&d[0], far_m, &white);
    glm_translate_make(d[0].world_from_model, (vec3){0, 0, 10});
    render(&c, d, 1);
    CHECK(gfx_get_stats(c.g).culled == 1 && gfx_get_stats(c.g).draws == 0, "culled %u draws %u",
          gfx_get_stats(c.g).culled, gfx_get_stats(c.g).draws);

    /* gfx_mesh_update_vertices: shifting the quad off-centre empties the
     * centre pixel; a different vertex count is refused. */
    for (int i = 0; i < 4; i++) far_q.v[i].position[0] += 5.0f;
    far_q.md.bounds_min[0] += 5.0f;
    far_q.md.bounds_max[0] += 5.0f;
    CHECK(gfx_mesh_update_vertices(c.g, far_m, &far_q.md), "update refused");
    draw_at(&d[0], far_m, &white);
    render(&c, d, 1);
    CHECK(center(&c)[0] == 0, "updated mesh still covers the centre");
    far_q.md.vertex_count = 3;
    CHECK(!gfx_mesh_update_vertices(c.g, far_m, &far_q.md), "vertex-count change accepted");

    /* Lit (not unlit) shading: a white dielectric facing the light is bright,
     * and with shadows on, a second quad in front darkens the far one. */
    struct gfx_material lit;
    gfx_material_default(&lit);
    lit.metallic = 0.0f;
    lit.roughness = 0.6f;
    struct quad back_q, front_q;
    quad_make(&back_q, 0.0f, 0.9f, NULL);
    quad_make(&front_q, 0.4f, 0.2f, NULL);
    struct gfx_mesh back_m = gfx_mesh_create(c.g, &back_q.md), front_m = gfx_mesh_create(c.g, &front_q.md);
    glm_vec3_copy((vec3){0.6f, 0.0f, 1.0f}, c.view.light_direction);
    draw_at(&d[0], back_m, &lit);
    draw_at(&d[1], front_m, &lit);
    gfx_pass_begin(c.g, &c.t, &c.view);
    gfx_draw_pbr(c.g, d, 2, false);
    gfx_pass_end(c.g);
    gfx_target_read_rgba(c.g, &c.t, c.px);
    /* The light comes from +x, so the front quad's shadow falls about 0.24
     * to its -x side on the back quad: pixel column 26 sees it beside the
     * front quad (which covers columns 28..36). */
    const int sx = 26, sy = H / 2;
    uint8_t unshadowed = c.px[((size_t)sy * W + sx) * 4];
    gfx_pass_begin(c.g, &c.t, &c.view);
    gfx_draw_pbr(c.g, d, 2, true);
    gfx_pass_end(c.g);
    gfx_target_read_rgba(c.g, &c.t, c.px);
    uint8_t shadowed = c.px[((size_t)sy * W + sx) * 4];
    CHECK(unshadowed > 100, "lit white quad too dark: %u", unshadowed);
    CHECK(shadowed + 20 < unshadowed, "no shadow: %u with shadows vs %u without", shadowed, unshadowed);

    /* A masked-out occluder casts no shadow; a masked-in one does. */
    struct gfx_material cut;
    gfx_material_default(&cut);
    cut.alpha_mode = GFX_ALPHA_MASK;
    cut.base_color[3] = 0.3f;
    draw_at(&d[1], front_m, &cut);
    gfx_pass_begin(c.g, &c.t, &c.view);
    gfx_draw_pbr(c.g, d, 2, true);
    gfx_pass_end(c.g);
    gfx_target_read_rgba(c.g, &c.t, c.px);
    uint8_t through = c.px[((size_t)sy * W + sx) * 4];
    CHECK(through + 3 >= unshadowed, "masked-out occluder still shadows: %u vs %u", through, unshadowed);
    cut.base_color[3] = 0.8f;
    gfx_pass_begin(c.g, &c.t, &c.view);
    gfx_draw_pbr(c.g, d, 2, true);
    gfx_pass_end(c.g);
    gfx_target_read_rgba(c.g, &c.t, c.px);
    uint8_t blocked = c.px[((size_t)sy * W + sx) * 4];
    CHECK(blocked + 20 < unshadowed, "masked-in occluder casts no shadow: %u vs %u", blocked, unshadowed);

    /* The shadow map is kept while nothing moves (a still scene, a second
     * eye) and redrawn when a caster moves: then the shadow moves with it. */
    gfx_pass_begin(c.g, &c.t, &c.view);
    gfx_draw_pbr(c.g, d, 2, true);
    gfx_pass_end(c.g);
    gfx_target_read_rgba(c.g, &c.t, c.px);
    CHECK(!gfx_get_stats(c.g).shadow_redrawn, "shadow map redrawn though nothing moved");
    CHECK(c.px[((size_t)sy * W + sx) * 4] == blocked, "kept shadow map changed the image: %u vs %u",
          c.px[((size_t)sy * W + sx) * 4], blocked);
    glm_translate_make(d[1].world_from_model, (vec3){0.0f, 0.6f, 0.0f});
    gfx_pass_begin(c.g, &c.t, &c.view);
    gfx_draw_pbr(c.g, d, 2, true);
    gfx_pass_end(c.g);
    gfx_target_read_rgba(c.g, &c.t, c.px);
    uint8_t moved = c.px[((size_t)sy * W + sx) * 4];
    CHECK(gfx_get_stats(c.g).shadow_redrawn, "shadow map not redrawn after a caster moved");
    CHECK(moved + 3 >= unshadowed, "the shadow stayed where the caster was: %u vs %u", moved, unshadowed);

    /* Anti-aliasing default: what the user asked for, else PAJA_MSAA, else
     * one sample headless and on a software renderer like this one. */
    CHECK(gfx_choose_samples(c.g, 2, false) == 2, "--msaa 2 not kept");
    CHECK(gfx_choose_samples(c.g, 0, true) == 1, "headless default is not 1 sample");
    CHECK(gfx_choose_samples(c.g, 0, false) == 1, "llvmpipe window default is not 1 sample");
    setenv("PAJA_MSAA", "4", 1);
    CHECK(gfx_choose_samples(c.g, 0, false) == 4 && gfx_choose_samples(c.g, 0, true) == 4, "PAJA_MSAA=4 ignored");
    CHECK(gfx_choose_samples(c.g, 2, false) == 2, "PAJA_MSAA overrode --msaa");
    setenv("PAJA_MSAA", "lots", 1);
    CHECK(gfx_choose_samples(c.g, 0, false) == 1, "a bad PAJA_MSAA was not ignored");
    unsetenv("PAJA_MSAA");

    gfx_target_fini(c.g, &c.t);
    return gl_test_finish("gfx_pbr", &p, &c.g);
}
