/* xr_desktop.c — the desktop backend: a head you steer with the mouse and
 * keyboard, and a right hand that is the ray under the cursor. */
#include "xr_internal.h"

#include "pose.h"

#include <math.h>

void xr_desktop_update(struct xr *x, const struct desk_input *in, float dt, struct xr_frame *out)
{
    /* Look: yaw turns left when the mouse moves left; pitch is clamped short
     * of straight up/down so the view never flips. */
    x->yaw -= in->look_dx * x->desc.look_sensitivity;
    x->pitch -= in->look_dy * x->desc.look_sensitivity;
    float limit = glm_rad(85.0f);
    x->pitch = glm_clamp(x->pitch, -limit, limit);
    x->yaw = fmodf(x->yaw, 2.0f * GLM_PIf);

    /* Move in the horizontal plane of the yaw, plus straight up/down. */
    vec3 fwd = {-sinf(x->yaw), 0.0f, -cosf(x->yaw)};
    vec3 right = {cosf(x->yaw), 0.0f, -sinf(x->yaw)};
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
        glm_vec3_muladds(move, speed * dt, x->head_position);
        /* Keep the eye above the floor and below a workshop ceiling. */
        x->head_position[1] = glm_clamp(x->head_position[1], 0.3f, 3.0f);
    }

    /* Right hand: the ray from the eye through the cursor (or the screen
     * centre while looking around), so pointing is clicking. */
    struct hand_input *h = &out->hands[HAND_RIGHT];
    h->active = true;
    float nx = 0.0f, ny = 0.0f;
    if (!in->look_captured && in->width > 0 && in->height > 0) {
        nx = in->cursor_x / (float)in->width * 2.0f - 1.0f;
        ny = 1.0f - in->cursor_y / (float)in->height * 2.0f;
    }
    struct fov f = out->views[0].fov;
    vec3 dir_view = {nx * tanf(f.angle_right), ny * tanf(f.angle_up), -1.0f};
    versor head_q;
    pose_from_yaw_pitch(x->yaw, x->pitch, head_q);
    vec3 dir_world;
    glm_quat_rotatev(head_q, dir_view, dir_world);
    glm_vec3_normalize(dir_world);
    glm_vec3_copy(x->head_position, h->aim.position);
    /* Orientation turning -Z onto the ray direction. */
    glm_quat_from_vecs((vec3){0.0f, 0.0f, -1.0f}, dir_world, h->aim.orientation);
    h->grip = h->aim;
    h->primary = in->button_left;
    h->trigger_value = in->button_left ? 1.0f : 0.0f;
    h->secondary = in->key_down[DESK_KEY_SECONDARY];
    h->scroll = in->wheel;
    out->hands[HAND_LEFT].active = false;
}
