/* scene_prims.c — procedural meshes for built-in scenes, guidance shapes and
 * tests. Flat-shaded where edges are sharp, smooth on curved surfaces;
 * counter-clockwise front faces as in glTF. */
#include "scene.h"

#include "arena.h"
#include "log.h"

#include <math.h>
#include <string.h>

#define PI_F 3.14159265358979323846f

struct mesh_builder {
    struct mesh_data m;
    uint32_t vcap, icap;
};

static void mb_init(struct mesh_builder *b, struct arena *a, uint32_t vcap, uint32_t icap)
{
    memset(&b->m, 0, sizeof b->m);
    b->m.vertices = ARENA_PUSH_ARRAY(a, struct mesh_vertex, vcap);
    b->m.indices = ARENA_PUSH_ARRAY(a, uint32_t, icap);
    b->m.vertex_count = 0;
    b->m.index_count = 0;
    b->vcap = vcap;
    b->icap = icap;
}

static uint32_t mb_vertex(struct mesh_builder *b, float px, float py, float pz, float nx, float ny, float nz,
                          float u, float v)
{
    ASSERT(b->m.vertex_count < b->vcap);
    struct mesh_vertex *mv = &b->m.vertices[b->m.vertex_count];
    mv->position[0] = px; mv->position[1] = py; mv->position[2] = pz;
    mv->normal[0] = nx; mv->normal[1] = ny; mv->normal[2] = nz;
    mv->uv[0] = u; mv->uv[1] = v;
    return b->m.vertex_count++;
}

static void mb_tri(struct mesh_builder *b, uint32_t i0, uint32_t i1, uint32_t i2)
{
    ASSERT(b->m.index_count + 3 <= b->icap);
    b->m.indices[b->m.index_count++] = i0;
    b->m.indices[b->m.index_count++] = i1;
    b->m.indices[b->m.index_count++] = i2;
}

static void mb_finish(struct mesh_builder *b)
{
    struct mesh_data *m = &b->m;
    for (int k = 0; k < 3; k++) {
        m->bounds_min[k] = m->vertex_count ? m->vertices[0].position[k] : 0.0f;
        m->bounds_max[k] = m->bounds_min[k];
    }
    for (uint32_t i = 1; i < m->vertex_count; i++) {
        for (int k = 0; k < 3; k++) {
            float p = m->vertices[i].position[k];
            if (p < m->bounds_min[k]) m->bounds_min[k] = p;
            if (p > m->bounds_max[k]) m->bounds_max[k] = p;
        }
    }
}

