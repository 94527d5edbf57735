/* gltf_parse_scene.c — the scene-level objects of a glTF document: cameras,
 * skins, the node hierarchy (checked to be a forest), scenes and animations
 * (keyframe times increasing, outputs sized for their interpolation). Called
 * by gltf_parse_document after meshes, in this order. */
#include "gltf_internal.h"

#include "arena.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define WHERE(buf, ...) snprintf(buf, sizeof buf, __VA_ARGS__)

void gltf_parse_cameras(struct gltf_ctx *c)
{
    struct gltf_asset *m = c->m;
    const cJSON *arr = gltf_top_array(c, "cameras", &m->cameras_count);
    m->cameras = ARENA_PUSH_ARRAY(c->a, struct gltf_camera, m->cameras_count);
    uint32_t i = 0;
    const cJSON *o;
    char w[96], wt[160];
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/cameras/%u", i);
        struct gltf_camera *cam = &m->cameras[i];
        cam->name = gltf_j_str(c, o, "name", w, false);
        const char *type = gltf_j_str(c, o, "type", w, true);
        if (strcmp(type, "perspective") == 0) {
            WHERE(wt, "%s/perspective", w);
            const cJSON *p = gltf_j_obj(c, o, "perspective", w, true);
            cam->yfov = (float)gltf_j_num(c, p, "yfov", wt, -1.0, 1e-6, 3.14159);
            if (cam->yfov < 0) gltf_fail(c, "%s: required property 'yfov' is missing", wt);
            cam->znear = (float)gltf_j_num(c, p, "znear", wt, -1.0, 1e-9, 1e30);
            if (cam->znear < 0) gltf_fail(c, "%s: required property 'znear' is missing", wt);
            cam->aspect = (float)gltf_j_num(c, p, "aspectRatio", wt, 0.0, 1e-9, 1e9);
            cam->zfar = (float)gltf_j_num(c, p, "zfar", wt, 0.0, cam->znear, 1e30);
        } else if (strcmp(type, "orthographic") == 0) {
            WHERE(wt, "%s/orthographic", w);
            const cJSON *p = gltf_j_obj(c, o, "orthographic", w, true);
            cam->orthographic = true;
            cam->xmag = (float)gltf_j_num(c, p, "xmag", wt, 1.0, -1e30, 1e30);
            cam->ymag = (float)gltf_j_num(c, p, "ymag", wt, 1.0, -1e30, 1e30);
            cam->znear = (float)gltf_j_num(c, p, "znear", wt, 0.0, 0.0, 1e30);
            cam->zfar = (float)gltf_j_num(c, p, "zfar", wt, 1.0, 0.0, 1e30);
        } else {
            gltf_fail(c, "%s/type: '%s' is not perspective or orthographic", w, type);
        }
        i++;
    }
}

/* Uint index array member (scene nodes, node children, skin joints). */
static uint32_t *index_list(struct gltf_ctx *c, const cJSON *o, const char *key, const char *w, bool required,
                            uint32_t limit, const char *what, uint32_t *out_n)
{
    const cJSON *arr = gltf_j_arr(c, o, key, w, required, out_n);
    uint32_t *out = ARENA_PUSH_ARRAY(c->a, uint32_t, *out_n);
    uint32_t k = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, arr) {
        double d = cJSON_IsNumber(e) ? e->valuedouble : -1.0;
        if (!(d >= 0.0) || floor(d) != d) gltf_fail(c, "%s/%s/%u: expected an index", w, key, k);
        if (d >= (double)limit) gltf_fail(c, "%s/%s/%u: %s %.0f does not exist (the file has %u)", w, key, k, what, d, limit);
        out[k] = (uint32_t)d;
        for (uint32_t j = 0; j < k; j++)
            if (out[j] == out[k]) gltf_fail(c, "%s/%s/%u: %s %u is listed twice", w, key, k, what, out[k]);
        k++;
    }
    return out;
}

