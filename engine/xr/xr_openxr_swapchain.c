/* xr_openxr_swapchain.c — one colour and (with the depth layer) one depth
 * swapchain per eye, 2D textures (runtimes that refuse arrays, SteamVR on
 * Linux, take these), and the projection views that point into them.
 *
 * Colour: GL_SRGB8_ALPHA8 first. paja's shaders write sRGB-encoded values
 * with GL_FRAMEBUFFER_SRGB off, so the bytes are sRGB either way; only an
 * sRGB format tells the compositor so (the "washed out" bug, reference §11).
 * The format comes from the runtime's own list, never assumed. */
#define LOG_TAG "xr"
#include "xr_openxr.h"

#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t oxr_pick_format(const int64_t *have, uint32_t have_n, const int64_t *want, size_t want_n)
{
    for (size_t w = 0; w < want_n; w++)
        for (uint32_t h = 0; h < have_n; h++)
            if (have[h] == want[w]) return want[w];
    return 0;
}

static bool create_one(struct oxr *o, struct oxr_swapchain *sc, int64_t format, XrSwapchainUsageFlags usage,
                       const XrViewConfigurationView *vc, char *why, size_t why_size)
{
    XrSwapchainCreateInfo ci = {.type = XR_TYPE_SWAPCHAIN_CREATE_INFO,
                                .usageFlags = usage,
                                .format = format,
                                .sampleCount = 1,
                                .width = vc->recommendedImageRectWidth,
                                .height = vc->recommendedImageRectHeight,
                                .faceCount = 1,
                                .arraySize = 1,
                                .mipCount = 1};
    XrResult r = xrCreateSwapchain(o->session, &ci, &sc->handle);
    if (XR_FAILED(r)) {
        oxr_explain(o, "xrCreateSwapchain", r, why, why_size);
        return false;
    }
    sc->format = format;
    sc->width = (int32_t)ci.width;
    sc->height = (int32_t)ci.height;
    uint32_t n = 0;
    r = xrEnumerateSwapchainImages(sc->handle, 0, &n, NULL);
    if (XR_FAILED(r) || n == 0 || n > OXR_MAX_IMAGES) {
        if (XR_FAILED(r)) oxr_explain(o, "xrEnumerateSwapchainImages", r, why, why_size);
        else snprintf(why, why_size, "the runtime's swapchain has %u images (paja takes 1 to %d)", n, OXR_MAX_IMAGES);
        return false;
    }
    XrSwapchainImageOpenGLKHR img[OXR_MAX_IMAGES];
    for (uint32_t i = 0; i < n; i++) img[i] = (XrSwapchainImageOpenGLKHR){.type = XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR};
    r = xrEnumerateSwapchainImages(sc->handle, n, &n, (XrSwapchainImageBaseHeader *)img);
    if (XR_FAILED(r)) {
        oxr_explain(o, "xrEnumerateSwapchainImages", r, why, why_size);
        return false;
    }
    sc->image_count = n;
    for (uint32_t i = 0; i < n; i++) sc->images[i] = img[i].image;
    return true;
}

bool oxr_swapchains_create(struct oxr *o, char *why, size_t why_size)
{
    uint32_t n = 0;
    XrResult r = xrEnumerateSwapchainFormats(o->session, 0, &n, NULL);
    if (XR_FAILED(r) || n == 0) {
        if (XR_FAILED(r)) oxr_explain(o, "xrEnumerateSwapchainFormats", r, why, why_size);
        else snprintf(why, why_size, "the OpenXR runtime offers no swapchain formats");
        return false;
    }
    int64_t *have = calloc(n, sizeof *have);
    r = xrEnumerateSwapchainFormats(o->session, n, &n, have);
    static const int64_t colour_want[] = {OXR_GL_SRGB8_ALPHA8, OXR_GL_RGBA8};
    static const int64_t depth_want[] = {OXR_GL_DEPTH_COMPONENT24, OXR_GL_DEPTH_COMPONENT32F,
                                         OXR_GL_DEPTH24_STENCIL8, OXR_GL_DEPTH_COMPONENT16};
    int64_t colour = XR_SUCCEEDED(r) ? oxr_pick_format(have, n, colour_want, 2) : 0;
    int64_t depth = XR_SUCCEEDED(r) && o->has_depth_layer ? oxr_pick_format(have, n, depth_want, 4) : 0;
    free(have);
    if (!colour) {
        snprintf(why, why_size, "the OpenXR runtime offers neither GL_SRGB8_ALPHA8 nor GL_RGBA8 swapchains");
        return false;
    }
    if (colour != OXR_GL_SRGB8_ALPHA8)
        LOG_W("the headset's runtime offers no sRGB swapchain; colours may look pale in the headset");
    for (uint32_t v = 0; v < o->view_count; v++) {
        if (!create_one(o, &o->colour[v], colour, XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_SAMPLED_BIT,
                        &o->view_config[v], why, why_size))
            return false;
        /* Without a depth swapchain gfx draws with its own depth buffer
         * and the runtime composes without depth, which is allowed. */
        if (depth && !create_one(o, &o->depth[v], depth, XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT,
                                 &o->view_config[v], why, why_size)) {
            LOG_W("%s; the headset gets no depth layer", why);
            depth = 0;
        }
    }
    if (!depth) {
        for (uint32_t v = 0; v < o->view_count; v++)
            if (o->depth[v].handle != XR_NULL_HANDLE) xrDestroySwapchain(o->depth[v].handle);
        memset(o->depth, 0, sizeof o->depth);
    }
    LOG_D("swapchains: colour 0x%llx, depth 0x%llx, %dx%d per eye", (unsigned long long)colour,
          (unsigned long long)depth, o->colour[0].width, o->colour[0].height);
    return true;
}

