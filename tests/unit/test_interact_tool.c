/* test_interact_tool.c — using tools (two-probe meter, torque wrench set by
 * scroll, generic), pressing switches, inspecting features, and hover by
 * object. Fixture: test_interact_fixture.h. */
#include "test_interact_fixture.h"

/* Grabs the meter by its ray (hold mode) and puts its probes on hv.pos and
 * hv.neg; returns the queue length before that move. */
static size_t meter_on_pos_neg(struct fixture *f)
{
    fx_point(f, HAND_RIGHT, 2.0f, 0.5f, 0.0f, 2.0f, 0.5f, -1.0f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "tool.tester", NULL);
    fx_move(f, HAND_RIGHT, 1.05f, -0.4f, -2.0f);
    return fx_frame(f);
}

static void meter_probes_on_two_points(void **state)
{
    struct fixture *f = *state;
    size_t n0 = meter_on_pos_neg(f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_USE, "tool.tester", "hv.pos_neg"); /* a described pair */
    assert_int_equal(fx_ev(f, n0, 0)->hand, HAND_RIGHT);
    assert_null(fx_ev(f, n0, 0)->unit);
    /* Resting there is one measurement, not one per frame. */
    n0 = fx_frame(f);
    assert_int_equal(fx_count(f, n0), 0);

    /* Slide along: red on hv.neg, black on chassis, no pair described. */
    fx_move(f, HAND_RIGHT, 0.1f, 0.0f, 0.0f);
    n0 = fx_frame(f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_USE, "tool.tester", "hv.neg|chassis");

    /* The trigger measures again where the probes are. */
    f->hands[HAND_RIGHT].trigger_value = 1.0f;
    n0 = fx_frame(f);
    f->hands[HAND_RIGHT].trigger_value = 0.0f;
    fx_frame(f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_USE, "tool.tester", "hv.neg|chassis");

    /* Lift one probe... nothing; touch again: a new measurement. */
    fx_move(f, HAND_RIGHT, 0.0f, 0.5f, 0.0f);
    n0 = fx_frame(f);
    assert_int_equal(fx_count(f, n0), 0);
    fx_move(f, HAND_RIGHT, 0.0f, -0.5f, 0.0f);
    n0 = fx_frame(f);
    fx_expect(f, n0, 0, EV_USE, "tool.tester", "hv.neg|chassis");

    /* Both probes on the one proving unit: its own id. */
    fx_move(f, HAND_RIGHT, 1.85f, 0.0f, 0.0f);
    n0 = fx_frame(f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_USE, "tool.tester", "ref.proving_unit");
}

static void meter_pair_either_order_and_only_when_held(void **state)
{
    struct fixture *f = *state;
    /* The pair described the other way round still matches. */
    f->pairs[0] = (struct interact_pair){"hv.neg", "hv.pos", "hv.pos_neg"};
    assert_true(interact_set_objects(&f->ix, &f->scene, f->objs, O_COUNT, f->pairs, 1, &f->arena));
    size_t n0 = meter_on_pos_neg(f);
    fx_expect(f, n0, 0, EV_USE, "tool.tester", "hv.pos_neg");
    /* Put down with the probes still on the points, then moved there by
     * the scene: a meter no one holds measures nothing. */
    n0 = fx_grip(f, HAND_RIGHT, 0.0f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "tool.tester", NULL);
    f->scene.nodes[f->n_tester].translation[0] = 3.15f;
    scene_update_world(&f->scene);
    n0 = fx_frame(f);
    assert_int_equal(fx_count(f, n0), 0);
}

