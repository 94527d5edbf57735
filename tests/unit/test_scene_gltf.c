/* test_scene_gltf.c — glTF into the scene tree: hierarchy and names, mesh
 * conversion (modes, flat normals), ray casts against triangles, animation
 * sampling (STEP / LINEAR / CUBICSPLINE, slerp), morph targets and skins. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "gltf.h"
#include "scene.h"
#include "scene_gltf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef PAJA_GLTF_SAMPLES
#define PAJA_GLTF_SAMPLES ""
#endif

static struct arena g_arena;

static int setup(void **state)
{
    (void)state;
    arena_init(&g_arena, "test", 1 << 16);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_fini(&g_arena);
    return 0;
}

static bool load(const char *json, struct gltf_asset *m)
{
    char err[512];
    if (!gltf_load_memory(json, strlen(json), NULL, &g_arena, m, err, sizeof err)) {
        fail_msg("load: %s", err);
        return false;
    }
    return true;
}

static bool near(float a, float b)
{
    return fabsf(a - b) < 1e-4f;
}

static void test_ray_triangle(void **state)
{
    (void)state;
    vec3 a = {0, 0, 0}, b = {1, 0, 0}, c = {0, 1, 0};
    vec3 o = {0.25f, 0.25f, 2}, d = {0, 0, -1};
    float t = 0;
    assert_true(scene_ray_triangle(o, d, a, b, c, &t));
    assert_true(near(t, 2.0f));
    vec3 miss = {0.75f, 0.75f, 2};
    assert_false(scene_ray_triangle(miss, d, a, b, c, &t));
    vec3 away = {0, 0, 1};
    assert_false(scene_ray_triangle(o, away, a, b, c, &t));
}

/* Triangle strip of 4 vertices without NORMAL: 2 triangles, flat normals,
 * under a parent node with extras; one animation with three samplers. */
static const char STRIP[] =
    "{\"asset\":{\"version\":\"2.0\"},"
    "\"buffers\":[{\"byteLength\":88,\"uri\":\"data:application/octet-stream;base64,"
    "AAAAAAAAAAAAAAAAAACAPwAAAAAAAAAAAAAAAAAAgD8AAAAAAACAPwAAgD8AAAAAAAAAAAAAgD8AAAAAAAAAAAAAAAAAAABAAAAAAAAA"
    "AAAAAAAAAAAAAA==\"}],"
    "\"bufferViews\":[{\"buffer\":0,\"byteLength\":48},{\"buffer\":0,\"byteOffset\":48,\"byteLength\":8},"
    "{\"buffer\":0,\"byteOffset\":56,\"byteLength\":24},{\"buffer\":0,\"byteOffset\":80,\"byteLength\":8}],"
    "\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":4,\"type\":\"VEC3\",\"min\":[0,0,0],\"max\":[1,1,0]},"
    "{\"bufferView\":1,\"componentType\":5126,\"count\":2,\"type\":\"SCALAR\",\"min\":[0],\"max\":[1]},"
    "{\"bufferView\":2,\"componentType\":5126,\"count\":2,\"type\":\"VEC3\"},"
    "{\"bufferView\":3,\"componentType\":5126,\"count\":2,\"type\":\"SCALAR\"}],"
    "\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":0},\"mode\":5}]}],"
    "\"nodes\":[{\"name\":\"bench\",\"children\":[1],\"extras\":{\"grab\":1}},{\"name\":\"plate\",\"mesh\":0}],"
    "\"animations\":[{\"samplers\":[{\"input\":1,\"output\":2},{\"input\":1,\"output\":2,\"interpolation\":\"STEP\"}],"
    "\"channels\":[{\"sampler\":0,\"target\":{\"node\":1,\"path\":\"translation\"}}]},"
    "{\"samplers\":[{\"input\":1,\"output\":2,\"interpolation\":\"STEP\"}],"
    "\"channels\":[{\"sampler\":0,\"target\":{\"node\":1,\"path\":\"translation\"}}]}],"
    "\"scenes\":[{\"nodes\":[0]}]}";

