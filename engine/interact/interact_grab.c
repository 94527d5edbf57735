/* interact_grab.c — the frame update (input edges per hand, per mode) and
 * holding: grab, put down, held objects following their hands, scroll.
 *
 * Held objects follow by writing their node's local TRS: world = grip ×
 * grip_from_object (captured at grab), brought under the parent's world
 * transform, so an object that stays parented to a vehicle or a bench still
 * ends up exactly where the hand is. */
#include "interact_int.h"

#include "pose.h"

/* A button with hysteresis: down from press_threshold, up below
 * release_threshold, so a trembling analogue grip does not flicker. */
static bool level(const struct interact *ix, bool was_down, float value)
{
    return was_down ? value >= ix->release_threshold : value >= ix->press_threshold;
}

void interact_node_set_world(struct scene *s, uint32_t node, mat4 world)
{
    struct scene_node *n = &s->nodes[node];
    mat4 local;
    if (n->parent != SCENE_NO_PARENT) {
        mat4 parent_world, world_to_parent;
        glm_mat4_copy(s->nodes[n->parent].world, parent_world);
        glm_mat4_inv(parent_world, world_to_parent);
        glm_mat4_mul(world_to_parent, world, local);
    } else {
        glm_mat4_copy(world, local);
    }
    /* TRS from the matrix; a parent with non-uniform scale and rotation
     * would need shear, which TRS cannot hold: that case is approximate. */
    vec4 t;
    mat4 r;
    vec3 sc;
    glm_decompose(local, t, r, sc);
    versor q;
    glm_mat4_quat(r, q);
    glm_quat_normalize(q);
    glm_vec3_copy(t, n->translation);
    glm_quat_copy(q, n->rotation);
    glm_vec3_copy(sc, n->scale);
    /* The node's own world is right now; descendants follow at
     * scene_update_world, which interact_update runs before returning. */
    glm_mat4_copy(world, n->world);
}

void interact_grab_begin(struct interact *ix, struct scene *s, int h, const struct hand_input *in, uint32_t obj,
                         int64_t t_us, struct ev_queue *out)
{
    struct interact_object_state *st = &ix->state[obj];
    const char *id = ix->objects[obj].id;
    /* Taken from the other hand: that hand lets go first. */
    if (st->held_by != INTERACT_NONE && st->held_by != (uint32_t)h) {
        ix->hands[st->held_by].held = INTERACT_NONE;
        interact_emit(out, EV_RELEASE, t_us, (int)st->held_by, id, NULL);
    }
    st->held_by = (uint32_t)h;
    ix->hands[h].held = obj;
    mat4 world_from_grip, grip_from_world, world;
    pose_to_matrix(&in->grip, world_from_grip);
    glm_mat4_copy(world_from_grip, grip_from_world);
    glm_inv_tr(grip_from_world);
    glm_mat4_copy(s->nodes[ix->objects[obj].node].world, world);
    glm_mat4_mul(grip_from_world, world, ix->hands[h].grip_from_object);
    interact_emit(out, EV_GRAB, t_us, h, id, NULL);
    /* Grabbing what sits in a socket takes it out of the socket. */
    uint32_t sock = interact_socket_take(ix, obj);
    if (sock != INTERACT_NONE) interact_emit(out, EV_REMOVE, t_us, h, id, ix->objects[sock].id);
}

/* The bounds of an object's meshes (its whole subtree); false when it has
 * none. */
static bool object_bounds(const struct interact *ix, const struct scene *s, uint32_t obj, vec3 lo, vec3 hi)
{
    bool any = false;
    for (uint32_t i = 0; i < ix->node_count && i < s->node_count; i++) {
        vec3 bmin, bmax;
        if (ix->node_object[i] != obj || !scene_node_bounds(s, i, bmin, bmax)) continue;
        if (!any) {
            glm_vec3_copy(bmin, lo);
            glm_vec3_copy(bmax, hi);
        } else {
            glm_vec3_minv(lo, bmin, lo);
            glm_vec3_maxv(hi, bmax, hi);
        }
        any = true;
    }
    return any;
}

