/* interact.h — turns hands into events on scene objects.
 *
 * Same events whatever drives the hands (mouse ray, controllers, script),
 * with the subject/target semantics of event.h. interact knows nothing of
 * scenarios: the app translates its scenario objects into descriptors
 * (struct interact_object) and hands them over with interact_set_objects.
 * With no objects set, only hover works and its subject is the node's name.
 *
 * Events (hand = the hand that acted; t_us as passed in):
 *   EV_HOVER    subject: object under the ray, NULL when it leaves all objects
 *   EV_GRAB     subject: object; followed by EV_REMOVE (target: the socket)
 *               when it was taken out of a socket, preceded by EV_RELEASE of
 *               the other hand when taken from it
 *   EV_RELEASE  subject: object; followed by EV_PLACE (target: socket) when
 *               it went into a socket, or EV_WEAR when it was put on
 *   EV_UNWEAR   subject: object taken off; followed by EV_GRAB (in the hand)
 *   EV_USE      subject: tool; target: a point id, a described pair id, or
 *               "a|b" for two probe points (see interact_tool.c); a torque
 *               wrench adds value = its setting and unit. Readings are the
 *               scenario's business, not interact's.
 *   EV_PRESS    subject: switch
 *   EV_INSPECT  subject: object; target: feature id (NULL if it lists none)
 *
 * Depends on core and scene only. Deterministic: the same scene, objects and
 * hand inputs give the same events and node poses; no clock is read. Nothing
 * is allocated per frame except the "a|b" strings, which go into the event
 * queue's arena.
 *
 * Two input styles, chosen per session with ix->mode:
 *
 *   INTERACT_MODE_HOLD (XR controllers): squeeze grip (grip_value) with the
 *     hand in an object, or its ray on one, to hold it; let go to release it
 *     (into a socket when within its tolerance, onto the head when a wearable
 *     is within wear_radius of it). The trigger (trigger_value) or primary
 *     (A/X) activates: use the held tool, press a switch, inspect a feature.
 *     secondary (B/Y) inspects what the ray points at (or the held object);
 *     with an empty hand pointing at nothing it takes off the last worn item,
 *     as does squeezing grip with an empty hand at the head. scroll
 *     (thumbstick) changes a held tool's setting, else turns the held object
 *     in place about the grip's up axis. Probes touching points need no button.
 *
 *   INTERACT_MODE_CLICK (desktop: one mouse button for grab and use, the
 *     right button looks around). The desktop backend maps
 *       left mouse   -> primary and trigger_value (one "click")
 *       key E        -> secondary (suggested: inspect, take off)
 *       mouse wheel  -> scroll (wheel clicks; up positive)
 *     and the cursor ray is the right hand's aim and grip pose; grip_value
 *     is ignored. With an empty hand a click on an object presses a switch,
 *     inspects a feature part (a feature with a node of its own), or picks
 *     the object up (pointing at an occupied socket picks up what is in it,
 *     the most recently placed object first when it holds several);
 *     the object then floats on the cursor ray at the distance it was
 *     picked up from. A click while holding:
 *       - uses a held tool when it has a target: a point object under the
 *         cursor, or the points its probes touch;
 *       - presses a switch / inspects a feature part under the cursor, with
 *         the object still in hand;
 *       - else puts the object down: into the socket under the cursor if it
 *         accepts it (tolerance does not matter: pointing is the intent) or
 *         one within tolerance; onto the head if it floats within
 *         wear_radius of the head (the wheel pulls it closer); else onto the
 *         upward-facing surface under the cursor, resting on its bounds;
 *         with no such surface it stays where it floats.
 *     The wheel changes a held tool's setting (torque wrench), else pushes
 *     the held object away (up) or pulls it toward the view (down). E
 *     inspects the object under the cursor or the held object, and with an
 *     empty hand pointing at nothing takes off the last worn item.
 *     For meters on the desktop, describe each pole pair's measuring spot as
 *     a point object with the pair's id, so pointing at it measures there.
 *
 * Ownership: interact_set_objects copies the descriptors into the arena it
 * is given; what they point to (id and unit strings, the accepts and
 * features arrays and their strings, the pairs array and its strings) is
 * borrowed and must stay valid until the next interact_set_objects or until
 * that arena is cleared — the scenario arena, normally. Event
 * strings point at those borrowed strings, at scene node names, or ("a|b")
 * into the event queue's arena.
 *
 *   struct interact ix; interact_init(&ix);
 *   ix.mode = INTERACT_MODE_CLICK;
 *   interact_set_objects(&ix, &scene, objs, n, pairs, npairs, &scenario_arena);
 *   per frame: interact_update(&ix, &scene, xf.hands, &head, xf.time_us, &evq);
 */
