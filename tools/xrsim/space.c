/* xrsim: reference and action spaces, xrLocateSpace, xrLocateViews.
 *
 * Everything is kept in STAGE coordinates: STAGE is the room with its origin
 * on the floor, LOCAL sits at the default eye height (1.6 m) above it, VIEW
 * follows the head, action spaces follow the controller a pose action is
 * bound to. The views are the head offset by half the IPD each way, with
 * asymmetric fields of view (wider outward and downward, as lenses are). */
#include "xrsim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LOCAL_HEIGHT 1.6f

static void quat_mul(const float a[4], const float b[4], float o[4])
{
    float r[4] = {
        a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1],
        a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
        a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3],
        a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2],
    };
    memcpy(o, r, sizeof r);
}

static void quat_rotate(const float q[4], const float v[3], float o[3])
{
    /* v' = v + 2w(u x v) + 2 u x (u x v) */
    const float *u = q;
    float t[3] = {2 * (u[1] * v[2] - u[2] * v[1]), 2 * (u[2] * v[0] - u[0] * v[2]), 2 * (u[0] * v[1] - u[1] * v[0])};
    float r[3] = {v[0] + q[3] * t[0] + (u[1] * t[2] - u[2] * t[1]), v[1] + q[3] * t[1] + (u[2] * t[0] - u[0] * t[2]),
                  v[2] + q[3] * t[2] + (u[0] * t[1] - u[1] * t[0])};
    memcpy(o, r, sizeof r);
}

void xs_pose_mul(const struct xs_pose *a, const struct xs_pose *b, struct xs_pose *out)
{
    struct xs_pose r;
    quat_rotate(a->q, b->p, r.p);
    for (int i = 0; i < 3; i++)
        r.p[i] += a->p[i];
    quat_mul(a->q, b->q, r.q);
    *out = r;
}

void xs_pose_inv(const struct xs_pose *a, struct xs_pose *out)
{
    struct xs_pose r;
    r.q[0] = -a->q[0];
    r.q[1] = -a->q[1];
    r.q[2] = -a->q[2];
    r.q[3] = a->q[3];
    float np[3] = {-a->p[0], -a->p[1], -a->p[2]};
    quat_rotate(r.q, np, r.p);
    *out = r;
}

static struct xs_pose from_xr(const XrPosef *p)
{
    struct xs_pose r = {{p->position.x, p->position.y, p->position.z},
                        {p->orientation.x, p->orientation.y, p->orientation.z, p->orientation.w}};
    return r;
}

static XrPosef to_xr(const struct xs_pose *p)
{
    XrPosef r = {{p->q[0], p->q[1], p->q[2], p->q[3]}, {p->p[0], p->p[1], p->p[2]}};
    return r;
}

static bool pose_valid(const XrPosef *p)
{
    float n = p->orientation.x * p->orientation.x + p->orientation.y * p->orientation.y +
              p->orientation.z * p->orientation.z + p->orientation.w * p->orientation.w;
    return fabsf(n - 1.0f) < 1e-3f && isfinite(p->position.x) && isfinite(p->position.y) && isfinite(p->position.z);
}

#define CHECK_SESSION(h)                                                                                               \
    struct xs_session *s = (struct xs_session *)(h);                                                                   \
    if (!xs_obj_live(s, XS_SESSION))                                                                                   \
    return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "XrSession %p is not a live session", (void *)s)

static const XrReferenceSpaceType ref_types[] = {XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL,
                                                 XR_REFERENCE_SPACE_TYPE_STAGE};

