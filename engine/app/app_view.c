/* app_view.c — `paja view MODEL`: a glTF model on its own with an orbit
 * camera and PBR shading, so authors can check an export before it goes into
 * a scenario. Headless it renders a fixed pose and can write a screenshot
 * (the golden-image tests use app_view directly).
 *
 * The glue is here because only app may see scene and gfx together: glTF
 * materials and images become gfx materials and textures, scene nodes
 * become PBR draws. */
#define LOG_TAG "app"
#include "app.h"

#include "fs.h"
#include "app_scene_gltf.h"

#include "arena.h"
#include "clock.h"
#include "gfx.h"
#include "gltf.h"
#include "image.h"
#include "log.h"
#include "platform.h"
#include "scene.h"
#include "scene_gltf.h"
#include "str.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct viewer {
    const struct app_view_opts *opts;
    struct arena arena;
    struct app_scene_gltf g;            /* model, its scene link, materials, textures */
    struct scene scene;
    struct plat *plat;
    struct gfx *gfx;
    struct gfx_target target;
    struct gfx_mesh *meshes;            /* per scene mesh */
    vec3 center;
    float radius, yaw, pitch, distance;
};

void app_view_opts_default(struct app_view_opts *o)
{
    memset(o, 0, sizeof *o);
    o->width = 1280;
    o->height = 720;
    o->yaw = 0.0f;
    o->pitch = 15.0f;
    o->zoom = 1.0f;
    o->animation = -1;
    o->shadows = true;
}

static bool scene_bounds(const struct scene *s, vec3 lo, vec3 hi)
{
    bool any = false;
    glm_vec3_fill(lo, FLT_MAX);
    glm_vec3_fill(hi, -FLT_MAX);
    for (uint32_t i = 0; i < s->node_count; i++) {
        vec3 a, b;
        if (!s->nodes[i].visible || !scene_node_bounds(s, i, a, b)) continue;
        glm_vec3_minv(lo, a, lo);
        glm_vec3_maxv(hi, b, hi);
        any = true;
    }
    return any;
}