#ifndef PAJA_INTERACT_H
#define PAJA_INTERACT_H

#include "event.h"
#include "scene.h"
#include "types.h"

#define INTERACT_NONE UINT32_MAX

/* What an object can do (struct interact_object.caps). */
enum interact_cap {
    INTERACT_CAP_GRABBABLE = 1u << 0,
    INTERACT_CAP_SOCKET = 1u << 1,      /* holds accepted objects, up to its capacity */
    INTERACT_CAP_TOOL = 1u << 2,        /* used on points while held */
    INTERACT_CAP_WEARABLE = 1u << 3,    /* put on by releasing it at the head */
    INTERACT_CAP_SWITCH = 1u << 4,      /* pressed by activating it */
    INTERACT_CAP_INSPECTABLE = 1u << 5, /* has features to inspect */
    INTERACT_CAP_POINT = 1u << 6,       /* a measuring point tool tips touch */
};

enum interact_tool_kind {
    INTERACT_TOOL_GENERIC, /* EV_USE on the point its tip touches or the ray hits */
    INTERACT_TOOL_METER,   /* two probes: EV_USE when both touch points */
    INTERACT_TOOL_TORQUE,  /* EV_USE with value = setting (scroll), unit */
};

enum interact_mode { INTERACT_MODE_HOLD, INTERACT_MODE_CLICK };

/* An inspectable feature ("air_test", "date_stamp"). node is the part that
 * shows it, or SCENE_NOT_FOUND / the object's own node for the whole object. */
struct interact_feature {
    const char *id;
    uint32_t node;
};

/* A pair of measuring points with its own id, e.g. {"hv.pos", "hv.neg",
 * "hv.pos_neg"}: a meter touching a and b (either order) uses the pair id
 * as the EV_USE target. */
struct interact_pair {
    const char *a, *b, *target;
};

/* One object, described by the app. Zero-initialise and fill what applies;
 * zero tolerances, radii and steps take the defaults noted. */
struct interact_object {
    const char *id;  /* stable id, the subject/target of events */
    uint32_t node;   /* scene node; its subtree is the object */
    uint32_t caps;   /* enum interact_cap bits */

    /* Socket: the ids it accepts (none listed: any grabbable), how many
     * objects it holds at once, and how close an object must be released to
     * snap to the socket node's pose.
     *
     * Capacity: a socket takes an accepted object while it holds fewer than
     * capacity objects (0 or 1: one object); a full socket refuses the
     * next, which is then just released (or goes into another socket that
     * takes it). The first object in a socket snaps to the socket node's
     * pose; later ones take the same orientation, moved along the socket
     * node's x axis just past the objects already in it (by their mesh
     * bounds, 5 cm either side of the origin for an object without meshes),
     * so none overlap; when one is taken out the others stay where they
     * are and the next object fills the first gap it fits in
     * (interact_socket_landing tells where). Objects are taken out in any order: by touch (hold
     * mode) the nearest origin wins as anywhere else; by pointing at the
     * socket (either mode: the socket hides what is in it from the ray) the
     * most recently placed object still in it comes out first, like a stack.
     * EV_PLACE and EV_REMOVE are per object, as with one. placed_in starts
     * count towards capacity in description order; a start beyond it is
     * refused with a warning. */
    const char *const *accepts;
    uint32_t accept_count;
    uint32_t capacity;  /* objects held at once (0 or 1: one) */
    float tol_position; /* metres between origins (default 0.05) */
    float tol_angle;    /* radians between orientations (default 30°; >= pi: any) */

    /* Grabbable: the socket it starts in (an id), or NULL. */
    const char *placed_in;

    /* Tool (read only with INTERACT_CAP_TOOL). Tips are nodes, of this
     * object or of separate probe objects; set SCENE_NOT_FOUND where absent
     * (0 is a node). A meter needs both; a torque wrench or generic tool
     * uses tips[0] when set. Without tips a tool is used by pointing at a
     * point object. */
    enum interact_tool_kind tool;
    uint32_t tips[2];
    float setting;      /* initial setting (torque: Nm) */
    float setting_min, setting_max;
    float setting_step; /* per scroll unit; 0: scroll does not change it */
    const char *unit;   /* of the setting ("Nm"); NULL: none */