XrResult XRAPI_CALL xrEnumerateReferenceSpaces(XrSession h, uint32_t capacity, uint32_t *count,
                                               XrReferenceSpaceType *out)
{
    XS_ENTER("xrEnumerateReferenceSpaces");
    CHECK_SESSION(h);
    if (!count)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    *count = 3;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < 3)
        return xs_fail(XR_ERROR_SIZE_INSUFFICIENT, __func__,
                       "the capacity is too small; call with capacity 0 first to learn the count");
    memcpy(out, ref_types, sizeof ref_types);
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrCreateReferenceSpace(XrSession h, const XrReferenceSpaceCreateInfo *info, XrSpace *out)
{
    XS_ENTER("xrCreateReferenceSpace");
    CHECK_SESSION(h);
    if (!info || !out || info->type != XR_TYPE_REFERENCE_SPACE_CREATE_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (info->referenceSpaceType != XR_REFERENCE_SPACE_TYPE_VIEW &&
        info->referenceSpaceType != XR_REFERENCE_SPACE_TYPE_LOCAL &&
        info->referenceSpaceType != XR_REFERENCE_SPACE_TYPE_STAGE)
        return xs_fail(XR_ERROR_REFERENCE_SPACE_UNSUPPORTED, __func__,
                       "reference space type %d: xrsim has VIEW, LOCAL, STAGE", (int)info->referenceSpaceType);
    if (!pose_valid(&info->poseInReferenceSpace))
        return xs_fail(XR_ERROR_POSE_INVALID, __func__, "poseInReferenceSpace has a non-unit orientation");
    struct xs_space *sp = calloc(1, sizeof *sp);
    if (!sp) return XR_ERROR_OUT_OF_MEMORY;
    sp->session = s;
    sp->ref = info->referenceSpaceType;
    sp->offset = from_xr(&info->poseInReferenceSpace);
    xs_obj_add(&sp->o, XS_SPACE, s);
    *out = (XrSpace)sp;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrGetReferenceSpaceBoundsRect(XrSession h, XrReferenceSpaceType type, XrExtent2Df *bounds)
{
    XS_ENTER("xrGetReferenceSpaceBoundsRect");
    CHECK_SESSION(h);
    if (!bounds)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (type != XR_REFERENCE_SPACE_TYPE_VIEW && type != XR_REFERENCE_SPACE_TYPE_LOCAL &&
        type != XR_REFERENCE_SPACE_TYPE_STAGE)
        return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
    if (type != XR_REFERENCE_SPACE_TYPE_STAGE) {
        bounds->width = bounds->height = 0;
        return XR_SPACE_BOUNDS_UNAVAILABLE;
    }
    bounds->width = 4.0f; /* a 4 m x 3 m play area */
    bounds->height = 3.0f;
    return XR_SUCCESS;
}

XrResult XRAPI_CALL xrCreateActionSpace(XrSession h, const XrActionSpaceCreateInfo *info, XrSpace *out)
{
    XS_ENTER("xrCreateActionSpace");
    CHECK_SESSION(h);
    if (!info || !out || info->type != XR_TYPE_ACTION_SPACE_CREATE_INFO)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    struct xs_action *a = (struct xs_action *)info->action;
    if (!xs_obj_live(a, XS_ACTION)) return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "action is not live");
    if (a->type != XR_ACTION_TYPE_POSE_INPUT)
        return xs_fail(XR_ERROR_ACTION_TYPE_MISMATCH, __func__, "action '%s' is not a pose action", a->name);
    if (info->subactionPath != XR_NULL_PATH) {
        uint32_t i = 0;
        while (i < a->subaction_count && a->subaction[i] != info->subactionPath)
            i++;
        if (i == a->subaction_count)
            return xs_fail(XR_ERROR_PATH_UNSUPPORTED, __func__, "subaction path %s was not declared for '%s'",
                           xs_path_str(info->subactionPath) ? xs_path_str(info->subactionPath) : "?", a->name);
    }
    if (!pose_valid(&info->poseInActionSpace))
        return xs_fail(XR_ERROR_POSE_INVALID, __func__, "poseInActionSpace has a non-unit orientation");
    struct xs_space *sp = calloc(1, sizeof *sp);
    if (!sp) return XR_ERROR_OUT_OF_MEMORY;
    sp->session = s;
    sp->action = a;
    sp->subaction = info->subactionPath;
    sp->offset = from_xr(&info->poseInActionSpace);
    xs_obj_add(&sp->o, XS_SPACE, s);
    *out = (XrSpace)sp;
    return XR_SUCCESS;
}

void xs_space_free(struct xs_space *sp)
{
    xs_obj_remove(&sp->o);
    free(sp);
}

XrResult XRAPI_CALL xrDestroySpace(XrSpace h)
{
    XS_ENTER("xrDestroySpace");
    struct xs_space *sp = (struct xs_space *)h;
    if (!xs_obj_live(sp, XS_SPACE))
        return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "XrSpace %p is not a live space", (void *)sp);
    xs_space_free(sp);
    return XR_SUCCESS;
}

bool xs_space_in_stage(struct xs_space *sp, struct xs_pose *out)
{
    struct xs_pose base = {{0, 0, 0}, {0, 0, 0, 1}};
    if (sp->action) {
        if (!xs_action_pose(sp->session, sp->action, sp->subaction, &base)) return false;
    } else if (sp->ref == XR_REFERENCE_SPACE_TYPE_VIEW) {
        base = xs_dev.head;
    } else if (sp->ref == XR_REFERENCE_SPACE_TYPE_LOCAL) {
        base.p[1] = LOCAL_HEIGHT;
    }
    xs_pose_mul(&base, &sp->offset, out);
    return true;
}

