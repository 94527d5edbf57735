/* gltf_access.c — reading a loaded asset: accessor elements as floats or
 * integers, node matrices, world transforms, bounds and image decoding. All
 * reads go through ranges checked at load time. */
#include "gltf_internal.h"

#include "image.h"
#include "types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static float component_float(const uint8_t *p, uint32_t ct, bool normalized)
{
    switch (ct) {
    case GLTF_BYTE: { float v = (float)(int8_t)p[0]; return normalized ? glm_max(v / 127.0f, -1.0f) : v; }
    case GLTF_UNSIGNED_BYTE: return normalized ? p[0] / 255.0f : (float)p[0];
    case GLTF_SHORT: { int16_t v; memcpy(&v, p, 2); return normalized ? glm_max(v / 32767.0f, -1.0f) : (float)v; }
    case GLTF_UNSIGNED_SHORT: { uint16_t v; memcpy(&v, p, 2); return normalized ? v / 65535.0f : (float)v; }
    case GLTF_UNSIGNED_INT: { uint32_t v; memcpy(&v, p, 4); return (float)v; }
    default: { float v; memcpy(&v, p, 4); return v; }
    }
}

bool gltf_accessor_read_float(const struct gltf_asset *m, uint32_t acc, uint32_t i, float *out, uint32_t n)
{
    if (acc >= m->accessors_count || i >= m->accessors[acc].count) return false;
    const struct gltf_accessor *x = &m->accessors[acc];
    const uint8_t *p = gltf_element_bytes(m, x, i);
    uint32_t k_end = n < x->components ? n : x->components;
    for (uint32_t k = 0; k < k_end; k++)
        out[k] = p ? component_float(p + gltf_component_offset(x, k), x->component, x->normalized) : 0.0f;
    return true;
}

bool gltf_accessor_read_uint(const struct gltf_asset *m, uint32_t acc, uint32_t i, uint32_t *out)
{
    if (acc >= m->accessors_count || i >= m->accessors[acc].count) return false;
    const struct gltf_accessor *x = &m->accessors[acc];
    const uint8_t *p = gltf_element_bytes(m, x, i);
    if (!p) *out = 0;
    else if (x->component == GLTF_UNSIGNED_BYTE || x->component == GLTF_BYTE) *out = p[0];
    else if (x->component == GLTF_UNSIGNED_SHORT || x->component == GLTF_SHORT) { uint16_t v; memcpy(&v, p, 2); *out = v; }
    else memcpy(out, p, 4);
    return true;
}

void gltf_accessor_unpack_floats(const struct gltf_asset *m, uint32_t acc, float *out)
{
    const struct gltf_accessor *x = &m->accessors[acc];
    for (uint32_t i = 0; i < x->count; i++) gltf_accessor_read_float(m, acc, i, out + (size_t)i * x->components, x->components);
}

void gltf_matrix_decompose(const float m[16], float out_t[3], float out_r[4], float out_s[3])
{
    mat4 mm, rot;
    vec4 t;
    vec3 s;
    memcpy(mm, m, sizeof mm);
    glm_decompose(mm, t, rot, s);
    /* A mirrored matrix (negative determinant) keeps its mirror in scale. */
    if (glm_mat4_det(mm) < 0.0f) {
        s[0] = -s[0];
        glm_vec4_negate(rot[0]);
    }
    versor q;
    glm_mat4_quat(rot, q);
    memcpy(out_t, t, 3 * sizeof(float));
    memcpy(out_r, q, 4 * sizeof(float));
    memcpy(out_s, s, 3 * sizeof(float));
}

void gltf_node_local_matrix(const struct gltf_node *n, float out[16])
{
    if (n->has_matrix) {
        memcpy(out, n->matrix, 16 * sizeof(float));
        return;
    }
    mat4 m;
    vec3 t = {n->translation[0], n->translation[1], n->translation[2]};
    vec3 s = {n->scale[0], n->scale[1], n->scale[2]};
    versor q = {n->rotation[0], n->rotation[1], n->rotation[2], n->rotation[3]};
    glm_quat_normalize(q);
    glm_translate_make(m, t);
    glm_quat_rotate(m, q, m);
    glm_scale(m, s);
    memcpy(out, m, sizeof m);
}

