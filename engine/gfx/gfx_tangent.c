/* gfx_tangent.c — tangent frames for normal mapping when a mesh has none
 * (glTF §3.7.2.1 asks for MikkTSpace; this is the classic per-triangle UV
 * gradient method, accumulated per vertex and orthogonalised against the
 * normal, which matches MikkTSpace on well-behaved UV layouts). */
#include "gfx_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void gfx_tangents_generate(const struct mesh_data *m, struct gfx_vertex_extra *out)
{
    uint32_t n = m->vertex_count;
    float (*tan)[3] = calloc(n ? n : 1, sizeof *tan);
    float (*bit)[3] = calloc(n ? n : 1, sizeof *bit);
    if (!tan || !bit) {
        free(tan);
        free(bit);
        for (uint32_t i = 0; i < n; i++) memset(out[i].tangent, 0, sizeof out[i].tangent);
        return;
    }
    for (uint32_t t = 0; t + 2 < m->index_count; t += 3) {
        uint32_t i0 = m->indices[t], i1 = m->indices[t + 1], i2 = m->indices[t + 2];
        if (i0 >= n || i1 >= n || i2 >= n) continue;
        const struct mesh_vertex *a = &m->vertices[i0], *b = &m->vertices[i1], *c = &m->vertices[i2];
        float e1[3], e2[3];
        for (int k = 0; k < 3; k++) {
            e1[k] = b->position[k] - a->position[k];
            e2[k] = c->position[k] - a->position[k];
        }
        float du1 = b->uv[0] - a->uv[0], dv1 = b->uv[1] - a->uv[1];
        float du2 = c->uv[0] - a->uv[0], dv2 = c->uv[1] - a->uv[1];
        float det = du1 * dv2 - du2 * dv1;
        if (fabsf(det) < 1e-12f) continue;
        float r = 1.0f / det;
        for (int k = 0; k < 3; k++) {
            /* t = dP/du, b = dP/dv. */
            float tk = (e1[k] * dv2 - e2[k] * dv1) * r;
            float bk = (e2[k] * du1 - e1[k] * du2) * r;
            tan[i0][k] += tk; tan[i1][k] += tk; tan[i2][k] += tk;
            bit[i0][k] += bk; bit[i1][k] += bk; bit[i2][k] += bk;
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        vec3 nm, t, b, tmp;
        glm_vec3_copy((float *)m->vertices[i].normal, nm);
        glm_vec3_copy(tan[i], t);
        glm_vec3_copy(bit[i], b);
        /* Gram-Schmidt: t ⟂ n. */
        glm_vec3_scale(nm, glm_vec3_dot(nm, t), tmp);
        glm_vec3_sub(t, tmp, t);
        float len = glm_vec3_norm(t);
        if (len < 1e-8f) {
            /* No usable UV gradient: any vector perpendicular to n. */
            vec3 axis = {1, 0, 0};
            if (fabsf(nm[0]) > 0.9f) glm_vec3_copy((vec3){0, 1, 0}, axis);
            glm_vec3_cross(nm, axis, t);
            len = glm_vec3_norm(t);
            if (len < 1e-8f) len = 1.0f;
        }
        glm_vec3_scale(t, 1.0f / len, t);
        vec3 c;
        glm_vec3_cross(nm, t, c);
        out[i].tangent[0] = t[0];
        out[i].tangent[1] = t[1];
        out[i].tangent[2] = t[2];
        /* glTF normal maps are +Y up in the image, and v grows downwards,
         * so the bitangent cross(n, t) * w must point along -dP/dv. */
        out[i].tangent[3] = glm_vec3_dot(c, b) > 0.0f ? -1.0f : 1.0f;
    }
    free(tan);
    free(bit);
}
