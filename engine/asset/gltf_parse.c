/* gltf_parse.c — the JSON document → struct gltf_asset, top-level array by
 * array, in dependency order, so every index is checked against an array
 * whose size is already known. Buffer bytes are resolved here too; data
 * checks that need them live in gltf_check.c. */
#include "gltf_internal.h"

#include "arena.h"
#include "str.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define WHERE(buf, ...) snprintf(buf, sizeof buf, __VA_ARGS__)

static const char *const SUPPORTED_EXTENSIONS[] = {
    "KHR_texture_transform", "KHR_materials_emissive_strength", "KHR_materials_unlit",
    "KHR_mesh_quantization",
};

bool gltf_extension_supported(const char *name)
{
    for (size_t i = 0; i < sizeof SUPPORTED_EXTENSIONS / sizeof *SUPPORTED_EXTENSIONS; i++)
        if (strcmp(name, SUPPORTED_EXTENSIONS[i]) == 0) return true;
    return false;
}

static bool ext_used(const struct gltf_asset *m, const char *name)
{
    for (uint32_t i = 0; i < m->extensions_used_count; i++)
        if (strcmp(m->extensions_used[i], name) == 0) return true;
    return false;
}

const cJSON *gltf_top_array(struct gltf_ctx *c, const char *key, uint32_t *out_n)
{
    const cJSON *arr = gltf_j_arr(c, c->root, key, "", false, out_n);
    uint32_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, arr) {
        if (!cJSON_IsObject(e)) gltf_fail(c, "/%s/%u: expected an object", key, i);
        i++;
    }
    return arr;
}

static const char **string_list(struct gltf_ctx *c, const char *key, uint32_t *out_n)
{
    const cJSON *arr = gltf_j_arr(c, c->root, key, "", false, out_n);
    const char **out = ARENA_PUSH_ARRAY(c->a, const char *, *out_n + 1);
    uint32_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, arr) {
        if (!cJSON_IsString(e)) gltf_fail(c, "/%s/%u: expected a string", key, i);
        for (uint32_t k = 0; k < i; k++)
            if (strcmp(out[k], e->valuestring) == 0) gltf_fail(c, "/%s/%u: '%s' is listed twice", key, i, e->valuestring);
        out[i++] = arena_strdup(c->a, e->valuestring);
    }
    return out;
}

static void parse_asset_and_extensions(struct gltf_ctx *c)
{
    struct gltf_asset *m = c->m;
    const cJSON *asset = gltf_j_obj(c, c->root, "asset", "", true);
    m->version = gltf_j_str(c, asset, "version", "/asset", true);
    m->min_version = gltf_j_str(c, asset, "minVersion", "/asset", false);
    m->generator = gltf_j_str(c, asset, "generator", "/asset", false);
    m->copyright = gltf_j_str(c, asset, "copyright", "/asset", false);
    unsigned major = 0, minor = 0;
    if (sscanf(m->version, "%u.%u", &major, &minor) != 2)
        gltf_fail(c, "/asset/version: '%s' is not MAJOR.MINOR", m->version);
    if (major != 2) gltf_fail(c, "/asset/version: '%s' is not 2.x", m->version);
    if (m->min_version) {
        unsigned mj = 0, mn = 0;
        if (sscanf(m->min_version, "%u.%u", &mj, &mn) != 2 || mj != 2 || mn > 0)
            gltf_fail(c, "/asset/minVersion: '%s' needs a newer reader than glTF 2.0", m->min_version);
    }
    m->extensions_used = string_list(c, "extensionsUsed", &m->extensions_used_count);
    m->extensions_required = string_list(c, "extensionsRequired", &m->extensions_required_count);
    for (uint32_t i = 0; i < m->extensions_required_count; i++) {
        const char *e = m->extensions_required[i];
        if (!ext_used(m, e)) gltf_fail(c, "/extensionsRequired/%u: '%s' is not in extensionsUsed", i, e);
        if (!gltf_extension_supported(e))
            gltf_fail(c, "/extensionsRequired/%u: required extension '%s' is not supported", i, e);
    }
    for (uint32_t i = 0; i < m->extensions_used_count; i++)
        if (!gltf_extension_supported(m->extensions_used[i]))
            gltf_warn(c, "optional extension '%s' ignored", m->extensions_used[i]);
}

