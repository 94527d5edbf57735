/* interact_tool.c — using tools, pressing switches, inspecting features.
 *
 * EV_USE: subject the tool, target what it was used on. Targets are point
 * objects (INTERACT_CAP_POINT) touched by a tool tip or, on the desktop,
 * pointed at with the ray. A meter needs both probe tips on points; its
 * target is then, in order of preference:
 *   - the id of a described pair {a, b} matching the two points (either order),
 *   - the point's id when both probes touch the same point,
 *   - "A|B": first probe's point id, '|', second probe's point id (probe order
 *     matters for polarity; the string lives in the event queue's arena).
 * A meter emits EV_USE in the frame both probes first touch a pair of
 * points, with no button (a real meter reads continuously), and again on
 * every activation while they stay; lifting a probe and touching again is a
 * new measurement. The reading itself is the scenario's business.
 * A torque wrench's EV_USE carries its setting in value and its unit. */
#include "interact_int.h"

#include "arena.h"

#include <string.h>

/* The point object tip touches (nearest origin first), or NONE. Points of
 * the tool itself and of the object carrying the tip do not count. */
static uint32_t tip_point(const struct interact *ix, const struct scene *s, uint32_t tool, uint32_t tip)
{
    if (tip == SCENE_NOT_FOUND || tip >= s->node_count) return INTERACT_NONE;
    uint32_t carrier = interact_node_object(ix, tip);
    vec3 p;
    interact_node_position(s, tip, p);
    uint32_t best = INTERACT_NONE;
    float best_d = 0.0f;
    for (uint32_t i = 0; i < ix->object_count; i++) {
        const struct interact_object *o = &ix->objects[i];
        if (!(o->caps & INTERACT_CAP_POINT) || i == tool || i == carrier) continue;
        if (!interact_object_touches(ix, s, i, p, o->contact_radius)) continue;
        vec3 q;
        interact_node_position(s, o->node, q);
        float d = glm_vec3_distance(p, q);
        if (best == INTERACT_NONE || d < best_d) {
            best = i;
            best_d = d;
        }
    }
    return best;
}

/* A tool's tips count while someone holds the tool or what carries them
 * (probes on leads); a meter lying on the bench measures nothing. */
static uint32_t tool_holder(const struct interact *ix, uint32_t tool)
{
    if (ix->state[tool].held_by != INTERACT_NONE) return ix->state[tool].held_by;
    for (int k = 0; k < 2; k++) {
        uint32_t c = interact_node_object(ix, ix->objects[tool].tips[k]);
        if (c != INTERACT_NONE && ix->state[c].held_by != INTERACT_NONE) return ix->state[c].held_by;
    }
    return INTERACT_NONE;
}

static const char *pair_target(const struct interact *ix, uint32_t a, uint32_t b, struct ev_queue *out)
{
    const char *ia = ix->objects[a].id, *ib = ix->objects[b].id;
    for (uint32_t p = 0; p < ix->pair_count; p++) {
        const struct interact_pair *pr = &ix->pairs[p];
        if (!pr->a || !pr->b || !pr->target) continue;
        if ((strcmp(pr->a, ia) == 0 && strcmp(pr->b, ib) == 0) || (strcmp(pr->a, ib) == 0 && strcmp(pr->b, ia) == 0))
            return pr->target;
    }
    if (a == b) return ia;
    return arena_printf(out->arena, "%s|%s", ia, ib);
}

static void emit_use(const struct interact *ix, uint32_t tool, int h, const char *target, int64_t t_us,
                     struct ev_queue *out)
{
    struct ev *e = interact_emit(out, EV_USE, t_us, h, ix->objects[tool].id, target);
    if (ix->objects[tool].tool == INTERACT_TOOL_TORQUE) {
        e->value = ix->state[tool].setting;
        e->unit = ix->objects[tool].unit;
    }
}

/* The point the ray of hand h points at, as a tool target. Only points:
 * on the desktop a click with a tool on the bench must put the tool down,
 * not "use" it on the bench. */
static const char *pointed_target(const struct interact *ix, int h, uint32_t tool)
{
    uint32_t o = ix->hands[h].hovered_object;
    if (o == INTERACT_NONE || o == tool || !(ix->objects[o].caps & INTERACT_CAP_POINT)) return NULL;
    return ix->objects[o].id;
}

bool interact_tool_activate(struct interact *ix, const struct scene *s, int h, int64_t t_us, struct ev_queue *out)
{
    uint32_t tool = ix->hands[h].held;
    if (tool == INTERACT_NONE || !(ix->objects[tool].caps & INTERACT_CAP_TOOL)) return false;
    const struct interact_object *o = &ix->objects[tool];
    const char *target = NULL;
    if (o->tool == INTERACT_TOOL_METER) {
        uint32_t a = tip_point(ix, s, tool, o->tips[0]), b = tip_point(ix, s, tool, o->tips[1]);
        if (a != INTERACT_NONE && b != INTERACT_NONE) {
            target = pair_target(ix, a, b, out);
            ix->state[tool].pair[0] = a;
            ix->state[tool].pair[1] = b;
        }
    } else {
        uint32_t a = tip_point(ix, s, tool, o->tips[0]);
        if (a != INTERACT_NONE) target = ix->objects[a].id;
    }
    if (!target) target = pointed_target(ix, h, tool);
    if (!target) return false;
    emit_use(ix, tool, h, target, t_us, out);
    return true;
}

