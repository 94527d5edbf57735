/* xr_desktop.c — the desktop backend: a head you steer with the mouse and
 * keyboard, and one hand (the right, or the left for a left-handed
 * trainee) that is the ray under the cursor. Real time. */
#include "xr_internal.h"

#include "arena.h"
#include "clock.h"
#include "pose.h"

#include <math.h>
#include <stdio.h>

struct desktop {
    uint64_t last_mono_ns; /* wall clock of the previous frame */
    int64_t time_us;
    vec3 head_position;    /* play space */
    float yaw, pitch;      /* head angles, radians */
};

static void set_head(struct xr *x, const struct pose *head)
{
    struct desktop *d = x->impl;
    glm_vec3_copy((float *)head->position, d->head_position);
    /* Recover yaw and pitch from the orientation's forward vector, so the
     * controller continues from exactly this pose. */
    vec3 fwd;
    glm_quat_rotatev((float *)head->orientation, (vec3){0.0f, 0.0f, -1.0f}, fwd);
    d->yaw = atan2f(-fwd[0], -fwd[2]);
    d->pitch = asinf(glm_clamp(fwd[1], -1.0f, 1.0f));
}

static bool create(struct xr *x, char *why, size_t why_size)
{
    (void)why;
    (void)why_size;
    x->impl = xcalloc(1, sizeof(struct desktop));
    set_head(x, &x->desc.start_head);
    return true;
}

static void look_and_walk(struct xr *x, struct desktop *d, const struct desk_input *in, float dt)
{
    /* Look: yaw turns left when the mouse moves left; pitch is clamped short
     * of straight up/down so the view never flips. */
    d->yaw -= in->look_dx * x->desc.look_sensitivity;
    d->pitch -= in->look_dy * x->desc.look_sensitivity;
    float limit = glm_rad(85.0f);
    d->pitch = glm_clamp(d->pitch, -limit, limit);
    d->yaw = fmodf(d->yaw, 2.0f * GLM_PIf);

    /* Move in the horizontal plane of the yaw, plus straight up/down. */
    vec3 fwd = {-sinf(d->yaw), 0.0f, -cosf(d->yaw)};
    vec3 right = {cosf(d->yaw), 0.0f, -sinf(d->yaw)};
    vec3 move = {0};
    if (in->key_down[DESK_KEY_FORWARD]) glm_vec3_add(move, fwd, move);
    if (in->key_down[DESK_KEY_BACK]) glm_vec3_sub(move, fwd, move);
    if (in->key_down[DESK_KEY_RIGHT]) glm_vec3_add(move, right, move);
    if (in->key_down[DESK_KEY_LEFT]) glm_vec3_sub(move, right, move);
    if (in->key_down[DESK_KEY_UP]) move[1] += 1.0f;
    if (in->key_down[DESK_KEY_DOWN]) move[1] -= 1.0f;
    if (glm_vec3_norm(move) > 0.0f) {
        glm_vec3_normalize(move);
        float speed = x->desc.move_speed * (in->key_down[DESK_KEY_FAST] ? 3.0f : 1.0f);
        glm_vec3_muladds(move, speed * dt, d->head_position);
        /* Keep the eye above the floor and below a workshop ceiling. */
        d->head_position[1] = glm_clamp(d->head_position[1], 0.3f, 3.0f);
    }
}

/* The hand: the ray from the eye through the cursor (or the screen centre
 * while looking around), so pointing is clicking. */
static void cursor_hand(const struct desk_input *in, const struct xr_frame *f, struct hand_input *h)
{
    h->active = true;
    float nx = 0.0f, ny = 0.0f;
    if (!in->look_captured && in->width > 0 && in->height > 0) {
        nx = in->cursor_x / (float)in->width * 2.0f - 1.0f;
        ny = 1.0f - in->cursor_y / (float)in->height * 2.0f;
    }
    struct fov fv = f->views[0].fov;
    vec3 dir_view = {nx * tanf(fv.angle_right), ny * tanf(fv.angle_up), -1.0f};
    vec3 dir;
    glm_quat_rotatev((float *)f->head.orientation, dir_view, dir);
    glm_vec3_normalize(dir);
    glm_vec3_copy((float *)f->head.position, h->aim.position);
    /* Orientation turning -Z onto the ray direction. */
    glm_quat_from_vecs((vec3){0.0f, 0.0f, -1.0f}, dir, h->aim.orientation);
    h->grip = h->aim;
    h->primary = in->button_left;
    h->trigger_value = in->button_left ? 1.0f : 0.0f;
    h->secondary = in->key_down[DESK_KEY_SECONDARY];
    h->scroll = in->wheel;
}

static void frame_begin(struct xr *x, struct xr_frame *out)
{
    struct desktop *d = x->impl;
    uint64_t now = clock_mono_ns();
    int64_t dt_us = out->index == 0 ? 0 : (int64_t)(now - d->last_mono_ns) / 1000;
    /* A stall (window dragged, debugger) must not teleport the head. */
    if (dt_us > 100000) dt_us = 100000;
    d->last_mono_ns = now;
    d->time_us += dt_us;
    out->time_us = d->time_us;
    out->state = XR_STATE_RUNNING;
    out->should_render = true;
    out->focused = true;

    static const struct desk_input none;
    const struct desk_input *in = x->have_window ? &x->window : &none;
    look_and_walk(x, d, in, (float)dt_us * 1e-6f);
    struct pose head;
    glm_vec3_copy(d->head_position, head.position);
    pose_from_yaw_pitch(d->yaw, d->pitch, head.orientation);
    int w = in->width > 0 ? in->width : x->desc.width, h = in->height > 0 ? in->height : x->desc.height;
    xr_mono_view(x, &head, w, h, out);
    cursor_hand(in, out, &out->hands[x->desc.left_handed ? HAND_LEFT : HAND_RIGHT]);
}

static void frame_end(struct xr *x, const struct xr_frame *f)
{
    (void)x;
    (void)f;
}

static void info(const struct xr *x, struct xr_info *out)
{
    (void)x;
    out->has_screen = true;
    snprintf(out->input, sizeof out->input, "mouse");
}

const struct xr_backend_ops xr_desktop_ops = {
    .name = "desktop",
    .create = create,
    .frame_begin = frame_begin,
    .frame_end = frame_end,
    .set_head = set_head,
    .info = info,
};
