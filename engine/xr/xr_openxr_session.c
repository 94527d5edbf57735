/* xr_openxr_session.c — the session on the window's GL context, its life
 * cycle from xrPollEvent, and each frame's wait → begin … end.
 *
 * Rules kept here (reference/openxr.md §6, §10): the session begins on
 * READY and ends on STOPPING; LOSS_PENDING and EXITING are reported to the
 * app through the frame (it closes and seals the record and says why);
 * every xrWaitFrame is followed by xrBeginFrame and xrEndFrame in the same
 * app frame, so the runtime's next wait never blocks; success codes
 * (FRAME_DISCARDED, SESSION_LOSS_PENDING …) are not treated as failures. */
#define LOG_TAG "xr"
#include "xr_openxr.h"

#include "clock.h"
#include "log.h"

#include <stdio.h>
#include <string.h>

bool oxr_session_create(struct oxr *o, char *why, size_t why_size)
{
    /* The complete Xlib binding: some runtimes (Monado) refuse a zero
     * visual or FBConfig (reference §5). */
    XrGraphicsBindingOpenGLXlibKHR gl = {.type = XR_TYPE_GRAPHICS_BINDING_OPENGL_XLIB_KHR};
    gl.xDisplay = (Display *)o->desc.gl.x_display;
    gl.visualid = (uint32_t)o->desc.gl.visual_id;
    gl.glxFBConfig = (GLXFBConfig)o->desc.gl.glx_fbconfig;
    gl.glxDrawable = (GLXDrawable)o->desc.gl.glx_drawable;
    gl.glxContext = (GLXContext)o->desc.gl.glx_context;
    if (!gl.xDisplay || !gl.glxContext) {
        snprintf(why, why_size, "the window has no GLX context to share with the headset (an X11 session is "
                                "needed; on Wayland start paja with SDL_VIDEODRIVER=x11)");
        return false;
    }
    XrSessionCreateInfo ci = {.type = XR_TYPE_SESSION_CREATE_INFO, .next = &gl, .systemId = o->system};
    XrResult r = xrCreateSession(o->instance, &ci, &o->session);
    if (XR_FAILED(r)) {
        oxr_explain(o, "xrCreateSession", r, why, why_size);
        return false;
    }
    o->state = XR_SESSION_STATE_UNKNOWN;
    return true;
}

void oxr_session_stop(struct oxr *o)
{
    if (o->session == XR_NULL_HANDLE) return;
    /* A frame begun and not ended (the app left its loop mid-frame):
     * end it empty, so the runtime is not left waiting. */
    if (o->frame_begun) {
        oxr_swapchains_release(o);
        XrFrameEndInfo fe = {.type = XR_TYPE_FRAME_END_INFO, .displayTime = o->frame_state.predictedDisplayTime,
                             .environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE};
        xrEndFrame(o->session, &fe);
        o->frame_begun = false;
    }
    if (o->running) {
        /* Quitting while the headset still shows paja: ask, and follow
         * the runtime through STOPPING for a short while; then end
         * regardless (destroying a running session is allowed). */
        oxr_request_exit(o);
        for (int i = 0; i < 50 && o->running; i++) {
            oxr_poll_events(o);
            if (o->running) clock_sleep_ns(CLOCK_NS_PER_S / 100);
        }
    }
}

void oxr_session_destroy(struct oxr *o)
{
    if (o->session == XR_NULL_HANDLE) return;
    xrDestroySession(o->session);
    o->session = XR_NULL_HANDLE;
}

void oxr_request_exit(struct oxr *o)
{
    if (o->session == XR_NULL_HANDLE) return;
    o->exit_requested = true;
    if (o->running) oxr_check(o, xrRequestExitSession(o->session), "xrRequestExitSession");
}

