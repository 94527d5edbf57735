/* interact_locomotion.c — teleport on an arc, snap turns and recentre
 * from the hands' sticks (see interact.h). */
#include "interact_int.h"

#include "pose.h"

#include <math.h>
#include <string.h>

#define GRAVITY 9.81f
#define ARC_STEP_S 0.04f

void interact_locomotion_init(struct interact_locomotion *l)
{
    memset(l, 0, sizeof *l);
    l->snap_angle = glm_rad(30.0f);
    l->arc_speed = 7.0f;
    l->floor_cos = 0.8f;
    l->stick_on = 0.7f;
    l->stick_off = 0.3f;
    l->max_step = 0.4f;
    l->aiming = -1;
}

/* The arc from the hand's aim: straight segments of ARC_STEP_S seconds of
 * flight, each cast against the scene; stops at the first hit. */
static void cast_arc(struct interact_locomotion *l, const struct scene *s, const struct pose *aim)
{
    vec3 p, v;
    glm_vec3_copy((float *)aim->position, p);
    pose_forward(aim, v);
    glm_vec3_scale(v, l->arc_speed, v);
    l->arc_n = 0;
    l->target_ok = false;
    glm_vec3_copy(p, l->arc[l->arc_n++]);
    while (l->arc_n < INTERACT_ARC_POINTS) {
        vec3 next, seg;
        for (int i = 0; i < 3; i++) next[i] = p[i] + v[i] * ARC_STEP_S;
        next[1] -= 0.5f * GRAVITY * ARC_STEP_S * ARC_STEP_S;
        v[1] -= GRAVITY * ARC_STEP_S;
        glm_vec3_sub(next, p, seg);
        float len = glm_vec3_norm(seg);
        if (len > 1e-6f) {
            vec3 dir, normal;
            glm_vec3_scale(seg, 1.0f / len, dir);
            float t = 0.0f;
            uint32_t hit = scene_ray_pick_mesh(s, p, dir, &t, normal);
            if (hit != SCENE_NOT_FOUND && t <= len) {
                glm_vec3_muladds(dir, t, p);
                glm_vec3_copy(p, l->arc[l->arc_n++]);
                /* Only a surface facing up, near the floor, is somewhere
                 * to stand. */
                l->target_ok = normal[1] >= l->floor_cos && fabsf(p[1] - l->floor_y) <= l->max_step;
                glm_vec3_copy(p, l->target);
                return;
            }
        }
        glm_vec3_copy(next, p);
        glm_vec3_copy(p, l->arc[l->arc_n++]);
        /* Fallen far below where any floor could be: nowhere. */
        if (p[1] < aim->position[1] - 20.0f) return;
    }
}

void interact_locomotion_update(struct interact_locomotion *l, const struct scene *s,
                                const struct hand_input hands[HAND_COUNT], struct interact_move *out)
{
    memset(out, 0, sizeof *out);
    l->arc_n = 0;
    for (int h = 0; h < HAND_COUNT; h++) {
        const struct hand_input *in = &hands[h];
        bool rc = in->active && in->recentre;
        if (rc && !l->recentre_down[h]) out->recentre = true;
        l->recentre_down[h] = rc;
        if (!in->active) {
            if (l->aiming == h) l->aiming = -1;
            l->latched[h] = false;
            continue;
        }
        float x = in->stick[0], y = in->stick[1];
        float mag = sqrtf(x * x + y * y);
        if (l->aiming == h) {
            if (y < -l->stick_on) {
                l->aiming = -1; /* pulled back: cancelled */
                l->latched[h] = true;
            } else if (mag < l->stick_off) {
                l->aiming = -1;
                if (l->target_ok) {
                    out->teleport = true;
                    glm_vec3_copy(l->target, out->target);
                }
            } else {
                cast_arc(l, s, &in->aim);
            }
            continue;
        }
        if (l->latched[h]) {
            /* A push acts once; the stick must come back first. */
            if (mag < l->stick_off) l->latched[h] = false;
            continue;
        }
        if (y > l->stick_on && l->aiming < 0) {
            l->aiming = h;
            cast_arc(l, s, &in->aim);
        } else if (fabsf(x) > l->stick_on && fabsf(x) > fabsf(y)) {
            out->turn += x > 0.0f ? -l->snap_angle : l->snap_angle;
            l->latched[h] = true;
        }
    }
}

/* Turns the origin by angle about the vertical line through pivot. */
static void turn_about(struct pose *origin, const vec3 pivot, float angle)
{
    versor r, q;
    glm_quatv(r, angle, (vec3){0.0f, 1.0f, 0.0f});
    glm_quat_mul(r, origin->orientation, q);
    glm_quat_normalize_to(q, origin->orientation);
    vec3 rel = {origin->position[0] - pivot[0], 0.0f, origin->position[2] - pivot[2]}, turned;
    glm_quat_rotatev(r, rel, turned);
    origin->position[0] = pivot[0] + turned[0];
    origin->position[2] = pivot[2] + turned[2];
}

void interact_move_origin(const struct interact_move *m, const struct pose *head, const struct pose *home,
                          struct pose *origin)
{
    vec3 at;
    glm_vec3_copy((float *)head->position, at);
    if (m->recentre) {
        /* Face the start's way, then stand where the start was. */
        turn_about(origin, at, pose_heading(home->orientation) - pose_heading(head->orientation));
        origin->position[0] += home->position[0] - at[0];
        origin->position[2] += home->position[2] - at[2];
        if (m->seated) origin->position[1] += home->position[1] - at[1];
        return;
    }
    if (m->turn != 0.0f) turn_about(origin, at, m->turn);
    if (m->teleport) {
        /* The feet (the head straight down) to the target; the floor of the
         * play space to the target's height. */
        origin->position[0] += m->target[0] - at[0];
        origin->position[2] += m->target[2] - at[2];
        origin->position[1] = m->target[1];
    }
}

void interact_stick_tools(struct interact_locomotion *l, const struct interact *ix,
                          struct hand_input hands[HAND_COUNT])
{
    for (int h = 0; h < HAND_COUNT; h++) {
        struct hand_input *in = &hands[h];
        uint32_t o = ix->hands[h].held;
        if (o >= ix->object_count || !(ix->objects[o].caps & INTERACT_CAP_TOOL) ||
            ix->objects[o].setting_step <= 0.0f) {
            l->tool_latched[h] = false;
            continue;
        }
        float y = in->stick[1];
        if (!l->tool_latched[h] && fabsf(y) > l->stick_on) {
            in->scroll += y > 0.0f ? 1.0f : -1.0f;
            l->tool_latched[h] = true;
        } else if (fabsf(y) < l->stick_off) {
            l->tool_latched[h] = false;
        }
        in->stick[0] = in->stick[1] = 0.0f;
    }
}
