/* xrsim: XR_EXT_conformance_automation, the standard way for a test to set
 * input through the OpenXR API itself (the same device as the control
 * channel and the timeline drive). */
#include "xrsim.h"

#include <stdio.h>
#include <string.h>

#define CHECK_SESSION(h)                                                                                               \
    struct xs_session *s = (struct xs_session *)(h);                                                                   \
    if (!xs_obj_live(s, XS_SESSION))                                                                                   \
    return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "XrSession %p is not a live session", (void *)s)

static int hand_of_top(XrPath p)
{
    const char *s = xs_path_str(p);
    if (s && !strcmp(s, "/user/hand/left")) return 0;
    if (s && !strcmp(s, "/user/hand/right")) return 1;
    return -1;
}

/* inputSourcePath is e.g. /user/hand/left/input/trigger/value */
static struct xs_component *component_of(int hand, XrPath input, char *feat, size_t featsz)
{
    const char *s = xs_path_str(input);
    const char *in = s ? strstr(s, "/input/") : NULL;
    if (!in) return NULL;
    char comp[32] = "";
    feat[0] = 0;
    char f[32] = "";
    sscanf(in + 7, "%31[^/]/%31s", comp, f);
    snprintf(feat, featsz, "%s", f);
    int c = xs_component_index(comp);
    return c < 0 ? NULL : &xs_dev.hand[hand].comp[c];
}

XrResult XRAPI_CALL xrSetInputDeviceActiveEXT(XrSession h, XrPath profile, XrPath top, XrBool32 active)
{
    XS_ENTER("xrSetInputDeviceActiveEXT");
    CHECK_SESSION(h);
    int hand = hand_of_top(top);
    const char *p = xs_path_str(profile);
    if (hand < 0 || !p || !xs_profile_known(p))
        return xs_fail(XR_ERROR_PATH_UNSUPPORTED, __func__, "need /user/hand/left|right and a simulated profile");
    xs_dev.hand[hand].active = active;
    snprintf(xs_dev.profile, sizeof xs_dev.profile, "%s", p + strlen("/interaction_profiles/"));
    xs_action_update_profile(s);
    return XR_SUCCESS;
}

static XrResult set_value(struct xs_session *s, XrPath top, XrPath input, float v, float x, float y, bool vec,
                          const char *fn)
{
    (void)s;
    int hand = hand_of_top(top);
    char feat[32];
    struct xs_component *c = hand < 0 ? NULL : component_of(hand, input, feat, sizeof feat);
    if (!c)
        return xs_fail(XR_ERROR_PATH_UNSUPPORTED, fn, "%s is not an input of a simulated controller",
                       xs_path_str(input) ? xs_path_str(input) : "?");
    if (vec) {
        c->x = x;
        c->y = y;
    } else if (!strcmp(feat, "x")) {
        c->x = v;
    } else if (!strcmp(feat, "y")) {
        c->y = v;
    } else {
        c->value = v;
    }
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrSetInputDeviceStateBoolEXT(XrSession h, XrPath top, XrPath input, XrBool32 state)
{
    XS_ENTER("xrSetInputDeviceStateBoolEXT");
    CHECK_SESSION(h);
    return set_value(s, top, input, state ? 1.0f : 0.0f, 0, 0, false, __func__);
}

XrResult XRAPI_CALL xrSetInputDeviceStateFloatEXT(XrSession h, XrPath top, XrPath input, float state)
{
    XS_ENTER("xrSetInputDeviceStateFloatEXT");
    CHECK_SESSION(h);
    return set_value(s, top, input, state, 0, 0, false, __func__);
}

XrResult XRAPI_CALL xrSetInputDeviceStateVector2fEXT(XrSession h, XrPath top, XrPath input, XrVector2f state)
{
    XS_ENTER("xrSetInputDeviceStateVector2fEXT");
    CHECK_SESSION(h);
    return set_value(s, top, input, 0, state.x, state.y, true, __func__);
}

XrResult XRAPI_CALL xrSetInputDeviceLocationEXT(XrSession h, XrPath top, XrPath input, XrSpace space, XrPosef pose)
{
    XS_ENTER("xrSetInputDeviceLocationEXT");
    CHECK_SESSION(h);
    struct xs_space *sp = (struct xs_space *)space;
    if (!xs_obj_live(sp, XS_SPACE)) return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "space is not live");
    int hand = hand_of_top(top);
    const char *in = xs_path_str(input);
    if (hand < 0 || !in || !strstr(in, "/pose"))
        return xs_fail(XR_ERROR_PATH_UNSUPPORTED, __func__, "need a hand's grip or aim pose path");
    struct xs_pose base,
        local = {{pose.position.x, pose.position.y, pose.position.z},
                 {pose.orientation.x, pose.orientation.y, pose.orientation.z, pose.orientation.w}},
        out;
    if (!xs_space_in_stage(sp, &base))
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "the space cannot be located now");
    xs_pose_mul(&base, &local, &out);
    if (strstr(in, "/aim/"))
        xs_dev.hand[hand].aim = out;
    else
        xs_dev.hand[hand].grip = out;
    return XR_SUCCESS;
}
