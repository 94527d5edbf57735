/* interact_socket.c — sockets (place with tolerance and snap, up to their
 * capacity) and wearing PPE at the head.
 *
 * A released object goes into the nearest socket with room that accepts it and
 * whose node is within the socket's position and angle tolerance; it then
 * snaps to the socket node's pose, or beside the objects already in it
 * along the socket's x axis (slot_offset). In click mode the socket under
 * the cursor wins regardless of tolerance: a desktop user cannot line a plug
 * up to 3 mm with a mouse, pointing at the port is the intent. */
#include "interact_int.h"

#include "pose.h"

#include <math.h>

bool interact_socket_accepts(const struct interact *ix, uint32_t socket, uint32_t obj)
{
    const struct interact_object *so = &ix->objects[socket];
    if (socket == obj || !(so->caps & INTERACT_CAP_SOCKET)) return false;
    uint32_t cap = so->capacity ? so->capacity : 1;
    if (ix->state[socket].occupied >= cap && ix->state[obj].socket != socket) return false;
    if (so->accept_count == 0) return (ix->objects[obj].caps & INTERACT_CAP_GRABBABLE) != 0;
    for (uint32_t k = 0; k < so->accept_count; k++)
        if (ix->accepts[socket][k] == obj) return true;
    return false;
}

void interact_socket_put(struct interact *ix, uint32_t socket, uint32_t obj)
{
    if (ix->state[obj].socket == socket) return;
    interact_socket_take(ix, obj);
    ix->state[obj].socket = socket;
    ix->state[obj].place_seq = ++ix->place_counter;
    ix->state[socket].occupant = obj;
    ix->state[socket].occupied++;
}

uint32_t interact_socket_take(struct interact *ix, uint32_t obj)
{
    uint32_t sock = ix->state[obj].socket;
    if (sock == INTERACT_NONE) return INTERACT_NONE;
    ix->state[obj].socket = INTERACT_NONE;
    ix->state[obj].place_seq = 0;
    struct interact_object_state *ss = &ix->state[sock];
    if (ss->occupied) ss->occupied--;
    /* The most recently placed object left becomes the one pointing takes. */
    ss->occupant = INTERACT_NONE;
    for (uint32_t i = 0; i < ix->object_count; i++)
        if (ix->state[i].socket == sock &&
            (ss->occupant == INTERACT_NONE || ix->state[i].place_seq > ix->state[ss->occupant].place_seq))
            ss->occupant = i;
    return sock;
}

/* Position, rotation and scale of a node's world matrix. */
static void world_pose(const struct scene *s, uint32_t node, vec3 out_pos, versor out_rot, vec3 out_scale)
{
    mat4 w, r;
    vec4 t;
    vec3 sc;
    glm_mat4_copy((vec4 *)s->nodes[node].world, w);
    glm_decompose(w, t, r, sc);
    glm_vec3_copy(t, out_pos);
    glm_mat4_quat(r, out_rot);
    glm_quat_normalize(out_rot);
    if (out_scale) glm_vec3_copy(sc, out_scale);
}

/* Smallest rotation angle between two orientations, in radians. */
static float angle_between(const versor a, const versor b)
{
    float d = fabsf(glm_quat_dot((float *)a, (float *)b));
    if (d > 1.0f) d = 1.0f;
    return 2.0f * acosf(d);
}

uint32_t interact_socket_find(const struct interact *ix, const struct scene *s, uint32_t obj, int h)
{
    if (ix->mode == INTERACT_MODE_CLICK) {
        uint32_t pointed = ix->hands[h].hovered_object;
        if (pointed != INTERACT_NONE && interact_socket_accepts(ix, pointed, obj)) return pointed;
    }
    vec3 op, sp;
    versor oq, sq;
    world_pose(s, ix->objects[obj].node, op, oq, NULL);
    uint32_t best = INTERACT_NONE;
    float best_d = 0.0f;
    for (uint32_t i = 0; i < ix->object_count; i++) {
        if (!interact_socket_accepts(ix, i, obj)) continue;
        const struct interact_object *so = &ix->objects[i];
        world_pose(s, so->node, sp, sq, NULL);
        float d = glm_vec3_distance(op, sp);
        if (d > so->tol_position) continue;
        if (so->tol_angle < (float)GLM_PI && angle_between(oq, sq) > so->tol_angle) continue;
        /* Nearest wins; ties go to the first described, deterministically. */
        if (best == INTERACT_NONE || d < best_d) {
            best = i;
            best_d = d;
        }
    }
    return best;
}

