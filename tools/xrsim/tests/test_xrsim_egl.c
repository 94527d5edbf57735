/* xrsim unit test: the EGL path (XR_MNDX_egl_enable) with a surfaceless Mesa
 * context, no X server: swapchains are created and read back with the
 * application's context, which xrsim makes current when it is not and then
 * restores (here: to none). */
#define XR_USE_PLATFORM_EGL
#include <EGL/egl.h>
#include <EGL/eglext.h>

#include "xrsim_test.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STBI_ONLY_PNG
#include <stb_image.h>

void test_egl_binding_swapchain_and_dump(void **state);

typedef void (*gen_fb_fn)(GLsizei, GLuint *);
typedef void (*bind_fb_fn)(GLenum, GLuint);
typedef void (*fb_tex_fn)(GLenum, GLenum, GLenum, GLuint, GLint);
typedef void (*clear_color_fn)(GLfloat, GLfloat, GLfloat, GLfloat);
typedef void (*clear_fn)(GLbitfield);
typedef void (*finish_fn)(void);

static bool egl_open(EGLDisplay *dpy, EGLConfig *cfg, EGLContext *ctx)
{
    PFNEGLGETPLATFORMDISPLAYEXTPROC get_display =
        (PFNEGLGETPLATFORMDISPLAYEXTPROC)eglGetProcAddress("eglGetPlatformDisplayEXT");
    if (!get_display) return false;
    *dpy = get_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
    if (*dpy == EGL_NO_DISPLAY || !eglInitialize(*dpy, NULL, NULL) || !eglBindAPI(EGL_OPENGL_API)) return false;
    EGLint attrs[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
    EGLint n = 0;
    if (!eglChooseConfig(*dpy, attrs, cfg, 1, &n) || n < 1) return false;
    EGLint cattrs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3, EGL_NONE};
    *ctx = eglCreateContext(*dpy, *cfg, EGL_NO_CONTEXT, cattrs);
    return *ctx != EGL_NO_CONTEXT && eglMakeCurrent(*dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, *ctx);
}

void test_egl_binding_swapchain_and_dump(void **state)
{
    (void)state;
    EGLDisplay dpy;
    EGLConfig cfg;
    EGLContext ctx;
    if (!egl_open(&dpy, &cfg, &ctx)) skip();
    char dir[300];
    snprintf(dir, sizeof dir, "%s/egl-eyes", xt_tmpdir());
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
    assert_int_equal(system(cmd), 0);
    setenv("XRSIM_DUMP_DIR", dir, 1);
    setenv("XRSIM_DUMP_FRAMES", "1", 1);
    setenv("XRSIM_CLOCK", "virtual", 1);
    XrInstance inst = xt_instance((const char *const[]){"XR_KHR_opengl_enable", "XR_MNDX_egl_enable"}, 2);
    unsetenv("XRSIM_DUMP_DIR");
    unsetenv("XRSIM_DUMP_FRAMES");
    XrSystemId sys = xt_system(inst);
    XrGraphicsRequirementsOpenGLKHR req = {XR_TYPE_GRAPHICS_REQUIREMENTS_OPENGL_KHR};
    assert_int_equal(xt.xrGetOpenGLGraphicsRequirementsKHR(inst, sys, &req), XR_SUCCESS);
    XrGraphicsBindingEGLMNDX b = {XR_TYPE_GRAPHICS_BINDING_EGL_MNDX, NULL, eglGetProcAddress, dpy, cfg, ctx};
    XrSessionCreateInfo ci = {XR_TYPE_SESSION_CREATE_INFO, &b, 0, sys};
    XrSession s;
    assert_int_equal(xt.xrCreateSession(inst, &ci, &s), XR_SUCCESS);

    /* xrsim makes the context current for its GL work and restores none */
    eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    XrSwapchainCreateInfo sci = {XR_TYPE_SWAPCHAIN_CREATE_INFO,
                                 NULL,
                                 0,
                                 XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT,
                                 0x8058 /* GL_RGBA8 */,
                                 1,
                                 8,
                                 4,
                                 1,
                                 1,
                                 1};
    XrSwapchain sc;
    assert_int_equal(xt.xrCreateSwapchain(s, &sci, &sc), XR_SUCCESS);
    assert_true(eglGetCurrentContext() == EGL_NO_CONTEXT);
    XrSwapchainImageOpenGLKHR img[3] = {{XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR},
                                        {XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR},
                                        {XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR}};
    uint32_t n, idx;
    assert_int_equal(xt.xrEnumerateSwapchainImages(sc, 3, &n, (XrSwapchainImageBaseHeader *)img), XR_SUCCESS);
    assert_int_equal(xt.xrAcquireSwapchainImage(sc, NULL, &idx), XR_SUCCESS);
    XrSwapchainImageWaitInfo wi = {XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO, NULL, XR_INFINITE_DURATION};
    assert_int_equal(xt.xrWaitSwapchainImage(sc, &wi), XR_SUCCESS);

    /* the application draws: the whole image red */
    assert_true(eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx));
    gen_fb_fn gen = (gen_fb_fn)eglGetProcAddress("glGenFramebuffers");
    bind_fb_fn bind = (bind_fb_fn)eglGetProcAddress("glBindFramebuffer");
    fb_tex_fn attach = (fb_tex_fn)eglGetProcAddress("glFramebufferTexture2D");
    clear_color_fn clear_color = (clear_color_fn)eglGetProcAddress("glClearColor");
    clear_fn clear = (clear_fn)eglGetProcAddress("glClear");
    finish_fn finish = (finish_fn)eglGetProcAddress("glFinish");
    GLuint fb;
    gen(1, &fb);
    bind(0x8D40, fb);
    attach(0x8D40, 0x8CE0, GL_TEXTURE_2D, img[idx].image, 0);
    clear_color(1, 0, 0, 1);
    clear(GL_COLOR_BUFFER_BIT);
    bind(0x8D40, 0);
    finish();
    eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    assert_int_equal(xt.xrReleaseSwapchainImage(sc, NULL), XR_SUCCESS);

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
        views[e].subImage.imageRect = (XrRect2Di){{e * 4, 0}, {4, 4}};
    }
    XrCompositionLayerProjection proj = {XR_TYPE_COMPOSITION_LAYER_PROJECTION, NULL, 0, local, 2, views};
    const XrCompositionLayerBaseHeader *layers[] = {(const XrCompositionLayerBaseHeader *)&proj};
    XrFrameEndInfo ei = {XR_TYPE_FRAME_END_INFO,           NULL, fs.predictedDisplayTime,
                         XR_ENVIRONMENT_BLEND_MODE_OPAQUE, 1,    layers};
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_SUCCESS);
    assert_true(eglGetCurrentContext() == EGL_NO_CONTEXT);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);

    char file[400];
    snprintf(file, sizeof file, "%s/frame-000001.png", dir);
    int w, h, c;
    unsigned char *px = stbi_load(file, &w, &h, &c, 3);
    assert_non_null(px);
    assert_int_equal(w, 8);
    assert_int_equal(px[0], 255);
    assert_int_equal(px[1], 0);
    assert_int_equal(px[(4 * 8 - 1) * 3], 255); /* the last pixel too: both eyes read */
    stbi_image_free(px);
    eglDestroyContext(dpy, ctx);
    eglTerminate(dpy);
}
