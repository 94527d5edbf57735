/* gfx_outline.c — highlight outlines for guided mode (gfx_draw_outlines).
 *
 * Three steps, all inside the caller's pass:
 *   1. Mask: the draws' meshes into a single-sample R8 texture of the pass's
 *      size: 0 outside, 0.5 where a mesh covers the pixel, 1 where it is also
 *      the nearest surface. "Nearest" is a depth test against a copy of the
 *      pass's depth, blitted into the mask's own depth buffer: one path for
 *      every target, since a multisampled depth buffer cannot be attached
 *      beside a single-sample mask and the blit resolves it.
 *   2. Rows: for each pixel, the distance along its row to the nearest
 *      visible and nearest covered mask pixel, up to the radius.
 *   3. Band: drawn over the pass's own framebuffer, each pixel outside the
 *      mask takes the rows within the radius above and below and so gets the
 *      exact Euclidean distance to the mask; within the width it is blended
 *      in the colour, at occluded_alpha when only hidden mask pixels are near.
 * Steps 2 and 3 are a separable dilation: 2 * (2r + 1) texel reads a pixel
 * instead of the (2r + 1)^2 of a direct search. Measured with
 * tools/bench/outline.sh at 1280x720 on llvmpipe, width 3 / 4 px, the whole
 * outline step: two objects 2.0 / 2.2 ms, sixty objects spread over the
 * view 28 / 28 ms; with a direct search in step 3 instead (step 2 still
 * run) 4.7 / 6.2 and 52 / 65 ms. Drawing the union of all draws into one
 * mask is what makes touching objects share one outline.
 *
 * Window targets: the default framebuffer's depth format is not ours to
 * know, and a depth blit needs matching formats, so there the mask skips the
 * depth copy and every covered pixel counts as visible (the app renders into
 * offscreen targets). */
#define LOG_TAG "gfx"
#include "gfx_internal.h"

#include "log.h"

#include <math.h>

/* Uniform locations fixed by layout(location = N) in shaders/outline*. */
enum { UM_CLIP_FROM_WORLD = 0, UM_WORLD_FROM_MODEL = 1, UM_VALUE = 2 };
enum { UO_RADIUS = 0, UO_WIDTH = 1, UO_COLOR = 2, UO_OCCLUDED_ALPHA = 3 };
/* Row distances are stored as d / 255 in RG8, so the radius stays below
 * 255; wider bands than this are not outlines any more. */
#define MAX_WIDTH_PX 64.0f

void gfx_outline_destroy(struct gfx *g)
{
    if (g->outline_mask_fbo) glDeleteFramebuffers(1, &g->outline_mask_fbo);
    if (g->outline_rows_fbo) glDeleteFramebuffers(1, &g->outline_rows_fbo);
    if (g->outline_mask_tex) glDeleteTextures(1, &g->outline_mask_tex);
    if (g->outline_rows_tex) glDeleteTextures(1, &g->outline_rows_tex);
    if (g->outline_depth_rb) glDeleteRenderbuffers(1, &g->outline_depth_rb);
    if (g->outline_vao) glDeleteVertexArrays(1, &g->outline_vao);
    g->outline_mask_fbo = g->outline_rows_fbo = g->outline_mask_tex = g->outline_rows_tex = 0;
    g->outline_depth_rb = g->outline_vao = 0;
    g->outline_w = g->outline_h = 0;
}

