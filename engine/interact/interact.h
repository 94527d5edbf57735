/* interact.h — turns hands into events on scene objects.
 * Same events whatever drives the hands (mouse ray, controllers, script). */
#ifndef PAJA_INTERACT_H
#define PAJA_INTERACT_H

#include "event.h"
#include "scene.h"
#include "types.h"

struct interact {
    uint32_t hovered[HAND_COUNT]; /* scene node under each hand's ray, or SCENE_NOT_FOUND */
    float hover_distance[HAND_COUNT];
    float max_reach;              /* metres a ray reaches (default 4) */
};

void interact_init(struct interact *ix);
/* Updates what each active hand's aim ray points at and pushes an EV_HOVER
 * event (subject: node name; NULL subject when the ray leaves all objects)
 * whenever that changes. t_us stamps the events. */
void interact_update(struct interact *ix, const struct scene *s, const struct hand_input hands[HAND_COUNT],
                     int64_t t_us, struct ev_queue *out);

#endif