/* Click mode, the cursor on a wall (a surface that does not face up): the
 * object stays where it floats, unless that is in or behind the wall (it
 * was held further out than the wall is): then it is moved out along the
 * wall's normal until it is just in front, where the trainee sees it and can
 * take it again. Left inside a body, no ray could reach it ever again. */
static void keep_in_front(struct interact *ix, struct scene *s, int h, uint32_t obj)
{
    const struct interact_hand *hs = &ix->hands[h];
    vec3 lo, hi, c, half;
    if (!object_bounds(ix, s, obj, lo, hi)) return;
    glm_vec3_center(lo, hi, c);
    glm_vec3_sub(hi, lo, half);
    glm_vec3_scale(half, 0.5f, half);
    const float *n = hs->hit_normal;
    /* How far the bounds reach towards the wall from their centre. */
    float r = fabsf(n[0]) * half[0] + fabsf(n[1]) * half[1] + fabsf(n[2]) * half[2];
    vec3 d;
    glm_vec3_sub(c, (float *)hs->hit_point, d);
    float in_front = glm_vec3_dot(d, (float *)n);
    const float gap = 0.005f;
    if (in_front >= r + gap) return;
    uint32_t node = ix->objects[obj].node;
    mat4 world;
    glm_mat4_copy(s->nodes[node].world, world);
    float push = r + gap - in_front;
    for (int k = 0; k < 3; k++) world[3][k] += n[k] * push;
    interact_node_set_world(s, node, world);
    ix->moved = true;
}

/* Click mode: a put-down object lands on the upward-facing surface under
 * the cursor, its lowest point on the hit point (no physics: a desktop user
 * expects "put it on the bench", not an object hanging in the air). */
static void rest_on_surface(struct interact *ix, struct scene *s, int h, uint32_t obj)
{
    const struct interact_hand *hs = &ix->hands[h];
    if (ix->hovered[h] == SCENE_NOT_FOUND) return;
    if (hs->hit_normal[1] < 0.7f) {
        keep_in_front(ix, s, h, obj);
        return;
    }
    uint32_t node = ix->objects[obj].node;
    vec3 origin, lo, hi;
    interact_node_position(s, node, origin);
    float bottom = object_bounds(ix, s, obj, lo, hi) ? lo[1] : origin[1];
    mat4 world;
    glm_mat4_copy(s->nodes[node].world, world);
    world[3][0] = hs->hit_point[0];
    world[3][1] = hs->hit_point[1] + (origin[1] - bottom);
    world[3][2] = hs->hit_point[2];
    interact_node_set_world(s, node, world);
    ix->moved = true;
}

void interact_grab_put_down(struct interact *ix, struct scene *s, int h, const struct pose *head, int64_t t_us,
                            struct ev_queue *out)
{
    uint32_t obj = ix->hands[h].held;
    /* Decide the socket while the hand still holds it (click mode looks at
     * what the hand points at). */
    uint32_t sock = interact_socket_find(ix, s, obj, h);
    ix->hands[h].held = INTERACT_NONE;
    ix->state[obj].held_by = INTERACT_NONE;
    interact_emit(out, EV_RELEASE, t_us, h, ix->objects[obj].id, NULL);
    if (sock != INTERACT_NONE) {
        interact_socket_snap(ix, s, sock, obj);
        interact_emit(out, EV_PLACE, t_us, h, ix->objects[obj].id, ix->objects[sock].id);
        return;
    }
    if (interact_wear_try(ix, s, obj, h, head, t_us, out)) return;
    if (ix->mode == INTERACT_MODE_CLICK) rest_on_surface(ix, s, h, obj);
}

/* The grabbable object whose bounds the grip is in (nearest origin first),
 * for grabbing by touch in a headset; NONE if none. */