static GLuint texture_2d(GLenum format, int w, int h)
{
    GLuint tex;
    glCreateTextures(GL_TEXTURE_2D, 1, &tex);
    glTextureStorage2D(tex, 1, format, w, h);
    /* Read with texelFetch only; nearest keeps the texture complete. */
    glTextureParameteri(tex, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTextureParameteri(tex, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    return tex;
}

/* The mask and row targets at w x h; false (logged) if incomplete. */
static bool ensure_targets(struct gfx *g, int w, int h)
{
    if (g->outline_mask_fbo && g->outline_w == w && g->outline_h == h) return true;
    /* Incomplete once at this size: not rebuilt (and logged) every frame. */
    if (g->outline_failed_w == w && g->outline_failed_h == h) return false;
    gfx_outline_destroy(g);
    glCreateVertexArrays(1, &g->outline_vao);
    g->outline_mask_tex = texture_2d(GL_R8, w, h);
    g->outline_rows_tex = texture_2d(GL_RG8, w, h);
    /* The same format as the targets' depth (gfx_target.c), which a depth
     * blit requires. */
    glCreateRenderbuffers(1, &g->outline_depth_rb);
    glNamedRenderbufferStorage(g->outline_depth_rb, GL_DEPTH_COMPONENT24, w, h);
    glCreateFramebuffers(1, &g->outline_mask_fbo);
    glNamedFramebufferTexture(g->outline_mask_fbo, GL_COLOR_ATTACHMENT0, g->outline_mask_tex, 0);
    glNamedFramebufferRenderbuffer(g->outline_mask_fbo, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, g->outline_depth_rb);
    glCreateFramebuffers(1, &g->outline_rows_fbo);
    glNamedFramebufferTexture(g->outline_rows_fbo, GL_COLOR_ATTACHMENT0, g->outline_rows_tex, 0);
    g->outline_w = w;
    g->outline_h = h;
    if (glCheckNamedFramebufferStatus(g->outline_mask_fbo, GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE ||
        glCheckNamedFramebufferStatus(g->outline_rows_fbo, GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        LOG_W("outline framebuffers incomplete at %dx%d; outlines are not drawn", w, h);
        gfx_outline_destroy(g);
        g->outline_failed_w = w;
        g->outline_failed_h = h;
        return false;
    }
    return true;
}

static const struct gfx_mesh_slot *valid_mesh(const struct gfx *g, struct gfx_mesh h)
{
    if (h.id == 0 || h.id > g->mesh_count) return NULL;
    const struct gfx_mesh_slot *m = &g->meshes[h.id - 1];
    return m->state == GFX_STATE_VALID ? m : NULL;
}

static void draw_mask_meshes(const struct gfx *g, const struct gfx_pbr_draw *draws, size_t n, float value)
{
    glUniform1f(UM_VALUE, value);
    for (size_t i = 0; i < n; i++) {
        const struct gfx_mesh_slot *m = valid_mesh(g, draws[i].mesh);
        if (!m) continue;
        glUniformMatrix4fv(UM_WORLD_FROM_MODEL, 1, GL_FALSE, (const float *)draws[i].world_from_model);
        glBindVertexArray(m->vao);
        glDrawElements(GL_TRIANGLES, m->index_count, GL_UNSIGNED_INT, NULL);
    }
}

/* Pixel rectangle x0 <= x < x1, y0 <= y < y1 (GL's rows, bottom up). */
struct rect {
    int x0, y0, x1, y1;
};

static struct rect rect_grow(struct rect r, int by, const struct gfx_target *t)
{
    r.x0 = r.x0 - by > 0 ? r.x0 - by : 0;
    r.y0 = r.y0 - by > 0 ? r.y0 - by : 0;
    r.x1 = r.x1 + by < t->width ? r.x1 + by : t->width;
    r.y1 = r.y1 + by < t->height ? r.y1 + by : t->height;
    return r;
}

static void scissor(struct rect r)
{
    glScissor(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
}

static bool rects_overlap(struct rect a, struct rect b)
{
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

static struct rect rect_union(struct rect a, struct rect b)
{
    return (struct rect){a.x0 < b.x0 ? a.x0 : b.x0, a.y0 < b.y0 ? a.y0 : b.y0, a.x1 > b.x1 ? a.x1 : b.x1,
                         a.y1 > b.y1 ? a.y1 : b.y1};
}

/* The screen rectangle of one draw's bounding box: its corners projected,
 * the whole target when one lies behind the eye (it would project
 * mirrored). False when it is out of view. */
static bool draw_rect(const struct gfx *g, const struct gfx_mesh_slot *m, const struct gfx_pbr_draw *d,
                      struct rect *out)
{
    const struct gfx_target *t = g->target;
    float lo[2] = {1e30f, 1e30f}, hi[2] = {-1e30f, -1e30f};
    mat4 clip_from_model;
    glm_mat4_mul((vec4 *)g->clip_from_world, (vec4 *)d->world_from_model, clip_from_model);
    for (int k = 0; k < 8; k++) {
        vec4 p = {k & 1 ? m->bounds_max[0] : m->bounds_min[0], k & 2 ? m->bounds_max[1] : m->bounds_min[1],
                  k & 4 ? m->bounds_max[2] : m->bounds_min[2], 1.0f};
        vec4 c;
        glm_mat4_mulv(clip_from_model, p, c);
        if (!(c[3] > 1e-6f)) {
            *out = (struct rect){0, 0, t->width, t->height};
            return true;
        }
        for (int a = 0; a < 2; a++) {
            float v = c[a] / c[3];
            if (v < lo[a]) lo[a] = v;
            if (v > hi[a]) hi[a] = v;
        }
    }
    if (lo[0] > 1.0f || lo[1] > 1.0f || hi[0] < -1.0f || hi[1] < -1.0f) return false;
    /* Clamped in NDC first: far-off corners must not overflow an int. */
    for (int a = 0; a < 2; a++) {
        lo[a] = lo[a] < -1.0f ? -1.0f : lo[a];
        hi[a] = hi[a] > 1.0f ? 1.0f : hi[a];
    }
    struct rect r = {(int)floorf((lo[0] * 0.5f + 0.5f) * (float)t->width),
                     (int)floorf((lo[1] * 0.5f + 0.5f) * (float)t->height),
                     (int)ceilf((hi[0] * 0.5f + 0.5f) * (float)t->width) + 1,
                     (int)ceilf((hi[1] * 0.5f + 0.5f) * (float)t->height) + 1};
    *out = rect_grow(r, 0, t);
    return true;
}

/* Few enough that the per-rectangle passes cost little next to their
 * pixels (guided mode outlines a handful of objects); many objects spread
 * over the view cover most of it anyway, and one rectangle does. */
#define MAX_RECTS 8

/* The band rectangles: each draw's screen rectangle grown by `by` (where
 * its band can reach), merged while any two overlap, so they end up
 * pairwise disjoint; when a draw's would make more than MAX_RECTS, those
 * so far become one around them all. Returns how many (0: nothing in
 * view). */
static int band_rects(const struct gfx *g, const struct gfx_pbr_draw *draws, size_t n, int by,
                      struct rect out[MAX_RECTS])
{
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        const struct gfx_mesh_slot *m = valid_mesh(g, draws[i].mesh);
        struct rect r;
        if (!m || !draw_rect(g, m, &draws[i], &r)) continue;
        r = rect_grow(r, by, g->target);
        /* Growing r may make it overlap a rectangle it missed before, so
         * start over after each merge. */
        for (int k = 0; k < count;) {
            if (rects_overlap(r, out[k])) {
                r = rect_union(r, out[k]);
                out[k] = out[--count];
                k = 0;
            } else {
                k++;
            }
        }
        if (count == MAX_RECTS) {
            for (int k = 0; k < count; k++) r = rect_union(r, out[k]);
            count = 0;
        }
        out[count++] = r;
    }
    return count;
}

/* Step 1, within the `clear` rectangles (which hold every pixel the later
 * steps read). */
static void draw_mask(struct gfx *g, const struct gfx_pbr_draw *draws, size_t n, const struct rect *clear, int count)
{
    const struct gfx_target *t = g->target;
    glBindFramebuffer(GL_FRAMEBUFFER, g->outline_mask_fbo);
    glViewport(0, 0, t->width, t->height);
    glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    glClearDepth(1.0);
    struct rect all = clear[0];
    for (int i = 0; i < count; i++) {
        const struct rect c = clear[i];
        all = rect_union(all, c);
        scissor(c);
        glClear(GL_COLOR_BUFFER_BIT);
        if (t->is_window)
            glClear(GL_DEPTH_BUFFER_BIT);
        else
            glBlitNamedFramebuffer(t->fbo, g->outline_mask_fbo, c.x0, c.y0, c.x1, c.y1, c.x0, c.y0, c.x1, c.y1,
                                   GL_DEPTH_BUFFER_BIT, GL_NEAREST);
    }
    /* Every mesh lies inside its own rectangle, so drawing them within the
     * rectangles' bounds writes only cleared pixels. */
    scissor(all);
    /* Materials are ignored, so both faces count: an open mesh (a cable, a
     * panel) has a silhouette from behind too. */
    glDisable(GL_CULL_FACE);
    glDisable(GL_BLEND);
    glDepthMask(GL_FALSE);
    glUseProgram(g->outline_mask_program);
    glUniformMatrix4fv(UM_CLIP_FROM_WORLD, 1, GL_FALSE, (const float *)g->clip_from_world);
    /* Everything the meshes cover, hidden or not... */
    glDisable(GL_DEPTH_TEST);
    draw_mask_meshes(g, draws, n, 0.5f);
    /* ...then where they are the nearest surface. Their own depth is in the
     * copy, so they pass LEQUAL; the offset (a unit or two of depth, one
     * pixel of slope) absorbs rounding and the MSAA resolve's choice of
     * sample without letting real occluders through. */
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(-1.0f, -4.0f);
    draw_mask_meshes(g, draws, n, 1.0f);
    glDisable(GL_POLYGON_OFFSET_FILL);
}

void gfx_draw_outlines(struct gfx *g, const struct gfx_pbr_draw *draws, size_t n, const float color[4],
                       float width_px, float occluded_alpha)
{
    if (!g->target || n == 0 || !(width_px > 0.0f) || !(color[3] > 0.0f)) return;
    if (width_px > MAX_WIDTH_PX) width_px = MAX_WIDTH_PX;
    if (!(occluded_alpha > 0.0f)) occluded_alpha = 0.0f; /* NaN too */
    if (occluded_alpha > 1.0f) occluded_alpha = 1.0f;
    const struct gfx_target *t = g->target;
    /* Only rectangles around the outlined objects are worked on: guided
     * mode outlines a few objects that cover a small part of the view, and
     * on llvmpipe the full-screen passes would otherwise cost more than the
     * scene. One rectangle around all of them grows to nearly the whole
     * view when they lie apart (a barrier at the left, gloves on a bench at
     * the right), so each gets its own unless they come close: measured
     * with tools/bench/outline.sh (--spread: two objects at the left and
     * right, 1280x720, llvmpipe, width 3 px) 4.0 ms with one rectangle, 1.6
     * ms with one each; in the EV scenario's first guided steps
     * (tools/bench/ev_scene.sh) the frame went from 77-80 to 62 ms (58
     * without outlines). The band reaches `radius` past the silhouette (the
     * soft edge one pixel past the width); the column pass reads rows
     * `radius` beyond that and the row pass the mask `radius` beyond those,
     * which is what the mask clears. A pixel outside every band rectangle is farther than that
     * from every mesh and gets no band anyway. The mask holds all draws
     * wherever it is read, so each rectangle sees the whole union and the
     * result is the same as with one; the band rectangles are disjoint so
     * that no pixel is blended twice, while the row and mask rectangles
     * may overlap: those passes only write, the same values each time. */
    int radius = (int)ceilf(width_px + 1.0f);
    struct rect band[MAX_RECTS], rows[MAX_RECTS], clear[MAX_RECTS];
    int count = band_rects(g, draws, n, radius + 1, band);
    if (count == 0 || !gfx_shaders_outline(g) || !ensure_targets(g, t->width, t->height)) return;
    for (int i = 0; i < count; i++) {
        rows[i] = rect_grow(band[i], radius, t);
        clear[i] = rect_grow(rows[i], radius, t);
    }
    glEnable(GL_SCISSOR_TEST);
    draw_mask(g, draws, n, clear, count);

    glDisable(GL_DEPTH_TEST);
    glBindVertexArray(g->outline_vao);
    glBindFramebuffer(GL_FRAMEBUFFER, g->outline_rows_fbo);
    glUseProgram(g->outline_spread_program);
    glUniform1i(UO_RADIUS, radius);
    glBindTextureUnit(0, g->outline_mask_tex);
    for (int i = 0; i < count; i++) {
        scissor(rows[i]);
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }

    /* The band over the scene, blended like lines: straight alpha, the
     * target's alpha kept. */
    glBindFramebuffer(GL_FRAMEBUFFER, t->is_window ? 0 : t->fbo);
    glViewport(0, 0, t->width, t->height);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
    glUseProgram(g->outline_program);
    glUniform1i(UO_RADIUS, radius);
    glUniform1f(UO_WIDTH, width_px);
    glUniform4fv(UO_COLOR, 1, color);
    glUniform1f(UO_OCCLUDED_ALPHA, occluded_alpha);
    glBindTextureUnit(0, g->outline_mask_tex);
    glBindTextureUnit(1, g->outline_rows_tex);
    for (int i = 0; i < count; i++) {
        scissor(band[i]);
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }

    /* Leave the state as gfx_draw_pbr does, for whatever the pass draws
     * next. */
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_BLEND);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDepthMask(GL_TRUE);
    glEnable(GL_CULL_FACE);
}
