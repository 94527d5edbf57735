/* Fixture of xrsim's unit tests (see xrsim_test.h). */
#include "xrsim_test.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct xt_api xt;
PFN_xrGetInstanceProcAddr xt_gipa;

xt_negotiate_fn xt_negotiate(void)
{
    static void *lib;
    if (!lib) {
        lib = dlopen(XRSIM_LIBRARY, RTLD_NOW | RTLD_LOCAL);
        if (!lib) fail_msg("cannot load %s: %s", XRSIM_LIBRARY, dlerror());
    }
    xt_negotiate_fn fn;
    *(void **)&fn = dlsym(lib, "xrNegotiateLoaderRuntimeInterface");
    assert_non_null(fn);
    return fn;
}

struct loader_info {
    int32_t type;
    uint32_t version;
    size_t size;
    uint32_t min_if, max_if;
    XrVersion min_api, max_api;
};
struct runtime_request {
    int32_t type;
    uint32_t version;
    size_t size;
    uint32_t runtime_if;
    XrVersion runtime_api;
    PFN_xrGetInstanceProcAddr gipa;
};

static void load_gipa(void)
{
    if (xt_gipa) return;
    struct loader_info li = {1, 1, sizeof li, 1, 1, XR_MAKE_VERSION(1, 0, 0), XR_MAKE_VERSION(1, 0x3ff, 0xfff)};
    struct runtime_request rr = {3, 1, sizeof rr, 0, 0, NULL};
    assert_int_equal(xt_negotiate()(&li, &rr), XR_SUCCESS);
    xt_gipa = rr.gipa;
}

XrInstance xt_instance(const char *const *extensions, uint32_t count)
{
    /* a test that failed half-way left its instance: xrsim allows one */
    static XrInstance previous;
    if (previous && xt.xrDestroyInstance) xt.xrDestroyInstance(previous);
    load_gipa();
    PFN_xrCreateInstance create;
    assert_int_equal(xt_gipa(XR_NULL_HANDLE, "xrCreateInstance", (PFN_xrVoidFunction *)&create), XR_SUCCESS);
    XrInstanceCreateInfo ci = {XR_TYPE_INSTANCE_CREATE_INFO};
    snprintf(ci.applicationInfo.applicationName, sizeof ci.applicationInfo.applicationName, "xrsim-test");
    ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 20);
    ci.enabledExtensionCount = count;
    ci.enabledExtensionNames = extensions;
    XrInstance inst = XR_NULL_HANDLE;
    assert_int_equal(create(&ci, &inst), XR_SUCCESS);
    previous = inst;
#define XT_LOAD(name) xt_gipa(inst, #name, (PFN_xrVoidFunction *)&xt.name);
    XT_FUNCS(XT_LOAD)
#undef XT_LOAD
    return inst;
}

XrSystemId xt_system(XrInstance inst)
{
    XrSystemGetInfo gi = {XR_TYPE_SYSTEM_GET_INFO, NULL, XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY};
    XrSystemId id = 0;
    assert_int_equal(xt.xrGetSystem(inst, &gi, &id), XR_SUCCESS);
    return id;
}

XrSession xt_headless_session(XrInstance inst)
{
    XrSessionCreateInfo ci = {XR_TYPE_SESSION_CREATE_INFO, NULL, 0, xt_system(inst)};
    XrSession s = XR_NULL_HANDLE;
    assert_int_equal(xt.xrCreateSession(inst, &ci, &s), XR_SUCCESS);
    return s;
}

int xt_drain_states(XrInstance inst, XrSessionState *states, int max, int *others)
{
    int n = 0;
    XrEventDataBuffer ev = {XR_TYPE_EVENT_DATA_BUFFER};
    while (xt.xrPollEvent(inst, &ev) == XR_SUCCESS) {
        if (ev.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
            if (n < max) states[n] = ((XrEventDataSessionStateChanged *)&ev)->state;
            n++;
        } else if (others) {
            (*others)++;
        }
        ev.type = XR_TYPE_EVENT_DATA_BUFFER;
    }
    return n;
}

XrResult xt_frame(XrSession s, XrTime *predicted)
{
    XrFrameState fs = {XR_TYPE_FRAME_STATE};
    XrResult r = xt.xrWaitFrame(s, NULL, &fs);
    if (XR_FAILED(r)) return r;
    if (predicted) *predicted = fs.predictedDisplayTime;
    r = xt.xrBeginFrame(s, NULL);
    if (XR_FAILED(r)) return r;
    XrFrameEndInfo ei = {XR_TYPE_FRAME_END_INFO,           NULL, fs.predictedDisplayTime,
                         XR_ENVIRONMENT_BLEND_MODE_OPAQUE, 0,    NULL};
    return xt.xrEndFrame(s, &ei);
}

void xt_run_to_focused(XrInstance inst, XrSession s)
{
    XrSessionBeginInfo bi = {XR_TYPE_SESSION_BEGIN_INFO, NULL, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
    assert_int_equal(xt.xrBeginSession(s, &bi), XR_SUCCESS);
    XrSessionState st[16];
    for (int i = 0; i < 10; i++) {
        assert_int_equal(xt_frame(s, NULL), XR_SUCCESS);
        int n = xt_drain_states(inst, st, 16, NULL);
        if (n > 0 && st[n - 1] == XR_SESSION_STATE_FOCUSED) return;
    }
    fail_msg("the session never became FOCUSED");
}

/* ---- GL ---- */

static Display *dpy;
static GLXContext ctx;
static GLXPbuffer pbuf;

bool xt_gl_open(XrGraphicsBindingOpenGLXlibKHR *b)
{
    if (!getenv("DISPLAY") || !(dpy = XOpenDisplay(NULL))) return false;
    int attrs[] = {GLX_DRAWABLE_TYPE, GLX_PBUFFER_BIT, GLX_RENDER_TYPE, GLX_RGBA_BIT, GLX_RED_SIZE, 8, None};
    int n = 0;
    GLXFBConfig *cfg = glXChooseFBConfig(dpy, DefaultScreen(dpy), attrs, &n);
    if (!cfg || n == 0) {
        XCloseDisplay(dpy);
        return false;
    }
    int pattrs[] = {GLX_PBUFFER_WIDTH, 16, GLX_PBUFFER_HEIGHT, 16, None};
    pbuf = glXCreatePbuffer(dpy, cfg[0], pattrs);
    ctx = glXCreateNewContext(dpy, cfg[0], GLX_RGBA_TYPE, NULL, True);
    assert_non_null(ctx);
    assert_true(glXMakeContextCurrent(dpy, pbuf, pbuf, ctx));
    memset(b, 0, sizeof *b);
    b->type = XR_TYPE_GRAPHICS_BINDING_OPENGL_XLIB_KHR;
    b->xDisplay = dpy;
    b->glxFBConfig = cfg[0];
    b->glxDrawable = pbuf;
    b->glxContext = ctx;
    XFree(cfg);
    return true;
}

void xt_gl_close(void)
{
    if (!dpy) return;
    glXMakeContextCurrent(dpy, None, None, NULL);
    glXDestroyContext(dpy, ctx);
    glXDestroyPbuffer(dpy, pbuf);
    XCloseDisplay(dpy);
    dpy = NULL;
}

const char *xt_tmpdir(void)
{
    static char dir[256];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "%s/xrsim-unit", XRSIM_TEST_TMP);
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
        assert_int_equal(system(cmd), 0);
    }
    return dir;
}
