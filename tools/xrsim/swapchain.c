/* xrsim: GL swapchains. Three textures per swapchain, acquired round robin;
 * each image goes acquire -> wait -> release, one waited image at a time,
 * and xrEndFrame uses each swapchain's last released image. GL calls run
 * with the application's context current (made current and restored if it
 * was not) and leave the texture binding as they found it. */
#include "xrsim.h"

#include <stdlib.h>
#include <string.h>

/* Runtime preference order: sRGB colour first (composition is linear and
 * only sRGB images are decoded), then linear colour, then depth. hello_xr
 * 1.0.20 picks the first one it knows (GL_RGBA8). */
static const struct {
    int64_t format;
    bool depth, srgb;
    GLenum base, type;
} formats[] = {
    {GL_SRGB8_ALPHA8, false, true, GL_RGBA, GL_UNSIGNED_BYTE},
    {GL_RGBA8, false, false, GL_RGBA, GL_UNSIGNED_BYTE},
    {GL_RGB10_A2, false, false, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV},
    {GL_RGBA16F, false, false, GL_RGBA, GL_HALF_FLOAT},
    {GL_SRGB8, false, true, GL_RGB, GL_UNSIGNED_BYTE},
    {GL_DEPTH_COMPONENT16, true, false, GL_DEPTH_COMPONENT, GL_UNSIGNED_SHORT},
    {GL_DEPTH_COMPONENT24, true, false, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT},
    {GL_DEPTH_COMPONENT32F, true, false, GL_DEPTH_COMPONENT, GL_FLOAT},
    {GL_DEPTH24_STENCIL8, true, false, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8},
    {GL_DEPTH32F_STENCIL8, true, false, GL_DEPTH_STENCIL, GL_FLOAT_32_UNSIGNED_INT_24_8_REV},
};
#define FORMAT_COUNT (sizeof formats / sizeof formats[0])

#define CHECK_SESSION(h)                                                                                               \
    struct xs_session *s = (struct xs_session *)(h);                                                                   \
    if (!xs_obj_live(s, XS_SESSION))                                                                                   \
    return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "XrSession %p is not a live session", (void *)s)
#define CHECK_SWAPCHAIN(h)                                                                                             \
    struct xs_swapchain *sc = (struct xs_swapchain *)(h);                                                              \
    if (!xs_obj_live(sc, XS_SWAPCHAIN))                                                                                \
    return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "XrSwapchain %p is not a live swapchain", (void *)sc)

