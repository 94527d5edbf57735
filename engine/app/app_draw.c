/* app_draw.c — what a frame of `paja run` shows, drawn into each view's
 * target: the scene (the scenario's, PBR, or the built-in workshop), guided
 * mode's hints, the panels in the world and, only where the backend has a
 * screen, the overlay. The same code draws one desktop view or two eyes;
 * gfx only ever sees targets. */
#define LOG_TAG "app"
#include "app_hud.h"
#include "app_run_int.h"

#include "clock.h"
#include "gfx.h"
#include "image.h"
#include "log.h"
#include "platform.h"
#include "pose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Without vsync a desktop frame loop would spin a core at 100 %; school PCs
 * and laptops deserve better. 120 Hz is above any desktop monitor's need. */
#define DESKTOP_MIN_FRAME_NS (CLOCK_NS_PER_S / 120)

static bool hovered_by_a_hand(const struct interact *ix, uint32_t node)
{
    for (int h = 0; h < HAND_COUNT; h++)
        if (ix->hovered[h] == node) return true;
    return false;
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
        if (hovered_by_a_hand(ix, i) && node->name[0]) {
            glm_vec3_scale(d[n].color, 1.6f, d[n].color);
            glm_vec3_adds(d[n].color, 0.04f, d[n].color);
        }
        n++;
    }
    *out = d;
    *out_n = n;
}