static void parse_buffers(struct gltf_ctx *c)
{
    struct gltf_asset *m = c->m;
    const cJSON *arr = gltf_top_array(c, "buffers", &m->buffers_count);
    m->buffers = ARENA_PUSH_ARRAY(c->a, struct gltf_buffer, m->buffers_count);
    uint32_t i = 0;
    const cJSON *o;
    char w[96];
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/buffers/%u", i);
        struct gltf_buffer *b = &m->buffers[i];
        b->byte_length = (size_t)gltf_j_uint(c, o, "byteLength", w, true, 0, UINT32_MAX);
        if (b->byte_length == 0) gltf_fail(c, "%s/byteLength: must be at least 1", w);
        b->uri = gltf_j_str(c, o, "uri", w, false);
        const uint8_t *data;
        size_t size;
        if (b->uri) {
            const char *mime;
            data = gltf_uri_read(c, b->uri, w, &size, &mime);
        } else if (i == 0 && m->is_glb) {
            if (!c->bin) gltf_fail(c, "%s: refers to the GLB BIN chunk, but the file has none", w);
            data = c->bin;
            size = c->bin_size;
            if (size - b->byte_length >= 4 && size > b->byte_length)
                gltf_fail(c, "%s: byteLength %zu but the BIN chunk has %zu bytes (more than padding)", w,
                          b->byte_length, size);
        } else {
            /* Valid JSON, but nothing to read: only an extension could supply
             * the bytes. Fine while no bufferView uses it. */
            if (b->byte_length > (1u << 20))
                gltf_fail(c, "%s: has no uri and no GLB BIN chunk, and is too large to stand in as zeros", w);
            gltf_warn(c, "%s: has no uri and no GLB BIN chunk; its %zu bytes read as zeros", w, b->byte_length);
            data = arena_push(c->a, b->byte_length, 16);
            b->zero_filled = true;
            size = b->byte_length;
        }
        if (size < b->byte_length)
            gltf_fail(c, "%s: byteLength %zu but the data has only %zu bytes", w, b->byte_length, size);
        b->data = data;
        i++;
    }
}

static void parse_buffer_views(struct gltf_ctx *c)
{
    struct gltf_asset *m = c->m;
    const cJSON *arr = gltf_top_array(c, "bufferViews", &m->buffer_views_count);
    m->buffer_views = ARENA_PUSH_ARRAY(c->a, struct gltf_buffer_view, m->buffer_views_count);
    uint32_t i = 0;
    const cJSON *o;
    char w[96];
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/bufferViews/%u", i);
        struct gltf_buffer_view *v = &m->buffer_views[i];
        v->buffer = gltf_j_index(c, o, "buffer", w, true, m->buffers_count, "buffer");
        v->offset = (size_t)gltf_j_uint(c, o, "byteOffset", w, false, 0, UINT32_MAX);
        v->length = (size_t)gltf_j_uint(c, o, "byteLength", w, true, 0, UINT32_MAX);
        if (v->length == 0) gltf_fail(c, "%s/byteLength: must be at least 1", w);
        v->stride = (uint32_t)gltf_j_uint(c, o, "byteStride", w, false, 0, 1000);
        if (cJSON_GetObjectItemCaseSensitive(o, "byteStride") && (v->stride < 4 || v->stride > 252 || v->stride % 4))
            gltf_fail(c, "%s/byteStride: %u not in 4..252 step 4", w, v->stride);
        size_t blen = m->buffers[v->buffer].byte_length;
        if (v->offset > blen || v->length > blen - v->offset)
            gltf_fail(c, "%s: range [%zu, %zu) exceeds buffer %u (%zu bytes)", w, v->offset,
                      v->offset + v->length, v->buffer, blen);
        i++;
    }
}