    /* Point: how far from the bounds of the point's meshes (any node of its
     * subtree; its origin when it has none) a tip still touches it
     * (default 0.01 m). */
    float contact_radius;

    /* Inspectable. */
    const struct interact_feature *features;
    uint32_t feature_count;

    /* Wearable: released with its origin this close to the head, it is put
     * on (default 0.3 m). */
    float wear_radius;
};

/* Runtime state of one object (read-only for callers). */
struct interact_object_state {
    uint32_t held_by;   /* hand, or INTERACT_NONE */
    uint32_t socket;    /* object index of the socket it sits in, or INTERACT_NONE */
    uint32_t occupant;  /* sockets: the most recently placed object still inside, or INTERACT_NONE */
    uint32_t occupied;  /* sockets: how many objects are inside */
    uint32_t place_seq; /* in a socket: when it went in (larger: later); 0 when in none */
    uint32_t worn_seq;  /* 0: not worn; else the order it was put on */
    float setting;      /* tools: current setting */
    uint32_t pair[2];   /* meters: points both probes touched last, or NONE */
};

struct interact_hand {
    uint32_t held;          /* object index, or INTERACT_NONE */
    mat4 grip_from_object;  /* captured at grab: the object's pose in the grip */
    bool grip_down, activate_down, secondary_down; /* last frame, with hysteresis */
    uint32_t hovered_object;/* object under the ray, or INTERACT_NONE */
    vec3 hit_point;         /* where the ray meets hovered[hand] (world) */
    vec3 hit_normal;        /* that surface's normal, facing the ray */
};

struct interact {
    uint32_t hovered[HAND_COUNT]; /* scene node under each hand's ray, or SCENE_NOT_FOUND */
    float hover_distance[HAND_COUNT];
    float max_reach;              /* metres a ray reaches (default 4) */
    enum interact_mode mode;      /* default INTERACT_MODE_HOLD; set per session */
    float press_threshold;        /* grip/trigger counts as down from here (0.6) */
    float release_threshold;      /* ... and up again below this (0.4) */
    float turn_step;              /* radians per scroll unit, hold mode (15°) */
    float pull_step;              /* metres per scroll unit, click mode (0.1) */

    /* Set by interact_set_objects; arrays in its arena. */
    struct interact_object *objects;
    struct interact_object_state *state;
    uint32_t object_count;
    uint32_t **accepts;           /* per socket: accepted object indices */
    const struct interact_pair *pairs;
    uint32_t pair_count;
    uint32_t *node_object;        /* scene node -> nearest object at or above it */
    bool *node_hidden;            /* nodes hidden because their object is worn */
    uint32_t node_count;
    uint32_t worn_counter;
    uint32_t place_counter;       /* last place_seq handed out */
    bool moved;                   /* a node was moved this frame (internal) */

    struct interact_hand hands[HAND_COUNT];
};

/* Defaults: no objects, hold mode. */
void interact_init(struct interact *ix);

/* Describes the objects (copied into arena; strings borrowed, see top).
 * Resolves accepts, placed_in and pair ids against the objects and maps each
 * scene node to its object, so call it again after the scene changes. Drops
 * what it cannot use with a warning (a node out of range, an unknown or
 * duplicate id) and returns false if anything was dropped; the rest works.
 * Resets all runtime state (nothing held, worn or hovered); nodes hidden
 * because their object was worn stay hidden, so reload the scene with it. */
bool interact_set_objects(struct interact *ix, const struct scene *s, const struct interact_object *objs,
                          uint32_t n, const struct interact_pair *pairs, uint32_t pair_count, struct arena *arena);

/* One frame: hover, grab/release/place/wear, use/press/inspect, scroll, and
 * held objects following their hands (their nodes' local TRS are set so the
 * world pose is grip × the offset captured at grab, under whatever parent
 * they have; world matrices are updated before returning). The scene's
 * world matrices must be current on entry. head may be NULL (no wearing).
 * t_us stamps the events, which are pushed to out. */
void interact_update(struct interact *ix, struct scene *s, const struct hand_input hands[HAND_COUNT],
                     const struct pose *head, int64_t t_us, struct ev_queue *out);

/* The filter of interact's own rays (scene_ray_pick_mesh_filtered): every
 * node but those of the object the picking hand holds. Tools that must see
 * what interact sees (scripted runs, the test trace) pick with it too. */
struct interact_pick_skip {
    const struct interact *ix;
    uint32_t held; /* object index, or INTERACT_NONE */
};
bool interact_pick_not_held(const struct scene *s, uint32_t node, void *user);

