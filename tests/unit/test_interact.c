/* test_interact.c — hover events from hand rays, with no objects described
 * (the rest: test_interact_grab.c, test_interact_tool.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "interact.h"
#include "pose.h"

#include <stdlib.h>
#include <string.h>

struct fixture {
    struct arena arena;
    struct scene scene;
    struct ev_queue q;
    struct interact ix;
    struct hand_input hands[HAND_COUNT];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    arena_init(&f->arena, "interact-test", 0);
    scene_init(&f->scene, &f->arena);
    struct mesh_data box = scene_mesh_box(&f->arena, 0.2f, 0.2f, 0.2f);
    uint32_t mesh = scene_mesh_add(&f->scene, &box);
    uint32_t plug = scene_node_add(&f->scene, SCENE_NO_PARENT, "hv.service_plug");
    f->scene.nodes[plug].mesh = mesh;
    f->scene.nodes[plug].translation[2] = -1.0f;
    uint32_t far = scene_node_add(&f->scene, SCENE_NO_PARENT, "far.box");
    f->scene.nodes[far].mesh = mesh;
    f->scene.nodes[far].translation[0] = 3.0f;
    f->scene.nodes[far].translation[2] = -10.0f;
    scene_update_world(&f->scene);
    ev_queue_init(&f->q, &f->arena);
    interact_init(&f->ix);
    pose_identity(&f->hands[HAND_RIGHT].aim);
    pose_identity(&f->hands[HAND_LEFT].aim);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    arena_fini(&f->arena);
    free(f);
    return 0;
}

static void aim_at(struct hand_input *h, float x, float y, float z)
{
    vec3 dir = {x, y, z};
    glm_vec3_normalize(dir);
    glm_quat_from_vecs((vec3){0.0f, 0.0f, -1.0f}, dir, h->aim.orientation);
}

static void hover_enters_and_leaves_once(void **state)
{
    struct fixture *f = *state;
    f->hands[HAND_RIGHT].active = true;
    interact_update(&f->ix, &f->scene, f->hands, NULL, 1000, &f->q);
    assert_int_equal(f->q.n, 1);
    assert_int_equal(f->q.v[0].type, EV_HOVER);
    assert_string_equal(f->q.v[0].subject, "hv.service_plug");
    assert_int_equal(f->q.v[0].hand, HAND_RIGHT);
    assert_int_equal(f->q.v[0].t_us, 1000);
    assert_float_equal(f->ix.hover_distance[HAND_RIGHT], 0.9f, 1e-4f);

    /* Staying on the same object emits nothing new. */
    interact_update(&f->ix, &f->scene, f->hands, NULL, 2000, &f->q);
    assert_int_equal(f->q.n, 1);

    /* Pointing away: one hover event with no subject. */
    aim_at(&f->hands[HAND_RIGHT], 0.0f, 1.0f, 0.0f);
    interact_update(&f->ix, &f->scene, f->hands, NULL, 3000, &f->q);
    assert_int_equal(f->q.n, 2);
    assert_null(f->q.v[1].subject);
}

static void objects_beyond_reach_are_ignored(void **state)
{
    struct fixture *f = *state;
    f->hands[HAND_RIGHT].active = true;
    aim_at(&f->hands[HAND_RIGHT], 3.0f, 0.0f, -10.0f);
    interact_update(&f->ix, &f->scene, f->hands, NULL, 0, &f->q);
    assert_int_equal(f->ix.hovered[HAND_RIGHT], SCENE_NOT_FOUND);
    assert_int_equal(f->q.n, 0);
    f->ix.max_reach = 20.0f;
    interact_update(&f->ix, &f->scene, f->hands, NULL, 0, &f->q);
    assert_int_equal(f->q.n, 1);
    assert_string_equal(f->q.v[0].subject, "far.box");
}

static void inactive_hands_hover_nothing(void **state)
{
    struct fixture *f = *state;
    f->hands[HAND_LEFT].active = false;
    f->hands[HAND_RIGHT].active = false;
    interact_update(&f->ix, &f->scene, f->hands, NULL, 0, &f->q);
    assert_int_equal(f->q.n, 0);
    /* Both hands on the same object: one event per hand. */
    f->hands[HAND_LEFT].active = f->hands[HAND_RIGHT].active = true;
    interact_update(&f->ix, &f->scene, f->hands, NULL, 0, &f->q);
    assert_int_equal(f->q.n, 2);
    assert_int_equal(f->q.v[0].hand, HAND_LEFT);
    assert_int_equal(f->q.v[1].hand, HAND_RIGHT);
}

static void without_objects_only_hover_happens(void **state)
{
    struct fixture *f = *state;
    /* The app before it describes objects: buttons on a mesh node do
     * nothing, in either mode, and nothing moves. */
    f->hands[HAND_RIGHT].active = true;
    for (int mode = 0; mode < 2; mode++) {
        f->ix.mode = mode ? INTERACT_MODE_CLICK : INTERACT_MODE_HOLD;
        f->hands[HAND_RIGHT].grip_value = 1.0f;
        f->hands[HAND_RIGHT].primary = true;
        f->hands[HAND_RIGHT].secondary = true;
        f->hands[HAND_RIGHT].scroll = 3.0f;
        interact_update(&f->ix, &f->scene, f->hands, NULL, 0, &f->q);
        f->hands[HAND_RIGHT].grip_value = 0.0f;
        f->hands[HAND_RIGHT].primary = false;
        f->hands[HAND_RIGHT].secondary = false;
        interact_update(&f->ix, &f->scene, f->hands, NULL, 0, &f->q);
    }
    assert_int_equal(f->q.n, 1);
    assert_int_equal(f->q.v[0].type, EV_HOVER);
    assert_float_equal(f->scene.nodes[0].world[3][2], -1.0f, 0.0f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(hover_enters_and_leaves_once, setup, teardown),
        cmocka_unit_test_setup_teardown(objects_beyond_reach_are_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(inactive_hands_hover_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(without_objects_only_hover_happens, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