void gltf_world_matrices(const struct gltf_asset *m, float *out)
{
    /* Breadth-first from the roots, so every parent is done before its
     * children without recursion (a hostile file may nest thousands deep).
     * The hierarchy is a forest (checked at load), so this reaches every
     * node exactly once. */
    uint32_t n = m->nodes_count;
    uint32_t *queue = malloc(sizeof(uint32_t) * (n ? n : 1));
    if (!queue) return;
    uint32_t head = 0, tail = 0;
    for (uint32_t i = 0; i < n; i++)
        if (m->nodes[i].parent == GLTF_NONE) queue[tail++] = i;
    while (head < tail) {
        uint32_t i = queue[head++];
        const struct gltf_node *node = &m->nodes[i];
        float local[16];
        gltf_node_local_matrix(node, local);
        if (node->parent == GLTF_NONE) {
            memcpy(out + 16 * (size_t)i, local, sizeof local);
        } else {
            mat4 pm, lm, wm;
            memcpy(pm, out + 16 * (size_t)node->parent, sizeof pm);
            memcpy(lm, local, sizeof lm);
            glm_mat4_mul(pm, lm, wm);
            memcpy(out + 16 * (size_t)i, wm, sizeof wm);
        }
        for (uint32_t k = 0; k < node->child_count && tail < n; k++) queue[tail++] = node->children[k];
    }
    free(queue);
}

static bool node_in_scene(const struct gltf_asset *m, uint32_t i)
{
    if (m->scene == GLTF_NONE) return true;
    while (m->nodes[i].parent != GLTF_NONE) i = m->nodes[i].parent;
    const struct gltf_scene *s = &m->scenes[m->scene];
    for (uint32_t k = 0; k < s->node_count; k++)
        if (s->nodes[k] == i) return true;
    return false;
}

bool gltf_scene_bounds(const struct gltf_asset *m, float out_min[3], float out_max[3])
{
    float *world = malloc(sizeof(float) * 16 * (m->nodes_count ? m->nodes_count : 1));
    if (!world) return false;
    gltf_world_matrices(m, world);
    bool any = false;
    vec3 bmin = {1e30f, 1e30f, 1e30f}, bmax = {-1e30f, -1e30f, -1e30f};
    for (uint32_t i = 0; i < m->nodes_count; i++) {
        const struct gltf_node *n = &m->nodes[i];
        if (n->mesh == GLTF_NONE || !node_in_scene(m, i)) continue;
        mat4 w;
        memcpy(w, world + 16 * (size_t)i, sizeof w);
        const struct gltf_mesh *me = &m->meshes[n->mesh];
        for (uint32_t p = 0; p < me->primitive_count; p++) {
            uint32_t pos = me->primitives[p].position;
            if (pos == GLTF_NONE) continue;
            const struct gltf_accessor *x = &m->accessors[pos];
            vec3 lo, hi;
            if (x->has_min_max) {
                /* min/max are stored values: normalize like the data. */
                for (int k = 0; k < 3; k++) {
                    uint8_t buf[4];
                    float fl = (float)x->min[k], fh = (float)x->max[k];
                    if (x->normalized) {
                        double d = x->component == GLTF_BYTE ? 127.0 : x->component == GLTF_UNSIGNED_BYTE ? 255.0
                                   : x->component == GLTF_SHORT ? 32767.0 : 65535.0;
                        fl = glm_max((float)(x->min[k] / d), -1.0f);
                        fh = glm_max((float)(x->max[k] / d), -1.0f);
                    }
                    (void)buf;
                    lo[k] = fl;
                    hi[k] = fh;
                }
            } else {
                glm_vec3_fill(lo, 1e30f);
                glm_vec3_fill(hi, -1e30f);
                for (uint32_t e = 0; e < x->count; e++) {
                    float v[3] = {0};
                    gltf_accessor_read_float(m, pos, e, v, 3);
                    glm_vec3_minv(lo, v, lo);
                    glm_vec3_maxv(hi, v, hi);
                }
            }
            /* Transform the 8 corners. */
            for (int c = 0; c < 8; c++) {
                vec4 pt = {c & 1 ? hi[0] : lo[0], c & 2 ? hi[1] : lo[1], c & 4 ? hi[2] : lo[2], 1.0f}, r;
                glm_mat4_mulv(w, pt, r);
                glm_vec3_minv(bmin, r, bmin);
                glm_vec3_maxv(bmax, r, bmax);
            }
            any = true;
        }
    }
    free(world);
    memcpy(out_min, bmin, sizeof bmin);
    memcpy(out_max, bmax, sizeof bmax);
    return any;
}

bool gltf_image_decode(const struct gltf_asset *m, uint32_t image, struct image *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    if (image >= m->images_count) {
        snprintf(err, err_size, "image %u does not exist", image);
        return false;
    }
    const struct gltf_image *im = &m->images[image];
    char why[256];
    if (!image_decode(im->data, im->size, out, why, sizeof why)) {
        snprintf(err, err_size, "/images/%u: %s", image, why);
        return false;
    }
    return true;
}
