/* xrsim unit tests: negotiation, instance, the session state machine, the
 * frame loop's error codes and swapchain image order. Input tests are in
 * test_xrsim_input.c. */
#include "xrsim_test.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>
#include <semaphore.h>

#define GL_RGBA8_ 0x8058
#define GL_DEPTH_COMPONENT24_ 0x81A6

static const char *const headless[] = {"XR_MND_headless"};

/* ---- negotiation and GIPA ---- */

static void test_negotiation_checks_the_loader_structs(void **state)
{
    (void)state;
    struct {
        int32_t type;
        uint32_t version;
        size_t size;
        uint32_t min_if, max_if;
        XrVersion min_api, max_api;
    } li = {1, 1, 40, 1, 1, XR_MAKE_VERSION(1, 0, 0), XR_MAKE_VERSION(1, 0x3ff, 0xfff)};
    struct {
        int32_t type;
        uint32_t version;
        size_t size;
        uint32_t rif;
        XrVersion api;
        PFN_xrGetInstanceProcAddr g;
    } rr = {3, 1, 40, 0, 0, NULL};
    li.size = 32;
    assert_int_equal(xt_negotiate()(&li, &rr), XR_ERROR_INITIALIZATION_FAILED);
    li.size = 40;
    li.min_if = li.max_if = 2; /* an interface xrsim does not speak */
    assert_int_equal(xt_negotiate()(&li, &rr), XR_ERROR_INITIALIZATION_FAILED);
    li.min_if = li.max_if = 1;
    assert_int_equal(xt_negotiate()(&li, &rr), XR_SUCCESS);
    assert_int_equal(rr.rif, 1);
    assert_int_equal(XR_VERSION_MAJOR(rr.api), 1);
    assert_non_null(rr.g);
}

static void test_gipa_rules(void **state)
{
    (void)state;
    XrInstance inst = xt_instance(headless, 1);
    PFN_xrVoidFunction fn = (PFN_xrVoidFunction)1;
    assert_int_equal(xt_gipa(XR_NULL_HANDLE, "xrCreateSession", &fn), XR_ERROR_HANDLE_INVALID);
    assert_null(fn);
    assert_int_equal(xt_gipa(inst, "xrNoSuchFunction", &fn), XR_ERROR_FUNCTION_UNSUPPORTED);
    /* an extension the instance did not enable */
    assert_int_equal(xt_gipa(inst, "xrSetInputDeviceStateFloatEXT", &fn), XR_ERROR_FUNCTION_UNSUPPORTED);
    assert_int_equal(xt_gipa(inst, "xrWaitFrame", &fn), XR_SUCCESS);
    assert_non_null(fn);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
}

static void test_instance_refusals(void **state)
{
    (void)state;
    XrInstance inst = xt_instance(NULL, 0);
    PFN_xrCreateInstance create = NULL;
    xt_gipa(XR_NULL_HANDLE, "xrCreateInstance", (PFN_xrVoidFunction *)&create);
    /* one instance at a time */
    XrInstanceCreateInfo ci = {XR_TYPE_INSTANCE_CREATE_INFO};
    ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
    XrInstance second;
    assert_int_equal(create(&ci, &second), XR_ERROR_LIMIT_REACHED);
    XrSystemGetInfo gi = {XR_TYPE_SYSTEM_GET_INFO, NULL, XR_FORM_FACTOR_HANDHELD_DISPLAY};
    XrSystemId id;
    assert_int_equal(xt.xrGetSystem(inst, &gi, &id), XR_ERROR_FORM_FACTOR_UNSUPPORTED);
    uint32_t n = 0;
    XrExtensionProperties props[1] = {{XR_TYPE_EXTENSION_PROPERTIES}};
    assert_int_equal(xt.xrEnumerateInstanceExtensionProperties(NULL, 0, &n, NULL), XR_SUCCESS);
    assert_true(n > 1);
    assert_int_equal(xt.xrEnumerateInstanceExtensionProperties(NULL, 1, &n, props), XR_ERROR_SIZE_INSUFFICIENT);
    XrPath p;
    assert_int_equal(xt.xrStringToPath(inst, "/user/hand//left", &p), XR_ERROR_PATH_FORMAT_INVALID);
    assert_int_equal(xt.xrStringToPath(inst, "/User/hand/left", &p), XR_ERROR_PATH_FORMAT_INVALID);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
    ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 1, 0);
    assert_int_equal(create(&ci, &second), XR_ERROR_API_VERSION_UNSUPPORTED);
    const char *unknown[] = {"XR_FB_passthrough"};
    ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
    ci.enabledExtensionCount = 1;
    ci.enabledExtensionNames = unknown;
    assert_int_equal(create(&ci, &second), XR_ERROR_EXTENSION_NOT_PRESENT);
}

