/* xrsim: action sets, actions, suggested bindings, the current interaction
 * profile, xrSyncActions and the state getters, haptics.
 *
 * The current profile is the one the simulated controllers present
 * (XRSIM_PROFILE or "profile NAME", default oculus/touch_controller) when
 * the application suggested bindings for it, else khr/simple_controller
 * when it suggested those, else none. Values come from the device's
 * components (input.c): a binding's last path component picks what of the
 * component is read (value/force, click = value > 0.5, touch, x, y). */
#include "xrsim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_SESSION(h)                                                                                               \
    struct xs_session *s = (struct xs_session *)(h);                                                                   \
    if (!xs_obj_live(s, XS_SESSION))                                                                                   \
    return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "XrSession %p is not a live session", (void *)s)

static bool name_ok(const char *n, size_t max)
{
    size_t len = strnlen(n, max);
    if (len == 0 || len == max) return false;
    for (size_t i = 0; i < len; i++)
        if (!((n[i] >= 'a' && n[i] <= 'z') || (n[i] >= '0' && n[i] <= '9') || n[i] == '-' || n[i] == '_' ||
              n[i] == '.'))
            return false;
    return true;
}

static int hand_of(XrPath p)
{
    const char *s = xs_path_str(p);
    if (!s) return -1;
    if (!strncmp(s, "/user/hand/left", 15) && (s[15] == 0 || s[15] == '/')) return 0;
    if (!strncmp(s, "/user/hand/right", 16) && (s[16] == 0 || s[16] == '/')) return 1;
    return -1;
}

static bool top_level_user_path(XrPath p)
{
    const char *s = xs_path_str(p);
    static const char *ok[] = {"/user/hand/left", "/user/hand/right", "/user/head", "/user/gamepad", "/user/treadmill"};
    for (size_t i = 0; s && i < sizeof ok / sizeof ok[0]; i++)
        if (!strcmp(s, ok[i])) return true;
    return false;
}

/* ---- sets and actions ---- */

XrResult XRAPI_CALL xrCreateActionSet(XrInstance instance, const XrActionSetCreateInfo *info, XrActionSet *out)
{
    XS_ENTER("xrCreateActionSet");
    struct xs_instance *inst = (struct xs_instance *)instance;
    if (!xs_obj_live(inst, XS_INSTANCE)) return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "instance is not live");
    if (!info || !out || info->type != XR_TYPE_ACTION_SET_CREATE_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (!name_ok(info->actionSetName, sizeof info->actionSetName))
        return xs_fail(XR_ERROR_PATH_FORMAT_INVALID, __func__,
                       "action set name '%.64s' must be lowercase a-z 0-9 - _ .", info->actionSetName);
    if (!info->localizedActionSetName[0])
        return xs_fail(XR_ERROR_LOCALIZED_NAME_INVALID, __func__, "empty localizedActionSetName");
    for (struct xs_action_set *o = inst->sets; o; o = o->next) {
        if (!strcmp(o->name, info->actionSetName))
            return xs_fail(XR_ERROR_NAME_DUPLICATED, __func__, "action set '%s' exists", o->name);
        if (!strcmp(o->localized, info->localizedActionSetName))
            return xs_fail(XR_ERROR_LOCALIZED_NAME_DUPLICATED, __func__, "localized name '%s' is used", o->localized);
    }
    struct xs_action_set *set = calloc(1, sizeof *set);
    if (!set) return XR_ERROR_OUT_OF_MEMORY;
    set->inst = inst;
    snprintf(set->name, sizeof set->name, "%s", info->actionSetName);
    snprintf(set->localized, sizeof set->localized, "%s", info->localizedActionSetName);
    set->priority = info->priority;
    set->next = inst->sets;
    inst->sets = set;
    xs_obj_add(&set->o, XS_ACTION_SET, inst);
    *out = (XrActionSet)set;
    return XR_SUCCESS;
}