static uint32_t touched_grabbable(const struct interact *ix, const struct scene *s, const struct hand_input *in)
{
    uint32_t best = INTERACT_NONE;
    float best_d = 0.0f;
    for (uint32_t i = 0; i < ix->object_count; i++) {
        const struct interact_object *o = &ix->objects[i];
        if (!(o->caps & INTERACT_CAP_GRABBABLE) || ix->state[i].worn_seq) continue;
        if (!interact_object_touches(ix, s, i, in->grip.position, 0.03f)) continue;
        vec3 p;
        interact_node_position(s, o->node, p);
        float d = glm_vec3_distance(p, (float *)in->grip.position);
        if (best == INTERACT_NONE || d < best_d) {
            best = i;
            best_d = d;
        }
    }
    return best;
}

/* The grabbable object the ray of hand h points at. Pointing at an
 * occupied socket means what sits in it: a plug inside its port or a key in
 * a box is hidden from the ray by the socket around it. A socket holding
 * several gives the most recently placed one. */
static uint32_t hovered_grabbable(const struct interact *ix, int h)
{
    uint32_t o = ix->hands[h].hovered_object;
    if (o == INTERACT_NONE) return INTERACT_NONE;
    if (!(ix->objects[o].caps & INTERACT_CAP_GRABBABLE) && (ix->objects[o].caps & INTERACT_CAP_SOCKET))
        o = ix->state[o].occupant;
    if (o == INTERACT_NONE || !(ix->objects[o].caps & INTERACT_CAP_GRABBABLE)) return INTERACT_NONE;
    return o;
}

static void hold_mode(struct interact *ix, struct scene *s, int h, const struct hand_input *in,
                      const struct pose *head, bool grip_pressed, bool grip_released, bool activated, int64_t t_us,
                      struct ev_queue *out)
{
    struct interact_hand *hs = &ix->hands[h];
    if (grip_pressed && hs->held == INTERACT_NONE) {
        uint32_t obj = touched_grabbable(ix, s, in);
        if (obj == INTERACT_NONE) obj = hovered_grabbable(ix, h);
        if (obj != INTERACT_NONE) {
            interact_grab_begin(ix, s, h, in, obj, t_us, out);
        } else if (head && glm_vec3_distance((float *)in->grip.position, (float *)head->position) <= 0.3f) {
            /* Reaching to the head with an empty hand takes off PPE. */
            interact_wear_take_off(ix, s, h, in, t_us, out);
        }
    } else if (grip_released && hs->held != INTERACT_NONE) {
        interact_grab_put_down(ix, s, h, head, t_us, out);
    }
    if (activated) {
        if (hs->held != INTERACT_NONE && (ix->objects[hs->held].caps & INTERACT_CAP_TOOL))
            interact_tool_activate(ix, s, h, t_us, out);
        else
            interact_target_activate(ix, s, h, false, t_us, out);
    }
}

static void click_mode(struct interact *ix, struct scene *s, int h, const struct hand_input *in,
                       const struct pose *head, bool clicked, int64_t t_us, struct ev_queue *out)
{
    struct interact_hand *hs = &ix->hands[h];
    if (!clicked) return;
    if (hs->held != INTERACT_NONE) {
        /* One button: a held tool with a target is used; a switch or a
         * feature part under the cursor is pressed or inspected with the
         * object still in hand (unless it is a socket that takes it); else
         * the object is put down. */
        if ((ix->objects[hs->held].caps & INTERACT_CAP_TOOL) && interact_tool_activate(ix, s, h, t_us, out)) return;
        uint32_t pointed = hs->hovered_object;
        if (pointed != INTERACT_NONE && !interact_socket_accepts(ix, pointed, hs->held) &&
            interact_target_activate(ix, s, h, true, t_us, out))
            return;
        interact_grab_put_down(ix, s, h, head, t_us, out);
        return;
    }
    if (interact_target_activate(ix, s, h, true, t_us, out)) return;
    uint32_t obj = hovered_grabbable(ix, h);
    if (obj != INTERACT_NONE) interact_grab_begin(ix, s, h, in, obj, t_us, out);
}

