/* bench_outline.c — cost of gfx_draw_outlines against the frame it sits in.
 *
 *   bench_outline [--frames N] [--size WxH] [--samples N] [--width PX]... [--all | --spread]
 *
 * A training-size scene (a floor, 60 lit boxes and spheres with PBR
 * materials and the directional shadow, ~25k triangles) at 1280x720 by
 * default, headless. Two of its objects, a sphere and a box in the middle of
 * the view, are outlined, as guided mode does for one step (--spread: the
 * same two at the left and right ends of a row instead, as in the EV
 * scenario's first steps; --all: all 60, which spread over most of the
 * view: the worst case). For each sample
 * count (1 and 4 unless --samples) and width (3 and 4 px unless --width),
 * frames with and without the outline alternate after warm-up; each frame
 * is timed whole (pass begin to resolve, glFinish before and after, so
 * llvmpipe's rasterisation is inside) and the outline on its own (glFinish
 * after the scene, then after the outline). Prints medians with min-max;
 * asserts nothing. Run it with the malloc tunables of the headless-rendering
 * reference (tools/bench/outline.sh sets them). */
#define _POSIX_C_SOURCE 200809L
#include "arena.h"
#include "gfx.h"
#include "platform.h"
#include "scene.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void summary(const char *label, double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    double med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    printf("  %-22s %8.2f ms  [%.2f-%.2f]\n", label, med, v[0], v[n - 1]);
}

enum { OBJECTS = 60 };

struct bench {
    struct gfx *g;
    struct gfx_view view;
    struct gfx_pbr_draw draws[OBJECTS + 1];
    struct gfx_material mats[4];
    size_t n;
};

static bool g_spread;

static void scene_make(struct bench *b, int w, int h)
{
    struct arena a;
    arena_init(&a, "bench meshes", 1 << 20);
    struct mesh_data box = scene_mesh_box(&a, 0.4f, 0.4f, 0.4f);
    struct mesh_data sphere = scene_mesh_sphere(&a, 0.25f, 32, 16);
    struct mesh_data floor = scene_mesh_box(&a, 12.0f, 0.1f, 12.0f);
    struct gfx_mesh m_box = gfx_mesh_create(b->g, &box);
    struct gfx_mesh m_sphere = gfx_mesh_create(b->g, &sphere);
    struct gfx_mesh m_floor = gfx_mesh_create(b->g, &floor);
    arena_fini(&a);

    const vec4 colors[4] = {{0.8f, 0.2f, 0.1f, 1}, {0.2f, 0.5f, 0.8f, 1}, {0.7f, 0.7f, 0.7f, 1}, {0.3f, 0.3f, 0.3f, 1}};
    for (int i = 0; i < 4; i++) {
        gfx_material_default(&b->mats[i]);
        glm_vec4_copy((float *)colors[i], b->mats[i].base_color);
        b->mats[i].metallic = i == 2 ? 1.0f : 0.0f;
        b->mats[i].roughness = 0.5f;
    }
    b->n = 0;
    struct gfx_pbr_draw *d = &b->draws[b->n++];
    d->mesh = m_floor;
    d->material = &b->mats[3];
    glm_translate_make(d->world_from_model, (vec3){0, -0.05f, -5});
    /* A 10 x 6 grid on the floor. The first two objects, the outlined ones,
     * swap places with those in cells 14 and 15, side by side in the
     * middle of the view (--spread: 20 and 29, the third row's ends). */
    const int to[2] = {g_spread ? 20 : 14, g_spread ? 29 : 15};
    for (int i = 0; i < OBJECTS; i++) {
        d = &b->draws[b->n++];
        int cell = i < 2 ? to[i] : i == to[0] ? 0 : i == to[1] ? 1 : i;
        int gx = cell % 10, gz = cell / 10;
        d->mesh = i % 2 ? m_box : m_sphere;
        d->material = &b->mats[i % 3];
        glm_translate_make(d->world_from_model, (vec3){(float)gx * 0.7f - 3.15f, 0.25f, -2.0f - (float)gz * 0.8f});
    }
    memset(&b->view, 0, sizeof b->view);
    vec3 eye = {0, 1.6f, 1.0f}, at = {0, 0.2f, -3.5f}, up = {0, 1, 0};
    glm_lookat(eye, at, up, b->view.view_from_world);
    glm_perspective(glm_rad(60.0f), (float)w / (float)h, 0.05f, 50.0f, b->view.clip_from_view);
    glm_vec3_copy(eye, b->view.camera_position);
    glm_vec4_copy((vec4){0.5f, 0.6f, 0.7f, 1}, b->view.clear_color);
    glm_vec3_copy((vec3){0.3f, 1.0f, 0.4f}, b->view.light_direction);
    glm_vec3_copy((vec3){3, 3, 3}, b->view.light_color);
    glm_vec3_copy((vec3){0.3f, 0.35f, 0.4f}, b->view.sky_color);
    glm_vec3_copy((vec3){0.1f, 0.1f, 0.1f}, b->view.ground_color);
}

