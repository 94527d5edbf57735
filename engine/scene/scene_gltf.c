/* scene_gltf.c — glTF asset → scene nodes and meshes; animation sampling;
 * CPU skinning and morphing (see scene_gltf.h). */
#define LOG_TAG "scene"
#include "scene_gltf.h"

#include "arena.h"
#include "log.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- primitive → mesh_data --------------------------------------------- */

/* Triangle list of a primitive in glTF vertex numbers (strips and fans
 * unrolled per glTF §3.7.2.1). NULL for points and lines. */
static uint32_t *triangle_list(struct arena *a, const struct gltf_asset *m, const struct gltf_primitive *p,
                               uint32_t *out_count)
{
    uint32_t n = p->indices != GLTF_NONE ? m->accessors[p->indices].count : p->vertex_count;
    uint32_t tris = 0;
    if (p->mode == GLTF_TRIANGLES) tris = n / 3;
    else if (p->mode == GLTF_TRIANGLE_STRIP || p->mode == GLTF_TRIANGLE_FAN) tris = n >= 3 ? n - 2 : 0;
    else return NULL;
    uint32_t *src = ARENA_PUSH_ARRAY(a, uint32_t, n ? n : 1);
    for (uint32_t i = 0; i < n; i++)
        if (p->indices == GLTF_NONE || !gltf_accessor_read_uint(m, p->indices, i, &src[i])) src[i] = i;
    uint32_t *out = ARENA_PUSH_ARRAY(a, uint32_t, (size_t)tris * 3 + 1);
    for (uint32_t t = 0; t < tris; t++) {
        uint32_t *o = out + 3 * (size_t)t;
        if (p->mode == GLTF_TRIANGLES) {
            o[0] = src[3 * t]; o[1] = src[3 * t + 1]; o[2] = src[3 * t + 2];
        } else if (p->mode == GLTF_TRIANGLE_STRIP) {
            o[0] = src[t]; o[1] = src[t + 1 + t % 2]; o[2] = src[t + 2 - t % 2];
        } else {
            o[0] = src[t + 1]; o[1] = src[t + 2]; o[2] = src[0];
        }
    }
    *out_count = tris * 3;
    return out;
}

static void mesh_bounds(struct mesh_data *md)
{
    for (int k = 0; k < 3; k++) {
        md->bounds_min[k] = md->vertex_count ? FLT_MAX : 0.0f;
        md->bounds_max[k] = md->vertex_count ? -FLT_MAX : 0.0f;
    }
    for (uint32_t i = 0; i < md->vertex_count; i++)
        for (int k = 0; k < 3; k++) {
            float v = md->vertices[i].position[k];
            if (v < md->bounds_min[k]) md->bounds_min[k] = v;
            if (v > md->bounds_max[k]) md->bounds_max[k] = v;
        }
}

/* Face normals for a de-indexed mesh (vertex 3t..3t+2 is triangle t). */
static void flat_normals(struct mesh_data *md)
{
    for (uint32_t t = 0; t + 2 < md->vertex_count; t += 3) {
        vec3 e1, e2, n;
        glm_vec3_sub(md->vertices[t + 1].position, md->vertices[t].position, e1);
        glm_vec3_sub(md->vertices[t + 2].position, md->vertices[t].position, e2);
        glm_vec3_cross(e1, e2, n);
        glm_vec3_normalize(n);
        for (int k = 0; k < 3; k++) glm_vec3_copy(n, md->vertices[t + k].normal);
    }
}

/* Converts one primitive. Vertices with NORMAL keep glTF's sharing; without
 * it every triangle gets its own three vertices and a face normal (glTF
 * §3.7.2.1: flat shading). out_src gets each vertex's glTF vertex number. */
