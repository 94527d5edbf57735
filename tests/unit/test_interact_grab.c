/* test_interact_grab.c — holding things: grab/release, following the hand
 * under a parent, sockets (tolerance, acceptance, capacity, remove), PPE
 * worn and taken off, the desktop click mode against the XR hold mode, and
 * determinism. Fixture: test_interact_fixture.h. */
#include "test_interact_fixture.h"

static void grab_follow_release_hold_mode(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    size_t n0 = fx_frame(f);
    assert_int_equal(fx_count(f, n0), 0);
    assert_string_equal(f->q.v[n0].subject, "vehicle.key"); /* hover by object id */

    n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    assert_int_equal(fx_ev(f, n0, 0)->hand, HAND_RIGHT);
    assert_string_equal(interact_hand_held(&f->ix, HAND_RIGHT), "vehicle.key");

    /* Hysteresis: a grip relaxing to 0.5 still holds. */
    n0 = fx_grip(f, HAND_RIGHT, 0.5f);
    assert_int_equal(fx_count(f, n0), 0);

    fx_move(f, HAND_RIGHT, 0.2f, 0.1f, 0.3f);
    fx_frame(f);
    vec3 p;
    fx_world_pos(f, f->n_key, p);
    fx_assert_vec3(p, 0.7f, 0.6f, -0.7f, 1e-5f);

    n0 = fx_grip(f, HAND_RIGHT, 0.3f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "vehicle.key", NULL);
    assert_null(interact_hand_held(&f->ix, HAND_RIGHT));
    /* Let go, it stays where it was left. */
    fx_move(f, HAND_RIGHT, 1.0f, 0.0f, 0.0f);
    fx_frame(f);
    fx_world_pos(f, f->n_key, p);
    fx_assert_vec3(p, 0.7f, 0.6f, -0.7f, 1e-5f);
}

static void grip_on_nothing_grabs_nothing(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_RIGHT, 0.0f, 3.0f, 0.0f, 0.0f, 4.0f, 0.0f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    assert_int_equal(fx_count(f, n0), 0);
    /* A switch is not grabbable either. */
    fx_grip(f, HAND_RIGHT, 0.0f);
    fx_point(f, HAND_RIGHT, 0.0f, 1.5f, 0.0f, 0.0f, 1.5f, -1.0f);
    n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    assert_int_equal(fx_count(f, n0), 0);
    assert_null(interact_hand_held(&f->ix, HAND_RIGHT));
}

static void follow_respects_parent_transform(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_RIGHT, 0.0f, 0.5f, 0.0f, 0.0f, 0.5f, -2.0f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "hv.service_plug", NULL);

    fx_move(f, HAND_RIGHT, 0.3f, 0.1f, 0.0f);
    fx_frame(f);
    /* The world pose moved with the hand; the node is still under the
     * turned, doubled bench, so its local TRS undoes the parent. */
    vec3 p;
    fx_world_pos(f, f->n_plug, p);
    fx_assert_vec3(p, 0.3f, 0.6f, -2.0f, 1e-5f);
    const struct scene_node *n = &f->scene.nodes[f->n_plug];
    assert_int_equal(n->parent, f->n_bench);
    fx_assert_vec3(n->scale, 1.0f, 1.0f, 1.0f, 1e-5f);
    fx_assert_vec3(n->translation, 0.0f, 0.3f, 0.15f, 1e-5f); /* R(-90°)·(0.3, 0.1, 0)/2 + (0, 0.25, 0) */

    /* Turning the hand swings the plug around the grip:
     * expected world = grip_new × grip_old⁻¹ × world_old. */
    mat4 grip_old, grip_old_inv, grip_new, world_old, expected;
    pose_to_matrix(&f->hands[HAND_RIGHT].grip, grip_old);
    glm_mat4_copy(grip_old, grip_old_inv);
    glm_inv_tr(grip_old_inv);
    glm_mat4_copy(f->scene.nodes[f->n_plug].world, world_old);
    versor turn;
    glm_quatv(turn, glm_rad(90.0f), (vec3){0.0f, 1.0f, 0.0f});
    glm_quat_mul(turn, f->hands[HAND_RIGHT].grip.orientation, f->hands[HAND_RIGHT].grip.orientation);
    f->hands[HAND_RIGHT].aim = f->hands[HAND_RIGHT].grip;
    fx_frame(f);
    pose_to_matrix(&f->hands[HAND_RIGHT].grip, grip_new);
    glm_mat4_mul(grip_new, grip_old_inv, expected);
    glm_mat4_mul(expected, world_old, expected);
    for (int c = 0; c < 4; c++)
        for (int r = 0; r < 4; r++) assert_float_equal(f->scene.nodes[f->n_plug].world[c][r], expected[c][r], 1e-4f);
    /* Hand at (0.3, 0.6, 0), plug 2 m ahead; a quarter turn left puts it 2 m to the left. */
    fx_world_pos(f, f->n_plug, p);
    fx_assert_vec3(p, -1.7f, 0.6f, 0.0f, 1e-4f);
}

/* Grabs the plug by its ray and moves it by (dx, 0, 0); returns the queue
 * length before the release. */
static size_t plug_released_at(struct fixture *f, float dx)
{
    fx_point(f, HAND_RIGHT, 0.0f, 0.5f, 0.0f, 0.0f, 0.5f, -2.0f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "hv.service_plug", NULL);
    fx_move(f, HAND_RIGHT, dx, 0.0f, 0.0f);
    fx_frame(f);
    return fx_grip(f, HAND_RIGHT, 0.0f);
}