static void meter_probes_on_leads(void **state)
{
    struct fixture *f = *state;
    /* Two probe handles of their own, the tips 10 cm below them; the meter
     * body stays on the bench and no one holds it. */
    uint32_t pa = fx_box(f, SCENE_NO_PARENT, "probe_a", 0.02f, 6.0f, 0.5f, -1.0f);
    uint32_t ta = fx_box(f, pa, "probe_a_tip", 0.0f, 0.0f, -0.1f, 0.0f);
    uint32_t pb = fx_box(f, SCENE_NO_PARENT, "probe_b", 0.02f, 7.0f, 0.5f, -1.0f);
    uint32_t tb = fx_box(f, pb, "probe_b_tip", 0.0f, 0.0f, -0.1f, 0.0f);
    scene_update_world(&f->scene);
    struct interact_object objs[O_COUNT + 2];
    memcpy(objs, f->objs, sizeof f->objs);
    objs[O_TESTER].tips[0] = ta;
    objs[O_TESTER].tips[1] = tb;
    objs[O_COUNT] = (struct interact_object){.id = "tool.probe_a", .node = pa, .caps = INTERACT_CAP_GRABBABLE,
                                             .tips = {SCENE_NOT_FOUND, SCENE_NOT_FOUND}};
    objs[O_COUNT + 1] = (struct interact_object){.id = "tool.probe_b", .node = pb, .caps = INTERACT_CAP_GRABBABLE,
                                                 .tips = {SCENE_NOT_FOUND, SCENE_NOT_FOUND}};
    assert_true(interact_set_objects(&f->ix, &f->scene, objs, O_COUNT + 2, f->pairs, 1, &f->arena));
    fx_point(f, HAND_LEFT, 6.0f, 0.5f, 0.0f, 6.0f, 0.5f, -1.0f);
    fx_point(f, HAND_RIGHT, 7.0f, 0.5f, 0.0f, 7.0f, 0.5f, -1.0f);
    f->hands[HAND_LEFT].grip_value = f->hands[HAND_RIGHT].grip_value = 1.0f;
    size_t n0 = fx_frame(f);
    fx_expect(f, n0, 0, EV_GRAB, "tool.probe_a", NULL);
    fx_expect(f, n0, 1, EV_GRAB, "tool.probe_b", NULL);
    /* Tip a onto hv.pos (3, 0, -3): nothing yet, one probe is not a measurement. */
    fx_move(f, HAND_LEFT, -3.0f, -0.4f, -2.0f);
    n0 = fx_frame(f);
    assert_int_equal(fx_count(f, n0), 0);
    /* Tip b onto hv.neg (3.1, 0, -3): measured, by the meter. */
    fx_move(f, HAND_RIGHT, -3.9f, -0.4f, -2.0f);
    n0 = fx_frame(f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_USE, "tool.tester", "hv.pos_neg");
    assert_int_equal(fx_ev(f, n0, 0)->hand, HAND_LEFT);
    /* Both probes let go where they are: no one measures any more. */
    f->hands[HAND_LEFT].grip_value = f->hands[HAND_RIGHT].grip_value = 0.0f;
    fx_frame(f);
    fx_move(f, HAND_LEFT, 0.0f, 0.5f, 0.0f);
    fx_move(f, HAND_RIGHT, 0.0f, 0.5f, 0.0f);
    n0 = fx_frame(f);
    assert_int_equal(fx_count(f, n0), 0);
}

static void meter_pointing_on_desktop(void **state)
{
    struct fixture *f = *state;
    f->ix.mode = INTERACT_MODE_CLICK;
    fx_point(f, HAND_RIGHT, 2.0f, 0.5f, 0.0f, 2.0f, 0.5f, -1.0f);
    size_t n0 = fx_click(f, HAND_RIGHT);
    fx_expect(f, n0, 0, EV_GRAB, "tool.tester", NULL);
    /* Point at the pole pair's measuring spot and click: used there. */
    fx_point(f, HAND_RIGHT, 2.0f, 0.5f, 0.0f, 4.0f, 0.5f, -1.0f);
    fx_frame(f);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_USE, "tool.tester", "hv.pos_neg");
    assert_string_equal(interact_hand_held(&f->ix, HAND_RIGHT), "tool.tester");
    /* Click at nothing: the one button puts the meter down; it stays
     * where it floated, 1 m up the ray. */
    fx_point(f, HAND_RIGHT, 2.0f, 0.5f, 0.0f, 2.0f, 5.0f, 0.0f);
    fx_frame(f);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "tool.tester", NULL);
    n0 = fx_click(f, HAND_RIGHT);
    fx_expect(f, n0, 0, EV_GRAB, "tool.tester", NULL);
    /* Pointing at the plug, no measuring point and no socket: the click
     * puts the meter down, it does not "use" it on the plug. */
    fx_point(f, HAND_RIGHT, 2.0f, 0.5f, 0.0f, 0.0f, 0.5f, -2.0f);
    fx_frame(f);
    assert_int_equal(f->ix.hovered[HAND_RIGHT], f->n_plug);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_RELEASE, "tool.tester", NULL);
}