static bool primitive_convert(struct arena *a, const struct gltf_asset *m, const struct gltf_primitive *p,
                              struct mesh_data *out, uint32_t **out_src, bool *out_flat)
{
    memset(out, 0, sizeof *out);
    if (p->position == GLTF_NONE) return false;
    uint32_t tri_count = 0;
    uint32_t *tris = triangle_list(a, m, p, &tri_count);
    if (!tris) return false;
    bool flat = p->normal == GLTF_NONE;
    uint32_t vc = flat ? tri_count : p->vertex_count;
    uint32_t *src = ARENA_PUSH_ARRAY(a, uint32_t, vc ? vc : 1);
    out->vertices = ARENA_PUSH_ARRAY(a, struct mesh_vertex, vc ? vc : 1);
    out->vertex_count = vc;
    out->indices = ARENA_PUSH_ARRAY(a, uint32_t, tri_count ? tri_count : 1);
    out->index_count = tri_count;
    for (uint32_t i = 0; i < tri_count; i++) out->indices[i] = flat ? i : tris[i];
    for (uint32_t v = 0; v < vc; v++) src[v] = flat ? tris[v] : v;
    if (p->tangent != GLTF_NONE && !flat) out->tangents = arena_push(a, sizeof(float[4]) * vc, 16);
    if (p->color != GLTF_NONE) out->colors = arena_push(a, sizeof(float[4]) * (vc ? vc : 1), 16);
    if (p->texcoord[1] != GLTF_NONE) out->uv1 = arena_push(a, sizeof(float[2]) * (vc ? vc : 1), 16);
    for (uint32_t v = 0; v < vc; v++) {
        struct mesh_vertex *mv = &out->vertices[v];
        uint32_t s = src[v];
        gltf_accessor_read_float(m, p->position, s, mv->position, 3);
        if (!flat) gltf_accessor_read_float(m, p->normal, s, mv->normal, 3);
        if (p->texcoord[0] != GLTF_NONE) gltf_accessor_read_float(m, p->texcoord[0], s, mv->uv, 2);
        if (out->uv1) gltf_accessor_read_float(m, p->texcoord[1], s, out->uv1[v], 2);
        if (out->tangents) gltf_accessor_read_float(m, p->tangent, s, out->tangents[v], 4);
        if (out->colors) {
            out->colors[v][3] = 1.0f;
            gltf_accessor_read_float(m, p->color, s, out->colors[v], 4);
        }
    }
    if (flat) flat_normals(out);
    mesh_bounds(out);
    *out_src = src;
    *out_flat = flat;
    return true;
}

/* ---- nodes ------------------------------------------------------------- */

