/* bench_stereo.c — a stereo frame against a desktop frame at the same
 * per-eye size, through gfx directly (DESIGN.md §9: at most 1.6x).
 *
 *   bench_stereo [--size WxH] [--frames N] [--runs N] [--moving] SOURCE_DIR
 *
 * The EV scenario's scene (assets/ev-workshop.glb with its materials, no
 * session or HUD) drawn from the scenario's start pose with gfx_draw_pbr
 * and shadows, as `paja run` draws it: a desktop frame is one view into one
 * W x H target; a stereo frame is two views, eyes 64 mm apart, into two
 * W x H targets, with the work that does not depend on the eye done once:
 * the draw list is built once, and the shadow map is drawn at most once (the
 * second eye finds it current). --moving moves one object a little every
 * frame, so every frame redraws the shadow map (a trainee carrying a tool);
 * without it the scene is still and neither frame redraws it.
 *
 * Frames are queued and the last target read back; per frame = time of N
 * frames / N after warm-up frames, wall and CPU of all threads (llvmpipe's
 * rasterisers included). Desktop and stereo runs alternate --runs times;
 * prints medians [min-max] and stereo / desktop. Asserts nothing. Run with
 * the malloc tunables of the headless-rendering reference (stereo.sh). */
#define _POSIX_C_SOURCE 200809L
#include "app.h"
#include "app_scene_gltf.h"
#include "arena.h"
#include "gfx.h"
#include "platform.h"
#include "pose.h"
#include "scene.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void summary(double *v, int n, double out[3])
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    out[0] = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    out[1] = v[0];
    out[2] = v[n - 1];
}

struct bench {
    struct gfx *g;
    struct gfx_target eye[2];
    struct scene scene;
    struct app_scene_gltf sg;
    struct gfx_mesh *meshes;
    struct arena arena, frame;
    struct pose head;
    int w, h;
    bool moving;
    uint32_t tick;
};

/* The view of one eye (offset metres along the head's right), lit like
 * `paja run`'s scene. */
static void eye_view(const struct bench *b, float offset, struct gfx_view *out)
{
    memset(out, 0, sizeof *out);
    struct pose p = b->head;
    vec3 right;
    glm_quat_rotatev((float *)b->head.orientation, (vec3){1, 0, 0}, right);
    glm_vec3_muladds(right, offset, p.position);
    pose_to_view(&p, out->view_from_world);
    struct fov fov = pose_fov_symmetric(glm_rad(70.0f), (float)b->w / (float)b->h);
    pose_fov_projection(&fov, 0.05f, 100.0f, out->clip_from_view);
    glm_vec3_copy(p.position, out->camera_position);
    glm_vec4_copy((vec4){0.52f, 0.58f, 0.64f, 1.0f}, out->clear_color);
    glm_vec3_copy((vec3){-0.35f, 1.0f, 0.55f}, out->light_direction);
    glm_vec3_copy((vec3){1.45f, 1.40f, 1.30f}, out->light_color);
    glm_vec3_copy((vec3){0.26f, 0.28f, 0.32f}, out->sky_color);
    glm_vec3_copy((vec3){0.12f, 0.11f, 0.10f}, out->ground_color);
}

/* One frame of `views` views: the draw list once, then each eye. */
static void frame(struct bench *b, int views)
{
    arena_clear(&b->frame);
    struct gfx_pbr_draw *draws = NULL;
    size_t n = app_scene_pbr_draws(&b->sg, &b->scene, b->meshes, NULL, NULL, NULL, &b->frame, &draws);
    if (b->moving && n > 0) {
        /* A carried tool: the last object sways by up to 2 cm. */
        float dx = 0.02f * (float)(b->tick++ % 16) / 16.0f;
        glm_translate_x(draws[n - 1].world_from_model, dx);
    }
    for (int v = 0; v < views; v++) {
        struct gfx_view gv;
        eye_view(b, views == 1 ? 0.0f : (v == 0 ? -0.032f : 0.032f), &gv);
        gfx_pass_begin(b->g, &b->eye[v], &gv);
        gfx_draw_pbr(b->g, draws, n, true);
        gfx_pass_end(b->g);
    }
}

/* Per-frame wall and all-threads CPU ms over `frames` queued frames. */
static void measure(struct bench *b, int views, int frames, uint8_t *px, double *wall, double *cpu)
{
    for (int i = 0; i < 3; i++) frame(b, views);
    gfx_target_read_rgba(b->g, &b->eye[views - 1], px);
    double w0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    for (int i = 0; i < frames; i++) frame(b, views);
    gfx_target_read_rgba(b->g, &b->eye[views - 1], px);
    *wall = (clock_ms(CLOCK_MONOTONIC) - w0) / frames;
    *cpu = (clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0) / frames;
}

