/* test_interact_socket.c — where objects sit in a socket that holds
 * several (each its own slot, the first at the exact snap pose) and the
 * landing query that tells where a held object would go. Fixture:
 * test_interact_fixture.h. */
#include "test_interact_fixture.h"

/* Hold mode: the right grip at (x, y, z) facing -z. */
static void grip_at(struct fixture *f, float x, float y, float z)
{
    fx_point(f, HAND_RIGHT, x, y, z, x, y, z - 1.0f);
}

static void assert_mat4_near(mat4 a, mat4 b, float eps)
{
    for (int c = 0; c < 4; c++)
        for (int r = 0; r < 4; r++) assert_float_equal(a[c][r], b[c][r], eps);
}

static void socket_slots_and_landing(void **state)
{
    struct fixture *f = *state;
    /* Any grabbable, two at a time. */
    f->objs[O_LOCKBOX].accepts = NULL;
    f->objs[O_LOCKBOX].accept_count = 0;
    f->objs[O_LOCKBOX].capacity = 2;
    assert_true(interact_set_objects(&f->ix, &f->scene, f->objs, O_COUNT, f->pairs, 1, &f->arena));
    mat4 land, box;
    glm_mat4_copy(f->scene.nodes[f->n_lockbox].world, box);

    /* Not objects / not sockets / not accepted: no landing. */
    assert_false(interact_socket_landing(&f->ix, &f->scene, O_COUNT, O_KEY, land));
    assert_false(interact_socket_landing(&f->ix, &f->scene, O_LOCKBOX, O_COUNT + 7, land));
    assert_false(interact_socket_landing(&f->ix, &f->scene, O_KEY, O_PLUG, land));
    assert_false(interact_socket_landing(&f->ix, &f->scene, O_LOCKBOX, O_LOCKBOX, land));
    assert_false(interact_socket_landing(&f->ix, &f->scene, O_PORT, O_KEY, land));
    assert_false(interact_socket_landing(NULL, &f->scene, O_LOCKBOX, O_KEY, land));

    /* The first object lands on, and is put at, the box's exact pose. */
    grip_at(f, 0.5f, 0.5f, -1.0f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    fx_move(f, HAND_RIGHT, -1.5f, 0.0f, -1.0f);
    fx_frame(f);
    assert_true(interact_socket_landing(&f->ix, &f->scene, O_LOCKBOX, O_KEY, land));
    assert_mat4_near(land, box, 1e-5f);
    n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    fx_expect(f, n0, 1, EV_PLACE, "vehicle.key", "cabinet.lockbox");
    assert_mat4_near(f->scene.nodes[f->n_key].world, box, 1e-5f);

    /* The second lands beside it, and a place puts it exactly there. */
    grip_at(f, 0.0f, 0.5f, -2.0f);
    n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "hv.service_plug", NULL);
    fx_move(f, HAND_RIGHT, -1.0f, 0.0f, 0.0f);
    fx_frame(f);
    assert_true(interact_socket_landing(&f->ix, &f->scene, O_LOCKBOX, O_PLUG, land));
    n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    fx_expect(f, n0, 1, EV_PLACE, "hv.service_plug", "cabinet.lockbox");
    assert_mat4_near(f->scene.nodes[f->n_plug].world, land, 1e-4f);
    assert_int_equal(f->ix.state[O_LOCKBOX].occupied, 2);

    /* They do not overlap: the key's and the plug's bounds are apart. */
    vec3 klo, khi, plo, phi;
    assert_true(scene_node_bounds(&f->scene, f->n_key, klo, khi));
    assert_true(scene_node_bounds(&f->scene, f->n_plug, plo, phi));
    assert_true(khi[0] < plo[0] || phi[0] < klo[0]);
    assert_float_equal(f->scene.nodes[f->n_plug].world[3][1], 0.5f, 1e-5f);
    assert_float_equal(f->scene.nodes[f->n_plug].world[3][2], -2.0f, 1e-5f);

    /* Full: nothing else lands there. */
    assert_false(interact_socket_landing(&f->ix, &f->scene, O_LOCKBOX, O_GLOVES, land));

    /* The key taken out (by touch): the plug stays put, and the freed
     * first place is where the next object lands. */
    vec3 plug_before;
    fx_world_pos(f, f->n_plug, plug_before);
    grip_at(f, -1.0f, 0.5f, -2.0f);
    n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    fx_expect(f, n0, 1, EV_REMOVE, "vehicle.key", "cabinet.lockbox");
    fx_move(f, HAND_RIGHT, 1.5f, 0.0f, 1.0f);
    fx_frame(f);
    n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    assert_int_equal(fx_count(f, n0), 1);
    vec3 p;
    fx_world_pos(f, f->n_plug, p);
    fx_assert_vec3(p, plug_before[0], plug_before[1], plug_before[2], 1e-6f);
    assert_true(interact_socket_landing(&f->ix, &f->scene, O_LOCKBOX, O_KEY, land));
    assert_mat4_near(land, box, 1e-5f);
    /* The gloves (0.1 m) are too wide for that gap next to the plug: they
     * land past the plug, clear of it. */
    assert_true(interact_socket_landing(&f->ix, &f->scene, O_LOCKBOX, O_GLOVES, land));
    assert_true(land[3][0] - 0.05f >= phi[0] + 0.005f);
    assert_float_equal(land[3][1], 0.5f, 1e-5f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(socket_slots_and_landing, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
