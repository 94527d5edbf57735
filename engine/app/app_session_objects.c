/* app_session_objects.c — a scenario's objects as interaction descriptors,
 * and placeholder scene nodes for objects a scene lacks.
 *
 * WHY the private header: scenario.h does not (yet) publish its objects'
 * capabilities, sockets, tools and features, and interact must not see the
 * scenario module (DESIGN.md §3), so the composition root is the one place
 * that reads them. This file is the only app file that includes
 * scenario_int.h; a public read-only object view in scenario.h would let it
 * drop that include. */
#define LOG_TAG "app"
#include "app_session.h"

#include "arena.h"
#include "log.h"
#include "scenario_int.h"
#include "scene.h"

#include <math.h>
#include <string.h>

/* Hand-interaction capabilities of a scenario object; zones and questions
 * are reached by walking and answering (app_choice.c), not by hands. */
static uint32_t caps_of(const struct sc_object *o)
{
    uint32_t c = 0;
    if (o->caps & CAP_GRABBABLE) c |= INTERACT_CAP_GRABBABLE;
    if (o->caps & CAP_SOCKET) c |= INTERACT_CAP_SOCKET;
    if (o->caps & CAP_TOOL) c |= INTERACT_CAP_TOOL | INTERACT_CAP_GRABBABLE; /* a tool is used while held */
    if (o->caps & CAP_WEARABLE) c |= INTERACT_CAP_WEARABLE | INTERACT_CAP_GRABBABLE; /* put on by carrying it */
    if (o->caps & CAP_SWITCH) c |= INTERACT_CAP_SWITCH;
    if (o->caps & CAP_INSPECTABLE) c |= INTERACT_CAP_INSPECTABLE;
    return c;
}

static bool is_feature(const struct sc_object *o, const char *name)
{
    for (size_t f = 0; f < o->feature_count; f++)
        if (strcmp(o->features[f], name) == 0) return true;
    return false;
}

/* Whether a tool reading's `at` names a fixed measuring point (not a
 * pattern, not one of the object's own features, not another object). */
static bool is_point(const struct scenario *sc, const struct sc_object *o, const char *at)
{
    if (!at || !*at || strchr(at, '*') || is_feature(o, at)) return false;
    return scenario_find_object(sc, at) < 0;
}

/* Calls fn for each distinct fixed reading point of the scenario's tools. */
static void each_point(const struct scenario *sc, void (*fn)(void *user, const char *id), void *user)
{
    for (size_t i = 0; i < sc->object_count; i++) {
        const struct sc_object *o = &sc->objects[i];
        if (!(o->caps & CAP_TOOL)) continue;
        for (size_t r = 0; r < o->reading_count; r++) {
            const char *at = o->readings[r].target;
            if (!is_point(sc, o, at)) continue;
            bool seen = false;
            for (size_t j = 0; j <= i && !seen; j++) {
                const struct sc_object *p = &sc->objects[j];
                if (!(p->caps & CAP_TOOL)) continue;
                size_t upto = j == i ? r : p->reading_count;
                for (size_t k = 0; k < upto && !seen; k++)
                    seen = p->readings[k].target && strcmp(p->readings[k].target, at) == 0;
            }
            if (!seen) fn(user, at);
        }
    }
}

static enum interact_tool_kind tool_kind(const char *k)
{
    if (!k) return INTERACT_TOOL_GENERIC;
    if (strcmp(k, "torque_wrench") == 0) return INTERACT_TOOL_TORQUE;
    if (strcmp(k, "voltmeter") == 0 || strcmp(k, "multimeter") == 0 || strcmp(k, "insulation_tester") == 0 ||
        strstr(k, "meter") || strstr(k, "tester"))
        return INTERACT_TOOL_METER;
    return INTERACT_TOOL_GENERIC;
}

struct build_ctx {
    const struct scenario *sc;
    const struct scene *s;
    struct app_objects *out;
};

static void add_point(void *user, const char *id)
{
    struct build_ctx *c = user;
    const char *node_name = scenario_point_node(c->sc, id);
    uint32_t node = scene_node_find(c->s, node_name);
    if (node == SCENE_NOT_FOUND) {
        LOG_W("measuring point '%s': the scene has no node '%s'; it cannot be measured", id, node_name);
        c->out->missing++;
        return;
    }
    struct interact_object *d = &c->out->v[c->out->n++];
    memset(d, 0, sizeof *d);
    d->id = id;
    d->node = node;
    d->caps = INTERACT_CAP_POINT;
    d->tips[0] = d->tips[1] = SCENE_NOT_FOUND;
}

static void count_point(void *user, const char *id)
{
    (void)id;
    (*(uint32_t *)user)++;
}