bool scene_gltf_add(struct scene *s, const struct gltf_asset *m, uint32_t parent, struct scene_gltf *out, char *err,
                    size_t err_size)
{
    struct arena *a = s->arena;
    memset(out, 0, sizeof *out);
    out->asset = m;
    uint32_t nn = m->nodes_count;
    out->node_of = ARENA_PUSH_ARRAY(a, uint32_t, nn ? nn : 1);
    out->gltf_node_of = ARENA_PUSH_ARRAY(a, uint32_t, nn ? nn : 1);
    out->weights = ARENA_PUSH_ARRAY(a, float *, nn ? nn : 1);
    out->deform = ARENA_PUSH_ARRAY(a, struct scene_gltf_prim *, nn ? nn : 1);
    for (uint32_t i = 0; i < nn; i++) out->node_of[i] = SCENE_NOT_FOUND;

    /* Materials: appended to the scene's list. */
    out->first_material = s->material_count;
    if (m->materials_count) {
        struct gltf_material *mats = ARENA_PUSH_ARRAY(a, struct gltf_material, s->material_count + m->materials_count);
        if (s->material_count) memcpy(mats, s->materials, sizeof *mats * s->material_count);
        memcpy(mats + s->material_count, m->materials, sizeof *mats * m->materials_count);
        s->materials = mats;
        s->material_count += m->materials_count;
    }

    /* Shared static meshes: converted once per glTF mesh. */
    uint32_t *mesh_first = ARENA_PUSH_ARRAY(a, uint32_t, m->meshes_count ? m->meshes_count : 1);
    uint32_t *mesh_n = ARENA_PUSH_ARRAY(a, uint32_t, m->meshes_count ? m->meshes_count : 1);
    for (uint32_t i = 0; i < m->meshes_count; i++) {
        mesh_first[i] = SCENE_NO_MESH;
        const struct gltf_mesh *me = &m->meshes[i];
        for (uint32_t k = 0; k < me->primitive_count; k++) {
            struct mesh_data md;
            uint32_t *src;
            bool flat;
            if (!primitive_convert(a, m, &me->primitives[k], &md, &src, &flat)) {
                if (out->skipped_primitives++ == 0)
                    LOG_W("mesh %u primitive %u: %s primitives are not drawn", i, k,
                          me->primitives[k].position == GLTF_NONE ? "POSITION-less" : "point and line");
                continue;
            }
            uint32_t idx = scene_mesh_add(s, &md);
            uint32_t mat = me->primitives[k].material;
            s->mesh_material[idx] = mat == GLTF_NONE ? SCENE_NO_MATERIAL : out->first_material + mat;
            if (mesh_first[i] == SCENE_NO_MESH) mesh_first[i] = idx;
            mesh_n[i]++;
        }
    }

    /* Nodes breadth-first from the scene's roots, so parents come first. */
    uint32_t *queue = ARENA_PUSH_ARRAY(a, uint32_t, nn ? nn : 1);
    uint32_t head = 0, tail = 0;
    if (m->scene != GLTF_NONE) {
        const struct gltf_scene *sc = &m->scenes[m->scene];
        for (uint32_t k = 0; k < sc->node_count; k++) queue[tail++] = sc->nodes[k];
    } else {
        for (uint32_t i = 0; i < nn; i++)
            if (m->nodes[i].parent == GLTF_NONE) queue[tail++] = i;
    }
    out->first_node = s->node_count;
    while (head < tail) {
        uint32_t gi = queue[head++];
        const struct gltf_node *gn = &m->nodes[gi];
        uint32_t sp = gn->parent == GLTF_NONE ? parent : out->node_of[gn->parent];
        uint32_t si = scene_node_add(s, sp, gn->name ? gn->name : "");
        out->node_of[gi] = si;
        out->gltf_node_of[si - out->first_node] = gi;
        struct scene_node *n = &s->nodes[si];
        memcpy(n->translation, gn->translation, sizeof n->translation);
        memcpy(n->rotation, gn->rotation, sizeof n->rotation);
        memcpy(n->scale, gn->scale, sizeof n->scale);
        n->extras_json = gn->extras_json;
        if (gn->mesh != GLTF_NONE && mesh_first[gn->mesh] != SCENE_NO_MESH) {
            const struct gltf_mesh *me = &m->meshes[gn->mesh];
            uint32_t targets = me->primitives[0].target_count;
            n->mesh = mesh_first[gn->mesh];
            n->mesh_count = mesh_n[gn->mesh];
            if (targets) {
                float *w = ARENA_PUSH_ARRAY(a, float, targets);
                if (gn->weight_count == targets) memcpy(w, gn->weights, sizeof *w * targets);
                else if (me->weight_count == targets) memcpy(w, me->weights, sizeof *w * targets);
                out->weights[gi] = w;
            }
            if (targets || gn->skin != GLTF_NONE) {
                /* A private copy of each primitive this instance deforms. */
                struct scene_gltf_prim *dp = ARENA_PUSH_ARRAY(a, struct scene_gltf_prim, n->mesh_count);
                uint32_t first = s->mesh_count, j = 0;
                for (uint32_t k = 0; k < me->primitive_count; k++) {
                    struct mesh_data md;
                    uint32_t *src;
                    bool flat;
                    if (!primitive_convert(a, m, &me->primitives[k], &md, &src, &flat)) continue;
                    uint32_t idx = scene_mesh_add(s, &md);
                    s->mesh_material[idx] = s->mesh_material[mesh_first[gn->mesh] + j];
                    dp[j] = (struct scene_gltf_prim){idx, gn->mesh, k, src, flat};
                    j++;
                }
                n->mesh = first;
                out->deform[gi] = dp;
            }
        }
        for (uint32_t k = 0; k < gn->child_count && tail < nn; k++) queue[tail++] = gn->children[k];
    }
    out->node_count = s->node_count - out->first_node;
    /* A default scene without nodes is valid glTF: it shows nothing. */
    (void)err;
    (void)err_size;
    scene_update_world(s);
    scene_gltf_deform(s, out);
    return true;
}

/* ---- animation --------------------------------------------------------- */

static void read_key(const struct gltf_asset *m, uint32_t acc, uint32_t index, uint32_t comps, float *out)
{
    for (uint32_t c = 0; c < comps; c++) out[c] = 0.0f;
    gltf_accessor_read_float(m, acc, index, out, comps);
}