/* Gap left between neighbours in a socket, and the half-width assumed
 * along the slot axis for an object without meshes. */
#define SLOT_GAP 0.01f
#define SLOT_FALLBACK_HALF 0.05f

/* The extent of obj's meshes (its own subtree, not objects nested in it)
 * along its own unit x axis, relative to its origin, in world units. Taken
 * along the object's axis rather than the socket's so it holds after the
 * snap turns the object to the socket's orientation. */
static void slot_extent(const struct interact *ix, const struct scene *s, uint32_t obj, float *lo, float *hi)
{
    uint32_t node = ix->objects[obj].node;
    vec3 origin, axis;
    interact_node_position(s, node, origin);
    glm_vec3_copy((float *)s->nodes[node].world[0], axis);
    if (glm_vec3_norm(axis) < 1e-9f) glm_vec3_copy((vec3){1.0f, 0.0f, 0.0f}, axis);
    glm_vec3_normalize(axis);
    bool any = false;
    for (uint32_t i = 0; i < ix->node_count && i < s->node_count; i++) {
        vec3 b[2];
        if (ix->node_object[i] != obj || !scene_node_bounds(s, i, b[0], b[1])) continue;
        for (int c = 0; c < 8; c++) {
            vec3 corner = {b[c & 1][0], b[(c >> 1) & 1][1], b[(c >> 2) & 1][2]}, d;
            glm_vec3_sub(corner, origin, d);
            float x = glm_vec3_dot(d, axis);
            if (!any || x < *lo) *lo = x;
            if (!any || x > *hi) *hi = x;
            any = true;
        }
    }
    if (!any) {
        *lo = -SLOT_FALLBACK_HALF;
        *hi = SLOT_FALLBACK_HALF;
    }
}

/* How far along the socket's x axis obj goes: the first free place, 0
 * (the exact snap pose) when nothing else is in the way, else right after
 * an occupant, so that no two objects' extents overlap. Occupants stay
 * where they are when an earlier one is taken out; a gap left behind is
 * reused when the newcomer fits in it. */
static float slot_offset(const struct interact *ix, const struct scene *s, uint32_t socket, uint32_t obj,
                         const vec3 sp, const vec3 axis)
{
    float lo = 0.0f, hi = 0.0f;
    slot_extent(ix, s, obj, &lo, &hi);
    float best = 0.0f;
    bool found = false;
    /* Candidate -1 is the snap pose itself; candidate j is just past j. */
    for (int64_t cand = -1; cand < (int64_t)ix->object_count; cand++) {
        float x = 0.0f;
        if (cand >= 0) {
            uint32_t j = (uint32_t)cand;
            if (j == obj || ix->state[j].socket != socket) continue;
            float jlo = 0.0f, jhi = 0.0f;
            vec3 pj, d;
            slot_extent(ix, s, j, &jlo, &jhi);
            interact_node_position(s, ix->objects[j].node, pj);
            glm_vec3_sub(pj, (float *)sp, d);
            x = glm_vec3_dot(d, (float *)axis) + jhi + SLOT_GAP - lo;
            if (x < 0.0f || (found && x >= best)) continue;
        }
        bool clear = true;
        for (uint32_t k = 0; k < ix->object_count && clear; k++) {
            if (k == obj || ix->state[k].socket != socket) continue;
            float klo = 0.0f, khi = 0.0f;
            vec3 pk, d;
            slot_extent(ix, s, k, &klo, &khi);
            interact_node_position(s, ix->objects[k].node, pk);
            glm_vec3_sub(pk, (float *)sp, d);
            float c = glm_vec3_dot(d, (float *)axis);
            /* Overlap, with a little slack for rounding in the poses. */
            clear = x + lo >= c + khi + SLOT_GAP * 0.5f || x + hi <= c + klo - SLOT_GAP * 0.5f;
        }
        if (!clear) continue;
        if (cand < 0) return 0.0f;
        best = x;
        found = true;
    }
    return best;
}