void app_objects_build(const struct scenario *sc, const struct scene *s, struct arena *a, struct app_objects *out)
{
    memset(out, 0, sizeof *out);
    uint32_t points = 0;
    each_point(sc, count_point, &points);
    out->v = ARENA_PUSH_ARRAY(a, struct interact_object, sc->object_count + points + 1);
    for (size_t i = 0; i < sc->object_count; i++) {
        const struct sc_object *o = &sc->objects[i];
        uint32_t caps = caps_of(o);
        /* A question has no hand capability but is pointed at like any
         * object (app_choice.c opens its panel), so interact tracks it. */
        if (!caps && !(o->caps & CAP_QUESTION)) continue;
        uint32_t node = o->node ? scene_node_find(s, o->node) : SCENE_NOT_FOUND;
        if (node == SCENE_NOT_FOUND) {
            LOG_W("object '%s': the scene has no node '%s'; it cannot be reached", o->id, o->node ? o->node : "");
            out->missing++;
            continue;
        }
        struct interact_object *d = &out->v[out->n++];
        memset(d, 0, sizeof *d);
        d->id = o->id;
        d->node = node;
        d->caps = caps;
        d->accepts = o->accepts;
        d->accept_count = (uint32_t)o->accept_count;
        d->capacity = o->capacity > 0 ? (uint32_t)o->capacity : 1u;
        /* Zero means "interact's default" on both sides. */
        if (o->tol_pos_mm > 0) d->tol_position = (float)(o->tol_pos_mm / 1000.0);
        if (o->tol_angle_deg > 0) d->tol_angle = (float)(o->tol_angle_deg * GLM_PI / 180.0);
        if (o->start_socket >= 0 && (size_t)o->start_socket < sc->object_count)
            d->placed_in = sc->objects[o->start_socket].id;
        d->tips[0] = d->tips[1] = SCENE_NOT_FOUND;
        if (caps & INTERACT_CAP_TOOL) {
            /* No probe-tip nodes are named by the scenario format, so on the
             * desktop a tool is used by pointing at a measuring point. */
            d->tool = tool_kind(o->tool_kind);
            /* A meter without probe tips is used by pointing, as a generic
             * tool is; saying so once per run would only be noise. */
            if (d->tool == INTERACT_TOOL_METER) d->tool = INTERACT_TOOL_GENERIC;
            if (d->tool == INTERACT_TOOL_TORQUE) {
                d->setting = 20.0f;
                d->setting_min = 0.0f;
                d->setting_max = 300.0f;
                d->setting_step = 1.0f;
                d->unit = "Nm";
            }
        }
        if (o->feature_count) {
            struct interact_feature *f = ARENA_PUSH_ARRAY(a, struct interact_feature, o->feature_count);
            for (size_t k = 0; k < o->feature_count; k++) {
                f[k].id = o->features[k];
                /* A part of its own when the scene has "<node>.<feature>". */
                char part[256];
                snprintf(part, sizeof part, "%s.%s", o->node, o->features[k]);
                f[k].node = scene_node_find(s, part);
            }
            d->features = f;
            d->feature_count = (uint32_t)o->feature_count;
        }
    }
    struct build_ctx c = {.sc = sc, .s = s, .out = out};
    each_point(sc, add_point, &c);
}

const char *app_scenario_object_name(const struct scenario *sc, const char *id, enum scenario_lang lang)
{
    const char *name = sc && id ? scenario_name_of(sc, id, lang) : NULL;
    return name && *name ? name : id;
}

/* ---- placeholders ---- */

/* Placeholder kinds beyond interact's capabilities. */
#define PH_QUESTION (1u << 30)
#define PH_ZONE (1u << 29)

/* Whether an object is reached through a scene node: hand objects,
 * questions (pointed at) and zones (walked into). */
static bool needs_node(const struct sc_object *o)
{
    return caps_of(o) || (o->caps & (CAP_QUESTION | CAP_ZONE));
}

struct placeholder_ctx {
    const struct scenario *sc;
    struct scene *s;
    struct arena *a;
    uint32_t table;
    uint32_t count;
    float half_width, half_depth;
};

#define PH_COLS 6
#define PH_DX 0.28f
#define PH_DZ 0.22f
#define PH_TABLE_TOP 0.025f /* half the table top's thickness */

