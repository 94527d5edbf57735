/* gfx_target.c — render targets: offscreen RGBA8 framebuffers (with optional
 * MSAA resolved into a single-sample copy), presenting and readback. */
#define LOG_TAG "gfx"
#include "gfx_internal.h"

#include "arena.h"
#include "log.h"

#include <stdlib.h>
#include <string.h>

struct gfx_target gfx_target_window(int w, int h)
{
    struct gfx_target t = {.width = w, .height = h, .samples = 1, .is_window = true};
    return t;
}

static void release(struct gfx_target *t)
{
    if (t->is_window) return;
    if (t->fbo && t->fbo != t->resolve_fbo) glDeleteFramebuffers(1, &t->fbo);
    if (t->resolve_fbo) glDeleteFramebuffers(1, &t->resolve_fbo);
    if (t->color_rb) glDeleteRenderbuffers(1, &t->color_rb);
    if (t->depth_rb) glDeleteRenderbuffers(1, &t->depth_rb);
    if (t->resolve_tex && !t->wrapped_color) glDeleteTextures(1, &t->resolve_tex);
    t->fbo = t->resolve_fbo = t->color_rb = t->depth_rb = t->resolve_tex = 0;
    t->wrapped_color = t->wrapped_depth = 0;
}

static bool complete(GLuint fbo, const char *what)
{
    GLenum st = glCheckNamedFramebufferStatus(fbo, GL_FRAMEBUFFER);
    if (st != GL_FRAMEBUFFER_COMPLETE) {
        LOG_E("%s framebuffer incomplete (status 0x%04x)", what, st);
        return false;
    }
    return true;
}

static bool create(struct gfx_target *t)
{
    /* The resolved copy is a texture so it can also be sampled later
     * (mirror views, thumbnails). */
    glCreateTextures(GL_TEXTURE_2D, 1, &t->resolve_tex);
    glTextureStorage2D(t->resolve_tex, 1, GL_RGBA8, t->width, t->height);
    glCreateFramebuffers(1, &t->resolve_fbo);
    glNamedFramebufferTexture(t->resolve_fbo, GL_COLOR_ATTACHMENT0, t->resolve_tex, 0);

    glCreateRenderbuffers(1, &t->depth_rb);
    if (t->samples > 1) {
        glCreateRenderbuffers(1, &t->color_rb);
        glNamedRenderbufferStorageMultisample(t->color_rb, t->samples, GL_RGBA8, t->width, t->height);
        glNamedRenderbufferStorageMultisample(t->depth_rb, t->samples, GL_DEPTH_COMPONENT24, t->width, t->height);
        glCreateFramebuffers(1, &t->fbo);
        glNamedFramebufferRenderbuffer(t->fbo, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, t->color_rb);
        glNamedFramebufferRenderbuffer(t->fbo, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, t->depth_rb);
        if (!complete(t->fbo, "multisampled")) return false;
    } else {
        glNamedRenderbufferStorage(t->depth_rb, GL_DEPTH_COMPONENT24, t->width, t->height);
        glNamedFramebufferRenderbuffer(t->resolve_fbo, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, t->depth_rb);
        t->fbo = t->resolve_fbo;
    }
    return complete(t->resolve_fbo, "offscreen");
}

bool gfx_target_init(struct gfx *g, struct gfx_target *t, int w, int h, int samples)
{
    memset(t, 0, sizeof *t);
    if (w <= 0 || h <= 0 || w > 16384 || h > 16384) {
        LOG_E("render target size %dx%d is out of range (1..16384)", w, h);
        return false;
    }
    if (samples < 1) samples = 1;
    if (samples > g->info.max_samples) {
        LOG_W("%dx MSAA asked for, the driver offers at most %d", samples, g->info.max_samples);
        samples = g->info.max_samples;
    }
    t->width = w;
    t->height = h;
    t->samples = samples;
    if (!create(t)) {
        release(t);
        return false;
    }
    return true;
}

bool gfx_target_resize(struct gfx *g, struct gfx_target *t, int w, int h)
{
    (void)g;
    if (t->is_window) {
        t->width = w;
        t->height = h;
        return true;
    }
    if (w == t->width && h == t->height) return true;
    if (w <= 0 || h <= 0) return false; /* minimised: keep the old buffers */
    release(t);
    t->width = w;
    t->height = h;
    if (!create(t)) {
        release(t);
        return false;
    }
    return true;
}

/* Points the wrapped target's single-sample framebuffer at this frame's
 * textures. */
