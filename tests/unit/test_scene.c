/* test_scene.c — node tree, world transforms, lookup, bounds, picking,
 * procedural meshes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "scene.h"

#include <math.h>
#include <string.h>

static struct arena g_arena;

static int setup(void **state)
{
    (void)state;
    arena_init(&g_arena, "scene-test", 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_fini(&g_arena);
    return 0;
}

static void world_matrix_composes_parents(void **state)
{
    (void)state;
    struct scene s;
    scene_init(&s, &g_arena);
    uint32_t root = scene_node_add(&s, SCENE_NO_PARENT, "car");
    uint32_t child = scene_node_add(&s, root, "service_plug");
    s.nodes[root].translation[0] = 2.0f;
    glm_quatv(s.nodes[root].rotation, GLM_PI_2f, (vec3){0.0f, 1.0f, 0.0f});
    s.nodes[root].scale[0] = s.nodes[root].scale[1] = s.nodes[root].scale[2] = 2.0f;
    s.nodes[child].translation[0] = 1.0f;
    scene_update_world(&s);
    /* Child at local +X: scaled to 2, turned 90 degrees about Y onto -Z,
     * then moved by the parent's +2 X. */
    vec4 origin = {0.0f, 0.0f, 0.0f, 1.0f}, w;
    glm_mat4_mulv(s.nodes[child].world, origin, w);
    assert_float_equal(w[0], 2.0f, 1e-5f);
    assert_float_equal(w[1], 0.0f, 1e-5f);
    assert_float_equal(w[2], -2.0f, 1e-5f);
}

static void find_by_name_and_path(void **state)
{
    (void)state;
    struct scene s;
    scene_init(&s, &g_arena);
    uint32_t car = scene_node_add(&s, SCENE_NO_PARENT, "car");
    uint32_t hv = scene_node_add(&s, car, "hv");
    uint32_t plug = scene_node_add(&s, hv, "plug");
    uint32_t other = scene_node_add(&s, SCENE_NO_PARENT, "bench");
    scene_node_add(&s, other, "plug"); /* same name elsewhere */
    assert_int_equal(scene_node_find(&s, "hv"), hv);
    assert_int_equal(scene_node_find(&s, "nothing"), SCENE_NOT_FOUND);
    assert_int_equal(scene_node_find_path(&s, "car/hv/plug"), plug);
    assert_int_equal(scene_node_find_path(&s, "bench/plug"), plug + 2);
    assert_int_equal(scene_node_find_path(&s, "car/plug"), SCENE_NOT_FOUND);
    assert_int_equal(scene_node_find_path(&s, ""), SCENE_NOT_FOUND);
    /* Subtrees. */
    assert_true(scene_node_under(&s, plug, car));
    assert_true(scene_node_under(&s, car, car));
    assert_false(scene_node_under(&s, car, plug));
    assert_false(scene_node_under(&s, plug + 2, car)); /* the bench's plug */
    assert_false(scene_node_under(&s, SCENE_NOT_FOUND, car));
    assert_false(scene_node_under(&s, plug, SCENE_NOT_FOUND));
    /* Many nodes: the arrays grow and names stay intact. */
    for (int i = 0; i < 200; i++) scene_node_add(&s, car, "leaf");
    assert_string_equal(s.nodes[plug].name, "plug");
}

static void bounds_follow_transform(void **state)
{
    (void)state;
    struct scene s;
    scene_init(&s, &g_arena);
    struct mesh_data box = scene_mesh_box(&g_arena, 2.0f, 1.0f, 4.0f);
    uint32_t n = scene_node_add(&s, SCENE_NO_PARENT, "box");
    s.nodes[n].mesh = scene_mesh_add(&s, &box);
    s.nodes[n].translation[1] = 10.0f;
    scene_update_world(&s);
    vec3 mn, mx;
    assert_true(scene_node_bounds(&s, n, mn, mx));
    assert_float_equal(mn[0], -1.0f, 1e-5f);
    assert_float_equal(mx[1], 10.5f, 1e-5f);
    assert_float_equal(mn[2], -2.0f, 1e-5f);
    uint32_t empty = scene_node_add(&s, SCENE_NO_PARENT, "group");
    assert_false(scene_node_bounds(&s, empty, mn, mx));
}

static void ray_picks_nearest_visible(void **state)
{
    (void)state;
    struct scene s;
    scene_init(&s, &g_arena);
    struct mesh_data box = scene_mesh_box(&g_arena, 1.0f, 1.0f, 1.0f);
    uint32_t mesh = scene_mesh_add(&s, &box);
    uint32_t near = scene_node_add(&s, SCENE_NO_PARENT, "near");
    uint32_t far = scene_node_add(&s, SCENE_NO_PARENT, "far");
    s.nodes[near].mesh = s.nodes[far].mesh = mesh;
    s.nodes[near].translation[2] = -3.0f;
    s.nodes[far].translation[2] = -6.0f;
    scene_update_world(&s);
    float t = 0.0f;
    vec3 o = {0.0f, 0.0f, 0.0f}, fwd = {0.0f, 0.0f, -1.0f}, up = {0.0f, 1.0f, 0.0f};
    assert_int_equal(scene_ray_pick_bounds(&s, o, fwd, &t), near);
    assert_float_equal(t, 2.5f, 1e-5f);
    s.nodes[near].visible = false;
    assert_int_equal(scene_ray_pick_bounds(&s, o, fwd, &t), far);
    assert_int_equal(scene_ray_pick_bounds(&s, o, up, &t), SCENE_NOT_FOUND);
    /* Behind the ray's origin does not count. */
    vec3 back = {0.0f, 0.0f, 1.0f};
    assert_int_equal(scene_ray_pick_bounds(&s, o, back, &t), SCENE_NOT_FOUND);
}

