/* app_choice.c — pickers on a world panel and hand-free actions (see
 * app_choice.h). */
#include "app_choice.h"

#include "pose.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Panel geometry in its own pixels, fixed so hit tests need no font: 0.6 m
 * wide, 0.55 m in front of the head where it was opened (near enough to
 * read in a headset, inside the desktop's view). */
#define PANEL_W_PX 760.0f
#define PANEL_W_M 0.6f
#define PANEL_DIST_M 0.55f
#define PAD_PX 24.0f
#define TITLE_H_PX 92.0f
#define ROW_H_PX 56.0f
#define GAP_PX 8.0f
#define FOOTER_H_PX 40.0f
/* Select counts as down from here and up again below the lower level,
 * as interact's own thresholds (interact.h). */
#define SELECT_ON 0.6f
#define SELECT_OFF 0.4f

static const char *const FOOTER[SCENARIO_LANG_COUNT] = {
    "Osoita vaihtoehtoa ja valitse  ·  näppäimet 1–9  ·  ohi osoittaen: sulje",
    "Point at an option and select  ·  keys 1–9  ·  select elsewhere: close",
    "Peka på ett alternativ och välj  ·  tangenterna 1–9  ·  välj utanför: stäng"};
/* "What do you inspect on <object>?": the words around the name. */
static const char *const INSPECT_TITLE[SCENARIO_LANG_COUNT][2] = {
    {"Mitä tarkastat: ", "?"}, {"What do you inspect on ", "?"}, {"Vad inspekterar du på ", "?"}};

static bool select_level(bool was, const struct hand_input *h)
{
    float v = h->primary ? 1.0f : h->trigger_value;
    return was ? v >= SELECT_OFF : v >= SELECT_ON;
}

static float panel_h(size_t count)
{
    return PAD_PX + TITLE_H_PX + (float)count * (ROW_H_PX + GAP_PX) + FOOTER_H_PX + PAD_PX;
}

/* Opens the panel in front of head with the options set in c->ids; hand
 * opened it, so a typed 1-9 pick is credited to that hand. */
static void open_panel(struct app_choice *c, const struct pose *head, int hand)
{
    c->hand = hand;
    float h = panel_h(c->count);
    const float vfov = 70.0f * (float)GLM_PI / 180.0f;
    float height_m = h * (PANEL_W_M / PANEL_W_PX);
    float fill = height_m / (2.0f * PANEL_DIST_M * tanf(vfov * 0.5f));
    ui_world_panel_facing(&c->at, head, PANEL_DIST_M, vfov, fill, PANEL_W_PX, h);
    float y = PAD_PX + TITLE_H_PX;
    for (size_t k = 0; k < c->count; k++) {
        c->rows[k] = (struct ui_rectf){PAD_PX, y, PANEL_W_PX - PAD_PX, y + ROW_H_PX};
        y += ROW_H_PX + GAP_PX;
    }
    c->hovered = -1;
    c->open = true;
}

static void open_question(struct app_choice *c, const struct scenario *sc, enum scenario_lang lang, int obj,
                          const struct pose *head, int hand)
{
    struct scenario_object_info info;
    scenario_object_info(sc, (size_t)obj, &info);
    c->kind = APP_CHOICE_ANSWER;
    c->object = info.id;
    c->count = info.choice_count < APP_CHOICE_MAX ? info.choice_count : APP_CHOICE_MAX;
    snprintf(c->title, sizeof c->title, "%s", scenario_question_prompt(sc, (size_t)obj, lang));
    for (size_t k = 0; k < c->count; k++) {
        c->ids[k] = scenario_choice_id(sc, (size_t)obj, k);
        snprintf(c->labels[k], sizeof c->labels[k], "%zu  %s", k + 1, scenario_choice_text(sc, (size_t)obj, k, lang));
    }
    if (c->count) open_panel(c, head, hand);
}

/* The option a hand's ray points at, or -1. */
static int option_under(const struct app_choice *c, const struct hand_input *h)
{
    vec3 dir;
    pose_forward(&h->aim, dir);
    float x, y, t;
    if (!ui_world_panel_hit(&c->at, h->aim.position, dir, &x, &y, &t)) return -1;
    for (size_t k = 0; k < c->count; k++)
        if (ui_rect_contains(c->rows[k], x, y)) return (int)k;
    return -1;
}

static void pick(struct app_choice *c, size_t k, int hand, int64_t t_us, struct ev_queue *out)
{
    struct ev e = {.type = c->kind == APP_CHOICE_ANSWER ? EV_ANSWER : EV_INSPECT, .t_us = t_us, .hand = hand,
                   .subject = c->object, .target = c->ids[k]};
    if (c->kind == APP_CHOICE_ANSWER) e.detail = c->ids[k];
    ev_queue_push(out, &e);
    c->open = false;
}

void app_choice_input(struct app_choice *c, const struct scenario *sc, enum scenario_lang lang,
                      const struct interact *ix, const struct pose *head, struct hand_input hands[HAND_COUNT],
                      int digit, int64_t t_us, struct ev_queue *out)
{
    c->queued = out->n;
    if (c->open && digit >= 1 && (size_t)digit <= c->count) pick(c, (size_t)digit - 1, c->hand, t_us, out);
    if (c->open) c->hovered = -1;
    for (int h = 0; h < HAND_COUNT; h++) {
        struct hand_input *in = &hands[h];
        bool down = in->active && select_level(c->select_down[h], in);
        bool pressed = down && !c->select_down[h];
        c->select_down[h] = down;
        if (!in->active) continue;
        if (c->open) {
            int k = option_under(c, in);
            if (k >= 0) c->hovered = k;
            if (pressed) {
                if (k >= 0) pick(c, (size_t)k, h, t_us, out);
                else c->open = false; /* select elsewhere: closed unanswered */
                c->swallow[h] = true;
            }
        } else if (pressed && sc) {
            uint32_t o = ix->hands[h].hovered_object;
            int so = o != INTERACT_NONE && o < ix->object_count ? scenario_object_index(sc, ix->objects[o].id) : -1;
            struct scenario_object_info info;
            if (so >= 0 && scenario_object_info(sc, (size_t)so, &info) && info.question) {
                open_question(c, sc, lang, so, head, h);
                c->swallow[h] = true;
            }
        }
        if (!down) c->swallow[h] = false;
        if (c->swallow[h]) {
            in->primary = false;
            in->trigger_value = 0.0f;
        }
    }
    c->queued = out->n;
}

size_t app_choice_partless(const struct interact *ix, uint32_t o, const char **out, size_t max)
{
    const struct interact_object *io = &ix->objects[o];
    size_t n = 0;
    for (uint32_t f = 0; f < io->feature_count; f++)
        if (io->features[f].node == SCENE_NOT_FOUND || io->features[f].node == io->node) {
            if (n < max) out[n] = io->features[f].id;
            n++;
        }
    return n;
}

/* World bounds of node and everything under it; false when it has no mesh. */
static bool subtree_bounds(const struct scene *s, uint32_t node, vec3 lo, vec3 hi)
{
    bool any = false;
    for (uint32_t n = node; n < s->node_count; n++) {
        if (n != node && !scene_node_under(s, n, node)) continue;
        vec3 a, b;
        if (!scene_node_bounds(s, n, a, b)) continue;
        if (!any) {
            glm_vec3_copy(a, lo);
            glm_vec3_copy(b, hi);
        } else {
            glm_vec3_minv(lo, a, lo);
            glm_vec3_maxv(hi, b, hi);
        }
        any = true;
    }
    return any;
}

static void zones(struct app_choice *c, const struct scenario *sc, const struct scene *s, const struct pose *head,
                  int64_t t_us, struct ev_queue *q)
{
    size_t n = scenario_object_count(sc);
    for (size_t i = 0; i < n && i < APP_CHOICE_ZONES; i++) {
        struct scenario_object_info o;
        if (!scenario_object_info(sc, i, &o) || !o.zone || !o.node) continue;
        uint32_t node = scene_node_find(s, o.node);
        vec3 lo, hi;
        /* A zone is an area of the floor: the head is in it when it is
         * over the node's footprint (its bounds seen from above), however
         * tall the trainee or flat the zone's mesh. */
        bool in = node != SCENE_NOT_FOUND && subtree_bounds(s, node, lo, hi) && head->position[0] >= lo[0] &&
                  head->position[0] <= hi[0] && head->position[2] >= lo[2] && head->position[2] <= hi[2];
        /* Standing in a zone when the session starts is not entering it. */
        if (in && !c->inside[i] && c->zone_known) {
            struct ev e = {.type = EV_ZONE, .t_us = t_us, .hand = -1, .subject = o.id};
            ev_queue_push(q, &e);
        }
        c->inside[i] = in;
    }
    c->zone_known = true;
}

void app_choice_events(struct app_choice *c, const struct scenario *sc, enum scenario_lang lang,
                       const struct interact *ix, const struct scene *s, const struct pose *head, int64_t t_us,
                       struct ev_queue *q)
{
    if (!sc) return;
    /* The events app_choice_input queued (picks) come first and are what
     * the trainee chose: only interact's own inspects open a picker. */
    size_t k = c->queued < q->n ? c->queued : q->n;
    for (size_t i = k; i < q->n; i++) {
        struct ev *e = &q->v[i];
        uint32_t o = e->type == EV_INSPECT ? interact_object_find(ix, e->subject) : INTERACT_NONE;
        const char *f[APP_CHOICE_MAX];
        size_t nf = o != INTERACT_NONE ? app_choice_partless(ix, o, f, APP_CHOICE_MAX) : 0;
        bool whole = false;
        for (size_t j = 0; j < nf && j < APP_CHOICE_MAX && e->target; j++) whole |= strcmp(f[j], e->target) == 0;
        if (nf < 2 || !whole || c->open) {
            q->v[k++] = *e;
            continue;
        }
        /* Which of them? The trainee says, on the panel. */
        int so = scenario_object_index(sc, e->subject);
        c->kind = APP_CHOICE_FEATURE;
        c->object = ix->objects[o].id;
        c->count = nf < APP_CHOICE_MAX ? nf : APP_CHOICE_MAX;
        const char *name = scenario_name_of(sc, e->subject, lang);
        const char *const *words = INSPECT_TITLE[lang < SCENARIO_LANG_COUNT ? lang : SCENARIO_LANG_EN];
        snprintf(c->title, sizeof c->title, "%s%s%s", words[0], name ? name : e->subject, words[1]);
        for (size_t j = 0; j < c->count; j++) {
            c->ids[j] = f[j];
            const char *label = f[j];
            for (size_t fk = 0; so >= 0; fk++) {
                const char *fid = scenario_feature_id(sc, (size_t)so, fk);
                if (!fid) break;
                if (strcmp(fid, f[j]) == 0) label = scenario_feature_name(sc, (size_t)so, fk, lang);
            }
            snprintf(c->labels[j], sizeof c->labels[j], "%zu  %s", j + 1, label);
        }
        open_panel(c, head, e->hand);
    }
    q->n = k;
    zones(c, sc, s, head, t_us, q);
}

/* The title in at most two lines that fit the panel. */
static void wrap_title(const struct ui_font *f, const char *in, float width, float scale, char *out, size_t size)
{
    snprintf(out, size, "%s", in);
    if (ui_text_width(f, out, scale) <= width) return;
    /* Break at the last space that keeps the first line within width. */
    char *best = NULL;
    for (char *p = strchr(out, ' '); p; p = strchr(p + 1, ' ')) {
        *p = '\0';
        bool fits = ui_text_width(f, out, scale) <= width;
        *p = ' ';
        if (!fits) break;
        best = p;
    }
    if (best) *best = '\n';
}

void app_choice_draw(struct app_choice *c, const struct ui_font *f, enum scenario_lang lang, struct gfx *g,
                     struct gfx_texture atlas)
{
    if (!c->open || !f) return;
    ui_quads_reset(&c->q);
    const float bg[4] = {0.02f, 0.03f, 0.05f, 0.92f}, row[4] = {0.16f, 0.18f, 0.22f, 1.0f};
    const float hot[4] = {0.35f, 0.28f, 0.12f, 1.0f}, white[4] = {1.0f, 1.0f, 1.0f, 1.0f};
    const float accent[4] = {1.0f, 0.78f, 0.35f, 1.0f}, dim[4] = {0.75f, 0.78f, 0.82f, 1.0f};
    float h = panel_h(c->count);
    ui_rect(f, &c->q, 0.0f, 0.0f, PANEL_W_PX, h, bg);
    float scale = 30.0f / f->pixel_height, line = ui_font_line_height(f, scale);
    char title[400];
    wrap_title(f, c->title, PANEL_W_PX - 2.0f * PAD_PX, scale, title, sizeof title);
    ui_text(f, &c->q, title, PAD_PX, PAD_PX, scale, accent);
    for (size_t k = 0; k < c->count; k++) {
        struct ui_rectf r = c->rows[k];
        ui_rect(f, &c->q, r.x0, r.y0, r.x1, r.y1, (int)k == c->hovered ? hot : row);
        ui_text(f, &c->q, c->labels[k], r.x0 + 16.0f, r.y0 + 0.5f * (ROW_H_PX - line), scale, white);
    }
    float small = scale * 0.8f;
    ui_text(f, &c->q, FOOTER[lang < SCENARIO_LANG_COUNT ? lang : SCENARIO_LANG_EN], PAD_PX,
            h - PAD_PX - FOOTER_H_PX + 8.0f, small, dim);
    gfx_draw_quads_world(g, atlas, c->q.v, c->q.n, (const vec4 *)c->at.world_from_panel, c->at.metres_per_px,
                         true);
}

bool app_choice_point(const struct app_choice *c, const char *id, vec3 out)
{
    if (!c->open || !id) return false;
    for (size_t k = 0; k < c->count; k++)
        if (strcmp(c->ids[k], id) == 0) {
            struct ui_rectf r = c->rows[k];
            ui_world_panel_point(&c->at, 0.5f * (r.x0 + r.x1), 0.5f * (r.y0 + r.y1), out);
            return true;
        }
    return false;
}

void app_choice_free(struct app_choice *c)
{
    ui_quads_free(&c->q);
    memset(c, 0, sizeof *c);
}

int app_choice_digit(const char *typed)
{
    for (const char *t = typed; t && *t; t++)
        if (*t >= '1' && *t <= '9') return *t - '0';
    return 0;
}

const char *app_choice_feature_under(const struct interact *ix, const struct scene *s, const struct scenario *sc,
                                     enum scenario_lang lang, int hand)
{
    if (hand < 0 || hand >= HAND_COUNT || !sc) return NULL;
    uint32_t o = ix->hands[hand].hovered_object, hit = ix->hovered[hand];
    if (o == INTERACT_NONE || o >= ix->object_count || hit == SCENE_NOT_FOUND) return NULL;
    const struct interact_object *io = &ix->objects[o];
    /* The part under the ray, or one of its parents within the object. */
    for (uint32_t n = hit; n != SCENE_NO_PARENT && n < s->node_count && n != io->node; n = s->nodes[n].parent)
        for (uint32_t f = 0; f < io->feature_count; f++) {
            if (io->features[f].node != n) continue;
            int so = scenario_object_index(sc, io->id);
            for (size_t k = 0; so >= 0 && scenario_feature_id(sc, (size_t)so, k); k++)
                if (strcmp(scenario_feature_id(sc, (size_t)so, k), io->features[f].id) == 0)
                    return scenario_feature_name(sc, (size_t)so, k, lang);
            return io->features[f].id;
        }
    return NULL;
}