void scene_gltf_sample(const struct gltf_asset *m, const struct gltf_anim_sampler *s, uint32_t components, bool rotation,
                       float t, float *out)
{
    const struct gltf_accessor *in = &m->accessors[s->input];
    uint32_t keys = in->count;
    bool cubic = s->interp == GLTF_INTERP_CUBICSPLINE;
    float t0 = 0, t1 = 0;
    gltf_accessor_read_float(m, s->input, 0, &t0, 1);
    gltf_accessor_read_float(m, s->input, keys - 1, &t1, 1);
    /* Key k's value: for CUBICSPLINE the middle of (in-tangent, value,
     * out-tangent). Scalar weights are addressed element-wise. */
    bool scalar = m->accessors[s->output].components == 1;
    uint32_t stride = cubic ? 3 : 1;
#define KEY(k, part, dst)                                                                                        \
    do {                                                                                                         \
        uint32_t idx_ = (k) * stride + (part);                                                                   \
        if (scalar) {                                                                                            \
            for (uint32_t c_ = 0; c_ < components; c_++)                                                         \
                gltf_accessor_read_float(m, s->output, idx_ * components + c_, (dst) + c_, 1);                   \
        } else {                                                                                                 \
            read_key(m, s->output, idx_, components, (dst));                                                     \
        }                                                                                                        \
    } while (0)
    float a[64], b[64];
    if (components > 64) components = 64;
    if (keys == 1 || t <= t0) {
        KEY(0, cubic ? 1 : 0, out);
        goto done;
    }
    if (t >= t1) {
        KEY(keys - 1, cubic ? 1 : 0, out);
        goto done;
    }
    /* Binary search for the segment [k, k+1] containing t. */
    uint32_t lo = 0, hi = keys - 1;
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        float tm;
        gltf_accessor_read_float(m, s->input, mid, &tm, 1);
        if (tm <= t) lo = mid;
        else hi = mid;
    }
    float ta, tb;
    gltf_accessor_read_float(m, s->input, lo, &ta, 1);
    gltf_accessor_read_float(m, s->input, hi, &tb, 1);
    float dt = tb - ta, u = dt > 0 ? (t - ta) / dt : 0.0f;
    if (s->interp == GLTF_INTERP_STEP) {
        KEY(lo, 0, out);
    } else if (!cubic) {
        KEY(lo, 0, a);
        KEY(hi, 0, b);
        if (rotation) {
            versor qa = {a[0], a[1], a[2], a[3]}, qb = {b[0], b[1], b[2], b[3]}, q;
            glm_quat_normalize(qa);
            glm_quat_normalize(qb);
            glm_quat_slerp(qa, qb, u, q);
            memcpy(out, q, sizeof q);
        } else {
            for (uint32_t c = 0; c < components; c++) out[c] = a[c] + (b[c] - a[c]) * u;
        }
    } else {
        /* Hermite: p(u) = h00 v0 + h10 dt m0 + h01 v1 + h11 dt m1 with the
         * out-tangent of key lo and the in-tangent of key hi. */
        float v0[64], m0[64], v1[64], m1[64];
        KEY(lo, 1, v0);
        KEY(lo, 2, m0);
        KEY(hi, 1, v1);
        KEY(hi, 0, m1);
        float u2 = u * u, u3 = u2 * u;
        float h00 = 2 * u3 - 3 * u2 + 1, h10 = u3 - 2 * u2 + u, h01 = -2 * u3 + 3 * u2, h11 = u3 - u2;
        for (uint32_t c = 0; c < components; c++)
            out[c] = h00 * v0[c] + h10 * dt * m0[c] + h01 * v1[c] + h11 * dt * m1[c];
    }
#undef KEY
done:
    if (rotation) {
        versor q = {out[0], out[1], out[2], out[3]};
        glm_quat_normalize(q);
        memcpy(out, q, sizeof q);
    }
}

void scene_gltf_animate(struct scene *s, struct scene_gltf *g, uint32_t anim, float t)
{
    const struct gltf_asset *m = g->asset;
    if (anim >= m->animations_count) return;
    const struct gltf_animation *an = &m->animations[anim];
    for (uint32_t c = 0; c < an->channel_count; c++) {
        const struct gltf_anim_channel *ch = &an->channels[c];
        if (ch->node == GLTF_NONE || g->node_of[ch->node] == SCENE_NOT_FOUND) continue;
        struct scene_node *n = &s->nodes[g->node_of[ch->node]];
        const struct gltf_anim_sampler *smp = &an->samplers[ch->sampler];
        float v[64];
        switch (ch->path) {
        case GLTF_PATH_TRANSLATION: scene_gltf_sample(m, smp, 3, false, t, v); memcpy(n->translation, v, 12); break;
        case GLTF_PATH_SCALE: scene_gltf_sample(m, smp, 3, false, t, v); memcpy(n->scale, v, 12); break;
        case GLTF_PATH_ROTATION: scene_gltf_sample(m, smp, 4, true, t, v); memcpy(n->rotation, v, 16); break;
        case GLTF_PATH_WEIGHTS: {
            const struct gltf_node *gn = &m->nodes[ch->node];
            if (gn->mesh == GLTF_NONE || !g->weights[ch->node]) break;
            uint32_t targets = m->meshes[gn->mesh].primitives[0].target_count;
            if (targets > 64) targets = 64;
            scene_gltf_sample(m, smp, targets, false, t, v);
            memcpy(g->weights[ch->node], v, sizeof(float) * targets);
            break;
        }
        }
    }
}

