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
 * instead of the (2r + 1)^2 of a direct search, which on llvmpipe at
 * 1280x720 is the difference that matters (tools/bench/outline.sh measures
 * it). Drawing the union of all draws into one mask is what makes touching
 * objects share one outline.
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

/* Step 1; false when none of the draws has a mesh to draw. */
static bool draw_mask(struct gfx *g, const struct gfx_pbr_draw *draws, size_t n)
{
    const struct gfx_target *t = g->target;
    bool any = false;
    for (size_t i = 0; i < n && !any; i++) any = valid_mesh(g, draws[i].mesh) != NULL;
    if (!any || !ensure_targets(g, t->width, t->height)) return false;

    glBindFramebuffer(GL_FRAMEBUFFER, g->outline_mask_fbo);
    glViewport(0, 0, t->width, t->height);
    glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (t->is_window) {
        glClearDepth(1.0);
        glClear(GL_DEPTH_BUFFER_BIT);
    } else {
        glBlitNamedFramebuffer(t->fbo, g->outline_mask_fbo, 0, 0, t->width, t->height, 0, 0, t->width, t->height,
                               GL_DEPTH_BUFFER_BIT, GL_NEAREST);
    }
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
    return true;
}

void gfx_draw_outlines(struct gfx *g, const struct gfx_pbr_draw *draws, size_t n, const float color[4],
                       float width_px, float occluded_alpha)
{
    if (!g->target || n == 0 || !(width_px > 0.0f) || !(color[3] > 0.0f)) return;
    if (width_px > MAX_WIDTH_PX) width_px = MAX_WIDTH_PX;
    if (!(occluded_alpha > 0.0f)) occluded_alpha = 0.0f; /* NaN too */
    if (occluded_alpha > 1.0f) occluded_alpha = 1.0f;
    const struct gfx_target *t = g->target;
    if (!draw_mask(g, draws, n)) return;
    /* The soft edge reaches half a pixel past the width. */
    int radius = (int)ceilf(width_px + 0.5f);

    glDisable(GL_DEPTH_TEST);
    glBindVertexArray(g->outline_vao);
    glBindFramebuffer(GL_FRAMEBUFFER, g->outline_rows_fbo);
    glUseProgram(g->outline_spread_program);
    glUniform1i(UO_RADIUS, radius);
    glBindTextureUnit(0, g->outline_mask_tex);
    glDrawArrays(GL_TRIANGLES, 0, 3);

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
    glDrawArrays(GL_TRIANGLES, 0, 3);

    /* Leave the state as gfx_draw_pbr does, for whatever the pass draws
     * next. */
    glBindVertexArray(0);
    glDisable(GL_BLEND);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDepthMask(GL_TRUE);
    glEnable(GL_CULL_FACE);
}
