/* gfx_pbr.c — glTF metallic-roughness drawing: frustum culling, a shadow map
 * for the view's directional light (redrawn only when a caster or the light
 * moved), opaque/mask sorted by program and near to far, then blend far to
 * near (see gfx.h, shaders/pbr.*, shaders/shadow.*, gfx_pbr_variant.c). */
#define LOG_TAG "gfx"
#include "gfx_internal.h"

#include "arena.h"
#include "log.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Uniform locations fixed by layout(location = N) in shaders/pbr.*. */
enum {
    U_CLIP_FROM_WORLD = 0, U_WORLD_FROM_MODEL = 1, U_NORMAL_MATRIX = 2, U_LIGHT_CLIP = 3,
    U_BASE_COLOR = 10, U_METAL_ROUGH = 11, U_EMISSIVE = 12, U_NORMAL_SCALE = 13, U_OCCLUSION = 14,
    U_ALPHA_CUTOFF = 15, U_LIGHT_DIR = 18, U_LIGHT_COLOR = 19,
    U_CAMERA_POS = 20, U_SKY = 21, U_GROUND = 22, U_UV_XFORM = 30, U_UV_SET = 40,
};
enum { US_LIGHT_CLIP_FROM_MODEL = 0, US_UV_XFORM = 1, US_UV_SET = 2, US_MASK = 3, US_BASE_ALPHA = 4, US_ALPHA_CUTOFF = 5 };
#define SHADOW_SIZE 1024

void gfx_material_default(struct gfx_material *out)
{
    memset(out, 0, sizeof *out);
    glm_vec4_one(out->base_color);
    out->metallic = 1.0f;
    out->roughness = 1.0f;
    out->normal_scale = 1.0f;
    out->occlusion_strength = 1.0f;
    out->alpha_cutoff = 0.5f;
    struct gfx_texture_ref *refs[] = {&out->base_color_tex, &out->metal_rough_tex, &out->normal_tex,
                                      &out->occlusion_tex, &out->emissive_tex};
    for (int i = 0; i < 5; i++) refs[i]->uv_scale[0] = refs[i]->uv_scale[1] = 1.0f;
}

void gfx_pbr_destroy(struct gfx *g)
{
    if (g->white_tex) glDeleteTextures(1, &g->white_tex);
    if (g->shadow_tex) glDeleteTextures(1, &g->shadow_tex);
    if (g->shadow_fbo) glDeleteFramebuffers(1, &g->shadow_fbo);
    free(g->pbr_items);
    g->white_tex = g->shadow_tex = g->shadow_fbo = 0;
    g->pbr_items = NULL;
}