static void drop_bindings_of(struct xs_instance *inst, struct xs_action *a)
{
    size_t w = 0;
    for (size_t i = 0; i < inst->binding_count; i++)
        if (inst->bindings[i].action != a) inst->bindings[w++] = inst->bindings[i];
    inst->binding_count = w;
}

static void action_free(struct xs_action *a)
{
    drop_bindings_of(a->set->inst, a);
    xs_obj_remove(&a->o);
    free(a);
}

static void set_free(struct xs_action_set *set)
{
    while (set->actions) {
        struct xs_action *a = set->actions;
        set->actions = a->next;
        action_free(a);
    }
    struct xs_action_set **p = &set->inst->sets;
    while (*p && *p != set)
        p = &(*p)->next;
    if (*p) *p = set->next;
    xs_obj_remove(&set->o);
    free(set);
}

void xs_action_sets_free(struct xs_instance *inst)
{
    while (inst->sets)
        set_free(inst->sets);
}

XrResult XRAPI_CALL xrDestroyActionSet(XrActionSet h)
{
    XS_ENTER("xrDestroyActionSet");
    struct xs_action_set *set = (struct xs_action_set *)h;
    if (!xs_obj_live(set, XS_ACTION_SET)) return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "action set is not live");
    set_free(set);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrCreateAction(XrActionSet h, const XrActionCreateInfo *info, XrAction *out)
{
    XS_ENTER("xrCreateAction");
    struct xs_action_set *set = (struct xs_action_set *)h;
    if (!xs_obj_live(set, XS_ACTION_SET)) return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "action set is not live");
    if (!info || !out || info->type != XR_TYPE_ACTION_CREATE_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (set->attached)
        return xs_fail(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, __func__,
                       "action set '%s' is attached to a session; create actions before xrAttachSessionActionSets",
                       set->name);
    if (!name_ok(info->actionName, sizeof info->actionName))
        return xs_fail(XR_ERROR_PATH_FORMAT_INVALID, __func__, "action name '%.64s' must be lowercase a-z 0-9 - _ .",
                       info->actionName);
    if (!info->localizedActionName[0])
        return xs_fail(XR_ERROR_LOCALIZED_NAME_INVALID, __func__, "empty localizedActionName");
    switch (info->actionType) {
    case XR_ACTION_TYPE_BOOLEAN_INPUT:
    case XR_ACTION_TYPE_FLOAT_INPUT:
    case XR_ACTION_TYPE_VECTOR2F_INPUT:
    case XR_ACTION_TYPE_POSE_INPUT:
    case XR_ACTION_TYPE_VIBRATION_OUTPUT: break;
    default:
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "action type %d is not defined", (int)info->actionType);
    }
    for (struct xs_action *o = set->actions; o; o = o->next) {
        if (!strcmp(o->name, info->actionName))
            return xs_fail(XR_ERROR_NAME_DUPLICATED, __func__, "action '%s' exists in '%s'", o->name, set->name);
        if (!strcmp(o->localized, info->localizedActionName))
            return xs_fail(XR_ERROR_LOCALIZED_NAME_DUPLICATED, __func__, "localized name '%s' is used", o->localized);
    }
    if (info->countSubactionPaths > 8)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "more than 8 subaction paths");
    for (uint32_t i = 0; i < info->countSubactionPaths; i++) {
        if (!top_level_user_path(info->subactionPaths[i]))
            return xs_fail(XR_ERROR_PATH_UNSUPPORTED, __func__,
                           "subaction path %s is not a top-level user path (/user/hand/left, /user/hand/right, ...)",
                           xs_path_str(info->subactionPaths[i]) ? xs_path_str(info->subactionPaths[i]) : "?");
        for (uint32_t j = 0; j < i; j++)
            if (info->subactionPaths[j] == info->subactionPaths[i])
                return xs_fail(XR_ERROR_PATH_UNSUPPORTED, __func__, "subaction path %s given twice",
                               xs_path_str(info->subactionPaths[i]));
    }
    struct xs_action *a = calloc(1, sizeof *a);
    if (!a) return XR_ERROR_OUT_OF_MEMORY;
    a->set = set;
    snprintf(a->name, sizeof a->name, "%s", info->actionName);
    snprintf(a->localized, sizeof a->localized, "%s", info->localizedActionName);
    a->type = info->actionType;
    a->subaction_count = info->countSubactionPaths;
    if (info->countSubactionPaths)
        memcpy(a->subaction, info->subactionPaths, sizeof(XrPath) * info->countSubactionPaths);
    a->next = set->actions;
    set->actions = a;
    xs_obj_add(&a->o, XS_ACTION, set);
    *out = (XrAction)a;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrDestroyAction(XrAction h)
{
    XS_ENTER("xrDestroyAction");
    struct xs_action *a = (struct xs_action *)h;
    if (!xs_obj_live(a, XS_ACTION)) return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "action is not live");
    struct xs_action **p = &a->set->actions;
    while (*p && *p != a)
        p = &(*p)->next;
    if (*p) *p = a->next;
    action_free(a);
    return XR_SUCCESS;
}

