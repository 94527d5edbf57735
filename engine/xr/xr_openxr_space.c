/* xr_openxr_space.c — the headset's play space and the eyes and head
 * located in it each frame.
 *
 * The play space is STAGE (the floor of the play area) where the runtime
 * has it, else LOCAL (at the head's height when the session started)
 * raised by a floor offset, so y = 0 is the floor either way. Where it
 * stands in the world (the start, teleports, snap turns) is xr_frame.c's
 * origin, never the trainee's real head. */
#define LOG_TAG "xr"
#include "xr_openxr.h"

#include "log.h"

#include <stdlib.h>
#include <string.h>


static bool has_space(const XrReferenceSpaceType *v, uint32_t n, XrReferenceSpaceType t)
{
    for (uint32_t i = 0; i < n; i++)
        if (v[i] == t) return true;
    return false;
}

static XrResult make_space(struct oxr *o, XrReferenceSpaceType type, XrSpace *out)
{
    XrReferenceSpaceCreateInfo ci = {.type = XR_TYPE_REFERENCE_SPACE_CREATE_INFO, .referenceSpaceType = type};
    ci.poseInReferenceSpace.orientation.w = 1.0f;
    return xrCreateReferenceSpace(o->session, &ci, out);
}

bool oxr_spaces_create(struct oxr *o, char *why, size_t why_size)
{
    XrReferenceSpaceType types[16];
    uint32_t n = 0;
    XrResult r = xrEnumerateReferenceSpaces(o->session, 16, &n, types);
    if (XR_FAILED(r)) {
        oxr_explain(o, "xrEnumerateReferenceSpaces", r, why, why_size);
        return false;
    }
    /* PAJA_XR_LOCAL: a test hook to run as on a runtime without STAGE
     * (seated-only headsets), on LOCAL with the floor offset. */
    const char *local = getenv("PAJA_XR_LOCAL");
    o->world_is_stage = has_space(types, n, XR_REFERENCE_SPACE_TYPE_STAGE) &&
                        !(local && *local && strcmp(local, "0") != 0);
    r = make_space(o, o->world_is_stage ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL, &o->world);
    if (XR_FAILED(r)) {
        oxr_explain(o, "xrCreateReferenceSpace", r, why, why_size);
        return false;
    }
    r = make_space(o, XR_REFERENCE_SPACE_TYPE_VIEW, &o->view_space);
    if (XR_FAILED(r)) {
        oxr_explain(o, "xrCreateReferenceSpace(VIEW)", r, why, why_size);
        return false;
    }
    /* LOCAL's origin is where the head was: about standing eye height
     * above the floor (the scenario's start height, else 1.6 m). */
    float eye = o->desc.start_head.position[1];
    o->floor_offset = o->world_is_stage ? 0.0f : (eye > 0.5f ? eye : 1.6f);
    LOG_D("tracking space %s%s", o->world_is_stage ? "STAGE" : "LOCAL",
          o->world_is_stage ? "" : " with a floor offset");
    return true;
}

void oxr_spaces_destroy(struct oxr *o)
{
    if (o->world != XR_NULL_HANDLE) xrDestroySpace(o->world);
    if (o->view_space != XR_NULL_HANDLE) xrDestroySpace(o->view_space);
    o->world = o->view_space = XR_NULL_HANDLE;
}

void oxr_pose_to_play(const struct oxr *o, const XrPosef *p, struct pose *out)
{
    out->position[0] = p->position.x;
    out->position[1] = p->position.y + o->floor_offset;
    out->position[2] = p->position.z;
    glm_quat_init(out->orientation, p->orientation.x, p->orientation.y, p->orientation.z, p->orientation.w);
}

static void fov_from(const XrFovf *f, struct fov *out)
{
    out->angle_left = f->angleLeft;
    out->angle_right = f->angleRight;
    out->angle_up = f->angleUp;
    out->angle_down = f->angleDown;
}

bool oxr_locate_views(struct oxr *o, struct xr_frame *out)
{
    XrTime t = o->frame_state.predictedDisplayTime;
    XrViewLocateInfo li = {.type = XR_TYPE_VIEW_LOCATE_INFO,
                           .viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO,
                           .displayTime = t,
                           .space = o->world};
    XrViewState vs = {.type = XR_TYPE_VIEW_STATE};
    uint32_t n = 0;
    for (uint32_t v = 0; v < 2; v++) o->views[v] = (XrView){.type = XR_TYPE_VIEW};
    if (!oxr_check(o, xrLocateViews(o->session, &li, &vs, 2, &n, o->views), "xrLocateViews") || n != 2) return false;
    bool valid = (vs.viewStateFlags & XR_VIEW_STATE_POSITION_VALID_BIT) &&
                 (vs.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT);

    XrSpaceLocation head = {.type = XR_TYPE_SPACE_LOCATION};
    if (oxr_check(o, xrLocateSpace(o->view_space, o->world, t, &head), "xrLocateSpace(VIEW)") &&
        (head.locationFlags & XR_SPACE_LOCATION_POSITION_VALID_BIT) &&
        (head.locationFlags & XR_SPACE_LOCATION_ORIENTATION_VALID_BIT)) {
        oxr_pose_to_play(o, &head.pose, &o->last_head);
    }
    out->head = o->last_head;
    if (!valid) return false;
    for (uint32_t v = 0; v < 2; v++) {
        oxr_pose_to_play(o, &o->views[v].pose, &out->views[v].pose);
        fov_from(&o->views[v].fov, &out->views[v].fov);
        out->views[v].width = o->colour[v].width;
        out->views[v].height = o->colour[v].height;
        o->last_views[v] = out->views[v];
    }
    return true;
}