static void place_within_tolerance_snaps(void **state)
{
    struct fixture *f = *state;
    /* The port turned 5° more than the plug: inside its 10°. */
    fx_turn_y(f, f->n_port, 95.0f);
    scene_update_world(&f->scene);
    size_t n0 = plug_released_at(f, 0.995f); /* 5 mm short of the port, inside 1 cm */
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_RELEASE, "hv.service_plug", NULL);
    fx_expect(f, n0, 1, EV_PLACE, "hv.service_plug", "hv.plug_port");
    assert_string_equal(interact_object_socket(&f->ix, "hv.service_plug"), "hv.plug_port");
    /* Snapped: the port's position and orientation, its own size. */
    vec3 p;
    fx_world_pos(f, f->n_plug, p);
    fx_assert_vec3(p, 1.0f, 0.5f, -2.0f, 1e-5f);
    mat4 expected;
    glm_mat4_copy(f->scene.nodes[f->n_port].world, expected);
    glm_scale(expected, (vec3){2.0f, 2.0f, 2.0f});
    for (int c = 0; c < 4; c++)
        for (int r = 0; r < 4; r++) assert_float_equal(f->scene.nodes[f->n_plug].world[c][r], expected[c][r], 1e-5f);
}

static void place_refused_outside_position(void **state)
{
    struct fixture *f = *state;
    size_t n0 = plug_released_at(f, 0.98f); /* 2 cm short: outside 1 cm */
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "hv.service_plug", NULL);
    assert_null(interact_object_socket(&f->ix, "hv.service_plug"));
    vec3 p;
    fx_world_pos(f, f->n_plug, p);
    fx_assert_vec3(p, 0.98f, 0.5f, -2.0f, 1e-5f);
}

static void place_refused_outside_angle(void **state)
{
    struct fixture *f = *state;
    fx_turn_y(f, f->n_port, 110.0f); /* 20° off: outside 10° */
    scene_update_world(&f->scene);
    size_t n0 = plug_released_at(f, 1.0f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "hv.service_plug", NULL);
    /* The same release at 9° off is accepted. */
    f->q.n = 0;
    fx_turn_y(f, f->n_port, 99.0f);
    scene_update_world(&f->scene);
    fx_point(f, HAND_RIGHT, 1.0f, 0.5f, 0.0f, 1.0f, 0.5f, -2.0f);
    n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "hv.service_plug", NULL);
    n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    fx_expect(f, n0, 1, EV_PLACE, "hv.service_plug", "hv.plug_port");
}

static void place_refused_for_wrong_object(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    fx_grip(f, HAND_RIGHT, 1.0f);
    fx_move(f, HAND_RIGHT, 0.5f, 0.0f, -1.0f); /* the key exactly at the port, which takes only the plug */
    fx_frame(f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "vehicle.key", NULL);
    assert_null(interact_object_socket(&f->ix, "vehicle.key"));
}

static void socket_holds_one_and_remove_frees_it(void **state)
{
    struct fixture *f = *state;
    size_t n0 = plug_released_at(f, -1.0f); /* plug into the lock box */
    fx_expect(f, n0, 1, EV_PLACE, "hv.service_plug", "cabinet.lockbox");

    /* The key fits the lock box too, but it is taken. */
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    fx_move(f, HAND_RIGHT, -1.5f, 0.04f, -1.0f); /* 4 cm from the box's centre: inside its 5 cm */
    fx_frame(f);
    n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "vehicle.key", NULL);

    /* The left hand reaches into the box (touch grab, the box hides the
     * plug from rays) and takes the plug out: grab, then remove. */
    fx_point(f, HAND_LEFT, -1.0f, 0.5f, -2.0f, -1.0f, 0.5f, -3.0f);
    n0 = fx_grip(f, HAND_LEFT, 1.0f);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_GRAB, "hv.service_plug", NULL);
    fx_expect(f, n0, 1, EV_REMOVE, "hv.service_plug", "cabinet.lockbox");
    assert_int_equal(fx_ev(f, n0, 1)->hand, HAND_LEFT);
    assert_null(interact_object_socket(&f->ix, "hv.service_plug"));
    fx_move(f, HAND_LEFT, 0.0f, 1.0f, 0.0f);
    fx_frame(f);

    /* Now the key goes in (touched in the box, let go where it is). */
    fx_point(f, HAND_RIGHT, -1.0f, 0.54f, -2.0f, -1.0f, 0.54f, -3.0f);
    n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    fx_expect(f, n0, 1, EV_PLACE, "vehicle.key", "cabinet.lockbox");
}

