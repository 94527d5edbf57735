/* test_xr.c — the frame API: headless simulated time, the desktop head and
 * its cursor-ray hand, and the OpenXR runtime probe. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pose.h"
#include "xr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void headless_time_is_simulated_and_fixed(void **state)
{
    (void)state;
    struct xr_desc d = {.backend = XR_BACKEND_HEADLESS, .fixed_step_us = 10000};
    pose_identity(&d.start_head);
    char why[256];
    struct xr *x = xr_create(&d, why, sizeof why);
    assert_non_null(x);
    struct xr_frame f;
    for (int i = 0; i < 5; i++) {
        xr_frame_begin(x, &f);
        assert_true(f.should_render);
        assert_int_equal(f.state, XR_STATE_RUNNING);
        assert_int_equal(f.index, (uint64_t)i);
        assert_int_equal(f.time_us, i * 10000);
        assert_int_equal(f.view_count, 1);
        assert_false(f.hands[HAND_RIGHT].active);
        xr_frame_end(x, &f);
    }
    /* No input: the default view size. */
    assert_int_equal(f.views[0].width, 1280);
    assert_int_equal(f.views[0].height, 720);
    xr_destroy(&x);
    assert_null(x);
}

static void set_head_roundtrips_yaw_and_pitch(void **state)
{
    (void)state;
    struct xr_desc d = {.backend = XR_BACKEND_DESKTOP};
    glm_vec3_copy((vec3){1.0f, 1.6f, 2.0f}, d.start_head.position);
    pose_from_yaw_pitch(0.6f, -0.25f, d.start_head.orientation);
    char why[256];
    struct xr *x = xr_create(&d, why, sizeof why);
    assert_non_null(x);
    float yaw = 0, pitch = 0;
    xr_head_angles(x, &yaw, &pitch);
    assert_float_equal(yaw, 0.6f, 1e-5f);
    assert_float_equal(pitch, -0.25f, 1e-5f);
    xr_destroy(&x);
}

static void desktop_moves_and_looks(void **state)
{
    (void)state;
    struct xr_desc d = {.backend = XR_BACKEND_DESKTOP, .look_sensitivity = 0.01f};
    glm_vec3_copy((vec3){0.0f, 1.6f, 0.0f}, d.start_head.position);
    glm_quat_identity(d.start_head.orientation);
    char why[256];
    struct xr *x = xr_create(&d, why, sizeof why);
    assert_non_null(x);
    struct desk_input in = {.width = 800, .height = 600, .look_captured = true};
    struct xr_frame f;
    /* Mouse 10 px left turns the head left by 0.1 rad. */
    in.look_dx = -10.0f;
    xr_set_window_input(x, &in);
    xr_frame_begin(x, &f);
    xr_frame_end(x, &f);
    float yaw = 0, pitch = 0;
    xr_head_angles(x, &yaw, &pitch);
    assert_float_equal(yaw, 0.1f, 1e-5f);
    /* Pitch stops short of straight up. */
    in.look_dx = 0.0f;
    in.look_dy = -100000.0f;
    xr_set_window_input(x, &in);
    xr_frame_begin(x, &f);
    xr_frame_end(x, &f);
    xr_head_angles(x, &yaw, &pitch);
    assert_float_equal(pitch, glm_rad(85.0f), 1e-5f);
    assert_int_equal(f.views[0].width, 800);
    /* The right hand's ray starts at the eye and, with the mouse captured,
     * points where the head looks. */
    assert_true(f.hands[HAND_RIGHT].active);
    vec3 hand_dir, head_dir;
    pose_forward(&f.hands[HAND_RIGHT].aim, hand_dir);
    pose_forward(&f.views[0].pose, head_dir);
    assert_float_equal(glm_vec3_dot(hand_dir, head_dir), 1.0f, 1e-4f);
    assert_float_equal(f.hands[HAND_RIGHT].aim.position[1], f.views[0].pose.position[1], 1e-6f);
    xr_destroy(&x);
}

