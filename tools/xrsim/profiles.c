/* xrsim: the interaction profiles the simulated controllers can present and
 * the input/output paths each one has (OpenXR 1.0 semantic paths). A path
 * prefixed "L:" or "R:" exists on that hand only. */
#include "xrsim.h"

#include <string.h>

#define POSES "input/grip/pose", "input/aim/pose", "output/haptic"
static const char *simple[] = {"input/select/click", "input/menu/click", POSES, NULL};
static const char *touch[] = {"L:input/x/click",
                              "L:input/x/touch",
                              "L:input/y/click",
                              "L:input/y/touch",
                              "L:input/menu/click",
                              "R:input/a/click",
                              "R:input/a/touch",
                              "R:input/b/click",
                              "R:input/b/touch",
                              "R:input/system/click",
                              "input/squeeze/value",
                              "input/trigger/value",
                              "input/trigger/touch",
                              "input/thumbstick/x",
                              "input/thumbstick/y",
                              "input/thumbstick/click",
                              "input/thumbstick/touch",
                              "input/thumbrest/touch",
                              POSES,
                              NULL};
static const char *index_c[] = {"input/system/click",
                                "input/system/touch",
                                "input/a/click",
                                "input/a/touch",
                                "input/b/click",
                                "input/b/touch",
                                "input/squeeze/value",
                                "input/squeeze/force",
                                "input/trigger/click",
                                "input/trigger/value",
                                "input/trigger/touch",
                                "input/thumbstick/x",
                                "input/thumbstick/y",
                                "input/thumbstick/click",
                                "input/thumbstick/touch",
                                "input/trackpad/x",
                                "input/trackpad/y",
                                "input/trackpad/force",
                                "input/trackpad/touch",
                                POSES,
                                NULL};
static const char *vive[] = {"input/system/click",
                             "input/squeeze/click",
                             "input/menu/click",
                             "input/trigger/click",
                             "input/trigger/value",
                             "input/trackpad/x",
                             "input/trackpad/y",
                             "input/trackpad/click",
                             "input/trackpad/touch",
                             POSES,
                             NULL};
static const char *msmc[] = {"input/menu/click",
                             "input/squeeze/click",
                             "input/trigger/value",
                             "input/thumbstick/x",
                             "input/thumbstick/y",
                             "input/thumbstick/click",
                             "input/trackpad/x",
                             "input/trackpad/y",
                             "input/trackpad/click",
                             "input/trackpad/touch",
                             POSES,
                             NULL};

static const struct {
    const char *name;
    const char **paths;
} profiles[] = {
    {"khr/simple_controller", simple}, {"oculus/touch_controller", touch},    {"valve/index_controller", index_c},
    {"htc/vive_controller", vive},     {"microsoft/motion_controller", msmc},
};

bool xs_profile_known(const char *profile_path)
{
    const char *pre = "/interaction_profiles/";
    if (strncmp(profile_path, pre, strlen(pre))) return false;
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
        if (!strcmp(profiles[i].name, profile_path + strlen(pre))) return true;
    return false;
}

/* Is `binding` (e.g. /user/hand/left/input/trigger/value, or the parent
 * /user/hand/left/input/thumbstick) a path of this profile? */
bool xs_profile_has_path(const char *profile_path, const char *binding)
{
    const char *pre = "/interaction_profiles/";
    const char *name = profile_path + strlen(pre);
    char hand;
    if (!strncmp(binding, "/user/hand/left/", 16))
        hand = 'L';
    else if (!strncmp(binding, "/user/hand/right/", 17))
        hand = 'R';
    else
        return false;
    const char *rest = binding + (hand == 'L' ? 16 : 17);
    size_t rn = strlen(rest);
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
        if (strcmp(profiles[i].name, name)) continue;
        for (const char **p = profiles[i].paths; *p; p++) {
            const char *path = *p;
            if (path[1] == ':') {
                if (path[0] != hand) continue;
                path += 2;
            }
            if (!strcmp(path, rest) || (!strncmp(path, rest, rn) && path[rn] == '/')) return true;
        }
    }
    return false;
}

/* A name as XRSIM_PROFILE and the "profile" command take it ("none" too). */
bool xs_profile_name_ok(const char *name)
{
    if (!strcmp(name, "none")) return true;
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
        if (!strcmp(profiles[i].name, name)) return true;
    return false;
}