static uint32_t component_size(uint32_t ct)
{
    switch (ct) {
    case GLTF_BYTE: case GLTF_UNSIGNED_BYTE: return 1;
    case GLTF_SHORT: case GLTF_UNSIGNED_SHORT: return 2;
    case GLTF_UNSIGNED_INT: case GLTF_FLOAT: return 4;
    default: return 0;
    }
}

static uint32_t type_components(const char *t, uint32_t *out_cols)
{
    static const struct { const char *name; uint32_t n, cols; } T[] = {
        {"SCALAR", 1, 1}, {"VEC2", 2, 1}, {"VEC3", 3, 1}, {"VEC4", 4, 1},
        {"MAT2", 4, 2}, {"MAT3", 9, 3}, {"MAT4", 16, 4}};
    for (size_t i = 0; i < sizeof T / sizeof *T; i++)
        if (strcmp(t, T[i].name) == 0) {
            *out_cols = T[i].cols;
            return T[i].n;
        }
    return 0;
}

/* Element size in bytes. Matrix columns start on 4-byte boundaries (glTF
 * §3.6.2.4), so MAT2/MAT3 of bytes and MAT3 of shorts carry padding. */
static uint32_t element_size(uint32_t ct, uint32_t comps, uint32_t cols)
{
    uint32_t cs = component_size(ct);
    if (cols == 1) return cs * comps;
    uint32_t rows = comps / cols;
    uint32_t col_bytes = (rows * cs + 3) & ~3u;
    return col_bytes * cols;
}