/* Scroll on a held object: a tool's setting, else turn (hold mode) or pull
 * and push along the ray (click mode, which is how PPE reaches the head). */
static void scroll_held(struct interact *ix, int h, float scroll)
{
    struct interact_hand *hs = &ix->hands[h];
    if (scroll == 0.0f || hs->held == INTERACT_NONE) return;
    if (interact_tool_scroll(ix, h, scroll)) return;
    if (ix->mode == INTERACT_MODE_HOLD) {
        /* Turn it in place (about its own origin, around the grip's up
         * axis), so an object held at a distance spins rather than orbits. */
        mat4 turn;
        vec3 at;
        glm_vec3_copy(hs->grip_from_object[3], at);
        glm_rotate_make(turn, scroll * ix->turn_step, (vec3){0.0f, 1.0f, 0.0f});
        glm_mat4_mul(turn, hs->grip_from_object, hs->grip_from_object);
        glm_vec3_copy(at, hs->grip_from_object[3]);
        return;
    }
    float z = hs->grip_from_object[3][2] - scroll * ix->pull_step;
    hs->grip_from_object[3][2] = glm_clamp(z, -ix->max_reach, -0.1f);
}

void interact_grab_follow(struct interact *ix, struct scene *s, const struct hand_input hands[HAND_COUNT])
{
    bool moved = false;
    for (int h = 0; h < HAND_COUNT; h++) {
        uint32_t obj = ix->hands[h].held;
        /* An untracked hand leaves its object where it was last seen. */
        if (obj == INTERACT_NONE || !hands[h].active) continue;
        mat4 world_from_grip, world;
        pose_to_matrix(&hands[h].grip, world_from_grip);
        glm_mat4_mul(world_from_grip, ix->hands[h].grip_from_object, world);
        interact_node_set_world(s, ix->objects[obj].node, world);
        moved = true;
    }
    if (moved) scene_update_world(s);
}

void interact_update(struct interact *ix, struct scene *s, const struct hand_input hands[HAND_COUNT],
                     const struct pose *head, int64_t t_us, struct ev_queue *out)
{
    /* Order matters: held objects first move to where the hands are this
     * frame (after scroll turned or pulled them), so what the rays see and
     * where things are released, placed or touched is this frame's truth. */
    for (int h = 0; h < HAND_COUNT; h++)
        if (hands[h].active) scroll_held(ix, h, hands[h].scroll);
    interact_grab_follow(ix, s, hands);
    interact_hover_update(ix, s, hands, t_us, out);
    for (int h = 0; h < HAND_COUNT; h++) {
        const struct hand_input *in = &hands[h];
        struct interact_hand *hs = &ix->hands[h];
        if (!in->active) continue;
        bool grip = level(ix, hs->grip_down, in->grip_value);
        bool act = level(ix, hs->activate_down, in->primary ? 1.0f : in->trigger_value);
        bool grip_pressed = grip && !hs->grip_down, grip_released = !grip && hs->grip_down;
        bool activated = act && !hs->activate_down;
        bool secondary = in->secondary && !hs->secondary_down;
        hs->grip_down = grip;
        hs->activate_down = act;
        hs->secondary_down = in->secondary;
        if (ix->object_count == 0) continue;

        if (ix->mode == INTERACT_MODE_HOLD)
            hold_mode(ix, s, h, in, head, grip_pressed, grip_released, activated, t_us, out);
        else
            click_mode(ix, s, h, in, head, activated, t_us, out);
        if (secondary && !interact_inspect(ix, s, h, t_us, out) && hs->held == INTERACT_NONE &&
            hs->hovered_object == INTERACT_NONE)
            interact_wear_take_off(ix, s, h, in, t_us, out);
    }
    /* Snapped into sockets or taken off the head: children follow now. */
    if (ix->moved) scene_update_world(s);
    ix->moved = false;
    interact_tool_meters(ix, s, t_us, out);
}
