/* pose.h — conversions between poses, matrices and projections. */
#ifndef PAJA_POSE_H
#define PAJA_POSE_H

#include "types.h"

void pose_identity(struct pose *out);
/* world_from_pose: the matrix placing something at the pose. */
void pose_to_matrix(const struct pose *p, mat4 out_world_from_pose);
/* view_from_world for a camera at the pose (its inverse). */
void pose_to_view(const struct pose *p, mat4 out_view_from_world);
/* The pose's forward direction (-Z rotated by its orientation). */
void pose_forward(const struct pose *p, vec3 out_dir);
/* A GL clip-space projection from an OpenXR-style field of view. */
void pose_fov_projection(const struct fov *fov, float near_z, float far_z, mat4 out_proj);
/* A symmetric field of view from a vertical angle and aspect ratio. */
struct fov pose_fov_symmetric(float vertical_radians, float aspect);
/* The heading of an orientation: the yaw (around +Y, radians, + = left of
 * -Z) of the direction it faces, as pose_from_yaw_pitch takes it. */
float pose_heading(const versor q);
/* Orientation for a head with yaw around +Y and then pitch around its +X. */
void pose_from_yaw_pitch(float yaw, float pitch, versor out_q);

#endif