static bool wrap_attach(struct gfx_target *t, GLuint color, GLuint depth)
{
    glNamedFramebufferTexture(t->resolve_fbo, GL_COLOR_ATTACHMENT0, color, 0);
    if (depth) glNamedFramebufferTexture(t->resolve_fbo, GL_DEPTH_ATTACHMENT, depth, 0);
    else if (t->samples > 1) glNamedFramebufferTexture(t->resolve_fbo, GL_DEPTH_ATTACHMENT, 0, 0);
    else glNamedFramebufferRenderbuffer(t->resolve_fbo, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, t->depth_rb);
    t->wrapped_color = t->resolve_tex = color;
    t->wrapped_depth = depth;
    return complete(t->resolve_fbo, "wrapped");
}

bool gfx_target_wrap(struct gfx *g, struct gfx_target *t, uint32_t color_tex, uint32_t depth_tex, int w, int h,
                     int samples)
{
    if (!color_tex || w <= 0 || h <= 0 || w > 16384 || h > 16384) {
        LOG_E("cannot wrap texture %u of %dx%d as a render target", color_tex, w, h);
        return false;
    }
    if (samples < 1) samples = 1;
    if (samples > g->info.max_samples) samples = g->info.max_samples;
    bool same = t->wrapped_color && t->width == w && t->height == h && t->samples == samples &&
                (t->wrapped_depth != 0) == (depth_tex != 0);
    if (same) return wrap_attach(t, color_tex, depth_tex);
    release(t);
    memset(t, 0, sizeof *t);
    t->width = w;
    t->height = h;
    t->samples = samples;
    glCreateFramebuffers(1, &t->resolve_fbo);
    t->fbo = t->resolve_fbo;
    if (samples > 1) {
        glCreateRenderbuffers(1, &t->color_rb);
        glCreateRenderbuffers(1, &t->depth_rb);
        glNamedRenderbufferStorageMultisample(t->color_rb, samples, GL_RGBA8, w, h);
        glNamedRenderbufferStorageMultisample(t->depth_rb, samples, GL_DEPTH_COMPONENT24, w, h);
        glCreateFramebuffers(1, &t->fbo);
        glNamedFramebufferRenderbuffer(t->fbo, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, t->color_rb);
        glNamedFramebufferRenderbuffer(t->fbo, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, t->depth_rb);
        if (!complete(t->fbo, "multisampled")) goto fail;
    } else if (!depth_tex) {
        glCreateRenderbuffers(1, &t->depth_rb);
        glNamedRenderbufferStorage(t->depth_rb, GL_DEPTH_COMPONENT24, w, h);
    }
    if (wrap_attach(t, color_tex, depth_tex)) return true;
fail:
    release(t);
    return false;
}

void gfx_target_fini(struct gfx *g, struct gfx_target *t)
{
    (void)g;
    release(t);
    memset(t, 0, sizeof *t);
}

void gfx_target_present(struct gfx *g, const struct gfx_target *t, int win_w, int win_h)
{
    (void)g;
    if (t->is_window || !t->resolve_fbo) return;
    glBlitNamedFramebuffer(t->resolve_fbo, 0, 0, 0, t->width, t->height, 0, 0, win_w, win_h, GL_COLOR_BUFFER_BIT,
                           t->width == win_w && t->height == win_h ? GL_NEAREST : GL_LINEAR);
}

void gfx_target_mirror(struct gfx *g, const struct gfx_target *t, const struct gfx_target *dst)
{
    (void)g;
    int win_w = dst->width, win_h = dst->height;
    GLuint to = dst->is_window ? 0 : dst->resolve_fbo;
    if (t->is_window || !t->resolve_fbo || win_w <= 0 || win_h <= 0 || (!dst->is_window && !to)) return;
    /* The largest centred part of the image with the window's shape. */
    int sw = t->width, sh = t->height;
    if ((int64_t)sw * win_h > (int64_t)sh * win_w) sw = (int)((int64_t)sh * win_w / win_h);
    else sh = (int)((int64_t)sw * win_h / win_w);
    int sx = (t->width - sw) / 2, sy = (t->height - sh) / 2;
    glBlitNamedFramebuffer(t->resolve_fbo, to, sx, sy, sx + sw, sy + sh, 0, 0, win_w, win_h, GL_COLOR_BUFFER_BIT,
                           sw == win_w && sh == win_h ? GL_NEAREST : GL_LINEAR);
}

bool gfx_target_read_rgba(struct gfx *g, const struct gfx_target *t, uint8_t *out)
{
    (void)g;
    GLuint fbo = t->is_window ? 0 : t->resolve_fbo;
    if (!t->is_window && !fbo) return false;
    size_t row = (size_t)t->width * 4;
    uint8_t *tmp = xmalloc(row * (size_t)t->height);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, t->width, t->height, GL_RGBA, GL_UNSIGNED_BYTE, tmp);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    /* GL's rows run bottom to top; images and PNGs run top to bottom. */
    for (int y = 0; y < t->height; y++) memcpy(out + (size_t)y * row, tmp + (size_t)(t->height - 1 - y) * row, row);
    free(tmp);
    return glGetError() == GL_NO_ERROR;
}
