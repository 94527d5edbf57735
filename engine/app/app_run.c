/* app_run.c — `paja run`: the frame loop of DESIGN.md §3, over a scenario
 * (app_session.c: scenario, interaction objects, record; app_hud.c: its
 * panels) or, with none given, the built-in workshop scene.
 * Poll platform → xr frame → interact → scenario → record → draws → render
 * → present. */
#define LOG_TAG "app"
#include "app.h"
#include "app_guidance.h"
#include "app_hud.h"
#include "app_menu.h"
#include "app_panels.h"
#include "app_start.h"
#include "app_trace.h"
#include "app_xr.h"
#include "app_scene_gltf.h"
#include "app_script.h"
#include "app_session.h"

#include "arena.h"
#include "clock.h"
#include "event.h"
#include "fs.h"
#include "gfx.h"
#include "image.h"
#include "interact.h"
#include "log.h"
#include "platform.h"
#include "pose.h"
#include "scene.h"
#include "ui.h"
#include "xr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Text is baked once at this size and scaled with the window height. */
#define FONT_BAKE_PX 32.0f
/* Without vsync a desktop frame loop would spin a core at 100 %; school PCs
 * and laptops deserve better. 120 Hz is above any desktop monitor's need. */
#define DESKTOP_MIN_FRAME_NS (CLOCK_NS_PER_S / 120)

void app_run_opts_default(struct app_run_opts *o)
{
    memset(o, 0, sizeof *o);
    o->width = 1280;
    o->height = 720;
    o->lang = app_lang_from_env();
}

struct run {
    const struct app_run_opts *opts;
    struct arena app_arena, frame_arena;
    struct plat *plat;
    struct gfx *gfx;
    struct xr *xr;
    struct scene scene;
    struct gfx_mesh *meshes;   /* gfx handle per scene mesh */
    struct gfx_target target;
    struct ui_font font;
    bool have_font;
    struct gfx_texture atlas;
    struct ui_quads quads;        /* the screen overlay */
    struct app_panels panels;     /* panels in the world (board, displays, modal) */
    struct app_guidance guidance; /* guided mode's ghosts and probe lines */
    struct pose start_head;       /* where the trainee starts (places the board) */
    struct interact ix;
    bool show_help;
    bool fullscreen;
    struct app_session sess;  /* when a scenario runs */
    struct app_scene_gltf scene_gltf;
    struct app_script script;     /* --script: the playthrough driving the hand */
    bool script_on;
    struct pose script_head;
    uint32_t shots;               /* --screenshot-each-step: images written */
    bool have_session, started;
    /* The Esc menu: while it is open the scenario clock stands still
     * (clock: frame time less pauses, plus minutes waited with T) and the
     * scene gets no input. */
    struct app_menu menu;
    struct app_clock clock;
    bool click_held;              /* the click that closed the menu, until released */
    struct app_session_opts so;   /* what a restart opens again */
    struct scene_node *start_nodes; /* the scene as set up, for a restart */
    struct app_session *done;     /* sessions restarted away from (see restart_session) */
    size_t done_n;
    /* The start panel (desktop, no --trainee): the scenario is loaded to
     * show its scene and title, the session and its record wait for Start. */
    bool starting;
    struct app_start start;
    struct scenario *preview;
    enum app_lang lang;           /* on-screen text: --lang, or the start panel's */
    struct app_trace trace;       /* test hook: PAJA_TEST_TRACE (app_trace.h) */
};

/* The scenario whose scene is shown: the session's, or before Start the
 * start panel's preview; NULL in the built-in workshop. */
static const struct scenario *shown_scenario(const struct run *r)
{
    return r->have_session ? r->sess.sc : r->preview;
}

static bool load_font(struct run *r)
{
    char err[512];
    size_t size = 0;
    const char *path = getenv("PAJA_FONT");
    if (!path || !*path) path = PAJA_FONT_PATH;
    char *ttf = fs_read_all(path, &r->app_arena, &size, err, sizeof err);
    if (!ttf) {
        LOG_W("%s; on-screen text is off (install fonts-dejavu-core or set PAJA_FONT)", err);
        return false;
    }
    if (!ui_font_init(&r->font, (const uint8_t *)ttf, size, FONT_BAKE_PX, err, sizeof err)) {
        LOG_W("font '%s': %s; on-screen text is off", path, err);
        return false;
    }
    r->atlas = gfx_texture_create_r8(r->gfx, r->font.atlas_w, r->font.atlas_h, r->font.atlas);
    return true;
}