/* ---- bindings and profiles ---- */

static bool any_attached(struct xs_instance *inst)
{
    for (struct xs_action_set *set = inst->sets; set; set = set->next)
        if (set->attached) return true;
    return false;
}

XrResult XRAPI_CALL xrSuggestInteractionProfileBindings(XrInstance instance,
                                                        const XrInteractionProfileSuggestedBinding *info)
{
    XS_ENTER("xrSuggestInteractionProfileBindings");
    struct xs_instance *inst = (struct xs_instance *)instance;
    if (!xs_obj_live(inst, XS_INSTANCE)) return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "instance is not live");
    if (!info || info->type != XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING || !info->countSuggestedBindings ||
        !info->suggestedBindings)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (any_attached(inst))
        return xs_fail(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, __func__,
                       "bindings are suggested before xrAttachSessionActionSets");
    const char *profile = xs_path_str(info->interactionProfile);
    if (!profile) return xs_fail(XR_ERROR_PATH_INVALID, __func__, "interactionProfile is not a path");
    if (!xs_profile_known(profile))
        return xs_fail(XR_ERROR_PATH_UNSUPPORTED, __func__, "interaction profile %s is not one xrsim simulates",
                       profile);
    for (uint32_t i = 0; i < info->countSuggestedBindings; i++) {
        const XrActionSuggestedBinding *b = &info->suggestedBindings[i];
        struct xs_action *a = (struct xs_action *)b->action;
        if (!xs_obj_live(a, XS_ACTION))
            return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "binding %u: action is not live", i);
        const char *path = xs_path_str(b->binding);
        if (!path) return xs_fail(XR_ERROR_PATH_INVALID, __func__, "binding %u: not a path", i);
        if (!xs_profile_has_path(profile, path))
            return xs_fail(XR_ERROR_PATH_UNSUPPORTED, __func__, "binding %u: %s is not a path of %s", i, path, profile);
        bool pose_path = strstr(path, "/pose") != NULL, haptic = strstr(path, "/output/haptic") != NULL;
        if ((a->type == XR_ACTION_TYPE_POSE_INPUT) != pose_path ||
            (a->type == XR_ACTION_TYPE_VIBRATION_OUTPUT) != haptic)
            xs_log(XS_LOG_WARN,
                   "%s: binding %u binds action '%s' to %s, which has another type (it will stay inactive)", __func__,
                   i, a->name, path);
    }
    /* a new suggestion replaces this profile's previous one */
    size_t w = 0;
    for (size_t i = 0; i < inst->binding_count; i++)
        if (inst->bindings[i].profile != info->interactionProfile) inst->bindings[w++] = inst->bindings[i];
    inst->binding_count = w;
    for (uint32_t i = 0; i < info->countSuggestedBindings; i++) {
        if (inst->binding_count == inst->binding_cap) {
            size_t cap = inst->binding_cap ? inst->binding_cap * 2 : 64;
            struct xs_binding *n = realloc(inst->bindings, cap * sizeof *n);
            if (!n) return XR_ERROR_OUT_OF_MEMORY;
            inst->bindings = n;
            inst->binding_cap = cap;
        }
        struct xs_binding nb = {info->interactionProfile, (struct xs_action *)info->suggestedBindings[i].action,
                                info->suggestedBindings[i].binding};
        inst->bindings[inst->binding_count++] = nb;
    }
    return XR_SUCCESS;
}