/* ---- the session state machine ---- */

static void test_session_states_through_a_whole_life(void **state)
{
    (void)state;
    setenv("XRSIM_CLOCK", "virtual", 1);
    XrInstance inst = xt_instance(headless, 1);
    XrSession s = xt_headless_session(inst);
    XrSessionState st[16];
    assert_int_equal(xt_drain_states(inst, st, 16, NULL), 2);
    assert_int_equal(st[0], XR_SESSION_STATE_IDLE);
    assert_int_equal(st[1], XR_SESSION_STATE_READY);

    XrFrameState fs = {XR_TYPE_FRAME_STATE};
    assert_int_equal(xt.xrWaitFrame(s, NULL, &fs), XR_ERROR_SESSION_NOT_RUNNING);
    assert_int_equal(xt.xrEndSession(s), XR_ERROR_SESSION_NOT_RUNNING);
    assert_int_equal(xt.xrRequestExitSession(s), XR_ERROR_SESSION_NOT_RUNNING);
    XrSessionBeginInfo bi = {XR_TYPE_SESSION_BEGIN_INFO, NULL, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
    assert_int_equal(xt.xrBeginSession(s, &bi), XR_SUCCESS);
    assert_int_equal(xt.xrBeginSession(s, &bi), XR_ERROR_SESSION_RUNNING);
    assert_int_equal(xt.xrEndSession(s), XR_ERROR_SESSION_NOT_STOPPING);

    /* not visible yet: nothing to render */
    assert_int_equal(xt.xrWaitFrame(s, NULL, &fs), XR_SUCCESS);
    assert_false(fs.shouldRender);
    assert_int_equal(xt.xrBeginFrame(s, NULL), XR_SUCCESS);
    XrFrameEndInfo ei = {XR_TYPE_FRAME_END_INFO, NULL, fs.predictedDisplayTime, XR_ENVIRONMENT_BLEND_MODE_OPAQUE};
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_SUCCESS);
    assert_int_equal(xt_drain_states(inst, st, 16, NULL), 1);
    assert_int_equal(st[0], XR_SESSION_STATE_SYNCHRONIZED);
    assert_int_equal(xt_frame(s, NULL), XR_SUCCESS);
    assert_int_equal(xt_drain_states(inst, st, 16, NULL), 1);
    assert_int_equal(st[0], XR_SESSION_STATE_VISIBLE);
    assert_int_equal(xt.xrWaitFrame(s, NULL, &fs), XR_SUCCESS);
    assert_true(fs.shouldRender);
    assert_int_equal(xt.xrBeginFrame(s, NULL), XR_SUCCESS);
    ei.displayTime = fs.predictedDisplayTime;
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_SUCCESS);
    assert_int_equal(xt_drain_states(inst, st, 16, NULL), 1);
    assert_int_equal(st[0], XR_SESSION_STATE_FOCUSED);

    assert_int_equal(xt.xrRequestExitSession(s), XR_SUCCESS);
    assert_int_equal(xt_drain_states(inst, st, 16, NULL), 3);
    assert_int_equal(st[0], XR_SESSION_STATE_VISIBLE);
    assert_int_equal(st[1], XR_SESSION_STATE_SYNCHRONIZED);
    assert_int_equal(st[2], XR_SESSION_STATE_STOPPING);
    assert_int_equal(xt.xrEndSession(s), XR_SUCCESS);
    assert_int_equal(xt_drain_states(inst, st, 16, NULL), 2);
    assert_int_equal(st[0], XR_SESSION_STATE_IDLE);
    assert_int_equal(st[1], XR_SESSION_STATE_EXITING);
    assert_int_equal(xt.xrDestroySession(s), XR_SUCCESS);
    assert_int_equal(xt.xrDestroySession(s), XR_ERROR_HANDLE_INVALID);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
}

