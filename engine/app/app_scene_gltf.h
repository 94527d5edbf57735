/* app_scene_gltf.h — a session's glTF scene and its PBR draws (app-internal). */
#ifndef PAJA_APP_SCENE_GLTF_H
#define PAJA_APP_SCENE_GLTF_H

#include "gfx.h"
#include "gltf.h"
#include "scene.h"
#include "scene_gltf.h"

#include <stdbool.h>
#include <stddef.h>

struct arena;

struct app_scene_gltf {
    bool loaded;
    struct gltf_asset model;
    struct scene_gltf sg;
    struct gfx_material *materials;          /* per scene material */
    struct gfx_texture *tex_srgb, *tex_linear; /* per glTF texture, on first use */
};

/* Reads path (.glb/.gltf) into s (arena a). False with err on failure. */
bool app_scene_gltf_load(struct app_scene_gltf *g, const char *path, struct scene *s, struct arena *a, char *err,
                         size_t err_size);
/* Makes gfx materials (and their textures) for the scene's materials. */
void app_scene_gltf_upload(struct app_scene_gltf *g, const struct scene *s, struct gfx *gx, struct arena *a);
/* Every visible mesh as a PBR draw: glTF materials where the mesh has
 * one, else its node colour. hidden/hovered/guided are per-node flags (or
 * NULL). Returns the count; *out lives in frame. */
size_t app_scene_pbr_draws(const struct app_scene_gltf *g, const struct scene *s, const struct gfx_mesh *meshes,
                           const bool *hidden, const bool *hovered, const bool *guided, struct arena *frame,
                           struct gfx_pbr_draw **out);

#endif