/* With controllers the stick sets a held wrench: one step per push up or
 * down, back to the centre between pushes, and that stick moves nobody
 * (interact_stick_tools clears it); with no settable tool held a stick is
 * left for locomotion. */
static void wrench_setting_by_stick(void **state)
{
    struct fixture *f = *state;
    struct interact_locomotion l;
    interact_locomotion_init(&l);
    f->hands[HAND_RIGHT].stick[1] = 1.0f;
    interact_stick_tools(&l, &f->ix, f->hands);
    assert_float_equal(f->hands[HAND_RIGHT].stick[1], 1.0f, 0.0f); /* nothing held: locomotion's */
    assert_float_equal(f->hands[HAND_RIGHT].scroll, 0.0f, 0.0f);
    f->hands[HAND_RIGHT].stick[1] = 0.0f;
    fx_point(f, HAND_RIGHT, -2.0f, 0.5f, 0.0f, -2.0f, 0.5f, -1.0f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "tool.torque_wrench", NULL);
    float step = f->objs[O_WRENCH].setting_step, v0 = interact_tool_setting(&f->ix, "tool.torque_wrench");
    /* Pushed up and held for three frames: one step. */
    for (int i = 0; i < 3; i++) {
        f->hands[HAND_RIGHT].stick[1] = 0.9f;
        interact_stick_tools(&l, &f->ix, f->hands);
        assert_float_equal(f->hands[HAND_RIGHT].stick[1], 0.0f, 0.0f);
        fx_frame(f);
    }
    assert_float_equal(interact_tool_setting(&f->ix, "tool.torque_wrench"), v0 + step, 1e-6f);
    /* Back to the centre, then two pushes down: two steps down. */
    for (int i = 0; i < 4; i++) {
        f->hands[HAND_RIGHT].stick[1] = i % 2 ? -1.0f : 0.0f;
        interact_stick_tools(&l, &f->ix, f->hands);
        fx_frame(f);
    }
    assert_float_equal(interact_tool_setting(&f->ix, "tool.torque_wrench"), v0 - step, 1e-6f);
    /* The other hand's stick is not the wrench's. */
    f->hands[HAND_LEFT].stick[1] = 1.0f;
    interact_stick_tools(&l, &f->ix, f->hands);
    assert_float_equal(f->hands[HAND_LEFT].stick[1], 1.0f, 0.0f);
    assert_float_equal(f->hands[HAND_LEFT].scroll, 0.0f, 0.0f);
    f->hands[HAND_LEFT].stick[1] = 0.0f;
}

static void wrench_setting_by_scroll(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_RIGHT, -2.0f, 0.5f, 0.0f, -2.0f, 0.5f, -1.0f);
    size_t n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "tool.torque_wrench", NULL);
    assert_float_equal(interact_tool_setting(&f->ix, "tool.torque_wrench"), 20.0f, 1e-6f);
    f->hands[HAND_RIGHT].scroll = 4.0f;
    fx_frame(f);
    assert_float_equal(interact_tool_setting(&f->ix, "tool.torque_wrench"), 22.0f, 1e-6f);
    f->hands[HAND_RIGHT].scroll = 1000.0f;
    fx_frame(f);
    assert_float_equal(interact_tool_setting(&f->ix, "tool.torque_wrench"), 60.0f, 1e-6f);
    f->hands[HAND_RIGHT].scroll = -1000.0f;
    fx_frame(f);
    assert_float_equal(interact_tool_setting(&f->ix, "tool.torque_wrench"), 5.0f, 1e-6f);
    f->hands[HAND_RIGHT].scroll = 50.0f;
    fx_frame(f);
    assert_float_equal(interact_tool_setting(&f->ix, "tool.torque_wrench"), 30.0f, 1e-6f);
    /* Scroll set the wrench, it did not turn it. */
    vec3 p;
    fx_world_pos(f, f->n_wrench, p);
    fx_assert_vec3(p, -2.0f, 0.5f, -1.0f, 1e-6f);

    /* Trigger in the air: nothing to tighten. */
    f->hands[HAND_RIGHT].trigger_value = 1.0f;
    n0 = fx_frame(f);
    f->hands[HAND_RIGHT].trigger_value = 0.0f;
    fx_frame(f);
    assert_int_equal(fx_count(f, n0), 0);

    /* Tip on the bolt: used there with the set torque. */
    fx_move(f, HAND_RIGHT, 0.0f, -0.4f, -2.0f);
    fx_frame(f);
    f->hands[HAND_RIGHT].trigger_value = 1.0f;
    n0 = fx_frame(f);
    f->hands[HAND_RIGHT].trigger_value = 0.0f;
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_USE, "tool.torque_wrench", "hv.terminal_bolt");
    assert_float_equal(fx_ev(f, n0, 0)->value, 30.0, 1e-6);
    assert_string_equal(fx_ev(f, n0, 0)->unit, "Nm");
}