XrResult XRAPI_CALL xrLocateSpace(XrSpace space, XrSpace baseSpace, XrTime time, XrSpaceLocation *loc)
{
    XS_ENTER("xrLocateSpace");
    struct xs_space *sp = (struct xs_space *)space, *base = (struct xs_space *)baseSpace;
    if (!xs_obj_live(sp, XS_SPACE) || !xs_obj_live(base, XS_SPACE))
        return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "space or baseSpace is not live");
    if (!loc || loc->type != XR_TYPE_SPACE_LOCATION)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (time <= 0) return xs_fail(XR_ERROR_TIME_INVALID, __func__, "time %lld <= 0", (long long)time);
    struct xs_pose a, b, binv, rel;
    if (!xs_space_in_stage(sp, &a) || !xs_space_in_stage(base, &b)) {
        loc->locationFlags = 0;
        memset(&loc->pose, 0, sizeof loc->pose);
        loc->pose.orientation.w = 1;
        return XR_SUCCESS;
    }
    xs_pose_inv(&b, &binv);
    xs_pose_mul(&binv, &a, &rel);
    loc->pose = to_xr(&rel);
    loc->locationFlags = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT |
                         XR_SPACE_LOCATION_POSITION_TRACKED_BIT | XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT;
    for (XrBaseOutStructure *n = (XrBaseOutStructure *)loc->next; n; n = n->next)
        if (n->type == XR_TYPE_SPACE_VELOCITY) {
            XrSpaceVelocity *v = (XrSpaceVelocity *)n;
            memset(&v->linearVelocity, 0, sizeof v->linearVelocity);
            memset(&v->angularVelocity, 0, sizeof v->angularVelocity);
            v->velocityFlags = XR_SPACE_VELOCITY_LINEAR_VALID_BIT | XR_SPACE_VELOCITY_ANGULAR_VALID_BIT;
        }
    return XR_SUCCESS;
}

XrFovf xs_eye_fov(int eye)
{
    /* outward 50 deg, inward 43 deg, up 45 deg, down 50 deg */
    const float out = 0.8727f, in = 0.7505f;
    XrFovf f = {eye == 0 ? -out : -in, eye == 0 ? in : out, 0.7854f, -0.8727f};
    return f;
}

struct xs_pose xs_eye_pose(int eye)
{
    struct xs_pose in_head = {{eye == 0 ? -xs_cfg.ipd / 2 : xs_cfg.ipd / 2, 0, 0}, {0, 0, 0, 1}}, out;
    xs_pose_mul(&xs_dev.head, &in_head, &out);
    return out;
}

void xs_pose_apply(const struct xs_pose *p, const float v[3], float out[3])
{
    quat_rotate(p->q, v, out);
    for (int i = 0; i < 3; i++)
        out[i] += p->p[i];
}

void xs_rotate(const float q[4], const float v[3], float out[3])
{
    quat_rotate(q, v, out);
}

XrResult XRAPI_CALL xrLocateViews(XrSession h, const XrViewLocateInfo *info, XrViewState *state, uint32_t capacity,
                                  uint32_t *count, XrView *views)
{
    XS_ENTER("xrLocateViews");
    CHECK_SESSION(h);
    if (!info || info->type != XR_TYPE_VIEW_LOCATE_INFO || !state || state->type != XR_TYPE_VIEW_STATE || !count)
        return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__,
                       "a required pointer is NULL, a structure's type is wrong or a count is 0");
    if (info->viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
        return xs_fail(XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED, __func__, "only PRIMARY_STEREO");
    if (info->displayTime <= 0)
        return xs_fail(XR_ERROR_TIME_INVALID, __func__, "displayTime %lld <= 0", (long long)info->displayTime);
    struct xs_space *sp = (struct xs_space *)info->space;
    if (!xs_obj_live(sp, XS_SPACE))
        return xs_fail(XR_ERROR_HANDLE_INVALID, __func__, "viewLocateInfo->space is not live");
    *count = 2;
    if (capacity == 0) return XR_SUCCESS;
    if (capacity < 2) return xs_fail(XR_ERROR_SIZE_INSUFFICIENT, __func__, "capacity %u < 2 views", capacity);
    struct xs_pose base, binv;
    if (!xs_space_in_stage(sp, &base)) {
        state->viewStateFlags = 0;
        return XR_SUCCESS;
    }
    xs_pose_inv(&base, &binv);
    for (int e = 0; e < 2; e++) {
        if (views[e].type != XR_TYPE_VIEW)
            return xs_fail(XR_ERROR_VALIDATION_FAILURE, __func__, "views[%d].type is not XR_TYPE_VIEW", e);
        struct xs_pose eye = xs_eye_pose(e), rel;
        xs_pose_mul(&binv, &eye, &rel);
        views[e].pose = to_xr(&rel);
        views[e].fov = xs_eye_fov(e);
    }
    state->viewStateFlags = XR_VIEW_STATE_POSITION_VALID_BIT | XR_VIEW_STATE_ORIENTATION_VALID_BIT |
                            XR_VIEW_STATE_POSITION_TRACKED_BIT | XR_VIEW_STATE_ORIENTATION_TRACKED_BIT;
    return XR_SUCCESS;
}
