/* app_xr.c — which xr backend drives `paja run`: a headset with --xr when
 * one can be used, else the desktop (or headless). The window's GLX context
 * comes from platform and goes to xr here: the two modules do not know each
 * other (DESIGN.md §3). */
#define LOG_TAG "app"
#include "app_xr.h"

#include "app.h"

#include "log.h"
#include "platform.h"

#include <stdio.h>
#include <string.h>

struct xr *app_xr_open(struct plat *plat, const struct xr_desc *base, bool want_headset, bool *out_headset)
{
    struct xr_desc xd = *base;
    char why[512] = "";
    *out_headset = false;
    if (want_headset) {
        struct plat_gl_native gl;
        struct xr *x = NULL;
        if (plat && plat_gl_native(plat, &gl, why, sizeof why)) {
            struct xr_desc hd = xd;
            hd.backend = XR_BACKEND_OPENXR;
            hd.near_m = APP_VIEW_NEAR_M;
            hd.far_m = APP_VIEW_FAR_M;
            hd.gl = (struct xr_gl_binding){.x_display = gl.display, .visual_id = gl.visual_id,
                                           .glx_fbconfig = gl.fbconfig, .glx_drawable = gl.drawable,
                                           .glx_context = gl.context};
            x = xr_create(&hd, why, sizeof why);
        } else if (!plat) {
            snprintf(why, sizeof why, "an OpenXR headset draws with paja's window, and --headless has none");
        }
        if (x) {
            *out_headset = true;
            return x;
        }
        /* One line, whatever went wrong: the loader's own messages are
         * silenced (xr_openxr_instance.c), this says what and what to do. */
        fprintf(stderr, "paja: --xr: %s; %s instead\n", why,
                base->backend == XR_BACKEND_HEADLESS ? "running headless" : "using the desktop");
    }
    return xr_create(&xd, why, sizeof why);
}
