/* app_trace.c — TEST HOOK: per-frame screen positions for the X11 play test
 * (see app_trace.h). Nothing here changes what paja does; it only reads. */
#include "app_trace.h"

#include "app.h"
#include "app_choice.h"
#include "app_menu.h"
#include "app_panels.h"
#include "app_session.h"
#include "app_start.h"

#include "clock.h"
#include "interact.h"
#include "pose.h"
#include "scenario.h"
#include "scene.h"
#include "xr.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A line of a few dozen objects is about 2 KB; what does not fit is cut
 * (the line still ends), never overrun. */
struct line {
    char v[16384];
    size_t n;
};

static void put(struct line *l, const char *fmt, ...)
{
    if (l->n >= sizeof l->v - 1) return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(l->v + l->n, sizeof l->v - l->n, fmt, ap);
    va_end(ap);
    if (k > 0) l->n += (size_t)k < sizeof l->v - l->n ? (size_t)k : sizeof l->v - 1 - l->n;
}

/* Ids go into a space-separated line: no spaces or commas in them (ids
 * cannot have any; typed text is filtered to the id set anyway). */
static void put_id(struct line *l, const char *s)
{
    if (!s || !*s) {
        put(l, "-");
        return;
    }
    for (const char *c = s; *c; c++) put(l, "%c", (*c == ' ' || *c == ',' || *c == '=') ? '_' : *c);
}

struct view {
    mat4 clip_from_world;
    vec3 eye;
    float w, h;
};

/* The pixel where world point p is drawn (the renderer's own projection,
 * app_run.c view_for): 1 when it is in front and inside the view, 2 in
 * front but outside it (the pixel says which way to turn), 0 behind the eye
 * (the pixel is -1, -1). */
static int project(const struct view *v, const vec3 p, float *x, float *y)
{
    vec4 wp = {p[0], p[1], p[2], 1.0f}, c;
    glm_mat4_mulv((vec4 *)v->clip_from_world, wp, c);
    if (c[3] <= 1e-6f) {
        *x = *y = -1.0f;
        return 0;
    }
    *x = (c[0] / c[3] * 0.5f + 0.5f) * v->w;
    *y = (0.5f - c[1] / c[3] * 0.5f) * v->h;
    return *x >= 0.0f && *x < v->w && *y >= 0.0f && *y < v->h ? 1 : 2;
}

/* One object: the centres of its meshes (its node's and its parts') are
 * tried in turn; the first the eye sees unblocked is reported, else the
 * first in view, else the first. At most 8 picks, and none off screen. */
static void put_object(struct line *l, const struct view *v, const struct interact *ix, const struct scene *s,
                       uint32_t o, int hand)
{
    const struct interact_object *io = &ix->objects[o];
    uint32_t node = io->node;
    bool worn = ix->state && ix->state[o].worn_seq != 0;
    float bx = -1.0f, by = -1.0f, bd = 0.0f;
    int bvis = 0, bhit = 0, tried = 0;
    for (uint32_t n = node; n < s->node_count && tried < 8 && !bhit && !worn; n++) {
        if (n != node && !scene_node_under(s, n, node)) continue;
        vec3 lo, hi, c;
        if (!scene_node_bounds(s, n, lo, hi)) continue;
        glm_vec3_center(lo, hi, c);
        tried++;
        float x, y;
        int vis = project(v, c, &x, &y);
        vec3 dir;
        glm_vec3_sub(c, (float *)v->eye, dir);
        float dist = glm_vec3_norm(dir);
        int hit = 0;
        if (vis == 1 && dist > 1e-4f) {
            /* What interact's hover ray sees: not what the hand holds. */
            struct interact_pick_skip k = {ix, ix->hands[hand].held};
            float t = 0.0f;
            uint32_t h = scene_ray_pick_mesh_filtered(s, v->eye, dir, interact_pick_not_held, &k, &t, NULL);
            hit = h != SCENE_NOT_FOUND && h < ix->node_count && ix->node_object[h] == o;
        }
        if (tried == 1 || (vis == 1 && bvis != 1) || hit) {
            bx = x;
            by = y;
            bd = dist;
            bvis = vis;
            bhit = hit;
        }
    }
    put(l, " obj=");
    put_id(l, io->id);
    put(l, ",%d,%d,%d,%d,%.2f", (int)bx, (int)by, bvis, bhit, bd);
}

