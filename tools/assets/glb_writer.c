/* glb_writer.c — builds the glTF JSON with cJSON and the binary chunk by
 * hand. Vertex attributes (all float VEC3) go into one bufferView and
 * indices into another, so the file has few objects however many meshes it
 * holds. */
#include "glb_writer.h"

#include <cjson/cJSON.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bytes {
    unsigned char *p;
    size_t len, cap;
};

struct gmesh {
    char *name;
    uint32_t material, vertex_count, index_count;
    size_t pos_off, nrm_off, idx_off; /* in vtx / idx */
    float min[3], max[3];
    bool wide;                        /* 32-bit indices */
};

struct gnode {
    char *name;
    uint32_t parent, mesh;
    float t[3], r[4], s[3];
    bool has_t, has_r, has_s;
    cJSON *extras;
};

struct gmat {
    char *name;
    float base[4], metallic, roughness, emissive[3];
    bool has_emissive;
};

struct glb {
    struct bytes vtx, idx;
    struct gmesh *meshes;
    struct gnode *nodes;
    struct gmat *mats;
    uint32_t mesh_count, node_count, mat_count;
};

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "glb_writer: out of memory\n");
        exit(2);
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

static void bytes_put(struct bytes *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2;
        b->p = xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

static void bytes_pad4(struct bytes *b, unsigned char fill)
{
    while (b->len % 4) bytes_put(b, &fill, 1);
}

/* Rounds to 1e-6 so the JSON shows 0.35, not 0.34999999403953552, and so a
 * value computed a hair differently prints the same. */
static double tidy(float v)
{
    double d = round((double)v * 1e6) / 1e6;
    return d == 0.0 ? 0.0 : d; /* no "-0" */
}

static cJSON *num_array(const float *v, int n, bool exact)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < n; i++) cJSON_AddItemToArray(a, cJSON_CreateNumber(exact ? (double)v[i] : tidy(v[i])));
    return a;
}

struct glb *glb_new(void)
{
    struct glb *g = xrealloc(NULL, sizeof *g);
    memset(g, 0, sizeof *g);
    return g;
}

void glb_free(struct glb *g)
{
    if (!g) return;
    for (uint32_t i = 0; i < g->mesh_count; i++) free(g->meshes[i].name);
    for (uint32_t i = 0; i < g->node_count; i++) {
        free(g->nodes[i].name);
        cJSON_Delete(g->nodes[i].extras);
    }
    for (uint32_t i = 0; i < g->mat_count; i++) free(g->mats[i].name);
    free(g->meshes);
    free(g->nodes);
    free(g->mats);
    free(g->vtx.p);
    free(g->idx.p);
    free(g);
}

uint32_t glb_material(struct glb *g, const char *name, const float base[4], float metallic, float roughness,
                      const float emissive[3])
{
    g->mats = xrealloc(g->mats, (g->mat_count + 1) * sizeof *g->mats);
    struct gmat *m = &g->mats[g->mat_count];
    memset(m, 0, sizeof *m);
    m->name = xstrdup(name);
    memcpy(m->base, base, sizeof m->base);
    m->metallic = metallic;
    m->roughness = roughness;
    if (emissive) {
        memcpy(m->emissive, emissive, sizeof m->emissive);
        m->has_emissive = true;
    }
    return g->mat_count++;
}