static void desktop_cursor_ray_goes_through_cursor(void **state)
{
    (void)state;
    struct xr_desc d = {.backend = XR_BACKEND_DESKTOP, .vertical_fov = glm_rad(90.0f)};
    pose_identity(&d.start_head);
    d.start_head.position[1] = 1.0f;
    char why[256];
    struct xr *x = xr_create(&d, why, sizeof why);
    assert_non_null(x);
    /* Cursor at the top-right corner of a square window: with a 90 degree
     * field of view the ray is (1, 1, -1) normalised. */
    struct desk_input in = {.width = 600, .height = 600, .cursor_x = 600.0f, .cursor_y = 0.0f};
    struct xr_frame f;
    xr_set_window_input(x, &in);
    xr_frame_begin(x, &f);
    vec3 dir;
    pose_forward(&f.hands[HAND_RIGHT].aim, dir);
    float k = 1.0f / sqrtf(3.0f);
    assert_float_equal(dir[0], k, 1e-4f);
    assert_float_equal(dir[1], k, 1e-4f);
    assert_float_equal(dir[2], -k, 1e-4f);
    /* The mouse button is the hand's primary button. */
    in.button_left = true;
    xr_frame_end(x, &f);
    xr_set_window_input(x, &in);
    xr_frame_begin(x, &f);
    assert_true(f.hands[HAND_RIGHT].primary);
    assert_float_equal(f.hands[HAND_RIGHT].trigger_value, 1.0f, 0.0f);
    /* Key E (DESK_KEY_SECONDARY) is the hand's secondary button, and only
     * that: it neither clicks nor moves the head. */
    assert_false(f.hands[HAND_RIGHT].secondary);
    in.button_left = false;
    in.key_down[DESK_KEY_SECONDARY] = true;
    float y_before = f.views[0].pose.position[1];
    xr_frame_end(x, &f);
    xr_set_window_input(x, &in);
    xr_frame_begin(x, &f);
    assert_true(f.hands[HAND_RIGHT].secondary);
    assert_false(f.hands[HAND_RIGHT].primary);
    assert_float_equal(f.views[0].pose.position[1], y_before, 0.0f);
    xr_destroy(&x);
}

static void desktop_walks_in_look_direction_above_floor(void **state)
{
    (void)state;
    /* Fast enough to reach the floor clamp within a few real frames. */
    struct xr_desc d = {.backend = XR_BACKEND_DESKTOP, .move_speed = 100.0f};
    pose_identity(&d.start_head);
    d.start_head.position[1] = 0.5f;
    char why[256];
    struct xr *x = xr_create(&d, why, sizeof why);
    assert_non_null(x);
    struct desk_input in = {.width = 100, .height = 100};
    in.key_down[DESK_KEY_FORWARD] = true;
    in.key_down[DESK_KEY_DOWN] = true;
    struct xr_frame f;
    /* Real time passes on the desktop; walk for a few frames. */
    for (int i = 0; i < 3; i++) {
        xr_set_window_input(x, &in);
        xr_frame_begin(x, &f);
        xr_frame_end(x, &f);
        struct timespec ts = {0, 5000000};
        nanosleep(&ts, NULL);
    }
    xr_set_window_input(x, &in);
    xr_frame_begin(x, &f);
    assert_true(f.time_us > 0);
    assert_true(f.views[0].pose.position[2] < 0.0f); /* walked towards -Z */
    assert_float_equal(f.views[0].pose.position[1], 0.3f, 1e-5f); /* floor clamp */
    xr_destroy(&x);
}

static void openxr_probe_explains_missing_runtime(void **state)
{
    (void)state;
    /* Point the loader at a runtime manifest that does not exist: the probe
     * must say so rather than crash or hang. */
    setenv("XR_RUNTIME_JSON", "/nonexistent/paja_runtime.json", 1);
    char why[512] = "";
    bool ok = xr_openxr_available(why, sizeof why);
    assert_false(ok);
    assert_true(strlen(why) > 10);
    assert_non_null(strstr(why, "OpenXR"));
}

/* The play-space origin places head, views and both hands in the world:
 * half a turn and two metres along X. */
