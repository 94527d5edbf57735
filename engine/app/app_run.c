/* app_run.c — `paja run`: a scenario (app_session.c: scenario, interaction
 * objects, record) or, with none given, the built-in workshop scene. Here:
 * setting up (window, renderer, scene, the xr backend), tearing down, and
 * the loop that runs app_frame (app_loop.c) until the run's state machine
 * (app_state.h) says DONE. Sessions opened and restarted: app_run_session.c;
 * drawing and screenshots: app_draw.c. */
#define LOG_TAG "app"
#include "app_run_int.h"
#include "app_xr.h"
#include "app_choice.h"

#include "event.h"
#include "fs.h"
#include "image.h"
#include "log.h"
#include "platform.h"
#include "pose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void app_run_opts_default(struct app_run_opts *o)
{
    memset(o, 0, sizeof *o);
    o->width = 1280;
    o->height = 720;
    o->lang = app_lang_from_env();
    o->hot_reload = true;
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
    if (!ui_font_init(&r->font, (const uint8_t *)ttf, size, APP_FONT_BAKE_PX, err, sizeof err)) {
        LOG_W("font '%s': %s; on-screen text is off", path, err);
        return false;
    }
    r->atlas = gfx_texture_create_r8(r->gfx, r->font.atlas_w, r->font.atlas_h, r->font.atlas);
    return true;
}