static void test_strip_into_scene_and_pick(void **state)
{
    (void)state;
    struct gltf_asset m;
    assert_true(load(STRIP, &m));
    struct scene s;
    scene_init(&s, &g_arena);
    struct scene_gltf g;
    char err[256];
    assert_true(scene_gltf_add(&s, &m, SCENE_NO_PARENT, &g, err, sizeof err));
    uint32_t plate = scene_node_find_path(&s, "bench/plate");
    assert_int_not_equal(plate, SCENE_NOT_FOUND);
    assert_string_equal(s.nodes[0].extras_json, "{\"grab\":1}");
    const struct mesh_data *md = &s.meshes[s.nodes[plate].mesh];
    /* 2 strip triangles, de-indexed for flat normals facing +z. */
    assert_int_equal(md->index_count, 6);
    assert_int_equal(md->vertex_count, 6);
    for (uint32_t v = 0; v < 6; v++) assert_true(near(md->vertices[v].normal[2], 1.0f));

    /* A ray down -z through (0.9, 0.9) hits the second strip triangle. */
    vec3 o = {0.9f, 0.9f, 3}, d = {0, 0, -1}, n;
    float t = 0;
    assert_int_equal(scene_ray_pick_mesh(&s, o, d, &t, n), plate);
    assert_true(near(t, 3.0f) && near(n[2], 1.0f));
    /* Outside the quad but inside nothing: no hit. */
    vec3 o2 = {1.5f, 0.5f, 3};
    assert_int_equal(scene_ray_pick_mesh(&s, o2, d, &t, NULL), SCENE_NOT_FOUND);

    /* LINEAR translation 0 → (2,0,0) over 1 s; STEP holds the first key. */
    scene_gltf_animate(&s, &g, 0, 0.25f);
    assert_true(near(s.nodes[plate].translation[0], 0.5f));
    scene_gltf_animate(&s, &g, 1, 0.75f);
    assert_true(near(s.nodes[plate].translation[0], 0.0f));
    scene_gltf_animate(&s, &g, 1, 5.0f); /* clamped to the last key */
    assert_true(near(s.nodes[plate].translation[0], 2.0f));
    scene_update_world(&s);
    /* The picked surface moved with the node. */
    vec3 o3 = {2.9f, 0.9f, 3};
    assert_int_equal(scene_ray_pick_mesh(&s, o3, d, &t, NULL), plate);
}

static void test_empty_default_scene(void **state)
{
    (void)state;
    struct gltf_asset m;
    assert_true(load("{\"asset\":{\"version\":\"2.0\"},\"nodes\":[{\"name\":\"a\"}],\"scenes\":[{}],\"scene\":0}", &m));
    struct scene s;
    scene_init(&s, &g_arena);
    struct scene_gltf g;
    char err[128];
    assert_true(scene_gltf_add(&s, &m, SCENE_NO_PARENT, &g, err, sizeof err));
    assert_int_equal(s.node_count, 0);
    assert_int_equal(g.node_of[0], SCENE_NOT_FOUND);
}

static void test_sampler_interpolations(void **state)
{
    (void)state;
    /* Times [0, 2]; rotation keys identity and 90° about Y; cubic keys
     * (in, value, out) with zero tangents: values 0 and 4. */
    const char *doc =
        "{\"asset\":{\"version\":\"2.0\"},"
        "\"buffers\":[{\"byteLength\":80,\"uri\":\"data:application/octet-stream;base64,"
        "AAAAAAAAAEAAAAAAAAAAAAAAAAAAAIA/AAAAAPMENT8AAAAA8wQ1PwAAAAAAAAAAAAAAAAAAAAAAAIBAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"}],"
        "\"bufferViews\":[{\"buffer\":0,\"byteLength\":8},{\"buffer\":0,\"byteOffset\":8,\"byteLength\":32},"
        "{\"buffer\":0,\"byteOffset\":40,\"byteLength\":24},{\"buffer\":0,\"byteOffset\":64,\"byteLength\":16}],"
        "\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":2,\"type\":\"SCALAR\"},"
        "{\"bufferView\":1,\"componentType\":5126,\"count\":2,\"type\":\"VEC4\"},"
        "{\"bufferView\":2,\"componentType\":5126,\"count\":6,\"type\":\"SCALAR\"}],"
        "\"nodes\":[{\"name\":\"n\"}],"
        "\"animations\":[{\"samplers\":[{\"input\":0,\"output\":1}],"
        "\"channels\":[{\"sampler\":0,\"target\":{\"node\":0,\"path\":\"rotation\"}}]}]}";
    struct gltf_asset m;
    assert_true(load(doc, &m));
    float q[4];
    scene_gltf_sample(&m, &m.animations[0].samplers[0], 4, true, 1.0f, q);
    /* Halfway: 45° about Y → (0, sin 22.5°, 0, cos 22.5°). */
    assert_true(near(q[1], sinf(0.3926991f)) && near(q[3], cosf(0.3926991f)));
    struct gltf_anim_sampler cubic = {0, 2, GLTF_INTERP_CUBICSPLINE};
    float v;
    scene_gltf_sample(&m, &cubic, 1, false, 1.0f, &v);
    assert_true(near(v, 2.0f)); /* h00 = h01 = 1/2 with zero tangents */
    scene_gltf_sample(&m, &cubic, 1, false, 0.5f, &v);
    assert_true(near(v, 4.0f * (3 * 0.0625f - 2 * 0.015625f))); /* h01(1/4) * 4 */
}

static bool sample_path(const char *rel, char *out, size_t n)
{
    snprintf(out, n, "%s/%s", PAJA_GLTF_SAMPLES, rel);
    return access(out, R_OK) == 0;
}