/* Two hands at once: the left takes the key by reaching into it (its ray
 * points away), the right takes the wrench by its ray from afar and
 * tightens the bolt with it; the key stays in the left hand and follows it. */
static void tool_in_one_hand_while_the_other_holds(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_LEFT, 0.5f, 0.5f, -1.0f, 0.5f, 2.0f, -1.0f);
    size_t n0 = fx_grip(f, HAND_LEFT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "vehicle.key", NULL);
    assert_int_equal(fx_ev(f, n0, 0)->hand, HAND_LEFT);
    fx_point(f, HAND_RIGHT, -2.0f, 0.5f, 0.0f, -2.0f, 0.5f, -1.0f);
    n0 = fx_grip(f, HAND_RIGHT, 1.0f);
    fx_expect(f, n0, 0, EV_GRAB, "tool.torque_wrench", NULL);
    assert_int_equal(fx_ev(f, n0, 0)->hand, HAND_RIGHT);
    fx_move(f, HAND_RIGHT, 0.0f, -0.4f, -2.0f);
    fx_move(f, HAND_LEFT, 0.1f, 0.0f, 0.0f);
    fx_frame(f);
    f->hands[HAND_RIGHT].trigger_value = 1.0f;
    n0 = fx_frame(f);
    f->hands[HAND_RIGHT].trigger_value = 0.0f;
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_USE, "tool.torque_wrench", "hv.terminal_bolt");
    assert_int_equal(fx_ev(f, n0, 0)->hand, HAND_RIGHT);
    assert_string_equal(interact_hand_held(&f->ix, HAND_LEFT), "vehicle.key");
    vec3 p;
    fx_world_pos(f, f->n_key, p);
    fx_assert_vec3(p, 0.6f, 0.5f, -1.0f, 1e-5f);
}

static void point_with_mesh_on_a_child(void **state)
{
    struct fixture *f = *state;
    /* glTF style: the point's node is an empty, its mesh a child 5 cm aside. */
    uint32_t nut = fx_box(f, SCENE_NO_PARENT, "nut", 0.0f, -2.0f, 0.0f, -4.0f);
    fx_box(f, nut, "nut_mesh", 0.02f, 0.05f, 0.0f, 0.0f);
    scene_update_world(&f->scene);
    struct interact_object objs[O_COUNT + 1];
    memcpy(objs, f->objs, sizeof f->objs);
    objs[O_COUNT] = (struct interact_object){.id = "hv.busbar_nut", .node = nut, .caps = INTERACT_CAP_POINT,
                                             .tips = {SCENE_NOT_FOUND, SCENE_NOT_FOUND}};
    assert_true(interact_set_objects(&f->ix, &f->scene, objs, O_COUNT + 1, f->pairs, 1, &f->arena));
    fx_point(f, HAND_RIGHT, -2.0f, 0.5f, 0.0f, -2.0f, 0.5f, -1.0f);
    fx_grip(f, HAND_RIGHT, 1.0f);
    /* Tip on the empty's origin: 5 cm from the mesh, not touching. */
    fx_move(f, HAND_RIGHT, 0.0f, -0.4f, -3.0f);
    size_t n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 0);
    /* Tip on the child's mesh: touching the nut. */
    fx_move(f, HAND_RIGHT, 0.05f, 0.0f, 0.0f);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_USE, "tool.torque_wrench", "hv.busbar_nut");
}

