/* app_scene_gltf.c — a scenario's .glb scene into the scene graph and gfx
 * materials, and a session's PBR draws.
 *
 * The glTF → gfx material and texture mapping lives here once; `paja view`
 * (app_view.c) uses it too. */
#define LOG_TAG "app"
#include "app_scene_gltf.h"

#include "arena.h"
#include "image.h"
#include "log.h"

#include <stdio.h>
#include <string.h>

static struct gfx_texture texture_for(struct app_scene_gltf *g, struct gfx *gx, uint32_t tex, bool srgb)
{
    struct gfx_texture none = {0};
    const struct gltf_asset *m = &g->model;
    if (tex == GLTF_NONE || tex >= m->textures_count) return none;
    struct gfx_texture *cache = srgb ? g->tex_srgb : g->tex_linear;
    if (cache[tex].id) return cache[tex];
    const struct gltf_texture *t = &m->textures[tex];
    struct image img = {0};
    char err[512] = "no image";
    struct gfx_sampler_desc sd = {0};
    if (t->sampler != GLTF_NONE) {
        const struct gltf_sampler *s = &m->samplers[t->sampler];
        sd = (struct gfx_sampler_desc){s->mag_filter, s->min_filter, s->wrap_s, s->wrap_t};
    }
    if (t->image == GLTF_NONE || !gltf_image_decode(m, t->image, &img, err, sizeof err))
        LOG_W("texture %u: %s; drawn as white", tex, err);
    cache[tex] = gfx_texture_create_rgba8(gx, img.width, img.height, img.rgba, srgb, &sd);
    image_free(&img);
    return cache[tex];
}

static void texture_ref(struct app_scene_gltf *g, struct gfx *gx, const struct gltf_texture_ref *in, bool srgb,
                        struct gfx_texture_ref *out)
{
    out->tex = texture_for(g, gx, in->texture, srgb);
    out->uv_set = in->texcoord <= 1 ? in->texcoord : 0;
    if (in->texcoord > 1) LOG_W("TEXCOORD_%u is not supported; using TEXCOORD_0", in->texcoord);
    if (in->has_transform) {
        memcpy(out->uv_offset, in->offset, sizeof out->uv_offset);
        out->uv_rotation = in->rotation;
        memcpy(out->uv_scale, in->uv_scale, sizeof out->uv_scale);
    }
}

static void material_convert(struct app_scene_gltf *g, struct gfx *gx, const struct gltf_material *in,
                             struct gfx_material *out)
{
    gfx_material_default(out);
    memcpy(out->base_color, in->base_color, sizeof out->base_color);
    out->metallic = in->metallic;
    out->roughness = in->roughness;
    for (int k = 0; k < 3; k++) out->emissive[k] = in->emissive[k] * in->emissive_strength;
    out->normal_scale = in->normal_tex.scale;
    out->occlusion_strength = in->occlusion_tex.scale;
    out->alpha_cutoff = in->alpha_cutoff;
    out->alpha_mode = in->alpha_mode == GLTF_ALPHA_BLEND  ? GFX_ALPHA_BLEND
                      : in->alpha_mode == GLTF_ALPHA_MASK ? GFX_ALPHA_MASK
                                                          : GFX_ALPHA_OPAQUE;
    out->double_sided = in->double_sided;
    out->unlit = in->unlit;
    texture_ref(g, gx, &in->base_color_tex, true, &out->base_color_tex);
    texture_ref(g, gx, &in->metal_rough_tex, false, &out->metal_rough_tex);
    texture_ref(g, gx, &in->normal_tex, false, &out->normal_tex);
    texture_ref(g, gx, &in->occlusion_tex, false, &out->occlusion_tex);
    texture_ref(g, gx, &in->emissive_tex, true, &out->emissive_tex);
}

bool app_scene_gltf_load(struct app_scene_gltf *g, const char *path, struct scene *s, struct arena *a, char *err,
                         size_t err_size)
{
    memset(g, 0, sizeof *g);
    if (!gltf_load_file(path, a, &g->model, err, err_size)) return false;
    if (!scene_gltf_add(s, &g->model, SCENE_NO_PARENT, &g->sg, err, err_size)) return false;
    scene_update_world(s);
    g->loaded = true;
    return true;
}

void app_scene_gltf_upload(struct app_scene_gltf *g, const struct scene *s, struct gfx *gx, struct arena *a)
{
    uint32_t nt = g->loaded ? g->model.textures_count : 0;
    g->tex_srgb = ARENA_PUSH_ARRAY(a, struct gfx_texture, nt + 1);
    g->tex_linear = ARENA_PUSH_ARRAY(a, struct gfx_texture, nt + 1);
    g->materials = ARENA_PUSH_ARRAY(a, struct gfx_material, s->material_count + 1);
    for (uint32_t i = 0; i < s->material_count; i++) material_convert(g, gx, &s->materials[i], &g->materials[i]);
}

size_t app_scene_pbr_draws(const struct app_scene_gltf *g, const struct scene *s, const struct gfx_mesh *meshes,
                           const bool *hidden, const bool *hovered, const bool *guided, struct arena *frame,
                           struct gfx_pbr_draw **out)
{
    size_t cap = 0;
    for (uint32_t i = 0; i < s->node_count; i++)
        if (s->nodes[i].mesh != SCENE_NO_MESH) cap += scene_node_mesh_count(&s->nodes[i]);
    struct gfx_pbr_draw *d = ARENA_PUSH_ARRAY(frame, struct gfx_pbr_draw, cap + 1);
    struct gfx_material *mats = ARENA_PUSH_ARRAY(frame, struct gfx_material, cap + 1);
    size_t n = 0;
    for (uint32_t i = 0; i < s->node_count; i++) {
        const struct scene_node *node = &s->nodes[i];
        if (!node->visible || node->mesh == SCENE_NO_MESH || (hidden && hidden[i])) continue;
        for (uint32_t k = 0; k < scene_node_mesh_count(node); k++) {
            uint32_t mi = node->mesh + k;
            uint32_t mat = s->mesh_material[mi];
            struct gfx_material *m = &mats[n];
            if (mat != SCENE_NO_MATERIAL && g->materials) {
                *m = g->materials[mat];
            } else {
                /* Built-in and placeholder shapes: their node colour. */
                gfx_material_default(m);
                glm_vec4_copy((float *)node->color, m->base_color);
                m->metallic = 0.0f;
                m->roughness = 0.7f;
            }
            /* Emissive tints keep the material's own look and read in
             * any lighting: a faint glow under the pointer, amber on what
             * the current guided step needs (outlined too, app_guidance). */
            if (hovered && hovered[i]) glm_vec3_adds(m->emissive, 0.06f, m->emissive);
            if (guided && guided[i]) glm_vec3_add(m->emissive, (vec3){0.20f, 0.11f, 0.0f}, m->emissive);
            d[n].mesh = meshes[mi];
            glm_mat4_copy((vec4 *)node->world, d[n].world_from_model);
            d[n].material = m;
            n++;
        }
    }
    *out = d;
    return n;
}