/* A point of the modal panel (panel pixels) on the screen: through the
 * panel's placement in the world, then the view. */
static void panel_to_screen(const struct view *v, const struct ui_world_panel *p, float px, float py, float *x,
                            float *y)
{
    vec4 local = {px * p->metres_per_px, -py * p->metres_per_px, 0.0f, 1.0f}, w;
    glm_mat4_mulv((vec4 *)p->world_from_panel, local, w);
    project(v, w, x, y);
}

/* A modal panel's item: the screen pixel of its centre and its corners
 * (top-left, bottom-right), so a test can point near its edges too. */
static void put_item(struct line *l, const struct view *v, const struct app_panels *ps, const char *name,
                     struct ui_rectf r)
{
    const struct ui_world_panel *p = &ps->p[APP_PANEL_MODAL].at;
    float x, y, x0, y0, x1, y1;
    panel_to_screen(v, p, 0.5f * (r.x0 + r.x1), 0.5f * (r.y0 + r.y1), &x, &y);
    panel_to_screen(v, p, r.x0, r.y0, &x0, &y0);
    panel_to_screen(v, p, r.x1, r.y1, &x1, &y1);
    put(l, " item=%s,%d,%d,%.1f,%.1f,%.1f,%.1f", name, (int)x, (int)y, x0, y0, x1, y1);
    /* The same centre in the world, for a controller to point at. */
    vec4 local = {0.5f * (r.x0 + r.x1) * p->metres_per_px, -0.5f * (r.y0 + r.y1) * p->metres_per_px, 0.0f, 1.0f}, w;
    glm_mat4_mulv((vec4 *)p->world_from_panel, local, w);
    put(l, " itemw=%s,%.4f,%.4f,%.4f", name, w[0], w[1], w[2]);
}

/* For a player that moves controllers rather than a mouse (tests/e2e/
 * xrplay.c): the frame's session state, the play-space origin (poses it
 * sends are in play space), the left hand's hover and hold, and each
 * object's node pose in the world (sockets compare node poses). */
/* Zones a player walks into: the middle of each zone object's footprint
 * (its node's bounds and its children's, as app_choice.c judges it). */
static void put_zones(struct line *l, const struct app_trace_in *in)
{
    const struct scenario *sc = in->sess && in->sess->sc ? in->sess->sc : NULL;
    const struct scene *s = in->scene;
    for (size_t i = 0; sc && i < scenario_object_count(sc); i++) {
        struct scenario_object_info o;
        if (!scenario_object_info(sc, i, &o) || !o.zone || !o.node) continue;
        uint32_t node = scene_node_find(s, o.node);
        vec3 lo = {0}, hi = {0}, a, b;
        bool any = false;
        for (uint32_t n = node; node != SCENE_NOT_FOUND && n < s->node_count; n++) {
            if ((n != node && !scene_node_under(s, n, node)) || !scene_node_bounds(s, n, a, b)) continue;
            if (!any) {
                glm_vec3_copy(a, lo);
                glm_vec3_copy(b, hi);
            }
            glm_vec3_minv(lo, a, lo);
            glm_vec3_maxv(hi, b, hi);
            any = true;
        }
        if (!any) continue;
        put(l, " zonec=");
        put_id(l, o.id);
        put(l, ",%.4f,%.4f,%.4f", 0.5f * (lo[0] + hi[0]), 0.5f * (lo[1] + hi[1]), 0.5f * (lo[2] + hi[2]));
    }
}

