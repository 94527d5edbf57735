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

enum xr_backend { XR_BACKEND_DESKTOP, XR_BACKEND_HEADLESS };

struct xr_view {
    struct pose pose; /* eye in world space */
    struct fov fov;
};

struct xr_frame {
    uint64_t index;       /* 0 for the first frame */
    int64_t time_us;      /* frame time since the session started */
    int64_t dt_us;        /* since the previous frame */
    uint32_t view_count;  /* 1 on desktop/headless, 2 in a headset */
    struct xr_view views[2];
    struct hand_input hands[HAND_COUNT];
    int width, height;    /* pixels per view */
};

struct xr_desc {
    enum xr_backend backend;
    struct pose start_head;   /* where the head starts */
    float vertical_fov;       /* radians; default 70 degrees */
    int64_t fixed_step_us;    /* headless step; default 1/90 s */
    float move_speed;         /* metres per second; default 1.4 (walking) */
    float look_sensitivity;   /* radians per pixel; default 0.0025 */
};

struct xr;

struct xr *xr_create(const struct xr_desc *desc);
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

/* Whether an OpenXR runtime is installed and answers. False with the reason
 * ("no runtime: XR_ERROR_RUNTIME_UNAVAILABLE …") otherwise. Cheap: creates
 * no instance. */
bool xr_openxr_available(char *why, size_t why_size);

#endif