static bool skip_named_near(const struct scene *s, uint32_t node, void *user)
{
    (void)user;
    return strcmp(s->nodes[node].name, "near") != 0;
}

static void mesh_pick_filters_and_faces_the_ray(void **state)
{
    (void)state;
    struct scene s;
    scene_init(&s, &g_arena);
    struct mesh_data box = scene_mesh_box(&g_arena, 1.0f, 1.0f, 1.0f);
    uint32_t mesh = scene_mesh_add(&s, &box);
    uint32_t near = scene_node_add(&s, SCENE_NO_PARENT, "near");
    uint32_t far = scene_node_add(&s, SCENE_NO_PARENT, "far");
    s.nodes[near].mesh = s.nodes[far].mesh = mesh;
    s.nodes[near].translation[2] = -3.0f;
    s.nodes[far].translation[2] = -6.0f;
    scene_update_world(&s);
    vec3 o = {0.0f, 0.0f, 0.0f}, fwd = {0.0f, 0.0f, -1.0f}, n;
    float t = 0.0f;
    assert_int_equal(scene_ray_pick_mesh(&s, o, fwd, &t, n), near);
    assert_float_equal(n[2], 1.0f, 1e-5f);
    assert_int_equal(scene_ray_pick_mesh_filtered(&s, o, fwd, skip_named_near, NULL, &t, n), far);
    assert_float_equal(t, 5.5f, 1e-5f);
    /* From inside the near box the ray meets its back face from behind:
     * the normal still faces the ray's origin. */
    vec3 inside = {0.0f, 0.0f, -3.0f};
    assert_int_equal(scene_ray_pick_mesh(&s, inside, fwd, &t, n), near);
    assert_float_equal(t, 0.5f, 1e-5f);
    assert_float_equal(n[2], 1.0f, 1e-5f);
}

static void ray_aabb_edge_cases(void **state)
{
    (void)state;
    vec3 mn = {-1, -1, -1}, mx = {1, 1, 1};
    float t = -1.0f;
    /* Inside: hit at distance 0. */
    assert_true(scene_ray_aabb((vec3){0, 0, 0}, (vec3){1, 0, 0}, mn, mx, &t));
    assert_float_equal(t, 0.0f, 0.0f);
    /* Parallel to a slab and outside it. */
    assert_false(scene_ray_aabb((vec3){0, 2, -5}, (vec3){0, 0, 1}, mn, mx, &t));
    /* Unnormalised direction: t in units of dir. */
    assert_true(scene_ray_aabb((vec3){0, 0, 5}, (vec3){0, 0, -2}, mn, mx, &t));
    assert_float_equal(t, 2.0f, 1e-6f);
}

/* Every triangle of a closed primitive faces outward: its geometric normal
 * points away from the centre and agrees with the vertex normals. */
static void check_outward(const struct mesh_data *m)
{
    assert_true(m->index_count > 0 && m->index_count % 3 == 0);
    for (uint32_t i = 0; i < m->index_count; i += 3) {
        const float *a = m->vertices[m->indices[i]].position, *b = m->vertices[m->indices[i + 1]].position,
                    *c = m->vertices[m->indices[i + 2]].position;
        vec3 ab, ac, n, centroid;
        glm_vec3_sub((float *)b, (float *)a, ab);
        glm_vec3_sub((float *)c, (float *)a, ac);
        glm_vec3_cross(ab, ac, n);
        if (glm_vec3_norm(n) < 1e-9f) continue; /* degenerate at a pole */
        glm_vec3_add((float *)a, (float *)b, centroid);
        glm_vec3_add(centroid, (float *)c, centroid);
        glm_vec3_scale(centroid, 1.0f / 3.0f, centroid);
        assert_true(glm_vec3_dot(n, centroid) > 0.0f);
        assert_true(glm_vec3_dot(n, (float *)m->vertices[m->indices[i]].normal) > 0.0f);
    }
    for (uint32_t i = 0; i < m->index_count; i++) assert_true(m->indices[i] < m->vertex_count);
}

static void primitives_are_closed_and_outward(void **state)
{
    (void)state;
    struct mesh_data box = scene_mesh_box(&g_arena, 1.0f, 2.0f, 3.0f);
    assert_int_equal(box.vertex_count, 24);
    assert_int_equal(box.index_count, 36);
    assert_float_equal(box.bounds_max[1], 1.0f, 1e-6f);
    check_outward(&box);
    struct mesh_data cyl = scene_mesh_cylinder(&g_arena, 0.5f, 1.0f, 12);
    check_outward(&cyl);
    struct mesh_data cone = scene_mesh_cone(&g_arena, 0.5f, 1.0f, 12);
    check_outward(&cone);
    assert_float_equal(cone.bounds_max[1], 0.5f, 1e-6f);
    struct mesh_data sph = scene_mesh_sphere(&g_arena, 2.0f, 16, 8);
    check_outward(&sph);
    assert_float_equal(sph.bounds_max[1], 2.0f, 1e-5f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(world_matrix_composes_parents, setup, teardown),
        cmocka_unit_test_setup_teardown(find_by_name_and_path, setup, teardown),
        cmocka_unit_test_setup_teardown(bounds_follow_transform, setup, teardown),
        cmocka_unit_test_setup_teardown(ray_picks_nearest_visible, setup, teardown),
        cmocka_unit_test_setup_teardown(mesh_pick_filters_and_faces_the_ray, setup, teardown),
        cmocka_unit_test_setup_teardown(ray_aabb_edge_cases, setup, teardown),
        cmocka_unit_test_setup_teardown(primitives_are_closed_and_outward, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
