/* xr_openxr.c — the OpenXR backend's entry points: start in the order
 * OpenXR needs (instance, system, requirements, session on the window's
 * GL context, spaces, swapchains, actions), end in reverse. A start that
 * fails at any step undoes what it made and says why in one line. */
#define LOG_TAG "xr"
#include "xr_openxr.h"
#include "xr_internal.h"

#include "arena.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void oxr_destroy(struct oxr **po)
{
    struct oxr *o = *po;
    if (!o) return;
    if (o->session != XR_NULL_HANDLE) {
        /* The session's children first; destroying the session would take
         * them too, but explicit order keeps validation quiet. */
        oxr_session_stop(o);
        oxr_swapchains_destroy(o);
        oxr_input_destroy(o);
        oxr_spaces_destroy(o);
        oxr_session_destroy(o);
    }
    oxr_input_destroy(o);
    if (o->instance != XR_NULL_HANDLE) xrDestroyInstance(o->instance);
    free(o);
    *po = NULL;
}

struct oxr *oxr_create(const struct xr_desc *desc, enum oxr_fail *fail, char *why, size_t why_size)
{
    struct oxr *o = xcalloc(1, sizeof *o);
    o->desc = *desc;
    enum oxr_fail f = oxr_instance_create(o, why, why_size);
    if (f == OXR_OK) {
        f = OXR_FAILED;
        if (oxr_input_create(o, why, why_size) && oxr_session_create(o, why, why_size) &&
            oxr_spaces_create(o, why, why_size) && oxr_swapchains_create(o, why, why_size) &&
            oxr_input_attach(o, why, why_size))
            f = OXR_OK;
    }
    if (fail) *fail = f;
    if (f != OXR_OK) {
        oxr_destroy(&o);
        return NULL;
    }
    return o;
}


/* ---- the backend behind xr.h (xr_internal.h's ops) ---- */

static bool create(struct xr *x, char *why, size_t why_size)
{
    enum oxr_fail f = OXR_FAILED;
    struct oxr *o = oxr_create(&x->desc, &f, why, why_size);
    x->impl = o;
    return o != NULL;
}

static void destroy(struct xr *x)
{
    struct oxr *o = x->impl;
    oxr_destroy(&o);
    x->impl = NULL;
}

static void frame_begin(struct xr *x, struct xr_frame *out)
{
    oxr_frame_begin(x->impl, out);
}

static void frame_end(struct xr *x, const struct xr_frame *f)
{
    oxr_frame_end(x->impl, f);
}

static void haptic(struct xr *x, enum hand_side hand, float amplitude, float seconds)
{
    oxr_haptic(x->impl, hand, amplitude, seconds);
}

static void request_exit(struct xr *x)
{
    oxr_request_exit(x->impl);
}

static const char *end_reason(const struct xr *x)
{
    const struct oxr *o = x->impl;
    return o->end_why;
}

static void info(const struct xr *x, struct xr_info *out)
{
    const struct oxr *o = x->impl;
    out->has_screen = false;
    out->external_images = true;
    out->paced = true;
    snprintf(out->device, sizeof out->device, "openxr: %.40s / %.40s", o->runtime_name, o->system_name);
    snprintf(out->input, sizeof out->input, "%.95s", o->profile[0] ? o->profile : "none");
}

const struct xr_backend_ops xr_openxr_ops = {
    .name = "openxr",
    .create = create,
    .destroy = destroy,
    .frame_begin = frame_begin,
    .frame_end = frame_end,
    .haptic = haptic,
    .request_exit = request_exit,
    .end_reason = end_reason,
    .info = info,
};