static void place(struct placeholder_ctx *c, const char *name, uint32_t caps)
{
    float sx = 0.09f, sy = 0.09f, sz = 0.09f;
    vec4 color = {0.10f, 0.25f, 0.55f, 1.0f}; /* grabbable: blue */
    if (caps & INTERACT_CAP_SOCKET) {
        sx = sz = 0.16f;
        sy = 0.02f;
        glm_vec4_copy((vec4){0.05f, 0.05f, 0.05f, 1.0f}, color);
    } else if (caps & INTERACT_CAP_TOOL) {
        sx = 0.06f;
        sy = 0.04f;
        sz = 0.16f;
        glm_vec4_copy((vec4){0.85f, 0.62f, 0.02f, 1.0f}, color);
    } else if (caps & INTERACT_CAP_WEARABLE) {
        sx = 0.12f;
        sy = 0.04f;
        sz = 0.14f;
        glm_vec4_copy((vec4){0.90f, 0.45f, 0.05f, 1.0f}, color);
    } else if (caps & INTERACT_CAP_SWITCH) {
        glm_vec4_copy((vec4){0.60f, 0.03f, 0.02f, 1.0f}, color);
    } else if (caps & PH_QUESTION) {
        sx = 0.12f;
        sy = 0.16f;
        sz = 0.02f;
        glm_vec4_copy((vec4){0.45f, 0.15f, 0.60f, 1.0f}, color);
    } else if (caps & PH_ZONE) {
        /* A mat on the table: the head over it is in the zone
         * (app_choice.c); flat, so it hides nothing behind it. */
        sx = sz = 0.20f;
        sy = 0.01f;
        glm_vec4_copy((vec4){0.10f, 0.60f, 0.45f, 1.0f}, color);
    } else if (caps & INTERACT_CAP_POINT) {
        sx = sy = sz = 0.05f;
        glm_vec4_copy((vec4){0.05f, 0.55f, 0.10f, 1.0f}, color);
    }
    struct mesh_data m = scene_mesh_box(c->a, sx, sy, sz);
    uint32_t mesh = scene_mesh_add(c->s, &m);
    uint32_t n = scene_node_add(c->s, c->table, name);
    struct scene_node *node = &c->s->nodes[n];
    node->mesh = mesh;
    uint32_t col = c->count % PH_COLS, row = c->count / PH_COLS;
    node->translation[0] = -c->half_width + PH_DX * 0.5f + 0.04f + (float)col * PH_DX;
    node->translation[1] = PH_TABLE_TOP + sy * 0.5f;
    node->translation[2] = -c->half_depth + PH_DZ * 0.5f + (float)row * PH_DZ;
    glm_vec4_copy(color, node->color);
    c->count++;
}

static void place_point(void *user, const char *id)
{
    struct placeholder_ctx *c = user;
    const char *node = scenario_point_node(c->sc, id);
    if (scene_node_find(c->s, node) == SCENE_NOT_FOUND) place(c, node, INTERACT_CAP_POINT);
}

static void count_missing_point(void *user, const char *id)
{
    struct placeholder_ctx *c = user;
    if (scene_node_find(c->s, scenario_point_node(c->sc, id)) == SCENE_NOT_FOUND) c->count++;
}

uint32_t app_scene_add_placeholders(struct scene *s, struct arena *a, const struct scenario *sc)
{
    struct placeholder_ctx c = {.sc = sc, .s = s, .a = a, .table = SCENE_NOT_FOUND};
    uint32_t missing = 0;
    for (size_t i = 0; i < sc->object_count; i++) {
        const struct sc_object *o = &sc->objects[i];
        if (needs_node(o) && o->node && scene_node_find(s, o->node) == SCENE_NOT_FOUND) missing++;
    }
    each_point(sc, count_missing_point, &c);
    missing += c.count;
    c.count = 0;
    if (!missing) return 0;

    /* One table in front of the start position, deep enough for all rows. */
    uint32_t rows = (missing + PH_COLS - 1) / PH_COLS;
    c.half_width = (PH_COLS * PH_DX + 0.08f) * 0.5f;
    c.half_depth = ((float)rows * PH_DZ) * 0.5f;
    struct mesh_data top = scene_mesh_box(a, c.half_width * 2.0f, PH_TABLE_TOP * 2.0f, c.half_depth * 2.0f);
    c.table = scene_node_add(s, SCENE_NO_PARENT, "Scenario_Table");
    struct scene_node *t = &s->nodes[c.table];
    t->mesh = scene_mesh_add(s, &top);
    t->translation[0] = 0.35f;
    t->translation[1] = 0.78f;
    t->translation[2] = 0.55f + c.half_depth;
    glm_vec4_copy((vec4){0.45f, 0.28f, 0.14f, 1.0f}, t->color);
    struct mesh_data leg_m = scene_mesh_box(a, 0.05f, 0.76f, 0.05f);
    uint32_t leg = scene_mesh_add(s, &leg_m);
    for (int k = 0; k < 4; k++) {
        uint32_t l = scene_node_add(s, c.table, "");
        s->nodes[l].mesh = leg;
        s->nodes[l].translation[0] = (k & 1 ? 1.0f : -1.0f) * (c.half_width - 0.05f);
        s->nodes[l].translation[1] = -0.39f;
        s->nodes[l].translation[2] = (k & 2 ? 1.0f : -1.0f) * (c.half_depth - 0.05f);
        glm_vec4_copy((vec4){0.30f, 0.32f, 0.35f, 1.0f}, s->nodes[l].color);
    }

    for (size_t i = 0; i < sc->object_count; i++) {
        const struct sc_object *o = &sc->objects[i];
        uint32_t caps = caps_of(o);
        if (needs_node(o) && o->node && scene_node_find(s, o->node) == SCENE_NOT_FOUND) {
            /* Named when the scenario names a scene: then it is a slip
             * (paja check names the nearest node); without one every
             * object is a placeholder by design. */
            if (sc->scene)
                LOG_W("object '%s': the scene has no node '%s'; a placeholder box stands in (paja check names the "
                      "nearest node)", o->id, o->node);
            place(&c, o->node, caps | ((o->caps & CAP_QUESTION) ? PH_QUESTION : 0) | ((o->caps & CAP_ZONE) ? PH_ZONE : 0));
        }
    }
    each_point(sc, place_point, &c);
    scene_update_world(s);
    return c.count;
}