static void test_runtime_exit_after_frames(void **state)
{
    (void)state;
    setenv("XRSIM_EXIT_AFTER_FRAMES", "5", 1);
    XrInstance inst = xt_instance(headless, 1);
    unsetenv("XRSIM_EXIT_AFTER_FRAMES");
    XrSession s = xt_headless_session(inst);
    xt_run_to_focused(inst, s);
    XrSessionState st[16];
    int n = 0;
    for (int i = 0; i < 5 && n == 0; i++) {
        assert_int_equal(xt_frame(s, NULL), XR_SUCCESS);
        n = xt_drain_states(inst, st, 16, NULL);
    }
    assert_int_equal(n, 3);
    assert_int_equal(st[2], XR_SESSION_STATE_STOPPING);
    assert_int_equal(xt.xrEndSession(s), XR_SUCCESS);
    assert_int_equal(xt_drain_states(inst, st, 16, NULL), 2);
    assert_int_equal(st[1], XR_SESSION_STATE_EXITING);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
}

/* ---- the frame loop ---- */

static void test_frame_loop_order_errors(void **state)
{
    (void)state;
    setenv("XRSIM_CLOCK", "virtual", 1);
    XrInstance inst = xt_instance(headless, 1);
    XrSession s = xt_headless_session(inst);
    XrSessionBeginInfo bi = {XR_TYPE_SESSION_BEGIN_INFO, NULL, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
    assert_int_equal(xt.xrBeginSession(s, &bi), XR_SUCCESS);
    XrFrameEndInfo ei = {XR_TYPE_FRAME_END_INFO, NULL, 1, XR_ENVIRONMENT_BLEND_MODE_OPAQUE};
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_ERROR_CALL_ORDER_INVALID);
    assert_int_equal(xt.xrBeginFrame(s, NULL), XR_ERROR_CALL_ORDER_INVALID);

    XrFrameState fs = {XR_TYPE_FRAME_STATE};
    assert_int_equal(xt.xrWaitFrame(s, NULL, &fs), XR_SUCCESS);
    /* the period is the display rate's; times move on by one period a frame */
    assert_int_equal(fs.predictedDisplayPeriod, 11111111);
    XrTime first = fs.predictedDisplayTime;
    assert_int_equal(xt.xrBeginFrame(s, NULL), XR_SUCCESS);
    assert_int_equal(xt.xrWaitFrame(s, NULL, &fs), XR_SUCCESS);
    assert_int_equal(fs.predictedDisplayTime - first, 11111111);
    /* the previous frame was never ended */
    assert_int_equal(xt.xrBeginFrame(s, NULL), XR_FRAME_DISCARDED);

    ei.displayTime = 0;
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_ERROR_TIME_INVALID);
    ei.displayTime = fs.predictedDisplayTime;
    ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_ADDITIVE;
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED);
    ei.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    const XrCompositionLayerBaseHeader *layers[17] = {NULL};
    ei.layerCount = 17;
    ei.layers = layers;
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_ERROR_LAYER_LIMIT_EXCEEDED);
    ei.layerCount = 1;
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_ERROR_LAYER_INVALID);
    XrCompositionLayerProjection proj = {XR_TYPE_COMPOSITION_LAYER_PROJECTION};
    XrReferenceSpaceCreateInfo rs = {
        XR_TYPE_REFERENCE_SPACE_CREATE_INFO, NULL, XR_REFERENCE_SPACE_TYPE_LOCAL, {{0, 0, 0, 1}, {0, 0, 0}}};
    assert_int_equal(xt.xrCreateReferenceSpace(s, &rs, &proj.space), XR_SUCCESS);
    proj.viewCount = 1;
    XrCompositionLayerProjectionView views[2] = {{XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW},
                                                 {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW}};
    proj.views = views;
    layers[0] = (const XrCompositionLayerBaseHeader *)&proj;
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_ERROR_VALIDATION_FAILURE); /* stereo needs 2 views */
    proj.viewCount = 2;
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_ERROR_HANDLE_INVALID); /* no swapchain */
    /* 0 layers is a valid frame */
    ei.layerCount = 0;
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_SUCCESS);
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_ERROR_CALL_ORDER_INVALID);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
}