static void collect_draws(const struct scene *s, const struct gfx_mesh *meshes, const struct interact *ix,
                          struct arena *frame, struct gfx_draw **out, size_t *out_n)
{
    struct gfx_draw *d = ARENA_PUSH_ARRAY(frame, struct gfx_draw, s->node_count);
    size_t n = 0;
    for (uint32_t i = 0; i < s->node_count; i++) {
        const struct scene_node *node = &s->nodes[i];
        if (!node->visible || node->mesh == SCENE_NO_MESH) continue;
        d[n].mesh = meshes[node->mesh];
        glm_mat4_copy((vec4 *)node->world, d[n].world_from_model);
        glm_vec4_copy((float *)node->color, d[n].color);
        /* A hovered object brightens a little: the first hint of guidance. */
        if (ix->hovered[HAND_RIGHT] == i && node->name[0]) {
            glm_vec3_scale(d[n].color, 1.6f, d[n].color);
            glm_vec3_adds(d[n].color, 0.04f, d[n].color);
        }
        n++;
    }
    *out = d;
    *out_n = n;
}

/* The name of what the right hand's ray points at, for the HUD. */
static const char *session_pointing(struct run *r, char *buf, size_t size)
{
    uint32_t o = r->ix.hands[HAND_RIGHT].hovered_object;
    if (o == INTERACT_NONE || o >= r->ix.object_count) return NULL;
    const struct interact_object *io = &r->ix.objects[o];
    snprintf(buf, size, "%s%s", app_text(r->lang, TXT_POINTING_AT),
             app_scenario_object_name(r->sess.sc, io->id, r->sess.opts.lang));
    return buf;
}

/* The instrument node whose display shows the session's last reading. */
static const char *reading_tool_node(const struct run *r)
{
    if (!r->sess.reading.have) return NULL;
    uint32_t o = interact_object_find(&r->ix, r->sess.reading.tool);
    if (o == INTERACT_NONE || r->ix.objects[o].node >= r->scene.node_count) return NULL;
    return r->scene.nodes[r->ix.objects[o].node].name;
}

/* The words of this frame: the screen overlay (r->quads) and the panels in
 * the world, the modal ones in front of head. */
static void build_hud(struct run *r, int w, int h, const struct xr_view *head)
{
    ui_quads_reset(&r->quads);
    app_panels_begin(&r->panels);
    if (!r->have_font) return;
    enum app_lang lang = r->lang;
    /* Readable at any size: about 1/36 of the window height per line. */
    float scale = (float)h / 36.0f / FONT_BAKE_PX * 1.25f;
    if (scale < 0.5f) scale = 0.5f;
    /* The modal canvas is the window, filling the view: on a desktop it
     * reads as an overlay, and the hand's ray points at it as at any panel. */
    float vfov = head->fov.angle_up - head->fov.angle_down;
    if (r->starting) {
        enum scenario_lang sl;
        if (!scenario_lang_parse(app_lang_code(r->start.lang), &sl)) sl = SCENARIO_LANG_EN;
        struct ui_quads *mq = app_panels_modal(&r->panels, &head->pose, vfov, 1.0f, w, h);
        app_start_draw(&r->start, &r->font, mq, scenario_get_title(r->preview, sl), (float)w, (float)h, scale);
        return;
    }
    if (r->have_session) {
        char pointing[384];
        app_hud_session(&r->font, &r->quads, &r->sess, session_pointing(r, pointing, sizeof pointing),
                        r->show_help ? app_text(lang, TXT_SESSION_CONTROLS) : app_text(lang, TXT_HELP_HIDDEN), w, h,
                        scale);
        app_panels_board(&r->panels, &r->font, &r->sess, &r->scene, &r->start_head);
        app_panels_display(&r->panels, &r->font, &r->sess, &r->scene, reading_tool_node(r));
        if (plat_mouse_captured(r->plat)) {
            const float white[4] = {1.0f, 1.0f, 1.0f, 1.0f};
            float cx = (float)w * 0.5f, cy = (float)h * 0.5f, s = 2.0f * scale;
            ui_rect(&r->font, &r->quads, cx - s, cy - s, cx + s, cy + s, white);
        }
        if (r->menu.open)
            app_menu_draw(&r->menu, &r->font, app_panels_modal(&r->panels, &head->pose, vfov, 1.0f, w, h), lang,
                          (float)w, (float)h, scale);
        else if (r->sess.finished)
            app_hud_end(&r->font, app_panels_modal(&r->panels, &head->pose, vfov, 1.0f, w, h), &r->sess, w, h,
                        scale);
        return;
    }
    const float white[4] = {1.0f, 1.0f, 1.0f, 1.0f}, bg[4] = {0.02f, 0.03f, 0.05f, 0.72f};
    const float accent[4] = {1.0f, 0.78f, 0.35f, 1.0f};
    ui_panel_text(&r->font, &r->quads, app_text(lang, TXT_TITLE), UI_ANCHOR_TOP_LEFT, (float)w, (float)h, scale,
                  accent, bg);
    ui_panel_text(&r->font, &r->quads, r->show_help ? app_text(lang, TXT_CONTROLS) : app_text(lang, TXT_HELP_HIDDEN),
                  UI_ANCHOR_BOTTOM_LEFT, (float)w, (float)h, scale, white, bg);

    uint32_t hov = r->ix.hovered[HAND_RIGHT];
    const char *label = hov != SCENE_NOT_FOUND ? app_builtin_scene_label(r->scene.nodes[hov].name, lang) : NULL;
    if (label) {
        char line[256];
        snprintf(line, sizeof line, "%s%s", app_text(lang, TXT_POINTING_AT), label);
        ui_panel_text(&r->font, &r->quads, line, UI_ANCHOR_TOP_RIGHT, (float)w, (float)h, scale, white, bg);
    }
    /* A small crosshair while looking around, where the hand ray points. */
    if (plat_mouse_captured(r->plat)) {
        float cx = (float)w * 0.5f, cy = (float)h * 0.5f, s = 2.0f * scale;
        ui_rect(&r->font, &r->quads, cx - s, cy - s, cx + s, cy + s, white);
    }
}

