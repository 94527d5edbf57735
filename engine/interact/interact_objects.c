/* interact_objects.c — the object descriptors the app gives interact: setup,
 * lookups, the node -> object map, and small scene helpers shared by the
 * other interact sources. */
#include "interact_int.h"

#include "arena.h"

#define LOG_TAG "interact"
#include "log.h"

#include <math.h>
#include <string.h>

/* Defaults for zero descriptor fields (interact.h). */
#define DEFAULT_TOL_POSITION 0.05f
#define DEFAULT_TOL_ANGLE (30.0f * (float)GLM_PI / 180.0f)
#define DEFAULT_CONTACT_RADIUS 0.01f
#define DEFAULT_WEAR_RADIUS 0.3f

void interact_init(struct interact *ix)
{
    memset(ix, 0, sizeof *ix);
    for (int h = 0; h < HAND_COUNT; h++) {
        ix->hovered[h] = SCENE_NOT_FOUND;
        ix->hands[h].held = INTERACT_NONE;
        ix->hands[h].hovered_object = INTERACT_NONE;
    }
    ix->max_reach = 4.0f;
    ix->mode = INTERACT_MODE_HOLD;
    ix->press_threshold = 0.6f;
    ix->release_threshold = 0.4f;
    ix->turn_step = 15.0f * (float)GLM_PI / 180.0f;
    ix->pull_step = 0.1f;
}

uint32_t interact_object_find(const struct interact *ix, const char *id)
{
    if (!id) return INTERACT_NONE;
    for (uint32_t i = 0; i < ix->object_count; i++)
        if (strcmp(ix->objects[i].id, id) == 0) return i;
    return INTERACT_NONE;
}

static void reset_hands(struct interact *ix)
{
    for (int h = 0; h < HAND_COUNT; h++) {
        memset(&ix->hands[h], 0, sizeof ix->hands[h]);
        ix->hands[h].held = INTERACT_NONE;
        ix->hands[h].hovered_object = INTERACT_NONE;
        ix->hovered[h] = SCENE_NOT_FOUND;
        ix->hover_distance[h] = 0.0f;
    }
}

/* Copies one descriptor, filling defaults; false if it cannot be used. */
static bool object_accept(struct interact *ix, const struct scene *s, const struct interact_object *in)
{
    if (!in->id || !in->id[0]) {
        LOG_W("object without an id dropped");
        return false;
    }
    if (in->node >= s->node_count) {
        LOG_W("object '%s': node %u is not in the scene (%u nodes); dropped", in->id, in->node, s->node_count);
        return false;
    }
    if (interact_object_find(ix, in->id) != INTERACT_NONE) {
        LOG_W("object '%s' described twice; the second is dropped", in->id);
        return false;
    }
    struct interact_object *o = &ix->objects[ix->object_count];
    *o = *in;
    if (o->tol_position <= 0.0f) o->tol_position = DEFAULT_TOL_POSITION;
    if (o->tol_angle <= 0.0f) o->tol_angle = DEFAULT_TOL_ANGLE;
    if (o->contact_radius <= 0.0f) o->contact_radius = DEFAULT_CONTACT_RADIUS;
    if (o->wear_radius <= 0.0f) o->wear_radius = DEFAULT_WEAR_RADIUS;
    if (o->capacity == 0) o->capacity = 1;
    for (int k = 0; k < 2; k++)
        if (o->tips[k] >= s->node_count) o->tips[k] = SCENE_NOT_FOUND;
    if ((o->caps & INTERACT_CAP_TOOL) && o->tool == INTERACT_TOOL_METER &&
        (o->tips[0] == SCENE_NOT_FOUND || o->tips[1] == SCENE_NOT_FOUND))
        LOG_W("meter '%s' has no two probe tips: it is used by pointing only", o->id);
    struct interact_object_state *st = &ix->state[ix->object_count];
    st->held_by = st->socket = st->occupant = INTERACT_NONE;
    st->occupied = st->place_seq = 0;
    st->pair[0] = st->pair[1] = INTERACT_NONE;
    st->setting = o->setting;
    ix->object_count++;
    return true;
}