static void test_locate_views_and_spaces(void **state)
{
    (void)state;
    XrInstance inst = xt_instance(headless, 1);
    XrSession s = xt_headless_session(inst);
    XrSpace stage, local, view;
    XrReferenceSpaceCreateInfo rs = {
        XR_TYPE_REFERENCE_SPACE_CREATE_INFO, NULL, XR_REFERENCE_SPACE_TYPE_STAGE, {{0, 0, 0, 1}, {0, 0, 0}}};
    assert_int_equal(xt.xrCreateReferenceSpace(s, &rs, &stage), XR_SUCCESS);
    rs.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
    assert_int_equal(xt.xrCreateReferenceSpace(s, &rs, &local), XR_SUCCESS);
    rs.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
    assert_int_equal(xt.xrCreateReferenceSpace(s, &rs, &view), XR_SUCCESS);
    rs.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_UNBOUNDED_MSFT;
    XrSpace other;
    assert_int_equal(xt.xrCreateReferenceSpace(s, &rs, &other), XR_ERROR_REFERENCE_SPACE_UNSUPPORTED);
    XrSpaceLocation loc = {XR_TYPE_SPACE_LOCATION};
    assert_int_equal(xt.xrLocateSpace(local, stage, 0, &loc), XR_ERROR_TIME_INVALID);
    assert_int_equal(xt.xrLocateSpace(local, stage, 1, &loc), XR_SUCCESS);
    /* LOCAL is 1.6 m above the floor; the head starts there */
    assert_float_equal(loc.pose.position.y, 1.6f, 1e-5);
    assert_int_equal(xt.xrLocateSpace(view, local, 1, &loc), XR_SUCCESS);
    assert_float_equal(loc.pose.position.y, 0.0f, 1e-5);
    assert_true(loc.locationFlags & XR_SPACE_LOCATION_POSITION_TRACKED_BIT);

    XrViewLocateInfo vi = {XR_TYPE_VIEW_LOCATE_INFO, NULL, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 1, local};
    XrViewState vs = {XR_TYPE_VIEW_STATE};
    XrView v[2] = {{XR_TYPE_VIEW}, {XR_TYPE_VIEW}};
    uint32_t n = 0;
    assert_int_equal(xt.xrLocateViews(s, &vi, &vs, 1, &n, v), XR_ERROR_SIZE_INSUFFICIENT);
    assert_int_equal(xt.xrLocateViews(s, &vi, &vs, 2, &n, v), XR_SUCCESS);
    assert_int_equal(n, 2);
    /* the eyes are an IPD apart, the fields of view mirror each other and are wider outward */
    assert_float_equal(v[1].pose.position.x - v[0].pose.position.x, 0.063f, 1e-5);
    assert_float_equal(v[0].fov.angleLeft, -v[1].fov.angleRight, 1e-6);
    assert_true(-v[0].fov.angleLeft > v[0].fov.angleRight);
    assert_true(vs.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
}

/* ---- swapchains (GL, under Xvfb) ---- */

static void test_swapchain_image_order_and_layers(void **state)
{
    (void)state;
    XrGraphicsBindingOpenGLXlibKHR b;
    if (!xt_gl_open(&b)) skip();
    const char *ext[] = {"XR_KHR_opengl_enable", "XR_KHR_composition_layer_depth"};
    setenv("XRSIM_CLOCK", "virtual", 1);
    XrInstance inst = xt_instance(ext, 2);
    XrSessionCreateInfo ci = {XR_TYPE_SESSION_CREATE_INFO, &b, 0, xt_system(inst)};
    XrSession s;
    assert_int_equal(xt.xrCreateSession(inst, &ci, &s), XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING);
    XrGraphicsRequirementsOpenGLKHR req = {XR_TYPE_GRAPHICS_REQUIREMENTS_OPENGL_KHR};
    assert_int_equal(xt.xrGetOpenGLGraphicsRequirementsKHR(inst, ci.systemId, &req), XR_SUCCESS);
    b.visualid = 0; /* tolerated, as SDL gives none */
    assert_int_equal(xt.xrCreateSession(inst, &ci, &s), XR_SUCCESS);

    uint32_t nf = 0;
    int64_t formats[16];
    assert_int_equal(xt.xrEnumerateSwapchainFormats(s, 16, &nf, formats), XR_SUCCESS);
    assert_int_equal(formats[0], 0x8C43); /* GL_SRGB8_ALPHA8 first */
    XrSwapchainCreateInfo sci = {
        XR_TYPE_SWAPCHAIN_CREATE_INFO, NULL, 0, XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT, GL_RGBA8_, 1, 64, 32, 1, 1, 1};
    XrSwapchain sc, depth;
    assert_int_equal(xt.xrCreateSwapchain(s, &sci, &sc), XR_SUCCESS);
    sci.format = GL_DEPTH_COMPONENT24_;
    sci.usageFlags = XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
    assert_int_equal(xt.xrCreateSwapchain(s, &sci, &depth), XR_SUCCESS);
    sci.format = 0x1234;
    XrSwapchain bad;
    assert_int_equal(xt.xrCreateSwapchain(s, &sci, &bad), XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED);

    uint32_t n = 0;
    XrSwapchainImageOpenGLKHR img[3] = {{XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR},
                                        {XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR},
                                        {XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR}};
    assert_int_equal(xt.xrEnumerateSwapchainImages(sc, 3, &n, (XrSwapchainImageBaseHeader *)img), XR_SUCCESS);
    assert_int_equal(n, 3);
    assert_true(img[0].image != 0 && img[1].image != img[0].image);

    XrSwapchainImageWaitInfo wi = {XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO, NULL, XR_INFINITE_DURATION};
    uint32_t idx;
    assert_int_equal(xt.xrWaitSwapchainImage(sc, &wi), XR_ERROR_CALL_ORDER_INVALID); /* nothing acquired */
    assert_int_equal(xt.xrReleaseSwapchainImage(sc, NULL), XR_ERROR_CALL_ORDER_INVALID);
    assert_int_equal(xt.xrAcquireSwapchainImage(sc, NULL, &idx), XR_SUCCESS);
    assert_int_equal(idx, 0);
    /* released before it was waited on */
    assert_int_equal(xt.xrReleaseSwapchainImage(sc, NULL), XR_ERROR_CALL_ORDER_INVALID);
    assert_int_equal(xt.xrAcquireSwapchainImage(sc, NULL, &idx), XR_SUCCESS);
    assert_int_equal(xt.xrAcquireSwapchainImage(sc, NULL, &idx), XR_SUCCESS);
    assert_int_equal(xt.xrAcquireSwapchainImage(sc, NULL, &idx), XR_ERROR_CALL_ORDER_INVALID); /* all 3 out */
    assert_int_equal(xt.xrWaitSwapchainImage(sc, &wi), XR_SUCCESS);
    assert_int_equal(xt.xrWaitSwapchainImage(sc, &wi), XR_ERROR_CALL_ORDER_INVALID); /* one waited at a time */

    XrSessionBeginInfo bi = {XR_TYPE_SESSION_BEGIN_INFO, NULL, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
    assert_int_equal(xt.xrBeginSession(s, &bi), XR_SUCCESS);
    XrSpace local;
    XrReferenceSpaceCreateInfo rs = {
        XR_TYPE_REFERENCE_SPACE_CREATE_INFO, NULL, XR_REFERENCE_SPACE_TYPE_LOCAL, {{0, 0, 0, 1}, {0, 0, 0}}};
    assert_int_equal(xt.xrCreateReferenceSpace(s, &rs, &local), XR_SUCCESS);
    XrFrameState fs = {XR_TYPE_FRAME_STATE};
    assert_int_equal(xt.xrWaitFrame(s, NULL, &fs), XR_SUCCESS);
    assert_int_equal(xt.xrBeginFrame(s, NULL), XR_SUCCESS);
    XrCompositionLayerProjectionView views[2] = {{XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW},
                                                 {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW}};
    for (int e = 0; e < 2; e++) {
        views[e].pose.orientation.w = 1;
        views[e].subImage.swapchain = sc;
        views[e].subImage.imageRect.offset.x = e * 32;
        views[e].subImage.imageRect.extent.width = 32;
        views[e].subImage.imageRect.extent.height = 32;
    }
    XrCompositionLayerProjection proj = {XR_TYPE_COMPOSITION_LAYER_PROJECTION, NULL, 0, local, 2, views};
    const XrCompositionLayerBaseHeader *layers[] = {(const XrCompositionLayerBaseHeader *)&proj};
    XrFrameEndInfo ei = {XR_TYPE_FRAME_END_INFO,           NULL, fs.predictedDisplayTime,
                         XR_ENVIRONMENT_BLEND_MODE_OPAQUE, 1,    layers};
    /* no image of the swapchain has been released yet */
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_ERROR_LAYER_INVALID);
    assert_int_equal(xt.xrReleaseSwapchainImage(sc, NULL), XR_SUCCESS);
    views[1].subImage.imageRect.offset.x = 40; /* 40 + 32 > 64 */
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_ERROR_SWAPCHAIN_RECT_INVALID);
    views[1].subImage.imageRect.offset.x = 32;
    /* depth chained onto each view (XR_KHR_composition_layer_depth) */
    assert_int_equal(xt.xrAcquireSwapchainImage(depth, NULL, &idx), XR_SUCCESS);
    assert_int_equal(xt.xrWaitSwapchainImage(depth, &wi), XR_SUCCESS);
    assert_int_equal(xt.xrReleaseSwapchainImage(depth, NULL), XR_SUCCESS);
    XrCompositionLayerDepthInfoKHR di[2];
    for (int e = 0; e < 2; e++) {
        di[e] = (XrCompositionLayerDepthInfoKHR){
            XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR, NULL, views[e].subImage, 0.0f, 1.0f, 0.05f, 100.0f};
        di[e].subImage.swapchain = depth;
        views[e].next = &di[e];
    }
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_SUCCESS);
    assert_int_equal(xt.xrDestroySwapchain(sc), XR_SUCCESS);
    assert_int_equal(xt.xrDestroySwapchain(sc), XR_ERROR_HANDLE_INVALID);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
    xt_gl_close();
}

