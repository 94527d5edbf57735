/* shapes.h — modelling helpers for the asset generators: quaternions, and
 * parts (a primitive mesh on a named node) added to a glb_writer scene.
 * Meshes come from scene_prims.c (boxes, cylinders and cones centred on
 * their origin, cylinders along +Y), so the generators and the runtime's
 * built-in shapes share one implementation. */
#ifndef PAJA_SHAPES_H
#define PAJA_SHAPES_H

#include "arena.h"
#include "glb_writer.h"

struct shapes {
    struct glb *g;
    struct arena *a; /* scratch for the primitive meshes */
};

typedef float quat[4]; /* x y z w */

extern const quat Q_ID;

/* Rotation of deg degrees about the axis (unit vector). */
void q_axis(quat out, float ax, float ay, float az, float deg);
/* out = a * b (b applied first). out may alias a or b. */
void q_mul(quat out, const quat a, const quat b);

/* A node without geometry at (x, y, z) with rotation q (NULL: none). */
uint32_t sh_group(struct shapes *s, uint32_t parent, const char *name, float x, float y, float z, const float *q);
/* A box of size sx*sy*sz centred at (x, y, z) in the parent's space. */
uint32_t sh_box(struct shapes *s, uint32_t parent, const char *name, uint32_t mat, float sx, float sy, float sz,
                float x, float y, float z, const float *q);
/* A cylinder of radius r and height h along the node's Y, centred. */
uint32_t sh_cyl(struct shapes *s, uint32_t parent, const char *name, uint32_t mat, float r, float h, int seg,
                float x, float y, float z, const float *q);
/* A cone (tip up along Y), centred. */
uint32_t sh_cone(struct shapes *s, uint32_t parent, const char *name, uint32_t mat, float r, float h, int seg,
                 float x, float y, float z, const float *q);
/* A cylinder of radius r from point a to point b (parent space): cables,
 * pillars, probe shafts. */
uint32_t sh_rod(struct shapes *s, uint32_t parent, const char *name, uint32_t mat, const float a[3],
                const float b[3], float r, int seg);
/* A polyline of rods through n points, named NAME_1, NAME_2, ... under a
 * group NAME: cables with bends. */
uint32_t sh_cable(struct shapes *s, uint32_t parent, const char *name, uint32_t mat, const float (*pts)[3], int n,
                  float r);

#endif
