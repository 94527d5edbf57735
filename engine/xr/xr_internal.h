/* xr_internal.h — the backend interface behind xr.h; not part of the API.
 *
 * Each backend is one const struct xr_backend_ops and a state struct of its
 * own, hung on struct xr's impl. xr_frame.c does what every backend shares:
 * frame numbering and dt, the play-space origin (backends report poses in
 * their play space, floor at y = 0, and xr_frame.c places them in the
 * world), the head angles, and the pairing of frame_begin with frame_end.
 * No code outside a backend's own file asks which backend it is. */
#ifndef PAJA_XR_INTERNAL_H
#define PAJA_XR_INTERNAL_H

#include "xr.h"

struct xr_backend_ops {
    const char *name;
    /* Sets x->impl to the backend's state. False with a one-line reason in
     * why (then destroy is not called). x->desc is already defaulted. */
    bool (*create)(struct xr *x, char *why, size_t why_size);
    void (*destroy)(struct xr *x); /* NULL: x->impl is freed, nothing more */
    /* Fills out (zeroed by the caller; index and window input set) with:
     * time_us (since the session started), state, should_render, focused,
     * head, views (poses, fovs, pixel sizes, acquired images) and hands, all
     * in play space. Must not fail: trouble is a state (LOST). */
    void (*frame_begin)(struct xr *x, struct xr_frame *out);
    /* Releases what frame_begin acquired and submits; f is what
     * frame_begin filled (views in world space: use the backend's own
     * play-space copies for submission). */
    void (*frame_end)(struct xr *x, const struct xr_frame *f);
    /* Optional (NULL = not supported). */
    void (*set_head)(struct xr *x, const struct pose *head_in_play); /* desktop/headless */
    void (*haptic)(struct xr *x, enum hand_side hand, float amplitude, float seconds);
    /* NULL: frame_begin reports EXITING from the next frame on. */
    void (*request_exit)(struct xr *x);
    const char *(*end_reason)(const struct xr *x);
    void (*info)(const struct xr *x, struct xr_info *out); /* after the common defaults */
};

extern const struct xr_backend_ops xr_desktop_ops;
extern const struct xr_backend_ops xr_headless_ops;
extern const struct xr_backend_ops xr_openxr_ops; /* xr_openxr.c */

struct xr {
    struct xr_desc desc;
    const struct xr_backend_ops *ops;
    void *impl;                 /* the backend's own state */
    uint64_t frame_index;
    int64_t last_time_us;       /* the previous frame's time_us, for dt */
    struct pose origin;         /* world_from_play */
    struct pose last_head;      /* world space, for xr_head_angles */
    struct desk_input window;   /* the window's latest input (xr_set_window_input) */
    bool have_window;
    bool exit_requested;        /* for backends without request_exit */
};

/* Shared by the desktop and headless backends: a single view of the
 * desc's vertical field of view at w x h pixels, eye at head. */
void xr_mono_view(const struct xr *x, const struct pose *head, int w, int h, struct xr_frame *out);

#endif