static bool has_bindings(struct xs_instance *inst, XrPath profile)
{
    for (size_t i = 0; i < inst->binding_count; i++)
        if (inst->bindings[i].profile == profile) return true;
    return false;
}

static XrPath profile_for_device(struct xs_session *s)
{
    char buf[128];
    if (!strcmp(xs_dev.profile, "none")) return XR_NULL_PATH;
    snprintf(buf, sizeof buf, "/interaction_profiles/%s", xs_dev.profile);
    XrPath p = xs_path_intern(buf);
    if (has_bindings(s->inst, p)) return p;
    p = xs_path_intern("/interaction_profiles/khr/simple_controller");
    return has_bindings(s->inst, p) ? p : XR_NULL_PATH;
}

void xs_action_update_profile(struct xs_session *s)
{
    if (!s->attached) return;
    XrPath p = profile_for_device(s);
    bool changed = false;
    for (int h = 0; h < 2; h++) {
        XrPath want = xs_dev.hand[h].active ? p : XR_NULL_PATH;
        if (s->profile[h] != want) {
            s->profile[h] = want;
            changed = true;
        }
    }
    if (changed) {
        xs_log(XS_LOG_INFO, "interaction profile now %s", xs_path_str(p) ? xs_path_str(p) : "none");
        XrEventDataInteractionProfileChanged ev = {XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED, NULL, (XrSession)s};
        xs_event_push(s->inst, &ev, sizeof ev);
    }
}

const char *xs_profile_current_name(struct xs_session *s)
{
    const char *p = xs_path_str(s->profile[0] ? s->profile[0] : s->profile[1]);
    return p ? p : "none";
}

XrResult XRAPI_CALL xrAttachSessionActionSets(XrSession h, const XrSessionActionSetsAttachInfo *info)
{
    XS_ENTER("xrAttachSessionActionSets");
    CHECK_SESSION(h);
    if (!info || info->type != XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO || !info->countActionSets)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (s->attached)
        return xs_fail(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, __func__, "action sets are attached once per session");
    for (uint32_t i = 0; i < info->countActionSets; i++)
        if (!xs_obj_live((void *)info->actionSets[i], XS_ACTION_SET))
            return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "actionSets[%u] is not live", i);
    for (uint32_t i = 0; i < info->countActionSets; i++)
        ((struct xs_action_set *)info->actionSets[i])->attached = true;
    s->attached = true;
    xs_action_update_profile(s);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetCurrentInteractionProfile(XrSession h, XrPath topLevelUserPath,
                                                   XrInteractionProfileState *state)
{
    XS_ENTER("xrGetCurrentInteractionProfile");
    CHECK_SESSION(h);
    if (!state || state->type != XR_TYPE_INTERACTION_PROFILE_STATE)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (!s->attached) return xs_fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, __func__, "no action sets are attached yet");
    if (!top_level_user_path(topLevelUserPath))
        return xs_fail(XR_ERROR_PATH_UNSUPPORTED, __func__, "%s is not a top-level user path",
                       xs_path_str(topLevelUserPath) ? xs_path_str(topLevelUserPath) : "?");
    int hand = hand_of(topLevelUserPath);
    state->interactionProfile = hand >= 0 ? s->profile[hand] : XR_NULL_PATH;
    return XR_SUCCESS;
}

/* ---- evaluating bindings ---- */

/* Reads the device for one binding path; returns false for a pose or an
 * output, or when the path names no component. */
