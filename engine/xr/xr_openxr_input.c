/* xr_openxr_input.c — the controllers: one action set, suggested bindings
 * for the five common interaction profiles (the runtime picks the one its
 * controllers match), both hands filled into the frame, haptic pulses and
 * the active profile's name for the record.
 *
 * What each action does in paja (interact.h, hold mode):
 *   grab       squeeze: take and hold while squeezed
 *   use        trigger: use the held tool, press a switch, click a panel
 *   secondary  inspect what the ray points at; take off what is worn
 *   hint       a hint in practice mode
 *   menu       the menu (pause, restart, quit)
 *   move       thumbstick or trackpad: teleport forward, snap turn
 *   recentre   thumbstick click: the play space in front of the trainee
 * The README lists the buttons per controller from the tables below. */
#define LOG_TAG "xr"
#include "xr_openxr.h"

#include "log.h"

#include <stdio.h>
#include <string.h>

struct binding {
    enum oxr_action action;
    const char *path; /* under /user/hand/ */
};

struct profile {
    const char *name; /* under /interaction_profiles/ */
    struct binding b[24];
};

/* Per profile, the inputs of reference/openxr.md §10's table. Where a
 * controller has fewer buttons than paja has actions, the left hand's
 * button opens the menu and the right hand's same button asks for a hint. */