static void ensure_resources(struct gfx *g, bool shadows)
{
    if (!g->white_tex) {
        const uint8_t white[4] = {255, 255, 255, 255};
        glCreateTextures(GL_TEXTURE_2D, 1, &g->white_tex);
        glTextureStorage2D(g->white_tex, 1, GL_RGBA8, 1, 1);
        glTextureSubImage2D(g->white_tex, 0, 0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, white);
    }
    /* A driver that cannot make the shadow framebuffer will not make it on
     * the next frame either: one try, one warning, nothing leaked. */
    if (shadows && !g->shadow_fbo && !g->shadow_failed) {
        g->shadow_size = SHADOW_SIZE;
        glCreateTextures(GL_TEXTURE_2D, 1, &g->shadow_tex);
        glTextureStorage2D(g->shadow_tex, 1, GL_DEPTH_COMPONENT24, g->shadow_size, g->shadow_size);
        glTextureParameteri(g->shadow_tex, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTextureParameteri(g->shadow_tex, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTextureParameteri(g->shadow_tex, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTextureParameteri(g->shadow_tex, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glTextureParameteri(g->shadow_tex, GL_TEXTURE_COMPARE_MODE, GL_COMPARE_REF_TO_TEXTURE);
        glTextureParameteri(g->shadow_tex, GL_TEXTURE_COMPARE_FUNC, GL_LEQUAL);
        glCreateFramebuffers(1, &g->shadow_fbo);
        glNamedFramebufferTexture(g->shadow_fbo, GL_DEPTH_ATTACHMENT, g->shadow_tex, 0);
        glNamedFramebufferDrawBuffer(g->shadow_fbo, GL_NONE);
        glNamedFramebufferReadBuffer(g->shadow_fbo, GL_NONE);
        if (glCheckNamedFramebufferStatus(g->shadow_fbo, GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
            LOG_W("shadow map framebuffer incomplete; drawing without shadows");
            glDeleteFramebuffers(1, &g->shadow_fbo);
            glDeleteTextures(1, &g->shadow_tex);
            g->shadow_fbo = g->shadow_tex = 0;
            g->shadow_failed = true;
        }
    }
}

static const struct gfx_mesh_slot *valid_mesh(const struct gfx *g, struct gfx_mesh h)
{
    if (h.id == 0 || h.id > g->mesh_count) return NULL;
    const struct gfx_mesh_slot *m = &g->meshes[h.id - 1];
    return m->state == GFX_STATE_VALID ? m : NULL;
}

static void world_box(const struct gfx_mesh_slot *m, const float (*world)[4], vec3 box[2])
{
    glm_vec3_copy((float *)m->bounds_min, box[0]);
    glm_vec3_copy((float *)m->bounds_max, box[1]);
    mat4 w;
    glm_mat4_copy((vec4 *)world, w);
    glm_aabb_transform(box, w, box);
}

/* Orthographic light view around everything drawn, so the shadow map's
 * texels are spent on the scene and nothing outside can cast into it. */
static bool light_matrix(struct gfx *g, const struct gfx_pbr_draw *draws, size_t n, mat4 out)
{
    vec3 lo = {FLT_MAX, FLT_MAX, FLT_MAX}, hi = {-FLT_MAX, -FLT_MAX, -FLT_MAX};
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const struct gfx_mesh_slot *m = valid_mesh(g, draws[i].mesh);
        if (!m) continue;
        vec3 box[2];
        world_box(m, (const float (*)[4])draws[i].world_from_model, box);
        glm_vec3_minv(lo, box[0], lo);
        glm_vec3_maxv(hi, box[1], hi);
        any = true;
    }
    if (!any) return false;
    vec3 center, l, eye, up = {0, 1, 0};
    glm_vec3_center(lo, hi, center);
    float radius = glm_vec3_distance(lo, hi) * 0.5f + 1e-3f;
    glm_vec3_normalize_to(g->view.light_direction, l);
    if (fabsf(l[1]) > 0.99f) glm_vec3_copy((vec3){0, 0, 1}, up);
    glm_vec3_scale(l, radius * 2.0f, eye);
    glm_vec3_add(center, eye, eye);
    mat4 view, proj;
    glm_lookat(eye, center, up, view);
    glm_ortho(-radius, radius, -radius, radius, radius * 0.5f, radius * 3.5f, proj);
    glm_mat4_mul(proj, view, out);
    return true;
}

static void uv_matrix(const struct gfx_texture_ref *r, float out[9]);
static GLuint texture_or_zero(const struct gfx *g, struct gfx_texture t);

static void shadow_pass(struct gfx *g, const struct gfx_pbr_draw *draws, size_t n, mat4 light)
{
    glBindFramebuffer(GL_FRAMEBUFFER, g->shadow_fbo);
    glViewport(0, 0, g->shadow_size, g->shadow_size);
    glClearDepth(1.0);
    glClear(GL_DEPTH_BUFFER_BIT);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDepthMask(GL_TRUE);
    glDisable(GL_CULL_FACE);
    glDisable(GL_BLEND);
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(1.5f, 2.0f);
    glUseProgram(g->shadow_program);
    for (size_t i = 0; i < n; i++) {
        const struct gfx_mesh_slot *m = valid_mesh(g, draws[i].mesh);
        const struct gfx_material *mat = draws[i].material;
        if (!m || (mat && mat->alpha_mode == GFX_ALPHA_BLEND)) continue;
        mat4 w, lm;
        glm_mat4_copy((vec4 *)draws[i].world_from_model, w);
        glm_mat4_mul(light, w, lm);
        glUniformMatrix4fv(US_LIGHT_CLIP_FROM_MODEL, 1, GL_FALSE, (const float *)lm);
        /* Cut-out shadows for masked materials: same test as the main pass. */
        bool masked = mat && mat->alpha_mode == GFX_ALPHA_MASK;
        glUniform1i(US_MASK, masked);
        if (masked) {
            float xf[9];
            uv_matrix(&mat->base_color_tex, xf);
            GLuint tex = texture_or_zero(g, mat->base_color_tex.tex);
            glBindTextureUnit(0, tex ? tex : g->white_tex);
            glUniformMatrix3fv(US_UV_XFORM, 1, GL_FALSE, xf);
            glUniform1i(US_UV_SET, (GLint)mat->base_color_tex.uv_set);
            glUniform1f(US_BASE_ALPHA, mat->base_color[3]);
            glUniform1f(US_ALPHA_CUTOFF, mat->alpha_cutoff);
        }
        glBindVertexArray(m->vao);
        glDrawElements(GL_TRIANGLES, m->index_count, GL_UNSIGNED_INT, NULL);
    }
    glDisable(GL_POLYGON_OFFSET_FILL);
    glBindVertexArray(0);
    glBindFramebuffer(GL_FRAMEBUFFER, g->target->is_window ? 0 : g->target->fbo);
    glViewport(0, 0, g->target->width, g->target->height);
}

/* uv' = T * R * S * uv, as KHR_texture_transform defines it. */
static void uv_matrix(const struct gfx_texture_ref *r, float out[9])
{
    float c = cosf(r->uv_rotation), s = sinf(r->uv_rotation);
    float sx = r->uv_scale[0], sy = r->uv_scale[1];
    /* Column-major mat3. */
    out[0] = c * sx; out[1] = -s * sx; out[2] = 0.0f;
    out[3] = s * sy; out[4] = c * sy;  out[5] = 0.0f;
    out[6] = r->uv_offset[0]; out[7] = r->uv_offset[1]; out[8] = 1.0f;
}

static GLuint texture_or_zero(const struct gfx *g, struct gfx_texture t)
{
    if (t.id == 0 || t.id > g->texture_count) return 0;
    const struct gfx_texture_slot *s = &g->textures[t.id - 1];
    return s->state == GFX_STATE_VALID ? s->tex : 0;
}

/* The variant features of a draw (texture bits in the order of the five
 * texture references). */
static unsigned features_of(const struct gfx *g, const struct gfx_mesh_slot *m, const struct gfx_material *mat,
                            bool shadow)
{
    const struct gfx_texture_ref *refs[5] = {&mat->base_color_tex, &mat->metal_rough_tex, &mat->normal_tex,
                                             &mat->occlusion_tex, &mat->emissive_tex};
    unsigned f = shadow ? GFX_PBR_SHADOW : 0;
    for (int i = 0; i < 5; i++)
        if (texture_or_zero(g, refs[i]->tex)) f |= 1u << i;
    if (mat->unlit) f |= GFX_PBR_UNLIT;
    if (mat->alpha_mode == GFX_ALPHA_MASK) f |= GFX_PBR_ALPHA_MASK;
    if (mat->alpha_mode == GFX_ALPHA_BLEND) f |= GFX_PBR_ALPHA_BLEND;
    if (m->has_colors) f |= GFX_PBR_VERTEX_COLOR;
    return f;
}

static void set_material(struct gfx *g, const struct gfx_pbr_variant *v, const struct gfx_material *mat,
                         unsigned features)
{
    const struct gfx_texture_ref *refs[5] = {&mat->base_color_tex, &mat->metal_rough_tex, &mat->normal_tex,
                                             &mat->occlusion_tex, &mat->emissive_tex};
    if (features & (GFX_PBR_BASE_TEX | GFX_PBR_MR_TEX | GFX_PBR_NORMAL_TEX | GFX_PBR_OCCLUSION_TEX |
                    GFX_PBR_EMISSIVE_TEX)) {
        float xforms[5][9];
        GLint sets[5];
        for (int i = 0; i < 5; i++) {
            GLuint tex = texture_or_zero(g, refs[i]->tex);
            if (tex) glBindTextureUnit((GLuint)i, tex);
            uv_matrix(refs[i], xforms[i]);
            sets[i] = (GLint)refs[i]->uv_set;
        }
        if (GFX_PBR_ACTIVE(v, U_UV_XFORM)) glUniformMatrix3fv(U_UV_XFORM, 5, GL_FALSE, &xforms[0][0]);
        if (GFX_PBR_ACTIVE(v, U_UV_SET)) glUniform1iv(U_UV_SET, 5, sets);
    }
    if (GFX_PBR_ACTIVE(v, U_BASE_COLOR)) glUniform4fv(U_BASE_COLOR, 1, mat->base_color);
    if (GFX_PBR_ACTIVE(v, U_METAL_ROUGH)) glUniform2f(U_METAL_ROUGH, mat->metallic, mat->roughness);
    if (GFX_PBR_ACTIVE(v, U_EMISSIVE)) glUniform3fv(U_EMISSIVE, 1, mat->emissive);
    if (GFX_PBR_ACTIVE(v, U_NORMAL_SCALE)) glUniform1f(U_NORMAL_SCALE, mat->normal_scale);
    if (GFX_PBR_ACTIVE(v, U_OCCLUSION)) glUniform1f(U_OCCLUSION, mat->occlusion_strength);
    if (GFX_PBR_ACTIVE(v, U_ALPHA_CUTOFF)) glUniform1f(U_ALPHA_CUTOFF, mat->alpha_cutoff);
}

/* The view's and light's uniforms, set whenever a draw switches program. */
static void set_pass_uniforms(struct gfx *g, const struct gfx_pbr_variant *v, mat4 light)
{
    glUseProgram(v->program);
    if (GFX_PBR_ACTIVE(v, U_CLIP_FROM_WORLD))
        glUniformMatrix4fv(U_CLIP_FROM_WORLD, 1, GL_FALSE, (const float *)g->clip_from_world);
    if (GFX_PBR_ACTIVE(v, U_LIGHT_CLIP)) glUniformMatrix4fv(U_LIGHT_CLIP, 1, GL_FALSE, (const float *)light);
    vec3 l;
    glm_vec3_normalize_to(g->view.light_direction, l);
    if (GFX_PBR_ACTIVE(v, U_LIGHT_DIR)) glUniform3fv(U_LIGHT_DIR, 1, l);
    if (GFX_PBR_ACTIVE(v, U_LIGHT_COLOR)) glUniform3fv(U_LIGHT_COLOR, 1, g->view.light_color);
    if (GFX_PBR_ACTIVE(v, U_CAMERA_POS)) glUniform3fv(U_CAMERA_POS, 1, g->view.camera_position);
    if (GFX_PBR_ACTIVE(v, U_SKY)) glUniform3fv(U_SKY, 1, g->view.sky_color);
    if (GFX_PBR_ACTIVE(v, U_GROUND)) glUniform3fv(U_GROUND, 1, g->view.ground_color);
}

static void draw_one(struct gfx *g, const struct gfx_pbr_draw *d, const struct gfx_material *def,
                     const struct gfx_pbr_item *it, const struct gfx_pbr_variant **current, mat4 light)
{
    const struct gfx_pbr_variant *v = gfx_pbr_variant(g, it->features);
    if (!v) return;
    if (v != *current) {
        set_pass_uniforms(g, v, light);
        *current = v;
    }
    const struct gfx_mesh_slot *m = valid_mesh(g, d->mesh);
    const struct gfx_material *mat = d->material ? d->material : def;
    mat4 world;
    glm_mat4_copy((vec4 *)d->world_from_model, world);
    mat3 normal;
    glm_mat4_pick3(world, normal);
    /* A mirroring transform turns counter-clockwise faces clockwise. */
    glFrontFace(glm_mat3_det(normal) < 0.0f ? GL_CW : GL_CCW);
    glm_mat3_inv(normal, normal);
    glm_mat3_transpose(normal);
    if (mat->double_sided) glDisable(GL_CULL_FACE);
    else glEnable(GL_CULL_FACE);
    glUniformMatrix4fv(U_WORLD_FROM_MODEL, 1, GL_FALSE, (const float *)world);
    glUniformMatrix3fv(U_NORMAL_MATRIX, 1, GL_FALSE, (const float *)normal);
    set_material(g, v, mat, it->features);
    glBindVertexArray(m->vao);
    glDrawElements(GL_TRIANGLES, m->index_count, GL_UNSIGNED_INT, NULL);
    g->stats.draws++;
    g->stats.triangles += (uint32_t)m->index_count / 3;
}

static int by_depth_far_first(const void *a, const void *b)
{
    const struct gfx_pbr_item *x = a, *y = b;
    if (x->depth != y->depth) return x->depth > y->depth ? -1 : 1;
    return x->draw < y->draw ? -1 : x->draw > y->draw;
}

/* Opaque draws: one program after another, and within one near to far, so
 * the depth test rejects hidden pixels before they are shaded. */
static int by_program_near_first(const void *a, const void *b)
{
    const struct gfx_pbr_item *x = a, *y = b;
    if (x->features != y->features) return x->features < y->features ? -1 : 1;
    if (x->depth != y->depth) return x->depth < y->depth ? -1 : 1;
    return x->draw < y->draw ? -1 : x->draw > y->draw;
}

static void hash_bytes(uint64_t *h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) *h = (*h ^ b[i]) * 0x100000001b3ull; /* FNV-1a */
}

/* Everything the shadow map depends on: the light's matrix and, for each
 * caster, its mesh (and vertex updates), matrix and cut-out parameters. */
static uint64_t shadow_key(const struct gfx *g, const struct gfx_pbr_draw *draws, size_t n, mat4 light)
{
    uint64_t h = 0xcbf29ce484222325ull;
    hash_bytes(&h, light, sizeof(mat4));
    for (size_t i = 0; i < n; i++) {
        const struct gfx_mesh_slot *m = valid_mesh(g, draws[i].mesh);
        const struct gfx_material *mat = draws[i].material;
        if (!m || (mat && mat->alpha_mode == GFX_ALPHA_BLEND)) continue;
        hash_bytes(&h, &draws[i].mesh.id, sizeof draws[i].mesh.id);
        hash_bytes(&h, &m->generation, sizeof m->generation);
        hash_bytes(&h, draws[i].world_from_model, sizeof(mat4));
        if (mat && mat->alpha_mode == GFX_ALPHA_MASK) {
            hash_bytes(&h, &mat->base_color_tex, sizeof mat->base_color_tex);
            hash_bytes(&h, &mat->base_color[3], sizeof mat->base_color[3]);
            hash_bytes(&h, &mat->alpha_cutoff, sizeof mat->alpha_cutoff);
        }
    }
    return h;
}

void gfx_draw_pbr(struct gfx *g, const struct gfx_pbr_draw *draws, size_t n, bool shadows)
{
    if (!g->target || n == 0) return;
    ensure_resources(g, shadows);
    if (n > g->pbr_item_cap) {
        g->pbr_item_cap = n * 2;
        g->pbr_items = xrealloc(g->pbr_items, g->pbr_item_cap * sizeof *g->pbr_items);
    }
    mat4 light = GLM_MAT4_IDENTITY_INIT;
    bool shadowed = shadows && g->shadow_fbo && light_matrix(g, draws, n, light);
    if (shadowed) {
        uint64_t key = shadow_key(g, draws, n, light);
        if (!g->shadow_valid || key != g->shadow_key) {
            shadow_pass(g, draws, n, light);
            g->shadow_key = key;
            g->shadow_valid = true;
            g->stats.shadow_redrawn = true;
        }
    }
    struct gfx_material def;
    gfx_material_default(&def);

    /* Visible draws, with their variant and the view depth of each box
     * centre for sorting. */
    size_t visible = 0;
    for (size_t i = 0; i < n; i++) {
        const struct gfx_mesh_slot *m = valid_mesh(g, draws[i].mesh);
        if (!m) continue;
        vec3 box[2], c, vc;
        world_box(m, (const float (*)[4])draws[i].world_from_model, box);
        if (!glm_aabb_frustum(box, g->frustum_planes)) {
            g->stats.culled++;
            continue;
        }
        glm_vec3_center(box[0], box[1], c);
        glm_mat4_mulv3(g->view.view_from_world, c, 1.0f, vc);
        const struct gfx_material *mat = draws[i].material ? draws[i].material : &def;
        g->pbr_items[visible++] = (struct gfx_pbr_item){(uint32_t)i, -vc[2], features_of(g, m, mat, shadowed)};
    }
    if (shadowed) glBindTextureUnit(5, g->shadow_tex);

    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glCullFace(GL_BACK);
    const struct gfx_pbr_variant *current = NULL;

    /* Blended draws to the front of the list, the rest after (both sorted
     * below, so the partition need not keep order). Opaque and masked are
     * drawn first, writing depth. */
    struct gfx_pbr_item *items = g->pbr_items;
    size_t blended = 0;
    for (size_t k = 0; k < visible; k++) {
        if (!(items[k].features & GFX_PBR_ALPHA_BLEND)) continue;
        struct gfx_pbr_item t = items[k];
        items[k] = items[blended];
        items[blended++] = t;
    }
    qsort(items + blended, visible - blended, sizeof *items, by_program_near_first);
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
    for (size_t k = blended; k < visible; k++) draw_one(g, &draws[items[k].draw], &def, &items[k], &current, light);
    /* Blended, far to near, testing but not writing depth. */
    qsort(items, blended, sizeof *items, by_depth_far_first);
    glDepthMask(GL_FALSE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    for (size_t k = 0; k < blended; k++) draw_one(g, &draws[items[k].draw], &def, &items[k], &current, light);
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
    glFrontFace(GL_CCW);
    glEnable(GL_CULL_FACE);
    glBindVertexArray(0);
}
