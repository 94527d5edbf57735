/* xr_openxr_stub.c — stands in for the OpenXR backend (xr_openxr.c) until
 * it is built: creating it fails with the reason, so `paja run --xr` says
 * why in one line and falls back to the desktop. */
#include "xr_internal.h"

#include <stdio.h>

static bool create(struct xr *x, char *why, size_t why_size)
{
    (void)x;
    char probe[384] = "";
    if (!xr_openxr_available(probe, sizeof probe))
        snprintf(why, why_size, "%s", probe);
    else
        snprintf(why, why_size, "an OpenXR runtime is available, but this paja was built without headset support");
    return false;
}

static void destroy(struct xr *x)
{
    (void)x;
}

static void frame_begin(struct xr *x, struct xr_frame *out)
{
    (void)x;
    out->state = XR_STATE_LOST;
}

static void frame_end(struct xr *x, const struct xr_frame *f)
{
    (void)x;
    (void)f;
}

const struct xr_backend_ops xr_openxr_ops = {
    .name = "openxr",
    .create = create,
    .destroy = destroy,
    .frame_begin = frame_begin,
    .frame_end = frame_end,
};