static const struct profile profiles[] = {
    {"khr/simple_controller",
     {{OXR_ACT_GRIP_POSE, "left/input/grip/pose"}, {OXR_ACT_GRIP_POSE, "right/input/grip/pose"},
      {OXR_ACT_AIM_POSE, "left/input/aim/pose"}, {OXR_ACT_AIM_POSE, "right/input/aim/pose"},
      /* One button for both: it takes what is grabbable and presses,
       * inspects or chooses (panels) what is not. */
      {OXR_ACT_GRAB, "left/input/select/click"}, {OXR_ACT_GRAB, "right/input/select/click"},
      {OXR_ACT_USE, "left/input/select/click"}, {OXR_ACT_USE, "right/input/select/click"},
      {OXR_ACT_MENU, "left/input/menu/click"}, {OXR_ACT_HINT, "right/input/menu/click"},
      {OXR_ACT_HAPTIC, "left/output/haptic"}, {OXR_ACT_HAPTIC, "right/output/haptic"}}},
    {"oculus/touch_controller",
     {{OXR_ACT_GRIP_POSE, "left/input/grip/pose"}, {OXR_ACT_GRIP_POSE, "right/input/grip/pose"},
      {OXR_ACT_AIM_POSE, "left/input/aim/pose"}, {OXR_ACT_AIM_POSE, "right/input/aim/pose"},
      {OXR_ACT_GRAB, "left/input/squeeze/value"}, {OXR_ACT_GRAB, "right/input/squeeze/value"},
      {OXR_ACT_USE, "left/input/trigger/value"}, {OXR_ACT_USE, "right/input/trigger/value"},
      {OXR_ACT_MENU, "left/input/menu/click"},
      {OXR_ACT_MOVE, "left/input/thumbstick"}, {OXR_ACT_MOVE, "right/input/thumbstick"},
      {OXR_ACT_HINT, "left/input/x/click"}, {OXR_ACT_HINT, "right/input/a/click"},
      {OXR_ACT_SECONDARY, "left/input/y/click"}, {OXR_ACT_SECONDARY, "right/input/b/click"},
      {OXR_ACT_RECENTRE, "left/input/thumbstick/click"}, {OXR_ACT_RECENTRE, "right/input/thumbstick/click"},
      {OXR_ACT_HAPTIC, "left/output/haptic"}, {OXR_ACT_HAPTIC, "right/output/haptic"}}},
    {"valve/index_controller",
     {{OXR_ACT_GRIP_POSE, "left/input/grip/pose"}, {OXR_ACT_GRIP_POSE, "right/input/grip/pose"},
      {OXR_ACT_AIM_POSE, "left/input/aim/pose"}, {OXR_ACT_AIM_POSE, "right/input/aim/pose"},
      {OXR_ACT_GRAB, "left/input/squeeze/value"}, {OXR_ACT_GRAB, "right/input/squeeze/value"},
      {OXR_ACT_USE, "left/input/trigger/value"}, {OXR_ACT_USE, "right/input/trigger/value"},
      {OXR_ACT_MENU, "left/input/b/click"}, {OXR_ACT_SECONDARY, "right/input/b/click"},
      {OXR_ACT_MOVE, "left/input/thumbstick"}, {OXR_ACT_MOVE, "right/input/thumbstick"},
      {OXR_ACT_HINT, "left/input/a/click"}, {OXR_ACT_HINT, "right/input/a/click"},
      {OXR_ACT_RECENTRE, "left/input/thumbstick/click"}, {OXR_ACT_RECENTRE, "right/input/thumbstick/click"},
      {OXR_ACT_HAPTIC, "left/output/haptic"}, {OXR_ACT_HAPTIC, "right/output/haptic"}}},
    {"htc/vive_controller",
     {{OXR_ACT_GRIP_POSE, "left/input/grip/pose"}, {OXR_ACT_GRIP_POSE, "right/input/grip/pose"},
      {OXR_ACT_AIM_POSE, "left/input/aim/pose"}, {OXR_ACT_AIM_POSE, "right/input/aim/pose"},
      {OXR_ACT_GRAB, "left/input/squeeze/click"}, {OXR_ACT_GRAB, "right/input/squeeze/click"},
      {OXR_ACT_USE, "left/input/trigger/value"}, {OXR_ACT_USE, "right/input/trigger/value"},
      {OXR_ACT_MENU, "left/input/menu/click"}, {OXR_ACT_HINT, "right/input/menu/click"},
      {OXR_ACT_MOVE, "left/input/trackpad"}, {OXR_ACT_MOVE, "right/input/trackpad"},
      {OXR_ACT_SECONDARY, "left/input/trackpad/click"}, {OXR_ACT_SECONDARY, "right/input/trackpad/click"},
      {OXR_ACT_HAPTIC, "left/output/haptic"}, {OXR_ACT_HAPTIC, "right/output/haptic"}}},
    {"microsoft/motion_controller",
     {{OXR_ACT_GRIP_POSE, "left/input/grip/pose"}, {OXR_ACT_GRIP_POSE, "right/input/grip/pose"},
      {OXR_ACT_AIM_POSE, "left/input/aim/pose"}, {OXR_ACT_AIM_POSE, "right/input/aim/pose"},
      {OXR_ACT_GRAB, "left/input/squeeze/click"}, {OXR_ACT_GRAB, "right/input/squeeze/click"},
      {OXR_ACT_USE, "left/input/trigger/value"}, {OXR_ACT_USE, "right/input/trigger/value"},
      {OXR_ACT_MENU, "left/input/menu/click"}, {OXR_ACT_HINT, "right/input/menu/click"},
      {OXR_ACT_MOVE, "left/input/thumbstick"}, {OXR_ACT_MOVE, "right/input/thumbstick"},
      {OXR_ACT_SECONDARY, "left/input/trackpad/click"}, {OXR_ACT_SECONDARY, "right/input/trackpad/click"},
      {OXR_ACT_RECENTRE, "left/input/thumbstick/click"}, {OXR_ACT_RECENTRE, "right/input/thumbstick/click"},
      {OXR_ACT_HAPTIC, "left/output/haptic"}, {OXR_ACT_HAPTIC, "right/output/haptic"}}},
};

