/* xr_frame.c — the frame API and the headless backend. */
#include "xr_internal.h"

#include "arena.h"
#include "clock.h"
#include "pose.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct xr *xr_create(const struct xr_desc *desc)
{
    struct xr *x = xcalloc(1, sizeof *x);
    x->desc = *desc;
    if (x->desc.vertical_fov <= 0.0f) x->desc.vertical_fov = glm_rad(70.0f);
    if (x->desc.fixed_step_us <= 0) x->desc.fixed_step_us = 1000000 / 90;
    if (x->desc.move_speed <= 0.0f) x->desc.move_speed = 1.4f;
    if (x->desc.look_sensitivity <= 0.0f) x->desc.look_sensitivity = 0.0025f;
    xr_set_head(x, &desc->start_head);
    return x;
}

void xr_destroy(struct xr **px)
{
    if (*px) xr_openxr_destroy(*px);
    free(*px);
    *px = NULL;
}

void xr_set_head(struct xr *x, const struct pose *head)
{
    if (x->oxr) xr_openxr_set_head(x, head);
    glm_vec3_copy((float *)head->position, x->head_position);
    /* Recover yaw and pitch from the orientation's forward vector, so the
     * desktop controller continues from exactly this pose. A zero quaternion
     * (an unset pose) means looking down -Z. */
    versor q;
    glm_quat_copy((float *)head->orientation, q);
    if (glm_vec4_norm(q) < 1e-6f) glm_quat_identity(q);
    vec3 fwd;
    glm_quat_rotatev(q, (vec3){0.0f, 0.0f, -1.0f}, fwd);
    x->yaw = atan2f(-fwd[0], -fwd[2]);
    x->pitch = asinf(glm_clamp(fwd[1], -1.0f, 1.0f));
}

void xr_head_angles(const struct xr *x, float *out_yaw, float *out_pitch)
{
    *out_yaw = x->yaw;
    *out_pitch = x->pitch;
}

bool xr_frame_begin(struct xr *x, const struct desk_input *in, struct xr_frame *out)
{
    memset(out, 0, sizeof *out);
    out->index = x->frame_index;
    if (x->oxr) return xr_openxr_frame_begin(x, out);
    out->session = x->exit_requested ? XR_SESSION_EXITING : XR_SESSION_RUNNING;
    out->should_render = true;
    out->focused = true;
    float dt = 0.0f;
    if (x->desc.backend == XR_BACKEND_HEADLESS) {
        /* Simulated time: the first frame is at 0, then a fixed step. */
        out->dt_us = x->frame_index == 0 ? 0 : x->desc.fixed_step_us;
    } else {
        uint64_t now = clock_mono_ns();
        int64_t dt_us = x->frame_index == 0 ? 0 : (int64_t)(now - x->last_mono_ns) / 1000;
        /* A stall (window dragged, debugger) must not teleport the head. */
        if (dt_us > 100000) dt_us = 100000;
        out->dt_us = dt_us;
        x->last_mono_ns = now;
    }
    x->time_us += out->dt_us;
    out->time_us = x->time_us;
    dt = (float)out->dt_us * 1e-6f;

    out->width = in && in->width > 0 ? in->width : 1280;
    out->height = in && in->height > 0 ? in->height : 720;
    out->view_count = 1;
    float aspect = (float)out->width / (float)out->height;
    out->views[0].fov = pose_fov_symmetric(x->desc.vertical_fov, aspect);

    if (x->desc.backend == XR_BACKEND_DESKTOP && in) xr_desktop_update(x, in, dt, out);

    glm_vec3_copy(x->head_position, out->views[0].pose.position);
    pose_from_yaw_pitch(x->yaw, x->pitch, out->views[0].pose.orientation);
    out->head = out->views[0].pose;
    out->views[0].width = out->width;
    out->views[0].height = out->height;
    if (x->desc.backend == XR_BACKEND_HEADLESS) {
        /* Scripts drive hands later; until then both rest inactive. */
        out->hands[HAND_LEFT].active = false;
        out->hands[HAND_RIGHT].active = false;
    }
    return true;
}

void xr_frame_end(struct xr *x, const struct xr_frame *f)
{
    if (x->oxr) xr_openxr_frame_end(x, f);
    x->frame_index++;
}
