/* app_xr.h — choosing the frame source for `paja run` (app_xr.c). */
#ifndef PAJA_APP_XR_H
#define PAJA_APP_XR_H

#include "xr.h"

#include <stdbool.h>

struct plat;

/* With want_headset, the OpenXR backend on plat's window (its GLX context);
 * when that cannot start, one line on stderr says why and base's backend
 * (desktop or headless) is used. NULL only when base's backend fails too
 * (the reason logged). *out_headset: whether a headset is used. */
struct xr *app_xr_open(struct plat *plat, const struct xr_desc *base, bool want_headset, bool *out_headset);

#endif