static const struct {
    const char *name, *localized;
    XrActionType type;
} action_desc[OXR_ACT_COUNT] = {
    [OXR_ACT_GRIP_POSE] = {"grip_pose", "Hand pose", XR_ACTION_TYPE_POSE_INPUT},
    [OXR_ACT_AIM_POSE] = {"aim_pose", "Pointing ray", XR_ACTION_TYPE_POSE_INPUT},
    [OXR_ACT_GRAB] = {"grab", "Grab and hold", XR_ACTION_TYPE_FLOAT_INPUT},
    [OXR_ACT_USE] = {"use", "Use, press, choose", XR_ACTION_TYPE_FLOAT_INPUT},
    [OXR_ACT_MENU] = {"menu", "Menu", XR_ACTION_TYPE_BOOLEAN_INPUT},
    [OXR_ACT_MOVE] = {"move", "Teleport and turn", XR_ACTION_TYPE_VECTOR2F_INPUT},
    [OXR_ACT_HINT] = {"hint", "Hint", XR_ACTION_TYPE_BOOLEAN_INPUT},
    [OXR_ACT_SECONDARY] = {"inspect", "Inspect, take off", XR_ACTION_TYPE_BOOLEAN_INPUT},
    [OXR_ACT_RECENTRE] = {"recentre", "Recentre", XR_ACTION_TYPE_BOOLEAN_INPUT},
    [OXR_ACT_HAPTIC] = {"haptic", "Vibration", XR_ACTION_TYPE_VIBRATION_OUTPUT},
};

static XrPath path_of(struct oxr *o, const char *s)
{
    XrPath p = XR_NULL_PATH;
    oxr_check(o, xrStringToPath(o->instance, s, &p), "xrStringToPath");
    return p;
}

bool oxr_input_create(struct oxr *o, char *why, size_t why_size)
{
    XrActionSetCreateInfo ai = {.type = XR_TYPE_ACTION_SET_CREATE_INFO, .priority = 0};
    snprintf(ai.actionSetName, sizeof ai.actionSetName, "paja");
    snprintf(ai.localizedActionSetName, sizeof ai.localizedActionSetName, "paja");
    XrResult r = xrCreateActionSet(o->instance, &ai, &o->action_set);
    if (XR_FAILED(r)) {
        oxr_explain(o, "xrCreateActionSet", r, why, why_size);
        return false;
    }
    o->hands[HAND_LEFT].path = path_of(o, "/user/hand/left");
    o->hands[HAND_RIGHT].path = path_of(o, "/user/hand/right");
    XrPath both[2] = {o->hands[HAND_LEFT].path, o->hands[HAND_RIGHT].path};
    for (int a = 0; a < OXR_ACT_COUNT; a++) {
        XrActionCreateInfo ci = {.type = XR_TYPE_ACTION_CREATE_INFO, .actionType = action_desc[a].type,
                                 .countSubactionPaths = 2, .subactionPaths = both};
        snprintf(ci.actionName, sizeof ci.actionName, "%s", action_desc[a].name);
        snprintf(ci.localizedActionName, sizeof ci.localizedActionName, "%s", action_desc[a].localized);
        r = xrCreateAction(o->action_set, &ci, &o->actions[a]);
        if (XR_FAILED(r)) {
            oxr_explain(o, "xrCreateAction", r, why, why_size);
            return false;
        }
    }
    /* All five profiles suggested; a runtime that does not know one says
     * PATH_UNSUPPORTED, which only means that controller is not offered. */
    char full[256];
    for (size_t p = 0; p < sizeof profiles / sizeof profiles[0]; p++) {
        XrActionSuggestedBinding sb[24];
        uint32_t n = 0;
        for (; n < 24 && profiles[p].b[n].path; n++) {
            snprintf(full, sizeof full, "/user/hand/%s", profiles[p].b[n].path);
            sb[n].action = o->actions[profiles[p].b[n].action];
            sb[n].binding = path_of(o, full);
        }
        snprintf(full, sizeof full, "/interaction_profiles/%s", profiles[p].name);
        XrInteractionProfileSuggestedBinding s = {.type = XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING,
                                                  .interactionProfile = path_of(o, full),
                                                  .countSuggestedBindings = n,
                                                  .suggestedBindings = sb};
        r = xrSuggestInteractionProfileBindings(o->instance, &s);
        if (XR_FAILED(r)) LOG_D("bindings for %s not taken: %d", profiles[p].name, (int)r);
    }
    return true;
}