static void socket_without_accepts_takes_any_grabbable(void **state)
{
    struct fixture *f = *state;
    f->objs[O_PORT].accepts = NULL;
    f->objs[O_PORT].accept_count = 0;
    f->objs[O_PORT].tol_angle = (float)GLM_PI;
    assert_true(interact_set_objects(&f->ix, &f->scene, f->objs, O_COUNT, f->pairs, 1, &f->arena));
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    fx_grip(f, HAND_RIGHT, 1.0f);
    fx_move(f, HAND_RIGHT, 0.5f, 0.0f, -1.0f); /* the key at the port */
    fx_frame(f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    fx_expect(f, n0, 1, EV_PLACE, "vehicle.key", "hv.plug_port");
}

static void starts_in_socket_and_is_removed(void **state)
{
    struct fixture *f = *state;
    f->objs[O_PLUG].placed_in = "hv.plug_port";
    assert_true(interact_set_objects(&f->ix, &f->scene, f->objs, O_COUNT, f->pairs, 1, &f->arena));
    assert_string_equal(interact_object_socket(&f->ix, "hv.service_plug"), "hv.plug_port");
    fx_point(f, HAND_RIGHT, 0.0f, 0.5f, 0.0f, 0.0f, 0.5f, -2.0f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_GRAB, "hv.service_plug", NULL);
    fx_expect(f, n0, 1, EV_REMOVE, "hv.service_plug", "hv.plug_port");

    /* A start in a socket that does not take the object is refused. */
    f->objs[O_PLUG].placed_in = NULL;
    f->objs[O_KEY].placed_in = "hv.plug_port";
    assert_false(interact_set_objects(&f->ix, &f->scene, f->objs, O_COUNT, f->pairs, 1, &f->arena));
    assert_null(interact_object_socket(&f->ix, "vehicle.key"));
}

/* Click mode: points hand h from `from` at `at`, runs a frame (so the ray
 * sees it) and clicks; returns the queue length before the click. */
static size_t click_at(struct fixture *f, float fx, float fy, float fz, float ax, float ay, float az)
{
    fx_point(f, HAND_RIGHT, fx, fy, fz, ax, ay, az);
    fx_frame(f);
    return fx_click(f, HAND_RIGHT);
}

#define AT_LOCKBOX 0.6f, 0.5f, 0.0f, -1.0f, 0.5f, -2.0f
#define AT_KEY 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f
#define AT_PLUG 0.0f, 0.5f, 0.0f, 0.0f, 0.5f, -2.0f
#define AT_SHIELD 1.0f, 1.5f, 0.0f, 1.0f, 1.5f, -1.0f
#define AT_SKY 0.6f, 0.5f, 0.0f, 0.6f, 5.0f, 0.0f
#define AT_BOX_TOP -1.0f, 2.5f, -2.0f, -1.0f, 0.5f, -2.0f

static void socket_with_capacity_two(void **state)
{
    struct fixture *f = *state;
    f->ix.mode = INTERACT_MODE_CLICK;
    /* The lock box takes any grabbable, two at a time. */
    f->objs[O_LOCKBOX].accepts = NULL;
    f->objs[O_LOCKBOX].accept_count = 0;
    f->objs[O_LOCKBOX].capacity = 2;
    assert_true(interact_set_objects(&f->ix, &f->scene, f->objs, O_COUNT, f->pairs, 1, &f->arena));
    const struct interact_object_state *box = &f->ix.state[O_LOCKBOX];

    size_t n0 = click_at(f, AT_KEY);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    n0 = click_at(f, AT_LOCKBOX);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_RELEASE, "vehicle.key", NULL);
    fx_expect(f, n0, 1, EV_PLACE, "vehicle.key", "cabinet.lockbox");
    assert_int_equal(box->occupied, 1);

    /* A second object goes in beside the first: the first at the box's
     * pose, the second moved along the box's x axis clear of it. */
    n0 = click_at(f, AT_PLUG);
    fx_expect(f, n0, 0, EV_GRAB, "hv.service_plug", NULL);
    n0 = click_at(f, AT_LOCKBOX);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_RELEASE, "hv.service_plug", NULL);
    fx_expect(f, n0, 1, EV_PLACE, "hv.service_plug", "cabinet.lockbox");
    assert_int_equal(box->occupied, 2);
    assert_int_equal(box->occupant, O_PLUG);
    assert_string_equal(interact_object_socket(&f->ix, "vehicle.key"), "cabinet.lockbox");
    assert_string_equal(interact_object_socket(&f->ix, "hv.service_plug"), "cabinet.lockbox");
    vec3 p;
    fx_world_pos(f, f->n_key, p);
    fx_assert_vec3(p, -1.0f, 0.5f, -2.0f, 1e-5f);
    fx_world_pos(f, f->n_plug, p);
    assert_float_equal(p[1], 0.5f, 1e-5f);
    assert_float_equal(p[2], -2.0f, 1e-5f);
    /* Key half 0.025 m, plug half 0.1 m (0.1 box at scale 2). */
    assert_true(p[0] >= -1.0f + 0.025f + 0.1f - 1e-4f && p[0] < -0.5f);

    /* A third is refused (pointed at from above): only released, it rests
     * on the box's lid, out of the box. */
    n0 = click_at(f, AT_SHIELD);
    fx_expect(f, n0, 0, EV_GRAB, "ppe.face_shield", NULL);
    n0 = click_at(f, AT_BOX_TOP);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "ppe.face_shield", NULL);
    assert_null(interact_object_socket(&f->ix, "ppe.face_shield"));
    assert_int_equal(box->occupied, 2);
    fx_world_pos(f, f->n_shield, p);
    fx_assert_vec3(p, -1.0f, 0.7f, -2.0f, 1e-4f);

    /* Pointing at the full box takes the last placed first (the plug)... */
    n0 = click_at(f, AT_LOCKBOX);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_GRAB, "hv.service_plug", NULL);
    fx_expect(f, n0, 1, EV_REMOVE, "hv.service_plug", "cabinet.lockbox");
    assert_int_equal(box->occupied, 1);
    assert_int_equal(box->occupant, O_KEY);
    n0 = click_at(f, AT_SKY);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "hv.service_plug", NULL);

    /* ...so there is room again: the shield goes in and is now the last. */
    n0 = click_at(f, AT_BOX_TOP);
    fx_expect(f, n0, 0, EV_GRAB, "ppe.face_shield", NULL);
    n0 = click_at(f, AT_LOCKBOX);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 1, EV_PLACE, "ppe.face_shield", "cabinet.lockbox");
    assert_int_equal(box->occupied, 2);
    n0 = click_at(f, AT_LOCKBOX);
    fx_expect(f, n0, 0, EV_GRAB, "ppe.face_shield", NULL);
    fx_expect(f, n0, 1, EV_REMOVE, "ppe.face_shield", "cabinet.lockbox");
    n0 = click_at(f, AT_SKY);
    fx_expect(f, n0, 0, EV_RELEASE, "ppe.face_shield", NULL);

    /* The key, placed first, comes out last; then the box is empty. */
    n0 = click_at(f, AT_LOCKBOX);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    fx_expect(f, n0, 1, EV_REMOVE, "vehicle.key", "cabinet.lockbox");
    assert_int_equal(box->occupied, 0);
    assert_int_equal(box->occupant, INTERACT_NONE);
    assert_null(interact_object_socket(&f->ix, "vehicle.key"));
}

