/* xrsim: eye images as PNG. The first projection layer of a frame is read
 * back from each view's last released swapchain image and written with the
 * left eye beside the right one, as the headset would show them: sRGB images
 * as they are stored, linear ones encoded to sRGB for display. */
#include "xrsim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#include <stb_image_write.h>

bool xs_dump_wanted(uint64_t frame)
{
    if (!xs_cfg.dump_dir[0])
        return false;
    if (xs_cfg.dump_every > 0 && frame % (uint64_t)xs_cfg.dump_every == 0)
        return true;
    for (int i = 0; i < xs_cfg.dump_frame_count; i++)
        if ((uint64_t)xs_cfg.dump_frames[i] == frame)
            return true;
    return false;
}

static unsigned char encode_srgb(float v)
{
    v = v < 0 ? 0 : v > 1 ? 1 : v;
    float e = v <= 0.0031308f ? v * 12.92f : 1.055f * powf(v, 1 / 2.4f) - 0.055f;
    return (unsigned char)(e * 255.0f + 0.5f);
}

/* Reads one view's rect (RGB, top row first) into out at column x0 of a
 * picture `stride` pixels wide. */
static bool read_view(const XrSwapchainSubImage *sub, unsigned char *out, int stride, int x0)
{
    struct xs_swapchain *sc = (struct xs_swapchain *)sub->swapchain;
    size_t layer_px = (size_t)sc->width * sc->height;
    float *px = malloc(layer_px * sc->array_size * 4 * sizeof *px);
    if (!px)
        return false;
    GLint bound = 0, align = 0, pbo = 0;
    GLenum binding = sc->target == GL_TEXTURE_2D ? GL_TEXTURE_BINDING_2D : GL_TEXTURE_BINDING_2D_ARRAY;
    xs_gl.GetIntegerv(binding, &bound);
    xs_gl.GetIntegerv(GL_PACK_ALIGNMENT, &align);
    xs_gl.GetIntegerv(GL_PIXEL_PACK_BUFFER_BINDING, &pbo);
    xs_gl.BindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    xs_gl.PixelStorei(GL_PACK_ALIGNMENT, 1);
    xs_gl.BindTexture(sc->target, xs_swapchain_released_texture(sc));
    xs_gl.GetTexImage(sc->target, 0, GL_RGBA, GL_FLOAT, px);
    GLenum err = xs_gl.GetError();
    if (err != GL_NO_ERROR)
        xs_log(XS_LOG_ERROR, "dump: GL error 0x%x reading swapchain image %u back", err,
               xs_swapchain_released_texture(sc));
    xs_gl.BindTexture(sc->target, (GLuint)bound);
    xs_gl.PixelStorei(GL_PACK_ALIGNMENT, align);
    xs_gl.BindBuffer(GL_PIXEL_PACK_BUFFER, (GLuint)pbo);
    const float *base = px + layer_px * sub->imageArrayIndex * 4;
    const XrRect2Di *r = &sub->imageRect;
    for (int y = 0; y < r->extent.height; y++) {
        /* GL rows start at the bottom */
        const float *row = base + ((size_t)(r->offset.y + r->extent.height - 1 - y) * sc->width + r->offset.x) * 4;
        unsigned char *o = out + ((size_t)y * stride + x0) * 3;
        for (int x = 0; x < r->extent.width; x++)
            for (int k = 0; k < 3; k++) {
                float v = row[x * 4 + k];
                o[x * 3 + k] = sc->srgb ? (unsigned char)((v < 0 ? 0 : v > 1 ? 1 : v) * 255.0f + 0.5f)
                                        : encode_srgb(v);
            }
    }
    free(px);
    return true;
}

void xs_dump_frame(struct xs_session *s, const XrCompositionLayerProjection *layer, const char *path)
{
    char name[700];
    if (!path) {
        snprintf(name, sizeof name, "%s/frame-%06llu.png", xs_cfg.dump_dir, (unsigned long long)s->ends);
        path = name;
    }
    const XrSwapchainSubImage *l = &layer->views[0].subImage, *r = &layer->views[1].subImage;
    int w = l->imageRect.extent.width + r->imageRect.extent.width;
    int h = l->imageRect.extent.height > r->imageRect.extent.height ? l->imageRect.extent.height
                                                                      : r->imageRect.extent.height;
    unsigned char *img = calloc((size_t)w * h, 3);
    struct xs_gl_guard g;
    if (!img || !xs_gl_begin(s, &g)) {
        free(img);
        xs_log(XS_LOG_ERROR, "dump %s: no memory or no GL context", path);
        return;
    }
    bool ok = read_view(l, img, w, 0) && read_view(r, img, w, l->imageRect.extent.width);
    xs_gl_end(&g);
    if (ok && stbi_write_png(path, w, h, 3, img, w * 3))
        xs_log(XS_LOG_INFO, "frame %llu: eye images written to %s", (unsigned long long)s->ends, path);
    else
        xs_log(XS_LOG_ERROR, "dump: cannot write %s (does the folder exist?)", path);
    free(img);
}