static void test_box_and_skin_from_corpus(void **state)
{
    (void)state;
    char path[1024], err[512];
    if (!sample_path("Box/glTF-Binary/Box.glb", path, sizeof path)) skip();
    struct gltf_asset m;
    assert_true(gltf_load_file(path, &g_arena, &m, err, sizeof err));
    struct scene s;
    scene_init(&s, &g_arena);
    struct scene_gltf g;
    assert_true(scene_gltf_add(&s, &m, SCENE_NO_PARENT, &g, err, sizeof err));
    assert_int_equal(s.node_count, 2);
    assert_int_equal(s.material_count, 1);
    assert_int_equal(s.mesh_material[s.nodes[1].mesh], 0);
    /* The unit cube, rotated Z-up → Y-up: a ray from +z hits z = 0.5. */
    vec3 o = {0.1f, 0.2f, 5}, d = {0, 0, -1};
    float t;
    assert_int_equal(scene_ray_pick_mesh(&s, o, d, &t, NULL), 1);
    assert_true(near(t, 4.5f));

    /* SimpleSkin: at rest the joint matrices cancel (IBM = inverse joint
     * world), so skinned positions equal the stored ones; at t = 1 s the
     * upper joint has rotated, moving the top vertices but not the base. */
    if (!sample_path("SimpleSkin/glTF/SimpleSkin.gltf", path, sizeof path)) skip();
    assert_true(gltf_load_file(path, &g_arena, &m, err, sizeof err));
    scene_init(&s, &g_arena);
    assert_true(scene_gltf_add(&s, &m, SCENE_NO_PARENT, &g, err, sizeof err));
    uint32_t skinned = g.node_of[0];
    const struct mesh_data *md = &s.meshes[s.nodes[skinned].mesh];
    uint32_t pos = m.meshes[0].primitives[0].position;
    /* No NORMAL: vertices were de-indexed; src maps them back. */
    const uint32_t *src = g.deform[0][0].src;
    assert_int_equal(md->vertex_count, m.accessors[m.meshes[0].primitives[0].indices].count);
    for (uint32_t v = 0; v < md->vertex_count; v++) {
        float p[3];
        gltf_accessor_read_float(&m, pos, src[v], p, 3);
        for (int k = 0; k < 3; k++) assert_true(near(md->vertices[v].position[k], p[k]));
    }
    scene_gltf_animate(&s, &g, 0, 1.0f);
    scene_update_world(&s);
    scene_gltf_deform(&s, &g);
    float top_dx = 0, base_dx = 0;
    for (uint32_t v = 0; v < md->vertex_count; v++) {
        float p[3];
        gltf_accessor_read_float(&m, pos, src[v], p, 3);
        float dx = fabsf(md->vertices[v].position[0] - p[0]);
        if (p[1] >= 1.99f && dx > top_dx) top_dx = dx;
        if (p[1] <= 0.01f && dx > base_dx) base_dx = dx;
    }
    assert_true(top_dx > 0.1f);
    assert_true(base_dx < 1e-4f);
}

static void test_morph_weights(void **state)
{
    (void)state;
    char path[1024], err[512];
    if (!sample_path("SimpleMorph/glTF/SimpleMorph.gltf", path, sizeof path)) skip();
    struct gltf_asset m;
    assert_true(gltf_load_file(path, &g_arena, &m, err, sizeof err));
    struct scene s;
    scene_init(&s, &g_arena);
    struct scene_gltf g;
    assert_true(scene_gltf_add(&s, &m, SCENE_NO_PARENT, &g, err, sizeof err));
    /* Each vertex = base + Σ w_t · target_t, with the mesh's default weights. */
    const struct gltf_primitive *p = &m.meshes[0].primitives[0];
    const struct mesh_data *md = &s.meshes[s.nodes[g.node_of[0]].mesh];
    const float *w = g.weights[0];
    assert_non_null(w);
    for (uint32_t v = 0; v < md->vertex_count; v++) {
        float b[3], want[3];
        gltf_accessor_read_float(&m, p->position, v, b, 3);
        memcpy(want, b, sizeof want);
        for (uint32_t t = 0; t < p->target_count; t++) {
            float d[3];
            gltf_accessor_read_float(&m, p->targets[t].position, v, d, 3);
            for (int k = 0; k < 3; k++) want[k] += w[t] * d[k];
        }
        for (int k = 0; k < 3; k++) assert_true(near(md->vertices[v].position[k], want[k]));
    }
    assert_true(w[0] != 0.0f || w[1] != 0.0f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ray_triangle),
        cmocka_unit_test_setup_teardown(test_strip_into_scene_and_pick, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sampler_interpolations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_default_scene, setup, teardown),
        cmocka_unit_test_setup_teardown(test_box_and_skin_from_corpus, setup, teardown),
        cmocka_unit_test_setup_teardown(test_morph_weights, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