XrResult XRAPI_CALL xrEnumerateSwapchainFormats(XrSession h, uint32_t capacity, uint32_t *count, int64_t *out)
{
    XS_ENTER("xrEnumerateSwapchainFormats");
    CHECK_SESSION(h);
    if (!count)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    *count = FORMAT_COUNT;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < FORMAT_COUNT)
        return xs_fail(XR_ERROR_SIZE_INSUFFICIENT, __func__, "capacity %u < %u", capacity, (unsigned)FORMAT_COUNT);
    for (size_t i = 0; i < FORMAT_COUNT; i++)
        out[i] = formats[i].format;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrCreateSwapchain(XrSession h, const XrSwapchainCreateInfo *info, XrSwapchain *out)
{
    XS_ENTER("xrCreateSwapchain");
    CHECK_SESSION(h);
    if (!info || !out || info->type != XR_TYPE_SWAPCHAIN_CREATE_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (s->lost) return XR_ERROR_SESSION_LOST;
    if (s->headless) return xs_fail(XR_ERROR_FUNCTION_UNSUPPORTED, __func__, "a headless session has no swapchains");
    size_t f = 0;
    while (f < FORMAT_COUNT && formats[f].format != info->format)
        f++;
    if (f == FORMAT_COUNT)
        return xs_fail(XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED, __func__,
                       "format 0x%llx is not in xrEnumerateSwapchainFormats' list", (unsigned long long)info->format);
    if (info->width == 0 || info->height == 0 || info->width > 4096 || info->height > 4096 || info->arraySize == 0 ||
        info->arraySize > 16 || info->faceCount != 1 || info->mipCount != 1 || info->sampleCount != 1)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "%ux%u array %u faces %u mips %u samples %u: xrsim makes 1..4096 sized, 1 face, 1 mip, 1 "
                       "sample images",
                       info->width, info->height, info->arraySize, info->faceCount, info->mipCount, info->sampleCount);
    struct xs_swapchain *sc = calloc(1, sizeof *sc);
    if (!sc) return XR_ERROR_OUT_OF_MEMORY;
    sc->session = s;
    sc->format = info->format;
    sc->width = info->width;
    sc->height = info->height;
    sc->array_size = info->arraySize;
    sc->depth = formats[f].depth;
    sc->srgb = formats[f].srgb;
    sc->is_static = info->createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT;
    sc->count = sc->is_static ? 1 : XS_MAX_IMAGES;
    sc->last_released = -1;
    sc->target = info->arraySize > 1 ? GL_TEXTURE_2D_ARRAY : GL_TEXTURE_2D;
    struct xs_gl_guard g;
    if (!xs_gl_begin(s, &g)) {
        free(sc);
        return xs_fail(XR_ERROR_RUNTIME_FAILURE, __func__, "no usable GL context to create textures in");
    }
    GLint bound = 0;
    xs_gl.GetIntegerv(sc->target == GL_TEXTURE_2D ? GL_TEXTURE_BINDING_2D : GL_TEXTURE_BINDING_2D_ARRAY, &bound);
    xs_gl.GenTextures((GLsizei)sc->count, sc->tex);
    for (uint32_t i = 0; i < sc->count; i++) {
        xs_gl.BindTexture(sc->target, sc->tex[i]);
        if (sc->target == GL_TEXTURE_2D)
            xs_gl.TexImage2D(GL_TEXTURE_2D, 0, (GLint)info->format, (GLsizei)info->width, (GLsizei)info->height, 0,
                             formats[f].base, formats[f].type, NULL);
        else
            xs_gl.TexImage3D(GL_TEXTURE_2D_ARRAY, 0, (GLint)info->format, (GLsizei)info->width, (GLsizei)info->height,
                             (GLsizei)info->arraySize, 0, formats[f].base, formats[f].type, NULL);
        xs_gl.TexParameteri(sc->target, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        xs_gl.TexParameteri(sc->target, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        xs_gl.TexParameteri(sc->target, GL_TEXTURE_MAX_LEVEL, 0);
    }
    xs_gl.BindTexture(sc->target, (GLuint)bound);
    GLenum err = xs_gl.GetError();
    xs_gl_end(&g);
    if (err != GL_NO_ERROR) {
        xs_log(XS_LOG_ERROR, "xrCreateSwapchain: GL error 0x%x creating %ux%u textures", err, info->width,
               info->height);
    }
    xs_obj_add(&sc->o, XS_SWAPCHAIN, s);
    xs_log(XS_LOG_INFO, "swapchain %ux%u x%u format 0x%llx (%s)", sc->width, sc->height, sc->array_size,
           (unsigned long long)sc->format,
           sc->depth  ? "depth"
           : sc->srgb ? "sRGB"
                      : "linear");
    *out = (XrSwapchain)sc;
    return XR_SUCCESS;
}

void xs_swapchain_free(struct xs_swapchain *sc)
{
    struct xs_gl_guard g;
    if (xs_gl_begin(sc->session, &g)) {
        xs_gl.DeleteTextures((GLsizei)sc->count, sc->tex);
        xs_gl_end(&g);
    }
    xs_obj_remove(&sc->o);
    free(sc);
}

XrResult XRAPI_CALL xrDestroySwapchain(XrSwapchain h)
{
    XS_ENTER("xrDestroySwapchain");
    CHECK_SWAPCHAIN(h);
    xs_swapchain_free(sc);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrEnumerateSwapchainImages(XrSwapchain h, uint32_t capacity, uint32_t *count,
                                               XrSwapchainImageBaseHeader *images)
{
    XS_ENTER("xrEnumerateSwapchainImages");
    CHECK_SWAPCHAIN(h);
    if (!count)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    *count = sc->count;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < sc->count)
        return xs_fail(XR_ERROR_SIZE_INSUFFICIENT, __func__, "capacity %u < %u images", capacity, sc->count);
    XrSwapchainImageOpenGLKHR *gl = (XrSwapchainImageOpenGLKHR *)images;
    for (uint32_t i = 0; i < sc->count; i++) {
        if (gl[i].type != XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR)
            return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                           "images[%u].type is %d, not XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR", i, (int)gl[i].type);
        gl[i].image = sc->tex[i];
    }
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrAcquireSwapchainImage(XrSwapchain h, const XrSwapchainImageAcquireInfo *info, uint32_t *index)
{
    XS_ENTER("xrAcquireSwapchainImage");
    CHECK_SWAPCHAIN(h);
    if ((info && info->type != XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO) || !index)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (sc->is_static && sc->static_used)
        return xs_fail(XR_ERROR_CALL_ORDER_INVALID, __func__, "a static swapchain's image is acquired only once");
    if (sc->queued == (int)sc->count)
        return xs_fail(XR_ERROR_CALL_ORDER_INVALID, __func__, "all %u images are acquired; release one first",
                       sc->count);
    int i = sc->next_image;
    sc->next_image = (sc->next_image + 1) % (int)sc->count;
    sc->queue[sc->queued++] = i;
    sc->static_used = sc->is_static;
    *index = (uint32_t)i;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrWaitSwapchainImage(XrSwapchain h, const XrSwapchainImageWaitInfo *info)
{
    XS_ENTER("xrWaitSwapchainImage");
    CHECK_SWAPCHAIN(h);
    if (!info || info->type != XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (sc->queued == 0)
        return xs_fail(XR_ERROR_CALL_ORDER_INVALID, __func__,
                       "no image is acquired; call xrAcquireSwapchainImage first");
    if (sc->head_waited)
        return xs_fail(XR_ERROR_CALL_ORDER_INVALID, __func__,
                       "image %d is already waited on; release it before waiting again", sc->queue[0]);
    sc->head_waited = true;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrReleaseSwapchainImage(XrSwapchain h, const XrSwapchainImageReleaseInfo *info)
{
    XS_ENTER("xrReleaseSwapchainImage");
    CHECK_SWAPCHAIN(h);
    if (info && info->type != XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (sc->queued == 0 || !sc->head_waited)
        return xs_fail(XR_ERROR_CALL_ORDER_INVALID, __func__,
                       "no image has been waited on; call xrWaitSwapchainImage before releasing");
    sc->last_released = sc->queue[0];
    memmove(sc->queue, sc->queue + 1, sizeof sc->queue[0] * (size_t)(--sc->queued));
    sc->head_waited = false;
    return XR_SUCCESS;
}

GLuint xs_swapchain_released_texture(struct xs_swapchain *sc)
{
    return sc->last_released >= 0 ? sc->tex[sc->last_released] : 0;
}