/* Index of the object with that id, or INTERACT_NONE. */
uint32_t interact_object_find(const struct interact *ix, const char *id);
/* Id of the object a hand holds, or NULL (borrowed, see top). */
const char *interact_hand_held(const struct interact *ix, int hand);
/* Id of the socket an object sits in, or NULL. */
const char *interact_object_socket(const struct interact *ix, const char *id);
/* Whether an object is worn. */
bool interact_object_worn(const struct interact *ix, const char *id);
/* A tool's current setting (torque), or NAN for an unknown id. */
float interact_tool_setting(const struct interact *ix, const char *id);
/* Where object `object` (index into ix->objects) would sit if placed in
 * socket `socket` now (the next free slot), as a world matrix of the
 * object's node. False when the socket is full, does not accept it, or
 * either index is not an object/socket. For drawing a "ghost" of a held
 * object where releasing it would put it; a place puts it exactly there. */
bool interact_socket_landing(const struct interact *ix, const struct scene *s, uint32_t socket, uint32_t object,
                             mat4 out_world);

/* ---- Locomotion (interact_locomotion.c) ---------------------------------
 * Comfortable movement in a headset, from the hands' sticks (hand_input):
 *   - push a stick forward: an arc leaves that hand's aim and falls under
 *     gravity; where it lands on a floor-like surface (facing up) is the
 *     teleport target; let the stick go back to the centre to go there
 *     (pull it back or land nowhere to cancel);
 *   - push a stick left or right: one snap turn of snap_angle about the
 *     head, again only after the stick came back;
 *   - recentre: back to where the trainee started, facing the same way.
 * What to do comes out as a struct interact_move; interact_move_origin
 * turns it into a new play-space origin (xr_set_origin), so the headset's
 * tracking and the rest of the app never learn that the trainee moved.
 * Deterministic and CPU-only, driven by hand_input in tests. */
#define INTERACT_ARC_POINTS 48
struct interact_locomotion {
    float snap_angle;   /* radians per snap turn (default 30°) */
    float arc_speed;    /* m/s the arc leaves the hand with (default 7) */
    float floor_cos;    /* a surface is floor when its normal's y is at least this (0.8) */
    float stick_on;     /* a stick counts as pushed from here (0.7) */
    float stick_off;    /* ... and as back in the centre below this (0.3) */
    /* Somewhere to stand is also near the floor the trainee stands on: the
     * caller sets floor_y each frame (the play space's floor, xr_frame's
     * floor_y); a landing more than max_step above or below it (a table, a
     * car's roof) is refused. */
    float floor_y;
    float max_step;     /* metres (default 0.4) */
    /* State: which hand aims an arc (-1: none), stick latches per hand. */
    int aiming;
    bool latched[HAND_COUNT];
    bool recentre_down[HAND_COUNT];
    bool tool_latched[HAND_COUNT]; /* interact_stick_tools: a push that set a tool */
    /* The arc this frame, for drawing (arc_n 0: none), and where it lands. */
    vec3 arc[INTERACT_ARC_POINTS];
    uint32_t arc_n;
    bool target_ok;
    vec3 target;
};

struct interact_move {
    bool teleport;
    vec3 target;        /* the floor point the trainee's feet go to */
    float turn;         /* radians about the head's vertical, + turns left */
    bool recentre;
    bool seated;        /* set by the caller: a recentre also lifts the play space so the
                         * head is at home's height (seated play, standing procedures) */
};

void interact_locomotion_init(struct interact_locomotion *l);
/* One frame of the sticks and recentre buttons; out says what to do now. */
void interact_locomotion_update(struct interact_locomotion *l, const struct scene *s,
                                const struct hand_input hands[HAND_COUNT], struct interact_move *out);
/* Before interact_update and interact_locomotion_update: a hand holding a
 * tool with a setting (a torque wrench) sets it with its stick. Each push
 * up or down past stick_on is one step up or down (added to the hand's
 * scroll, as the desktop's wheel), and the next needs the stick back below
 * stick_off; that hand's stick is then cleared, so it does not also
 * teleport or turn the trainee. Other hands' sticks are left alone. */
void interact_stick_tools(struct interact_locomotion *l, const struct interact *ix,
                          struct hand_input hands[HAND_COUNT]);
/* The play-space origin after move m: head is the head in the world now,
 * home where the trainee started (recentre). Teleport keeps the head's
 * height above the floor; turns turn about the head so it stays in place. */
void interact_move_origin(const struct interact_move *m, const struct pose *head, const struct pose *home,
                          struct pose *origin);

#endif
