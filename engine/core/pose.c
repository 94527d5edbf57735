/* pose.c — see pose.h. Uses cglm's right-handed, -1..1 clip conventions. */
#include "pose.h"

#include <math.h>

void pose_identity(struct pose *out)
{
    glm_vec3_zero(out->position);
    glm_quat_identity(out->orientation);
}

void pose_to_matrix(const struct pose *p, mat4 out)
{
    versor q;
    glm_quat_copy((float *)p->orientation, q);
    glm_quat_mat4(q, out);
    out[3][0] = p->position[0];
    out[3][1] = p->position[1];
    out[3][2] = p->position[2];
}

void pose_to_view(const struct pose *p, mat4 out)
{
    mat4 world_from_pose;
    pose_to_matrix(p, world_from_pose);
    /* A rigid transform: the transpose-based inverse is exact and cheap. */
    glm_inv_tr(world_from_pose);
    glm_mat4_copy(world_from_pose, out);
}

void pose_forward(const struct pose *p, vec3 out_dir)
{
    versor q;
    glm_quat_copy((float *)p->orientation, q);
    vec3 fwd = {0.0f, 0.0f, -1.0f};
    glm_quat_rotatev(q, fwd, out_dir);
}

void pose_fov_projection(const struct fov *fov, float near_z, float far_z, mat4 out)
{
    float l = near_z * tanf(fov->angle_left), r = near_z * tanf(fov->angle_right);
    float d = near_z * tanf(fov->angle_down), u = near_z * tanf(fov->angle_up);
    glm_frustum(l, r, d, u, near_z, far_z, out);
}

struct fov pose_fov_symmetric(float vertical_radians, float aspect)
{
    float half_v = vertical_radians * 0.5f;
    float half_h = atanf(tanf(half_v) * aspect);
    struct fov f = {-half_h, half_h, half_v, -half_v};
    return f;
}

float pose_heading(const versor q)
{
    vec3 f;
    glm_quat_rotatev((float *)q, (vec3){0.0f, 0.0f, -1.0f}, f);
    return atan2f(-f[0], -f[2]);
}

void pose_from_yaw_pitch(float yaw, float pitch, versor out_q)
{
    versor qy, qp;
    glm_quatv(qy, yaw, (vec3){0.0f, 1.0f, 0.0f});
    glm_quatv(qp, pitch, (vec3){1.0f, 0.0f, 0.0f});
    glm_quat_mul(qy, qp, out_q);
}
