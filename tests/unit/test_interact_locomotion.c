/* test_interact_locomotion.c — teleport on an arc, snap turns and recentre
 * from the sticks (interact_locomotion.c), on the shared workshop fixture
 * (its floor box's top is at y = -0.5, x -1..1, z -2..0). */
#include "test_interact_fixture.h"

/* The left hand at (0, 0.5, -0.5) aims 45 degrees down-forward. */
static void aim_down(struct fixture *f, int h)
{
    fx_point(f, h, 0.0f, 0.5f, -0.5f, 0.0f, -0.5f, -1.5f);
}

static void stick(struct fixture *f, int h, float x, float y)
{
    f->hands[h].stick[0] = x;
    f->hands[h].stick[1] = y;
}

static void teleport_lands_on_the_floor_when_the_stick_returns(void **state)
{
    struct fixture *f = *state;
    struct interact_locomotion l;
    interact_locomotion_init(&l);
    l.floor_y = -0.5f; /* the fixture's floor */
    struct interact_move m;
    aim_down(f, HAND_LEFT);
    stick(f, HAND_LEFT, 0.0f, 1.0f);
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    /* Aiming: an arc that ends on the floor's top, nothing moves yet. */
    assert_false(m.teleport);
    assert_true(l.arc_n > 2);
    assert_true(l.target_ok);
    assert_float_equal(l.target[1], -0.5f, 1e-4f);
    assert_float_equal(l.arc[l.arc_n - 1][1], -0.5f, 1e-4f);
    assert_true(l.target[2] < -0.5f); /* ahead of the hand */
    /* Still pushed: still aiming. */
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_false(m.teleport);
    /* Let go: there. */
    stick(f, HAND_LEFT, 0.0f, 0.1f);
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_true(m.teleport);
    assert_float_equal(m.target[1], -0.5f, 1e-4f);
    assert_int_equal(l.arc_n, 0);
    /* Once. */
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_false(m.teleport);
}

static void teleport_cancelled_by_pulling_back_or_landing_on_a_wall(void **state)
{
    struct fixture *f = *state;
    struct interact_locomotion l;
    interact_locomotion_init(&l);
    l.floor_y = -0.5f;
    struct interact_move m;
    aim_down(f, HAND_RIGHT);
    stick(f, HAND_RIGHT, 0.0f, 1.0f);
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_true(l.target_ok);
    stick(f, HAND_RIGHT, 0.0f, -1.0f);
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_false(m.teleport);
    stick(f, HAND_RIGHT, 0.0f, 0.0f);
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_false(m.teleport);
    /* Fast and level at the lockbox's side (x = -0.85 face): a wall, not
     * somewhere to stand. */
    l.arc_speed = 200.0f;
    fx_point(f, HAND_RIGHT, -0.3f, 0.5f, -2.0f, -1.0f, 0.5f, -2.0f);
    stick(f, HAND_RIGHT, 0.0f, 1.0f);
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_true(l.arc_n >= 2);
    assert_false(l.target_ok);
    assert_float_equal(l.target[0], -0.85f, 1e-3f);
    stick(f, HAND_RIGHT, 0.0f, 0.0f);
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_false(m.teleport);
    /* The floor, but a metre below the floor the trainee stands on: no. */
    l.arc_speed = 7.0f;
    l.floor_y = 0.5f;
    aim_down(f, HAND_RIGHT);
    stick(f, HAND_RIGHT, 0.0f, 1.0f);
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_true(l.arc_n >= 2);
    assert_false(l.target_ok);
}

static void snap_turn_once_per_push_either_hand(void **state)
{
    struct fixture *f = *state;
    struct interact_locomotion l;
    interact_locomotion_init(&l);
    struct interact_move m;
    aim_down(f, HAND_RIGHT);
    stick(f, HAND_RIGHT, 1.0f, 0.1f);
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_float_equal(m.turn, -glm_rad(30.0f), 1e-6f); /* right: clockwise from above */
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_float_equal(m.turn, 0.0f, 0.0f);
    stick(f, HAND_RIGHT, 0.0f, 0.0f);
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    aim_down(f, HAND_LEFT);
    stick(f, HAND_LEFT, -0.9f, 0.0f);
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_float_equal(m.turn, glm_rad(30.0f), 1e-6f);
    /* A turn does not start an arc. */
    assert_int_equal(l.arc_n, 0);
}

static void recentre_on_the_press(void **state)
{
    struct fixture *f = *state;
    struct interact_locomotion l;
    interact_locomotion_init(&l);
    struct interact_move m;
    aim_down(f, HAND_LEFT);
    f->hands[HAND_LEFT].recentre = true;
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_true(m.recentre);
    interact_locomotion_update(&l, &f->scene, f->hands, &m);
    assert_false(m.recentre);
}

/* The world head after the origin moved: origin * head_in_play. */
static void head_in_world(const struct pose *origin, const struct pose *play, struct pose *out)
{
    glm_quat_rotatev((float *)origin->orientation, (float *)play->position, out->position);
    glm_vec3_add(out->position, (float *)origin->position, out->position);
    glm_quat_mul((float *)origin->orientation, (float *)play->orientation, out->orientation);
}

static void moves_become_a_new_origin(void **state)
{
    (void)state;
    struct pose origin, play, head, home, after;
    pose_identity(&origin);
    pose_identity(&play);
    glm_vec3_copy((vec3){0.3f, 1.7f, -0.2f}, play.position);
    head_in_world(&origin, &play, &head);
    /* A turn leaves the head where it is and turns it. */
    struct interact_move m = {.turn = glm_rad(90.0f)};
    interact_move_origin(&m, &head, &head, &origin);
    head_in_world(&origin, &play, &after);
    assert_float_equal(after.position[0], 0.3f, 1e-5f);
    assert_float_equal(after.position[2], -0.2f, 1e-5f);
    vec3 fwd;
    pose_forward(&after, fwd);
    assert_float_equal(fwd[0], -1.0f, 1e-5f); /* was -Z, turned left: -X */
    /* A teleport puts the feet on the target, the head its height above. */
    memset(&m, 0, sizeof m);
    m.teleport = true;
    glm_vec3_copy((vec3){2.0f, 0.5f, -3.0f}, m.target);
    interact_move_origin(&m, &after, &head, &origin);
    head_in_world(&origin, &play, &after);
    assert_float_equal(after.position[0], 2.0f, 1e-5f);
    assert_float_equal(after.position[1], 2.2f, 1e-5f);
    assert_float_equal(after.position[2], -3.0f, 1e-5f);
    /* Recentre: back at home's place and heading; seated lifts the head to
     * home's height. */
    pose_identity(&home);
    glm_vec3_copy((vec3){0.0f, 1.65f, 2.0f}, home.position);
    memset(&m, 0, sizeof m);
    m.recentre = true;
    m.seated = true;
    interact_move_origin(&m, &after, &home, &origin);
    head_in_world(&origin, &play, &after);
    assert_float_equal(after.position[0], 0.0f, 1e-4f);
    assert_float_equal(after.position[1], 1.65f, 1e-4f);
    assert_float_equal(after.position[2], 2.0f, 1e-4f);
    pose_forward(&after, fwd);
    assert_float_equal(fwd[2], -1.0f, 1e-4f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(teleport_lands_on_the_floor_when_the_stick_returns, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(teleport_cancelled_by_pulling_back_or_landing_on_a_wall, fx_setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(snap_turn_once_per_push_either_hand, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(recentre_on_the_press, fx_setup, fx_teardown),
        cmocka_unit_test(moves_become_a_new_origin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