void gltf_parse_nodes(struct gltf_ctx *c)
{
    struct gltf_asset *m = c->m;
    const cJSON *arr = gltf_top_array(c, "nodes", &m->nodes_count);
    m->nodes = ARENA_PUSH_ARRAY(c->a, struct gltf_node, m->nodes_count);
    uint32_t i = 0;
    const cJSON *o;
    char w[96];
    for (uint32_t k = 0; k < m->nodes_count; k++) m->nodes[k].parent = GLTF_NONE;
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/nodes/%u", i);
        struct gltf_node *n = &m->nodes[i];
        n->name = gltf_j_str(c, o, "name", w, false);
        n->mesh = gltf_j_index(c, o, "mesh", w, false, m->meshes_count, "mesh");
        n->camera = gltf_j_index(c, o, "camera", w, false, m->cameras_count, "camera");
        n->skin = gltf_j_index(c, o, "skin", w, false, m->skins_count, "skin");
        if (n->skin != GLTF_NONE && n->mesh == GLTF_NONE) gltf_fail(c, "%s/skin: given without a mesh", w);
        n->children = index_list(c, o, "children", w, false, m->nodes_count, "node", &n->child_count);
        for (uint32_t k = 0; k < n->child_count; k++) {
            struct gltf_node *ch = &m->nodes[n->children[k]];
            if (n->children[k] == i) gltf_fail(c, "%s/children/%u: a node cannot be its own child", w, k);
            if (ch->parent != GLTF_NONE)
                gltf_fail(c, "%s/children/%u: node %u already has parent %u", w, k, n->children[k], ch->parent);
            ch->parent = i;
        }
        n->translation[0] = n->translation[1] = n->translation[2] = 0.0f;
        n->rotation[0] = n->rotation[1] = n->rotation[2] = 0.0f;
        n->rotation[3] = 1.0f;
        n->scale[0] = n->scale[1] = n->scale[2] = 1.0f;
        bool trs = gltf_j_floats(c, o, "translation", w, n->translation, 3);
        trs |= gltf_j_floats(c, o, "rotation", w, n->rotation, 4);
        trs |= gltf_j_floats(c, o, "scale", w, n->scale, 3);
        n->has_matrix = gltf_j_floats(c, o, "matrix", w, n->matrix, 16);
        if (n->has_matrix && trs) gltf_fail(c, "%s: has both matrix and translation/rotation/scale", w);
        if (n->has_matrix) gltf_matrix_decompose(n->matrix, n->translation, n->rotation, n->scale);
        uint32_t nw = 0;
        if (gltf_j_arr(c, o, "weights", w, false, &nw)) {
            n->weights = ARENA_PUSH_ARRAY(c->a, float, nw);
            n->weight_count = nw;
            gltf_j_floats(c, o, "weights", w, n->weights, nw);
        }
        const cJSON *extras = cJSON_GetObjectItemCaseSensitive(o, "extras");
        if (extras) {
            char *txt = cJSON_PrintUnformatted(extras);
            if (!txt) gltf_fail(c, "%s/extras: cannot print as JSON", w);
            n->extras_json = arena_strdup(c->a, txt);
            cJSON_free(txt);
        }
        i++;
    }
    /* Children must form a forest: walking up from any node ends at a root
     * within node_count steps. */
    for (uint32_t k = 0; k < m->nodes_count; k++) {
        uint32_t p = m->nodes[k].parent, steps = 0;
        while (p != GLTF_NONE) {
            if (++steps > m->nodes_count) gltf_fail(c, "/nodes/%u: the node hierarchy has a cycle", k);
            p = m->nodes[p].parent;
        }
    }
}