static void parse_accessors(struct gltf_ctx *c)
{
    struct gltf_asset *m = c->m;
    const cJSON *arr = gltf_top_array(c, "accessors", &m->accessors_count);
    m->accessors = ARENA_PUSH_ARRAY(c->a, struct gltf_accessor, m->accessors_count);
    uint32_t i = 0;
    const cJSON *o;
    char w[96], ws[128];
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/accessors/%u", i);
        struct gltf_accessor *x = &m->accessors[i];
        x->name = gltf_j_str(c, o, "name", w, false);
        x->view = gltf_j_index(c, o, "bufferView", w, false, m->buffer_views_count, "bufferView");
        x->offset = (size_t)gltf_j_uint(c, o, "byteOffset", w, false, 0, UINT32_MAX);
        x->component = (uint32_t)gltf_j_uint(c, o, "componentType", w, true, 0, UINT32_MAX);
        uint32_t cs = component_size(x->component);
        if (!cs) gltf_fail(c, "%s/componentType: %u is not a glTF component type", w, x->component);
        x->type = gltf_j_str(c, o, "type", w, true);
        uint32_t cols = 1;
        x->components = type_components(x->type, &cols);
        if (!x->components) gltf_fail(c, "%s/type: '%s' is not SCALAR, VECn or MATn", w, x->type);
        x->normalized = gltf_j_bool(c, o, "normalized", w, false);
        if (x->normalized && (x->component == GLTF_FLOAT || x->component == GLTF_UNSIGNED_INT))
            gltf_fail(c, "%s/normalized: only byte and short components can be normalized", w);
        x->count = (uint32_t)gltf_j_uint(c, o, "count", w, true, 0, UINT32_MAX);
        if (x->count == 0) gltf_fail(c, "%s/count: must be at least 1", w);
        x->elem_size = element_size(x->component, x->components, cols);
        if (x->view == GLTF_NONE && cJSON_GetObjectItemCaseSensitive(o, "byteOffset"))
            gltf_fail(c, "%s/byteOffset: given without a bufferView", w);
        uint32_t nmin = 0, nmax = 0;
        const cJSON *jmin = gltf_j_arr(c, o, "min", w, false, &nmin);
        const cJSON *jmax = gltf_j_arr(c, o, "max", w, false, &nmax);
        if ((jmin && nmin != x->components) || (jmax && nmax != x->components))
            gltf_fail(c, "%s: min/max need %u values for %s", w, x->components, x->type);
        uint32_t k = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, jmin) {
            if (!cJSON_IsNumber(e) || !isfinite(e->valuedouble)) gltf_fail(c, "%s/min/%u: expected a number", w, k);
            x->min[k++] = e->valuedouble;
        }
        k = 0;
        cJSON_ArrayForEach(e, jmax) {
            if (!cJSON_IsNumber(e) || !isfinite(e->valuedouble)) gltf_fail(c, "%s/max/%u: expected a number", w, k);
            if (jmin && e->valuedouble < x->min[k]) gltf_fail(c, "%s/max/%u: smaller than min", w, k);
            x->max[k++] = e->valuedouble;
        }
        x->has_min = jmin != NULL;
        x->has_max = jmax != NULL;
        x->has_min_max = x->has_min && x->has_max;
        const cJSON *sp = gltf_j_obj(c, o, "sparse", w, false);
        if (sp) {
            x->is_sparse = true;
            WHERE(ws, "%s/sparse", w);
            x->sparse.count = (uint32_t)gltf_j_uint(c, sp, "count", ws, true, 0, UINT32_MAX);
            if (x->sparse.count == 0 || x->sparse.count > x->count)
                gltf_fail(c, "%s/count: %u not in 1..%u", ws, x->sparse.count, x->count);
            const cJSON *si = gltf_j_obj(c, sp, "indices", ws, true);
            const cJSON *sv = gltf_j_obj(c, sp, "values", ws, true);
            char wi[192], wv[192];
            WHERE(wi, "%s/indices", ws);
            WHERE(wv, "%s/values", ws);
            x->sparse.indices_view = gltf_j_index(c, si, "bufferView", wi, true, m->buffer_views_count, "bufferView");
            x->sparse.indices_offset = (size_t)gltf_j_uint(c, si, "byteOffset", wi, false, 0, UINT32_MAX);
            x->sparse.indices_component = (uint32_t)gltf_j_uint(c, si, "componentType", wi, true, 0, UINT32_MAX);
            if (x->sparse.indices_component != GLTF_UNSIGNED_BYTE && x->sparse.indices_component != GLTF_UNSIGNED_SHORT &&
                x->sparse.indices_component != GLTF_UNSIGNED_INT)
                gltf_fail(c, "%s/componentType: %u is not an unsigned integer type", wi, x->sparse.indices_component);
            x->sparse.values_view = gltf_j_index(c, sv, "bufferView", wv, true, m->buffer_views_count, "bufferView");
            x->sparse.values_offset = (size_t)gltf_j_uint(c, sv, "byteOffset", wv, false, 0, UINT32_MAX);
        }
        gltf_check_accessor_layout(c, i);
        i++;
    }
}

