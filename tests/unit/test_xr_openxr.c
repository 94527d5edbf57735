/* test_xr_openxr.c — the OpenXR backend's own decisions, without a runtime:
 * which swapchain format it takes from a runtime's list (sRGB first, never
 * one the runtime did not offer) and how the runtime's session states fold
 * into what the app acts on (xr.h enum xr_session_state). The backend with
 * a runtime is tested end to end on xrsim (tests/e2e/xr_*.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "xr_openxr.h"

#include <string.h>

static const int64_t colour_want[] = {OXR_GL_SRGB8_ALPHA8, OXR_GL_RGBA8};

static void srgb_is_preferred_whatever_the_runtime_lists_first(void **state)
{
    (void)state;
    /* hello_xr's favourite first, as some runtimes list it. */
    const int64_t have[] = {OXR_GL_RGBA8, 0x8059, OXR_GL_SRGB8_ALPHA8, OXR_GL_DEPTH_COMPONENT24};
    assert_int_equal(oxr_pick_format(have, 4, colour_want, 2), OXR_GL_SRGB8_ALPHA8);
}

static void rgba8_when_the_runtime_has_no_srgb(void **state)
{
    (void)state;
    const int64_t have[] = {0x881A, OXR_GL_RGBA8};
    assert_int_equal(oxr_pick_format(have, 2, colour_want, 2), OXR_GL_RGBA8);
}

static void nothing_when_the_runtime_offers_none_of_ours(void **state)
{
    (void)state;
    /* SteamVR on Linux lists only GL_SRGB8 (no alpha): not ours. */
    const int64_t have[] = {0x8C41};
    assert_int_equal(oxr_pick_format(have, 1, colour_want, 2), 0);
    assert_int_equal(oxr_pick_format(have, 0, colour_want, 2), 0);
}

static enum xr_session_state state_of(XrSessionState s, bool was_running, bool running, bool exit_requested,
                                      bool lost)
{
    struct oxr o;
    memset(&o, 0, sizeof o);
    o.state = s;
    o.was_running = was_running;
    o.running = running;
    o.exit_requested = exit_requested;
    o.lost = lost;
    return oxr_app_state(&o);
}

static void session_states_fold_into_the_apps(void **state)
{
    (void)state;
    /* Before the session runs: starting. */
    assert_int_equal(state_of(XR_SESSION_STATE_UNKNOWN, false, false, false, false), XR_STATE_STARTING);
    assert_int_equal(state_of(XR_SESSION_STATE_IDLE, false, false, false, false), XR_STATE_STARTING);
    assert_int_equal(state_of(XR_SESSION_STATE_READY, false, false, false, false), XR_STATE_STARTING);
    assert_int_equal(state_of(XR_SESSION_STATE_SYNCHRONIZED, true, true, false, false), XR_STATE_STARTING);
    /* Shown: running. */
    assert_int_equal(state_of(XR_SESSION_STATE_VISIBLE, true, true, false, false), XR_STATE_RUNNING);
    assert_int_equal(state_of(XR_SESSION_STATE_FOCUSED, true, true, false, false), XR_STATE_RUNNING);
    /* The runtime stops it; IDLE after having run is still stopping. */
    assert_int_equal(state_of(XR_SESSION_STATE_STOPPING, true, true, false, false), XR_STATE_STOPPING);
    assert_int_equal(state_of(XR_SESSION_STATE_IDLE, true, false, false, false), XR_STATE_STOPPING);
    assert_int_equal(state_of(XR_SESSION_STATE_EXITING, true, false, false, false), XR_STATE_EXITING);
    /* paja asked to leave: once nothing runs it is over, even before the
     * session ever ran (no xrRequestExitSession is possible then). */
    assert_int_equal(state_of(XR_SESSION_STATE_IDLE, false, false, true, false), XR_STATE_EXITING);
    assert_int_equal(state_of(XR_SESSION_STATE_FOCUSED, true, true, true, false), XR_STATE_RUNNING);
    /* A lost headset wins over everything. */
    assert_int_equal(state_of(XR_SESSION_STATE_LOSS_PENDING, true, true, false, false), XR_STATE_LOST);
    assert_int_equal(state_of(XR_SESSION_STATE_FOCUSED, true, true, false, true), XR_STATE_LOST);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(srgb_is_preferred_whatever_the_runtime_lists_first),
        cmocka_unit_test(rgba8_when_the_runtime_has_no_srgb),
        cmocka_unit_test(nothing_when_the_runtime_offers_none_of_ours),
        cmocka_unit_test(session_states_fold_into_the_apps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