static void put_world(struct line *l, const struct app_trace_in *in)
{
    static const char *const states[] = {"starting", "running", "stopping", "exiting", "lost"};
    const struct xr_frame *f = in->frame;
    put(l, " xs=%s ft=%.3f", f->state >= 0 && f->state <= XR_STATE_LOST ? states[f->state] : "?",
        (double)f->time_us * 1e-6);
    struct pose o;
    xr_get_origin(in->xr, &o);
    put(l, " origin=%.4f,%.4f,%.4f,%.5f,%.5f,%.5f,%.5f", o.position[0], o.position[1], o.position[2],
        o.orientation[0], o.orientation[1], o.orientation[2], o.orientation[3]);
    const struct interact *ix = in->ix;
    uint32_t lhov = ix->hands[HAND_LEFT].hovered_object, lheld = ix->hands[HAND_LEFT].held;
    put(l, " lhover=");
    put_id(l, lhov < ix->object_count ? ix->objects[lhov].id : NULL);
    put(l, " lheld=");
    put_id(l, lheld < ix->object_count ? ix->objects[lheld].id : NULL);
    for (uint32_t k = 0; k < ix->object_count; k++) {
        uint32_t node = ix->objects[k].node;
        if (node >= in->scene->node_count) continue;
        vec4 t;
        mat4 r;
        vec3 sc;
        glm_decompose((vec4 *)in->scene->nodes[node].world, t, r, sc);
        versor q;
        glm_mat4_quat(r, q);
        put(l, " objw=");
        put_id(l, ix->objects[k].id);
        put(l, ",%.4f,%.4f,%.4f,%.5f,%.5f,%.5f,%.5f", t[0], t[1], t[2], q[0], q[1], q[2], q[3]);
        /* A point on it to aim at: the centre of its first mesh (its own
         * node's, else a part's). */
        const struct scene *s = in->scene;
        for (uint32_t n = node; n < s->node_count; n++) {
            if (n != node && !scene_node_under(s, n, node)) continue;
            vec3 lo, hi, c;
            if (!scene_node_bounds(s, n, lo, hi)) continue;
            glm_vec3_center(lo, hi, c);
            put(l, " objc=");
            put_id(l, ix->objects[k].id);
            put(l, ",%.4f,%.4f,%.4f", c[0], c[1], c[2]);
            break;
        }
    }
}