static void parse_images_samplers_textures(struct gltf_ctx *c)
{
    struct gltf_asset *m = c->m;
    char w[96];
    uint32_t i = 0;
    const cJSON *o;
    const cJSON *arr = gltf_top_array(c, "images", &m->images_count);
    m->images = ARENA_PUSH_ARRAY(c->a, struct gltf_image, m->images_count);
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/images/%u", i);
        struct gltf_image *im = &m->images[i];
        im->name = gltf_j_str(c, o, "name", w, false);
        im->uri = gltf_j_str(c, o, "uri", w, false);
        im->mime_type = gltf_j_str(c, o, "mimeType", w, false);
        uint32_t view = gltf_j_index(c, o, "bufferView", w, false, m->buffer_views_count, "bufferView");
        if ((im->uri != NULL) == (view != GLTF_NONE)) gltf_fail(c, "%s: needs exactly one of uri and bufferView", w);
        if (view != GLTF_NONE) {
            if (!im->mime_type) gltf_fail(c, "%s: mimeType is required with a bufferView", w);
            const struct gltf_buffer_view *v = &m->buffer_views[view];
            im->data = m->buffers[v->buffer].data + v->offset;
            im->size = v->length;
        } else {
            const char *mime = NULL;
            im->data = gltf_uri_read(c, im->uri, w, &im->size, &mime);
            if (!im->mime_type && mime && *mime) im->mime_type = mime;
        }
        i++;
    }
    i = 0;
    arr = gltf_top_array(c, "samplers", &m->samplers_count);
    m->samplers = ARENA_PUSH_ARRAY(c->a, struct gltf_sampler, m->samplers_count);
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/samplers/%u", i);
        struct gltf_sampler *s = &m->samplers[i];
        s->mag_filter = (uint32_t)gltf_j_uint(c, o, "magFilter", w, false, 0, 0xFFFF);
        s->min_filter = (uint32_t)gltf_j_uint(c, o, "minFilter", w, false, 0, 0xFFFF);
        s->wrap_s = (uint32_t)gltf_j_uint(c, o, "wrapS", w, false, 10497, 0xFFFF);
        s->wrap_t = (uint32_t)gltf_j_uint(c, o, "wrapT", w, false, 10497, 0xFFFF);
        i++;
    }
    i = 0;
    arr = gltf_top_array(c, "textures", &m->textures_count);
    m->textures = ARENA_PUSH_ARRAY(c->a, struct gltf_texture, m->textures_count);
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/textures/%u", i);
        struct gltf_texture *t = &m->textures[i];
        t->name = gltf_j_str(c, o, "name", w, false);
        t->sampler = gltf_j_index(c, o, "sampler", w, false, m->samplers_count, "sampler");
        t->image = gltf_j_index(c, o, "source", w, false, m->images_count, "image");
        i++;
    }
}

void gltf_material_default(struct gltf_material *out)
{
    memset(out, 0, sizeof *out);
    for (int k = 0; k < 4; k++) out->base_color[k] = 1.0f;
    out->metallic = 1.0f;
    out->roughness = 1.0f;
    out->emissive_strength = 1.0f;
    out->alpha_cutoff = 0.5f;
    struct gltf_texture_ref *refs[] = {&out->base_color_tex, &out->metal_rough_tex, &out->normal_tex,
                                       &out->occlusion_tex, &out->emissive_tex};
    for (size_t i = 0; i < 5; i++) {
        refs[i]->texture = GLTF_NONE;
        refs[i]->scale = 1.0f;
        refs[i]->uv_scale[0] = refs[i]->uv_scale[1] = 1.0f;
    }
}

static void parse_texture_ref(struct gltf_ctx *c, const cJSON *o, const char *key, const char *where,
                              const char *scale_key, struct gltf_texture_ref *out)
{
    const cJSON *t = gltf_j_obj(c, o, key, where, false);
    if (!t) return;
    char w[256];
    WHERE(w, "%s/%s", where, key);
    out->texture = gltf_j_index(c, t, "index", w, true, c->m->textures_count, "texture");
    out->texcoord = (uint32_t)gltf_j_uint(c, t, "texCoord", w, false, 0, 7);
    if (scale_key) out->scale = (float)gltf_j_num(c, t, scale_key, w, 1.0, -1e9, 1e9);
    const cJSON *ext = gltf_j_obj(c, t, "extensions", w, false);
    const cJSON *tt = ext ? gltf_j_obj(c, ext, "KHR_texture_transform", w, false) : NULL;
    if (tt) {
        char wt[320];
        WHERE(wt, "%s/extensions/KHR_texture_transform", w);
        out->has_transform = true;
        gltf_j_floats(c, tt, "offset", wt, out->offset, 2);
        out->rotation = (float)gltf_j_num(c, tt, "rotation", wt, 0.0, -1e9, 1e9);
        gltf_j_floats(c, tt, "scale", wt, out->uv_scale, 2);
        out->texcoord = (uint32_t)gltf_j_uint(c, tt, "texCoord", wt, false, out->texcoord, 7);
    }
}

