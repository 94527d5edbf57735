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
};

/* xr_desktop.c */
void xr_desktop_update(struct xr *x, const struct desk_input *in, float dt, struct xr_frame *out);

#endif