void gltf_parse_skins(struct gltf_ctx *c)
{
    struct gltf_asset *m = c->m;
    /* Skins refer to nodes; node count is known from the JSON array. */
    uint32_t node_count = 0;
    gltf_j_arr(c, c->root, "nodes", "", false, &node_count);
    const cJSON *arr = gltf_top_array(c, "skins", &m->skins_count);
    m->skins = ARENA_PUSH_ARRAY(c->a, struct gltf_skin, m->skins_count);
    uint32_t i = 0;
    const cJSON *o;
    char w[96];
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/skins/%u", i);
        struct gltf_skin *s = &m->skins[i];
        s->name = gltf_j_str(c, o, "name", w, false);
        s->joints = index_list(c, o, "joints", w, true, node_count, "node", &s->joint_count);
        s->skeleton = gltf_j_index(c, o, "skeleton", w, false, node_count, "node");
        s->inverse_bind_matrices = gltf_j_index(c, o, "inverseBindMatrices", w, false, m->accessors_count, "accessor");
        if (s->inverse_bind_matrices != GLTF_NONE) {
            const struct gltf_accessor *x = &m->accessors[s->inverse_bind_matrices];
            if (strcmp(x->type, "MAT4") != 0 || x->component != GLTF_FLOAT || x->count < s->joint_count)
                gltf_fail(c, "%s/inverseBindMatrices: accessor %u must be float MAT4 with at least %u elements", w,
                          s->inverse_bind_matrices, s->joint_count);
        }
        i++;
    }
}

void gltf_parse_scenes(struct gltf_ctx *c)
{
    struct gltf_asset *m = c->m;
    const cJSON *arr = gltf_top_array(c, "scenes", &m->scenes_count);
    m->scenes = ARENA_PUSH_ARRAY(c->a, struct gltf_scene, m->scenes_count);
    uint32_t i = 0;
    const cJSON *o;
    char w[96];
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/scenes/%u", i);
        struct gltf_scene *s = &m->scenes[i];
        s->name = gltf_j_str(c, o, "name", w, false);
        uint32_t n = 0;
        if (cJSON_GetObjectItemCaseSensitive(o, "nodes"))
            s->nodes = index_list(c, o, "nodes", w, false, m->nodes_count, "node", &n);
        s->node_count = n;
        for (uint32_t k = 0; k < n; k++)
            if (m->nodes[s->nodes[k]].parent != GLTF_NONE)
                gltf_fail(c, "%s/nodes/%u: node %u is not a root (its parent is %u)", w, k, s->nodes[k],
                          m->nodes[s->nodes[k]].parent);
        i++;
    }
    m->scene = gltf_j_index(c, c->root, "scene", "", false, m->scenes_count, "scene");
    if (m->scene == GLTF_NONE && m->scenes_count > 0) m->scene = 0;
}