void interact_tool_meters(struct interact *ix, const struct scene *s, int64_t t_us, struct ev_queue *out)
{
    for (uint32_t i = 0; i < ix->object_count; i++) {
        const struct interact_object *o = &ix->objects[i];
        if (!(o->caps & INTERACT_CAP_TOOL) || o->tool != INTERACT_TOOL_METER) continue;
        struct interact_object_state *st = &ix->state[i];
        uint32_t holder = tool_holder(ix, i);
        uint32_t a = INTERACT_NONE, b = INTERACT_NONE;
        if (holder != INTERACT_NONE) {
            a = tip_point(ix, s, i, o->tips[0]);
            b = tip_point(ix, s, i, o->tips[1]);
        }
        if (a == INTERACT_NONE || b == INTERACT_NONE) {
            /* Lifting a probe ends the measurement; touching again measures again. */
            st->pair[0] = st->pair[1] = INTERACT_NONE;
            continue;
        }
        if (st->pair[0] == a && st->pair[1] == b) continue;
        st->pair[0] = a;
        st->pair[1] = b;
        emit_use(ix, i, (int)holder, pair_target(ix, a, b, out), t_us, out);
    }
}

bool interact_tool_scroll(struct interact *ix, int h, float scroll)
{
    uint32_t tool = ix->hands[h].held;
    if (tool == INTERACT_NONE) return false;
    const struct interact_object *o = &ix->objects[tool];
    if (!(o->caps & INTERACT_CAP_TOOL) || o->setting_step <= 0.0f) return false;
    float v = ix->state[tool].setting + scroll * o->setting_step;
    if (o->setting_max > o->setting_min) v = glm_clamp(v, o->setting_min, o->setting_max);
    ix->state[tool].setting = v;
    return true;
}

/* The feature of obj shown by node hit or one of its ancestors within the
 * object, or NULL; *out_part says it was a part other than the whole. */
static const struct interact_feature *feature_at(const struct interact *ix, const struct scene *s, uint32_t obj,
                                                 uint32_t hit, bool *out_part)
{
    const struct interact_object *o = &ix->objects[obj];
    *out_part = false;
    for (uint32_t n = hit; n != SCENE_NO_PARENT && n < s->node_count; n = s->nodes[n].parent) {
        for (uint32_t f = 0; f < o->feature_count; f++)
            if (o->features[f].node == n && n != o->node) {
                *out_part = true;
                return &o->features[f];
            }
        if (n == o->node) break;
    }
    return NULL;
}

/* The feature that stands for the whole object: the first without a part
 * of its own, else the first one. */
static const struct interact_feature *feature_whole(const struct interact_object *o)
{
    for (uint32_t f = 0; f < o->feature_count; f++)
        if (o->features[f].node == SCENE_NOT_FOUND || o->features[f].node == o->node) return &o->features[f];
    return o->feature_count ? &o->features[0] : NULL;
}

static void emit_inspect(const struct interact *ix, uint32_t obj, const struct interact_feature *f, int h,
                         int64_t t_us, struct ev_queue *out)
{
    interact_emit(out, EV_INSPECT, t_us, h, ix->objects[obj].id, f ? f->id : NULL);
}

bool interact_target_activate(struct interact *ix, const struct scene *s, int h, bool grab_first, int64_t t_us,
                              struct ev_queue *out)
{
    uint32_t obj = ix->hands[h].hovered_object;
    if (obj == INTERACT_NONE || obj == ix->hands[h].held) return false;
    const struct interact_object *o = &ix->objects[obj];
    if (o->caps & INTERACT_CAP_SWITCH) {
        interact_emit(out, EV_PRESS, t_us, h, o->id, NULL);
        return true;
    }
    if (!(o->caps & INTERACT_CAP_INSPECTABLE)) return false;
    bool part = false;
    const struct interact_feature *f = feature_at(ix, s, obj, ix->hovered[h], &part);
    if (part) {
        emit_inspect(ix, obj, f, h, t_us, out);
        return true;
    }
    /* The whole object: with one button, a grabbable one is picked up
     * instead (inspect it with secondary). */
    if (grab_first && (o->caps & INTERACT_CAP_GRABBABLE)) return false;
    emit_inspect(ix, obj, feature_whole(o), h, t_us, out);
    return true;
}

bool interact_inspect(struct interact *ix, const struct scene *s, int h, int64_t t_us, struct ev_queue *out)
{
    uint32_t obj = ix->hands[h].hovered_object;
    if (obj != INTERACT_NONE && (ix->objects[obj].caps & INTERACT_CAP_INSPECTABLE)) {
        bool part = false;
        const struct interact_feature *f = feature_at(ix, s, obj, ix->hovered[h], &part);
        emit_inspect(ix, obj, f ? f : feature_whole(&ix->objects[obj]), h, t_us, out);
        return true;
    }
    obj = ix->hands[h].held;
    if (obj != INTERACT_NONE && (ix->objects[obj].caps & INTERACT_CAP_INSPECTABLE)) {
        emit_inspect(ix, obj, feature_whole(&ix->objects[obj]), h, t_us, out);
        return true;
    }
    return false;
}