/* ---- xrWaitFrame on its own thread, as pipelined engines do ---- */

struct waiter {
    XrSession s;
    sem_t waited;
    XrTime times[20];
    XrResult results[20];
};

static void *wait_loop(void *arg)
{
    struct waiter *w = arg;
    for (int i = 0; i < 20; i++) {
        XrFrameState fs = {XR_TYPE_FRAME_STATE};
        /* from the second frame on this wait comes before the render thread
         * began the previous frame: it blocks until that xrBeginFrame */
        w->results[i] = xt.xrWaitFrame(w->s, NULL, &fs);
        w->times[i] = fs.predictedDisplayTime;
        sem_post(&w->waited);
    }
    return NULL;
}

static void test_wait_frame_on_another_thread(void **state)
{
    (void)state;
    setenv("XRSIM_CLOCK", "virtual", 1);
    XrInstance inst = xt_instance(headless, 1);
    struct waiter w = {xt_headless_session(inst)};
    sem_init(&w.waited, 0, 0);
    XrSessionBeginInfo bi = {XR_TYPE_SESSION_BEGIN_INFO, NULL, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
    assert_int_equal(xt.xrBeginSession(w.s, &bi), XR_SUCCESS);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, wait_loop, &w), 0);
    for (int i = 0; i < 20; i++) {
        sem_wait(&w.waited);
        assert_int_equal(xt.xrBeginFrame(w.s, NULL), XR_SUCCESS); /* never FRAME_DISCARDED */
        XrFrameEndInfo ei = {XR_TYPE_FRAME_END_INFO, NULL, w.times[i], XR_ENVIRONMENT_BLEND_MODE_OPAQUE};
        assert_int_equal(xt.xrEndFrame(w.s, &ei), XR_SUCCESS);
    }
    pthread_join(th, NULL);
    for (int i = 0; i < 20; i++) {
        assert_int_equal(w.results[i], XR_SUCCESS);
        if (i) assert_int_equal(w.times[i] - w.times[i - 1], 11111111);
    }
    sem_destroy(&w.waited);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
}

