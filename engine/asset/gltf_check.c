/* gltf_check.c — checks that need sizes or bytes: every accessor (and its
 * sparse parts) inside its bufferView, sparse indices strictly increasing,
 * float data finite, data inside declared min/max, and every vertex index
 * below the primitive's vertex count. After these pass, the readers in
 * gltf_access.c cannot leave their buffers. */
#include "gltf_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The bytes a view exposes, from the start of the view. */
static const uint8_t *view_bytes(const struct gltf_asset *m, uint32_t view)
{
    const struct gltf_buffer_view *v = &m->buffer_views[view];
    return m->buffers[v->buffer].data + v->offset;
}

static uint32_t comp_size(uint32_t ct)
{
    return ct == GLTF_FLOAT || ct == GLTF_UNSIGNED_INT ? 4 : ct == GLTF_SHORT || ct == GLTF_UNSIGNED_SHORT ? 2 : 1;
}

/* Fails unless [offset, offset + need) fits in the view. */
static void check_span(struct gltf_ctx *c, const char *where, uint32_t view, uint64_t offset, uint64_t need)
{
    const struct gltf_buffer_view *v = &c->m->buffer_views[view];
    if (offset + need > v->length)
        gltf_fail(c, "%s: needs %llu bytes from byteOffset %llu but bufferView %u has %zu", where,
                  (unsigned long long)need, (unsigned long long)offset, view, v->length);
}

static uint32_t last_element_size(const struct gltf_accessor *x)
{
    if (x->type[0] != 'M') return x->elem_size;
    return gltf_component_offset(x, x->components - 1) + comp_size(x->component);
}

void gltf_check_accessor_layout(struct gltf_ctx *c, uint32_t i)
{
    struct gltf_asset *m = c->m;
    struct gltf_accessor *x = &m->accessors[i];
    char w[64];
    snprintf(w, sizeof w, "/accessors/%u", i);
    uint32_t cs = comp_size(x->component);
    x->stride = x->elem_size;
    if (x->view != GLTF_NONE) {
        const struct gltf_buffer_view *v = &m->buffer_views[x->view];
        if (x->offset % cs) gltf_fail(c, "%s/byteOffset: %zu is not a multiple of the component size %u", w, x->offset, cs);
        if ((v->offset + x->offset) % cs)
            gltf_fail(c, "%s: data starts at buffer byte %zu, not aligned to its component size %u", w,
                      v->offset + x->offset, cs);
        if (v->stride) {
            if (v->stride < x->elem_size)
                gltf_fail(c, "%s: element is %u bytes but bufferView %u has byteStride %u", w, x->elem_size, x->view, v->stride);
            x->stride = v->stride;
        }
        /* The last element needs no trailing matrix-column padding (what
         * the validator accepts in get_elements_matrix.gltf). */
        uint64_t need = (uint64_t)x->stride * (x->count - 1) + last_element_size(x);
        check_span(c, w, x->view, x->offset, need);
    }
    if (x->is_sparse) {
        const struct gltf_sparse *s = &x->sparse;
        char ws[96];
        snprintf(ws, sizeof ws, "%s/sparse/indices", w);
        uint32_t ics = comp_size(s->indices_component);
        if ((m->buffer_views[s->indices_view].offset + s->indices_offset) % ics)
            gltf_fail(c, "%s: not aligned to its component size %u", ws, ics);
        check_span(c, ws, s->indices_view, s->indices_offset, (uint64_t)ics * s->count);
        const uint8_t *p = view_bytes(m, s->indices_view) + s->indices_offset;
        uint64_t prev = 0;
        for (uint32_t k = 0; k < s->count; k++) {
            uint32_t idx;
            if (ics == 1) idx = p[k];
            else if (ics == 2) { uint16_t u; memcpy(&u, p + 2 * k, 2); idx = u; }
            else memcpy(&idx, p + 4 * (size_t)k, 4);
            if (idx >= x->count) gltf_fail(c, "%s: index %u = %u >= accessor count %u", ws, k, idx, x->count);
            if (k > 0 && idx <= prev) gltf_fail(c, "%s: index %u = %u is not greater than the one before", ws, k, idx);
            prev = idx;
        }
        snprintf(ws, sizeof ws, "%s/sparse/values", w);
        if ((m->buffer_views[s->values_view].offset + s->values_offset) % cs)
            gltf_fail(c, "%s: not aligned to its component size %u", ws, cs);
        check_span(c, ws, s->values_view, s->values_offset, (uint64_t)x->elem_size * s->count);
    }
}

/* Raw (not normalized) component value, for min/max comparisons, which the
 * specification defines on the stored values. */
static double raw_component(const uint8_t *p, uint32_t ct)
{
    switch (ct) {
    case GLTF_BYTE: return (double)(int8_t)p[0];
    case GLTF_UNSIGNED_BYTE: return (double)p[0];
    case GLTF_SHORT: { int16_t v; memcpy(&v, p, 2); return v; }
    case GLTF_UNSIGNED_SHORT: { uint16_t v; memcpy(&v, p, 2); return v; }
    case GLTF_UNSIGNED_INT: { uint32_t v; memcpy(&v, p, 4); return v; }
    default: { float v; memcpy(&v, p, 4); return v; }
    }
}