struct mesh_data scene_mesh_box(struct arena *a, float sx, float sy, float sz)
{
    struct mesh_builder b;
    mb_init(&b, a, 24, 36);
    float hx = sx * 0.5f, hy = sy * 0.5f, hz = sz * 0.5f;
    /* One face per row: normal, then the two in-plane axes (u, v) whose
     * cross product is the normal, so corners wind counter-clockwise. */
    static const float faces[6][9] = {
        {1, 0, 0, 0, 0, -1, 0, 1, 0},  {-1, 0, 0, 0, 0, 1, 0, 1, 0},
        {0, 1, 0, 1, 0, 0, 0, 0, -1},  {0, -1, 0, 1, 0, 0, 0, 0, 1},
        {0, 0, 1, 1, 0, 0, 0, 1, 0},   {0, 0, -1, -1, 0, 0, 0, 1, 0},
    };
    for (int f = 0; f < 6; f++) {
        const float *n = faces[f], *u = faces[f] + 3, *v = faces[f] + 6;
        uint32_t base = b.m.vertex_count;
        static const float corners[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
        for (int c = 0; c < 4; c++) {
            float cu = corners[c][0], cv = corners[c][1];
            float p[3];
            for (int k = 0; k < 3; k++) p[k] = n[k] + cu * u[k] + cv * v[k];
            mb_vertex(&b, p[0] * hx, p[1] * hy, p[2] * hz, n[0], n[1], n[2], (cu + 1) * 0.5f, (cv + 1) * 0.5f);
        }
        mb_tri(&b, base, base + 1, base + 2);
        mb_tri(&b, base, base + 2, base + 3);
    }
    mb_finish(&b);
    return b.m;
}

/* A cylinder-like solid of revolution around +Y from y=-h/2 to y=+h/2 with
 * radius r_bottom at the bottom and r_top at the top (0 gives a cone). */
static struct mesh_data revolve(struct arena *a, float r_bottom, float r_top, float height, int segments)
{
    if (segments < 3) segments = 3;
    uint32_t seg = (uint32_t)segments;
    struct mesh_builder b;
    mb_init(&b, a, (seg + 1) * 2 + 2 * (seg + 2), seg * 6 + seg * 6);
    float hy = height * 0.5f;
    /* Side normals lean outward by the slope of the side. */
    float slope = (r_bottom - r_top) / height;
    float ny = slope / sqrtf(1.0f + slope * slope);
    float nr = 1.0f / sqrtf(1.0f + slope * slope);
    for (uint32_t i = 0; i <= seg; i++) {
        float t = (float)i / (float)seg, ang = t * 2.0f * PI_F;
        float c = cosf(ang), s = sinf(ang);
        mb_vertex(&b, c * r_bottom, -hy, -s * r_bottom, c * nr, ny, -s * nr, t, 0.0f);
        mb_vertex(&b, c * r_top, hy, -s * r_top, c * nr, ny, -s * nr, t, 1.0f);
    }
    for (uint32_t i = 0; i < seg; i++) {
        uint32_t b0 = i * 2, t0 = b0 + 1, b1 = b0 + 2, t1 = b0 + 3;
        /* A zero radius (a cone's tip) would make one of the pair a
         * zero-area triangle: leave it out. */
        if (r_top > 0.0f) mb_tri(&b, b0, b1, t1);
        else mb_tri(&b, b0, b1, t0);
        if (r_top > 0.0f && r_bottom > 0.0f) mb_tri(&b, b0, t1, t0);
    }
    /* Caps: a centre vertex and a ring each. */
    for (int cap = 0; cap < 2; cap++) {
        float r = cap ? r_top : r_bottom;
        if (r <= 0.0f) continue;
        float y = cap ? hy : -hy, n = cap ? 1.0f : -1.0f;
        uint32_t centre = mb_vertex(&b, 0, y, 0, 0, n, 0, 0.5f, 0.5f);
        uint32_t ring = b.m.vertex_count;
        for (uint32_t i = 0; i <= seg; i++) {
            float ang = (float)i / (float)seg * 2.0f * PI_F;
            float c = cosf(ang), s = sinf(ang);
            mb_vertex(&b, c * r, y, -s * r, 0, n, 0, 0.5f + 0.5f * c, 0.5f + 0.5f * s);
        }
        for (uint32_t i = 0; i < seg; i++) {
            if (cap) mb_tri(&b, centre, ring + i, ring + i + 1);
            else mb_tri(&b, centre, ring + i + 1, ring + i);
        }
    }
    mb_finish(&b);
    return b.m;
}

struct mesh_data scene_mesh_cylinder(struct arena *a, float radius, float height, int segments)
{
    return revolve(a, radius, radius, height, segments);
}

struct mesh_data scene_mesh_cone(struct arena *a, float radius, float height, int segments)
{
    return revolve(a, radius, 0.0f, height, segments);
}

struct mesh_data scene_mesh_sphere(struct arena *a, float radius, int segments, int rings)
{
    if (segments < 3) segments = 3;
    if (rings < 2) rings = 2;
    uint32_t seg = (uint32_t)segments, rg = (uint32_t)rings;
    struct mesh_builder b;
    mb_init(&b, a, (seg + 1) * (rg + 1), seg * rg * 6);
    for (uint32_t r = 0; r <= rg; r++) {
        float v = (float)r / (float)rg, phi = v * PI_F;
        for (uint32_t i = 0; i <= seg; i++) {
            float u = (float)i / (float)seg, th = u * 2.0f * PI_F;
            float x = sinf(phi) * cosf(th), y = cosf(phi), z = -sinf(phi) * sinf(th);
            mb_vertex(&b, x * radius, y * radius, z * radius, x, y, z, u, v);
        }
    }
    for (uint32_t r = 0; r < rg; r++) {
        for (uint32_t i = 0; i < seg; i++) {
            uint32_t a0 = r * (seg + 1) + i, a1 = a0 + 1, b0 = a0 + seg + 1, b1 = b0 + 1;
            /* At the poles one triangle of each quad has no area. */
            if (r + 1 < rg) mb_tri(&b, a0, b0, b1);
            if (r > 0) mb_tri(&b, a0, b1, a1);
        }
    }
    mb_finish(&b);
    return b.m;
}