/* Maps each node to the object whose subtree holds it: objects' own nodes
 * first, then one forward pass inheriting the parent's object, which works
 * because parents come before children (scene.h). A nested object wins
 * inside its own subtree. */
static void map_nodes(struct interact *ix, const struct scene *s, struct arena *arena)
{
    ix->node_count = s->node_count;
    ix->node_object = ARENA_PUSH_ARRAY(arena, uint32_t, s->node_count ? s->node_count : 1);
    ix->node_hidden = ARENA_PUSH_ARRAY(arena, bool, s->node_count ? s->node_count : 1);
    for (uint32_t i = 0; i < s->node_count; i++) ix->node_object[i] = INTERACT_NONE;
    for (uint32_t o = 0; o < ix->object_count; o++)
        if (ix->node_object[ix->objects[o].node] == INTERACT_NONE) ix->node_object[ix->objects[o].node] = o;
    for (uint32_t i = 0; i < s->node_count; i++) {
        uint32_t p = s->nodes[i].parent;
        if (ix->node_object[i] == INTERACT_NONE && p < i) ix->node_object[i] = ix->node_object[p];
    }
}

bool interact_set_objects(struct interact *ix, const struct scene *s, const struct interact_object *objs,
                          uint32_t n, const struct interact_pair *pairs, uint32_t pair_count, struct arena *arena)
{
    bool ok = true;
    reset_hands(ix);
    ix->worn_counter = 0;
    ix->place_counter = 0;
    ix->object_count = 0;
    ix->objects = ARENA_PUSH_ARRAY(arena, struct interact_object, n ? n : 1);
    ix->state = ARENA_PUSH_ARRAY(arena, struct interact_object_state, n ? n : 1);
    ix->accepts = ARENA_PUSH_ARRAY(arena, uint32_t *, n ? n : 1);
    for (uint32_t i = 0; i < n; i++)
        if (!object_accept(ix, s, &objs[i])) ok = false;

    /* Accept lists by index, so per-frame checks compare integers. */
    for (uint32_t i = 0; i < ix->object_count; i++) {
        struct interact_object *o = &ix->objects[i];
        if (!(o->caps & INTERACT_CAP_SOCKET) || o->accept_count == 0) continue;
        ix->accepts[i] = ARENA_PUSH_ARRAY(arena, uint32_t, o->accept_count);
        uint32_t k = 0;
        for (uint32_t a = 0; a < o->accept_count; a++) {
            uint32_t j = interact_object_find(ix, o->accepts[a]);
            if (j == INTERACT_NONE) {
                LOG_W("socket '%s' accepts '%s', which is not an object; ignored", o->id,
                      o->accepts[a] ? o->accepts[a] : "(null)");
                ok = false;
                continue;
            }
            ix->accepts[i][k++] = j;
        }
        /* A socket whose every accepted id was unknown accepts nothing,
         * not everything: keep accept_count at zero only for "any". */
        if (k == 0) {
            ix->accepts[i] = NULL;
            o->accept_count = 0;
            o->caps &= ~(uint32_t)INTERACT_CAP_SOCKET;
            LOG_W("socket '%s' accepts no known object; it is no longer a socket", o->id);
        } else {
            o->accept_count = k;
        }
    }

    /* Starting places: the scene is authored with the object in place, so
     * only the bookkeeping is set, nothing moves. */
    for (uint32_t i = 0; i < ix->object_count; i++) {
        const char *in = ix->objects[i].placed_in;
        if (!in) continue;
        uint32_t sock = interact_object_find(ix, in);
        if (sock == INTERACT_NONE || !(ix->objects[sock].caps & INTERACT_CAP_SOCKET) ||
            !interact_socket_accepts(ix, sock, i)) {
            LOG_W("object '%s' cannot start in '%s' (not a socket that accepts it and has room)", ix->objects[i].id,
                  in);
            ok = false;
            continue;
        }
        interact_socket_put(ix, sock, i);
    }

    for (uint32_t p = 0; p < pair_count; p++) {
        if (!pairs[p].target || interact_object_find(ix, pairs[p].a) == INTERACT_NONE ||
            interact_object_find(ix, pairs[p].b) == INTERACT_NONE) {
            LOG_W("point pair %u ('%s'|'%s') names an unknown point; it never matches", p,
                  pairs[p].a ? pairs[p].a : "(null)", pairs[p].b ? pairs[p].b : "(null)");
            ok = false;
        }
    }
    ix->pairs = pairs;
    ix->pair_count = pair_count;
    map_nodes(ix, s, arena);
    return ok;
}