enum xr_session_state oxr_app_state(const struct oxr *o)
{
    if (o->lost) return XR_STATE_LOST;
    /* paja asked to leave and nothing runs (any more, or yet): done. */
    if (o->exit_requested && !o->running) return XR_STATE_EXITING;
    switch (o->state) {
    case XR_SESSION_STATE_VISIBLE:
    case XR_SESSION_STATE_FOCUSED: return XR_STATE_RUNNING;
    case XR_SESSION_STATE_STOPPING: return XR_STATE_STOPPING;
    case XR_SESSION_STATE_EXITING: return XR_STATE_EXITING;
    case XR_SESSION_STATE_LOSS_PENDING: return XR_STATE_LOST;
    /* IDLE after running: stopped, waiting for READY again or EXITING. */
    case XR_SESSION_STATE_IDLE: return o->was_running ? XR_STATE_STOPPING : XR_STATE_STARTING;
    default: return XR_STATE_STARTING;
    }
}

static const char *state_name(XrSessionState s)
{
    switch (s) {
    case XR_SESSION_STATE_IDLE: return "IDLE";
    case XR_SESSION_STATE_READY: return "READY";
    case XR_SESSION_STATE_SYNCHRONIZED: return "SYNCHRONIZED";
    case XR_SESSION_STATE_VISIBLE: return "VISIBLE";
    case XR_SESSION_STATE_FOCUSED: return "FOCUSED";
    case XR_SESSION_STATE_STOPPING: return "STOPPING";
    case XR_SESSION_STATE_LOSS_PENDING: return "LOSS_PENDING";
    case XR_SESSION_STATE_EXITING: return "EXITING";
    default: return "UNKNOWN";
    }
}

/* Said once, as it happens; the app then closes and seals the record and
 * says so. */
static void session_lost(struct oxr *o, const char *why)
{
    if (o->lost) return;
    o->lost = true;
    snprintf(o->end_why, sizeof o->end_why, "%s", why);
    LOG_D("%s", o->end_why);
}

static void on_state(struct oxr *o, XrSessionState s)
{
    LOG_D("session %s -> %s", state_name(o->state), state_name(s));
    o->state = s;
    switch (s) {
    case XR_SESSION_STATE_READY: {
        XrSessionBeginInfo bi = {.type = XR_TYPE_SESSION_BEGIN_INFO,
                                 .primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
        XrResult r = xrBeginSession(o->session, &bi);
        if (XR_SUCCEEDED(r)) {
            o->running = true;
            o->was_running = true;
        } else {
            char why[256];
            oxr_explain(o, "xrBeginSession", r, why, sizeof why);
            session_lost(o, why);
        }
        break;
    }
    case XR_SESSION_STATE_STOPPING:
        oxr_check(o, xrEndSession(o->session), "xrEndSession");
        o->running = false;
        break;
    case XR_SESSION_STATE_EXITING:
        if (!o->exit_requested && !o->lost && !o->end_why[0])
            snprintf(o->end_why, sizeof o->end_why, "the headset's runtime ended the session");
        break;
    case XR_SESSION_STATE_LOSS_PENDING:
        session_lost(o, "the headset was lost (disconnected, or its runtime stopped)");
        break;
    default:
        break;
    }
}

void oxr_poll_events(struct oxr *o)
{
    for (;;) {
        XrEventDataBuffer ev = {.type = XR_TYPE_EVENT_DATA_BUFFER};
        XrResult r = xrPollEvent(o->instance, &ev);
        if (r == XR_EVENT_UNAVAILABLE) return;
        if (XR_FAILED(r)) {
            char why[256];
            oxr_explain(o, "xrPollEvent", r, why, sizeof why);
            session_lost(o, why);
            return;
        }
        switch (ev.type) {
        case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
            const XrEventDataSessionStateChanged *e = (const XrEventDataSessionStateChanged *)&ev;
            if (e->session == o->session) on_state(o, e->state);
            break;
        }
        case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
            session_lost(o, "the OpenXR runtime is going away (instance loss pending)");
            break;
        case XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED:
            o->profile_dirty = true;
            break;
        case XR_TYPE_EVENT_DATA_EVENTS_LOST: {
            const XrEventDataEventsLost *e = (const XrEventDataEventsLost *)&ev;
            LOG_W("the OpenXR runtime dropped %u events", e->lostEventCount);
            break;
        }
        case XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING:
            /* A recentre by the runtime: the spaces follow by themselves. */
            LOG_D("reference space change pending");
            break;
        default:
            break;
        }
    }
}