static void starts_in_socket_up_to_capacity(void **state)
{
    struct fixture *f = *state;
    /* Two starts in a one-object lock box: the second (in description
     * order, the key) is refused. */
    f->objs[O_PLUG].placed_in = "cabinet.lockbox";
    f->objs[O_KEY].placed_in = "cabinet.lockbox";
    assert_false(interact_set_objects(&f->ix, &f->scene, f->objs, O_COUNT, f->pairs, 1, &f->arena));
    assert_string_equal(interact_object_socket(&f->ix, "hv.service_plug"), "cabinet.lockbox");
    assert_null(interact_object_socket(&f->ix, "vehicle.key"));
    /* With capacity 2 both start there; the later described is the last. */
    f->objs[O_LOCKBOX].capacity = 2;
    assert_true(interact_set_objects(&f->ix, &f->scene, f->objs, O_COUNT, f->pairs, 1, &f->arena));
    assert_string_equal(interact_object_socket(&f->ix, "hv.service_plug"), "cabinet.lockbox");
    assert_string_equal(interact_object_socket(&f->ix, "vehicle.key"), "cabinet.lockbox");
    assert_int_equal(f->ix.state[O_LOCKBOX].occupied, 2);
    assert_int_equal(f->ix.state[O_LOCKBOX].occupant, O_KEY);
    /* Pointing at the box takes the later described first, then the other. */
    f->ix.mode = INTERACT_MODE_CLICK;
    size_t n0 = click_at(f, AT_LOCKBOX);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    fx_expect(f, n0, 1, EV_REMOVE, "vehicle.key", "cabinet.lockbox");
    assert_int_equal(f->ix.state[O_LOCKBOX].occupant, O_PLUG);
    click_at(f, AT_SKY);
    n0 = click_at(f, AT_LOCKBOX);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_GRAB, "hv.service_plug", NULL);
    fx_expect(f, n0, 1, EV_REMOVE, "hv.service_plug", "cabinet.lockbox");
    assert_int_equal(f->ix.state[O_LOCKBOX].occupied, 0);
}

static void wear_at_head_and_take_off(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_RIGHT, -0.5f, 0.5f, 0.0f, -0.5f, 0.5f, -1.0f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "ppe.gloves", NULL);
    fx_move(f, HAND_RIGHT, 0.5f, 1.0f, 1.0f); /* gloves 10 cm below the eyes */
    fx_frame(f);
    n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_RELEASE, "ppe.gloves", NULL);
    fx_expect(f, n0, 1, EV_WEAR, "ppe.gloves", NULL);
    assert_true(interact_object_worn(&f->ix, "ppe.gloves"));
    assert_false(f->scene.nodes[f->n_gloves].visible);
    assert_false(f->scene.nodes[f->n_stamp].visible);

    /* An empty hand squeezed at arm's length, at nothing: nothing. */
    fx_point(f, HAND_LEFT, 0.1f, 1.0f, -0.5f, 0.1f, 3.0f, -0.5f);
    n0 = fx_grip(f, HAND_LEFT, 1.0f);
    assert_int_equal(fx_count(f, n0), 0);
    fx_grip(f, HAND_LEFT, 0.0f);
    /* An empty hand squeezed at the head takes them off into the hand. */
    fx_point(f, HAND_LEFT, 0.1f, 1.5f, 0.0f, 0.1f, 3.0f, 0.0f);
    n0 = fx_grip(f, HAND_LEFT, 1.0f);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_UNWEAR, "ppe.gloves", NULL);
    fx_expect(f, n0, 1, EV_GRAB, "ppe.gloves", NULL);
    assert_int_equal(fx_ev(f, n0, 1)->hand, HAND_LEFT);
    assert_false(interact_object_worn(&f->ix, "ppe.gloves"));
    assert_true(f->scene.nodes[f->n_gloves].visible);
    assert_true(f->scene.nodes[f->n_stamp].visible);
    vec3 p;
    fx_world_pos(f, f->n_gloves, p);
    fx_assert_vec3(p, 0.1f, 1.5f, 0.0f, 1e-5f);

    /* Let go far from the head: just released. */
    fx_move(f, HAND_LEFT, 0.0f, 0.0f, -1.0f);
    fx_frame(f);
    n0 = fx_grip(f, HAND_LEFT, 0.0f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "ppe.gloves", NULL);
    /* An empty squeeze at the head with nothing worn does nothing. */
    fx_point(f, HAND_LEFT, 0.1f, 1.5f, 0.0f, 0.1f, 3.0f, 0.0f);
    n0 = fx_grip(f, HAND_LEFT, 1.0f);
    assert_int_equal(fx_count(f, n0), 0);
}