static void view_for(const struct xr_view *v, int w, int h, struct gfx_view *out)
{
    (void)w; (void)h;
    memset(out, 0, sizeof *out);
    pose_to_view(&v->pose, out->view_from_world);
    pose_fov_projection(&v->fov, APP_VIEW_NEAR_M, APP_VIEW_FAR_M, out->clip_from_view);
    glm_vec3_copy((float *)v->pose.position, out->camera_position);
    glm_vec4_copy((vec4){0.52f, 0.58f, 0.64f, 1.0f}, out->clear_color);
    glm_vec3_copy((vec3){-0.35f, 1.0f, 0.55f}, out->light_direction);
    glm_vec3_copy((vec3){1.45f, 1.40f, 1.30f}, out->light_color);
    glm_vec3_copy((vec3){0.26f, 0.28f, 0.32f}, out->sky_color);
    glm_vec3_copy((vec3){0.12f, 0.11f, 0.10f}, out->ground_color);
}

/* Per-node flags: worn (hidden), under the pointer, named by the guided
 * steps; then every visible mesh as a PBR draw. */
static size_t session_draws(struct run *r, struct gfx_pbr_draw **out, const bool **out_guided)
{
    const struct scene *s = &r->scene;
    const struct interact *ix = &r->ix;
    bool *hovered = ARENA_PUSH_ARRAY(&r->frame_arena, bool, s->node_count + 1);
    bool *guided = ARENA_PUSH_ARRAY(&r->frame_arena, bool, s->node_count + 1);
    uint32_t hov = ix->hands[HAND_RIGHT].hovered_object;
    const char *guide_ids[32];
    size_t ng = r->have_session ? scenario_session_guidance(r->sess.run, guide_ids, 32) : 0;
    if (ng > 32) ng = 32;
    for (uint32_t i = 0; i < s->node_count && ix->node_object; i++) {
        uint32_t o = i < ix->node_count ? ix->node_object[i] : INTERACT_NONE;
        if (o == INTERACT_NONE) continue;
        hovered[i] = o == hov;
        for (size_t k = 0; k < ng && !r->sess.finished; k++)
            if (strcmp(ix->objects[o].id, guide_ids[k]) == 0) guided[i] = true;
    }
    *out_guided = guided;
    return app_scene_pbr_draws(&r->scene_gltf, s, r->meshes, ix->node_hidden, hovered, guided, &r->frame_arena, out);
}

