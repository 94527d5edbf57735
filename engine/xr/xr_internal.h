/* xr_internal.h — backend state shared by xr_*.c; not part of the API. */
#ifndef PAJA_XR_INTERNAL_H
#define PAJA_XR_INTERNAL_H

#include "xr.h"

struct xr {
    struct xr_desc desc;
    uint64_t frame_index;
    int64_t time_us;
    uint64_t last_mono_ns; /* desktop: wall clock of the previous frame */
    vec3 head_position;
    float yaw, pitch;      /* desktop head angles, radians */
    struct oxr *oxr;       /* the OpenXR backend's state (xr_openxr.h) */
    bool exit_requested;   /* desktop/headless: xr_request_exit */
};

/* xr_openxr.c: the OpenXR backend behind the frame API */
bool xr_openxr_frame_begin(struct xr *x, struct xr_frame *out);
void xr_openxr_frame_end(struct xr *x, const struct xr_frame *f);
void xr_openxr_destroy(struct xr *x);
void xr_openxr_set_head(struct xr *x, const struct pose *head);

/* xr_desktop.c */
void xr_desktop_update(struct xr *x, const struct desk_input *in, float dt, struct xr_frame *out);

#endif
