/* scene_ray.c — ray casts against mesh triangles, for picking what a hand or
 * cursor points at more precisely than bounding boxes can. */
#include "scene.h"

#include <float.h>
#include <math.h>

bool scene_ray_triangle(const vec3 origin, const vec3 dir, const vec3 a, const vec3 b, const vec3 c, float *out_t)
{
    vec3 e1, e2, p, tv, q;
    glm_vec3_sub((float *)b, (float *)a, e1);
    glm_vec3_sub((float *)c, (float *)a, e2);
    glm_vec3_cross((float *)dir, e2, p);
    float det = glm_vec3_dot(e1, p);
    /* Relative epsilon: the scene's units and the ray length vary. */
    float scale = glm_vec3_norm(e1) * glm_vec3_norm(e2) * glm_vec3_norm((float *)dir);
    if (fabsf(det) <= 1e-12f * scale || scale == 0.0f) return false;
    float inv = 1.0f / det;
    glm_vec3_sub((float *)origin, (float *)a, tv);
    float u = glm_vec3_dot(tv, p) * inv;
    if (u < 0.0f || u > 1.0f) return false;
    glm_vec3_cross(tv, e1, q);
    float v = glm_vec3_dot((float *)dir, q) * inv;
    if (v < 0.0f || u + v > 1.0f) return false;
    float t = glm_vec3_dot(e2, q) * inv;
    if (t < 0.0f) return false;
    *out_t = t;
    return true;
}

uint32_t scene_ray_pick_mesh(const struct scene *s, const vec3 origin, const vec3 dir, float *out_t, vec3 out_normal)
{
    return scene_ray_pick_mesh_filtered(s, origin, dir, NULL, NULL, out_t, out_normal);
}

uint32_t scene_ray_pick_mesh_filtered(const struct scene *s, const vec3 origin, const vec3 dir,
                                      scene_node_filter_fn keep, void *user, float *out_t, vec3 out_normal)
{
    uint32_t best = SCENE_NOT_FOUND;
    float best_t = FLT_MAX;
    vec3 best_n = {0, 1, 0};
    for (uint32_t i = 0; i < s->node_count; i++) {
        const struct scene_node *n = &s->nodes[i];
        if (!n->visible || scene_node_mesh_count(n) == 0) continue;
        if (keep && !keep(s, i, user)) continue;
        vec3 bmin, bmax;
        float tb;
        /* Cheap rejection first: world bounds, and nothing nearer than the
         * best hit so far can come from a box entered behind it. */
        if (!scene_node_bounds(s, i, bmin, bmax) || !scene_ray_aabb(origin, dir, bmin, bmax, &tb) || tb > best_t)
            continue;
        /* Into model space: with an affine inverse, t is unchanged. */
        mat4 w, inv;
        glm_mat4_copy((vec4 *)n->world, w);
        glm_mat4_inv(w, inv);
        vec3 o, d;
        glm_mat4_mulv3(inv, (float *)origin, 1.0f, o);
        glm_mat4_mulv3(inv, (float *)dir, 0.0f, d);
        for (uint32_t k = 0; k < scene_node_mesh_count(n); k++) {
            const struct mesh_data *m = &s->meshes[n->mesh + k];
            for (uint32_t t3 = 0; t3 + 2 < m->index_count; t3 += 3) {
                uint32_t ia = m->indices[t3], ib = m->indices[t3 + 1], ic = m->indices[t3 + 2];
                if (ia >= m->vertex_count || ib >= m->vertex_count || ic >= m->vertex_count) continue;
                float t;
                const float *a = m->vertices[ia].position, *b = m->vertices[ib].position, *c = m->vertices[ic].position;
                if (scene_ray_triangle(o, d, a, b, c, &t) && t < best_t) {
                    best_t = t;
                    best = i;
                    vec3 e1, e2, nm;
                    glm_vec3_sub((float *)b, (float *)a, e1);
                    glm_vec3_sub((float *)c, (float *)a, e2);
                    glm_vec3_cross(e1, e2, nm);
                    /* Normals go by the inverse transpose. */
                    mat3 nmat;
                    glm_mat4_pick3(inv, nmat);
                    glm_mat3_transpose(nmat);
                    glm_mat3_mulv(nmat, nm, best_n);
                    glm_vec3_normalize(best_n);
                    if (glm_vec3_dot(best_n, (float *)dir) > 0.0f) glm_vec3_negate(best_n);
                }
            }
        }
    }
    if (best != SCENE_NOT_FOUND) {
        if (out_t) *out_t = best_t;
        if (out_normal) glm_vec3_copy(best_n, out_normal);
    }
    return best;
}