/* Draws the scene and the HUD into the target. */
static void render(struct run *r, const struct xr_frame *xf)
{
    struct gfx_draw *draws = NULL;
    struct gfx_pbr_draw *pbr = NULL;
    size_t draw_n = 0;
    const bool *guided = NULL;
    if (shown_scenario(r)) draw_n = session_draws(r, &pbr, &guided);
    else collect_draws(&r->scene, r->meshes, &r->ix, &r->frame_arena, &draws, &draw_n);
    build_hud(r, r->target.width, r->target.height, &xf->views[0]);
    if (r->have_session && !r->sess.finished)
        app_guidance_build(&r->guidance, r->sess.run, r->sess.opts.mode, &r->ix, &r->scene, r->meshes, guided,
                           &r->frame_arena);
    else
        memset(&r->guidance, 0, sizeof r->guidance);
    for (uint32_t v = 0; v < xf->view_count; v++) {
        struct gfx_view gv;
        view_for(&xf->views[v], r->target.width, r->target.height, &gv);
        gfx_pass_begin(r->gfx, &r->target, &gv);
        if (pbr) gfx_draw_pbr(r->gfx, pbr, draw_n, true);
        else gfx_draw_meshes(r->gfx, draws, draw_n);
        app_guidance_draw(&r->guidance, r->gfx, r->target.height);
        app_panels_draw(&r->panels, r->gfx, r->atlas, false);
        gfx_draw_quads(r->gfx, r->atlas, r->quads.v, r->quads.n);
        app_panels_draw(&r->panels, r->gfx, r->atlas, true);
        gfx_pass_end(r->gfx);
    }
}

static bool write_screenshot(struct run *r, const char *path, struct app_capture *capture);

/* F12's file name: the local date and time to the millisecond, so a folder
 * of screenshots sorts in the order they were taken and a person can tell
 * which is which. */
static void screenshot_name(char *out, size_t size)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    time_t secs = ts.tv_sec;
    char when[32] = "unknown-time";
    if (localtime_r(&secs, &tm)) strftime(when, sizeof when, "%Y%m%d-%H%M%S", &tm);
    snprintf(out, size, "paja-%s-%03ld.png", when, ts.tv_nsec / 1000000);
}

/* Shows the frame in the window, pacing it when there is no vsync. */
static void present(struct run *r, const struct desk_input *in, uint64_t frame_start)
{
    if (r->opts->headless) return;
    gfx_target_present(r->gfx, &r->target, in->width, in->height);
    plat_swap(r->plat);
    uint64_t spent = clock_mono_ns() - frame_start;
    if (!plat_vsync_active(r->plat) && spent < DESKTOP_MIN_FRAME_NS) clock_sleep_ns(DESKTOP_MIN_FRAME_NS - spent);
}

/* --screenshot-each-step: the start, then each completed step as the
 * scripted trainee saw it (from the head the script moved). */
static void step_shot(struct run *r, struct xr_frame *xf, const struct pose *head)
{
    char err[512], path[1200];
    if (r->shots == 0 && !fs_mkdir_p(r->opts->step_shots, err, sizeof err)) {
        LOG_E("%s", err);
        r->shots = UINT32_MAX - 1; /* once is enough */
        return;
    }
    if (r->shots == 0) snprintf(path, sizeof path, "%s/00-start.png", r->opts->step_shots);
    else snprintf(path, sizeof path, "%s/%02u-%s.png", r->opts->step_shots, r->sess.steps_completed, r->sess.last_step);
    struct xr_frame shot = *xf;
    shot.views[0].pose = *head;
    render(r, &shot);
    write_screenshot(r, path, NULL);
    r->shots = r->sess.steps_completed + 1;
}

/* --script: the input path's outcome against the engine's (paja test). */
static int script_verdict(struct run *r)
{
    struct scenario_status st;
    scenario_session_status(r->sess.run, &st);
    const struct scenario_playthrough_result *e = &r->script.expect;
    bool same = st.result == e->result && st.score > e->score - 0.005 && st.score < e->score + 0.005;
    fprintf(stderr, "paja: script %s through the input path: %s, score %.2f; paja test: %s, score %.2f — %s\n",
            e->name, scenario_result_name(st.result), st.score, scenario_result_name(e->result), e->score,
            same ? "same outcome" : "DIFFERENT outcome");
    return same && r->script.skipped == 0 ? APP_EXIT_OK : APP_EXIT_FINDING;
}