/* A frame in which nothing is shown: the session is not running (yet, or
 * any more). The app still runs its loop (window, menu, record). */
static void idle_frame(struct oxr *o, struct xr_frame *out)
{
    out->state = oxr_app_state(o);
    out->should_render = false;
    out->focused = false;
    out->time_us = o->last_time_ns > 0 ? (o->last_time_ns - o->first_time_ns) / 1000 : 0;
    out->head = o->last_head;
    for (uint32_t v = 0; v < 2; v++) {
        out->views[v] = o->last_views[v];
        out->views[v].color_texture = out->views[v].depth_texture = 0;
    }
    /* A real runtime needs a while to become READY: do not spin a core. */
    if (out->state == XR_STATE_STARTING || out->state == XR_STATE_STOPPING) clock_sleep_ns(CLOCK_NS_PER_S / 50);
}

void oxr_frame_begin(struct oxr *o, struct xr_frame *out)
{
    out->view_count = 2;
    oxr_poll_events(o);
    if (o->profile_dirty) oxr_input_profile_changed(o);
    if (!o->running || o->lost) {
        idle_frame(o, out);
        return;
    }
    o->frame_state = (XrFrameState){.type = XR_TYPE_FRAME_STATE};
    XrResult r = xrWaitFrame(o->session, NULL, &o->frame_state);
    if (XR_FAILED(r)) {
        char why[256];
        oxr_explain(o, "xrWaitFrame", r, why, sizeof why);
        if (r == XR_ERROR_SESSION_LOST) session_lost(o, why);
        else LOG_W("%s", why);
        idle_frame(o, out);
        return;
    }
    r = xrBeginFrame(o->session, NULL);
    if (XR_FAILED(r)) {
        char why[256];
        oxr_explain(o, "xrBeginFrame", r, why, sizeof why);
        if (r == XR_ERROR_SESSION_LOST) session_lost(o, why);
        else LOG_W("%s", why);
        idle_frame(o, out);
        return;
    }
    /* r may be XR_FRAME_DISCARDED (success): the frame is ours anyway. */
    o->frame_begun = true;

    /* Frame time from the runtime's clock: the predicted display time of
     * the first frame is 0, so scenario time is what the trainee sees. */
    int64_t t = o->frame_state.predictedDisplayTime;
    if (o->first_time_ns == 0) o->first_time_ns = t;
    out->time_us = (t - o->first_time_ns) / 1000;
    o->last_time_ns = t;

    out->state = oxr_app_state(o);
    out->focused = o->state == XR_SESSION_STATE_FOCUSED;
    out->should_render = o->frame_state.shouldRender == XR_TRUE;
    if (!oxr_locate_views(o, out)) out->should_render = false;
    oxr_input_update(o, out);
    if (out->should_render && !oxr_swapchains_acquire(o, out)) out->should_render = false;
}

void oxr_frame_end(struct oxr *o, const struct xr_frame *f)
{
    if (!o->frame_begun) return;
    bool layer = f->should_render && o->colour[0].held && o->colour[1].held;
    oxr_swapchains_release(o);
    XrCompositionLayerProjection proj = {.type = XR_TYPE_COMPOSITION_LAYER_PROJECTION, .space = o->world,
                                         .viewCount = 2, .views = o->proj_views};
    const XrCompositionLayerBaseHeader *layers[1] = {(const XrCompositionLayerBaseHeader *)&proj};
    XrFrameEndInfo fe = {.type = XR_TYPE_FRAME_END_INFO,
                         .displayTime = o->frame_state.predictedDisplayTime,
                         .environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE,
                         .layerCount = layer ? 1 : 0,
                         .layers = layer ? layers : NULL};
    XrResult r = xrEndFrame(o->session, &fe);
    o->frame_begun = false;
    if (XR_FAILED(r)) {
        char why[256];
        oxr_explain(o, "xrEndFrame", r, why, sizeof why);
        if (r == XR_ERROR_SESSION_LOST) session_lost(o, why);
        else LOG_W("%s", why);
    }
}
