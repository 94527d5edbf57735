/* interact_int.h — what the interact sources share with each other and no
 * one else: per-topic entry points called from interact_update, and small
 * scene helpers. Not part of the public API. */
#ifndef PAJA_INTERACT_INT_H
#define PAJA_INTERACT_INT_H

#include "interact.h"

/* interact_objects.c */
/* Object whose subtree holds node (nearest object at or above it), or NONE. */
uint32_t interact_node_object(const struct interact *ix, uint32_t node);
/* World position of a node's origin. */
void interact_node_position(const struct scene *s, uint32_t node, vec3 out);
/* Whether p lies within margin of the world bounds of a visible mesh in
 * the object's subtree, or of the object's origin when it has no mesh. */
bool interact_object_touches(const struct interact *ix, const struct scene *s, uint32_t obj, const vec3 p,
                             float margin);
/* Shows or hides every node of an object's subtree (worn objects vanish). */
void interact_object_show(struct interact *ix, struct scene *s, uint32_t obj, bool show);
/* Pushes an event with the usual fields. */
struct ev *interact_emit(struct ev_queue *out, enum ev_type type, int64_t t_us, int hand, const char *subject,
                         const char *target);

/* interact_hover.c */
void interact_hover_update(struct interact *ix, const struct scene *s, const struct hand_input hands[HAND_COUNT],
                           int64_t t_us, struct ev_queue *out);

/* interact_grab.c */
/* hand h takes obj (from the other hand or a socket, with their events). */
void interact_grab_begin(struct interact *ix, struct scene *s, int h, const struct hand_input *in, uint32_t obj,
                         int64_t t_us, struct ev_queue *out);
/* hand h lets go: into a socket, onto the head, or just released. */
void interact_grab_put_down(struct interact *ix, struct scene *s, int h, const struct pose *head, int64_t t_us,
                            struct ev_queue *out);
/* Moves held objects to follow their hands and updates world matrices. */
void interact_grab_follow(struct interact *ix, struct scene *s, const struct hand_input hands[HAND_COUNT]);
/* Sets a node's local TRS so that its world matrix becomes world. */
void interact_node_set_world(struct scene *s, uint32_t node, mat4 world);

/* interact_socket.c */
/* The socket obj would go into if released by hand h now, or NONE. */
uint32_t interact_socket_find(const struct interact *ix, const struct scene *s, uint32_t obj, int h);
/* Whether socket accepts obj and has room for it (obj already in it counts
 * as room). */
bool interact_socket_accepts(const struct interact *ix, uint32_t socket, uint32_t obj);
/* Records obj in socket: count, order, occupant (no move, no events). */
void interact_socket_put(struct interact *ix, uint32_t socket, uint32_t obj);
/* Takes obj out of the socket it is in, if any; returns that socket or
 * NONE (no move, no events). The occupant becomes the most recently placed
 * object left. */
uint32_t interact_socket_take(struct interact *ix, uint32_t obj);
/* Snaps obj to the socket's pose and records it there (no events). */
void interact_socket_snap(struct interact *ix, struct scene *s, uint32_t socket, uint32_t obj);
/* Puts obj on when it is a wearable near the head; emits EV_WEAR. */
bool interact_wear_try(struct interact *ix, struct scene *s, uint32_t obj, int h, const struct pose *head,
                       int64_t t_us, struct ev_queue *out);
/* Takes off the last worn object into hand h; emits EV_UNWEAR, EV_GRAB. */
bool interact_wear_take_off(struct interact *ix, struct scene *s, int h, const struct hand_input *in,
                            int64_t t_us, struct ev_queue *out);

/* interact_tool.c */
/* Activation (trigger / click) with what hand h holds and points at: use,
 * press or inspect. True if it did something. */
bool interact_tool_activate(struct interact *ix, const struct scene *s, int h, int64_t t_us, struct ev_queue *out);
/* Activation on what the ray points at with no tool to use: press or
 * inspect a feature part. grab_first: grabbable objects are left to grab. */
bool interact_target_activate(struct interact *ix, const struct scene *s, int h, bool grab_first, int64_t t_us,
                              struct ev_queue *out);
/* secondary: inspect the pointed-at or held inspectable. */
bool interact_inspect(struct interact *ix, const struct scene *s, int h, int64_t t_us, struct ev_queue *out);
/* Scroll on a held tool with a setting; true if it took the scroll. */
bool interact_tool_scroll(struct interact *ix, int h, float scroll);
/* Meters whose both probes touch points: EV_USE when the pair changes. */
void interact_tool_meters(struct interact *ix, const struct scene *s, int64_t t_us, struct ev_queue *out);

#endif
