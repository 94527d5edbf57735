/* xrsim: the session and its state machine.
 *
 * IDLE and READY are queued at creation; after xrBeginSession the first
 * ended frames bring SYNCHRONIZED, VISIBLE and FOCUSED, one per frame. An
 * exit request (the application's, XRSIM_EXIT_AFTER_FRAMES or the control
 * channel's "exit") steps down to STOPPING; xrEndSession then gives IDLE and
 * EXITING. "lose" gives LOSS_PENDING. */
#include "xrsim.h"

#include <stdlib.h>
#include <string.h>

void xs_session_set_state(struct xs_session *s, XrSessionState st)
{
    if (s->state == st) return;
    xs_log(XS_LOG_INFO, "session state %s -> %s", xs_state_name(s->state), xs_state_name(st));
    s->state = st;
    XrEventDataSessionStateChanged ev = {XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED, NULL, (XrSession)s, st,
                                         s->last_predicted ? s->last_predicted : xs_now_ns()};
    xs_event_push(s->inst, &ev, sizeof ev);
}

#define CHECK_SESSION(h)                                                                                               \
    struct xs_session *s = (struct xs_session *)(h);                                                                   \
    if (!xs_obj_live(s, XS_SESSION))                                                                                   \
    return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "XrSession %p is not a live session", (void *)s)

static xs_fn glx_proc(const char *name)
{
    return glXGetProcAddressARB((const GLubyte *)name);
}

static PFNEGLGETPROCADDRESSPROC egl_get_proc;
static xs_fn egl_proc(const char *name)
{
    return egl_get_proc(name);
}

XrResult XRAPI_CALL xrCreateSession(XrInstance instance, const XrSessionCreateInfo *info, XrSession *out)
{
    XS_ENTER("xrCreateSession");
    struct xs_instance *inst = (struct xs_instance *)instance;
    if (!xs_obj_live(inst, XS_INSTANCE)) return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "instance is not live");
    if (!info || !out || info->type != XR_TYPE_SESSION_CREATE_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "createInfo or session NULL or of the wrong type");
    if (info->systemId != XS_SYSTEM_ID)
        return xs_fail(XR_ERROR_SYSTEM_INVALID, __func__, "systemId did not come from xrGetSystem");
    const XrGraphicsBindingOpenGLXlibKHR *xlib = NULL;
    const XrGraphicsBindingEGLMNDX *egl = NULL;
    for (const XrBaseInStructure *n = info->next; n; n = n->next)
        if (n->type == XR_TYPE_GRAPHICS_BINDING_OPENGL_XLIB_KHR)
            xlib = (const XrGraphicsBindingOpenGLXlibKHR *)n;
        else if (n->type == XR_TYPE_GRAPHICS_BINDING_EGL_MNDX && inst->ext_egl)
            egl = (const XrGraphicsBindingEGLMNDX *)n;
        else
            xs_log(XS_LOG_INFO, "xrCreateSession: ignoring chained structure type %d", (int)n->type);
    if (xlib && egl)
        return xs_fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, __func__, "both an Xlib and an EGL binding; give one");
    bool headless = !xlib && !egl && inst->ext_headless;
    if (!xlib && !egl && !headless)
        return xs_fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, __func__,
                       "no XrGraphicsBindingOpenGLXlibKHR (or, with XR_MNDX_egl_enable, XrGraphicsBindingEGLMNDX) "
                       "in the next chain, and XR_MND_headless is not enabled");
    if ((xlib || egl) && !inst->gl_requirements_known)
        return xs_fail(XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING, __func__,
                       "call xrGetOpenGLGraphicsRequirementsKHR before xrCreateSession");
    if (xlib && (!xlib->xDisplay || !xlib->glxContext))
        return xs_fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, __func__, "the Xlib binding has no display or no GLX context");
    if (egl && (!egl->getProcAddress || !egl->display || !egl->context))
        return xs_fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, __func__,
                       "the EGL binding lacks getProcAddress, display or context");
    if (inst->session)
        return xs_fail(XR_ERROR_LIMIT_REACHED, __func__, "xrsim runs one session at a time; destroy the first");
    struct xs_session *s = calloc(1, sizeof *s);
    if (!s) return XR_ERROR_OUT_OF_MEMORY;
    if (xlib) {
        /* visualid 0 and a NULL FBConfig are tolerated: nothing here needs them. */
        s->dpy = xlib->xDisplay;
        s->drawable = xlib->glxDrawable;
        s->ctx = xlib->glxContext;
        if (!xlib->visualid || !xlib->glxFBConfig)
            xs_log(XS_LOG_INFO, "xrCreateSession: Xlib binding without visualid or FBConfig (tolerated)");
        s->gl_ok = xs_gl_load(glx_proc);
    } else if (egl) {
        s->egl_dpy = egl->display;
        s->egl_ctx = egl->context;
        egl_get_proc = egl->getProcAddress;
        s->gl_ok = xs_gl_load(egl_proc);
    }
    s->headless = headless;
    s->inst = inst;
    struct xs_gl_guard g;
    if (s->gl_ok && xs_gl_begin(s, &g)) {
        /* which GL the eye images come from: tests compare them only on the same one */
        const GLubyte *renderer = xs_gl.GetString(GL_RENDERER), *version = xs_gl.GetString(GL_VERSION);
        xs_log(XS_LOG_INFO, "GL renderer: %s; version: %s", renderer ? (const char *)renderer : "?",
               version ? (const char *)version : "?");
        xs_gl_end(&g);
    }
    s->state = XR_SESSION_STATE_UNKNOWN;
    pthread_cond_init(&s->begun, NULL);
    xs_obj_add(&s->o, XS_SESSION, inst);
    inst->session = s;
    xs_session_set_state(s, XR_SESSION_STATE_IDLE);
    xs_session_set_state(s, XR_SESSION_STATE_READY);
    *out = (XrSession)s;
    return XR_SUCCESS;
}