/* The name of what the pointing hand's ray points at, for the HUD. */
static const char *session_pointing(struct run *r, char *buf, size_t size)
{
    uint32_t o = r->ix.hands[r->pointer_hand].hovered_object;
    if (o == INTERACT_NONE || o >= r->ix.object_count) return NULL;
    const struct interact_object *io = &r->ix.objects[o];
    /* A feature's own part is named too ("Gloves · Air test"). */
    const char *part = app_choice_feature_under(&r->ix, &r->scene, r->sess.sc, r->sess.opts.lang, r->pointer_hand);
    snprintf(buf, size, "%s%s%s%s", app_text(r->lang, TXT_POINTING_AT),
             app_scenario_object_name(r->sess.sc, io->id, r->sess.opts.lang), part ? " · " : "", part ? part : "");
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

/* The built-in workshop's words: title, controls, what is pointed at. */
static void workshop_hud(struct run *r, struct ui_quads *q, int w, int h, float scale)
{
    enum app_lang lang = r->lang;
    const float white[4] = {1.0f, 1.0f, 1.0f, 1.0f}, bg[4] = {0.02f, 0.03f, 0.05f, 0.72f};
    const float accent[4] = {1.0f, 0.78f, 0.35f, 1.0f};
    bool screen = r->xr_info.has_screen;
    ui_panel_text(&r->font, q, app_text(lang, TXT_TITLE), UI_ANCHOR_TOP_LEFT, (float)w, (float)h, scale, accent, bg);
    const char *controls = !r->show_help ? app_text(lang, TXT_HELP_HIDDEN)
                           : screen      ? app_text(lang, TXT_CONTROLS)
                                         : app_text(lang, TXT_XR_CONTROLS);
    ui_panel_text(&r->font, q, controls, UI_ANCHOR_BOTTOM_LEFT, (float)w, (float)h, scale, white, bg);
    uint32_t hov = r->ix.hovered[r->pointer_hand];
    const char *label = hov != SCENE_NOT_FOUND ? app_builtin_scene_label(r->scene.nodes[hov].name, lang) : NULL;
    if (label) {
        char line[256];
        snprintf(line, sizeof line, "%s%s", app_text(lang, TXT_POINTING_AT), label);
        ui_panel_text(&r->font, q, line, UI_ANCHOR_TOP_RIGHT, (float)w, (float)h, scale, white, bg);
    }
}

/* The words of this frame. Where there is a screen: the overlay in r->quads
 * and the modal canvas as the window, filling the view (it reads as an
 * overlay, and the hand's ray points at it as at any panel). In a headset:
 * the same layouts on canvases that stand ahead and follow lazily. */
static void build_words(struct run *r, const struct xr_frame *xf)
{
    ui_quads_reset(&r->quads);
    app_panels_begin(&r->panels);
    if (!r->have_font) return;
    bool screen = r->xr_info.has_screen;
    const struct xr_view *v0 = &xf->views[0];
    int w = screen ? r->target.width : APP_CANVAS_W, h = screen ? r->target.height : APP_CANVAS_H;
    const struct pose *anchor = screen ? &v0->pose : &r->follow.at;
    float vfov = screen ? v0->fov.angle_up - v0->fov.angle_down : glm_rad(APP_CANVAS_VFOV_DEG);
    /* Readable at any size: about 1/36 of the canvas height per line. */
    float scale = (float)h / 36.0f / APP_FONT_BAKE_PX * 1.25f;
    if (scale < 0.5f) scale = 0.5f;
    struct ui_quads *words = screen ? &r->quads : app_panels_hud(&r->panels, anchor, vfov, 1.0f, w, h);
    enum app_phase phase = r->st.phase;

    if (phase == APP_PHASE_START) {
        enum scenario_lang sl;
        if (!scenario_lang_parse(app_lang_code(r->start.lang), &sl)) sl = SCENARIO_LANG_EN;
        struct ui_quads *mq = app_panels_modal(&r->panels, anchor, vfov, 1.0f, w, h);
        app_start_draw(&r->start, &r->font, mq, scenario_get_title(r->preview, sl), (float)w, (float)h, scale);
        return;
    }
    if (!r->sess.sc) {
        workshop_hud(r, words, w, h, scale);
    } else {
        char pointing[384];
        const char *controls = !r->show_help ? app_text(r->lang, TXT_HELP_HIDDEN)
                               : screen      ? app_text(r->lang, TXT_SESSION_CONTROLS)
                                             : app_text(r->lang, TXT_XR_CONTROLS);
        app_hud_session(&r->font, words, &r->sess, session_pointing(r, pointing, sizeof pointing), controls, w, h,
                        scale);
        app_panels_board(&r->panels, &r->font, &r->sess, &r->scene, &r->start_head);
        app_panels_display(&r->panels, &r->font, &r->sess, &r->scene, reading_tool_node(r));
        if (phase == APP_PHASE_MENU)
            app_menu_draw(&r->menu, &r->font, app_panels_modal(&r->panels, anchor, vfov, 1.0f, w, h), r->lang,
                          (float)w, (float)h, scale);
        else if (r->sess.finished)
            app_hud_end(&r->font, app_panels_modal(&r->panels, anchor, vfov, 1.0f, w, h), &r->sess, w, h, scale);
    }
    /* A small crosshair while looking around with the mouse, where the
     * hand's ray points. */
    if (screen && plat_mouse_captured(r->plat)) {
        const float white[4] = {1.0f, 1.0f, 1.0f, 1.0f};
        float cx = (float)w * 0.5f, cy = (float)h * 0.5f, s = 2.0f * scale;
        ui_rect(&r->font, &r->quads, cx - s, cy - s, cx + s, cy + s, white);
    }
}

static void view_for(const struct xr_view *v, struct gfx_view *out)
{
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

/* Per-node flags: worn (hidden), under a hand's pointer, named by the
 * guided steps; then every visible mesh as a PBR draw. */
static size_t session_draws(struct run *r, struct gfx_pbr_draw **out, const bool **out_guided)
{
    const struct scene *s = &r->scene;
    const struct interact *ix = &r->ix;
    bool *hovered = ARENA_PUSH_ARRAY(&r->frame_arena, bool, s->node_count + 1);
    bool *guided = ARENA_PUSH_ARRAY(&r->frame_arena, bool, s->node_count + 1);
    const char *guide_ids[32];
    bool finished = r->sess.finished;
    size_t ng = r->sess.run ? scenario_session_guidance(r->sess.run, guide_ids, 32) : 0;
    if (ng > 32) ng = 32;
    for (uint32_t i = 0; i < s->node_count && ix->node_object; i++) {
        uint32_t o = i < ix->node_count ? ix->node_object[i] : INTERACT_NONE;
        if (o == INTERACT_NONE) continue;
        for (int h = 0; h < HAND_COUNT; h++) hovered[i] |= o == ix->hands[h].hovered_object;
        for (size_t k = 0; k < ng && !finished; k++)
            if (strcmp(ix->objects[o].id, guide_ids[k]) == 0) guided[i] = true;
    }
    *out_guided = guided;
    return app_scene_pbr_draws(&r->scene_gltf, s, r->meshes, ix->node_hidden, hovered, guided, &r->frame_arena, out);
}

/* The teleport arc while a stick aims it: green where it lands somewhere
 * to stand, red where it does not. */
static size_t arc_lines(struct run *r, struct gfx_line **out)
{
    const struct interact_locomotion *l = &r->loco;
    if (l->arc_n < 2) return 0;
    struct gfx_line *v = ARENA_PUSH_ARRAY(&r->frame_arena, struct gfx_line, l->arc_n);
    const float ok[4] = {0.25f, 0.95f, 0.45f, 1.0f}, no[4] = {0.95f, 0.30f, 0.25f, 1.0f};
    for (uint32_t i = 0; i + 1 < l->arc_n; i++) {
        glm_vec3_copy((float *)l->arc[i], v[i].a);
        glm_vec3_copy((float *)l->arc[i + 1], v[i].b);
        glm_vec4_copy((float *)(l->target_ok ? ok : no), v[i].color);
    }
    *out = v;
    return l->arc_n - 1;
}

/* The target view v draws into: the backend's image wrapped, or the app's
 * own. */
static struct gfx_target *view_target(struct run *r, const struct xr_view *v, uint32_t i)
{
    if (!v->color_texture) return &r->target;
    int samples = r->opts->msaa > 0 ? r->opts->msaa : 4;
    if (!gfx_target_wrap(r->gfx, &r->view_targets[i], v->color_texture, v->depth_texture, v->width, v->height,
                         samples))
        return NULL;
    return &r->view_targets[i];
}

void app_draw_views(struct run *r, const struct xr_frame *xf)
{
    struct gfx_draw *draws = NULL;
    struct gfx_pbr_draw *pbr = NULL;
    size_t draw_n = 0;
    const bool *guided = NULL;
    if (app_shown_scenario(r)) draw_n = session_draws(r, &pbr, &guided);
    else collect_draws(&r->scene, r->meshes, &r->ix, &r->frame_arena, &draws, &draw_n);
    build_words(r, xf);
    if (r->sess.run && !r->sess.finished)
        app_guidance_build(&r->guidance, r->sess.run, r->sess.opts.mode, &r->ix, &r->scene, r->meshes, guided,
                           &r->frame_arena);
    else
        memset(&r->guidance, 0, sizeof r->guidance);
    struct gfx_line *arc = NULL;
    size_t arc_n = arc_lines(r, &arc);
    bool mirrored = false;
    for (uint32_t v = 0; v < xf->view_count; v++) {
        struct gfx_target *t = view_target(r, &xf->views[v], v);
        if (!t) continue;
        struct gfx_view gv;
        view_for(&xf->views[v], &gv);
        gfx_pass_begin(r->gfx, t, &gv);
        if (pbr) gfx_draw_pbr(r->gfx, pbr, draw_n, true);
        else gfx_draw_meshes(r->gfx, draws, draw_n);
        app_guidance_draw(&r->guidance, r->gfx, t->height);
        if (arc_n) gfx_draw_lines(r->gfx, arc, arc_n, 4.0f * (float)t->height / 720.0f);
        app_panels_draw(&r->panels, r->gfx, r->atlas, false);
        gfx_draw_quads(r->gfx, r->atlas, r->quads.v, r->quads.n);
        app_panels_draw(&r->panels, r->gfx, r->atlas, true);
        if (r->sess.sc && r->have_font) app_choice_draw(&r->choice, &r->font, r->sess.opts.lang, r->gfx, r->atlas);
        gfx_pass_end(r->gfx);
        /* The left eye, before the backend takes its image back. */
        if (t != &r->target && !mirrored) {
            gfx_target_mirror(r->gfx, t, &r->target);
            mirrored = true;
        }
    }
}

void app_present(struct run *r, uint64_t frame_start_ns)
{
    if (r->opts->headless) return;
    gfx_target_present(r->gfx, &r->target, r->in.width, r->in.height);
    plat_swap(r->plat);
    uint64_t spent = clock_mono_ns() - frame_start_ns;
    if (!r->xr_info.paced && !plat_vsync_active(r->plat) && spent < DESKTOP_MIN_FRAME_NS)
        clock_sleep_ns(DESKTOP_MIN_FRAME_NS - spent);
}

/* F12's file name: the local date and time to the millisecond, so a folder
 * of screenshots sorts in the order they were taken and a person can tell
 * which is which. */
void app_screenshot_name(char *out, size_t size)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    time_t secs = ts.tv_sec;
    char when[32] = "unknown-time";
    if (localtime_r(&secs, &tm)) strftime(when, sizeof when, "%Y%m%d-%H%M%S", &tm);
    snprintf(out, size, "paja-%s-%03ld.png", when, ts.tv_nsec / 1000000);
}

const struct scenario *app_shown_scenario(const struct run *r)
{
    return r->sess.sc ? r->sess.sc : r->preview;
}

bool app_write_screenshot(struct run *r, const char *path, struct app_capture *capture)
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