static bool read_input(const char *path, XrActionType type, float *v, float *x, float *y)
{
    int hand = !strncmp(path, "/user/hand/left/", 16) ? 0 : !strncmp(path, "/user/hand/right/", 17) ? 1 : -1;
    if (hand < 0) return false;
    const char *rest = path + (hand ? 17 : 16);
    if (strncmp(rest, "input/", 6)) return false;
    char comp[32] = "", feat[32] = "";
    sscanf(rest + 6, "%31[^/]/%31s", comp, feat);
    int c = xs_component_index(comp);
    if (c < 0 || !strcmp(feat, "pose")) return false;
    const struct xs_component *k = &xs_dev.hand[hand].comp[c];
    *x = k->x;
    *y = k->y;
    if (!strcmp(feat, "click"))
        *v = k->value > 0.5f ? 1.0f : 0.0f;
    else if (!strcmp(feat, "touch"))
        *v = (k->value > 0 || k->x != 0 || k->y != 0) ? 1.0f : 0.0f;
    else if (!strcmp(feat, "x"))
        *v = k->x;
    else if (!strcmp(feat, "y"))
        *v = k->y;
    else /* value, force, or the parent path */
        *v = k->value;
    if (type == XR_ACTION_TYPE_BOOLEAN_INPUT) *v = *v > 0.5f ? 1.0f : 0.0f;
    return true;
}

static void eval_action(struct xs_session *s, struct xs_action *a, XrTime now)
{
    struct xs_action_slot next[XS_SLOTS] = {0};
    struct xs_instance *inst = s->inst;
    for (size_t i = 0; i < inst->binding_count; i++) {
        const struct xs_binding *b = &inst->bindings[i];
        if (b->action != a) continue;
        int hand = hand_of(b->path);
        if (hand < 0 || b->profile != s->profile[hand] || !xs_dev.hand[hand].active) continue;
        const char *path = xs_path_str(b->path);
        float v = 0, x = 0, y = 0;
        bool pose = a->type == XR_ACTION_TYPE_POSE_INPUT && strstr(path, "/pose");
        bool haptic = a->type == XR_ACTION_TYPE_VIBRATION_OUTPUT && strstr(path, "/output/haptic");
        if (!pose && !haptic && !read_input(path, a->type, &v, &x, &y)) continue;
        const int slots[2] = {0, hand + 1}; /* "any" and this hand */
        for (int k = 0; k < 2; k++) {
            struct xs_action_slot *n = &next[slots[k]];
            if (a->type == XR_ACTION_TYPE_VECTOR2F_INPUT) {
                if (!n->active || x * x + y * y > n->x * n->x + n->y * n->y) {
                    n->x = x;
                    n->y = y;
                }
            } else if (!n->active || fabsf(v) > fabsf(n->value)) {
                n->value = v;
            }
            n->active = true;
        }
    }
    for (int slot = 0; slot < XS_SLOTS; slot++) {
        struct xs_action_slot *o = &a->slot[slot], *n = &next[slot];
        n->changed = o->active && n->active && (n->value != o->value || n->x != o->x || n->y != o->y);
        n->last_change = n->changed || (n->active && !o->active) ? now : o->last_change;
        *o = *n;
    }
}

XrResult XRAPI_CALL xrSyncActions(XrSession h, const XrActionsSyncInfo *info)
{
    XS_ENTER("xrSyncActions");
    CHECK_SESSION(h);
    if (!info || info->type != XR_TYPE_ACTIONS_SYNC_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    for (uint32_t i = 0; i < info->countActiveActionSets; i++) {
        struct xs_action_set *set = (struct xs_action_set *)info->activeActionSets[i].actionSet;
        if (!xs_obj_live(set, XS_ACTION_SET))
            return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "activeActionSets[%u] is not live", i);
        if (!set->attached)
            return xs_fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, __func__, "action set '%s' is not attached", set->name);
    }
    if (s->lost) return XR_SESSION_LOSS_PENDING;
    bool focused = s->state == XR_SESSION_STATE_FOCUSED;
    XrTime now = s->last_predicted ? s->last_predicted : xs_now_ns();
    s->last_sync_time = now;
    for (struct xs_action_set *set = s->inst->sets; set; set = set->next) {
        bool active = false;
        for (uint32_t i = 0; i < info->countActiveActionSets; i++)
            active |= (struct xs_action_set *)info->activeActionSets[i].actionSet == set;
        for (struct xs_action *a = set->actions; a; a = a->next) {
            if (active && focused) {
                eval_action(s, a, now);
            } else {
                memset(a->slot, 0, sizeof a->slot);
            }
        }
    }
    return focused ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
}