bool oxr_input_attach(struct oxr *o, char *why, size_t why_size)
{
    for (int h = 0; h < HAND_COUNT; h++) {
        XrActionSpaceCreateInfo ci = {.type = XR_TYPE_ACTION_SPACE_CREATE_INFO,
                                      .subactionPath = o->hands[h].path};
        ci.poseInActionSpace.orientation.w = 1.0f;
        ci.action = o->actions[OXR_ACT_GRIP_POSE];
        XrResult r = xrCreateActionSpace(o->session, &ci, &o->hands[h].grip_space);
        if (XR_SUCCEEDED(r)) {
            ci.action = o->actions[OXR_ACT_AIM_POSE];
            r = xrCreateActionSpace(o->session, &ci, &o->hands[h].aim_space);
        }
        if (XR_FAILED(r)) {
            oxr_explain(o, "xrCreateActionSpace", r, why, why_size);
            return false;
        }
    }
    XrSessionActionSetsAttachInfo ai = {.type = XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO, .countActionSets = 1,
                                        .actionSets = &o->action_set};
    XrResult r = xrAttachSessionActionSets(o->session, &ai);
    if (XR_FAILED(r)) {
        oxr_explain(o, "xrAttachSessionActionSets", r, why, why_size);
        return false;
    }
    /* Some runtimes name the controllers at once (the record's header
     * then has them); others only with INTERACTION_PROFILE_CHANGED. */
    oxr_input_profile_changed(o);
    return true;
}

void oxr_input_destroy(struct oxr *o)
{
    for (int h = 0; h < HAND_COUNT; h++) {
        if (o->hands[h].grip_space != XR_NULL_HANDLE) xrDestroySpace(o->hands[h].grip_space);
        if (o->hands[h].aim_space != XR_NULL_HANDLE) xrDestroySpace(o->hands[h].aim_space);
        o->hands[h].grip_space = o->hands[h].aim_space = XR_NULL_HANDLE;
    }
    /* Destroying the set destroys its actions. */
    if (o->action_set != XR_NULL_HANDLE) xrDestroyActionSet(o->action_set);
    o->action_set = XR_NULL_HANDLE;
    memset(o->actions, 0, sizeof o->actions);
}

void oxr_input_profile_changed(struct oxr *o)
{
    o->profile_dirty = false;
    if (o->session == XR_NULL_HANDLE) return;
    const char *prefix = "/interaction_profiles/";
    char found[XR_MAX_PATH_LENGTH] = "";
    for (int h = HAND_RIGHT; h >= HAND_LEFT && !found[0]; h--) {
        XrInteractionProfileState st = {.type = XR_TYPE_INTERACTION_PROFILE_STATE};
        if (XR_FAILED(xrGetCurrentInteractionProfile(o->session, o->hands[h].path, &st)) ||
            st.interactionProfile == XR_NULL_PATH)
            continue;
        uint32_t n = 0;
        if (XR_FAILED(xrPathToString(o->instance, st.interactionProfile, sizeof found, &n, found))) found[0] = 0;
    }
    if (strcmp(found, o->profile) != 0) {
        snprintf(o->profile, sizeof o->profile, "%s", found);
        if (found[0]) LOG_I("controllers: %s", found + (strncmp(found, prefix, strlen(prefix)) == 0 ? strlen(prefix) : 0));
    }
}

static float get_float(struct oxr *o, enum oxr_action a, XrPath hand)
{
    XrActionStateGetInfo gi = {.type = XR_TYPE_ACTION_STATE_GET_INFO, .action = o->actions[a], .subactionPath = hand};
    XrActionStateFloat st = {.type = XR_TYPE_ACTION_STATE_FLOAT};
    if (XR_FAILED(xrGetActionStateFloat(o->session, &gi, &st)) || !st.isActive) return 0.0f;
    return st.currentState;
}

static bool get_bool(struct oxr *o, enum oxr_action a, XrPath hand)
{
    XrActionStateGetInfo gi = {.type = XR_TYPE_ACTION_STATE_GET_INFO, .action = o->actions[a], .subactionPath = hand};
    XrActionStateBoolean st = {.type = XR_TYPE_ACTION_STATE_BOOLEAN};
    if (XR_FAILED(xrGetActionStateBoolean(o->session, &gi, &st)) || !st.isActive) return false;
    return st.currentState == XR_TRUE;
}

