/* interact_hover.c — what each hand's ray points at, and EV_HOVER when that
 * changes (see interact.h).
 *
 * The pick is scene's triangle-accurate one, filtered to skip the object
 * the same hand holds: on the desktop the held object floats on the
 * cursor ray, and the trainee must still see (and click) the socket or point
 * behind it. */
#include "interact_int.h"

#include "pose.h"

bool interact_pick_not_held(const struct scene *s, uint32_t node, void *user)
{
    (void)s;
    const struct interact_pick_skip *k = user;
    return k->held == INTERACT_NONE || interact_node_object(k->ix, node) != k->held;
}

void interact_hover_update(struct interact *ix, const struct scene *s, const struct hand_input hands[HAND_COUNT],
                           int64_t t_us, struct ev_queue *out)
{
    for (int h = 0; h < HAND_COUNT; h++) {
        uint32_t hit = SCENE_NOT_FOUND;
        float t = 0.0f;
        struct interact_hand *hs = &ix->hands[h];
        if (hands[h].active) {
            vec3 dir;
            pose_forward(&hands[h].aim, dir);
            struct interact_pick_skip skip = {ix, hs->held};
            hit = scene_ray_pick_mesh_filtered(s, hands[h].aim.position, dir, interact_pick_not_held, &skip, &t, hs->hit_normal);
            if (hit != SCENE_NOT_FOUND && t > ix->max_reach) hit = SCENE_NOT_FOUND;
            if (hit != SCENE_NOT_FOUND) {
                glm_vec3_copy((float *)hands[h].aim.position, hs->hit_point);
                glm_vec3_muladds(dir, t, hs->hit_point);
            }
        }
        ix->hover_distance[h] = hit != SCENE_NOT_FOUND ? t : 0.0f;
        uint32_t prev_node = ix->hovered[h];
        ix->hovered[h] = hit;
        if (ix->object_count == 0) {
            /* No objects described: hover reports scene nodes by name. */
            if (hit == prev_node) continue;
            struct ev e = {.type = EV_HOVER, .t_us = t_us, .hand = h,
                           .subject = hit != SCENE_NOT_FOUND ? s->nodes[hit].name : NULL};
            ev_queue_push(out, &e);
            continue;
        }
        /* With objects, hover is about objects: moving between two parts of
         * one object, or over unnamed scenery, is not an event. */
        uint32_t obj = hit != SCENE_NOT_FOUND ? interact_node_object(ix, hit) : INTERACT_NONE;
        if (obj == ix->hands[h].hovered_object) continue;
        ix->hands[h].hovered_object = obj;
        interact_emit(out, EV_HOVER, t_us, h, obj != INTERACT_NONE ? ix->objects[obj].id : NULL, NULL);
    }
}