static void parse_materials(struct gltf_ctx *c)
{
    struct gltf_asset *m = c->m;
    const cJSON *arr = gltf_top_array(c, "materials", &m->materials_count);
    m->materials = ARENA_PUSH_ARRAY(c->a, struct gltf_material, m->materials_count);
    uint32_t i = 0;
    const cJSON *o;
    char w[96], wp[160];
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/materials/%u", i);
        struct gltf_material *mat = &m->materials[i];
        gltf_material_default(mat);
        mat->name = gltf_j_str(c, o, "name", w, false);
        const cJSON *pbr = gltf_j_obj(c, o, "pbrMetallicRoughness", w, false);
        if (pbr) {
            WHERE(wp, "%s/pbrMetallicRoughness", w);
            gltf_j_floats(c, pbr, "baseColorFactor", wp, mat->base_color, 4);
            mat->metallic = (float)gltf_j_num(c, pbr, "metallicFactor", wp, 1.0, 0.0, 1.0);
            mat->roughness = (float)gltf_j_num(c, pbr, "roughnessFactor", wp, 1.0, 0.0, 1.0);
            parse_texture_ref(c, pbr, "baseColorTexture", wp, NULL, &mat->base_color_tex);
            parse_texture_ref(c, pbr, "metallicRoughnessTexture", wp, NULL, &mat->metal_rough_tex);
        }
        parse_texture_ref(c, o, "normalTexture", w, "scale", &mat->normal_tex);
        parse_texture_ref(c, o, "occlusionTexture", w, "strength", &mat->occlusion_tex);
        parse_texture_ref(c, o, "emissiveTexture", w, NULL, &mat->emissive_tex);
        gltf_j_floats(c, o, "emissiveFactor", w, mat->emissive, 3);
        const char *mode = gltf_j_str(c, o, "alphaMode", w, false);
        if (!mode || strcmp(mode, "OPAQUE") == 0) mat->alpha_mode = GLTF_ALPHA_OPAQUE;
        else if (strcmp(mode, "MASK") == 0) mat->alpha_mode = GLTF_ALPHA_MASK;
        else if (strcmp(mode, "BLEND") == 0) mat->alpha_mode = GLTF_ALPHA_BLEND;
        else gltf_fail(c, "%s/alphaMode: '%s' is not OPAQUE, MASK or BLEND", w, mode);
        mat->alpha_cutoff = (float)gltf_j_num(c, o, "alphaCutoff", w, 0.5, 0.0, 1e9);
        mat->double_sided = gltf_j_bool(c, o, "doubleSided", w, false);
        const cJSON *ext = gltf_j_obj(c, o, "extensions", w, false);
        if (ext) {
            char we[160];
            WHERE(we, "%s/extensions", w);
            const cJSON *es = gltf_j_obj(c, ext, "KHR_materials_emissive_strength", we, false);
            if (es) {
                char wes[256];
                WHERE(wes, "%s/KHR_materials_emissive_strength", we);
                mat->emissive_strength = (float)gltf_j_num(c, es, "emissiveStrength", wes, 1.0, 0.0, 1e9);
            }
            mat->unlit = cJSON_GetObjectItemCaseSensitive(ext, "KHR_materials_unlit") != NULL;
        }
        i++;
    }
}

/* Component types an attribute may use: glTF §3.7.2.1, widened by
 * KHR_mesh_quantization when the file uses it. */