uint32_t interact_node_object(const struct interact *ix, uint32_t node)
{
    if (!ix->node_object || node >= ix->node_count) return INTERACT_NONE;
    return ix->node_object[node];
}

void interact_node_position(const struct scene *s, uint32_t node, vec3 out)
{
    out[0] = s->nodes[node].world[3][0];
    out[1] = s->nodes[node].world[3][1];
    out[2] = s->nodes[node].world[3][2];
}

bool interact_object_touches(const struct interact *ix, const struct scene *s, uint32_t obj, const vec3 p,
                             float margin)
{
    /* Any mesh of the object's subtree counts: glTF objects often carry
     * their meshes on child nodes. */
    bool any_mesh = false;
    for (uint32_t i = 0; i < ix->node_count && i < s->node_count; i++) {
        vec3 bmin, bmax;
        if (ix->node_object[i] != obj || !s->nodes[i].visible || !scene_node_bounds(s, i, bmin, bmax)) continue;
        any_mesh = true;
        bool inside = true;
        for (int k = 0; k < 3; k++)
            if (p[k] < bmin[k] - margin || p[k] > bmax[k] + margin) inside = false;
        if (inside) return true;
    }
    if (any_mesh) return false;
    vec3 o;
    interact_node_position(s, ix->objects[obj].node, o);
    return glm_vec3_distance(o, (float *)p) <= margin;
}

void interact_object_show(struct interact *ix, struct scene *s, uint32_t obj, bool show)
{
    /* Only nodes this call hid are shown again, so a part the scene keeps
     * invisible stays so after the object is taken off. */
    for (uint32_t i = 0; i < ix->node_count && i < s->node_count; i++) {
        if (ix->node_object[i] != obj) continue;
        if (!show && s->nodes[i].visible) {
            s->nodes[i].visible = false;
            ix->node_hidden[i] = true;
        } else if (show && ix->node_hidden[i]) {
            s->nodes[i].visible = true;
            ix->node_hidden[i] = false;
        }
    }
}

struct ev *interact_emit(struct ev_queue *out, enum ev_type type, int64_t t_us, int hand, const char *subject,
                         const char *target)
{
    struct ev e = {.type = type, .t_us = t_us, .hand = hand, .subject = subject, .target = target};
    return ev_queue_push(out, &e);
}

const char *interact_hand_held(const struct interact *ix, int hand)
{
    if (hand < 0 || hand >= HAND_COUNT || ix->hands[hand].held == INTERACT_NONE) return NULL;
    return ix->objects[ix->hands[hand].held].id;
}

const char *interact_object_socket(const struct interact *ix, const char *id)
{
    uint32_t o = interact_object_find(ix, id);
    if (o == INTERACT_NONE || ix->state[o].socket == INTERACT_NONE) return NULL;
    return ix->objects[ix->state[o].socket].id;
}

bool interact_object_worn(const struct interact *ix, const char *id)
{
    uint32_t o = interact_object_find(ix, id);
    return o != INTERACT_NONE && ix->state[o].worn_seq != 0;
}

float interact_tool_setting(const struct interact *ix, const char *id)
{
    uint32_t o = interact_object_find(ix, id);
    return o == INTERACT_NONE ? NAN : ix->state[o].setting;
}
