/* shapes.c — see shapes.h. */
#include "shapes.h"

#include "scene.h"

#include <math.h>
#include <stdio.h>

#define PI_F 3.14159265358979323846f

const quat Q_ID = {0.0f, 0.0f, 0.0f, 1.0f};

void q_axis(quat out, float ax, float ay, float az, float deg)
{
    float h = deg * PI_F / 360.0f, s = sinf(h);
    out[0] = ax * s;
    out[1] = ay * s;
    out[2] = az * s;
    out[3] = cosf(h);
}

void q_mul(quat out, const quat a, const quat b)
{
    quat r;
    r[0] = a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1];
    r[1] = a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0];
    r[2] = a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3];
    r[3] = a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2];
    for (int i = 0; i < 4; i++) out[i] = r[i];
}

static uint32_t part(struct shapes *s, uint32_t parent, const char *name, struct mesh_data m, uint32_t mat, float x,
                     float y, float z, const float *q)
{
    uint32_t mesh = glb_mesh(s->g, name, &m, mat);
    return glb_node(s->g, parent, name, mesh, (const float[3]){x, y, z}, q, NULL);
}

uint32_t sh_group(struct shapes *s, uint32_t parent, const char *name, float x, float y, float z, const float *q)
{
    return glb_node(s->g, parent, name, GLB_NO_MESH, (const float[3]){x, y, z}, q, NULL);
}

uint32_t sh_box(struct shapes *s, uint32_t parent, const char *name, uint32_t mat, float sx, float sy, float sz,
                float x, float y, float z, const float *q)
{
    return part(s, parent, name, scene_mesh_box(s->a, sx, sy, sz), mat, x, y, z, q);
}

uint32_t sh_cyl(struct shapes *s, uint32_t parent, const char *name, uint32_t mat, float r, float h, int seg,
                float x, float y, float z, const float *q)
{
    return part(s, parent, name, scene_mesh_cylinder(s->a, r, h, seg), mat, x, y, z, q);
}

uint32_t sh_cone(struct shapes *s, uint32_t parent, const char *name, uint32_t mat, float r, float h, int seg,
                 float x, float y, float z, const float *q)
{
    return part(s, parent, name, scene_mesh_cone(s->a, r, h, seg), mat, x, y, z, q);
}

uint32_t sh_rod(struct shapes *s, uint32_t parent, const char *name, uint32_t mat, const float a[3],
                const float b[3], float r, int seg)
{
    float d[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
    float len = sqrtf(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
    for (int k = 0; k < 3; k++) d[k] /= len;
    /* The shortest arc from +Y to d: axis +Y x d, half-angle quaternion
     * (cross, 1 + dot) normalised; straight down needs a fixed axis. */
    quat q;
    if (d[1] < -0.9999f) {
        q_axis(q, 1.0f, 0.0f, 0.0f, 180.0f);
    } else {
        q[0] = d[2];
        q[1] = 0.0f;
        q[2] = -d[0];
        q[3] = 1.0f + d[1];
        float n = sqrtf(q[0] * q[0] + q[2] * q[2] + q[3] * q[3]);
        for (int k = 0; k < 4; k++) q[k] /= n;
    }
    return sh_cyl(s, parent, name, mat, r, len, seg, (a[0] + b[0]) * 0.5f, (a[1] + b[1]) * 0.5f,
                  (a[2] + b[2]) * 0.5f, q);
}

uint32_t sh_cable(struct shapes *s, uint32_t parent, const char *name, uint32_t mat, const float (*pts)[3], int n,
                  float r)
{
    uint32_t grp = sh_group(s, parent, name, 0, 0, 0, NULL);
    char buf[96];
    for (int i = 0; i + 1 < n; i++) {
        snprintf(buf, sizeof buf, "%s_%d", name, i + 1);
        sh_rod(s, grp, buf, mat, pts[i], pts[i + 1], r, 10);
        /* A ball at each bend hides the gap between the rods. */
        if (i + 2 < n) {
            snprintf(buf, sizeof buf, "%s_Bend_%d", name, i + 1);
            part(s, grp, buf, scene_mesh_sphere(s->a, r, 10, 5), mat, pts[i + 1][0], pts[i + 1][1], pts[i + 1][2],
                 NULL);
        }
    }
    return grp;
}