static void check_attribute_type(struct gltf_ctx *c, const char *name, const struct gltf_accessor *x,
                                 const char *where)
{
    bool quant = ext_used(c->m, "KHR_mesh_quantization");
    uint32_t ct = x->component;
    bool f = ct == GLTF_FLOAT, un8 = ct == GLTF_UNSIGNED_BYTE && x->normalized,
         un16 = ct == GLTF_UNSIGNED_SHORT && x->normalized;
    bool ok = true;
    const char *want = NULL;
    if (strcmp(name, "POSITION") == 0) {
        want = "VEC3";
        ok = f || (quant && ct != GLTF_UNSIGNED_INT);
    } else if (strcmp(name, "NORMAL") == 0) {
        want = "VEC3";
        ok = f || (quant && (ct == GLTF_BYTE || ct == GLTF_SHORT) && x->normalized);
    } else if (strcmp(name, "TANGENT") == 0) {
        want = "VEC4";
        ok = f || (quant && (ct == GLTF_BYTE || ct == GLTF_SHORT) && x->normalized);
    } else if (str_starts_with(name, "TEXCOORD_")) {
        want = "VEC2";
        ok = f || un8 || un16 || (quant && ct != GLTF_UNSIGNED_INT);
    } else if (str_starts_with(name, "COLOR_")) {
        ok = (f || un8 || un16) && (x->components == 3 || x->components == 4) && x->type[0] == 'V';
    } else if (str_starts_with(name, "JOINTS_")) {
        want = "VEC4";
        ok = (ct == GLTF_UNSIGNED_BYTE || ct == GLTF_UNSIGNED_SHORT) && !x->normalized;
    } else if (str_starts_with(name, "WEIGHTS_")) {
        want = "VEC4";
        ok = f || un8 || un16;
    }
    if (want && strcmp(x->type, want) != 0) gltf_fail(c, "%s: %s must be %s, the accessor is %s", where, name, want, x->type);
    if (!ok) gltf_fail(c, "%s: %s cannot use componentType %u%s", where, name, ct, x->normalized ? " (normalized)" : "");
}

static void parse_primitive(struct gltf_ctx *c, const cJSON *o, const char *w, struct gltf_primitive *p)
{
    struct gltf_asset *m = c->m;
    p->mode = (enum gltf_mode)gltf_j_uint(c, o, "mode", w, false, GLTF_TRIANGLES, 6);
    p->indices = gltf_j_index(c, o, "indices", w, false, m->accessors_count, "accessor");
    p->material = gltf_j_index(c, o, "material", w, false, m->materials_count, "material");
    p->position = p->normal = p->tangent = p->color = p->joints = p->weights = GLTF_NONE;
    p->texcoord[0] = p->texcoord[1] = GLTF_NONE;
    const cJSON *attrs = gltf_j_obj(c, o, "attributes", w, true);
    p->attribute_count = (uint32_t)cJSON_GetArraySize(attrs);
    if (p->attribute_count == 0) gltf_fail(c, "%s/attributes: must not be empty", w);
    p->attributes = ARENA_PUSH_ARRAY(c->a, struct gltf_attribute, p->attribute_count);
    char wa[224];
    WHERE(wa, "%s/attributes", w);
    uint32_t k = 0;
    const cJSON *e;
    p->vertex_count = 0;
    cJSON_ArrayForEach(e, attrs) {
        uint32_t acc = gltf_j_index(c, attrs, e->string, wa, true, m->accessors_count, "accessor");
        char wk[320];
        WHERE(wk, "%s/%s", wa, e->string);
        const struct gltf_accessor *x = &m->accessors[acc];
        check_attribute_type(c, e->string, x, wk);
        if (k > 0 && x->count != p->vertex_count)
            gltf_fail(c, "%s: accessor %u has %u elements but the other attributes have %u", wk, acc, x->count, p->vertex_count);
        p->vertex_count = x->count;
        p->attributes[k].name = arena_strdup(c->a, e->string);
        p->attributes[k].accessor = acc;
        if (strcmp(e->string, "POSITION") == 0) p->position = acc;
        else if (strcmp(e->string, "NORMAL") == 0) p->normal = acc;
        else if (strcmp(e->string, "TANGENT") == 0) p->tangent = acc;
        else if (strcmp(e->string, "TEXCOORD_0") == 0) p->texcoord[0] = acc;
        else if (strcmp(e->string, "TEXCOORD_1") == 0) p->texcoord[1] = acc;
        else if (strcmp(e->string, "COLOR_0") == 0) p->color = acc;
        else if (strcmp(e->string, "JOINTS_0") == 0) p->joints = acc;
        else if (strcmp(e->string, "WEIGHTS_0") == 0) p->weights = acc;
        k++;
    }
    if (p->indices != GLTF_NONE) {
        const struct gltf_accessor *x = &m->accessors[p->indices];
        if (x->components != 1 || x->normalized ||
            (x->component != GLTF_UNSIGNED_BYTE && x->component != GLTF_UNSIGNED_SHORT && x->component != GLTF_UNSIGNED_INT))
            gltf_fail(c, "%s/indices: accessor %u must be an unsigned SCALAR, not normalized", w, p->indices);
    }
    uint32_t nt = 0;
    const cJSON *targets = gltf_j_arr(c, o, "targets", w, false, &nt);
    p->target_count = nt;
    p->targets = ARENA_PUSH_ARRAY(c->a, struct gltf_morph_target, nt);
    k = 0;
    cJSON_ArrayForEach(e, targets) {
        char wt[288];
        WHERE(wt, "%s/targets/%u", w, k);
        if (!cJSON_IsObject(e)) gltf_fail(c, "%s: expected an object", wt);
        struct gltf_morph_target *t = &p->targets[k];
        t->position = gltf_j_index(c, e, "POSITION", wt, false, m->accessors_count, "accessor");
        t->normal = gltf_j_index(c, e, "NORMAL", wt, false, m->accessors_count, "accessor");
        t->tangent = gltf_j_index(c, e, "TANGENT", wt, false, m->accessors_count, "accessor");
        const cJSON *te;
        cJSON_ArrayForEach(te, e) {
            uint32_t acc = gltf_j_index(c, e, te->string, wt, true, m->accessors_count, "accessor");
            if (m->accessors[acc].count != p->vertex_count)
                gltf_fail(c, "%s/%s: accessor %u has %u elements, the primitive %u vertices", wt, te->string, acc,
                          m->accessors[acc].count, p->vertex_count);
        }
        k++;
    }
}