static void generic_tool_use(void **state)
{
    struct fixture *f = *state;
    f->objs[O_WRENCH].tool = INTERACT_TOOL_GENERIC;
    f->objs[O_WRENCH].id = "tool.screwdriver";
    f->objs[O_WRENCH].setting_step = 0.0f;
    assert_true(interact_set_objects(&f->ix, &f->scene, f->objs, O_COUNT, f->pairs, 1, &f->arena));
    fx_point(f, HAND_RIGHT, -2.0f, 0.5f, 0.0f, -2.0f, 0.5f, -1.0f);
    fx_grip(f, HAND_RIGHT, 1.0f);
    fx_move(f, HAND_RIGHT, 0.0f, -0.4f, -2.0f);
    size_t n0 = fx_click(f, HAND_RIGHT); /* hold mode: primary activates */
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_USE, "tool.screwdriver", "hv.terminal_bolt");
    assert_null(fx_ev(f, n0, 0)->unit);
    assert_float_equal(fx_ev(f, n0, 0)->value, 0.0, 0.0);
    /* Without a setting, scroll turns it instead. */
    f->hands[HAND_RIGHT].scroll = 1.0f;
    fx_frame(f);
    const float *r = f->scene.nodes[f->n_wrench].rotation;
    assert_true(fabsf(r[1]) > 0.1f);
}

static void press_switch_both_modes(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_RIGHT, 0.0f, 1.5f, 0.0f, 0.0f, 1.5f, -1.0f);
    f->hands[HAND_RIGHT].trigger_value = 1.0f;
    size_t n0 = fx_frame(f);
    fx_frame(f); /* held down: no repeat */
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_PRESS, "vehicle.ignition", NULL);
    /* Half-released stays down (hysteresis), fully released and pressed again: another press. */
    f->hands[HAND_RIGHT].trigger_value = 0.5f;
    n0 = fx_frame(f);
    assert_int_equal(fx_count(f, n0), 0);
    f->hands[HAND_RIGHT].trigger_value = 0.0f;
    fx_frame(f);
    f->hands[HAND_RIGHT].trigger_value = 1.0f;
    n0 = fx_frame(f);
    f->hands[HAND_RIGHT].trigger_value = 0.0f;
    fx_frame(f);
    fx_expect(f, n0, 0, EV_PRESS, "vehicle.ignition", NULL);

    f->ix.mode = INTERACT_MODE_CLICK;
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_PRESS, "vehicle.ignition", NULL);
    /* The left hand does the same. */
    fx_point(f, HAND_LEFT, 0.0f, 1.5f, 0.0f, 0.0f, 1.5f, -1.0f);
    n0 = fx_click(f, HAND_LEFT);
    fx_expect(f, n0, 0, EV_PRESS, "vehicle.ignition", NULL);
    assert_int_equal(fx_ev(f, n0, 0)->hand, HAND_LEFT);
}

static void inspect_features(void **state)
{
    struct fixture *f = *state;
    /* secondary on the gloves: the whole-object feature. */
    fx_point(f, HAND_RIGHT, -0.5f, 0.5f, 0.0f, -0.5f, 0.5f, -1.0f);
    f->hands[HAND_RIGHT].secondary = true;
    size_t n0 = fx_frame(f);
    f->hands[HAND_RIGHT].secondary = false;
    fx_frame(f);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_INSPECT, "ppe.gloves", "air_test");
    /* Trigger on the gloves (hold mode): the same. */
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_INSPECT, "ppe.gloves", "air_test");
    /* Trigger on the stamp: that part's feature. */
    fx_point(f, HAND_RIGHT, -0.5f, 0.56f, 0.0f, -0.5f, 0.56f, -1.0f);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_INSPECT, "ppe.gloves", "date_stamp");
    assert_int_equal(f->ix.hovered[HAND_RIGHT], f->n_stamp);
}