int main(int argc, char **argv)
{
    struct bench b = {.w = 1280, .h = 720};
    int frames = 30, runs = 5;
    const char *src = NULL;
    for (int i = 1; i < argc; i++) {
        bool has = i + 1 < argc;
        if (has && strcmp(argv[i], "--size") == 0 && sscanf(argv[i + 1], "%dx%d", &b.w, &b.h) == 2) i++;
        else if (has && strcmp(argv[i], "--frames") == 0) frames = atoi(argv[++i]);
        else if (has && strcmp(argv[i], "--runs") == 0) runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--moving") == 0) b.moving = true;
        else if (!src && argv[i][0] != '-') src = argv[i];
        else src = NULL, i = argc;
    }
    if (!src || b.w < 16 || b.h < 16 || frames < 1 || runs < 1) {
        fprintf(stderr, "usage: bench_stereo [--size WxH] [--frames N] [--runs N] [--moving] SOURCE_DIR\n");
        return 2;
    }
    char err[1024], path[1200];
    struct plat_desc pd = {.title = "bench_stereo", .width = b.w, .height = b.h, .headless = true};
    struct plat *p = plat_create(&pd, err, sizeof err);
    b.g = p ? gfx_create(err, sizeof err) : NULL;
    if (!b.g) {
        fprintf(stderr, "bench_stereo: %s\n", err);
        return 1;
    }
    arena_init(&b.arena, "bench scene", 1 << 20);
    arena_init(&b.frame, "bench frame", 1 << 16);
    scene_init(&b.scene, &b.arena);
    snprintf(path, sizeof path, "%s/assets/ev-workshop.glb", src);
    if (!app_scene_gltf_load(&b.sg, path, &b.scene, &b.arena, err, sizeof err)) {
        fprintf(stderr, "bench_stereo: %s: %s\n", path, err);
        return 1;
    }
    b.meshes = ARENA_PUSH_ARRAY(&b.arena, struct gfx_mesh, b.scene.mesh_count + 1);
    for (uint32_t i = 0; i < b.scene.mesh_count; i++) b.meshes[i] = gfx_mesh_create(b.g, &b.scene.meshes[i]);
    app_scene_gltf_upload(&b.sg, &b.scene, b.g, &b.arena);
    app_builtin_scene_start_pose(&b.head);
    for (int v = 0; v < 2; v++)
        if (!gfx_target_init(b.g, &b.eye[v], b.w, b.h, 1)) return 1;

    uint8_t *px = malloc((size_t)b.w * (size_t)b.h * 4);
    double *wall[2], *cpu[2];
    for (int v = 0; v < 2; v++) {
        wall[v] = calloc((size_t)runs, sizeof **wall);
        cpu[v] = calloc((size_t)runs, sizeof **cpu);
    }
    for (int r = 0; r < runs; r++)
        for (int v = 0; v < 2; v++) measure(&b, v + 1, frames, px, &wall[v][r], &cpu[v][r]);
    double sw[2][3], sc[2][3];
    for (int v = 0; v < 2; v++) {
        summary(wall[v], runs, sw[v]);
        summary(cpu[v], runs, sc[v]);
    }
    printf("EV scene through gfx, %dx%d per eye, shadows, %s; per frame over %d queued frames, median of %d "
           "alternating runs [min-max]\n",
           b.w, b.h, b.moving ? "one object moving (shadow map redrawn each frame)" : "still (shadow map kept)",
           frames, runs);
    printf("%-30s %-26s %s\n", "frame", "wall ms", "all-threads CPU ms");
    const char *names[2] = {"desktop (one view)", "stereo (two views)"};
    for (int v = 0; v < 2; v++)
        printf("%-30s %6.2f [%.2f-%.2f]%7s %6.2f [%.2f-%.2f]\n", names[v], sw[v][0], sw[v][1], sw[v][2], "",
               sc[v][0], sc[v][1], sc[v][2]);
    printf("stereo / desktop: x%.2f wall, x%.2f CPU\n", sw[1][0] / sw[0][0], sc[1][0] / sc[0][0]);

    for (int v = 0; v < 2; v++) {
        free(wall[v]);
        free(cpu[v]);
        gfx_target_fini(b.g, &b.eye[v]);
    }
    free(px);
    arena_fini(&b.frame);
    arena_fini(&b.arena);
    gfx_destroy(&b.g);
    plat_destroy(&p);
    return 0;
}