/* ---- misuse is explained; XRSIM_LOG=debug traces every call ---- */

static void test_misuse_is_explained_and_calls_traced(void **state)
{
    (void)state;
    char log[300];
    snprintf(log, sizeof log, "%s/xrsim.log", xt_tmpdir());
    remove(log);
    setenv("XRSIM_LOG_FILE", log, 1);
    setenv("XRSIM_LOG", "debug", 1);
    XrInstance inst = xt_instance(headless, 1);
    XrSession s = xt_headless_session(inst);
    XrSessionBeginInfo bi = {XR_TYPE_SESSION_BEGIN_INFO, NULL, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
    assert_int_equal(xt.xrBeginSession(s, &bi), XR_SUCCESS);
    XrFrameEndInfo ei = {XR_TYPE_FRAME_END_INFO, NULL, 1, XR_ENVIRONMENT_BLEND_MODE_OPAQUE};
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_ERROR_CALL_ORDER_INVALID);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
    setenv("XRSIM_LOG", "error", 1);
    unsetenv("XRSIM_LOG_FILE");
    xt_instance(NULL, 0); /* closes the log file */
    FILE *f = fopen(log, "r");
    assert_non_null(f);
    char text[16384];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = 0;
    fclose(f);
    assert_non_null(strstr(text, "xrsim debug: call xrBeginSession"));
    assert_non_null(strstr(text, "xrsim warn: xrEndFrame -> XR_ERROR_CALL_ORDER_INVALID: xrEndFrame without a matching "
                                 "xrBeginFrame"));
}

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The real clock paces: frame k's wait never returns before k - 1 periods
 * after the session began (an absolute sleep never wakes early), and the
 * predicted times move on by at least a period. Lower bounds only, so the
 * test holds on a machine of any speed and load. */