/* --script: the input path's outcome against the engine's (paja test). */
static int script_verdict(struct run *r)
{
    struct scenario_status st;
    scenario_session_status(r->sess.run, &st);
    return app_script_verdict(&r->script, &st);
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
        /* The scene search path (app_scene_find), as paja check uses. */
        char tried[2048];
        path = app_scene_find(scenario_get_dir(sc), name, &r->app_arena, tried, sizeof tried);
        if (!path) {
            LOG_W("scene %s is not in %s; using the built-in workshop with placeholder objects "
                  "(--scene FILE names another, PAJA_ASSETS adds a folder)",
                  name, tried);
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
    const struct scenario *sc = app_shown_scenario(r);
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
    int samples = gfx_choose_samples(r->gfx, o->msaa, o->headless);
    if (!gfx_target_init(r->gfx, &r->target, w, h, samples)) {
        LOG_E("cannot create a %dx%d render target", w, h);
        return false;
    }
    r->in.width = w;
    r->in.height = h;

    r->start_head = start_head;
    r->script_head = start_head;
    /* The hand a mouse (or a script) drives; the other hand is as
     * first-class, it just has nothing driving it on a desktop. */
    r->mouse_hand = HAND_RIGHT;
    r->pointer_hand = r->mouse_hand;
    r->script.hand = r->mouse_hand;
    struct xr_desc xd = {.backend = o->headless ? XR_BACKEND_HEADLESS : XR_BACKEND_DESKTOP,
                         .start_head = start_head, .width = w, .height = h,
                         .left_handed = r->mouse_hand == HAND_LEFT};
    bool headset = false;
    r->xr = app_xr_open(o->headless ? NULL : r->plat, &xd, o->xr, &headset);
    (void)headset; /* what it is comes from xr_get_info */
    if (!r->xr) return false;
    xr_get_info(r->xr, &r->xr_info);
    /* Where the backend paces the frames, the window's swap must not. */
    if (r->xr_info.paced) plat_set_vsync(r->plat, false);
    interact_init(&r->ix);
    interact_locomotion_init(&r->loco);
    if (sc) {
        /* Interaction moves nodes; a restart puts them back from here. */
        r->start_nodes = ARENA_PUSH_ARRAY(&r->app_arena, struct scene_node, r->scene.node_count + 1);
        memcpy(r->start_nodes, r->scene.nodes, r->scene.node_count * sizeof *r->start_nodes);
    }
    r->show_help = true;
    r->seated = o->seated;
    return true;
}

static void teardown(struct run *r)
{
    scenario_free(&r->preview);
    for (size_t i = 0; i < r->done_n; i++) app_session_free(&r->done[i]);
    free(r->done);
    /* Opened but never started (setup failed, quit at once): the record
     * holds the header only; close it so it is complete rather than torn. */
    if (r->sess.rec && !r->sess.started) app_session_close(&r->sess, 0);
    app_session_free(&r->sess);
    ui_quads_free(&r->quads);
    app_panels_free(&r->panels);
    app_choice_free(&r->choice);
    if (r->have_font) ui_font_fini(&r->font);
    if (r->gfx) {
        gfx_target_fini(r->gfx, &r->target);
        for (int v = 0; v < 2; v++) gfx_target_fini(r->gfx, &r->view_targets[v]);
        gfx_destroy(&r->gfx);
    }
    xr_destroy(&r->xr);
    plat_destroy(&r->plat);
    arena_fini(&r->frame_arena);
    arena_fini(&r->app_arena);
}

/* The scenario, loaded before any window so a bad one is refused at once
 * with its file:line:col diagnostics. Errors now; warnings once, from the
 * session's own load. The run keeps it to show its scene (and the start
 * panel's title) and lends its strings to the scene's placeholders. */
static bool load_preview(struct run *r, const char *path)
{
    struct scenario_diags d;
    scenario_diags_init(&d);
    r->preview = scenario_load(path, &d);
    if (!r->preview) {
        scenario_diags_print(&d, stderr);
        fprintf(stderr, "paja run: cannot start '%s': the scenario has errors (paja check shows them too)\n", path);
    }
    scenario_diags_fini(&d);
    return r->preview != NULL;
}

int app_run(const struct app_run_opts *o, struct app_capture *capture)
{
    struct run *r = xcalloc(1, sizeof *r);
    r->opts = o;
    r->lang = o->lang;
    r->ok = true;
    arena_init(&r->app_arena, "app", 1024 * 1024);
    arena_init(&r->frame_arena, "frame", 256 * 1024);
    enum app_phase first = APP_PHASE_WORKSHOP;
    int rc = APP_EXIT_OK;
    if (o->scenario) {
        struct app_session_opts so = {.scenario_path = o->scenario, .mode = (enum scenario_mode)o->mode,
                                      .trainee = o->trainee, .seed = o->seed, .records_dir = o->records,
                                      .signing_key = o->signing_key, .hot_reload = o->hot_reload};
        if (!scenario_lang_parse(app_lang_code(o->lang), &so.lang)) so.lang = SCENARIO_LANG_EN;
        bool ready = load_preview(r, o->scenario);
        if (ready && o->script) {
            /* The playthrough sets mode, seed and language, as in paja test. */
            ready = app_script_prepare(r->preview, o->script, &r->script);
            /* A class locked to one mode (session.mode_lock) plays no
             * playthrough of another. */
            if (ready && o->mode_locked && (int)r->script.mode != o->mode) {
                fprintf(stderr, "paja run: --script: the playthrough is in %s mode, but this class is locked to %s "
                                "mode (session.mode_lock)\n",
                        scenario_mode_name(r->script.mode), scenario_mode_name((enum scenario_mode)o->mode));
                ready = false;
            }
            r->script.choice = &r->choice; /* the script picks on the choice panel */
            so.mode = r->script.mode;
            so.lang = r->script.lang;
            so.seed = r->script.seed;
            /* The words around the scenario's texts (legend, "pointing
             * at") in the playthrough's language too. */
            app_lang_parse(scenario_lang_code(r->script.lang), &r->lang);
            so.input = "script";
        }
        r->so = so;
        /* On a screen with no trainee named, the start panel asks first. */
        first = !o->headless && !o->script && !o->trainee ? APP_PHASE_START : APP_PHASE_PLAYING;
        if (!ready) rc = APP_EXIT_USAGE;
        if (first == APP_PHASE_START) {
            app_start_init(&r->start, o->mode, o->lang);
            r->start.mode_locked = o->mode_locked;
        }
    }
    app_state_init(&r->st, first, o->script != NULL);
    if (rc == APP_EXIT_OK && !setup(r)) rc = APP_EXIT_USAGE;
    if (rc == APP_EXIT_OK && first == APP_PHASE_PLAYING && !app_open_session(r)) rc = APP_EXIT_USAGE;
    if (rc != APP_EXIT_OK) {
        app_script_free(&r->script);
        teardown(r);
        free(r);
        return rc;
    }

    while ((o->frames == 0 || r->frame < o->frames) && app_frame(r)) {}
    app_drain_xr(r);
    /* Quit, window closed, --frames reached or the headset gone: the
     * record is closed and sealed in every case (a scenario not finished
     * is "incomplete"). */
    if (r->sess.rec && r->sess.started && !app_session_close(&r->sess, r->last_t_us)) r->ok = false;
    int script_rc = r->st.scripted ? script_verdict(r) : APP_EXIT_OK;
    bool ok = r->ok;
    if (o->screenshot || capture) ok = app_write_screenshot(r, o->screenshot, capture) && ok;
    app_script_free(&r->script);
    teardown(r);
    free(r);
    /* An unwritable screenshot path is bad input, not a finding. */
    return ok ? script_rc : APP_EXIT_USAGE;
}