static void not_wearable_is_not_worn(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    fx_grip(f, HAND_RIGHT, 1.0f);
    fx_move(f, HAND_RIGHT, -0.5f, 1.1f, 1.0f); /* the key right at the eyes */
    fx_frame(f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "vehicle.key", NULL);
    assert_false(interact_object_worn(&f->ix, "vehicle.key"));
}

static void last_worn_comes_off_first(void **state)
{
    struct fixture *f = *state;
    /* Gloves, then the face shield, both brought to the head. */
    fx_point(f, HAND_RIGHT, -0.5f, 0.5f, 0.0f, -0.5f, 0.5f, -1.0f);
    fx_grip(f, HAND_RIGHT, 1.0f);
    fx_move(f, HAND_RIGHT, 0.5f, 1.1f, 1.0f);
    fx_frame(f);
    fx_grip(f, HAND_RIGHT, 0.0f);
    fx_point(f, HAND_RIGHT, 1.0f, 1.5f, 0.0f, 1.0f, 1.5f, -1.0f);
    fx_grip(f, HAND_RIGHT, 1.0f);
    fx_move(f, HAND_RIGHT, -1.0f, 0.1f, 1.0f);
    fx_frame(f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    fx_expect(f, n0, 1, EV_WEAR, "ppe.face_shield", NULL);
    /* secondary with an empty hand pointing at nothing also takes off. */
    fx_point(f, HAND_RIGHT, 0.0f, 3.0f, 0.0f, 0.0f, 4.0f, 0.0f);
    f->hands[HAND_RIGHT].secondary = true;
    n0 = fx_frame(f);
    f->hands[HAND_RIGHT].secondary = false;
    fx_expect(f, n0, 0, EV_UNWEAR, "ppe.face_shield", NULL);
    fx_expect(f, n0, 1, EV_GRAB, "ppe.face_shield", NULL);
    assert_true(interact_object_worn(&f->ix, "ppe.gloves"));
}

static void hand_over_between_hands(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    fx_grip(f, HAND_RIGHT, 1.0f);
    /* The left hand's ray still sees what the right hand holds. */
    fx_point(f, HAND_LEFT, 0.4f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    size_t n0 = fx_grip(f, HAND_LEFT, 1.0f);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_RELEASE, "vehicle.key", NULL);
    assert_int_equal(fx_ev(f, n0, 0)->hand, HAND_RIGHT);
    fx_expect(f, n0, 1, EV_GRAB, "vehicle.key", NULL);
    assert_int_equal(fx_ev(f, n0, 1)->hand, HAND_LEFT);
    assert_null(interact_hand_held(&f->ix, HAND_RIGHT));
    /* The right hand letting go of its grip now releases nothing. */
    n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    assert_int_equal(fx_count(f, n0), 0);
}

static void scroll_turns_held_object_in_hold_mode(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    fx_grip(f, HAND_RIGHT, 1.0f);
    f->hands[HAND_RIGHT].scroll = 6.0f; /* 6 × 15° = a quarter turn about the grip's up axis */
    fx_frame(f);
    /* Turned in place, 1 m in front of the hand: spun, not swung round. */
    vec3 p;
    fx_world_pos(f, f->n_key, p);
    fx_assert_vec3(p, 0.5f, 0.5f, -1.0f, 1e-5f);
    versor expected;
    glm_quatv(expected, glm_rad(90.0f), (vec3){0.0f, 1.0f, 0.0f});
    assert_float_equal(fabsf(glm_quat_dot(f->scene.nodes[f->n_key].rotation, expected)), 1.0f, 1e-5f);
    /* And back: scroll the other way. */
    f->hands[HAND_RIGHT].scroll = -6.0f;
    fx_frame(f);
    assert_float_equal(fabsf(f->scene.nodes[f->n_key].rotation[3]), 1.0f, 1e-5f);
}

static void click_mode_toggles_with_one_button(void **state)
{
    struct fixture *f = *state;
    f->ix.mode = INTERACT_MODE_CLICK;
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    /* Grip does nothing on the desktop. */
    size_t n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    assert_int_equal(fx_count(f, n0), 0);
    fx_grip(f, HAND_RIGHT, 0.0f);

    /* Button down: picked up once, however long it stays down. */
    f->hands[HAND_RIGHT].primary = true;
    f->hands[HAND_RIGHT].trigger_value = 1.0f;
    n0 = fx_frame(f);
    fx_frame(f);
    fx_frame(f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    f->hands[HAND_RIGHT].primary = false;
    f->hands[HAND_RIGHT].trigger_value = 0.0f;
    n0 = fx_frame(f);
    assert_int_equal(fx_count(f, n0), 0);
    assert_string_equal(interact_hand_held(&f->ix, HAND_RIGHT), "vehicle.key");

    /* It follows the cursor ray... */
    fx_move(f, HAND_RIGHT, 0.1f, 0.0f, 0.0f);
    fx_frame(f);
    vec3 p;
    fx_world_pos(f, f->n_key, p);
    fx_assert_vec3(p, 0.6f, 0.5f, -1.0f, 1e-5f);

    /* A click on the ignition button presses it, key still in hand. */
    fx_point(f, HAND_RIGHT, 0.6f, 1.5f, 0.0f, 0.0f, 1.5f, -1.0f);
    fx_frame(f);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_PRESS, "vehicle.ignition", NULL);
    assert_string_equal(interact_hand_held(&f->ix, HAND_RIGHT), "vehicle.key");

    /* ...and a click on the lock box puts it there, however far away the
     * key floats: pointing at an accepting socket is the intent. */
    fx_point(f, HAND_RIGHT, 0.6f, 0.5f, 0.0f, -1.0f, 0.5f, -2.0f);
    fx_frame(f);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_RELEASE, "vehicle.key", NULL);
    fx_expect(f, n0, 1, EV_PLACE, "vehicle.key", "cabinet.lockbox");
    fx_world_pos(f, f->n_key, p);
    fx_assert_vec3(p, -1.0f, 0.5f, -2.0f, 1e-5f);

    /* Click it again: out of the box; click at the sky: just put down. */
    n0 = fx_click(f, HAND_RIGHT);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    fx_expect(f, n0, 1, EV_REMOVE, "vehicle.key", "cabinet.lockbox");
    fx_point(f, HAND_RIGHT, 0.6f, 0.5f, 0.0f, 0.6f, 5.0f, 0.0f);
    fx_frame(f);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "vehicle.key", NULL);
}