static void test_real_clock_paces_frames(void **state)
{
    (void)state;
    setenv("XRSIM_CLOCK", "real", 1);
    setenv("XRSIM_RATE", "200", 1); /* 5 ms: a short test */
    XrInstance inst = xt_instance(headless, 1);
    unsetenv("XRSIM_RATE");
    setenv("XRSIM_CLOCK", "virtual", 1);
    XrSession s = xt_headless_session(inst);
    XrSessionBeginInfo bi = {XR_TYPE_SESSION_BEGIN_INFO, NULL, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
    int64_t begun = mono_ns();
    assert_int_equal(xt.xrBeginSession(s, &bi), XR_SUCCESS);
    XrTime prev = 0;
    const int64_t period = 5000000;
    for (int i = 1; i <= 5; i++) {
        XrTime t;
        assert_int_equal(xt_frame(s, &t), XR_SUCCESS);
        assert_true(mono_ns() - begun >= (i - 1) * period);
        if (prev) assert_true(t - prev >= period);
        prev = t;
    }
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
}

/* input tests (test_xrsim_input.c) */
void test_actions_profiles_and_states(void **state);
void test_timeline_interpolates_head_and_fires_exit(void **state);
void test_control_channel_drives_input_and_loss(void **state);
void test_control_pause_and_step(void **state);
void test_timeline_focus_recenter_and_controller_off(void **state);
void test_dump_encodes_linear_images(void **state);
void test_egl_binding_swapchain_and_dump(void **state);

int main(void)
{
    unsetenv("XRSIM_CONTROL");
    unsetenv("XRSIM_SCRIPT");
    unsetenv("XRSIM_PROFILE");
    setenv("XRSIM_LOG", "error", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_negotiation_checks_the_loader_structs),
        cmocka_unit_test(test_gipa_rules),
        cmocka_unit_test(test_instance_refusals),
        cmocka_unit_test(test_session_states_through_a_whole_life),
        cmocka_unit_test(test_runtime_exit_after_frames),
        cmocka_unit_test(test_frame_loop_order_errors),
        cmocka_unit_test(test_locate_views_and_spaces),
        cmocka_unit_test(test_swapchain_image_order_and_layers),
        cmocka_unit_test(test_wait_frame_on_another_thread),
        cmocka_unit_test(test_misuse_is_explained_and_calls_traced),
        cmocka_unit_test(test_real_clock_paces_frames),
        cmocka_unit_test(test_actions_profiles_and_states),
        cmocka_unit_test(test_timeline_interpolates_head_and_fires_exit),
        cmocka_unit_test(test_timeline_focus_recenter_and_controller_off),
        cmocka_unit_test(test_control_channel_drives_input_and_loss),
        cmocka_unit_test(test_control_pause_and_step),
        cmocka_unit_test(test_dump_encodes_linear_images),
        cmocka_unit_test(test_egl_binding_swapchain_and_dump),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