uint32_t glb_mesh(struct glb *g, const char *name, const struct mesh_data *md, uint32_t material)
{
    g->meshes = xrealloc(g->meshes, (g->mesh_count + 1) * sizeof *g->meshes);
    struct gmesh *m = &g->meshes[g->mesh_count];
    memset(m, 0, sizeof *m);
    m->name = xstrdup(name);
    m->material = material;
    m->vertex_count = md->vertex_count;
    m->index_count = md->index_count;
    m->wide = md->vertex_count > 65535;
    /* min/max from the float data itself: the validator compares them. */
    for (int k = 0; k < 3; k++) {
        m->min[k] = md->vertex_count ? md->vertices[0].position[k] : 0.0f;
        m->max[k] = m->min[k];
    }
    m->pos_off = g->vtx.len;
    for (uint32_t i = 0; i < md->vertex_count; i++) {
        const float *p = md->vertices[i].position;
        for (int k = 0; k < 3; k++) {
            if (p[k] < m->min[k]) m->min[k] = p[k];
            if (p[k] > m->max[k]) m->max[k] = p[k];
        }
        bytes_put(&g->vtx, p, 3 * sizeof(float));
    }
    m->nrm_off = g->vtx.len;
    for (uint32_t i = 0; i < md->vertex_count; i++) bytes_put(&g->vtx, md->vertices[i].normal, 3 * sizeof(float));
    m->idx_off = g->idx.len;
    for (uint32_t i = 0; i < md->index_count; i++) {
        if (m->wide) {
            bytes_put(&g->idx, &md->indices[i], 4);
        } else {
            uint16_t v = (uint16_t)md->indices[i];
            bytes_put(&g->idx, &v, 2);
        }
    }
    bytes_pad4(&g->idx, 0);
    return g->mesh_count++;
}

uint32_t glb_node(struct glb *g, uint32_t parent, const char *name, uint32_t mesh, const float t[3],
                  const float r[4], const float s[3])
{
    g->nodes = xrealloc(g->nodes, (g->node_count + 1) * sizeof *g->nodes);
    struct gnode *n = &g->nodes[g->node_count];
    memset(n, 0, sizeof *n);
    n->name = xstrdup(name);
    n->parent = parent;
    n->mesh = mesh;
    if (t && (t[0] != 0.0f || t[1] != 0.0f || t[2] != 0.0f)) {
        memcpy(n->t, t, sizeof n->t);
        n->has_t = true;
    }
    if (r && !(r[0] == 0.0f && r[1] == 0.0f && r[2] == 0.0f && r[3] == 1.0f)) {
        memcpy(n->r, r, sizeof n->r);
        n->has_r = true;
    }
    if (s && !(s[0] == 1.0f && s[1] == 1.0f && s[2] == 1.0f)) {
        memcpy(n->s, s, sizeof n->s);
        n->has_s = true;
    }
    return g->node_count++;
}

void glb_node_extra(struct glb *g, uint32_t node, const char *key, const char *value)
{
    struct gnode *n = &g->nodes[node];
    if (!n->extras) n->extras = cJSON_CreateObject();
    cJSON_AddStringToObject(n->extras, key, value);
}

uint32_t glb_triangle_count(const struct glb *g)
{
    uint32_t t = 0;
    for (uint32_t i = 0; i < g->mesh_count; i++) t += g->meshes[i].index_count / 3;
    return t;
}

static cJSON *accessor(size_t view, size_t offset, int component, uint32_t count, const char *type)
{
    cJSON *a = cJSON_CreateObject();
    cJSON_AddNumberToObject(a, "bufferView", (double)view);
    if (offset) cJSON_AddNumberToObject(a, "byteOffset", (double)offset);
    cJSON_AddNumberToObject(a, "componentType", component);
    cJSON_AddNumberToObject(a, "count", count);
    cJSON_AddStringToObject(a, "type", type);
    return a;
}

