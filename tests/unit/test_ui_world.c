/* test_ui_world.c — world-space panels: ray hits in panel pixels, panels
 * placed in front of a head and on a node. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pose.h"
#include "ui.h"

#include <math.h>

/* A 200 x 100 pixel panel, 1 cm per pixel (2 m x 1 m), its top-left corner
 * at (-1, 0.5, -2) facing +z: centred straight ahead of an identity head 2 m
 * away. */
static struct ui_world_panel panel_ahead(void)
{
    struct ui_world_panel p = {.metres_per_px = 0.01f, .width_px = 200.0f, .height_px = 100.0f};
    glm_mat4_identity(p.world_from_panel);
    glm_vec3_copy((vec3){-1.0f, 0.5f, -2.0f}, p.world_from_panel[3]);
    return p;
}

static void ray_hits_centre_and_corners(void **state)
{
    (void)state;
    struct ui_world_panel p = panel_ahead();
    float x = -1, y = -1, t = -1;
    const vec3 eye = {0, 0, 0};
    assert_true(ui_world_panel_hit(&p, eye, (vec3){0, 0, -1}, &x, &y, &t));
    assert_float_equal(x, 100.0f, 1e-3f);
    assert_float_equal(y, 50.0f, 1e-3f);
    assert_float_equal(t, 2.0f, 1e-5f);
    /* Just inside the top-left corner: pixel (0.5, 0.5), up and left. */
    assert_true(ui_world_panel_hit(&p, eye, (vec3){-0.995f, 0.495f, -2.0f}, &x, &y, &t));
    assert_float_equal(x, 0.5f, 1e-3f);
    assert_float_equal(y, 0.5f, 1e-3f);
    /* Just inside the bottom-right corner. */
    assert_true(ui_world_panel_hit(&p, eye, (vec3){0.995f, -0.495f, -2.0f}, &x, &y, &t));
    assert_float_equal(x, 199.5f, 1e-3f);
    assert_float_equal(y, 99.5f, 1e-3f);
    assert_float_equal(t, sqrtf(0.995f * 0.995f + 0.495f * 0.495f + 4.0f), 1e-4f);
    /* Outputs are optional. */
    assert_true(ui_world_panel_hit(&p, eye, (vec3){0, 0, -1}, NULL, NULL, NULL));
}

static void ray_misses_outside(void **state)
{
    (void)state;
    struct ui_world_panel p = panel_ahead();
    float x = -7, y = -7, t = -7;
    const vec3 eye = {0, 0, 0};
    /* Past each edge by half a pixel. */
    assert_false(ui_world_panel_hit(&p, eye, (vec3){-1.005f, 0, -2}, &x, &y, &t));
    assert_false(ui_world_panel_hit(&p, eye, (vec3){1.005f, 0, -2}, &x, &y, &t));
    assert_false(ui_world_panel_hit(&p, eye, (vec3){0, 0.505f, -2}, &x, &y, &t));
    assert_false(ui_world_panel_hit(&p, eye, (vec3){0, -0.505f, -2}, &x, &y, &t));
    /* The panel is behind the ray's origin: pointing away from it, from in
     * front of it and from behind it (where the ray runs along the way a
     * front hit would, so only the distance's sign rules it out). */
    assert_false(ui_world_panel_hit(&p, eye, (vec3){0, 0, 1}, &x, &y, &t));
    assert_false(ui_world_panel_hit(&p, (vec3){0, 0, -3}, (vec3){0, 0, -1}, &x, &y, &t));
    /* A miss leaves the outputs alone. */
    assert_float_equal(x, -7.0f, 0.0f);
    assert_float_equal(t, -7.0f, 0.0f);
}

static void ray_from_behind_and_parallel_miss(void **state)
{
    (void)state;
    struct ui_world_panel p = panel_ahead();
    /* From behind the panel towards its back side, straight through the
     * middle: the same line the front hit uses, reversed. */
    assert_false(ui_world_panel_hit(&p, (vec3){0, 0, -4}, (vec3){0, 0, 1}, NULL, NULL, NULL));
    /* In the panel's plane, and parallel to it just in front. */
    assert_false(ui_world_panel_hit(&p, (vec3){-3, 0, -2}, (vec3){1, 0, 0}, NULL, NULL, NULL));
    assert_false(ui_world_panel_hit(&p, (vec3){-3, 0, -1.9f}, (vec3){1, 0, 0}, NULL, NULL, NULL));
    /* A zero direction is no ray. */
    assert_false(ui_world_panel_hit(&p, (vec3){0, 0, 0}, (vec3){0, 0, 0}, NULL, NULL, NULL));
}

