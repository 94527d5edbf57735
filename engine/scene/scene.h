/* scene.h — the node tree the runtime reasons about.
 *
 * Nodes keep their names and hierarchy (grab and snap targets are nodes), a
 * local TRS and a cached world matrix. A node may show one mesh with one base
 * colour. Everything lives in the arena passed to scene_init and is valid
 * until that arena is cleared.
 *
 *   struct scene s; scene_init(&s, &scenario_arena);
 *   uint32_t bench = scene_node_add(&s, SCENE_NO_PARENT, "bench");
 *   s.nodes[bench].translation[1] = 0.8f;
 *   scene_update_world(&s);
 */
#ifndef PAJA_SCENE_H
#define PAJA_SCENE_H

#include "types.h"

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct gltf_material;

#define SCENE_NO_PARENT UINT32_MAX
#define SCENE_NO_MESH UINT32_MAX
#define SCENE_NOT_FOUND UINT32_MAX
#define SCENE_NO_MATERIAL UINT32_MAX

struct scene_node {
    const char *name;       /* unique within the scene for lookups; may be "" */
    uint32_t parent;        /* index, or SCENE_NO_PARENT for a root */
    vec3 translation;
    versor rotation;        /* [x, y, z, w] */
    vec3 scale;
    mat4 world;             /* world_from_node; valid after scene_update_world */
    uint32_t mesh;          /* index into scene.meshes, or SCENE_NO_MESH */
    uint32_t mesh_count;    /* meshes mesh .. mesh+mesh_count-1 (one per glTF
                               primitive); 0 is read as 1 when mesh is set */
    vec4 color;             /* linear RGBA base colour of its mesh */
    const char *extras_json;/* glTF node extras as JSON text, or NULL */
    bool visible;
};

struct scene {
    struct arena *arena;
    struct scene_node *nodes;
    uint32_t node_count, node_cap;
    struct mesh_data *meshes;
    uint32_t mesh_count, mesh_cap;
    /* Per mesh: index into materials, or SCENE_NO_MATERIAL (node colour). */
    uint32_t *mesh_material;
    /* glTF materials of loaded models (scene_gltf.c), in the scene's arena. */
    struct gltf_material *materials;
    uint32_t material_count;
};

void scene_init(struct scene *s, struct arena *a);
/* Adds a node with identity TRS, white, visible; returns its index. Parents
 * must be added before children, which keeps world updates a single pass. */
uint32_t scene_node_add(struct scene *s, uint32_t parent, const char *name);
/* Adds a mesh (copied by value; its arrays must outlive the scene). */
uint32_t scene_mesh_add(struct scene *s, const struct mesh_data *m);
uint32_t scene_node_find(const struct scene *s, const char *name);
/* Finds by slash-separated path of names from a root: "car/hv/service_plug". */
uint32_t scene_node_find_path(const struct scene *s, const char *path);
/* Whether node is root or lies below it (root's whole subtree: a held
 * object's parts, an instrument's display). False for indices out of range. */
bool scene_node_under(const struct scene *s, uint32_t node, uint32_t root);
void scene_update_world(struct scene *s);
/* World-space axis-aligned bounds of a node's own mesh. False if it has none. */
bool scene_node_bounds(const struct scene *s, uint32_t node, vec3 out_min, vec3 out_max);

/* The nearest visible mesh node whose world bounds the ray hits, or
 * SCENE_NOT_FOUND. dir need not be normalised; *out_t is in units of dir. */
uint32_t scene_ray_pick_bounds(const struct scene *s, const vec3 origin, const vec3 dir, float *out_t);
/* Slab test of a ray against an axis-aligned box; entry distance in *out_t. */
bool scene_ray_aabb(const vec3 origin, const vec3 dir, const vec3 bmin, const vec3 bmax, float *out_t);

/* How many meshes a node shows (see scene_node.mesh_count). */
uint32_t scene_node_mesh_count(const struct scene_node *n);

/* Ray against the triangles of every visible mesh node: the nearest hit's
 * node, or SCENE_NOT_FOUND. *out_t as for scene_ray_pick_bounds; out_normal
 * (may be NULL) gets the world-space face normal of the triangle hit, turned
 * to face the ray's origin (triangles are hit from both sides). */
uint32_t scene_ray_pick_mesh(const struct scene *s, const vec3 origin, const vec3 dir, float *out_t, vec3 out_normal);
/* Whether the pick may hit node (e.g. not the object in the picking hand). */
typedef bool (*scene_node_filter_fn)(const struct scene *s, uint32_t node, void *user);
/* scene_ray_pick_mesh over the nodes keep() accepts (all when keep is NULL). */
uint32_t scene_ray_pick_mesh_filtered(const struct scene *s, const vec3 origin, const vec3 dir,
                                      scene_node_filter_fn keep, void *user, float *out_t, vec3 out_normal);
/* Möller–Trumbore ray/triangle test (both faces); distance in *out_t. */
bool scene_ray_triangle(const vec3 origin, const vec3 dir, const vec3 a, const vec3 b, const vec3 c, float *out_t);

/* Procedural meshes (scene_prims.c), centred on the origin, into the arena. */
struct mesh_data scene_mesh_box(struct arena *a, float sx, float sy, float sz);
struct mesh_data scene_mesh_cylinder(struct arena *a, float radius, float height, int segments);
struct mesh_data scene_mesh_cone(struct arena *a, float radius, float height, int segments);
struct mesh_data scene_mesh_sphere(struct arena *a, float radius, int segments, int rings);

#endif