void app_trace_frame(struct app_trace *t, const struct app_trace_in *in)
{
    if (!t->checked) {
        t->checked = true;
        const char *p = getenv("PAJA_TEST_TRACE");
        if (p && *p) {
            snprintf(t->path, sizeof t->path, "%s", p);
            t->on = true;
        }
        const char *ms = getenv("PAJA_TEST_FRAME_MS");
        if (ms && *ms) t->frame_ms = strtol(ms, NULL, 10);
        if (t->frame_ms < 0 || t->frame_ms > 10000) t->frame_ms = 0;
    }
    if (t->frame_ms > 0) {
        /* Pace: this frame starts no sooner than frame_ms after the last. */
        uint64_t now = clock_mono_ns(), due = t->last_ns + (uint64_t)t->frame_ms * 1000000u;
        if (t->last_ns && now < due) {
            clock_sleep_ns(due - now);
        }
        t->last_ns = clock_mono_ns();
    }
    if (!t->on) return;
    static struct line l; /* 16 KB off the stack; paja runs one session at a time */
    l.n = 0;
    const struct xr_frame *f = in->frame;
    struct view v = {.w = (float)f->views[0].width, .h = (float)f->views[0].height};
    mat4 view, proj;
    pose_to_view(&f->views[0].pose, view);
    pose_fov_projection(&f->views[0].fov, APP_VIEW_NEAR_M, APP_VIEW_FAR_M, proj);
    glm_mat4_mul(proj, view, v.clip_from_world);
    glm_vec3_copy((float *)f->views[0].pose.position, v.eye);
    float yaw = 0.0f, pitch = 0.0f;
    xr_head_angles(in->xr, &yaw, &pitch);
    put(&l, "f=%llu w=%d h=%d yaw=%.4f pitch=%.4f eye=%.3f,%.3f,%.3f cap=%d", (unsigned long long)t->frames,
        f->views[0].width, f->views[0].height, yaw, pitch, v.eye[0], v.eye[1], v.eye[2], in->in->look_captured ? 1 : 0);

    const struct app_session *s = in->sess;
    put(&l, " ui=%s", in->ui);
    if (in->start) {
        static const char *const items[APP_START_ITEM_COUNT] = {"panel", "mode", "lang", "trainee", "go"};
        int m = in->start->mode;
        put(&l, " mode=%s trainee=", scenario_mode_name((enum scenario_mode)m));
        put_id(&l, in->start->trainee);
        for (int i = APP_START_MODE; i < APP_START_ITEM_COUNT; i++)
            put_item(&l, &v, in->panels, items[i], in->start->items[i]);
        put(&l, " phover=%s", in->start->hover > APP_START_PANEL ? items[in->start->hover] : "-");
    } else if (in->menu && in->menu->open) {
        static const char *const items[APP_MENU_CHOICE_COUNT] = {"-", "continue", "restart", "quit"};
        for (int i = APP_MENU_CONTINUE; i < APP_MENU_CHOICE_COUNT; i++)
            put_item(&l, &v, in->panels, items[i], in->menu->items[i]);
        int hv = in->menu->hover;
        put(&l, " phover=%s", hv > APP_MENU_NONE && hv < APP_MENU_CHOICE_COUNT ? items[hv] : "-");
    }

    /* The choice panel's options, where a player aims to pick one. */
    const struct app_choice *c = in->choice;
    put(&l, " choice=");
    if (c && c->open) {
        put(&l, "%s,", c->kind == APP_CHOICE_ANSWER ? "answer" : "feature");
        put_id(&l, c->object);
        for (size_t i = 0; i < c->count; i++) {
            vec3 p;
            float x, y;
            if (!app_choice_point(c, c->ids[i], p)) continue;
            int vis = project(&v, p, &x, &y);
            put(&l, " opt=");
            put_id(&l, c->ids[i]);
            put(&l, ",%.1f,%.1f,%d,%.4f,%.4f,%.4f", x, y, vis, p[0], p[1], p[2]);
        }
        put(&l, " ohover=");
        put_id(&l, c->hovered >= 0 && (size_t)c->hovered < c->count ? c->ids[c->hovered] : NULL);
    } else {
        put(&l, "-");
    }

    const struct interact *ix = in->ix;
    uint32_t hov = ix->hands[in->hand].hovered_object, held = ix->hands[in->hand].held;
    put(&l, " hover=");
    put_id(&l, hov < ix->object_count ? ix->objects[hov].id : NULL);
    put(&l, " held=");
    put_id(&l, held < ix->object_count ? ix->objects[held].id : NULL);
    put(&l, " worn=");
    int k = 0;
    for (uint32_t o = 0; o < ix->object_count; o++)
        if (ix->state && ix->state[o].worn_seq) {
            put(&l, k++ ? "," : "");
            put_id(&l, ix->objects[o].id);
        }
    if (!k) put(&l, "-");
    /* Objects whose inspect opens the feature picker. */
    for (uint32_t o = 0; o < ix->object_count; o++)
        if (app_choice_partless(ix, o, NULL, 0) >= 2) {
            put(&l, " picker=");
            put_id(&l, ix->objects[o].id);
        }
    /* Tools a player sets before using them (a torque wrench). */
    for (uint32_t o = 0; o < ix->object_count; o++)
        if ((ix->objects[o].caps & INTERACT_CAP_TOOL) && ix->objects[o].setting_step > 0.0f && ix->state) {
            put(&l, " tset=");
            put_id(&l, ix->objects[o].id);
            put(&l, ",%g", (double)ix->state[o].setting);
        }
    put(&l, " done=");
    k = 0;
    if (s && s->run) {
        for (size_t i = 0; i < scenario_step_count(s->sc); i++) {
            const char *id = scenario_step_id(s->sc, i);
            if (scenario_session_step_status(s->run, id) != SCENARIO_STEP_DONE) continue;
            put(&l, k++ ? "," : "");
            put_id(&l, id);
        }
    }
    if (!k) put(&l, "-");
    put(&l, " finished=%d", s && s->finished ? 1 : 0);
    put(&l, " waited=%lld", in->clock ? (long long)(in->clock->waited_us / 1000000) : 0LL);
    for (uint32_t o = 0; o < ix->object_count; o++) put_object(&l, &v, ix, in->scene, o, in->hand);
    put_world(&l, in);
    put_zones(&l, in);
    put(&l, "\n");
    if (l.v[l.n - 1] != '\n') l.v[l.n - 1] = '\n';

    /* Opened and closed per line: the test reads the file while paja runs,
     * and nothing stays open to close at any of paja's exits. */
    FILE *fp = fopen(t->path, "a");
    if (!fp) return;
    fwrite(l.v, 1, l.n, fp);
    fclose(fp);
    t->frames++;
}