static void click_mode_puts_down_on_a_surface(void **state)
{
    struct fixture *f = *state;
    f->ix.mode = INTERACT_MODE_CLICK;
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    size_t n0 = fx_click(f, HAND_RIGHT);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    /* Cursor on the floor: the key lands there, resting on its bottom. */
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.3f, -0.5f, -0.6f);
    fx_frame(f);
    assert_int_equal(f->ix.hovered[HAND_RIGHT], f->n_floor);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "vehicle.key", NULL);
    /* It keeps the tilt it had in the hand; its lowest point is on the floor. */
    vec3 p, bmin, bmax;
    fx_world_pos(f, f->n_key, p);
    assert_float_equal(p[0], 0.3f, 1e-4f);
    assert_float_equal(p[2], -0.6f, 1e-4f);
    assert_true(scene_node_bounds(&f->scene, f->n_key, bmin, bmax));
    assert_float_equal(bmin[1], -0.5f, 1e-4f);
    assert_true(p[1] > -0.5f + 0.02f);
    /* A wall (the port's side) is no place to rest: it stays in the air,
     * but in front of the wall, not behind it where it was held. */
    n0 = fx_click(f, HAND_RIGHT); /* pick it up again from the floor */
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    fx_point(f, HAND_RIGHT, 2.0f, 0.5f, -2.0f, 1.0f, 0.5f, -2.0f);
    fx_frame(f);
    assert_int_equal(f->ix.hovered[HAND_RIGHT], f->n_port);
    vec3 before;
    fx_world_pos(f, f->n_key, before);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "vehicle.key", NULL);
    assert_true(before[0] < 1.0f);
    fx_world_pos(f, f->n_key, p);
    fx_assert_vec3(p, 1.025f + 0.025f + 0.005f, before[1], before[2], 1e-4f);
}

static void click_mode_keeps_what_it_puts_down_in_front_of_a_wall(void **state)
{
    struct fixture *f = *state;
    f->ix.mode = INTERACT_MODE_CLICK;
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    size_t n0 = fx_click(f, HAND_RIGHT);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    /* The cursor on the floor block's side (x = 1, facing +x) from 0.8 m
     * away, the key held 1 m out: 0.2 m inside the block. */
    fx_point(f, HAND_RIGHT, 1.8f, -0.9f, -1.0f, 0.0f, -0.9f, -1.0f);
    fx_frame(f);
    assert_int_equal(f->ix.hovered[HAND_RIGHT], f->n_floor);
    vec3 p, bmin, bmax;
    fx_world_pos(f, f->n_key, p);
    assert_true(p[0] < 0.9f);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "vehicle.key", NULL);
    /* Put down just in front of the wall, on the ray where it was held. */
    assert_true(scene_node_bounds(&f->scene, f->n_key, bmin, bmax));
    assert_true(bmin[0] >= 1.0f);
    assert_true(bmin[0] < 1.02f);
    fx_world_pos(f, f->n_key, p);
    assert_float_equal(p[1], -0.9f, 1e-4f);
    assert_float_equal(p[2], -1.0f, 1e-4f);
    /* In plain view: the ray meets it and a click takes it again. */
    fx_frame(f);
    assert_int_equal(f->ix.hands[HAND_RIGHT].hovered_object, O_KEY);
    n0 = fx_click(f, HAND_RIGHT);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
}

