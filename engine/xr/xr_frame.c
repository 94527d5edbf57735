/* xr_frame.c — the frame API over the backends (xr_internal.h): what every
 * backend shares, so each backend file holds only what is its own. */
#include "xr_internal.h"

#include "arena.h"
#include "pose.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct xr_backend_ops *backend_ops(enum xr_backend b)
{
    switch (b) {
    case XR_BACKEND_DESKTOP: return &xr_desktop_ops;
    case XR_BACKEND_HEADLESS: return &xr_headless_ops;
    case XR_BACKEND_OPENXR: return &xr_openxr_ops;
    case XR_BACKEND_COUNT: break;
    }
    return NULL;
}

struct xr *xr_create(const struct xr_desc *desc, char *why, size_t why_size)
{
    const struct xr_backend_ops *ops = backend_ops(desc->backend);
    if (!ops) {
        snprintf(why, why_size, "unknown xr backend %d", (int)desc->backend);
        return NULL;
    }
    struct xr *x = xcalloc(1, sizeof *x);
    x->desc = *desc;
    x->ops = ops;
    if (x->desc.vertical_fov <= 0.0f) x->desc.vertical_fov = glm_rad(70.0f);
    if (x->desc.fixed_step_us <= 0) x->desc.fixed_step_us = 1000000 / 90;
    if (x->desc.move_speed <= 0.0f) x->desc.move_speed = 1.4f;
    if (x->desc.look_sensitivity <= 0.0f) x->desc.look_sensitivity = 0.0025f;
    if (x->desc.width <= 0 || x->desc.height <= 0) {
        x->desc.width = 1280;
        x->desc.height = 720;
    }
    if (!x->desc.app_name) x->desc.app_name = "paja";
    if (x->desc.near_m <= 0.0f) x->desc.near_m = 0.05f;
    if (x->desc.far_m <= x->desc.near_m) x->desc.far_m = 100.0f;
    /* An unset start pose (zero quaternion) looks down -Z. */
    if (glm_vec4_norm(x->desc.start_head.orientation) < 1e-6f) glm_quat_identity(x->desc.start_head.orientation);
    pose_identity(&x->origin);
    x->last_head = x->desc.start_head;
    if (!ops->create(x, why, why_size)) {
        free(x);
        return NULL;
    }
    return x;
}

void xr_destroy(struct xr **px)
{
    struct xr *x = *px;
    if (!x) return;
    if (x->ops->destroy) x->ops->destroy(x);
    else free(x->impl);
    free(x);
    *px = NULL;
}

void xr_get_info(const struct xr *x, struct xr_info *out)
{
    memset(out, 0, sizeof *out);
    out->backend = x->desc.backend;
    snprintf(out->device, sizeof out->device, "%s", x->ops->name);
    snprintf(out->input, sizeof out->input, "none");
    if (x->ops->info) x->ops->info(x, out);
}

void xr_set_window_input(struct xr *x, const struct desk_input *in)
{
    x->window = *in;
    x->have_window = true;
}

/* world = origin * play, for a pose. */
static void place(const struct pose *origin, struct pose *p)
{
    vec3 pos;
    glm_quat_rotatev((float *)origin->orientation, p->position, pos);
    glm_vec3_add(pos, (float *)origin->position, p->position);
    versor q;
    glm_quat_mul((float *)origin->orientation, p->orientation, q);
    glm_quat_normalize_to(q, p->orientation);
}

void xr_frame_begin(struct xr *x, struct xr_frame *out)
{
    memset(out, 0, sizeof *out);
    out->index = x->frame_index;
    x->ops->frame_begin(x, out);
    if (x->exit_requested) {
        out->state = XR_STATE_EXITING;
        out->should_render = false;
    }
    out->dt_us = x->frame_index == 0 ? 0 : out->time_us - x->last_time_us;
    if (out->dt_us < 0) out->dt_us = 0;
    x->last_time_us = out->time_us;

    /* Play space to world, in one place for every backend. */
    place(&x->origin, &out->head);
    for (uint32_t v = 0; v < out->view_count; v++) place(&x->origin, &out->views[v].pose);
    for (int h = 0; h < HAND_COUNT; h++) {
        place(&x->origin, &out->hands[h].aim);
        place(&x->origin, &out->hands[h].grip);
    }
    out->floor_y = x->origin.position[1];
    x->last_head = out->head;
}

void xr_frame_end(struct xr *x, const struct xr_frame *f)
{
    x->ops->frame_end(x, f);
    x->frame_index++;
}

void xr_set_origin(struct xr *x, const struct pose *world_from_play)
{
    x->origin = *world_from_play;
}

void xr_get_origin(const struct xr *x, struct pose *out)
{
    *out = x->origin;
}

void xr_set_head(struct xr *x, const struct pose *head)
{
    struct pose h = *head;
    if (glm_vec4_norm(h.orientation) < 1e-6f) glm_quat_identity(h.orientation);
    if (x->ops->set_head) {
        /* The backend owns the head: hand it over in play space. */
        struct pose inv;
        glm_quat_inv(x->origin.orientation, inv.orientation);
        vec3 d;
        glm_vec3_sub(h.position, x->origin.position, d);
        glm_quat_rotatev(inv.orientation, d, inv.position);
        versor q;
        glm_quat_mul(inv.orientation, h.orientation, q);
        glm_quat_normalize_to(q, inv.orientation);
        x->ops->set_head(x, &inv);
    } else {
        /* A tracked head cannot be moved: turn and move the origin so the
         * last tracked head comes to stand (and face, in yaw) there. */
        float turn = pose_heading(h.orientation) - pose_heading(x->last_head.orientation);
        versor r;
        glm_quatv(r, turn, (vec3){0.0f, 1.0f, 0.0f});
        struct pose o = x->origin;
        versor q;
        glm_quat_mul(r, o.orientation, q);
        glm_quat_normalize_to(q, o.orientation);
        /* The head's position, turned about the world origin, then moved. */
        vec3 head_turned, rel;
        glm_vec3_sub(x->last_head.position, x->origin.position, rel);
        glm_quat_rotatev(r, rel, head_turned);
        for (int i = 0; i < 3; i++) o.position[i] = h.position[i] - head_turned[i];
        x->origin = o;
    }
    x->last_head = h;
}

void xr_head_angles(const struct xr *x, float *out_yaw, float *out_pitch)
{
    vec3 fwd;
    glm_quat_rotatev((float *)x->last_head.orientation, (vec3){0.0f, 0.0f, -1.0f}, fwd);
    *out_yaw = atan2f(-fwd[0], -fwd[2]);
    *out_pitch = asinf(glm_clamp(fwd[1], -1.0f, 1.0f));
}

void xr_haptic_pulse(struct xr *x, enum hand_side hand, float amplitude, float seconds)
{
    if (x->ops->haptic && hand >= 0 && hand < HAND_COUNT) x->ops->haptic(x, hand, amplitude, seconds);
}

void xr_request_exit(struct xr *x)
{
    if (x->ops->request_exit) x->ops->request_exit(x);
    else x->exit_requested = true;
}

const char *xr_end_reason(const struct xr *x)
{
    const char *r = x->ops->end_reason ? x->ops->end_reason(x) : NULL;
    return r ? r : "";
}

void xr_mono_view(const struct xr *x, const struct pose *head, int w, int h, struct xr_frame *out)
{
    out->view_count = 1;
    out->head = *head;
    out->views[0].pose = *head;
    out->views[0].width = w;
    out->views[0].height = h;
    out->views[0].fov = pose_fov_symmetric(x->desc.vertical_fov, (float)w / (float)h);
}