/* One frame; the outline's own time in *outline_ms when it is drawn. */
static size_t g_outlined = 2;

static double frame(struct bench *b, struct gfx_target *t, bool outline, float width, double *outline_ms)
{
    static const float amber[4] = {1.0f, 0.6f, 0.05f, 1.0f};
    gfx_finish(b->g);
    double t0 = now_ms();
    gfx_pass_begin(b->g, t, &b->view);
    gfx_draw_pbr(b->g, b->draws, b->n, true);
    if (outline) {
        gfx_finish(b->g);
        double t1 = now_ms();
        gfx_draw_outlines(b->g, &b->draws[1], g_outlined, amber, width, 0.35f);
        gfx_finish(b->g);
        *outline_ms = now_ms() - t1;
    }
    gfx_pass_end(b->g);
    gfx_finish(b->g);
    return now_ms() - t0;
}

int main(int argc, char **argv)
{
    int frames = 30, w = 1280, h = 720, samples[2] = {1, 4}, n_samples = 2, n_widths = 0;
    float widths[8];
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--frames") && i + 1 < argc) frames = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--size") && i + 1 < argc && sscanf(argv[++i], "%dx%d", &w, &h) == 2) {}
        else if (!strcmp(argv[i], "--samples") && i + 1 < argc) samples[0] = atoi(argv[++i]), n_samples = 1;
        else if (!strcmp(argv[i], "--width") && i + 1 < argc && n_widths < 8) widths[n_widths++] = (float)atof(argv[++i]);
        else if (!strcmp(argv[i], "--all")) g_outlined = OBJECTS;
        else if (!strcmp(argv[i], "--spread")) g_spread = true;
        else {
            fprintf(stderr, "usage: bench_outline [--frames N] [--size WxH] [--samples N] [--width PX]... "
                            "[--all | --spread]\n");
            return 2;
        }
    }
    if (frames < 1 || w < 16 || h < 16) return 2;
    if (!n_widths) widths[n_widths++] = 3.0f, widths[n_widths++] = 4.0f;

    char err[1024];
    struct plat_desc pd = {.title = "bench_outline", .width = w, .height = h, .headless = true};
    struct plat *p = plat_create(&pd, err, sizeof err);
    if (!p) {
        printf("SKIP: no GL context: %s\n", err);
        return 77;
    }
    static struct bench b;
    b.g = gfx_create(err, sizeof err);
    if (!b.g) {
        fprintf(stderr, "bench_outline: %s\n", err);
        return 1;
    }
    scene_make(&b, w, h);
    struct gfx_info info = gfx_get_info(b.g);
    printf("bench_outline: %dx%d, %zu draws, %zu outlined%s, %d frames each, %s\n", w, h, b.n, g_outlined,
           g_spread && g_outlined == 2 ? " (left and right)" : "", frames, info.renderer);
    double *with = malloc(sizeof(double) * (size_t)frames * 3), *without = with + frames, *alone = without + frames;
    for (int s = 0; s < n_samples; s++) {
        struct gfx_target t;
        if (!gfx_target_init(b.g, &t, w, h, samples[s])) return 1;
        for (int k = 0; k < n_widths; k++) {
            double ignored;
            for (int i = 0; i < 3; i++) frame(&b, &t, true, widths[k], &ignored), frame(&b, &t, false, 0, NULL);
            for (int i = 0; i < frames; i++) {
                with[i] = frame(&b, &t, true, widths[k], &alone[i]);
                without[i] = frame(&b, &t, false, 0, NULL);
            }
            printf("samples %d, width %g px (%u triangles drawn):\n", t.samples, widths[k],
                   gfx_get_stats(b.g).triangles);
            summary("frame without outline", without, frames);
            summary("frame with outline", with, frames);
            summary("outline pass alone", alone, frames);
        }
        gfx_target_fini(b.g, &t);
    }
    free(with);
    gfx_destroy(&b.g);
    plat_destroy(&p);
    return 0;
}