/* The world pose obj takes in socket: the socket's position and
 * orientation, moved along the socket's x axis to obj's slot, at the
 * object's own size. */
static void landing_pose(const struct interact *ix, const struct scene *s, uint32_t socket, uint32_t obj,
                         mat4 out_world)
{
    vec3 sp, os, op, axis = {1.0f, 0.0f, 0.0f};
    versor sq, oq;
    world_pose(s, ix->objects[socket].node, sp, sq, NULL);
    world_pose(s, ix->objects[obj].node, op, oq, os);
    glm_quat_rotatev(sq, axis, axis);
    float x = slot_offset(ix, s, socket, obj, sp, axis);
    glm_vec3_muladds(axis, x, sp); /* sp += axis * x */
    glm_translate_make(out_world, sp);
    glm_quat_rotate(out_world, sq, out_world);
    glm_scale(out_world, os);
}

void interact_socket_snap(struct interact *ix, struct scene *s, uint32_t socket, uint32_t obj)
{
    mat4 world;
    landing_pose(ix, s, socket, obj, world);
    interact_node_set_world(s, ix->objects[obj].node, world);
    interact_socket_put(ix, socket, obj);
    ix->moved = true;
}

bool interact_socket_landing(const struct interact *ix, const struct scene *s, uint32_t socket, uint32_t object,
                             mat4 out_world)
{
    if (!ix || !s || socket >= ix->object_count || object >= ix->object_count) return false;
    if (ix->objects[socket].node >= s->node_count || ix->objects[object].node >= s->node_count) return false;
    /* Accepts covers "is a socket", "takes this object" and "has room". */
    if (!interact_socket_accepts(ix, socket, object)) return false;
    landing_pose(ix, s, socket, object, out_world);
    return true;
}

bool interact_wear_try(struct interact *ix, struct scene *s, uint32_t obj, int h, const struct pose *head,
                       int64_t t_us, struct ev_queue *out)
{
    const struct interact_object *o = &ix->objects[obj];
    if (!head || !(o->caps & INTERACT_CAP_WEARABLE)) return false;
    vec3 p;
    interact_node_position(s, o->node, p);
    if (glm_vec3_distance(p, (float *)head->position) > o->wear_radius) return false;
    /* Worn things vanish from the scene: the trainee now wears them. */
    ix->state[obj].worn_seq = ++ix->worn_counter;
    interact_object_show(ix, s, obj, false);
    interact_emit(out, EV_WEAR, t_us, h, o->id, NULL);
    return true;
}

bool interact_wear_take_off(struct interact *ix, struct scene *s, int h, const struct hand_input *in,
                            int64_t t_us, struct ev_queue *out)
{
    /* The last thing put on comes off first (protectors over gloves). */
    uint32_t obj = INTERACT_NONE;
    for (uint32_t i = 0; i < ix->object_count; i++)
        if (ix->state[i].worn_seq && (obj == INTERACT_NONE || ix->state[i].worn_seq > ix->state[obj].worn_seq))
            obj = i;
    if (obj == INTERACT_NONE) return false;
    ix->state[obj].worn_seq = 0;
    interact_object_show(ix, s, obj, true);
    interact_emit(out, EV_UNWEAR, t_us, h, ix->objects[obj].id, NULL);
    /* It appears in the hand: at the grip in a headset, a little in front
     * of the view on the desktop where grip and eye coincide. */
    vec3 op, os;
    versor oq;
    world_pose(s, ix->objects[obj].node, op, oq, os);
    mat4 world_from_grip, world, grip_from_object;
    glm_translate_make(grip_from_object, (vec3){0.0f, 0.0f, ix->mode == INTERACT_MODE_CLICK ? -0.4f : 0.0f});
    glm_scale(grip_from_object, os);
    pose_to_matrix(&in->grip, world_from_grip);
    glm_mat4_mul(world_from_grip, grip_from_object, world);
    interact_node_set_world(s, ix->objects[obj].node, world);
    interact_grab_begin(ix, s, h, in, obj, t_us, out);
    ix->moved = true;
    return true;
}