static bool load(struct viewer *v)
{
    const struct app_view_opts *o = v->opts;
    char err[1024];
    if (!gltf_load_file(o->model, &v->arena, &v->g.model, err, sizeof err)) {
        fprintf(stderr, "%s: invalid glTF: %s\n", o->model, err);
        return false;
    }
    scene_init(&v->scene, &v->arena);
    if (!scene_gltf_add(&v->scene, &v->g.model, SCENE_NO_PARENT, &v->g.sg, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", o->model, err);
        return false;
    }
    if (o->animation >= 0) {
        if ((uint32_t)o->animation >= v->g.model.animations_count) {
            fprintf(stderr, "%s: has %u animations; --animation %d does not exist\n", o->model,
                    v->g.model.animations_count, o->animation);
            return false;
        }
        scene_gltf_animate(&v->scene, &v->g.sg, (uint32_t)o->animation, o->time);
        scene_update_world(&v->scene);
        scene_gltf_deform(&v->scene, &v->g.sg);
    }
    vec3 lo, hi;
    if (!scene_bounds(&v->scene, lo, hi)) {
        glm_vec3_zero(lo);
        glm_vec3_one(hi);
    }
    glm_vec3_center(lo, hi, v->center);
    v->radius = glm_vec3_distance(lo, hi) * 0.5f;
    if (!(v->radius > 1e-6f)) v->radius = 1.0f;
    return true;
}

static bool setup_gpu(struct viewer *v)
{
    const struct app_view_opts *o = v->opts;
    char err[1024];
    struct plat_desc pd = {.title = "paja view", .width = o->width, .height = o->height, .headless = o->headless,
                           .vsync = true};
    v->plat = plat_create(&pd, err, sizeof err);
    if (!v->plat) {
        LOG_E("%s", err);
        return false;
    }
    v->gfx = gfx_create(err, sizeof err);
    if (!v->gfx) {
        LOG_E("%s", err);
        return false;
    }
    int w = o->width, h = o->height;
    if (!o->headless) plat_drawable_size(v->plat, &w, &h);
    int samples = gfx_choose_samples(v->gfx, o->msaa, o->headless);
    if (!gfx_target_init(v->gfx, &v->target, w, h, samples)) {
        LOG_E("cannot create a %dx%d render target", w, h);
        return false;
    }
    struct scene *s = &v->scene;
    v->g.loaded = true;
    app_scene_gltf_upload(&v->g, s, v->gfx, &v->arena);
    v->meshes = ARENA_PUSH_ARRAY(&v->arena, struct gfx_mesh, s->mesh_count + 1);
    for (uint32_t i = 0; i < s->mesh_count; i++) v->meshes[i] = gfx_mesh_create(v->gfx, &s->meshes[i]);
    return true;
}

/* Poses the model at time t of animation anim and re-uploads the meshes
 * that skinning or morphing changed. */
static void play_pose(struct viewer *v, uint32_t anim, float t)
{
    scene_gltf_animate(&v->scene, &v->g.sg, anim, t);
    scene_update_world(&v->scene);
    scene_gltf_deform(&v->scene, &v->g.sg);
    const struct gltf_asset *m = &v->g.model;
    for (uint32_t gi = 0; gi < m->nodes_count; gi++) {
        const struct scene_gltf_prim *dp = v->g.sg.deform[gi];
        if (!dp) continue;
        const struct scene_node *n = &v->scene.nodes[v->g.sg.node_of[gi]];
        for (uint32_t k = 0; k < scene_node_mesh_count(n); k++)
            gfx_mesh_update_vertices(v->gfx, v->meshes[dp[k].scene_mesh], &v->scene.meshes[dp[k].scene_mesh]);
    }
}

/* Camera on a sphere around the model, far enough that its bounding sphere
 * fits the vertical field of view. */
static void make_view(const struct viewer *v, int w, int h, struct gfx_view *out)
{
    memset(out, 0, sizeof *out);
    const float fov = glm_rad(40.0f);
    float dist = v->radius / sinf(fov * 0.5f) * v->distance;
    float yaw = glm_rad(v->yaw), pitch = glm_rad(v->pitch);
    vec3 dir = {cosf(pitch) * sinf(yaw), sinf(pitch), cosf(pitch) * cosf(yaw)};
    vec3 eye, up = {0, 1, 0};
    glm_vec3_scale(dir, dist, eye);
    glm_vec3_add((float *)v->center, eye, eye);
    glm_lookat(eye, (float *)v->center, up, out->view_from_world);
    float aspect = h > 0 ? (float)w / (float)h : 1.0f;
    glm_perspective(fov, aspect, dist * 0.01f, dist * 10.0f, out->clip_from_view);
    glm_vec3_copy(eye, out->camera_position);
    glm_vec4_copy((vec4){0.32f, 0.34f, 0.37f, 1.0f}, out->clear_color);
    /* Key light from above, over the viewer's left shoulder. */
    vec3 right, l;
    glm_vec3_cross(up, dir, right);
    glm_vec3_normalize(right);
    glm_vec3_scale(right, -0.45f, l);
    glm_vec3_muladds(dir, 0.6f, l);
    l[1] += 1.0f;
    glm_vec3_normalize_to(l, out->light_direction);
    glm_vec3_copy((vec3){1.6f, 1.55f, 1.45f}, out->light_color);
    for (int k = 0; k < 3; k++) out->light_color[k] *= 1.0f + v->opts->light_steps[k] / 255.0f;
    glm_vec3_copy((vec3){0.42f, 0.45f, 0.50f}, out->sky_color);
    glm_vec3_copy((vec3){0.16f, 0.15f, 0.14f}, out->ground_color);
}

/* noinline: tools/bench/gltf_render.sh counts one frame's instructions with
 * callgrind --toggle-collect=view_draw_frame, which needs the symbol. */
__attribute__((noinline)) static void view_draw_frame(struct viewer *v, struct arena *frame)
{
    struct scene *s = &v->scene;
    size_t cap = 0;
    for (uint32_t i = 0; i < s->node_count; i++) cap += scene_node_mesh_count(&s->nodes[i]);
    struct gfx_pbr_draw *draws = ARENA_PUSH_ARRAY(frame, struct gfx_pbr_draw, cap + 1);
    size_t n = 0;
    for (uint32_t i = 0; i < s->node_count; i++) {
        const struct scene_node *node = &s->nodes[i];
        if (!node->visible) continue;
        for (uint32_t k = 0; k < scene_node_mesh_count(node); k++) {
            uint32_t mi = node->mesh + k;
            struct gfx_pbr_draw *d = &draws[n++];
            d->mesh = v->meshes[mi];
            glm_mat4_copy((vec4 *)node->world, d->world_from_model);
            uint32_t mat = s->mesh_material[mi];
            d->material = mat == SCENE_NO_MATERIAL ? NULL : &v->g.materials[mat];
        }
    }
    struct gfx_view gv;
    make_view(v, v->target.width, v->target.height, &gv);
    gfx_pass_begin(v->gfx, &v->target, &gv);
    gfx_draw_pbr(v->gfx, draws, n, v->opts->shadows);
    gfx_pass_end(v->gfx);
}

static double now_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static bool finish(struct viewer *v, const char *path, struct app_capture *capture)
{
    int w = v->target.width, h = v->target.height;
    uint8_t *px = xmalloc((size_t)w * (size_t)h * 4);
    bool ok = gfx_target_read_rgba(v->gfx, &v->target, px);
    if (!ok) LOG_E("cannot read the rendered image back from the GPU");
    if (ok && path) {
        char err[512];
        ok = image_write_png(path, w, h, px, err, sizeof err);
        if (!ok) LOG_E("%s", err);
    }
    if (capture) {
        struct gfx_info info = gfx_get_info(v->gfx);
        capture->rgba = px;
        capture->width = w;
        capture->height = h;
        snprintf(capture->renderer, sizeof capture->renderer, "%s", info.renderer ? info.renderer : "");
        snprintf(capture->version, sizeof capture->version, "%s", info.version ? info.version : "");
        px = NULL;
    }
    free(px);
    return ok;
}

int app_view(const struct app_view_opts *o, struct app_capture *capture)
{
    struct viewer v;
    memset(&v, 0, sizeof v);
    v.opts = o;
    v.yaw = o->yaw;
    v.pitch = o->pitch;
    v.distance = o->zoom > 0.0f ? 1.0f / o->zoom : 1.0f;
    arena_init(&v.arena, "view", 1 << 20);
    struct arena frame;
    arena_init(&frame, "view frame", 64 * 1024);
    int rc = APP_EXIT_OK;
    double t0 = now_ms(CLOCK_MONOTONIC);
    bool loaded = load(&v);
    if (o->stats) o->stats->load_ms = now_ms(CLOCK_MONOTONIC) - t0;
    if (!loaded) {
        rc = APP_EXIT_FINDING;
    } else if (!setup_gpu(&v)) {
        rc = APP_EXIT_USAGE;
    } else {
        if (o->stats) {
            gfx_finish(v.gfx);
            o->stats->setup_ms = now_ms(CLOCK_MONOTONIC) - t0 - o->stats->load_ms;
        }
        struct desk_input in = {.width = v.target.width, .height = v.target.height};
        uint64_t start_ns = clock_mono_ns();
        float last_x = 0, last_y = 0;
        bool dragging = false;
        int frames = o->frames > 0 ? o->frames : (o->headless ? 1 : 0);
        for (int f = 0; frames == 0 || f < frames; f++) {
            arena_clear(&frame);
            struct plat_commands cmd;
            plat_poll(v.plat, &in, &cmd);
            if (cmd.quit || cmd.menu) break;
            if (v.g.model.animations_count > 0 && (o->animation >= 0 || !o->headless)) {
                /* On the desktop the chosen animation (else the first) plays
                 * in a loop in real time. Headless runs step simulated time,
                 * 1/30 s a frame from --time, so any frame count gives a
                 * reproducible pose (one frame: exactly --time). */
                uint32_t anim = o->animation >= 0 ? (uint32_t)o->animation : 0;
                float dur = v.g.model.animations[anim].duration;
                float t = o->headless ? o->time + (float)f / 30.0f
                                      : o->time + (float)((double)(clock_mono_ns() - start_ns) / 1e9);
                play_pose(&v, anim, dur > 0.0f && t > dur ? fmodf(t, dur) : t);
            }
            if (!o->headless) {
                /* Drag with the left button to orbit, wheel to zoom. */
                if (in.button_left && dragging) {
                    v.yaw -= (in.cursor_x - last_x) * 0.4f;
                    v.pitch = glm_clamp(v.pitch + (in.cursor_y - last_y) * 0.4f, -89.0f, 89.0f);
                }
                dragging = in.button_left;
                last_x = in.cursor_x;
                last_y = in.cursor_y;
                if (in.wheel != 0.0f) v.distance = glm_clamp(v.distance * powf(0.9f, in.wheel), 0.05f, 20.0f);
                if (in.width != v.target.width || in.height != v.target.height)
                    gfx_target_resize(v.gfx, &v.target, in.width, in.height);
            }
            struct app_view_stats *st = o->stats;
            double f0 = st ? now_ms(CLOCK_MONOTONIC) : 0, c0 = st ? now_ms(CLOCK_THREAD_CPUTIME_ID) : 0;
            view_draw_frame(&v, &frame);
            if (st) {
                gfx_finish(v.gfx);
                if (st->frames < st->cap) {
                    st->frame_ms[st->frames] = now_ms(CLOCK_MONOTONIC) - f0;
                    st->cpu_ms[st->frames] = now_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
                    st->frames++;
                }
                struct gfx_stats gs = gfx_get_stats(v.gfx);
                st->draws = gs.draws;
                st->triangles = gs.triangles;
                st->culled = gs.culled;
            }
            if (!o->headless) {
                gfx_target_present(v.gfx, &v.target, in.width, in.height);
                plat_swap(v.plat);
            }
        }
        if ((o->screenshot || capture) && !finish(&v, o->screenshot, capture)) rc = APP_EXIT_USAGE;
    }
    if (v.gfx) {
        gfx_target_fini(v.gfx, &v.target);
        gfx_destroy(&v.gfx);
    }
    plat_destroy(&v.plat);
    arena_fini(&frame);
    arena_fini(&v.arena);
    return rc;
}

const char APP_VIEW_HELP[] =
    "usage: paja view MODEL.gltf|MODEL.glb [options]\n"
    "\n"
    "Shows a glTF 2.0 model with physically based shading, one shadowed\n"
    "directional light and an orbit camera that frames the whole model.\n"
    "Drag with the left mouse button to orbit, use the wheel to zoom, Esc to\n"
    "quit. An invalid file prints why, as `paja info` does.\n"
    "\n"
    "options:\n"
    "  --headless          render without a window (SDL offscreen, software\n"
    "                      OpenGL); implies --frames 1 unless given\n"
    "  --screenshot FILE   write the last frame to FILE as PNG (- for stdout;\n"
    "                      links are followed, devices and FIFOs written into)\n"
    "  --size WxH          window or image size in pixels (default 1280x720)\n"
    "  --msaa N            multisample anti-aliasing samples (default: PAJA_MSAA,\n"
    "                      else 4 on a GPU, 1 on software OpenGL and headless)\n"
    "  --frames N          stop after N frames\n"
    "  --yaw DEG           camera angle around the model (default 0: from +Z)\n"
    "  --pitch DEG         camera elevation (default 15)\n"
    "  --zoom F            closer (>1) or further (<1) than the framing distance\n"
    "  --animation N       pose the model by animation N ...\n"
    "  --time SECONDS      ... at this time (default 0); skins and morph\n"
    "                      targets are applied for that pose. On the desktop\n"
    "                      the animation (default the first) plays in a loop;\n"
    "                      headless, each further frame adds 1/30 s\n"
    "  --no-shadows        no shadow map\n"
    "\n"
    "exit status: 0 shown, 1 invalid model, 2 bad usage or no display.\n"
    "\n"
    "example:\n"
    "  paja view Fox.glb --headless --animation 0 --time 0.5 --screenshot fox.png\n";

static bool parse_float(const char *s, float lo, float hi, float *out)
{
    char *end = NULL;
    double d = strtod(s, &end);
    if (!end || *end || !(d >= lo && d <= hi)) return false;
    *out = (float)d;
    return true;
}

int app_cmd_view(int argc, char **argv)
{
    struct app_view_opts o;
    app_view_opts_default(&o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = true, takes = true;
        long l = 0;
        if (strcmp(a, "--headless") == 0) o.headless = true, takes = false;
        else if (strcmp(a, "--no-shadows") == 0) o.shadows = false, takes = false;
        else if (strcmp(a, "--screenshot") == 0) o.screenshot = val, ok = val != NULL;
        else if (strcmp(a, "--size") == 0) ok = val && sscanf(val, "%dx%d", &o.width, &o.height) == 2 && o.width > 0 &&
                                               o.height > 0 && o.width <= 8192 && o.height <= 8192;
        else if (strcmp(a, "--msaa") == 0) ok = val && str_to_long(val, 1, 16, &l), o.msaa = (int)l;
        else if (strcmp(a, "--frames") == 0) ok = val && str_to_long(val, 1, 1000000, &l), o.frames = (int)l;
        else if (strcmp(a, "--animation") == 0) ok = val && str_to_long(val, 0, 1000000, &l), o.animation = (int)l;
        else if (strcmp(a, "--yaw") == 0) ok = val && parse_float(val, -3600, 3600, &o.yaw);
        else if (strcmp(a, "--pitch") == 0) ok = val && parse_float(val, -89, 89, &o.pitch);
        else if (strcmp(a, "--zoom") == 0) ok = val && parse_float(val, 0.01f, 100, &o.zoom);
        else if (strcmp(a, "--time") == 0) ok = val && parse_float(val, 0, 1e6f, &o.time);
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "paja view: unknown option '%s'\nTry 'paja help view' for the options.\n", a);
            return APP_EXIT_USAGE;
        } else {
            takes = false;
            if (o.model) {
                fprintf(stderr, "paja view: one model at a time ('%s' and '%s')\n", o.model, a);
                return APP_EXIT_USAGE;
            }
            o.model = a;
        }
        if (!ok) {
            fprintf(stderr, "paja view: option %s needs a valid value\nTry 'paja help view' for the options.\n", a);
            return APP_EXIT_USAGE;
        }
        if (takes) i++;
    }
    if (!o.model) {
        fprintf(stderr, "usage: paja view MODEL.gltf|MODEL.glb [options]\n");
        return APP_EXIT_USAGE;
    }
    /* A bare name not here is looked up on the scene search path, as a
     * scenario's scene is (app_scene_find): `paja view ev-workshop.glb`. */
    struct arena found;
    arena_init(&found, "view-find", 4096);
    char tried[2048] = "";
    if (!fs_exists(o.model) && !strchr(o.model, '/')) {
        const char *p = app_scene_find(NULL, o.model, &found, tried, sizeof tried);
        if (p) o.model = p;
    }
    FILE *f = fopen(o.model, "rb");
    if (!f) {
        fprintf(stderr, "paja view: cannot read '%s'%s%s\n", o.model, tried[0] ? "; not in " : "", tried);
        arena_fini(&found);
        return APP_EXIT_USAGE;
    }
    fclose(f);
    if (!o.headless && !plat_display_available()) {
        fprintf(stderr, "paja view: no display; use --headless --screenshot FILE\n");
        arena_fini(&found);
        return APP_EXIT_USAGE;
    }
    int rc = app_view(&o, NULL);
    arena_fini(&found);
    return rc;
}
