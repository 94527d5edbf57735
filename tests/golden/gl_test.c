/* gl_test.c — shared pieces of the gfx pixel tests (see gl_test.h). */
#include "gl_test.h"

#include <stdlib.h>
#include <string.h>

int gl_test_failures;

struct plat *gl_test_start(const char *name, int w, int h, struct gfx **out_g)
{
    char err[1024];
    struct plat_desc pd = {.title = name, .width = w, .height = h, .headless = true};
    struct plat *p = plat_create(&pd, err, sizeof err);
    if (!p) {
        printf("SKIP: %s: no GL context: %s\n", name, err);
        exit(77);
    }
    *out_g = gfx_create(err, sizeof err);
    if (!*out_g) {
        printf("FAIL: %s: gfx: %s\n", name, err);
        exit(1);
    }
    return p;
}

struct gfx_mesh gl_test_cube(struct gfx *g)
{
    /* Each face its own four corners so normals are flat. */
    static struct mesh_vertex v[24];
    static uint32_t idx[36];
    const float axes[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    const float corner[4][2] = {{-0.5f, -0.5f}, {0.5f, -0.5f}, {0.5f, 0.5f}, {-0.5f, 0.5f}};
    for (int f = 0; f < 6; f++) {
        int a = f / 2, u = (a + 1) % 3, w = (a + 2) % 3;
        float s = (f % 2) ? -0.5f : 0.5f;
        for (int k = 0; k < 4; k++) {
            struct mesh_vertex *o = &v[f * 4 + k];
            memset(o, 0, sizeof *o);
            for (int i = 0; i < 3; i++) {
                o->position[i] = axes[a][i] * s + axes[u][i] * corner[k][0] + axes[w][i] * corner[k][1];
                o->normal[i] = axes[a][i] * (s > 0 ? 1.0f : -1.0f);
            }
        }
        const uint32_t q[6] = {0, 1, 2, 0, 2, 3};
        for (int k = 0; k < 6; k++) idx[f * 6 + k] = (uint32_t)(f * 4) + q[k];
    }
    struct mesh_data md = {.vertices = v, .vertex_count = 24, .indices = idx, .index_count = 36,
                           .bounds_min = {-0.5f, -0.5f, -0.5f}, .bounds_max = {0.5f, 0.5f, 0.5f}};
    return gfx_mesh_create(g, &md);
}

int gl_test_finish(const char *name, struct plat **p, struct gfx **g)
{
    gfx_destroy(g);
    plat_destroy(p);
    if (gl_test_failures) {
        printf("%s: %d checks failed\n", name, gl_test_failures);
        return 1;
    }
    printf("%s: all checks passed\n", name);
    return 0;
}