static void non_unit_direction_gives_metres(void **state)
{
    (void)state;
    struct ui_world_panel p = panel_ahead();
    float x, y, t;
    /* From 1 m to the right, aimed at pixel (50, 25) with a long vector. */
    const vec3 origin = {1, 0, 0};
    vec3 target = {-0.5f, 0.25f, -2.0f}, dir;
    glm_vec3_sub(target, (float *)origin, dir);
    glm_vec3_scale(dir, 7.5f, dir);
    assert_true(ui_world_panel_hit(&p, origin, dir, &x, &y, &t));
    assert_float_equal(x, 50.0f, 1e-3f);
    assert_float_equal(y, 25.0f, 1e-3f);
    assert_float_equal(t, glm_vec3_distance((float *)origin, target), 1e-4f);
}

/* The angle between two directions, in radians. */
static float angle_between(const vec3 a, const vec3 b)
{
    return acosf(glm_clamp(glm_vec3_dot((float *)a, (float *)b) / (glm_vec3_norm((float *)a) * glm_vec3_norm((float *)b)),
                           -1.0f, 1.0f));
}

static void facing_panel_spans_fill_of_the_view(void **state)
{
    (void)state;
    struct pose head;
    glm_vec3_copy((vec3){0.3f, 1.6f, -0.4f}, head.position);
    pose_from_yaw_pitch(glm_rad(35.0f), glm_rad(-20.0f), head.orientation);
    const float vfov = glm_rad(90.0f), fill = 0.5f;
    struct ui_world_panel p;
    ui_world_panel_facing(&p, &head, 1.5f, vfov, fill, 400.0f, 300.0f);
    assert_float_equal(p.width_px, 400.0f, 0.0f);
    assert_float_equal(p.height_px, 300.0f, 0.0f);

    vec3 fwd, centre, to_centre, top, bottom, to_top, to_bottom;
    pose_forward(&head, fwd);
    ui_world_panel_point(&p, 200.0f, 150.0f, centre);
    glm_vec3_sub(centre, head.position, to_centre);
    /* Straight ahead, at the distance asked for. */
    assert_float_equal(angle_between(to_centre, fwd), 0.0f, 1e-3f);
    assert_float_equal(glm_vec3_norm(to_centre), 1.5f, 1e-4f);
    /* Top and bottom edge midpoints: fill * vfov apart as seen from the eye,
     * each half of that off the line of sight. */
    ui_world_panel_point(&p, 200.0f, 0.0f, top);
    ui_world_panel_point(&p, 200.0f, 300.0f, bottom);
    glm_vec3_sub(top, head.position, to_top);
    glm_vec3_sub(bottom, head.position, to_bottom);
    assert_float_equal(angle_between(to_top, to_bottom), fill * vfov, 1e-3f);
    assert_float_equal(angle_between(to_top, fwd), 0.5f * fill * vfov, 1e-3f);
    /* The top edge is above the bottom one, and the eye's ray to the centre
     * hits the front: the panel faces the head. */
    assert_true(top[1] > bottom[1]);
    float x, y;
    assert_true(ui_world_panel_hit(&p, head.position, fwd, &x, &y, NULL));
    assert_float_equal(x, 200.0f, 1e-2f);
    assert_float_equal(y, 150.0f, 1e-2f);
    /* Square pixels: width follows the pixel aspect. */
    vec3 left, right;
    ui_world_panel_point(&p, 0.0f, 150.0f, left);
    ui_world_panel_point(&p, 400.0f, 150.0f, right);
    assert_float_equal(glm_vec3_distance(left, right), glm_vec3_distance(top, bottom) * 4.0f / 3.0f, 1e-4f);
}

