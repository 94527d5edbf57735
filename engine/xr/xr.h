/* xr.h — one frame API whatever shows the scene (DESIGN.md §6).
 *
 * Every backend fills the same struct xr_frame: the time of the frame, one or
 * two views (pose + field of view) and two hands. The app renders each view
 * and passes the hands to interaction, so the frame loop does not know
 * whether a headset, a mouse or a script is driving it.
 *
 * Backends:
 *   desktop  — mouse-look head, WASD movement, the cursor's ray is the right
 *              hand; real time.
 *   headless — no input; fixed head pose; simulated time advancing a fixed
 *              step per frame, so runs are reproducible and a long wait in a
 *              procedure costs no real time.
 *   openxr, replay — later; xr_openxr_available() already tells whether a
 *              runtime is installed.
 */
#ifndef PAJA_XR_H
#define PAJA_XR_H

#include "types.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum xr_backend { XR_BACKEND_DESKTOP, XR_BACKEND_HEADLESS, XR_BACKEND_OPENXR };

/* The session as the app must act on it. Desktop and headless are always
 * RUNNING; a headset starts IDLE until the runtime says READY, and ends
 * with EXITING (the runtime or the user asked to leave) or LOST (the
 * headset went away): the app then closes and seals the record and says
 * why (xr_end_reason). */
enum xr_session_state { XR_SESSION_IDLE, XR_SESSION_RUNNING, XR_SESSION_EXITING, XR_SESSION_LOST };

/* The native GL objects of the window's context (GLX on X11), as opaque
 * handles: xr passes them to the headset runtime; platform finds them; the
 * app carries them over (platform and xr do not know each other). */
struct xr_gl_binding {
    void *x_display;        /* Display * */
    void *glx_context;      /* GLXContext */
    unsigned long glx_drawable; /* GLXDrawable */
    void *glx_fbconfig;     /* GLXFBConfig */
    unsigned long visual_id;
};

struct xr_view {
    struct pose pose; /* eye in world space */
    struct fov fov;
    int width, height;         /* pixels of this view's image */
    uint32_t color_texture;    /* GL texture to draw into (headset), 0: the app's own target */
    uint32_t depth_texture;    /* GL depth texture to draw into, 0: none given */
};

struct xr_frame {
    uint64_t index;       /* 0 for the first frame */
    int64_t time_us;      /* frame time since the session started */
    int64_t dt_us;        /* since the previous frame */
    uint32_t view_count;  /* 1 on desktop/headless, 2 in a headset */
    struct xr_view views[2];
    struct hand_input hands[HAND_COUNT];
    int width, height;    /* pixels per view */
    struct pose head;     /* the head (between the eyes) */
    enum xr_session_state session;
    bool should_render;   /* false: run the frame but draw nothing */
    bool focused;         /* input goes to paja (a headset's system menu may take it) */
};

struct xr_desc {
    enum xr_backend backend;
    struct pose start_head;   /* where the head starts */
    float vertical_fov;       /* radians; default 70 degrees */
    int64_t fixed_step_us;    /* headless step; default 1/90 s */
    float move_speed;         /* metres per second; default 1.4 (walking) */
    float look_sensitivity;   /* radians per pixel; default 0.0025 */
    struct xr_gl_binding gl;  /* openxr: the window's GL context */
    float near_m, far_m;      /* openxr: the clip planes gfx draws with (depth layer) */
};

struct xr;

struct xr *xr_create(const struct xr_desc *desc);
/* A headset through the OpenXR loader, on the window's GL context
 * (desc->gl). NULL when there is none to use, with one line in why saying
 * which (no runtime, no headset, a runtime without OpenGL, …) and what to
 * do; the app then uses the desktop. */
struct xr *xr_create_openxr(const struct xr_desc *desc, char *why, size_t why_size);
void xr_destroy(struct xr **x);
/* Starts a frame. in is the desktop input (ignored by headless); width and
 * height come from it on desktop. Returns false when no frame should be
 * rendered (never for desktop/headless). */
bool xr_frame_begin(struct xr *x, const struct desk_input *in, struct xr_frame *out);
void xr_frame_end(struct xr *x, const struct xr_frame *f);
/* Places the head (scripts, tests, "reset view"). */
void xr_set_head(struct xr *x, const struct pose *head);
/* Desktop head angles, for tests and the HUD. */
void xr_head_angles(const struct xr *x, float *out_yaw, float *out_pitch);

/* A headset: a haptic pulse on one controller (grab, snap into a socket,
 * a violation); nothing elsewhere. amplitude 0..1. */
void xr_haptic_pulse(struct xr *x, enum hand_side hand, float amplitude, float seconds);
/* A headset: the controllers' interaction profile ("oculus/touch_controller")
 * or "" while none is bound; NULL for the other backends. */
const char *xr_interaction_profile(const struct xr *x);
/* Asks the session to end (the app quits): a headset steps down to
 * EXITING over the next frames; the others end at once. */
void xr_request_exit(struct xr *x);
/* Why a session ended (EXITING or LOST), for the app's one line. */
const char *xr_end_reason(const struct xr *x);

/* Whether an OpenXR runtime is installed and answers. False with the reason
 * ("no runtime: XR_ERROR_RUNTIME_UNAVAILABLE …") otherwise. Cheap: creates
 * no instance. */
bool xr_openxr_available(char *why, size_t why_size);

#endif