static void click_mode_rests_on_a_back_facing_surface(void **state)
{
    struct fixture *f = *state;
    /* A one-sided plane wound facing down (as exporters leave some decks):
     * the ray from above hits its back; it is still a surface to put on. */
    struct mesh_vertex *v = ARENA_PUSH_ARRAY(&f->arena, struct mesh_vertex, 4);
    uint32_t *idx = ARENA_PUSH_ARRAY(&f->arena, uint32_t, 6);
    const float corners[4][2] = {{-0.5f, -0.5f}, {0.5f, -0.5f}, {0.5f, 0.5f}, {-0.5f, 0.5f}};
    for (int i = 0; i < 4; i++) {
        v[i].position[0] = corners[i][0];
        v[i].position[2] = corners[i][1];
        v[i].normal[1] = -1.0f;
    }
    const uint32_t tri[6] = {0, 1, 2, 0, 2, 3}; /* (x, z) counter-clockwise seen from above: normal -Y */
    memcpy(idx, tri, sizeof tri);
    struct mesh_data deck = {.vertices = v, .vertex_count = 4, .indices = idx, .index_count = 6,
                             .bounds_min = {-0.5f, 0.0f, -0.5f}, .bounds_max = {0.5f, 0.0f, 0.5f}};
    uint32_t n = scene_node_add(&f->scene, SCENE_NO_PARENT, "deck");
    f->scene.nodes[n].mesh = scene_mesh_add(&f->scene, &deck);
    f->scene.nodes[n].translation[0] = 3.0f;
    f->scene.nodes[n].translation[1] = 0.2f;
    f->scene.nodes[n].translation[2] = -1.0f;
    scene_update_world(&f->scene);

    f->ix.mode = INTERACT_MODE_CLICK;
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    size_t n0 = fx_click(f, HAND_RIGHT);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    fx_point(f, HAND_RIGHT, 3.0f, 1.0f, -1.0f, 3.1f, 0.2f, -1.0f);
    fx_frame(f);
    assert_int_equal(f->ix.hovered[HAND_RIGHT], n);
    assert_true(f->ix.hands[HAND_RIGHT].hit_normal[1] > 0.9f);
    n0 = fx_click(f, HAND_RIGHT);
    fx_expect(f, n0, 0, EV_RELEASE, "vehicle.key", NULL);
    vec3 bmin, bmax;
    assert_true(scene_node_bounds(&f->scene, f->n_key, bmin, bmax));
    assert_float_equal(bmin[1], 0.2f, 1e-4f);
}

static void hold_mode_click_does_not_grab(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    size_t n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 0);
    assert_null(interact_hand_held(&f->ix, HAND_RIGHT));
}

static void click_mode_wheel_brings_ppe_to_the_head(void **state)
{
    struct fixture *f = *state;
    f->ix.mode = INTERACT_MODE_CLICK;
    /* Desktop: the hand ray starts at the eye. */
    fx_point(f, HAND_RIGHT, 1.0f, 1.5f, 0.0f, 1.0f, 1.5f, -1.0f);
    glm_vec3_copy(f->hands[HAND_RIGHT].aim.position, f->head.position);
    size_t n0 = fx_click(f, HAND_RIGHT);
    fx_expect(f, n0, 0, EV_GRAB, "ppe.face_shield", NULL);
    /* Wheel up pushes it 0.5 m away, wheel down pulls it back, no nearer
     * than 10 cm. */
    f->hands[HAND_RIGHT].scroll = 5.0f;
    fx_frame(f);
    vec3 p;
    fx_world_pos(f, f->n_shield, p);
    fx_assert_vec3(p, 1.0f, 1.5f, -1.5f, 1e-5f);
    f->hands[HAND_RIGHT].scroll = -50.0f;
    fx_frame(f);
    fx_world_pos(f, f->n_shield, p);
    fx_assert_vec3(p, 1.0f, 1.5f, -0.1f, 1e-5f);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_RELEASE, "ppe.face_shield", NULL);
    fx_expect(f, n0, 1, EV_WEAR, "ppe.face_shield", NULL);

    /* E (secondary) pointing at nothing takes it off, 40 cm in front. */
    fx_point(f, HAND_RIGHT, 1.0f, 1.5f, 0.0f, 1.0f, 5.0f, 0.0f);
    f->hands[HAND_RIGHT].secondary = true;
    n0 = fx_frame(f);
    f->hands[HAND_RIGHT].secondary = false;
    assert_int_equal(fx_count(f, n0), 2);
    fx_expect(f, n0, 0, EV_UNWEAR, "ppe.face_shield", NULL);
    fx_expect(f, n0, 1, EV_GRAB, "ppe.face_shield", NULL);
    fx_world_pos(f, f->n_shield, p);
    fx_assert_vec3(p, 1.0f, 1.9f, 0.0f, 1e-5f);
}

/* A fixed script touching every kind of action, in both modes. */
static void script(struct fixture *f)
{
    fx_point(f, HAND_RIGHT, 0.0f, 0.5f, 0.0f, 0.0f, 0.5f, -2.0f);
    fx_grip(f, HAND_RIGHT, 1.0f);
    for (int i = 0; i < 10; i++) {
        fx_move(f, HAND_RIGHT, 0.1f, 0.001f * (float)i, 0.0f);
        fx_frame(f);
    }
    fx_grip(f, HAND_RIGHT, 0.0f);
    fx_point(f, HAND_LEFT, 2.0f, 0.5f, 0.0f, 2.0f, 0.5f, -1.0f);
    fx_grip(f, HAND_LEFT, 1.0f);
    fx_move(f, HAND_LEFT, 1.05f, -0.4f, -2.0f);
    fx_frame(f);
    fx_move(f, HAND_LEFT, 0.1f, 0.0f, 0.0f);
    fx_frame(f);
    fx_point(f, HAND_RIGHT, 0.0f, 1.5f, 0.0f, 0.0f, 1.5f, -1.0f);
    fx_click(f, HAND_RIGHT);
    f->ix.mode = INTERACT_MODE_CLICK;
    fx_point(f, HAND_RIGHT, -0.5f, 0.56f, 0.0f, -0.5f, 0.56f, -1.0f);
    fx_click(f, HAND_RIGHT);
    fx_point(f, HAND_RIGHT, -0.5f, 0.5f, 0.0f, -0.5f, 0.5f, -1.0f);
    fx_click(f, HAND_RIGHT);
    f->hands[HAND_RIGHT].scroll = -3.0f;
    fx_frame(f);
    fx_click(f, HAND_RIGHT);
}