static void inspect_in_click_mode(void **state)
{
    struct fixture *f = *state;
    f->ix.mode = INTERACT_MODE_CLICK;
    /* A click on a feature part inspects it... */
    fx_point(f, HAND_RIGHT, -0.5f, 0.56f, 0.0f, -0.5f, 0.56f, -1.0f);
    size_t n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_INSPECT, "ppe.gloves", "date_stamp");
    /* ...a click on the body picks the gloves up... */
    fx_point(f, HAND_RIGHT, -0.5f, 0.5f, 0.0f, -0.5f, 0.5f, -1.0f);
    n0 = fx_click(f, HAND_RIGHT);
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_GRAB, "ppe.gloves", NULL);
    /* ...and E inspects what is in the hand. */
    f->hands[HAND_RIGHT].secondary = true;
    n0 = fx_frame(f);
    f->hands[HAND_RIGHT].secondary = false;
    assert_int_equal(fx_count(f, n0), 1);
    fx_expect(f, n0, 0, EV_INSPECT, "ppe.gloves", "air_test");
    assert_string_equal(interact_hand_held(&f->ix, HAND_RIGHT), "ppe.gloves");
    /* E on something without features does nothing. */
    fx_point(f, HAND_LEFT, 0.0f, 1.5f, 0.0f, 0.0f, 1.5f, -1.0f);
    f->hands[HAND_LEFT].secondary = true;
    n0 = fx_frame(f);
    assert_int_equal(fx_count(f, n0), 0);
}

static void hover_names_objects(void **state)
{
    struct fixture *f = *state;
    fx_point(f, HAND_RIGHT, -0.5f, 0.56f, 0.0f, -0.5f, 0.56f, -1.0f);
    size_t n0 = fx_frame(f);
    assert_int_equal(f->q.n, n0 + 1);
    assert_int_equal(f->q.v[n0].type, EV_HOVER);
    assert_string_equal(f->q.v[n0].subject, "ppe.gloves");
    /* From the stamp to the body: another part, the same object, no event. */
    fx_point(f, HAND_RIGHT, -0.5f, 0.5f, 0.0f, -0.5f, 0.5f, -1.0f);
    n0 = fx_frame(f);
    assert_int_equal(f->q.n, n0);
    assert_int_equal(f->ix.hovered[HAND_RIGHT], f->n_gloves);
    /* Away: a hover with no subject. */
    fx_point(f, HAND_RIGHT, -0.5f, 0.5f, 0.0f, -0.5f, 5.0f, 0.0f);
    n0 = fx_frame(f);
    assert_int_equal(f->q.n, n0 + 1);
    assert_null(f->q.v[n0].subject);
    /* Triangles, not boxes: a ray past a cylinder's rim misses it even
     * though it crosses the cylinder's bounding box. */
    struct mesh_data cyl = scene_mesh_cylinder(&f->arena, 0.1f, 0.2f, 16);
    uint32_t can = scene_node_add(&f->scene, SCENE_NO_PARENT, "can");
    f->scene.nodes[can].mesh = scene_mesh_add(&f->scene, &cyl);
    f->scene.nodes[can].translation[1] = 3.0f;
    f->scene.nodes[can].translation[2] = -1.0f;
    scene_update_world(&f->scene);
    /* The line x + z = -0.83 cuts the box's corner and passes 12 cm from
     * the axis of a 10 cm cylinder. */
    fx_point(f, HAND_RIGHT, 1.1f, 3.0f, -1.93f, 0.1f, 3.0f, -0.93f);
    vec3 dir;
    pose_forward(&f->hands[HAND_RIGHT].aim, dir);
    float tb = 0.0f;
    assert_int_equal(scene_ray_pick_bounds(&f->scene, f->hands[HAND_RIGHT].aim.position, dir, &tb), can);
    interact_init(&f->ix);
    n0 = fx_frame(f);
    assert_int_equal(f->q.n, n0); /* nothing hit, nothing new */
    assert_int_equal(f->ix.hovered[HAND_RIGHT], SCENE_NOT_FOUND);
    fx_point(f, HAND_RIGHT, 0.0f, 3.0f, 0.0f, 0.0f, 3.0f, -1.0f);
    n0 = fx_frame(f);
    assert_int_equal(f->ix.hovered[HAND_RIGHT], can);
    assert_string_equal(f->q.v[n0].subject, "can");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(meter_probes_on_two_points, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(meter_pair_either_order_and_only_when_held, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(meter_probes_on_leads, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(meter_pointing_on_desktop, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(wrench_setting_by_stick, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(wrench_setting_by_scroll, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(tool_in_one_hand_while_the_other_holds, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(point_with_mesh_on_a_child, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(generic_tool_use, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(press_switch_both_modes, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(inspect_features, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(inspect_in_click_mode, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(hover_names_objects, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