/* Byte offset of component k inside an element (matrix column padding). */
static uint32_t component_offset(const struct gltf_accessor *x, uint32_t k)
{
    uint32_t cs = comp_size(x->component);
    uint32_t cols = x->components == 4 && x->type[0] == 'M' ? 2 : x->components == 9 ? 3 : x->components == 16 ? 4 : 1;
    if (cols == 1) return k * cs;
    uint32_t rows = x->components / cols;
    uint32_t col_bytes = (rows * cs + 3) & ~3u;
    return (k / rows) * col_bytes + (k % rows) * cs;
}

/* The bytes of element i, after sparse substitution. */
static const uint8_t *element_bytes(const struct gltf_asset *m, const struct gltf_accessor *x, uint32_t i)
{
    if (x->is_sparse) {
        const struct gltf_sparse *s = &x->sparse;
        const uint8_t *ip = view_bytes(m, s->indices_view) + s->indices_offset;
        uint32_t ics = comp_size(s->indices_component);
        /* Indices are strictly increasing (checked): binary search. */
        uint32_t lo = 0, hi = s->count;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2, v;
            if (ics == 1) v = ip[mid];
            else if (ics == 2) { uint16_t u; memcpy(&u, ip + 2 * mid, 2); v = u; }
            else memcpy(&v, ip + 4 * (size_t)mid, 4);
            if (v == i) return view_bytes(m, s->values_view) + s->values_offset + (size_t)mid * x->elem_size;
            if (v < i) lo = mid + 1;
            else hi = mid;
        }
    }
    if (x->view == GLTF_NONE) return NULL; /* zeros */
    return view_bytes(m, x->view) + x->offset + (size_t)i * x->stride;
}

void gltf_check_accessor_data(struct gltf_ctx *c, uint32_t i)
{
    const struct gltf_asset *m = c->m;
    const struct gltf_accessor *x = &m->accessors[i];
    bool is_float = x->component == GLTF_FLOAT;
    if (!is_float && !x->has_min && !x->has_max) return;
    /* Like the validator, judge only data the file actually has: an
     * accessor without a bufferView (and not sparse) is implicit zeros, and
     * a buffer without data is zeros standing in. */
    if (x->view == GLTF_NONE && !x->is_sparse) return;
    if (x->view != GLTF_NONE && m->buffers[m->buffer_views[x->view].buffer].zero_filled) return;
    /* Float data must be finite wherever it is; min/max must hold. */
    for (uint32_t e = 0; e < x->count; e++) {
        const uint8_t *p = element_bytes(m, x, e);
        for (uint32_t k = 0; k < x->components; k++) {
            double v = p ? raw_component(p + component_offset(x, k), x->component) : 0.0;
            if (is_float && !isfinite(v))
                gltf_fail(c, "/accessors/%u: element %u component %u is %s", i, e, k, isnan(v) ? "NaN" : "infinite");
            {
                /* Compare at the data's precision: min/max are decimal text. */
                double lo = is_float ? (double)(float)x->min[k] : x->min[k];
                double hi = is_float ? (double)(float)x->max[k] : x->max[k];
                if (x->has_min && v < lo) gltf_fail(c, "/accessors/%u: element %u component %u = %g is below min %g", i, e, k, v, x->min[k]);
                if (x->has_max && v > hi) gltf_fail(c, "/accessors/%u: element %u component %u = %g is above max %g", i, e, k, v, x->max[k]);
            }
        }
    }
}

void gltf_check_primitive_indices(struct gltf_ctx *c, uint32_t mesh, uint32_t prim)
{
    const struct gltf_asset *m = c->m;
    const struct gltf_primitive *p = &m->meshes[mesh].primitives[prim];
    if (p->indices == GLTF_NONE) return;
    const struct gltf_accessor *x = &m->accessors[p->indices];
    uint32_t restart = x->component == GLTF_UNSIGNED_BYTE ? 0xFFu : x->component == GLTF_UNSIGNED_SHORT ? 0xFFFFu : 0xFFFFFFFFu;
    for (uint32_t e = 0; e < x->count; e++) {
        const uint8_t *b = element_bytes(m, x, e);
        uint32_t v = b ? (uint32_t)raw_component(b, x->component) : 0;
        if (v >= p->vertex_count || v == restart)
            gltf_fail(c, "/accessors/%u: index %u = %u %s (mesh %u primitive %u)", p->indices, e, v,
                      v == restart ? "is the primitive restart value" : ">= vertex count", mesh, prim);
    }
}

const uint8_t *gltf_element_bytes(const struct gltf_asset *m, const struct gltf_accessor *x, uint32_t i)
{
    return element_bytes(m, x, i);
}

uint32_t gltf_component_offset(const struct gltf_accessor *x, uint32_t k)
{
    return component_offset(x, k);
}
