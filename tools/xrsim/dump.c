/* xrsim: eye images as PNG, composed as the headset would show them.
 *
 * The frame's layers are composed in order, in linear light, into one image
 * per eye: a projection layer's views are copied (blended by alpha when the
 * layer asks for it), a quad layer is ray-cast from each eye pixel through
 * the eye's field of view onto the quad. sRGB swapchain images are decoded
 * when read and the result is encoded to sRGB for the PNG, so an sRGB image
 * comes out as it was stored and a linear one as a display would show it.
 * The left eye is written beside the right one. */
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
    if (!xs_cfg.dump_dir[0]) return false;
    if (xs_cfg.dump_every > 0 && frame % (uint64_t)xs_cfg.dump_every == 0) return true;
    for (int i = 0; i < xs_cfg.dump_frame_count; i++)
        if ((uint64_t)xs_cfg.dump_frames[i] == frame) return true;
    return false;
}

static float clamp01(float v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

static float srgb_to_linear(float v)
{
    v = clamp01(v);
    return v <= 0.04045f ? v / 12.92f : powf((v + 0.055f) / 1.055f, 2.4f);
}

static unsigned char linear_to_srgb8(float v)
{
    v = clamp01(v);
    float e = v <= 0.0031308f ? v * 12.92f : 1.055f * powf(v, 1 / 2.4f) - 0.055f;
    return (unsigned char)(e * 255.0f + 0.5f);
}

/* One sub-image read back as linear RGBA, GL's bottom row first. */
struct image {
    int w, h;
    float *px;
};

static bool read_sub_image(const XrSwapchainSubImage *sub, struct image *out)
{
    struct xs_swapchain *sc = (struct xs_swapchain *)sub->swapchain;
    size_t layer_px = (size_t)sc->width * sc->height;
    float *all = malloc(layer_px * sc->array_size * 4 * sizeof *all);
    const XrRect2Di *r = &sub->imageRect;
    out->w = r->extent.width;
    out->h = r->extent.height;
    out->px = malloc((size_t)out->w * out->h * 4 * sizeof *out->px);
    if (!all || !out->px) {
        free(all);
        free(out->px);
        out->px = NULL;
        return false;
    }
    GLint bound = 0, align = 0, pbo = 0;
    GLenum binding = sc->target == GL_TEXTURE_2D ? GL_TEXTURE_BINDING_2D : GL_TEXTURE_BINDING_2D_ARRAY;
    xs_gl.GetIntegerv(binding, &bound);
    xs_gl.GetIntegerv(GL_PACK_ALIGNMENT, &align);
    xs_gl.GetIntegerv(GL_PIXEL_PACK_BUFFER_BINDING, &pbo);
    xs_gl.BindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    xs_gl.PixelStorei(GL_PACK_ALIGNMENT, 1);
    xs_gl.BindTexture(sc->target, xs_swapchain_released_texture(sc));
    xs_gl.GetTexImage(sc->target, 0, GL_RGBA, GL_FLOAT, all);
    GLenum err = xs_gl.GetError();
    if (err != GL_NO_ERROR)
        xs_log(XS_LOG_ERROR, "dump: GL error 0x%x reading swapchain image %u back", err,
               xs_swapchain_released_texture(sc));
    xs_gl.BindTexture(sc->target, (GLuint)bound);
    xs_gl.PixelStorei(GL_PACK_ALIGNMENT, align);
    xs_gl.BindBuffer(GL_PIXEL_PACK_BUFFER, (GLuint)pbo);
    const float *base = all + layer_px * sub->imageArrayIndex * 4;
    for (int y = 0; y < out->h; y++) {
        const float *row = base + ((size_t)(r->offset.y + y) * sc->width + r->offset.x) * 4;
        float *o = out->px + (size_t)y * out->w * 4;
        for (int x = 0; x < out->w * 4; x++)
            o[x] = (x & 3) == 3 ? clamp01(row[x]) : sc->srgb ? srgb_to_linear(row[x]) : clamp01(row[x]);
    }
    free(all);
    return true;
}

/* Writes colour c (linear RGBA) over dst: replaced, or blended by alpha. */
static void put(float *dst, const float *c, bool blend)
{
    if (!blend) {
        memcpy(dst, c, 3 * sizeof *c);
        return;
    }
    for (int k = 0; k < 3; k++)
        dst[k] = c[k] * c[3] + dst[k] * (1 - c[3]);
}

static void compose_projection(const XrCompositionLayerProjection *p, int eye, float *dst, int w, int h)
{
    struct image im;
    if (!read_sub_image(&p->views[eye].subImage, &im)) return;
    bool blend = p->layerFlags & XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int sx = x * im.w / w, sy = (h - 1 - y) * im.h / h; /* top row first out, bottom row first in */
            put(dst + ((size_t)y * w + x) * 4, im.px + ((size_t)sy * im.w + sx) * 4, blend);
        }
    free(im.px);
}

