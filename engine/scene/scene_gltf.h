/* scene_gltf.h — a loaded glTF asset as scene nodes and meshes, with TRS
 * animation sampling and CPU skinning / morphing for a posed frame.
 *
 *   struct gltf_asset m;  gltf_load_file(path, &arena, &m, err, n);
 *   struct scene_gltf g;  scene_gltf_add(&scene, &m, SCENE_NO_PARENT, &g, err, n);
 *   scene_gltf_animate(&scene, &g, 0, 1.25f);   // TRS + weights at t = 1.25 s
 *   scene_update_world(&scene);
 *   scene_gltf_deform(&scene, &g);              // skins and morph targets
 *
 * Every glTF node of the default scene becomes a scene node with the same
 * name and hierarchy (extras kept as JSON text); each mesh primitive becomes
 * a scene mesh (triangles; strips and fans unrolled; points and lines
 * skipped with one warning), with its glTF material. Meshes of skinned or
 * morphed nodes are private copies so deforming one instance leaves others
 * alone. Everything lives in the scene's arena; the asset must outlive it. */
#ifndef PAJA_SCENE_GLTF_H
#define PAJA_SCENE_GLTF_H

#include "gltf.h"
#include "scene.h"

/* One deformable primitive instance: which scene mesh it fills and, per
 * converted vertex, which glTF vertex it came from. */
struct scene_gltf_prim {
    uint32_t scene_mesh, mesh, prim;
    uint32_t *src;  /* vertex_count entries */
    bool flat;      /* no NORMAL: face normals recomputed after deforming */
};

struct scene_gltf {
    const struct gltf_asset *asset;
    uint32_t *node_of;        /* glTF node → scene node, SCENE_NOT_FOUND if not loaded */
    uint32_t *gltf_node_of;   /* scene node - first_node → glTF node */
    uint32_t first_node, node_count;
    uint32_t first_material;  /* glTF material i is scene material first_material + i */
    /* Per glTF node: current morph weights (target_count floats, or NULL). */
    float **weights;
    /* Per glTF node: its deformable primitives (skinned or with morph
     * targets), or NULL when its meshes are shared and static. */
    struct scene_gltf_prim **deform;
    uint32_t skipped_primitives; /* points/lines, not drawn */
};

/* Adds the asset's default scene (all root nodes when it has none) under
 * parent. An empty default scene adds nothing and succeeds. Primitives that
 * cannot be drawn (points, lines, no POSITION) are counted in
 * skipped_primitives, not errors. The bool and err are for failures a
 * validated asset cannot produce today; callers check them anyway. */
bool scene_gltf_add(struct scene *s, const struct gltf_asset *m, uint32_t parent, struct scene_gltf *out, char *err,
                    size_t err_size);
/* Samples animation anim at time t (seconds, clamped to its range) into
 * node TRS and morph weights. */
void scene_gltf_animate(struct scene *s, struct scene_gltf *g, uint32_t anim, float t);
/* Recomputes positions and normals of skinned and morphed meshes from the
 * current world matrices (call scene_update_world first) and weights. */
void scene_gltf_deform(struct scene *s, struct scene_gltf *g);

/* Samples one animation sampler at time t into out (components floats per
 * key value: 3 for translation/scale, 4 for rotation, target count for
 * weights). Rotations are slerped (LINEAR) and normalised. */
void scene_gltf_sample(const struct gltf_asset *m, const struct gltf_anim_sampler *s, uint32_t components, bool rotation,
                       float t, float *out);

#endif