void gltf_parse_animations(struct gltf_ctx *c)
{
    struct gltf_asset *m = c->m;
    const cJSON *arr = gltf_top_array(c, "animations", &m->animations_count);
    m->animations = ARENA_PUSH_ARRAY(c->a, struct gltf_animation, m->animations_count);
    uint32_t i = 0;
    const cJSON *o;
    char w[96], ws[160];
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/animations/%u", i);
        struct gltf_animation *an = &m->animations[i];
        an->name = gltf_j_str(c, o, "name", w, false);
        const cJSON *samplers = gltf_j_arr(c, o, "samplers", w, true, &an->sampler_count);
        an->samplers = ARENA_PUSH_ARRAY(c->a, struct gltf_anim_sampler, an->sampler_count);
        uint32_t k = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, samplers) {
            WHERE(ws, "%s/samplers/%u", w, k);
            if (!cJSON_IsObject(e)) gltf_fail(c, "%s: expected an object", ws);
            struct gltf_anim_sampler *s = &an->samplers[k];
            s->input = gltf_j_index(c, e, "input", ws, true, m->accessors_count, "accessor");
            s->output = gltf_j_index(c, e, "output", ws, true, m->accessors_count, "accessor");
            const char *interp = gltf_j_str(c, e, "interpolation", ws, false);
            if (!interp || strcmp(interp, "LINEAR") == 0) s->interp = GLTF_INTERP_LINEAR;
            else if (strcmp(interp, "STEP") == 0) s->interp = GLTF_INTERP_STEP;
            else if (strcmp(interp, "CUBICSPLINE") == 0) s->interp = GLTF_INTERP_CUBICSPLINE;
            else gltf_fail(c, "%s/interpolation: '%s' is not LINEAR, STEP or CUBICSPLINE", ws, interp);
            const struct gltf_accessor *in = &m->accessors[s->input];
            if (in->component != GLTF_FLOAT || in->components != 1)
                gltf_fail(c, "%s/input: accessor %u must be float SCALAR", ws, s->input);
            /* Keyframe times must increase; the last one is the duration. */
            float prev = -INFINITY;
            for (uint32_t t = 0; t < in->count; t++) {
                float v;
                gltf_accessor_read_float(m, s->input, t, &v, 1);
                if (!(v >= 0.0f) || v <= prev) gltf_fail(c, "%s/input: time %u (%g) is negative or not increasing", ws, t, v);
                prev = v;
            }
            if (prev > an->duration) an->duration = prev;
            k++;
        }
        const cJSON *channels = gltf_j_arr(c, o, "channels", w, true, &an->channel_count);
        an->channels = ARENA_PUSH_ARRAY(c->a, struct gltf_anim_channel, an->channel_count);
        k = 0;
        cJSON_ArrayForEach(e, channels) {
            WHERE(ws, "%s/channels/%u", w, k);
            if (!cJSON_IsObject(e)) gltf_fail(c, "%s: expected an object", ws);
            struct gltf_anim_channel *ch = &an->channels[k];
            ch->sampler = gltf_j_index(c, e, "sampler", ws, true, an->sampler_count, "sampler");
            const cJSON *target = gltf_j_obj(c, e, "target", ws, true);
            char wt[192];
            WHERE(wt, "%s/target", ws);
            ch->node = gltf_j_index(c, target, "node", wt, false, m->nodes_count, "node");
            const char *path = gltf_j_str(c, target, "path", wt, true);
            uint32_t comps;
            if (strcmp(path, "translation") == 0) ch->path = GLTF_PATH_TRANSLATION, comps = 3;
            else if (strcmp(path, "rotation") == 0) ch->path = GLTF_PATH_ROTATION, comps = 4;
            else if (strcmp(path, "scale") == 0) ch->path = GLTF_PATH_SCALE, comps = 3;
            else if (strcmp(path, "weights") == 0) ch->path = GLTF_PATH_WEIGHTS, comps = 1;
            else gltf_fail(c, "%s/path: '%s' is not translation, rotation, scale or weights", wt, path);
            const struct gltf_anim_sampler *s = &an->samplers[ch->sampler];
            const struct gltf_accessor *out = &m->accessors[s->output];
            uint32_t keys = m->accessors[s->input].count;
            uint32_t per_key = s->interp == GLTF_INTERP_CUBICSPLINE ? 3 : 1;
            if (ch->path == GLTF_PATH_WEIGHTS) {
                uint32_t targets = 0;
                if (ch->node != GLTF_NONE && m->nodes[ch->node].mesh != GLTF_NONE)
                    targets = m->meshes[m->nodes[ch->node].mesh].primitives[0].target_count;
                if (out->components != 1 || (uint64_t)keys * per_key * targets != out->count)
                    gltf_fail(c, "%s: weights output accessor %u has %u values, expected %u keys x %u targets", ws,
                              s->output, out->count, keys * per_key, targets);
            } else if (out->components != comps || out->count != keys * per_key) {
                gltf_fail(c, "%s: output accessor %u must have %u %s values of %u components", ws, s->output,
                          keys * per_key, path, comps);
            }
            k++;
        }
        i++;
    }
}
