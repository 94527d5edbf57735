/* types.h — plain data shared between modules (DESIGN.md §3).
 *
 * These are contracts: the xr backends fill hand_input, interact reads it;
 * platform fills desk_input, the xr desktop backend reads it; scene and gfx
 * both speak mesh_data. No behaviour lives here.
 * Conventions: right-handed, +Y up, metres; quaternions [x, y, z, w] as in
 * cglm, glTF and OpenXR. */
#ifndef PAJA_TYPES_H
#define PAJA_TYPES_H

#include <cglm/cglm.h>
#include <stdbool.h>
#include <stdint.h>

/* A rigid transform: where something is and which way it faces. */
struct pose {
    vec3 position;
    versor orientation; /* unit quaternion [x, y, z, w] */
};

/* A symmetric or asymmetric field of view in radians (OpenXR's XrFovf):
 * left and down are negative for a centred view. */
struct fov {
    float angle_left, angle_right, angle_up, angle_down;
};

/* One hand or controller, whatever drives it (mouse ray, XR controller,
 * script, replay). Interaction only ever sees this. */
struct hand_input {
    bool active;        /* tracked and usable this frame */
    struct pose aim;    /* ray origin and direction (-Z forward) */
    struct pose grip;   /* where a held object sits */
    float grip_value;   /* 0..1 */
    float trigger_value;/* 0..1 */
    bool primary;       /* A/X or left mouse: use, press */
    bool secondary;     /* B/Y or right mouse */
    bool menu;
    float scroll;       /* turns of a wheel or thumbstick, this frame */
    /* Locomotion and comfort (controllers; the desktop walks with WASD):
     * the thumbstick or trackpad, -1..1, x right and y forward; the app
     * turns them into a teleport arc and snap turns. */
    float stick[2];
    bool recentre;      /* put the play space back in front of the trainee */
    bool hint;          /* ask for a hint (practice mode) */
};

enum hand_side { HAND_LEFT = 0, HAND_RIGHT = 1, HAND_COUNT = 2 };

/* Keys the desktop head controller understands. The platform maps physical
 * keys (scancodes, so WASD works on any keyboard layout) to these. */
enum desk_key {
    DESK_KEY_FORWARD, DESK_KEY_BACK, DESK_KEY_LEFT, DESK_KEY_RIGHT,
    DESK_KEY_UP, DESK_KEY_DOWN, DESK_KEY_FAST,
    DESK_KEY_SECONDARY, /* E: the hand's second button (inspect, take off) */
    DESK_KEY_COUNT
};

/* Desktop input for one frame, already in platform-neutral form. */
struct desk_input {
    bool key_down[DESK_KEY_COUNT];
    float look_dx, look_dy;  /* relative mouse motion this frame, pixels */
    bool look_captured;      /* mouse is captured for looking around */
    float cursor_x, cursor_y;/* pointer position in window pixels */
    bool button_left, button_right;
    float wheel;             /* wheel clicks this frame */
    int width, height;       /* drawable size in pixels */
};

/* CPU-side triangle mesh: what procedural generators and the glTF reader
 * produce and what gfx uploads. Arrays are owned by whoever made the mesh
 * (an arena, normally). */
struct mesh_vertex {
    float position[3];
    float normal[3];
    float uv[2];
};

struct mesh_data {
    struct mesh_vertex *vertices;
    uint32_t vertex_count;
    uint32_t *indices;
    uint32_t index_count;
    float bounds_min[3], bounds_max[3];
    /* Optional per-vertex extras from glTF, vertex_count entries each, NULL
     * when absent (zero-initialise the struct): gfx generates tangents,
     * uses white for colours and TEXCOORD_0 for the second set. */
    float (*tangents)[4]; /* xyz tangent, w = bitangent sign */
    float (*colors)[4];   /* linear RGBA (COLOR_0) */
    float (*uv1)[2];      /* TEXCOORD_1 */
};

/* A textured, tinted rectangle in screen pixels (top-left origin, y down):
 * what ui lays out (glyphs, panel backgrounds) and gfx draws over one atlas. */
struct screen_quad {
    float x0, y0, x1, y1; /* pixels */
    float u0, v0, u1, v1; /* atlas texture coordinates */
    float color[4];       /* straight RGBA, 0..1, sRGB-encoded */
};

#endif
