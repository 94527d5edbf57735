/* interact_socket.c — sockets (place with tolerance and snap, up to their
 * capacity) and wearing PPE at the head.
 *
 * A released object goes into the nearest socket with room that accepts it and
 * whose node is within the socket's position and angle tolerance; it then
 * snaps to the socket node's pose. In click mode the socket under the cursor
 * wins regardless of tolerance: a desktop user cannot line a plug up to
 * 3 mm with a mouse, pointing at the port is the intent. */
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

/* Position and rotation of a node's world matrix (scale dropped). */
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

void interact_socket_snap(struct interact *ix, struct scene *s, uint32_t socket, uint32_t obj)
{
    vec3 sp, os;
    versor sq, oq;
    vec3 op;
    world_pose(s, ix->objects[socket].node, sp, sq, NULL);
    world_pose(s, ix->objects[obj].node, op, oq, os);
    /* The socket's position and orientation, the object's own size. */
    mat4 world;
    glm_translate_make(world, sp);
    glm_quat_rotate(world, sq, world);
    glm_scale(world, os);
    interact_node_set_world(s, ix->objects[obj].node, world);
    interact_socket_put(ix, socket, obj);
    ix->moved = true;
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