static void origin_places_head_and_hands(void **state)
{
    (void)state;
    struct xr_desc d = {.backend = XR_BACKEND_HEADLESS};
    pose_identity(&d.start_head);
    d.start_head.position[1] = 1.6f;
    char why[256];
    struct xr *x = xr_create(&d, why, sizeof why);
    assert_non_null(x);
    struct pose o;
    pose_identity(&o);
    o.position[0] = 2.0f;
    glm_quatv(o.orientation, GLM_PIf, (vec3){0.0f, 1.0f, 0.0f});
    xr_set_origin(x, &o);
    struct xr_frame f;
    xr_frame_begin(x, &f);
    assert_float_equal(f.head.position[0], 2.0f, 1e-5f);
    assert_float_equal(f.head.position[1], 1.6f, 1e-5f);
    vec3 fwd;
    pose_forward(&f.views[0].pose, fwd);
    assert_float_equal(fwd[2], 1.0f, 1e-5f); /* turned around: looks down +Z */
    xr_frame_end(x, &f);
    /* set_head puts the head where asked, whatever the origin. */
    struct pose h;
    pose_identity(&h);
    glm_vec3_copy((vec3){-1.0f, 1.2f, 3.0f}, h.position);
    xr_set_head(x, &h);
    xr_frame_begin(x, &f);
    assert_float_equal(f.head.position[0], -1.0f, 1e-5f);
    assert_float_equal(f.head.position[2], 3.0f, 1e-5f);
    pose_forward(&f.head, fwd);
    assert_float_equal(fwd[2], -1.0f, 1e-5f);
    xr_frame_end(x, &f);
    xr_destroy(&x);
}

/* Asking to quit: the next frame says EXITING and renders nothing, and is
 * still ended like any other. */
static void exit_request_ends_the_session(void **state)
{
    (void)state;
    struct xr_desc d = {.backend = XR_BACKEND_HEADLESS};
    char why[256];
    struct xr *x = xr_create(&d, why, sizeof why);
    struct xr_frame f;
    xr_frame_begin(x, &f);
    assert_int_equal(f.state, XR_STATE_RUNNING);
    xr_frame_end(x, &f);
    xr_request_exit(x);
    xr_frame_begin(x, &f);
    assert_int_equal(f.state, XR_STATE_EXITING);
    assert_false(f.should_render);
    xr_frame_end(x, &f);
    assert_string_equal(xr_end_reason(x), "");
    xr_destroy(&x);
}

/* A left-handed trainee's mouse drives the left hand; the right rests. */
static void desktop_left_handed_mouse_is_the_left_hand(void **state)
{
    (void)state;
    struct xr_desc d = {.backend = XR_BACKEND_DESKTOP, .left_handed = true};
    char why[256];
    struct xr *x = xr_create(&d, why, sizeof why);
    struct desk_input in = {.width = 640, .height = 480, .cursor_x = 320, .cursor_y = 240, .button_left = true};
    xr_set_window_input(x, &in);
    struct xr_frame f;
    xr_frame_begin(x, &f);
    assert_true(f.hands[HAND_LEFT].active);
    assert_true(f.hands[HAND_LEFT].primary);
    assert_false(f.hands[HAND_RIGHT].active);
    xr_frame_end(x, &f);
    struct xr_info info;
    xr_get_info(x, &info);
    assert_true(info.has_screen);
    assert_false(info.external_images);
    assert_string_equal(info.input, "mouse");
    xr_destroy(&x);
}

/* The OpenXR backend without a runtime: no backend, one line saying why. */
static void openxr_without_runtime_says_why(void **state)
{
    (void)state;
    setenv("XR_RUNTIME_JSON", "/nonexistent/paja_runtime.json", 1);
    struct xr_desc d = {.backend = XR_BACKEND_OPENXR};
    char why[512] = "";
    struct xr *x = xr_create(&d, why, sizeof why);
    assert_null(x);
    assert_non_null(strstr(why, "OpenXR"));
    assert_null(strchr(why, '\n'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(headless_time_is_simulated_and_fixed),
        cmocka_unit_test(set_head_roundtrips_yaw_and_pitch),
        cmocka_unit_test(desktop_moves_and_looks),
        cmocka_unit_test(desktop_cursor_ray_goes_through_cursor),
        cmocka_unit_test(desktop_walks_in_look_direction_above_floor),
        cmocka_unit_test(openxr_probe_explains_missing_runtime),
        cmocka_unit_test(origin_places_head_and_hands),
        cmocka_unit_test(exit_request_ends_the_session),
        cmocka_unit_test(openxr_without_runtime_says_why),
        cmocka_unit_test(desktop_left_handed_mouse_is_the_left_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
