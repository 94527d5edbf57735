/* interact_hover.c — hover from hand rays (see interact.h). */
#include "interact.h"

#include "pose.h"

void interact_init(struct interact *ix)
{
    for (int h = 0; h < HAND_COUNT; h++) {
        ix->hovered[h] = SCENE_NOT_FOUND;
        ix->hover_distance[h] = 0.0f;
    }
    ix->max_reach = 4.0f;
}

void interact_update(struct interact *ix, const struct scene *s, const struct hand_input hands[HAND_COUNT],
                     int64_t t_us, struct ev_queue *out)
{
    for (int h = 0; h < HAND_COUNT; h++) {
        uint32_t hit = SCENE_NOT_FOUND;
        float t = 0.0f;
        if (hands[h].active) {
            vec3 dir;
            pose_forward(&hands[h].aim, dir);
            hit = scene_ray_pick_bounds(s, hands[h].aim.position, dir, &t);
            if (hit != SCENE_NOT_FOUND && t > ix->max_reach) hit = SCENE_NOT_FOUND;
        }
        ix->hover_distance[h] = hit != SCENE_NOT_FOUND ? t : 0.0f;
        if (hit == ix->hovered[h]) continue;
        ix->hovered[h] = hit;
        struct ev e = {.type = EV_HOVER, .t_us = t_us, .hand = h,
                       .subject = hit != SCENE_NOT_FOUND ? s->nodes[hit].name : NULL};
        ev_queue_push(out, &e);
    }
}