static void same_inputs_same_events(void **state)
{
    struct fixture *a = *state, *b = NULL;
    void *bs = NULL;
    fx_setup(&bs);
    b = bs;
    script(a);
    script(b);
    assert_true(a->q.n > 10);
    assert_int_equal(a->q.n, b->q.n);
    for (size_t i = 0; i < a->q.n; i++) {
        const struct ev *x = &a->q.v[i], *y = &b->q.v[i];
        assert_int_equal(x->type, y->type);
        assert_int_equal(x->t_us, y->t_us);
        assert_int_equal(x->hand, y->hand);
        assert_true((x->subject == NULL) == (y->subject == NULL));
        if (x->subject) assert_string_equal(x->subject, y->subject);
        assert_true((x->target == NULL) == (y->target == NULL));
        if (x->target) assert_string_equal(x->target, y->target);
        assert_memory_equal(&x->value, &y->value, sizeof x->value);
    }
    for (uint32_t n = 0; n < a->scene.node_count; n++) {
        assert_memory_equal(a->scene.nodes[n].translation, b->scene.nodes[n].translation, sizeof(vec3));
        assert_memory_equal(a->scene.nodes[n].rotation, b->scene.nodes[n].rotation, sizeof(versor));
        assert_memory_equal(a->scene.nodes[n].world, b->scene.nodes[n].world, sizeof(mat4));
        assert_int_equal(a->scene.nodes[n].visible, b->scene.nodes[n].visible);
    }
    /* The script did act: plug moved, inspected and worn things on record. */
    bool inspected = false, used = false, pressed = false;
    for (size_t i = 0; i < a->q.n; i++) {
        inspected |= a->q.v[i].type == EV_INSPECT;
        used |= a->q.v[i].type == EV_USE;
        pressed |= a->q.v[i].type == EV_PRESS;
    }
    assert_true(inspected && used && pressed);
    fx_teardown(&bs);
}

static void bad_descriptors_are_dropped(void **state)
{
    struct fixture *f = *state;
    static const char *const unknown[] = {"no.such_object", "vehicle.key"};
    struct interact_object objs[4] = {
        {.id = "vehicle.key", .node = f->n_key, .caps = INTERACT_CAP_GRABBABLE},
        {.id = "vehicle.key", .node = f->n_plug, .caps = INTERACT_CAP_GRABBABLE},   /* duplicate */
        {.id = "ghost", .node = 9999, .caps = INTERACT_CAP_GRABBABLE},               /* no such node */
        {.id = "cabinet.lockbox", .node = f->n_lockbox, .caps = INTERACT_CAP_SOCKET, /* one unknown accept */
         .accepts = unknown, .accept_count = 2},
    };
    assert_false(interact_set_objects(&f->ix, &f->scene, objs, 4, NULL, 0, &f->arena));
    assert_int_equal(f->ix.object_count, 2);
    assert_int_equal(interact_object_find(&f->ix, "vehicle.key"), 0);
    assert_int_equal(interact_object_find(&f->ix, "ghost"), INTERACT_NONE);
    /* What is left works: the key still goes into the box. */
    fx_point(f, HAND_RIGHT, 0.5f, 0.5f, 0.0f, 0.5f, 0.5f, -1.0f);
    fx_grip(f, HAND_RIGHT, 1.0f);
    fx_move(f, HAND_RIGHT, -1.5f, 0.0f, -1.0f);
    fx_frame(f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    fx_expect(f, n0, 1, EV_PLACE, "vehicle.key", "cabinet.lockbox");
    /* The plug (no longer described) is scenery: hovering it names nothing. */
    fx_point(f, HAND_RIGHT, 0.0f, 0.5f, 0.0f, 0.0f, 0.5f, -2.0f);
    n0 = fx_frame(f);
    assert_int_equal(f->ix.hovered[HAND_RIGHT], f->n_plug);
    assert_int_equal(f->q.n, n0 + 1);
    assert_null(f->q.v[n0].subject);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(grab_follow_release_hold_mode, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(grip_on_nothing_grabs_nothing, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(follow_respects_parent_transform, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(place_within_tolerance_snaps, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(place_refused_outside_position, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(place_refused_outside_angle, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(place_refused_for_wrong_object, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(socket_holds_one_and_remove_frees_it, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(socket_without_accepts_takes_any_grabbable, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(starts_in_socket_and_is_removed, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(socket_with_capacity_two, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(starts_in_socket_up_to_capacity, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(wear_at_head_and_take_off, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(not_wearable_is_not_worn, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(last_worn_comes_off_first, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(hand_over_between_hands, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(scroll_turns_held_object_in_hold_mode, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(click_mode_toggles_with_one_button, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(click_mode_puts_down_on_a_surface, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(click_mode_keeps_what_it_puts_down_in_front_of_a_wall, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(click_mode_rests_on_a_back_facing_surface, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(hold_mode_click_does_not_grab, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(click_mode_wheel_brings_ppe_to_the_head, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(same_inputs_same_events, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(bad_descriptors_are_dropped, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