/* ---- skinning and morphing -------------------------------------------- */

void scene_gltf_deform(struct scene *s, struct scene_gltf *g)
{
    const struct gltf_asset *m = g->asset;
    for (uint32_t gi = 0; gi < m->nodes_count; gi++) {
        struct scene_gltf_prim *dp = g->deform[gi];
        if (!dp) continue;
        const struct gltf_node *gn = &m->nodes[gi];
        struct scene_node *n = &s->nodes[g->node_of[gi]];
        const struct gltf_mesh *me = &m->meshes[gn->mesh];
        /* Joint matrices in the skinned node's space: inverse(node world)
         * * joint world * inverse bind matrix (glTF §3.7.3.3). */
        mat4 *joints = NULL;
        uint32_t joint_count = 0;
        if (gn->skin != GLTF_NONE) {
            const struct gltf_skin *sk = &m->skins[gn->skin];
            joint_count = sk->joint_count;
            joints = xmalloc(sizeof(mat4) * (joint_count ? joint_count : 1));
            mat4 inv_node;
            glm_mat4_inv(n->world, inv_node);
            for (uint32_t j = 0; j < joint_count; j++) {
                mat4 ibm = GLM_MAT4_IDENTITY_INIT, jw = GLM_MAT4_IDENTITY_INIT;
                if (sk->inverse_bind_matrices != GLTF_NONE)
                    gltf_accessor_read_float(m, sk->inverse_bind_matrices, j, (float *)ibm, 16);
                uint32_t sj = g->node_of[sk->joints[j]];
                if (sj != SCENE_NOT_FOUND) glm_mat4_copy(s->nodes[sj].world, jw);
                glm_mat4_mul(inv_node, jw, joints[j]);
                glm_mat4_mul(joints[j], ibm, joints[j]);
            }
        }
        const float *w = g->weights[gi];
        for (uint32_t k = 0; k < scene_node_mesh_count(n); k++) {
            struct scene_gltf_prim *pi = &dp[k];
            const struct gltf_primitive *p = &me->primitives[pi->prim];
            struct mesh_data *md = &s->meshes[pi->scene_mesh];
            for (uint32_t v = 0; v < md->vertex_count; v++) {
                uint32_t sv = pi->src[v];
                vec3 pos, nor = {0, 0, 0};
                gltf_accessor_read_float(m, p->position, sv, pos, 3);
                if (!pi->flat) gltf_accessor_read_float(m, p->normal, sv, nor, 3);
                for (uint32_t t = 0; w && t < p->target_count; t++) {
                    if (w[t] == 0.0f) continue;
                    vec3 d;
                    if (p->targets[t].position != GLTF_NONE) {
                        gltf_accessor_read_float(m, p->targets[t].position, sv, d, 3);
                        glm_vec3_muladds(d, w[t], pos);
                    }
                    if (!pi->flat && p->targets[t].normal != GLTF_NONE) {
                        gltf_accessor_read_float(m, p->targets[t].normal, sv, d, 3);
                        glm_vec3_muladds(d, w[t], nor);
                    }
                }
                if (joints && p->joints != GLTF_NONE && p->weights != GLTF_NONE) {
                    float jf[4] = {0}, wt[4] = {0};
                    gltf_accessor_read_float(m, p->joints, sv, jf, 4);
                    gltf_accessor_read_float(m, p->weights, sv, wt, 4);
                    mat4 skin = GLM_MAT4_ZERO_INIT;
                    for (int c = 0; c < 4; c++) {
                        uint32_t j = (uint32_t)jf[c];
                        if (wt[c] == 0.0f || j >= joint_count) continue;
                        for (int col = 0; col < 4; col++)
                            glm_vec4_muladds(joints[j][col], wt[c], skin[col]);
                    }
                    vec3 p2, n2;
                    glm_mat4_mulv3(skin, pos, 1.0f, p2);
                    glm_mat4_mulv3(skin, nor, 0.0f, n2);
                    glm_vec3_copy(p2, pos);
                    glm_vec3_copy(n2, nor);
                }
                glm_vec3_copy(pos, md->vertices[v].position);
                if (!pi->flat) {
                    glm_vec3_normalize(nor);
                    glm_vec3_copy(nor, md->vertices[v].normal);
                }
            }
            if (pi->flat) flat_normals(md);
            mesh_bounds(md);
        }
        free(joints);
    }
}