static void compose_quad(struct xs_session *s, const XrCompositionLayerQuad *q, int eye, float *dst, int w, int h)
{
    (void)s;
    if ((q->eyeVisibility == XR_EYE_VISIBILITY_LEFT && eye != 0) ||
        (q->eyeVisibility == XR_EYE_VISIBILITY_RIGHT && eye != 1))
        return;
    struct xs_pose space, quad, inv,
        local = {{q->pose.position.x, q->pose.position.y, q->pose.position.z},
                 {q->pose.orientation.x, q->pose.orientation.y, q->pose.orientation.z, q->pose.orientation.w}};
    if (!xs_space_in_stage((struct xs_space *)q->space, &space)) return;
    xs_pose_mul(&space, &local, &quad);
    xs_pose_inv(&quad, &inv);
    struct image im;
    if (!read_sub_image(&q->subImage, &im)) return;
    bool blend = q->layerFlags & XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
    struct xs_pose e = xs_eye_pose(eye);
    XrFovf f = xs_eye_fov(eye);
    float l = tanf(f.angleLeft), r = tanf(f.angleRight), u = tanf(f.angleUp), d = tanf(f.angleDown);
    float o[3];
    xs_pose_apply(&inv, e.p, o); /* the eye in the quad's frame, the quad in its z = 0 plane */
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            float view_dir[3] = {l + (x + 0.5f) / w * (r - l), u - (y + 0.5f) / h * (u - d), -1}, stage_dir[3], dir[3];
            xs_rotate(e.q, view_dir, stage_dir);
            xs_rotate(inv.q, stage_dir, dir);
            if (fabsf(dir[2]) < 1e-9f) continue;
            float t = -o[2] / dir[2];
            if (t <= 0) continue;
            float hx = o[0] + t * dir[0], hy = o[1] + t * dir[1];
            float qu = hx / q->size.width + 0.5f, qv = hy / q->size.height + 0.5f;
            if (qu < 0 || qu >= 1 || qv < 0 || qv >= 1) continue;
            int sx = (int)(qu * im.w), sy = (int)(qv * im.h); /* qv grows upward, like GL rows */
            put(dst + ((size_t)y * w + x) * 4, im.px + ((size_t)sy * im.w + sx) * 4, blend);
        }
    free(im.px);
}

void xs_dump_frame(struct xs_session *s, const XrFrameEndInfo *info, const char *path)
{
    char name[700];
    if (!path) {
        snprintf(name, sizeof name, "%s/frame-%06llu.png", xs_cfg.dump_dir, (unsigned long long)s->ends);
        path = name;
    }
    /* each eye's image has the size of the first projection layer's view */
    int w = (int)xs_cfg.view_w, h = (int)xs_cfg.view_h;
    for (uint32_t i = 0; i < info->layerCount; i++)
        if (info->layers[i]->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
            const XrCompositionLayerProjection *p = (const XrCompositionLayerProjection *)info->layers[i];
            w = p->views[0].subImage.imageRect.extent.width;
            h = p->views[0].subImage.imageRect.extent.height;
            break;
        }
    float *eyes = calloc((size_t)w * h * 2 * 4, sizeof *eyes); /* black where no layer covers */
    unsigned char *png = malloc((size_t)w * 2 * h * 3);
    struct xs_gl_guard g;
    if (!eyes || !png || !xs_gl_begin(s, &g)) {
        free(eyes);
        free(png);
        xs_log(XS_LOG_ERROR, "dump %s: no memory or no GL context", path);
        return;
    }
    for (int eye = 0; eye < 2; eye++) {
        float *dst = eyes + (size_t)eye * w * h * 4;
        for (uint32_t i = 0; i < info->layerCount; i++) {
            const XrCompositionLayerBaseHeader *l = info->layers[i];
            if (l->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION)
                compose_projection((const XrCompositionLayerProjection *)l, eye, dst, w, h);
            else if (l->type == XR_TYPE_COMPOSITION_LAYER_QUAD)
                compose_quad(s, (const XrCompositionLayerQuad *)l, eye, dst, w, h);
        }
    }
    xs_gl_end(&g);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < 2 * w; x++) {
            int eye = x >= w, ex = x - eye * w;
            const float *c = eyes + ((size_t)eye * w * h + (size_t)y * w + ex) * 4;
            for (int k = 0; k < 3; k++)
                png[((size_t)y * 2 * w + x) * 3 + k] = linear_to_srgb8(c[k]);
        }
    if (stbi_write_png(path, 2 * w, h, 3, png, 2 * w * 3))
        xs_log(XS_LOG_INFO, "frame %llu: eye images written to %s", (unsigned long long)s->ends, path);
    else
        xs_log(XS_LOG_ERROR, "dump: cannot write %s (does the folder exist?)", path);
    free(eyes);
    free(png);
}
