/* gfx_draw.c — passes: lit meshes with frustum culling, then screen quads. */
#define LOG_TAG "gfx"
#include "gfx_internal.h"

#include "arena.h"
#include "log.h"

#include <string.h>

/* Uniform locations fixed by layout(location = N) in shaders/lit.*. */
enum {
    U_CLIP_FROM_WORLD = 0, U_WORLD_FROM_MODEL = 1, U_NORMAL_MATRIX = 2, U_BASE_COLOR = 3, U_LIGHT_DIR = 4,
    U_LIGHT_COLOR = 5, U_CAMERA_POS = 6, U_SKY = 7, U_GROUND = 8,
};
enum { UQ_SCREEN_SIZE = 0 };

void gfx_pass_begin(struct gfx *g, struct gfx_target *t, const struct gfx_view *view)
{
    g->target = t;
    g->view = *view;
    memset(&g->stats, 0, sizeof g->stats);
    glm_mat4_mul(g->view.clip_from_view, g->view.view_from_world, g->clip_from_world);
    glm_frustum_planes(g->clip_from_world, g->frustum_planes);

    glBindFramebuffer(GL_FRAMEBUFFER, t->is_window ? 0 : t->fbo);
    glViewport(0, 0, t->width, t->height);
    glDepthMask(GL_TRUE);
    glClearColor(view->clear_color[0], view->clear_color[1], view->clear_color[2], view->clear_color[3]);
    glClearDepth(1.0);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

void gfx_draw_meshes(struct gfx *g, const struct gfx_draw *draws, size_t n)
{
    if (!gfx_shaders_lit(g)) return;
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    glDisable(GL_BLEND);
    glUseProgram(g->lit_program);
    glUniformMatrix4fv(U_CLIP_FROM_WORLD, 1, GL_FALSE, (const float *)g->clip_from_world);
    vec3 l;
    glm_vec3_normalize_to(g->view.light_direction, l);
    glUniform3fv(U_LIGHT_DIR, 1, l);
    glUniform3fv(U_LIGHT_COLOR, 1, g->view.light_color);
    glUniform3fv(U_CAMERA_POS, 1, g->view.camera_position);
    glUniform3fv(U_SKY, 1, g->view.sky_color);
    glUniform3fv(U_GROUND, 1, g->view.ground_color);

    for (size_t i = 0; i < n; i++) {
        const struct gfx_draw *d = &draws[i];
        if (d->mesh.id == 0 || d->mesh.id > g->mesh_count) continue;
        const struct gfx_mesh_slot *m = &g->meshes[d->mesh.id - 1];
        if (m->state != GFX_STATE_VALID) continue;

        vec3 box[2];
        glm_vec3_copy((float *)m->bounds_min, box[0]);
        glm_vec3_copy((float *)m->bounds_max, box[1]);
        mat4 world;
        glm_mat4_copy((vec4 *)d->world_from_model, world);
        glm_aabb_transform(box, world, box);
        if (!glm_aabb_frustum(box, g->frustum_planes)) {
            g->stats.culled++;
            continue;
        }
        /* Normals transform by the inverse transpose, which also keeps
         * them right under non-uniform scale. */
        mat3 normal;
        glm_mat4_pick3(world, normal);
        glm_mat3_inv(normal, normal);
        glm_mat3_transpose(normal);
        glUniformMatrix4fv(U_WORLD_FROM_MODEL, 1, GL_FALSE, (const float *)world);
        glUniformMatrix3fv(U_NORMAL_MATRIX, 1, GL_FALSE, (const float *)normal);
        glUniform4fv(U_BASE_COLOR, 1, d->color);
        glBindVertexArray(m->vao);
        glDrawElements(GL_TRIANGLES, m->index_count, GL_UNSIGNED_INT, NULL);
        g->stats.draws++;
        g->stats.triangles += (uint32_t)m->index_count / 3;
    }
    glBindVertexArray(0);
}

/* Each quad becomes two triangles of (x, y, u, v, r, g, b, a) vertices. */
struct quad_vertex {
    float x, y, u, v, r, g, b, a;
};

GLuint gfx_quads_upload(struct gfx *g, struct gfx_texture atlas, const struct screen_quad *quads, size_t n)
{
    if (n == 0 || atlas.id == 0 || atlas.id > g->texture_count) return 0;
    const struct gfx_texture_slot *tex = &g->textures[atlas.id - 1];
    if (tex->state != GFX_STATE_VALID) return 0;

    /* Buffer storage is immutable: a bigger buffer replaces the old one. */
    if (gfx_stream_reserve(g->quad_vao, &g->quad_vbo, &g->quad_vbo_capacity, n, 6 * sizeof(struct quad_vertex),
                           sizeof(struct quad_vertex), 1024)) {
        gfx_vao_float_attrib(g->quad_vao, 0, 0, 2, offsetof(struct quad_vertex, x));
        gfx_vao_float_attrib(g->quad_vao, 1, 0, 2, offsetof(struct quad_vertex, u));
        gfx_vao_float_attrib(g->quad_vao, 2, 0, 4, offsetof(struct quad_vertex, r));
    }
    /* The vertices are built in a buffer kept across calls: the HUD and
     * each world panel come here every frame. */
    if (n > g->quad_scratch_cap) {
        g->quad_scratch = xrealloc(g->quad_scratch, n * 6 * sizeof(struct quad_vertex));
        g->quad_scratch_cap = n;
    }
    struct quad_vertex *v = g->quad_scratch;
    for (size_t i = 0; i < n; i++) {
        const struct screen_quad *q = &quads[i];
        const float *c = q->color;
        struct quad_vertex tl = {q->x0, q->y0, q->u0, q->v0, c[0], c[1], c[2], c[3]};
        struct quad_vertex tr = {q->x1, q->y0, q->u1, q->v0, c[0], c[1], c[2], c[3]};
        struct quad_vertex bl = {q->x0, q->y1, q->u0, q->v1, c[0], c[1], c[2], c[3]};
        struct quad_vertex br = {q->x1, q->y1, q->u1, q->v1, c[0], c[1], c[2], c[3]};
        struct quad_vertex *o = &v[i * 6];
        o[0] = tl; o[1] = bl; o[2] = br;
        o[3] = tl; o[4] = br; o[5] = tr;
    }
    glNamedBufferSubData(g->quad_vbo, 0, (GLsizeiptr)(n * 6 * sizeof *v), v);
    return tex->tex;
}

void gfx_draw_quads(struct gfx *g, struct gfx_texture atlas, const struct screen_quad *quads, size_t n)
{
    GLuint tex = gfx_quads_upload(g, atlas, quads, n);
    if (!tex) return;

    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    /* Straight alpha over the scene; destination alpha kept opaque. */
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
    glUseProgram(g->quad_program);
    glUniform2f(UQ_SCREEN_SIZE, (float)g->target->width, (float)g->target->height);
    glBindTextureUnit(0, tex);
    glBindVertexArray(g->quad_vao);
    glDrawArrays(GL_TRIANGLES, 0, (GLsizei)(n * 6));
    glBindVertexArray(0);
    glDisable(GL_BLEND);
}

void gfx_pass_end(struct gfx *g)
{
    struct gfx_target *t = g->target;
    if (t && !t->is_window && t->samples > 1) {
        /* A wrapped target's depth goes with its colour (an XR depth layer). */
        GLbitfield what = GL_COLOR_BUFFER_BIT | (t->wrapped_depth ? GL_DEPTH_BUFFER_BIT : 0);
        glBlitNamedFramebuffer(t->fbo, t->resolve_fbo, 0, 0, t->width, t->height, 0, 0, t->width, t->height, what,
                               GL_NEAREST);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    g->target = NULL;
}

void gfx_finish(struct gfx *g)
{
    (void)g;
    glFinish();
}