static void parse_meshes(struct gltf_ctx *c)
{
    struct gltf_asset *m = c->m;
    const cJSON *arr = gltf_top_array(c, "meshes", &m->meshes_count);
    m->meshes = ARENA_PUSH_ARRAY(c->a, struct gltf_mesh, m->meshes_count);
    uint32_t i = 0;
    const cJSON *o;
    char w[96], wp[160];
    cJSON_ArrayForEach(o, arr) {
        WHERE(w, "/meshes/%u", i);
        struct gltf_mesh *me = &m->meshes[i];
        me->name = gltf_j_str(c, o, "name", w, false);
        const cJSON *prims = gltf_j_arr(c, o, "primitives", w, true, &me->primitive_count);
        me->primitives = ARENA_PUSH_ARRAY(c->a, struct gltf_primitive, me->primitive_count);
        uint32_t k = 0;
        const cJSON *p;
        cJSON_ArrayForEach(p, prims) {
            WHERE(wp, "%s/primitives/%u", w, k);
            if (!cJSON_IsObject(p)) gltf_fail(c, "%s: expected an object", wp);
            parse_primitive(c, p, wp, &me->primitives[k]);
            if (k > 0 && me->primitives[k].target_count != me->primitives[0].target_count)
                gltf_fail(c, "%s/targets: every primitive of a mesh needs the same number of morph targets", wp);
            gltf_check_primitive_indices(c, i, k);
            k++;
        }
        uint32_t nw = 0;
        if (gltf_j_arr(c, o, "weights", w, false, &nw)) {
            if (nw != me->primitives[0].target_count)
                gltf_fail(c, "%s/weights: %u weights for %u morph targets", w, nw, me->primitives[0].target_count);
            me->weights = ARENA_PUSH_ARRAY(c->a, float, nw);
            gltf_j_floats(c, o, "weights", w, me->weights, nw);
            me->weight_count = nw;
        }
        i++;
    }
}

void gltf_parse_document(struct gltf_ctx *c)
{
    parse_asset_and_extensions(c);
    parse_buffers(c);
    parse_buffer_views(c);
    parse_accessors(c);
    for (uint32_t i = 0; i < c->m->accessors_count; i++) gltf_check_accessor_data(c, i);
    parse_images_samplers_textures(c);
    parse_materials(c);
    parse_meshes(c);
    gltf_parse_cameras(c);
    gltf_parse_skins(c);
    gltf_parse_nodes(c);
    gltf_parse_scenes(c);
    gltf_parse_animations(c);
}
