/* glb_writer.h — a minimal glTF 2.0 binary (GLB) writer for asset generators.
 *
 * Enough of glTF for static, low-poly scenes authored in code: named nodes
 * with TRS, one primitive per mesh (POSITION, NORMAL, 16- or 32-bit indices)
 * and metallic-roughness materials with constant factors. The output is a
 * pure function of the calls made, so the committed .glb can be checked
 * byte for byte against a fresh run: no time stamps, no hashes of pointers,
 * numbers rounded before they are printed.
 *
 *   struct glb *g = glb_new();
 *   uint32_t red = glb_material(g, "Red", (const float[4]){0.8f, 0, 0, 1}, 0.0f, 0.6f, NULL);
 *   uint32_t m = glb_mesh(g, "Box", &mesh_data, red);
 *   glb_node(g, GLB_ROOT, "Box", m, (const float[3]){0, 0.5f, 0}, NULL, NULL);
 *   glb_write(g, "out.glb", "gen_x");  glb_free(g);
 */
#ifndef PAJA_GLB_WRITER_H
#define PAJA_GLB_WRITER_H

#include "types.h"

#include <stdbool.h>
#include <stdint.h>

#define GLB_ROOT UINT32_MAX    /* parent of a scene root node */
#define GLB_NO_MESH UINT32_MAX /* a node without geometry (group, marker) */

struct glb;

struct glb *glb_new(void);
void glb_free(struct glb *g);

/* base: linear RGBA; emissive: linear RGB or NULL. Returns its index. A
 * material no mesh uses is not written. */
uint32_t glb_material(struct glb *g, const char *name, const float base[4], float metallic, float roughness,
                      const float emissive[3]);
/* Copies the mesh's positions, normals and indices; returns its index. */
uint32_t glb_mesh(struct glb *g, const char *name, const struct mesh_data *m, uint32_t material);
/* A node under parent (GLB_ROOT or an earlier node). t, r (unit quaternion
 * x y z w), s may be NULL for identity. Returns its index. */
uint32_t glb_node(struct glb *g, uint32_t parent, const char *name, uint32_t mesh, const float t[3],
                  const float r[4], const float s[3]);
/* Attaches a JSON string to the node's extras as key: value. */
void glb_node_extra(struct glb *g, uint32_t node, const char *key, const char *value);

uint32_t glb_triangle_count(const struct glb *g);
/* Writes the file; false with a message on stderr when it cannot. */
bool glb_write(const struct glb *g, const char *path, const char *generator);

#endif
