/* xrsim unit tests: actions and interaction profiles, the timeline, the live
 * control channel, eye image dumps. */
#include "xrsim_test.h"
#include "xrsim_control.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb_image.h>

void test_actions_profiles_and_states(void **state);
void test_timeline_interpolates_head_and_fires_exit(void **state);
void test_control_channel_drives_input_and_loss(void **state);
void test_control_pause_and_step(void **state);
void test_timeline_focus_recenter_and_controller_off(void **state);
void test_dump_encodes_linear_images(void **state);

static XrPath path(XrInstance inst, const char *s)
{
    XrPath p = XR_NULL_PATH;
    assert_int_equal(xt.xrStringToPath(inst, s, &p), XR_SUCCESS);
    return p;
}

static XrAction make_action(XrActionSet set, const char *name, XrActionType type, uint32_t nsub, const XrPath *sub)
{
    XrActionCreateInfo ci = {XR_TYPE_ACTION_CREATE_INFO};
    snprintf(ci.actionName, sizeof ci.actionName, "%s", name);
    snprintf(ci.localizedActionName, sizeof ci.localizedActionName, "%s", name);
    ci.actionType = type;
    ci.countSubactionPaths = nsub;
    ci.subactionPaths = sub;
    XrAction a = XR_NULL_HANDLE;
    assert_int_equal(xt.xrCreateAction(set, &ci, &a), XR_SUCCESS);
    return a;
}

static XrActionSet make_set(XrInstance inst)
{
    XrActionSetCreateInfo ci = {XR_TYPE_ACTION_SET_CREATE_INFO, NULL, "gameplay", "Gameplay", 0};
    XrActionSet set;
    assert_int_equal(xt.xrCreateActionSet(inst, &ci, &set), XR_SUCCESS);
    return set;
}

static XrResult suggest(XrInstance inst, const char *profile, const XrActionSuggestedBinding *b, uint32_t n)
{
    XrInteractionProfileSuggestedBinding sb = {XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING, NULL, path(inst, profile),
                                               n, b};
    return xt.xrSuggestInteractionProfileBindings(inst, &sb);
}

static XrResult sync(XrSession s, XrActionSet set)
{
    XrActiveActionSet active = {set, XR_NULL_PATH};
    XrActionsSyncInfo si = {XR_TYPE_ACTIONS_SYNC_INFO, NULL, 1, &active};
    return xt.xrSyncActions(s, &si);
}

static XrActionStateFloat get_float(XrSession s, XrAction a, XrPath sub)
{
    XrActionStateGetInfo gi = {XR_TYPE_ACTION_STATE_GET_INFO, NULL, a, sub};
    XrActionStateFloat st = {XR_TYPE_ACTION_STATE_FLOAT};
    assert_int_equal(xt.xrGetActionStateFloat(s, &gi, &st), XR_SUCCESS);
    return st;
}

static bool profile_event(XrInstance inst)
{
    int others = 0;
    XrSessionState st[16];
    xt_drain_states(inst, st, 16, &others);
    return others > 0;
}