static void rolled_head_keeps_panel_upright(void **state)
{
    (void)state;
    struct pose head;
    glm_vec3_copy((vec3){0, 1.7f, 0}, head.position);
    versor yaw_pitch, roll;
    pose_from_yaw_pitch(glm_rad(-60.0f), glm_rad(10.0f), yaw_pitch);
    glm_quatv(roll, glm_rad(40.0f), (vec3){0, 0, 1});
    glm_quat_mul(yaw_pitch, roll, head.orientation);
    struct ui_world_panel p;
    ui_world_panel_facing(&p, &head, 1.0f, glm_rad(100.0f), 0.3f, 300.0f, 200.0f);
    /* The panel's x axis (pixels rightwards) is level; its y axis points
     * up-ish; the centre is still straight ahead despite the roll. */
    vec3 left, right, top, bottom, centre, fwd, to_centre;
    ui_world_panel_point(&p, 0.0f, 100.0f, left);
    ui_world_panel_point(&p, 300.0f, 100.0f, right);
    ui_world_panel_point(&p, 150.0f, 0.0f, top);
    ui_world_panel_point(&p, 150.0f, 200.0f, bottom);
    assert_float_equal(left[1], right[1], 1e-5f);
    assert_true(top[1] > bottom[1]);
    ui_world_panel_point(&p, 150.0f, 100.0f, centre);
    pose_forward(&head, fwd);
    glm_vec3_sub(centre, head.position, to_centre);
    assert_float_equal(angle_between(to_centre, fwd), 0.0f, 1e-3f);
    /* Pixels rightwards go to the head's right-hand side, roll or not. */
    vec3 head_right, across;
    glm_quat_rotatev(head.orientation, (vec3){1, 0, 0}, head_right);
    glm_vec3_sub(right, left, across);
    assert_true(glm_vec3_dot(across, head_right) > 0.0f);
}

static void panel_on_scaled_rotated_node(void **state)
{
    (void)state;
    /* A node rotated 90 degrees about +x (its +z now world -y, its +y world
     * +z), scaled 3, 0.5, 2 and placed at (1, 2, 3): a label lying on a
     * surface, facing down. */
    mat4 node;
    glm_translate_make(node, (vec3){1, 2, 3});
    glm_rotate(node, glm_rad(90.0f), (vec3){1, 0, 0});
    glm_scale(node, (vec3){3.0f, 0.5f, 2.0f});
    struct ui_world_panel p;
    ui_world_panel_on(&p, (const vec4 *)node, 0.4f, 200.0f, 50.0f, 0.01f);
    assert_float_equal(p.metres_per_px, 0.002f, 1e-7f);
    vec3 centre, left, right, top, bottom;
    ui_world_panel_point(&p, 100.0f, 25.0f, centre);
    /* Centred on the node, lifted 1 cm along its normal (world -y). */
    assert_float_equal(centre[0], 1.0f, 1e-5f);
    assert_float_equal(centre[1], 2.0f - 0.01f, 1e-5f);
    assert_float_equal(centre[2], 3.0f, 1e-5f);
    /* 0.4 m wide whatever the scale; height from the aspect; up is the
     * node's +y (world +z); x is the node's +x. */
    ui_world_panel_point(&p, 0.0f, 25.0f, left);
    ui_world_panel_point(&p, 200.0f, 25.0f, right);
    ui_world_panel_point(&p, 100.0f, 0.0f, top);
    ui_world_panel_point(&p, 100.0f, 50.0f, bottom);
    assert_float_equal(glm_vec3_distance(left, right), 0.4f, 1e-5f);
    assert_float_equal(glm_vec3_distance(top, bottom), 0.1f, 1e-5f);
    assert_float_equal(right[0] - left[0], 0.4f, 1e-5f);
    assert_float_equal(top[2] - bottom[2], 0.1f, 1e-5f);
    /* Hit from the front (below, looking up) and not from above. */
    float x, y;
    assert_true(ui_world_panel_hit(&p, (vec3){1.1f, 0.0f, 3.0f}, (vec3){0, 1, 0}, &x, &y, NULL));
    assert_float_equal(x, 150.0f, 1e-2f);
    assert_float_equal(y, 25.0f, 1e-2f);
    assert_false(ui_world_panel_hit(&p, (vec3){1.1f, 4.0f, 3.0f}, (vec3){0, -1, 0}, NULL, NULL, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ray_hits_centre_and_corners),
        cmocka_unit_test(ray_misses_outside),
        cmocka_unit_test(ray_from_behind_and_parallel_miss),
        cmocka_unit_test(non_unit_direction_gives_metres),
        cmocka_unit_test(facing_panel_spans_fill_of_the_view),
        cmocka_unit_test(rolled_head_keeps_panel_upright),
        cmocka_unit_test(panel_on_scaled_rotated_node),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