static cJSON *build_json(const struct glb *g, const char *generator, size_t idx_base, size_t bin_len)
{
    /* Materials no mesh uses are left out (a shared palette would otherwise
     * give the validator UNUSED_OBJECT notes); remap[] gives the new index. */
    uint32_t *remap = xrealloc(NULL, (g->mat_count + 1) * sizeof *remap);
    for (uint32_t i = 0; i < g->mat_count; i++) remap[i] = UINT32_MAX;
    for (uint32_t i = 0; i < g->mesh_count; i++) remap[g->meshes[i].material] = 0;
    uint32_t used = 0;
    for (uint32_t i = 0; i < g->mat_count; i++)
        if (remap[i] != UINT32_MAX) remap[i] = used++;

    cJSON *root = cJSON_CreateObject();
    cJSON *asset = cJSON_AddObjectToObject(root, "asset");
    cJSON_AddStringToObject(asset, "version", "2.0");
    cJSON_AddStringToObject(asset, "generator", generator);
    cJSON_AddNumberToObject(root, "scene", 0);

    cJSON *scenes = cJSON_AddArrayToObject(root, "scenes");
    cJSON *scene = cJSON_CreateObject();
    cJSON_AddItemToArray(scenes, scene);
    cJSON *roots = cJSON_AddArrayToObject(scene, "nodes");

    cJSON *nodes = cJSON_AddArrayToObject(root, "nodes");
    for (uint32_t i = 0; i < g->node_count; i++) {
        const struct gnode *n = &g->nodes[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", n->name);
        if (n->mesh != GLB_NO_MESH) cJSON_AddNumberToObject(o, "mesh", n->mesh);
        if (n->has_t) cJSON_AddItemToObject(o, "translation", num_array(n->t, 3, false));
        if (n->has_r) cJSON_AddItemToObject(o, "rotation", num_array(n->r, 4, false));
        if (n->has_s) cJSON_AddItemToObject(o, "scale", num_array(n->s, 3, false));
        cJSON *children = NULL;
        for (uint32_t c = i + 1; c < g->node_count; c++) {
            if (g->nodes[c].parent != i) continue;
            if (!children) children = cJSON_AddArrayToObject(o, "children");
            cJSON_AddItemToArray(children, cJSON_CreateNumber(c));
        }
        if (n->extras) cJSON_AddItemToObject(o, "extras", cJSON_Duplicate(n->extras, true));
        cJSON_AddItemToArray(nodes, o);
        if (n->parent == GLB_ROOT) cJSON_AddItemToArray(roots, cJSON_CreateNumber(i));
    }

    cJSON *meshes = cJSON_AddArrayToObject(root, "meshes");
    cJSON *accessors = cJSON_AddArrayToObject(root, "accessors");
    uint32_t acc = 0;
    for (uint32_t i = 0; i < g->mesh_count; i++) {
        const struct gmesh *m = &g->meshes[i];
        cJSON *pos = accessor(0, m->pos_off, 5126, m->vertex_count, "VEC3");
        cJSON_AddItemToObject(pos, "min", num_array(m->min, 3, true));
        cJSON_AddItemToObject(pos, "max", num_array(m->max, 3, true));
        cJSON_AddItemToArray(accessors, pos);
        cJSON_AddItemToArray(accessors, accessor(0, m->nrm_off, 5126, m->vertex_count, "VEC3"));
        cJSON_AddItemToArray(accessors, accessor(1, m->idx_off, m->wide ? 5125 : 5123, m->index_count, "SCALAR"));

        cJSON *mo = cJSON_CreateObject();
        cJSON_AddStringToObject(mo, "name", m->name);
        cJSON *prims = cJSON_AddArrayToObject(mo, "primitives");
        cJSON *p = cJSON_CreateObject();
        cJSON *attrs = cJSON_AddObjectToObject(p, "attributes");
        cJSON_AddNumberToObject(attrs, "POSITION", acc);
        cJSON_AddNumberToObject(attrs, "NORMAL", acc + 1);
        cJSON_AddNumberToObject(p, "indices", acc + 2);
        cJSON_AddNumberToObject(p, "material", remap[m->material]);
        cJSON_AddItemToArray(prims, p);
        cJSON_AddItemToArray(meshes, mo);
        acc += 3;
    }

    cJSON *mats = cJSON_AddArrayToObject(root, "materials");
    for (uint32_t i = 0; i < g->mat_count; i++) {
        const struct gmat *m = &g->mats[i];
        if (remap[i] == UINT32_MAX) continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", m->name);
        cJSON *pbr = cJSON_AddObjectToObject(o, "pbrMetallicRoughness");
        cJSON_AddItemToObject(pbr, "baseColorFactor", num_array(m->base, 4, false));
        cJSON_AddNumberToObject(pbr, "metallicFactor", tidy(m->metallic));
        cJSON_AddNumberToObject(pbr, "roughnessFactor", tidy(m->roughness));
        if (m->has_emissive) cJSON_AddItemToObject(o, "emissiveFactor", num_array(m->emissive, 3, false));
        cJSON_AddItemToArray(mats, o);
    }

    cJSON *views = cJSON_AddArrayToObject(root, "bufferViews");
    cJSON *v0 = cJSON_CreateObject();
    cJSON_AddNumberToObject(v0, "buffer", 0);
    cJSON_AddNumberToObject(v0, "byteLength", (double)g->vtx.len);
    /* Shared by many accessors, so the stride must be stated (both
     * attributes are tightly packed float VEC3). */
    cJSON_AddNumberToObject(v0, "byteStride", 12);
    cJSON_AddNumberToObject(v0, "target", 34962);
    cJSON_AddItemToArray(views, v0);
    cJSON *v1 = cJSON_CreateObject();
    cJSON_AddNumberToObject(v1, "buffer", 0);
    cJSON_AddNumberToObject(v1, "byteOffset", (double)idx_base);
    cJSON_AddNumberToObject(v1, "byteLength", (double)g->idx.len);
    cJSON_AddNumberToObject(v1, "target", 34963);
    cJSON_AddItemToArray(views, v1);

    cJSON *buffers = cJSON_AddArrayToObject(root, "buffers");
    cJSON *b = cJSON_CreateObject();
    cJSON_AddNumberToObject(b, "byteLength", (double)bin_len);
    cJSON_AddItemToArray(buffers, b);
    free(remap);
    return root;
}

static void put_u32(struct bytes *b, uint32_t v)
{
    unsigned char le[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                           (unsigned char)(v >> 24)};
    bytes_put(b, le, 4);
}

bool glb_write(const struct glb *g, const char *path, const char *generator)
{
    /* Scenarios find nodes by name, so a duplicate would bind the wrong one. */
    for (uint32_t i = 0; i < g->node_count; i++)
        for (uint32_t j = i + 1; j < g->node_count; j++)
            if (strcmp(g->nodes[i].name, g->nodes[j].name) == 0) {
                fprintf(stderr, "glb_writer: node name '%s' used twice (nodes %u and %u)\n", g->nodes[i].name, i, j);
                return false;
            }
    /* BIN chunk: vertex data (a multiple of 4: floats), then indices. */
    size_t idx_base = g->vtx.len;
    size_t bin_len = g->vtx.len + g->idx.len;
    cJSON *root = build_json(g, generator, idx_base, bin_len);
    char *json = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!json) {
        fprintf(stderr, "glb_writer: cannot print JSON\n");
        return false;
    }
    struct bytes jc = {0};
    bytes_put(&jc, json, strlen(json));
    free(json);
    bytes_pad4(&jc, ' '); /* the GLB spec pads JSON with spaces */

    struct bytes out = {0};
    size_t total = 12 + 8 + jc.len + 8 + bin_len;
    put_u32(&out, 0x46546C67u); /* "glTF" */
    put_u32(&out, 2);
    put_u32(&out, (uint32_t)total);
    put_u32(&out, (uint32_t)jc.len);
    put_u32(&out, 0x4E4F534Au); /* "JSON" */
    bytes_put(&out, jc.p, jc.len);
    put_u32(&out, (uint32_t)bin_len);
    put_u32(&out, 0x004E4942u); /* "BIN\0" */
    bytes_put(&out, g->vtx.p, g->vtx.len);
    bytes_put(&out, g->idx.p, g->idx.len);
    free(jc.p);

    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(out.p, 1, out.len, f) == out.len;
    if (f && fclose(f) != 0) ok = false;
    if (!ok) fprintf(stderr, "glb_writer: cannot write %s\n", path);
    free(out.p);
    return ok;
}