static char *slurp(const char *file)
{
    static char buf[8192];
    FILE *f = fopen(file, "r");
    if (!f) return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

void test_actions_profiles_and_states(void **state)
{
    (void)state;
    char haptics[300];
    snprintf(haptics, sizeof haptics, "%s/haptics.log", xt_tmpdir());
    remove(haptics);
    setenv("XRSIM_HAPTICS_LOG", haptics, 1);
    setenv("XRSIM_CLOCK", "virtual", 1);
    const char *ext[] = {"XR_MND_headless", "XR_EXT_conformance_automation"};
    XrInstance inst = xt_instance(ext, 2);
    unsetenv("XRSIM_HAPTICS_LOG");
    XrPath hands[2] = {path(inst, "/user/hand/left"), path(inst, "/user/hand/right")};
    XrActionSet set = make_set(inst);
    XrActionCreateInfo bad = {XR_TYPE_ACTION_CREATE_INFO, NULL, "bad", XR_ACTION_TYPE_FLOAT_INPUT, 1, NULL, "Bad"};
    XrPath middle = path(inst, "/user/hand/middle");
    bad.subactionPaths = &middle;
    XrAction a;
    assert_int_equal(xt.xrCreateAction(set, &bad, &a), XR_ERROR_PATH_UNSUPPORTED);
    XrAction grab = make_action(set, "grab", XR_ACTION_TYPE_FLOAT_INPUT, 2, hands);
    XrAction quit = make_action(set, "quit", XR_ACTION_TYPE_BOOLEAN_INPUT, 0, NULL);
    XrAction move = make_action(set, "move", XR_ACTION_TYPE_VECTOR2F_INPUT, 0, NULL);
    XrAction pose = make_action(set, "pose", XR_ACTION_TYPE_POSE_INPUT, 2, hands);
    XrAction vibrate = make_action(set, "vibrate", XR_ACTION_TYPE_VIBRATION_OUTPUT, 2, hands);

    XrActionSuggestedBinding touch[] = {
        {grab, path(inst, "/user/hand/left/input/squeeze/value")},
        {grab, path(inst, "/user/hand/right/input/squeeze/value")},
        {quit, path(inst, "/user/hand/left/input/menu/click")},
        {move, path(inst, "/user/hand/right/input/thumbstick")},
        {pose, path(inst, "/user/hand/left/input/grip/pose")},
        {pose, path(inst, "/user/hand/right/input/grip/pose")},
        {vibrate, path(inst, "/user/hand/right/output/haptic")},
    };
    assert_int_equal(suggest(inst, "/interaction_profiles/foo/bar", touch, 1), XR_ERROR_PATH_UNSUPPORTED);
    XrActionSuggestedBinding wrong[] = {{quit, path(inst, "/user/hand/right/input/x/click")}}; /* x is left only */
    assert_int_equal(suggest(inst, "/interaction_profiles/oculus/touch_controller", wrong, 1),
                     XR_ERROR_PATH_UNSUPPORTED);
    assert_int_equal(suggest(inst, "/interaction_profiles/oculus/touch_controller", touch, 7), XR_SUCCESS);
    XrActionSuggestedBinding simple[] = {{quit, path(inst, "/user/hand/left/input/menu/click")},
                                         {grab, path(inst, "/user/hand/left/input/select/click")}};
    assert_int_equal(suggest(inst, "/interaction_profiles/khr/simple_controller", simple, 2), XR_SUCCESS);

    XrSession s = xt_headless_session(inst);
    XrInteractionProfileState ps = {XR_TYPE_INTERACTION_PROFILE_STATE};
    assert_int_equal(xt.xrGetCurrentInteractionProfile(s, hands[0], &ps), XR_ERROR_ACTIONSET_NOT_ATTACHED);
    XrSessionActionSetsAttachInfo ai = {XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO, NULL, 1, &set};
    assert_int_equal(xt.xrAttachSessionActionSets(s, &ai), XR_SUCCESS);
    assert_int_equal(xt.xrAttachSessionActionSets(s, &ai), XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
    assert_true(profile_event(inst));
    assert_int_equal(xt.xrGetCurrentInteractionProfile(s, hands[1], &ps), XR_SUCCESS);
    assert_int_equal(ps.interactionProfile, path(inst, "/interaction_profiles/oculus/touch_controller"));
    assert_int_equal(suggest(inst, "/interaction_profiles/khr/simple_controller", simple, 2),
                     XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);
    XrActionCreateInfo late = {XR_TYPE_ACTION_CREATE_INFO, NULL, "late", XR_ACTION_TYPE_FLOAT_INPUT, 0, NULL, "Late"};
    assert_int_equal(xt.xrCreateAction(set, &late, &a), XR_ERROR_ACTIONSETS_ALREADY_ATTACHED);

    /* not focused yet: sync says so and every action is inactive */
    assert_int_equal(sync(s, set), XR_SESSION_NOT_FOCUSED);
    assert_false(get_float(s, grab, XR_NULL_PATH).isActive);
    xt_run_to_focused(inst, s);
    assert_int_equal(sync(s, set), XR_SUCCESS);
    assert_true(get_float(s, grab, hands[0]).isActive);
    assert_float_equal(get_float(s, grab, hands[0]).currentState, 0.0f, 0);

    assert_int_equal(
        xt.xrSetInputDeviceStateFloatEXT(s, hands[0], path(inst, "/user/hand/left/input/squeeze/value"), 0.8f),
        XR_SUCCESS);
    assert_int_equal(
        xt.xrSetInputDeviceStateFloatEXT(s, hands[0], path(inst, "/user/hand/left/input/menu/click"), 1.0f),
        XR_SUCCESS);
    assert_int_equal(
        xt.xrSetInputDeviceStateFloatEXT(s, hands[1], path(inst, "/user/hand/right/input/thumbstick/x"), 0.5f),
        XR_SUCCESS);
    assert_int_equal(sync(s, set), XR_SUCCESS);
    XrActionStateFloat f = get_float(s, grab, hands[0]);
    assert_float_equal(f.currentState, 0.8f, 1e-6);
    assert_true(f.changedSinceLastSync);
    assert_float_equal(get_float(s, grab, hands[1]).currentState, 0.0f, 0);
    assert_float_equal(get_float(s, grab, XR_NULL_PATH).currentState, 0.8f, 1e-6);
    XrActionStateGetInfo gi = {XR_TYPE_ACTION_STATE_GET_INFO, NULL, quit, XR_NULL_PATH};
    XrActionStateBoolean b = {XR_TYPE_ACTION_STATE_BOOLEAN};
    assert_int_equal(xt.xrGetActionStateBoolean(s, &gi, &b), XR_SUCCESS);
    assert_true(b.currentState && b.isActive && b.changedSinceLastSync);
    gi.subactionPath = hands[0];
    assert_int_equal(xt.xrGetActionStateBoolean(s, &gi, &b), XR_ERROR_PATH_UNSUPPORTED); /* not declared */
    gi.action = grab;
    gi.subactionPath = XR_NULL_PATH;
    assert_int_equal(xt.xrGetActionStateBoolean(s, &gi, &b), XR_ERROR_ACTION_TYPE_MISMATCH);
    gi.action = move;
    XrActionStateVector2f v = {XR_TYPE_ACTION_STATE_VECTOR2F};
    assert_int_equal(xt.xrGetActionStateVector2f(s, &gi, &v), XR_SUCCESS);
    assert_float_equal(v.currentState.x, 0.5f, 1e-6);
    assert_float_equal(v.currentState.y, 0.0f, 0);
    /* unchanged input: not changed since the last sync */
    assert_int_equal(sync(s, set), XR_SUCCESS);
    assert_false(get_float(s, grab, hands[0]).changedSinceLastSync);

    /* the left controller's grip pose, in the room */
    XrActionSpaceCreateInfo asi = {XR_TYPE_ACTION_SPACE_CREATE_INFO, NULL, pose, hands[0], {{0, 0, 0, 1}, {0, 0, 0}}};
    XrSpace hand_space, stage;
    asi.action = grab;
    assert_int_equal(xt.xrCreateActionSpace(s, &asi, &hand_space), XR_ERROR_ACTION_TYPE_MISMATCH);
    asi.action = pose;
    assert_int_equal(xt.xrCreateActionSpace(s, &asi, &hand_space), XR_SUCCESS);
    XrReferenceSpaceCreateInfo rs = {
        XR_TYPE_REFERENCE_SPACE_CREATE_INFO, NULL, XR_REFERENCE_SPACE_TYPE_STAGE, {{0, 0, 0, 1}, {0, 0, 0}}};
    assert_int_equal(xt.xrCreateReferenceSpace(s, &rs, &stage), XR_SUCCESS);
    XrSpaceLocation loc = {XR_TYPE_SPACE_LOCATION};
    assert_int_equal(xt.xrLocateSpace(hand_space, stage, 1, &loc), XR_SUCCESS);
    assert_true(loc.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT);
    assert_float_equal(loc.pose.position.x, -0.2f, 1e-5);
    assert_float_equal(loc.pose.position.y, 1.3f, 1e-5);

    /* a haptic pulse is logged */
    XrHapticActionInfo hi = {XR_TYPE_HAPTIC_ACTION_INFO, NULL, vibrate, hands[1]};
    XrHapticVibration vib = {XR_TYPE_HAPTIC_VIBRATION, NULL, 100000000, XR_FREQUENCY_UNSPECIFIED, 0.5f};
    assert_int_equal(xt.xrApplyHapticFeedback(s, &hi, (const XrHapticBaseHeader *)&vib), XR_SUCCESS);
    const char *log = slurp(haptics);
    assert_non_null(log);
    assert_non_null(strstr(log, "right vibrate duration_ns=100000000 frequency=0 amplitude=0.5"));
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
}

void test_timeline_interpolates_head_and_fires_exit(void **state)
{
    (void)state;
    char file[300];
    snprintf(file, sizeof file, "%s/timeline.txt", xt_tmpdir());
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("# head walks 1 m forward in 1 s; exit at 0.5 s\n0 head 0 1.6 0\n1.0 head 0 1.6 -1\n0.5 exit\n", f);
    fclose(f);
    setenv("XRSIM_SCRIPT", file, 1);
    setenv("XRSIM_CLOCK", "virtual", 1);
    XrInstance inst = xt_instance((const char *const[]){"XR_MND_headless"}, 1);
    unsetenv("XRSIM_SCRIPT");
    XrSession s = xt_headless_session(inst);
    XrSpace stage, view;
    XrReferenceSpaceCreateInfo rs = {
        XR_TYPE_REFERENCE_SPACE_CREATE_INFO, NULL, XR_REFERENCE_SPACE_TYPE_STAGE, {{0, 0, 0, 1}, {0, 0, 0}}};
    assert_int_equal(xt.xrCreateReferenceSpace(s, &rs, &stage), XR_SUCCESS);
    rs.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
    assert_int_equal(xt.xrCreateReferenceSpace(s, &rs, &view), XR_SUCCESS);
    XrSessionBeginInfo bi = {XR_TYPE_SESSION_BEGIN_INFO, NULL, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
    assert_int_equal(xt.xrBeginSession(s, &bi), XR_SUCCESS);
    XrSessionState st[16];
    xt_drain_states(inst, st, 16, NULL);
    int stopping_at = -1;
    for (int frame = 1; frame <= 60 && stopping_at < 0; frame++) {
        XrTime t;
        assert_int_equal(xt_frame(s, &t), XR_SUCCESS);
        /* frame n is shown at n / 90 s: the head is at z = -n / 90 */
        XrSpaceLocation loc = {XR_TYPE_SPACE_LOCATION};
        assert_int_equal(xt.xrLocateSpace(view, stage, t, &loc), XR_SUCCESS);
        assert_float_equal(loc.pose.position.z, -frame / 90.0f, 1e-4);
        int n = xt_drain_states(inst, st, 16, NULL);
        if (n > 0 && st[n - 1] == XR_SESSION_STATE_STOPPING) stopping_at = frame;
    }
    assert_int_equal(stopping_at, 45); /* 45 / 90 = 0.5 s */
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
}

/* Focus loss and return, a recentre and a controller switched off, from the
 * timeline: the session drops to VISIBLE (sync says not focused) and comes
 * back, the LOCAL space change is announced, the left hand's actions go
 * inactive and its profile becomes none, with a profile-changed event. */
void test_timeline_focus_recenter_and_controller_off(void **state)
{
    (void)state;
    char file[300];
    snprintf(file, sizeof file, "%s/device.txt", xt_tmpdir());
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("0.1 focus 0\n0.2 focus 1\n0.3 recenter\n0.4 active left 0\n", f);
    fclose(f);
    setenv("XRSIM_SCRIPT", file, 1);
    setenv("XRSIM_CLOCK", "virtual", 1);
    XrInstance inst = xt_instance((const char *const[]){"XR_MND_headless"}, 1);
    unsetenv("XRSIM_SCRIPT");
    XrPath hands[2] = {path(inst, "/user/hand/left"), path(inst, "/user/hand/right")};
    XrActionSet set = make_set(inst);
    XrAction trigger = make_action(set, "trigger", XR_ACTION_TYPE_FLOAT_INPUT, 2, hands);
    XrActionSuggestedBinding b[] = {{trigger, path(inst, "/user/hand/left/input/trigger/value")},
                                    {trigger, path(inst, "/user/hand/right/input/trigger/value")}};
    assert_int_equal(suggest(inst, "/interaction_profiles/oculus/touch_controller", b, 2), XR_SUCCESS);
    XrSession s = xt_headless_session(inst);
    XrSessionActionSetsAttachInfo ai = {XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO, NULL, 1, &set};
    assert_int_equal(xt.xrAttachSessionActionSets(s, &ai), XR_SUCCESS);
    xt_run_to_focused(inst, s); /* frames 1-3 */
    bool visible_again = false, focused_again = false, recentred = false, profile_changed = false;
    bool unfocused_sync = false;
    for (int frame = 4; frame <= 45; frame++) {
        assert_int_equal(xt_frame(s, NULL), XR_SUCCESS);
        XrEventDataBuffer ev = {XR_TYPE_EVENT_DATA_BUFFER};
        while (xt.xrPollEvent(inst, &ev) == XR_SUCCESS) {
            if (ev.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
                XrSessionState st = ((XrEventDataSessionStateChanged *)&ev)->state;
                if (st == XR_SESSION_STATE_VISIBLE) visible_again = true;
                if (st == XR_SESSION_STATE_FOCUSED && visible_again) focused_again = true;
            }
            if (ev.type == XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING) {
                recentred = true;
                assert_int_equal(((XrEventDataReferenceSpaceChangePending *)&ev)->referenceSpaceType,
                                 XR_REFERENCE_SPACE_TYPE_LOCAL);
            }
            if (ev.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED) profile_changed = true;
            ev.type = XR_TYPE_EVENT_DATA_BUFFER;
        }
        XrResult r = sync(s, set);
        if (r == XR_SESSION_NOT_FOCUSED) {
            unfocused_sync = true;
            assert_false(get_float(s, trigger, hands[1]).isActive);
        }
    }
    assert_true(visible_again);
    assert_true(focused_again);
    assert_true(unfocused_sync);
    assert_true(recentred);
    assert_true(profile_changed);
    assert_int_equal(sync(s, set), XR_SUCCESS);
    assert_false(get_float(s, trigger, hands[0]).isActive);
    assert_true(get_float(s, trigger, hands[1]).isActive);
    XrInteractionProfileState ps = {XR_TYPE_INTERACTION_PROFILE_STATE};
    assert_int_equal(xt.xrGetCurrentInteractionProfile(s, hands[0], &ps), XR_SUCCESS);
    assert_int_equal(ps.interactionProfile, XR_NULL_PATH);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
}

struct player {
    char sock[300];
    int replies_ok, replies_error;
    char frame_reply[256];
    char get_reply[3][256];
    int gets;
    volatile int done;
};

static void *player_main(void *arg)
{
    struct player *p = arg;
    int fd = xrsim_connect(p->sock, 5000);
    if (fd >= 0) {
        const char *cmds[] = {"button right trigger 0.75",
                              "profile valve/index_controller",
                              "bogus 1",
                              "profile acme/stick",
                              "dump",
                              "frame",
                              "aim right -0.8 1.3 -0.35",
                              "get hand right aim",
                              "look 0 2.6 -1",
                              "get head",
                              "get haptics",
                              "wait 2",
                              "lose"};
        for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
            char reply[256];
            int r = xrsim_command(fd, reply, sizeof reply, 5000, "%s", cmds[i]);
            if (r == 0)
                p->replies_ok++;
            else if (r == 1)
                p->replies_error++;
            if (!strcmp(cmds[i], "frame")) snprintf(p->frame_reply, sizeof p->frame_reply, "%s", reply);
            if (!strncmp(cmds[i], "get ", 4)) snprintf(p->get_reply[p->gets++], sizeof p->get_reply[0], "%s", reply);
        }
        xrsim_disconnect(fd);
    }
    __atomic_store_n(&p->done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

void test_control_channel_drives_input_and_loss(void **state)
{
    (void)state;
    struct player p = {0};
    snprintf(p.sock, sizeof p.sock, "%s/control.sock", xt_tmpdir());
    setenv("XRSIM_CONTROL", p.sock, 1);
    setenv("XRSIM_CLOCK", "virtual", 1);
    XrInstance inst = xt_instance((const char *const[]){"XR_MND_headless"}, 1);
    unsetenv("XRSIM_CONTROL");
    XrPath right = path(inst, "/user/hand/right");
    XrActionSet set = make_set(inst);
    XrAction trigger = make_action(set, "trigger", XR_ACTION_TYPE_FLOAT_INPUT, 1, &right);
    XrActionSuggestedBinding touch[] = {{trigger, path(inst, "/user/hand/right/input/trigger/value")}};
    XrActionSuggestedBinding index[] = {{trigger, path(inst, "/user/hand/right/input/trigger/value")}};
    assert_int_equal(suggest(inst, "/interaction_profiles/oculus/touch_controller", touch, 1), XR_SUCCESS);
    assert_int_equal(suggest(inst, "/interaction_profiles/valve/index_controller", index, 1), XR_SUCCESS);
    XrSession s = xt_headless_session(inst);
    XrSessionActionSetsAttachInfo ai = {XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO, NULL, 1, &set};
    assert_int_equal(xt.xrAttachSessionActionSets(s, &ai), XR_SUCCESS);
    xt_run_to_focused(inst, s);
    profile_event(inst);

    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, player_main, &p), 0);
    bool lost = false, profile_changed = false;
    XrResult last = XR_SUCCESS;
    for (int i = 0; i < 2000000 && !__atomic_load_n(&p.done, __ATOMIC_SEQ_CST); i++) {
        last = xt_frame(s, NULL);
        assert_true(XR_SUCCEEDED(last));
        XrEventDataBuffer ev = {XR_TYPE_EVENT_DATA_BUFFER};
        while (xt.xrPollEvent(inst, &ev) == XR_SUCCESS) {
            if (ev.type == XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED) profile_changed = true;
            if (ev.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED &&
                ((XrEventDataSessionStateChanged *)&ev)->state == XR_SESSION_STATE_LOSS_PENDING)
                lost = true;
            ev.type = XR_TYPE_EVENT_DATA_BUFFER;
        }
        if (!lost) {
            assert_int_equal(sync(s, set), XR_SUCCESS);
        }
    }
    pthread_join(th, NULL);
    /* one more frame runs the last command ("lose") if the loop ended first */
    last = xt_frame(s, NULL);
    XrEventDataBuffer ev = {XR_TYPE_EVENT_DATA_BUFFER};
    while (xt.xrPollEvent(inst, &ev) == XR_SUCCESS) {
        if (ev.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED &&
            ((XrEventDataSessionStateChanged *)&ev)->state == XR_SESSION_STATE_LOSS_PENDING)
            lost = true;
        ev.type = XR_TYPE_EVENT_DATA_BUFFER;
    }
    assert_int_equal(p.replies_ok, 10);
    assert_int_equal(p.replies_error, 3); /* bogus, acme/stick, dump without XRSIM_DUMP_DIR */
    assert_non_null(
        strstr(p.frame_reply, "state XR_SESSION_STATE_FOCUSED profile /interaction_profiles/valve/index_controller"));
    /* aimed at a point 1 m to its left: a quarter turn about +Y */
    assert_string_equal(p.get_reply[0], "ok hand right aim 0.2000 1.3000 -0.3500 0.00000 0.70711 0.00000 0.70711");
    /* looking 45 degrees up: pitch about +X */
    assert_string_equal(p.get_reply[1], "ok head 0.0000 1.6000 0.0000 0.38268 0.00000 0.00000 0.92388");
    assert_string_equal(p.get_reply[2], "ok haptics 0");
    assert_true(profile_changed);
    assert_true(lost);
    assert_int_equal(last, XR_SESSION_LOSS_PENDING);
    XrInteractionProfileState ps = {XR_TYPE_INTERACTION_PROFILE_STATE};
    assert_int_equal(xt.xrGetCurrentInteractionProfile(s, right, &ps), XR_SUCCESS);
    assert_int_equal(ps.interactionProfile, path(inst, "/interaction_profiles/valve/index_controller"));
    assert_float_equal(get_float(s, trigger, right).currentState, 0.75f, 1e-6);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
    assert_int_not_equal(access(p.sock, F_OK), 0); /* the socket is removed */
}

/* Lock-step: while paused no frame ends; "step 2" lets exactly two through
 * and replies after them; "resume" lets the headset run again. */
struct stepper {
    char sock[300];
    char replies[5][256];
    int ok;
    volatile int done;
};

static void *stepper_main(void *arg)
{
    struct stepper *p = arg;
    int fd = xrsim_connect(p->sock, 5000);
    const char *cmds[] = {"pause", "frame", "frame", "step 2", "resume"};
    for (size_t i = 0; fd >= 0 && i < 5; i++)
        p->ok += xrsim_command(fd, p->replies[i], sizeof p->replies[i], 5000, "%s", cmds[i]) == 0;
    xrsim_disconnect(fd);
    __atomic_store_n(&p->done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

void test_control_pause_and_step(void **state)
{
    (void)state;
    struct stepper p = {0};
    snprintf(p.sock, sizeof p.sock, "%s/step.sock", xt_tmpdir());
    setenv("XRSIM_CONTROL", p.sock, 1);
    setenv("XRSIM_CLOCK", "virtual", 1);
    XrInstance inst = xt_instance((const char *const[]){"XR_MND_headless"}, 1);
    unsetenv("XRSIM_CONTROL");
    XrSession s = xt_headless_session(inst);
    xt_run_to_focused(inst, s);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, stepper_main, &p), 0);
    while (!__atomic_load_n(&p.done, __ATOMIC_SEQ_CST))
        assert_int_equal(xt_frame(s, NULL), XR_SUCCESS);
    pthread_join(th, NULL);
    assert_int_equal(p.ok, 5);
    unsigned long paused_at, f1, f2, stepped;
    assert_int_equal(sscanf(p.replies[0], "ok paused at frame %lu", &paused_at), 1);
    assert_int_equal(sscanf(p.replies[1], "ok frame %lu", &f1), 1);
    assert_int_equal(sscanf(p.replies[2], "ok frame %lu", &f2), 1);
    assert_int_equal(sscanf(p.replies[3], "ok frame %lu", &stepped), 1);
    assert_int_equal(f1, paused_at); /* held: no frame ends while paused */
    assert_int_equal(f2, paused_at);
    assert_int_equal(stepped, paused_at + 2);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
}

/* ---- dumps: linear images are encoded to sRGB, sRGB ones kept ---- */

typedef void (*gen_fb_fn)(GLsizei, GLuint *);
typedef void (*bind_fb_fn)(GLenum, GLuint);
typedef void (*fb_tex_fn)(GLenum, GLenum, GLenum, GLuint, GLint);

static void clear_image(GLuint tex, float left_grey)
{
    static gen_fb_fn gen;
    static bind_fb_fn bind;
    static fb_tex_fn attach;
    if (!gen) {
        gen = (gen_fb_fn)glXGetProcAddressARB((const GLubyte *)"glGenFramebuffers");
        bind = (bind_fb_fn)glXGetProcAddressARB((const GLubyte *)"glBindFramebuffer");
        attach = (fb_tex_fn)glXGetProcAddressARB((const GLubyte *)"glFramebufferTexture2D");
    }
    GLuint fb;
    gen(1, &fb);
    bind(0x8D40 /* GL_FRAMEBUFFER */, fb);
    attach(0x8D40, 0x8CE0 /* GL_COLOR_ATTACHMENT0 */, GL_TEXTURE_2D, tex, 0);
    glEnable(GL_SCISSOR_TEST);
    glScissor(0, 0, 4, 4);
    glClearColor(left_grey, left_grey, left_grey, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glScissor(4, 0, 4, 4);
    glClearColor(1, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST);
    bind(0x8D40, 0);
    glFinish();
}

static void submit_with(XrSession s, XrSwapchain sc, XrSpace space, const XrCompositionLayerQuad *quad)
{
    XrFrameState fs = {XR_TYPE_FRAME_STATE};
    assert_int_equal(xt.xrWaitFrame(s, NULL, &fs), XR_SUCCESS);
    assert_int_equal(xt.xrBeginFrame(s, NULL), XR_SUCCESS);
    XrCompositionLayerProjectionView views[2] = {{XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW},
                                                 {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW}};
    for (int e = 0; e < 2; e++) {
        views[e].pose.orientation.w = 1;
        views[e].subImage.swapchain = sc;
        /* with a quad both eyes get the grey left half, else left grey, right red */
        views[e].subImage.imageRect = (XrRect2Di){{quad ? 0 : e * 4, 0}, {4, 4}};
    }
    XrCompositionLayerProjection proj = {XR_TYPE_COMPOSITION_LAYER_PROJECTION, NULL, 0, space, 2, views};
    const XrCompositionLayerBaseHeader *layers[] = {(const XrCompositionLayerBaseHeader *)&proj,
                                                    (const XrCompositionLayerBaseHeader *)quad};
    XrFrameEndInfo ei = {XR_TYPE_FRAME_END_INFO,           NULL,         fs.predictedDisplayTime,
                         XR_ENVIRONMENT_BLEND_MODE_OPAQUE, quad ? 2 : 1, layers};
    assert_int_equal(xt.xrEndFrame(s, &ei), XR_SUCCESS);
}

static void submit(XrSession s, XrSwapchain sc, XrSpace space)
{
    submit_with(s, sc, space, NULL);
}

static XrSwapchain draw_swapchain(XrSession s, int64_t format, float grey)
{
    XrSwapchainCreateInfo sci = {
        XR_TYPE_SWAPCHAIN_CREATE_INFO, NULL, 0, XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT, format, 1, 8, 4, 1, 1, 1};
    XrSwapchain sc;
    assert_int_equal(xt.xrCreateSwapchain(s, &sci, &sc), XR_SUCCESS);
    XrSwapchainImageOpenGLKHR img[3] = {{XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR},
                                        {XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR},
                                        {XR_TYPE_SWAPCHAIN_IMAGE_OPENGL_KHR}};
    uint32_t n, idx;
    assert_int_equal(xt.xrEnumerateSwapchainImages(sc, 3, &n, (XrSwapchainImageBaseHeader *)img), XR_SUCCESS);
    assert_int_equal(xt.xrAcquireSwapchainImage(sc, NULL, &idx), XR_SUCCESS);
    XrSwapchainImageWaitInfo wi = {XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO, NULL, XR_INFINITE_DURATION};
    assert_int_equal(xt.xrWaitSwapchainImage(sc, &wi), XR_SUCCESS);
    clear_image(img[idx].image, grey);
    assert_int_equal(xt.xrReleaseSwapchainImage(sc, NULL), XR_SUCCESS);
    return sc;
}

void test_dump_encodes_linear_images(void **state)
{
    (void)state;
    XrGraphicsBindingOpenGLXlibKHR b;
    if (!xt_gl_open(&b)) skip();
    char dir[300];
    snprintf(dir, sizeof dir, "%s/eyes", xt_tmpdir());
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
    assert_int_equal(system(cmd), 0);
    setenv("XRSIM_DUMP_DIR", dir, 1);
    /* frames 1 and 3 by number, frame 2 (shown at 2/90 s) by time */
    setenv("XRSIM_DUMP_FRAMES", "1,3", 1);
    setenv("XRSIM_DUMP_TIMES", "0.02", 1);
    setenv("XRSIM_CLOCK", "virtual", 1);
    XrInstance inst = xt_instance((const char *const[]){"XR_KHR_opengl_enable"}, 1);
    unsetenv("XRSIM_DUMP_DIR");
    unsetenv("XRSIM_DUMP_FRAMES");
    unsetenv("XRSIM_DUMP_TIMES");
    XrGraphicsRequirementsOpenGLKHR req = {XR_TYPE_GRAPHICS_REQUIREMENTS_OPENGL_KHR};
    XrSystemId sys = xt_system(inst);
    assert_int_equal(xt.xrGetOpenGLGraphicsRequirementsKHR(inst, sys, &req), XR_SUCCESS);
    XrSessionCreateInfo ci = {XR_TYPE_SESSION_CREATE_INFO, &b, 0, sys};
    XrSession s;
    assert_int_equal(xt.xrCreateSession(inst, &ci, &s), XR_SUCCESS);
    XrSessionBeginInfo bi = {XR_TYPE_SESSION_BEGIN_INFO, NULL, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
    assert_int_equal(xt.xrBeginSession(s, &bi), XR_SUCCESS);
    XrSpace local;
    XrReferenceSpaceCreateInfo rs = {
        XR_TYPE_REFERENCE_SPACE_CREATE_INFO, NULL, XR_REFERENCE_SPACE_TYPE_LOCAL, {{0, 0, 0, 1}, {0, 0, 0}}};
    assert_int_equal(xt.xrCreateReferenceSpace(s, &rs, &local), XR_SUCCESS);
    submit(s, draw_swapchain(s, 0x8058 /* GL_RGBA8 */, 0.5f), local);
    submit(s, draw_swapchain(s, 0x8C43 /* GL_SRGB8_ALPHA8 */, 0.5f), local);
    /* frame 3: a 1 m red quad 1 m in front of the head over a grey projection */
    XrSwapchain quad_sc = draw_swapchain(s, 0x8058, 0.25f);
    XrSpace view;
    rs.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_VIEW;
    assert_int_equal(xt.xrCreateReferenceSpace(s, &rs, &view), XR_SUCCESS);
    XrCompositionLayerQuad quad = {
        XR_TYPE_COMPOSITION_LAYER_QUAD, NULL,  0, view, XR_EYE_VISIBILITY_BOTH, {quad_sc, {{4, 0}, {4, 4}}, 0},
        {{0, 0, 0, 1}, {0, 0, -1}},     {1, 1}};
    submit_with(s, quad_sc, local, &quad);
    assert_int_equal(xt.xrDestroyInstance(inst), XR_SUCCESS);
    xt_gl_close();

    for (int frame = 1; frame <= 2; frame++) {
        char file[400];
        snprintf(file, sizeof file, "%s/frame-%06d.png", dir, frame);
        int w, h, n;
        unsigned char *px = stbi_load(file, &w, &h, &n, 3);
        assert_non_null(px);
        assert_int_equal(w, 8);
        assert_int_equal(h, 4);
        /* linear 0.5 (stored 128/255) shows as sRGB 188; an sRGB image's 128 stays 128 */
        int want = frame == 1 ? 188 : 128;
        assert_in_range(px[0], want - 1, want + 1);
        assert_int_equal(px[4 * 3 + 0], 255); /* right eye red */
        assert_int_equal(px[4 * 3 + 1], 0);
        stbi_image_free(px);
    }
    /* frame 3: each 4x4 eye sees the quad in its middle pixels, the grey
     * projection (linear 64/255, sRGB 137) in its corners */
    char file[400];
    snprintf(file, sizeof file, "%s/frame-000003.png", dir);
    int w, h, n;
    unsigned char *px = stbi_load(file, &w, &h, &n, 3);
    assert_non_null(px);
    assert_int_equal(w, 8);
    for (int eye = 0; eye < 2; eye++) {
        const unsigned char *corner = px + (size_t)(eye * 4) * 3;
        const unsigned char *mid1 = px + (size_t)(1 * 8 + eye * 4 + 1) * 3,
                            *mid2 = px + (size_t)(2 * 8 + eye * 4 + 2) * 3;
        assert_in_range(corner[0], 136, 138);
        assert_int_equal(mid1[0], 255);
        assert_int_equal(mid1[1], 0);
        assert_int_equal(mid2[0], 255);
        assert_int_equal(mid2[2], 0);
    }
    stbi_image_free(px);
}