static bool write_screenshot(struct run *r, const char *path, struct app_capture *capture)
{
    int w = r->target.width, h = r->target.height;
    uint8_t *px = xmalloc((size_t)w * (size_t)h * 4);
    bool ok = gfx_target_read_rgba(r->gfx, &r->target, px);
    if (!ok) LOG_E("cannot read the rendered image back from the GPU");
    if (ok && path) {
        char err[512];
        ok = image_write_png(path, w, h, px, err, sizeof err);
        if (ok) LOG_I("screenshot written to %s (%dx%d)", path, w, h);
        else LOG_E("%s", err);
    }
    if (capture) {
        struct gfx_info info = gfx_get_info(r->gfx);
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

/* The scene the scenario names, from its folder. False (with a warning)
 * when it is not there yet or does not load: the built-in workshop with
 * placeholders stands in, so the scenario stays playable. */
static bool load_scenario_scene(struct run *r, const struct scenario *sc)
{
    const char *name = scenario_get_scene(sc);
    if (!r->opts->scene && (!name || !*name)) {
        LOG_W("the scenario names no scene; using the built-in workshop with placeholder objects");
        return false;
    }
    const char *path = r->opts->scene;
    if (!path) {
        /* The scenario's folder first, then the shared assets/ folder beside
         * scenarios/ (DESIGN.md §3 layout), where generated scenes live. */
        const char *dir = scenario_get_dir(sc);
        char *in_dir = fs_join(&r->app_arena, dir, name);
        char *shared = fs_join(&r->app_arena, fs_join(&r->app_arena, dir, "../../assets"), name);
        path = fs_exists(in_dir) ? in_dir : fs_exists(shared) ? shared : NULL;
        if (!path) {
            LOG_W("scene %s is not in %s nor in %s; using the built-in workshop with placeholder objects "
                  "(--scene FILE names another)",
                  name, dir, fs_dirname(&r->app_arena, shared));
            return false;
        }
    }
    char err[1024];
    if (!app_scene_gltf_load(&r->scene_gltf, path, &r->scene, &r->app_arena, err, sizeof err)) {
        LOG_W("scene %s: %s; using the built-in workshop with placeholder objects", path, err);
        scene_init(&r->scene, &r->app_arena);
        return false;
    }
    return true;
}

static void set_session_objects(struct run *r);

static bool setup(struct run *r)
{
    const struct app_run_opts *o = r->opts;
    char err[1024];
    struct plat_desc pd = {.title = "paja", .width = o->width, .height = o->height, .headless = o->headless,
                           .fullscreen = o->fullscreen, .vsync = true};
    r->plat = plat_create(&pd, err, sizeof err);
    if (!r->plat) {
        LOG_E("%s", err);
        return false;
    }
    r->fullscreen = o->fullscreen;
    r->gfx = gfx_create(err, sizeof err);
    if (!r->gfx) {
        LOG_E("%s", err);
        return false;
    }
    r->have_font = load_font(r);

    scene_init(&r->scene, &r->app_arena);
    const struct scenario *sc = shown_scenario(r);
    if (!sc || !load_scenario_scene(r, sc)) app_builtin_scene_build(&r->scene, &r->app_arena);
    struct pose start_head;
    app_builtin_scene_start_pose(&start_head);
    if (sc) {
        uint32_t added = app_scene_add_placeholders(&r->scene, &r->app_arena, sc);
        if (added) LOG_W("%u scenario objects have no node in the scene; placeholder boxes stand in for them", added);
        app_panels_add_board_stand(&r->scene, &r->app_arena, &start_head);
    }
    r->meshes = ARENA_PUSH_ARRAY(&r->app_arena, struct gfx_mesh, r->scene.mesh_count + 1);
    for (uint32_t i = 0; i < r->scene.mesh_count; i++) r->meshes[i] = gfx_mesh_create(r->gfx, &r->scene.meshes[i]);
    if (sc) app_scene_gltf_upload(&r->scene_gltf, &r->scene, r->gfx, &r->app_arena);

    int w = o->width, h = o->height;
    if (!o->headless) plat_drawable_size(r->plat, &w, &h);
    int samples = o->msaa > 0 ? o->msaa : (o->headless ? 1 : 4);
    if (!gfx_target_init(r->gfx, &r->target, w, h, samples)) {
        LOG_E("cannot create a %dx%d render target", w, h);
        return false;
    }

    struct xr_desc xd = {.backend = o->headless ? XR_BACKEND_HEADLESS : XR_BACKEND_DESKTOP};
    xd.start_head = start_head;
    r->start_head = start_head;
    xd.width = w;
    xd.height = h;
    bool headset = false;
    r->xr = app_xr_open(o->headless ? NULL : r->plat, &xd, o->xr, &headset);
    if (!r->xr) return false;
    interact_init(&r->ix);
    if (sc) {
        /* Interaction moves nodes; a restart puts them back from here. */
        r->start_nodes = ARENA_PUSH_ARRAY(&r->app_arena, struct scene_node, r->scene.node_count + 1);
        memcpy(r->start_nodes, r->scene.nodes, r->scene.node_count * sizeof *r->start_nodes);
    }
    if (r->have_session) set_session_objects(r);
    r->show_help = true;
    return true;
}

/* The interaction objects of the session's scenario, on a scene as it was
 * at the start. */
static void set_session_objects(struct run *r)
{
    memcpy(r->scene.nodes, r->start_nodes, r->scene.node_count * sizeof *r->start_nodes);
    scene_update_world(&r->scene);
    interact_init(&r->ix);
    /* One mouse button for everything on the desktop (interact.h). */
    r->ix.mode = INTERACT_MODE_CLICK;
    struct app_objects objs;
    app_objects_build(r->sess.sc, &r->scene, &r->app_arena, &objs);
    interact_set_objects(&r->ix, &r->scene, objs.v, objs.n, NULL, 0, &r->app_arena);
}

/* Esc menu, Restart: the session so far is a session that happened, so
 * its record is closed and sealed like any other; then a fresh session and
 * record for the same scenario, mode and trainee, in the scene as it was at
 * the start. False when the new session cannot open (the reason printed). */
static bool restart_session(struct run *r, int64_t t_us)
{
    bool ok = app_session_close(&r->sess, t_us);
    /* Kept, not freed, until the end: the interaction descriptors and the
     * placeholder nodes borrow strings from its scenario. */
    r->done = xrealloc(r->done, (r->done_n + 1) * sizeof *r->done);
    r->done[r->done_n++] = r->sess;
    memset(&r->sess, 0, sizeof r->sess);
    r->started = false;
    if (app_session_open(&r->sess, &r->so) != APP_EXIT_OK) {
        r->have_session = false;
        return false;
    }
    set_session_objects(r);
    return ok;
}

/* Start pressed: the session and its record begin with the panel's mode,
 * language and trainee id. */
static bool begin_session(struct run *r)
{
    r->starting = false;
    r->lang = r->start.lang;
    r->so.mode = (enum scenario_mode)r->start.mode;
    if (!scenario_lang_parse(app_lang_code(r->start.lang), &r->so.lang)) r->so.lang = SCENARIO_LANG_EN;
    r->so.trainee = r->start.trainee[0] ? r->start.trainee : NULL;
    if (app_session_open(&r->sess, &r->so) != APP_EXIT_OK) return false;
    r->have_session = true;
    set_session_objects(r);
    return true;
}

static void teardown(struct run *r)
{
    scenario_free(&r->preview);
    for (size_t i = 0; i < r->done_n; i++) app_session_free(&r->done[i]);
    free(r->done);
    if (r->have_session) {
        /* Opened but never started (setup failed): the record holds the
         * header only; close it so it is complete rather than torn. */
        if (!r->started) app_session_close(&r->sess, 0);
        app_session_free(&r->sess);
    }
    ui_quads_free(&r->quads);
    app_panels_free(&r->panels);
    if (r->have_font) ui_font_fini(&r->font);
    if (r->gfx) {
        gfx_target_fini(r->gfx, &r->target);
        gfx_destroy(&r->gfx);
    }
    xr_destroy(&r->xr);
    plat_destroy(&r->plat);
    arena_fini(&r->frame_arena);
    arena_fini(&r->app_arena);
}

int app_run(const struct app_run_opts *o, struct app_capture *capture)
{
    struct run r;
    memset(&r, 0, sizeof r);
    r.opts = o;
    r.lang = o->lang;
    arena_init(&r.app_arena, "app", 1024 * 1024);
    arena_init(&r.frame_arena, "frame", 256 * 1024);
    if (o->scenario) {
        /* Load and open the record before any window: a bad scenario is
         * refused at once, with its file:line:col diagnostics. */
        struct app_session_opts so = {.scenario_path = o->scenario, .mode = (enum scenario_mode)o->mode,
                                      .trainee = o->trainee, .seed = o->seed, .records_dir = o->records,
                                      .device = o->headless ? "headless" : "desktop",
                                      .input = o->headless ? "none" : "mouse"};
        if (!scenario_lang_parse(app_lang_code(o->lang), &so.lang)) so.lang = SCENARIO_LANG_EN;
        if (o->script) {
            /* The playthrough sets mode, seed and language, as in paja test. */
            struct scenario_diags d;
            scenario_diags_init(&d);
            struct scenario *sc = scenario_load(o->scenario, &d);
            if (!sc) scenario_diags_print(&d, stderr); /* warnings come once, from the session's load */
            scenario_diags_fini(&d);
            bool ready = sc && app_script_prepare(sc, o->script, &r.script);
            scenario_free(&sc);
            if (!ready) {
                app_script_free(&r.script);
                teardown(&r);
                return APP_EXIT_USAGE;
            }
            r.script_on = true;
            so.mode = r.script.mode;
            so.lang = r.script.lang;
            so.seed = r.script.seed;
            /* The words around the scenario's texts (legend, "pointing
             * at") in the playthrough's language too. */
            app_lang_parse(scenario_lang_code(r.script.lang), &r.lang);
            so.input = "script";
        }
        r.so = so;
        if (!o->headless && !o->script && !o->trainee) {
            /* The start panel asks for the trainee first; the scenario is
             * still checked before any window opens. */
            struct scenario_diags d;
            scenario_diags_init(&d);
            r.preview = scenario_load(o->scenario, &d);
            /* Errors now; warnings once, from the session's own load at Start. */
            if (!r.preview) scenario_diags_print(&d, stderr);
            scenario_diags_fini(&d);
            if (!r.preview) {
                teardown(&r);
                return APP_EXIT_USAGE;
            }
            r.starting = true;
            app_start_init(&r.start, o->mode, o->lang);
        } else {
            int rc = app_session_open(&r.sess, &so);
            if (rc != APP_EXIT_OK) {
                teardown(&r);
                return rc;
            }
            r.have_session = true;
        }
    }
    if (!setup(&r)) {
        teardown(&r);
        return APP_EXIT_USAGE;
    }

    struct desk_input in = {.width = r.target.width, .height = r.target.height};
    struct ev_queue evq;
    bool ok = true;
    int64_t last_t_us = 0;
    for (int frame = 0; o->frames == 0 || frame < o->frames; frame++) {
        uint64_t frame_start = clock_mono_ns();
        arena_clear(&r.frame_arena);
        ev_queue_init(&evq, &r.frame_arena);

        struct plat_commands cmd;
        plat_poll(r.plat, &in, &cmd);
        if (o->headless) {
            in.width = r.target.width;
            in.height = r.target.height;
        }
        if (cmd.quit) break;
        if (cmd.toggle_help) r.show_help = !r.show_help;
        if (cmd.toggle_fullscreen) {
            r.fullscreen = !r.fullscreen;
            plat_set_fullscreen(r.plat, r.fullscreen);
        }
        if (!o->headless && (in.width != r.target.width || in.height != r.target.height))
            gfx_target_resize(r.gfx, &r.target, in.width, in.height);

        /* A paused scene (start panel, menu) gets no input, and the click
         * that chose from a panel is no click in the scene either, until it
         * is released. The hand's ray still moves: it points at the panel. */
        bool was_paused = r.starting || r.menu.open;
        struct desk_input xin = in;
        if (r.click_held && !in.button_left) r.click_held = false;
        if (was_paused || r.click_held) {
            memset(xin.key_down, 0, sizeof xin.key_down);
            xin.look_dx = xin.look_dy = 0.0f;
            xin.button_left = xin.button_right = false;
            xin.wheel = 0.0f;
        }
        struct xr_frame xf;
        xr_set_window_input(r.xr, &xin);
        xr_frame_begin(r.xr, &xf);
        /* Test hook (off unless PAJA_TEST_TRACE is set): where this frame
         * draws things, for tests that drive the window with X input. */
        app_trace_frame(&r.trace, &(struct app_trace_in){.frame = &xf, .in = &in, .xr = r.xr, .ix = &r.ix,
                                                         .scene = &r.scene, .panels = &r.panels,
                                                         .start = r.starting ? &r.start : NULL, .menu = &r.menu,
                                                         .sess = r.have_session ? &r.sess : NULL,
                                                         .clock = &r.clock});
        /* Where the right hand's ray meets the modal panel drawn last frame
         * (panel pixels; -1 when it misses). */
        float px = -1.0f, py = -1.0f;
        if (xf.hands[HAND_RIGHT].active) app_panels_modal_pointer(&r.panels, &xf.hands[HAND_RIGHT].aim, &px, &py);
        bool click = xf.hands[HAND_RIGHT].active && in.button_left;

        bool paused = false;
        if (r.starting) {
            struct app_start_input si = {.esc = cmd.menu, .text = cmd.text, .backspace = cmd.backspace,
                                         .enter = cmd.enter, .next_mode = cmd.f2, .next_lang = cmd.f3,
                                         .x = px, .y = py, .button = click};
            enum app_start_result sr = app_start_update(&r.start, &si);
            if (sr == APP_START_QUIT) break;
            if (sr == APP_START_BEGIN && !begin_session(&r)) {
                ok = false;
                break;
            }
            /* This frame is still the panel's; the Start click is no click
             * in the scene. */
            paused = true;
            r.click_held = in.button_left;
        } else if (cmd.menu && !r.have_session) {
            /* The built-in workshop has nothing to pause or restart: Esc quits. */
            break;
        }
        if (!paused && r.have_session && !r.script_on) {
            struct app_menu_input mi = {.esc = cmd.menu, .text = cmd.text, .enter = cmd.enter,
                                        .x = px, .y = py, .button = click};
            bool was_open = r.menu.open;
            enum app_menu_choice choice = app_menu_update(&r.menu, &mi);
            if (choice == APP_MENU_QUIT) break;
            if (choice == APP_MENU_RESTART && !restart_session(&r, last_t_us)) {
                ok = false;
                break;
            }
            if (was_open || r.menu.open) {
                paused = true;
                r.click_held = in.button_left;
            }
        }
        /* Scenario time is frame time less the time spent in the menu. */
        xf.time_us = app_clock_frame(&r.clock, xf.time_us, paused);
        if (paused) {
            render(&r, &xf);
            present(&r, &in, frame_start);
            xr_frame_end(r.xr, &xf);
            continue;
        }
        bool hint = cmd.hint;
        struct pose *head = &xf.views[0].pose;
        if (r.script_on) {
            /* The script's hand and head replace the backend's; the frame
             * clock is the script's simulated time. Only the last frame is
             * drawn: a 10-minute wait is thousands of frames of nothing. */
            int64_t st = 0;
            if (frame == 0) r.script_head = xf.views[0].pose;
            if (!app_script_frame(&r.script, &r.ix, &r.scene, &r.script_head, xf.hands, &hint, &st)) {
                render(&r, &xf);
                break;
            }
            xf.time_us = st;
            head = &r.script_head;
        }
        if (r.have_session && !r.started) {
            app_session_start(&r.sess, xf.time_us);
            r.started = true;
        }
        interact_update(&r.ix, &r.scene, xf.hands, head, xf.time_us, &evq);
        if (cmd.wait && r.have_session && !r.sess.finished && !r.script_on) {
            /* T: a minute passes for the scenario (see APP_WAIT_US); the
             * record says it was waited, not lived. */
            struct ev w = {.type = EV_UI, .t_us = xf.time_us, .hand = -1, .subject = APP_WAIT_SUBJECT,
                           .value = (double)(APP_WAIT_US / 1000000)};
            ev_queue_push(&evq, &w);
            app_clock_wait(&r.clock, APP_WAIT_US);
        }
        for (size_t i = 0; i < evq.n; i++)
            LOG_D("t=%lld %s %s", (long long)evq.v[i].t_us, ev_type_name(evq.v[i].type),
                  evq.v[i].subject ? evq.v[i].subject : "-");
        /* An author's edit to scenario.yaml takes effect in the running session. */
        if (r.have_session) app_session_poll_reload(&r.sess, xf.time_us, false);
        if (r.have_session)
            app_session_frame(&r.sess, evq.v, evq.n, hint, xf.time_us, head,
                              xf.hands[HAND_RIGHT].active ? &xf.hands[HAND_RIGHT].aim : NULL, &r.frame_arena);
        last_t_us = xf.time_us;
        if (r.script_on) {
            if (o->step_shots && (frame == 0 || r.sess.steps_completed + 1 != r.shots)) step_shot(&r, &xf, head);
            xr_frame_end(r.xr, &xf);
            continue;
        }
        render(&r, &xf);
        if (cmd.screenshot) {
            char name[64];
            screenshot_name(name, sizeof name);
            write_screenshot(&r, name, NULL);
        }
        present(&r, &in, frame_start);
        xr_frame_end(r.xr, &xf);
    }
    /* Quit, window closed or --frames reached: the record is closed and
     * sealed in every case (a scenario not finished is "incomplete"). */
    if (r.have_session && r.started && !app_session_close(&r.sess, last_t_us)) ok = false;
    int script_rc = r.script_on ? script_verdict(&r) : APP_EXIT_OK;
    if (o->screenshot || capture) ok = write_screenshot(&r, o->screenshot, capture);
    app_script_free(&r.script);
    teardown(&r);
    /* An unwritable screenshot path is bad input, not a finding. */
    return ok ? script_rc : APP_EXIT_USAGE;
}