void xs_session_destroy_children(struct xs_session *s)
{
    struct xs_obj *o;
    while ((o = xs_obj_child(s, XS_SPACE)))
        xs_space_free((struct xs_space *)o);
    while ((o = xs_obj_child(s, XS_SWAPCHAIN)))
        xs_swapchain_free((struct xs_swapchain *)o);
}

XrResult XRAPI_CALL xrDestroySession(XrSession h)
{
    XS_ENTER("xrDestroySession");
    CHECK_SESSION(h);
    if (s->running && !s->lost)
        xs_log(XS_LOG_WARN, "xrDestroySession: the session is still running (call xrEndSession first)");
    xs_session_destroy_children(s);
    s->inst->session = NULL;
    xs_obj_remove(&s->o);
    pthread_cond_destroy(&s->begun);
    free(s);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrBeginSession(XrSession h, const XrSessionBeginInfo *info)
{
    XS_ENTER("xrBeginSession");
    CHECK_SESSION(h);
    if (!info || info->type != XR_TYPE_SESSION_BEGIN_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (s->lost) return XR_SESSION_LOSS_PENDING;
    if (info->primaryViewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
        return xs_fail(XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED, __func__, "only PRIMARY_STEREO is offered");
    if (s->running) return xs_fail(XR_ERROR_SESSION_RUNNING, __func__, "the session is already running");
    if (s->state != XR_SESSION_STATE_READY)
        return xs_fail(XR_ERROR_SESSION_NOT_READY, __func__, "state is %s; wait for the READY event",
                       xs_state_name(s->state));
    s->running = true;
    s->waits = s->begins = s->ends = 0;
    s->in_frame = false;
    s->t0 = xs_now_ns();
    s->next_real_ns = s->t0;
    s->last_predicted = 0;
    s->dump_time_next = 0;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEndSession(XrSession h)
{
    XS_ENTER("xrEndSession");
    CHECK_SESSION(h);
    if (s->lost) return XR_SESSION_LOSS_PENDING;
    if (!s->running) return xs_fail(XR_ERROR_SESSION_NOT_RUNNING, __func__, "the session is not running");
    if (s->state != XR_SESSION_STATE_STOPPING)
        return xs_fail(XR_ERROR_SESSION_NOT_STOPPING, __func__,
                       "state is %s; end the session only after the STOPPING event", xs_state_name(s->state));
    s->running = false;
    s->in_frame = false;
    xs_session_set_state(s, XR_SESSION_STATE_IDLE);
    if (s->exit_requested) {
        xs_session_set_state(s, XR_SESSION_STATE_EXITING);
    } else {
        xs_session_set_state(s, XR_SESSION_STATE_READY);
    }
    return XR_SUCCESS;
}

void xs_session_request_exit(struct xs_session *s)
{
    s->exit_requested = true;
    if (s->state == XR_SESSION_STATE_FOCUSED) xs_session_set_state(s, XR_SESSION_STATE_VISIBLE);
    if (s->state == XR_SESSION_STATE_VISIBLE) xs_session_set_state(s, XR_SESSION_STATE_SYNCHRONIZED);
    xs_session_set_state(s, XR_SESSION_STATE_STOPPING);
}

XrResult XRAPI_CALL xrRequestExitSession(XrSession h)
{
    XS_ENTER("xrRequestExitSession");
    CHECK_SESSION(h);
    if (s->lost) return XR_SESSION_LOSS_PENDING;
    if (!s->running) return xs_fail(XR_ERROR_SESSION_NOT_RUNNING, __func__, "the session is not running");
    xs_log(XS_LOG_INFO, "the application requests exit after %llu frames", (unsigned long long)s->ends);
    xs_session_request_exit(s);
    return XR_SUCCESS;
}

/* Called at the end of each frame: advances the start-up states one per
 * frame and applies what the device (timeline, control channel) asked for. */
void xs_session_device_tick(struct xs_session *s)
{
    if (s->lost || !s->running) return;
    if (xs_dev.loss_request) {
        xs_dev.loss_request = false;
        s->lost = true;
        xs_session_set_state(s, XR_SESSION_STATE_LOSS_PENDING);
        return;
    }
    if (xs_dev.exit_request || (xs_cfg.exit_after_frames > 0 && s->ends == (uint64_t)xs_cfg.exit_after_frames)) {
        xs_dev.exit_request = false;
        if (s->state != XR_SESSION_STATE_STOPPING) {
            xs_log(XS_LOG_INFO, "runtime requests exit after %llu frames", (unsigned long long)s->ends);
            xs_session_request_exit(s);
        }
        return;
    }
    if (s->exit_requested) return;
    xs_action_update_profile(s);
    bool want_focus = !xs_dev.unfocused && !xs_cfg.focus_off;
    switch (s->state) {
    case XR_SESSION_STATE_READY: xs_session_set_state(s, XR_SESSION_STATE_SYNCHRONIZED); break;
    case XR_SESSION_STATE_SYNCHRONIZED: xs_session_set_state(s, XR_SESSION_STATE_VISIBLE); break;
    case XR_SESSION_STATE_VISIBLE:
        if (want_focus) xs_session_set_state(s, XR_SESSION_STATE_FOCUSED);
        break;
    case XR_SESSION_STATE_FOCUSED:
        if (!want_focus) xs_session_set_state(s, XR_SESSION_STATE_VISIBLE);
        break;
    default: break;
    }
    if (xs_dev.recenter) {
        xs_dev.recenter = false;
        XrEventDataReferenceSpaceChangePending ev = {XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING,
                                                     NULL,
                                                     (XrSession)s,
                                                     XR_REFERENCE_SPACE_TYPE_LOCAL,
                                                     s->last_predicted,
                                                     XR_TRUE,
                                                     {{0, 0, 0, 1}, {0, 0, 0}}};
        xs_event_push(s->inst, &ev, sizeof ev);
    }
}

/* ---- GL context guard ---- */

bool xs_gl_begin(struct xs_session *s, struct xs_gl_guard *g)
{
    memset(g, 0, sizeof *g);
    if (s->headless || !s->gl_ok) return false;
    if (s->egl_ctx) {
        g->egl = true;
        EGLContext cur = eglGetCurrentContext();
        if (cur == s->egl_ctx) return true;
        g->egl_dpy = eglGetCurrentDisplay();
        g->egl_draw = eglGetCurrentSurface(EGL_DRAW);
        g->egl_read = eglGetCurrentSurface(EGL_READ);
        g->egl_ctx = cur;
        if (!eglMakeCurrent(s->egl_dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, s->egl_ctx)) {
            xs_log(XS_LOG_ERROR, "cannot make the application's EGL context current (error 0x%x)", eglGetError());
            return false;
        }
        g->egl_dpy = g->egl_dpy ? g->egl_dpy : s->egl_dpy;
        g->switched = true;
        return true;
    }
    GLXContext cur = glXGetCurrentContext();
    if (cur == s->ctx) return true;
    g->dpy = glXGetCurrentDisplay();
    g->draw = glXGetCurrentDrawable();
    g->read = glXGetCurrentReadDrawable();
    g->ctx = cur;
    if (!glXMakeContextCurrent(s->dpy, s->drawable, s->drawable, s->ctx)) {
        xs_log(XS_LOG_ERROR, "cannot make the application's GLX context current");
        return false;
    }
    g->switched = true;
    return true;
}

void xs_gl_end(struct xs_gl_guard *g)
{
    if (!g->switched) return;
    if (g->egl) {
        if (g->egl_ctx)
            eglMakeCurrent(g->egl_dpy, g->egl_draw, g->egl_read, g->egl_ctx);
        else
            eglMakeCurrent(g->egl_dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        return;
    }
    if (g->ctx)
        glXMakeContextCurrent(g->dpy, g->draw, g->read, g->ctx);
    else
        glXMakeContextCurrent(glXGetCurrentDisplay(), None, None, NULL);
}
