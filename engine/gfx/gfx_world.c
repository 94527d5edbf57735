/* gfx_world.c — things drawn in the world over the scene: panels of quads
 * on a plane (XR menus, labels) and constant-width lines (probe leads,
 * guides, pointer rays). */
#define LOG_TAG "gfx"
#include "gfx_internal.h"

#include "log.h"

/* Uniform locations fixed by layout(location = N) in shaders/world_quad.vert
 * and shaders/line.vert. */
enum { UW_CLIP_FROM_PANEL_PX = 0 };
enum { UL_CLIP_FROM_WORLD = 0, UL_VIEWPORT = 1, UL_WIDTH = 2 };

void gfx_world_create(struct gfx *g)
{
    /* One instance per segment: the three attributes advance per instance,
     * the four corners come from gl_VertexID. The buffer is attached when
     * it is first sized. */
    glCreateVertexArrays(1, &g->line_vao);
    glVertexArrayBindingDivisor(g->line_vao, 0, 1);
    gfx_vao_float_attrib(g->line_vao, 0, 0, 3, offsetof(struct gfx_line, a));
    gfx_vao_float_attrib(g->line_vao, 1, 0, 3, offsetof(struct gfx_line, b));
    gfx_vao_float_attrib(g->line_vao, 2, 0, 4, offsetof(struct gfx_line, color));
}

void gfx_world_destroy(struct gfx *g)
{
    if (g->line_vao) glDeleteVertexArrays(1, &g->line_vao);
    if (g->line_vbo) glDeleteBuffers(1, &g->line_vbo);
    g->line_vao = g->line_vbo = 0;
    g->line_vbo_capacity = 0;
}

void gfx_draw_quads_world(struct gfx *g, struct gfx_texture atlas, const struct screen_quad *quads, size_t n,
                          const mat4 world_from_panel, float metres_per_px, bool on_top)
{
    if (!g->target) return;
    GLuint tex = gfx_quads_upload(g, atlas, quads, n);
    if (!tex) return;

    /* Panel pixels (y down) to metres on the plane (y up), then to clip. */
    mat4 m, clip_from_panel_px;
    glm_mat4_copy((vec4 *)world_from_panel, m);
    glm_mat4_mul(g->clip_from_world, m, clip_from_panel_px);
    glm_scale(clip_from_panel_px, (vec3){metres_per_px, -metres_per_px, 1.0f});

    /* Coplanar quads (a background and its text) must all pass against the
     * scene and blend in list order: test depth but never write it. */
    if (on_top) {
        glDisable(GL_DEPTH_TEST);
    } else {
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LEQUAL);
    }
    glDepthMask(GL_FALSE);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    /* The same blending as screen quads, so a panel looks the same in the
     * world as on the screen. */
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
    glUseProgram(g->world_quad_program);
    glUniformMatrix4fv(UW_CLIP_FROM_PANEL_PX, 1, GL_FALSE, (const float *)clip_from_panel_px);
    glBindTextureUnit(0, tex);
    glBindVertexArray(g->quad_vao);
    glDrawArrays(GL_TRIANGLES, 0, (GLsizei)(n * 6));
    glBindVertexArray(0);
    glDisable(GL_BLEND);
    glDepthMask(GL_TRUE);
    glDepthFunc(GL_LESS);
}

void gfx_draw_lines(struct gfx *g, const struct gfx_line *lines, size_t n, float width_px)
{
    if (!g->target || n == 0 || !(width_px > 0.0f)) return;
    if (n > (size_t)INT32_MAX) {
        LOG_W("%zu lines are too many for one draw; none drawn", n);
        return;
    }
    gfx_stream_reserve(g->line_vao, &g->line_vbo, &g->line_vbo_capacity, n, sizeof(struct gfx_line),
                       sizeof(struct gfx_line), 256);
    /* The caller's array is the vertex data as it stands. */
    glNamedBufferSubData(g->line_vbo, 0, (GLsizeiptr)(n * sizeof *lines), lines);

    /* Lines never write depth: a translucent one must not hide what is
     * drawn after it, and a line lying on a surface passes LEQUAL. */
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glDepthMask(GL_FALSE);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
    glUseProgram(g->line_program);
    glUniformMatrix4fv(UL_CLIP_FROM_WORLD, 1, GL_FALSE, (const float *)g->clip_from_world);
    glUniform2f(UL_VIEWPORT, (float)g->target->width, (float)g->target->height);
    glUniform1f(UL_WIDTH, width_px);
    glBindVertexArray(g->line_vao);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, (GLsizei)n);
    glBindVertexArray(0);
    glDisable(GL_BLEND);
    glDepthMask(GL_TRUE);
    glDepthFunc(GL_LESS);
}