void oxr_swapchains_destroy(struct oxr *o)
{
    for (uint32_t v = 0; v < 2; v++) {
        if (o->colour[v].handle != XR_NULL_HANDLE) xrDestroySwapchain(o->colour[v].handle);
        if (o->depth[v].handle != XR_NULL_HANDLE) xrDestroySwapchain(o->depth[v].handle);
    }
    memset(o->colour, 0, sizeof o->colour);
    memset(o->depth, 0, sizeof o->depth);
}

static bool acquire(struct oxr *o, struct oxr_swapchain *sc)
{
    XrSwapchainImageAcquireInfo ai = {.type = XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
    if (!oxr_check(o, xrAcquireSwapchainImage(sc->handle, &ai, &sc->acquired), "xrAcquireSwapchainImage"))
        return false;
    sc->held = true;
    XrSwapchainImageWaitInfo wi = {.type = XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO, .timeout = XR_INFINITE_DURATION};
    XrResult r = xrWaitSwapchainImage(sc->handle, &wi);
    /* TIMEOUT_EXPIRED is a success code; with an infinite timeout it does
     * not come, and if it did the image is not ours yet. */
    return oxr_check(o, r, "xrWaitSwapchainImage") && r != XR_TIMEOUT_EXPIRED;
}

bool oxr_swapchains_acquire(struct oxr *o, struct xr_frame *out)
{
    for (uint32_t v = 0; v < o->view_count; v++) {
        struct oxr_swapchain *c = &o->colour[v], *d = &o->depth[v];
        if (!acquire(o, c)) return false;
        if (d->handle != XR_NULL_HANDLE && !acquire(o, d)) return false;
        out->views[v].width = c->width;
        out->views[v].height = c->height;
        out->views[v].color_texture = c->images[c->acquired];
        out->views[v].depth_texture = d->handle != XR_NULL_HANDLE ? d->images[d->acquired] : 0;

        XrCompositionLayerProjectionView *pv = &o->proj_views[v];
        *pv = (XrCompositionLayerProjectionView){.type = XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
        pv->pose = o->views[v].pose;
        pv->fov = o->views[v].fov;
        pv->subImage.swapchain = c->handle;
        pv->subImage.imageRect.extent.width = c->width;
        pv->subImage.imageRect.extent.height = c->height;
        if (d->handle != XR_NULL_HANDLE) {
            /* The depth layer on every projection view (the extension's
             * rule), with paja's clip planes: gfx draws forward Z. */
            XrCompositionLayerDepthInfoKHR *di = &o->depth_info[v];
            *di = (XrCompositionLayerDepthInfoKHR){.type = XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR};
            di->subImage.swapchain = d->handle;
            di->subImage.imageRect.extent.width = d->width;
            di->subImage.imageRect.extent.height = d->height;
            di->minDepth = 0.0f;
            di->maxDepth = 1.0f;
            di->nearZ = o->desc.near_m > 0.0f ? o->desc.near_m : OXR_NEAR_M;
            di->farZ = o->desc.far_m > o->desc.near_m ? o->desc.far_m : OXR_FAR_M;
            pv->next = di;
        }
    }
    return true;
}

void oxr_swapchains_release(struct oxr *o)
{
    for (uint32_t v = 0; v < 2; v++) {
        struct oxr_swapchain *s[2] = {&o->colour[v], &o->depth[v]};
        for (int k = 0; k < 2; k++) {
            if (!s[k]->held) continue;
            XrSwapchainImageReleaseInfo ri = {.type = XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
            oxr_check(o, xrReleaseSwapchainImage(s[k]->handle, &ri), "xrReleaseSwapchainImage");
            s[k]->held = false;
        }
    }
}