static bool locate(struct oxr *o, XrSpace s, struct pose *out)
{
    XrSpaceLocation loc = {.type = XR_TYPE_SPACE_LOCATION};
    if (XR_FAILED(xrLocateSpace(s, o->world, o->frame_state.predictedDisplayTime, &loc))) return false;
    const XrSpaceLocationFlags need = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
    if ((loc.locationFlags & need) != need) return false;
    oxr_pose_to_play(o, &loc.pose, out);
    return true;
}

void oxr_input_update(struct oxr *o, struct xr_frame *out)
{
    memset(out->hands, 0, sizeof out->hands);
    /* Actions sync only while paja has focus: otherwise the runtime's
     * own menu has the controllers, and all of them read inactive. */
    if (o->state != XR_SESSION_STATE_FOCUSED) return;
    XrActiveActionSet active = {.actionSet = o->action_set, .subactionPath = XR_NULL_PATH};
    XrActionsSyncInfo si = {.type = XR_TYPE_ACTIONS_SYNC_INFO, .countActiveActionSets = 1,
                            .activeActionSets = &active};
    XrResult r = xrSyncActions(o->session, &si);
    if (XR_FAILED(r) || r == XR_SESSION_NOT_FOCUSED) {
        if (XR_FAILED(r)) oxr_check(o, r, "xrSyncActions");
        return;
    }
    for (int h = 0; h < HAND_COUNT; h++) {
        struct hand_input *hi = &out->hands[h];
        XrPath hp = o->hands[h].path;
        XrActionStateGetInfo gi = {.type = XR_TYPE_ACTION_STATE_GET_INFO, .action = o->actions[OXR_ACT_GRIP_POSE],
                                   .subactionPath = hp};
        XrActionStatePose ps = {.type = XR_TYPE_ACTION_STATE_POSE};
        if (XR_FAILED(xrGetActionStatePose(o->session, &gi, &ps)) || !ps.isActive) continue;
        if (!locate(o, o->hands[h].grip_space, &hi->grip)) continue;
        /* A controller without its own aim pose points where it is held. */
        if (!locate(o, o->hands[h].aim_space, &hi->aim)) hi->aim = hi->grip;
        hi->active = true;
        hi->grip_value = get_float(o, OXR_ACT_GRAB, hp);
        hi->trigger_value = get_float(o, OXR_ACT_USE, hp);
        hi->secondary = get_bool(o, OXR_ACT_SECONDARY, hp);
        hi->menu = get_bool(o, OXR_ACT_MENU, hp);
        hi->hint = get_bool(o, OXR_ACT_HINT, hp);
        hi->recentre = get_bool(o, OXR_ACT_RECENTRE, hp);
        XrActionStateVector2f v2 = {.type = XR_TYPE_ACTION_STATE_VECTOR2F};
        gi.action = o->actions[OXR_ACT_MOVE];
        if (XR_SUCCEEDED(xrGetActionStateVector2f(o->session, &gi, &v2)) && v2.isActive) {
            hi->stick[0] = v2.currentState.x;
            hi->stick[1] = v2.currentState.y;
        }
    }
}

void oxr_haptic(struct oxr *o, enum hand_side hand, float amplitude, float seconds)
{
    if (o->session == XR_NULL_HANDLE || !o->running || hand < 0 || hand >= HAND_COUNT) return;
    XrHapticVibration v = {.type = XR_TYPE_HAPTIC_VIBRATION,
                           .duration = (XrDuration)(seconds * 1e9f),
                           .frequency = XR_FREQUENCY_UNSPECIFIED,
                           .amplitude = amplitude < 0.0f ? 0.0f : amplitude > 1.0f ? 1.0f : amplitude};
    XrHapticActionInfo hi = {.type = XR_TYPE_HAPTIC_ACTION_INFO, .action = o->actions[OXR_ACT_HAPTIC],
                             .subactionPath = o->hands[hand].path};
    /* SESSION_NOT_FOCUSED is a success code: no pulse, no error. */
    oxr_check(o, xrApplyHapticFeedback(o->session, &hi, (const XrHapticBaseHeader *)&v), "xrApplyHapticFeedback");
}