static XrResult get_slot(struct xs_session *s, const XrActionStateGetInfo *info, XrActionType want, const char *fn,
                         struct xs_action_slot **out)
{
    if (!info || info->type != XR_TYPE_ACTION_STATE_GET_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, fn,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    struct xs_action *a = (struct xs_action *)info->action;
    if (!xs_obj_live(a, XS_ACTION)) return xs_fail(XR_ERROR_HANDLE_INVALID, fn, "action is not live");
    if (!a->set->attached || !s->attached)
        return xs_fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, fn, "action '%s' belongs to a set not attached to this session",
                       a->name);
    if (a->type != want) return xs_fail(XR_ERROR_ACTION_TYPE_MISMATCH, fn, "action '%s' has another type", a->name);
    int slot = 0;
    if (info->subactionPath != XR_NULL_PATH) {
        uint32_t i = 0;
        while (i < a->subaction_count && a->subaction[i] != info->subactionPath)
            i++;
        if (i == a->subaction_count)
            return xs_fail(XR_ERROR_PATH_UNSUPPORTED, fn, "subaction path %s was not declared for '%s'",
                           xs_path_str(info->subactionPath) ? xs_path_str(info->subactionPath) : "?", a->name);
        int hand = hand_of(info->subactionPath);
        slot = hand < 0 ? -1 : hand + 1;
    }
    static struct xs_action_slot inactive;
    memset(&inactive, 0, sizeof inactive);
    *out = slot < 0 ? &inactive : &a->slot[slot];
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetActionStateBoolean(XrSession h, const XrActionStateGetInfo *info, XrActionStateBoolean *st)
{
    XS_ENTER("xrGetActionStateBoolean");
    CHECK_SESSION(h);
    struct xs_action_slot *sl;
    if (!st || st->type != XR_TYPE_ACTION_STATE_BOOLEAN)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    XrResult r = get_slot(s, info, XR_ACTION_TYPE_BOOLEAN_INPUT, __func__, &sl);
    if (r != XR_SUCCESS) return r;
    st->currentState = sl->value > 0.5f;
    st->changedSinceLastSync = sl->changed;
    st->lastChangeTime = sl->last_change;
    st->isActive = sl->active;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetActionStateFloat(XrSession h, const XrActionStateGetInfo *info, XrActionStateFloat *st)
{
    XS_ENTER("xrGetActionStateFloat");
    CHECK_SESSION(h);
    struct xs_action_slot *sl;
    if (!st || st->type != XR_TYPE_ACTION_STATE_FLOAT)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    XrResult r = get_slot(s, info, XR_ACTION_TYPE_FLOAT_INPUT, __func__, &sl);
    if (r != XR_SUCCESS) return r;
    st->currentState = sl->value;
    st->changedSinceLastSync = sl->changed;
    st->lastChangeTime = sl->last_change;
    st->isActive = sl->active;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetActionStateVector2f(XrSession h, const XrActionStateGetInfo *info, XrActionStateVector2f *st)
{
    XS_ENTER("xrGetActionStateVector2f");
    CHECK_SESSION(h);
    struct xs_action_slot *sl;
    if (!st || st->type != XR_TYPE_ACTION_STATE_VECTOR2F)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    XrResult r = get_slot(s, info, XR_ACTION_TYPE_VECTOR2F_INPUT, __func__, &sl);
    if (r != XR_SUCCESS) return r;
    st->currentState.x = sl->x;
    st->currentState.y = sl->y;
    st->changedSinceLastSync = sl->changed;
    st->lastChangeTime = sl->last_change;
    st->isActive = sl->active;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetActionStatePose(XrSession h, const XrActionStateGetInfo *info, XrActionStatePose *st)
{
    XS_ENTER("xrGetActionStatePose");
    CHECK_SESSION(h);
    struct xs_action_slot *sl;
    if (!st || st->type != XR_TYPE_ACTION_STATE_POSE)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    XrResult r = get_slot(s, info, XR_ACTION_TYPE_POSE_INPUT, __func__, &sl);
    if (r != XR_SUCCESS) return r;
    st->isActive = sl->active;
    return XR_SUCCESS;
}

bool xs_action_pose(struct xs_session *s, struct xs_action *a, XrPath subaction, struct xs_pose *out)
{
    int want = subaction == XR_NULL_PATH ? -1 : hand_of(subaction);
    if (subaction != XR_NULL_PATH && want < 0) return false;
    if (!a->slot[want + 1].active) return false;
    for (size_t i = 0; i < s->inst->binding_count; i++) {
        const struct xs_binding *b = &s->inst->bindings[i];
        int hand = hand_of(b->path);
        if (b->action != a || hand < 0 || (want >= 0 && hand != want) || b->profile != s->profile[hand] ||
            !xs_dev.hand[hand].active)
            continue;
        const char *path = xs_path_str(b->path);
        if (strstr(path, "/input/aim/pose")) {
            *out = xs_dev.hand[hand].aim;
            return true;
        }
        if (strstr(path, "/input/grip/pose")) {
            *out = xs_dev.hand[hand].grip;
            return true;
        }
    }
    return false;
}

XrResult XRAPI_CALL xrEnumerateBoundSourcesForAction(XrSession h, const XrBoundSourcesForActionEnumerateInfo *info,
                                                     uint32_t capacity, uint32_t *count, XrPath *sources)
{
    XS_ENTER("xrEnumerateBoundSourcesForAction");
    CHECK_SESSION(h);
    if (!info || info->type != XR_TYPE_BOUND_SOURCES_FOR_ACTION_ENUMERATE_INFO || !count)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    struct xs_action *a = (struct xs_action *)info->action;
    if (!xs_obj_live(a, XS_ACTION)) return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "action is not live");
    if (!a->set->attached)
        return xs_fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, __func__, "action '%s' is not attached", a->name);
    uint32_t n = 0;
    for (size_t i = 0; i < s->inst->binding_count; i++) {
        const struct xs_binding *b = &s->inst->bindings[i];
        int hand = hand_of(b->path);
        if (b->action != a || hand < 0 || b->profile != s->profile[hand]) continue;
        if (capacity && n < capacity) sources[n] = b->path;
        n++;
    }
    *count = n;
    if (capacity && capacity < n)
        return xs_fail(XR_ERROR_SIZE_INSUFFICIENT, __func__,
                       "the capacity is too small; call with capacity 0 first to learn the count");
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetInputSourceLocalizedName(XrSession h, const XrInputSourceLocalizedNameGetInfo *info,
                                                  uint32_t capacity, uint32_t *count, char *buffer)
{
    XS_ENTER("xrGetInputSourceLocalizedName");
    CHECK_SESSION(h);
    if (!info || info->type != XR_TYPE_INPUT_SOURCE_LOCALIZED_NAME_GET_INFO || !count)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    const char *path = xs_path_str(info->sourcePath);
    if (!path) return xs_fail(XR_ERROR_PATH_INVALID, __func__, "sourcePath is not a path");
    if (!info->whichComponents)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    char name[256] = "";
    int hand = hand_of(info->sourcePath);
    if (info->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_USER_PATH_BIT)
        strcat(name, hand == 0 ? "Left Hand " : hand == 1 ? "Right Hand " : "");
    if (info->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_INTERACTION_PROFILE_BIT)
        snprintf(name + strlen(name), sizeof name - strlen(name), "%s ", xs_profile_current_name(s));
    if (info->whichComponents & XR_INPUT_SOURCE_LOCALIZED_NAME_COMPONENT_BIT) {
        const char *in = strstr(path, "/input/");
        snprintf(name + strlen(name), sizeof name - strlen(name), "%s", in ? in + 7 : path);
    }
    size_t len = strlen(name);
    while (len && name[len - 1] == ' ')
        name[--len] = 0;
    *count = (uint32_t)len + 1;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < len + 1)
        return xs_fail(XR_ERROR_SIZE_INSUFFICIENT, __func__,
                       "the capacity is too small; call with capacity 0 first to learn the count");
    memcpy(buffer, name, len + 1);
    return XR_SUCCESS;
}

/* ---- haptics: one line per pulse in XRSIM_HAPTICS_LOG ---- */

static XrResult haptic(struct xs_session *s, const XrHapticActionInfo *info, const XrHapticVibration *vib,
                       const char *fn)
{
    if (!info || info->type != XR_TYPE_HAPTIC_ACTION_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, fn,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    struct xs_action *a = (struct xs_action *)info->action;
    if (!xs_obj_live(a, XS_ACTION)) return xs_fail(XR_ERROR_HANDLE_INVALID, fn, "action is not live");
    if (!a->set->attached) return xs_fail(XR_ERROR_ACTIONSET_NOT_ATTACHED, fn, "action '%s' is not attached", a->name);
    if (a->type != XR_ACTION_TYPE_VIBRATION_OUTPUT)
        return xs_fail(XR_ERROR_ACTION_TYPE_MISMATCH, fn, "action '%s' is not a vibration output", a->name);
    if (info->subactionPath != XR_NULL_PATH) {
        uint32_t i = 0;
        while (i < a->subaction_count && a->subaction[i] != info->subactionPath)
            i++;
        if (i == a->subaction_count)
            return xs_fail(XR_ERROR_PATH_UNSUPPORTED, fn, "subaction path was not declared for '%s'", a->name);
    }
    if (s->state != XR_SESSION_STATE_FOCUSED) return XR_SESSION_NOT_FOCUSED;
    int hand = info->subactionPath ? hand_of(info->subactionPath) : -1;
    const char *who = hand == 0 ? "left" : hand == 1 ? "right" : "any";
    if (xs_cfg.haptics_log[0]) {
        FILE *f = fopen(xs_cfg.haptics_log, "a");
        if (f) {
            double t = s->last_predicted ? (double)(s->last_predicted - s->t0) / 1e9 : 0;
            if (vib)
                fprintf(f, "%.4f %s %s duration_ns=%lld frequency=%g amplitude=%g\n", t, who, a->name,
                        (long long)vib->duration, vib->frequency, vib->amplitude);
            else
                fprintf(f, "%.4f %s %s stop\n", t, who, a->name);
            fclose(f);
        } else {
            xs_log(XS_LOG_ERROR, "cannot append to XRSIM_HAPTICS_LOG %s", xs_cfg.haptics_log);
        }
    }
    xs_dev.haptic_count++;
    if (vib)
        snprintf(xs_dev.haptic_last, sizeof xs_dev.haptic_last, "%s %s duration_ns=%lld frequency=%g amplitude=%g", who,
                 a->name, (long long)vib->duration, vib->frequency, vib->amplitude);
    else
        snprintf(xs_dev.haptic_last, sizeof xs_dev.haptic_last, "%s %s stop", who, a->name);
    xs_log(XS_LOG_INFO, "haptic %s %s %s", who, a->name, vib ? "pulse" : "stop");
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrApplyHapticFeedback(XrSession h, const XrHapticActionInfo *info,
                                          const XrHapticBaseHeader *feedback)
{
    XS_ENTER("xrApplyHapticFeedback");
    CHECK_SESSION(h);
    if (!feedback || feedback->type != XR_TYPE_HAPTIC_VIBRATION)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "hapticFeedback is not an XrHapticVibration");
    return haptic(s, info, (const XrHapticVibration *)feedback, __func__);
}

XrResult XRAPI_CALL xrStopHapticFeedback(XrSession h, const XrHapticActionInfo *info)
{
    XS_ENTER("xrStopHapticFeedback");
    CHECK_SESSION(h);
    return haptic(s, info, NULL, __func__);
}
