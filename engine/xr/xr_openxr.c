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
    snprintf(o->profile, sizeof o->profile, "%s", "");
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

const char *oxr_profile(const struct oxr *o)
{
    return o->profile;
}

const char *oxr_end_reason(const struct oxr *o)
{
    if (o->lost_why[0]) return o->lost_why;
    return o->exit_requested ? "the session ended as asked" : "";
}

/* ---- the frame API (xr.h) over this backend ---- */

struct xr *xr_create_openxr(const struct xr_desc *desc, char *why, size_t why_size)
{
    enum oxr_fail f = OXR_FAILED;
    struct oxr *o = oxr_create(desc, &f, why, why_size);
    if (!o) return NULL;
    struct xr_desc d = *desc;
    d.backend = XR_BACKEND_OPENXR;
    struct xr *x = xr_create(&d);
    x->oxr = o;
    return x;
}

bool xr_openxr_frame_begin(struct xr *x, struct xr_frame *out)
{
    bool ok = oxr_frame_begin(x->oxr, out);
    x->time_us = out->time_us;
    return ok;
}

void xr_openxr_frame_end(struct xr *x, const struct xr_frame *f)
{
    oxr_frame_end(x->oxr, f);
}

void xr_openxr_destroy(struct xr *x)
{
    oxr_destroy(&x->oxr);
}

void xr_openxr_set_head(struct xr *x, const struct pose *head)
{
    oxr_place_head(x->oxr, head);
}

void xr_haptic_pulse(struct xr *x, enum hand_side hand, float amplitude, float seconds)
{
    if (x && x->oxr) oxr_haptic(x->oxr, hand, amplitude, seconds);
}

const char *xr_interaction_profile(const struct xr *x)
{
    return x && x->oxr ? oxr_profile(x->oxr) : NULL;
}

void xr_request_exit(struct xr *x)
{
    if (x->oxr) oxr_request_exit(x->oxr);
    else x->exit_requested = true;
}

const char *xr_end_reason(const struct xr *x)
{
    return x->oxr ? oxr_end_reason(x->oxr) : "";
}
